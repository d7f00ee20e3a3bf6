# English. Plain words, short sentences (about an 8th-grade reading level).
# Every message here must also be in es/main.ftl and zh-Hant/main.ftl.

## Page frame

service-name = IHSS Career Pathways
skip-link = Skip to main content
language-switch-label = Choose a language
nav-label = Main menu
nav-home = Home
nav-courses = Find a course
footer-help-heading = Need help?
footer-help-course = For questions about signing up for a course, contact the school or group that teaches it. You will find their contact details on each course page.
help-desk-label = IHSS Service Desk (phone)
help-email-label = Career Pathways email
footer-free = Career Pathways training is free. You never pay to take part.

## Home page

home-title = Free training for IHSS and WPCS providers
home-lead = The IHSS Career Pathways Program offers free classes to home care providers in California. You learn new skills, and you can be paid for the time you spend in class.
home-catalog-link = Find a course
home-benefits-heading = What you get
home-benefit-free = Classes are free. You never pay a fee.
home-benefit-paid = You can be paid for your class time at your county's hourly wage.
home-benefit-incentive = You can earn extra incentive payments when you finish enough hours in a pathway.
home-benefit-languages = Many classes are taught in Spanish, Chinese and other languages.
home-who-heading = Who can take part
home-who-text = IHSS and WPCS providers who have finished provider enrollment can take part. This includes registry and backup providers, even if they do not have a recipient right now.
home-pathways-heading = Five pathways
home-pathways-text = Classes are grouped into five pathways. General classes are useful for every provider. Specialized classes help you care for people with more complex needs.
home-help-heading = Questions?
home-help-course = For questions about signing up for a course, contact the school or group that teaches it. Their phone and email are on each course page.
home-help-other = For questions about pay, or anything else, call or email us.

## Pathways, categories and ways of teaching

pathway-GHS = General Health and Safety
pathway-AED = Adult Education
pathway-CIB = Cognitive Impairments and Behavioral Health
pathway-CPC = Complex Physical Care Needs
pathway-THC = Moving to Home and Community Living
category-1 = General
category-2 = Specialized
modality-online-instructor = Online with a teacher
modality-self-paced = Online at your own pace
modality-in-person = In person

## Names of the languages courses are taught in

language-name-en = English
language-name-es = Spanish
language-name-zh-Hant = Chinese (Traditional)
language-name-zh-Hans = Chinese (Simplified)
language-name-zh = Chinese
language-name-hy = Armenian
language-name-ko = Korean
language-name-ru = Russian
language-name-vi = Vietnamese
language-name-tl = Tagalog
language-name-fa = Persian (Farsi)
language-name-ar = Arabic
language-name-pa = Punjabi
language-name-hmn = Hmong
language-name-km = Khmer (Cambodian)
language-name-ja = Japanese

## Course list

catalog-title = Find a course
catalog-lead = Every course on this list is approved by the program and free for providers.
filter-heading = Filter courses
filter-panel-summary =
    { $count ->
        [0] Filters
        [one] Filters (1 on)
       *[other] Filters ({ $shown } on)
    }
filter-pathway-label = Pathway
filter-pathway-hint = The subject of the course.
filter-category-label = Category
filter-category-hint = General courses are for every provider. Specialized courses are about caring for people with special needs.
filter-modality-label = How it is taught
filter-modality-hint = Online with a teacher, online at your own pace, or in a classroom.
filter-language-label = Language
filter-language-hint = The language the course is taught in.
filter-search-label = Search
filter-search-hint = Words from the course's title or description, in any language.
filter-search-button = Search
filter-place-label = Online or in person
filter-place-hint = Classes you join online from home, or classes in a room with a teacher.
filter-place-online = Online
filter-place-in-person = In person
filter-county-label = County
filter-county-hint = Courses with a class in a room in this county.
filter-dates-legend = When a class starts
filter-dates-hint = Courses with a class starting between these days. Leave a date empty for no limit.
filter-from-label = From
filter-until-label = To
filter-seats-label = Only courses with places left
filter-seats-hint = Classes you can still sign up for on this site.
filter-sort-label = Sort by
filter-sort-hint = Best match lists courses with your words in the title first.
sort-relevance = Best match
sort-title = Title, A to Z
sort-soonest = Soonest class
error-text-too-long = Search words must be 100 characters or fewer
error-place-invalid = Choose online or in person from the list
error-county-invalid = Choose a county from the list
error-from-invalid = The "from" date must be a real date, such as 2026-03-31
error-until-invalid = The "to" date must be a real date, such as 2026-04-30
error-until-before-from = The "to" date must be the same as or after the "from" date
error-seats-invalid = Tick the box to see only courses with places left, or leave it empty
error-sort-invalid = Choose an order from the list
filter-any = Any
filter-submit = Show courses
filter-clear = Clear all filters
catalog-count =
    { $count ->
        [0] No courses found
        [one] 1 course found
       *[other] { $shown } courses found
    }
catalog-none = No courses match what you chose. Try removing a filter.
catalog-page-of = Page { $page } of { $pages }
catalog-fix-filters = Fix the problem above to see courses
pagination-label = Pages of results
pagination-previous = Previous page
pagination-next = Next page

## One course

course-number = Course number
course-pathway = Pathway
course-category = Category
course-hours = Credit hours
course-hours-value =
    { $count ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }
course-modality = How it is taught
course-languages = Languages
course-vendor = Taught by
course-sessions-upcoming =
    { $count ->
        [0] No upcoming classes listed
        [one] 1 upcoming class
       *[other] { $shown } upcoming classes
    }
course-register-vendor-site = Sign up on the school's website
course-back = Back to all courses
course-free-note = This course is free. You may be paid for your class time.
course-register-heading = How to sign up
course-register-external = The school that teaches this course signs people up on its own website.
course-register-link = Sign up on the school's website
course-register-contact = To sign up for a class, contact the school using the details below.
course-sessions-heading = Upcoming classes
course-sessions-none = No classes are scheduled right now. Contact the school to ask about new dates.
session-starts = Starts
session-ends = Ends
session-place = Where
session-seats = Seats
session-seats-value =
    { $count ->
        [one] 1 seat
       *[other] { $shown } seats
    }
session-seats-unlimited = No limit
session-online = Online
session-county-value = { $county } County
session-roster = Roster
session-roster-link = See who attended
vendor-heading = Questions about signing up
vendor-intro = For questions about registering for this course, contact the school that teaches it.
vendor-name = Name
vendor-email = Email
vendor-phone = Phone
vendor-website = Website
vendor-other-questions = For questions about pay, call the IHSS Service Desk or email Career Pathways. Their details are at the bottom of this page.

## Errors

error-summary-title = There is a problem
error-prefix = Error:
error-pathway-invalid = Choose a pathway from the list
error-category-invalid = Choose General or Specialized from the list
error-modality-invalid = Choose how the course is taught from the list
error-language-invalid = Choose a language from the list
error-page-invalid = The page number must be a whole number, 1 or more
error-per-page-invalid = The number of results per page must be a whole number from 1 to 100
not-found-title = Page not found
not-found-text = We could not find this page. If you typed the web address, check that it is right. The course may also have been taken off the list.
not-found-api = No course or page was found at this address.
bad-request-title = There is a problem with this request
server-error-title = Sorry, something went wrong on our side
server-error-text = Please try again in a few minutes.
error-catalog-link = Go to the list of courses
error-help = If this keeps happening, call the IHSS Service Desk or email Career Pathways.

## Accounts: signing in, creating an account, passwords, staff accounts, API tokens

header-sign-in = Sign in
header-sign-out = Sign out
header-my-account = My account
header-signed-in-as = Signed in as
nav-accounts = Accounts
nav-api-tokens = API tokens
nav-audit = Audit log
nav-policy = Program rules
nav-my-records = My records
nav-held-attendance = Held attendance
nav-find-provider = Find a provider
find-provider-title = Find a provider
find-provider-hint = The 9-digit provider number, for example 123456789
find-provider-submit = Find
find-provider-error = Enter the provider number: 9 digits
role-provider = Provider
role-vendor-staff = Training vendor staff
role-coach = Coach
role-service-desk = Service desk
role-county-staff = County staff
role-program-admin = Program administrator
sign-in-title = Sign in
sign-in-login-label = Email or provider number
sign-in-login-hint = Providers can use their 9-digit provider number. Staff use their work email.
sign-in-password-label = Password
sign-in-submit = Sign in
sign-in-forgot-link = I forgot my password
sign-in-new-heading = New to Pathways?
sign-in-new-text = If you are an IHSS or WPCS provider, you can create your account with your provider number.
sign-in-register-link = Create an account
sign-in-staff-text = Staff accounts are made by the program office. If you need one, ask your manager.
sign-in-error-login-missing = Enter your email or provider number
sign-in-error-password-missing = Enter your password
sign-in-error-wrong = The email or provider number, or the password, is not right. Check them and try again.
sign-in-error-throttled = There have been too many tries to sign in. For your safety, wait 15 minutes and try again. You can also reset your password.
register-title = Create your account
register-lead = Use your provider number to create your Pathways account.
register-how = We check what you type against the records the program has for you. Then we send a 6-digit code to your phone or email.
register-number-label = Provider number
register-number-hint = 9 digits. It is on your IHSS timesheet and pay stub.
register-last-name-label = Last name
register-last-name-hint = As it is on your IHSS records.
register-contact-label = Phone number or email address
register-contact-hint = The phone number or email the IHSS program has for you. We send the code there.
register-submit = Send me a code
register-have-account = Already have an account?
register-sign-in-link = Sign in
register-trouble = If your details have changed, call the IHSS Service Desk. The number is at the bottom of this page.
register-error-number-missing = Enter your provider number
register-error-last-name-missing = Enter your last name
register-error-contact-missing = Enter your phone number or email address
register-code-title = Enter your code
register-code-lead = If the details you gave match our records, we sent a 6-digit code to your phone or email. It can take a few minutes to arrive.
register-code-hint = The 6-digit code from the text message or email.
register-code-submit = Create my account
register-start-again = Start again
code-not-received = I did not get a code
register-code-not-received-text = Check that you typed the phone or email the program has for you. Also check your spam or junk email folder. Codes stop working after a while. You can start again to get a new code.
code-label = Code
code-error-missing = Enter the 6-digit code
new-password-label = New password
password-hint = Use at least { $min } characters. A few words you will remember work well, for example "green chair sunny river". Do not use your name, your number or a common password.
confirm-password-label = Type the new password again
new-password-error-missing = Enter a new password
confirm-password-error-missing = Type the new password again
current-password-label = Current password
current-password-error-missing = Enter your current password
current-password-error-wrong = Your current password is not right
forgot-title = Reset your password
forgot-lead = Tell us your email or provider number. If we find your account, we will send a code to the email or phone we have for you.
forgot-login-hint = Providers can use their 9-digit provider number.
forgot-submit = Send me a code
back-to-sign-in = Back to sign in
reset-title = Set a new password
reset-lead = Enter the code we sent you and choose a new password. If you got an email to set up a new staff account, use the code in that email.
reset-code-hint = The 6-digit code from the text message or email.
reset-submit = Save new password
reset-start-again = Ask for a new code
reset-not-received-text = Codes can take a few minutes to arrive. Also check your spam or junk email folder. Codes stop working after a while, and after 5 wrong tries.
account-title = Your account
account-name = Name
account-role = Role
account-provider-number = Provider number
account-email = Email
account-vendor = Training vendor
account-county = County
account-language-heading = Language
account-language-label = Language for pages and messages
account-language-hint = We use this language on the website and in the texts and emails we send you.
account-language-submit = Save language
account-password-heading = Change your password
account-password-text = After you change it, you will need to sign in again on all your devices.
account-password-submit = Change password
account-everywhere-heading = Sign out on all devices
account-everywhere-text = Use this if you signed in on a phone or computer that you no longer have, or that other people use.
account-everywhere-submit = Sign out everywhere
notice-welcome = Your account is ready. You are signed in.
notice-signed-out-everywhere = You are signed out on all your devices.
notice-password-set = Your new password is saved. Sign in with it now.
notice-password-changed = Your password is changed. Sign in with your new password.
notice-language-saved = Your language is saved.
notice-account-created = The account was created. We sent an email with a code to set the first password.
notice-account-disabled = The account is turned off. Its sessions have ended.
notice-account-enabled = The account is turned on again.
notice-token-revoked = The token is revoked. It no longer works.
admin-accounts-title = Accounts
admin-accounts-new-link = Create a staff account
admin-accounts-role-label = Role
admin-accounts-any-role = Any role
admin-accounts-filter-submit = Show accounts
admin-accounts-none = No accounts match.
admin-accounts-login = Signs in with
admin-accounts-tie = Vendor or county
admin-accounts-status = Status
admin-accounts-action = Action
admin-accounts-disable = Turn off
admin-accounts-enable = Turn on
account-status-active = Active
account-status-waiting = Waiting for first password
account-status-disabled = Turned off
admin-new-title = Create a staff account
admin-new-back = Back to accounts
admin-new-lead = The person gets an email with a code to set their password. Providers make their own accounts.
admin-new-role-label = Role
admin-new-role-choose = Choose a role
admin-new-error-role = Choose a role
admin-new-email-label = Work email
admin-new-email-hint = The person signs in with this email.
admin-new-name-label = Full name
admin-new-vendor-label = Training vendor code
admin-new-vendor-hint = Only for training vendor staff, for example CCC-SAC.
admin-new-county-label = County
admin-new-county-hint = Only for county staff.
admin-new-county-none = No county
admin-new-language-label = Language
admin-new-language-hint = The language of the email we send.
admin-new-submit = Create account
tokens-title = API tokens for { $vendor }
tokens-lead = Your organization's computer systems use API tokens to send attendance and classes to Pathways. Keep tokens secret, like passwords. Revoke a token when you no longer need it.
tokens-list-heading = Your tokens
tokens-none = There are no tokens yet.
tokens-name = Name
tokens-prefix = Starts with
tokens-created = Created
tokens-last-used = Last used
tokens-status = Status
tokens-never-used = Never
tokens-revoked-on = Revoked on { $date }
tokens-revoke = Revoke
tokens-create-heading = Create a token
tokens-name-label = Token name
tokens-name-hint = A name that says where the token is used, for example "Attendance system".
tokens-create-submit = Create token
tokens-new-heading = Your new token
tokens-new-warning = Copy this token now. We will not show it again.
tokens-new-label = Token
tokens-new-use = Put it in your system's settings. Your system sends it in the Authorization header: the word Bearer, a space, then the token.
account-error-wrong-credentials = The email or provider number, or the password, is not right.
account-error-throttled = There have been too many tries. Wait up to an hour and try again.
account-error-wrong-code = The code is not right. Check it and try again.
account-error-code-expired = This code no longer works. It may be too old, already used, or tried too many times. Ask for a new code.
password-error-too-short = Your password must have at least { $min } characters.
password-error-too-long = Your password must have { $max } characters or fewer.
password-error-personal = Your password must not contain your name, your number or your email.
password-error-guessable = This password is too common or too easy to guess. Try a few words that do not go together.
password-error-differ = The two passwords are not the same.
account-error-provider-number = A provider number has 9 digits. Check the number and try again.
account-error-email = Enter an email address like name@example.org
account-error-name = Enter a name
account-error-provider-has-account = There is already an account for this provider. Sign in, or reset your password if you forgot it.
account-error-email-taken = There is already an account with this email.
account-error-unknown-vendor = There is no training vendor with this code. Check the code.
account-error-vendor-required = Enter the training vendor code for vendor staff.
account-error-county-required = Choose the county for county staff.
account-error-provider-self-service = Providers create their own accounts. Choose a staff role.
token-error-name = Enter a name for the token, up to 100 characters.
token-error-missing = This token does not exist or was already revoked.
error-sign-in-required = You need to sign in to see this.
error-forbidden = Your account cannot see or do this. If you think it should, ask your manager or the program office.
error-form-expired = This form has expired. Go back, reload the page and try again.
forbidden-title = You cannot see this page
error-internal = Sorry, something went wrong on our side. Please try again in a few minutes.
msg-register-code-subject = Your Pathways code
msg-register-code-body = Your code to create your Pathways account is { $code }. It works for { $minutes } minutes. If you did not ask for it, you can ignore this message.
msg-register-exists-subject = You already have a Pathways account
msg-register-exists-body = Someone asked to create a Pathways account with your provider number, but you already have one. If it was you and you forgot your password, reset it here: { $reset } If it was not you, you can ignore this message.
msg-reset-code-subject = Your Pathways password code
msg-reset-code-body = Your code to set a new Pathways password is { $code }. It works for { $minutes } minutes. If you did not ask for it, you can ignore this message. Your password has not changed.
msg-activation-subject = Your new Pathways account
msg-activation-body = The program office made a Pathways account for you. To set your password, open { $link } and enter this code: { $code }. The code works for { $days } days.

## Staff pages: providers, attendance, audit log, policy

answer-yes = Yes
answer-no = No
value-none = None on file
back-account = Back to your account
provider-caption = Provider
provider-number = Provider number
provider-county = County
provider-language = Language
provider-phone = Phone on file
provider-email = Email on file
provider-has-account = Has a Pathways account
provider-verified-records = Verified attendance records
provider-held-records = Held attendance records
provider-attendance-link = See attendance
attendance-title = Attendance
attendance-provider-intro = Attendance reported for provider { $number }, newest first. Held records are not counted until the training vendor corrects them.
attendance-back-provider = Back to the provider
attendance-none = No attendance has been reported.
attendance-date = Date
attendance-hours = Hours
attendance-completed = Course completed
attendance-status = Status
attendance-verified = Verified
roster-title = Roster of session { $session }
roster-intro = Course { $course }, starting { $starts }, at { $place }. The people below are those the training vendor reported attendance for in this session.
roster-back-course = Back to the course
roster-seats = { $taken } of { $capacity } seats taken
roster-csv = Download the roster and waitlist (CSV)
roster-registered-heading = Registered
roster-waitlist-heading = Waitlist
roster-attendance-heading = Attendance reported
roster-nobody = Nobody yet.
roster-name = Name
roster-registered-at = Registered on
roster-position = Place in line
held-title = Held attendance
held-intro = Attendance from { $vendor } that was held. Each line says why. Correct the record and send it again.
hold-reason-unknown-provider = Held: the provider number is not on file
hold-reason-provider-not-eligible = Held: the provider was not eligible on that date
hold-reason-unknown-course = Held: the course number is not on file
hold-reason-course-not-published = Held: the course was not in the catalog on that date
hold-reason-wrong-vendor = Held: the course belongs to another vendor
hold-reason-session-mismatch = Held: the session is not of this course or date
hold-reason-outside-program-window = Held: the date is after the program's last class date
hold-reason-duplicate = Held: the same course on the same day was already reported
hold-reason-daily-maximum = Held: more hours that day than the daily maximum
audit-title = Audit log
audit-lead = Every change to program data and to accounts, with who made it and when. Nothing here can be changed or deleted.
audit-actor = Account number of the person
audit-actor-hint = The number shown on the list of accounts. Leave empty for everyone.
audit-record-type = Kind of record
audit-record-type-hint = For example: account, api-token, import, attendance
audit-record-key = Record
audit-from = From (date)
audit-until = Until (date)
audit-search = Search
audit-export = Download these results as CSV
audit-none = No changes match.
audit-when = When (California time)
audit-who = Who
audit-action = What
audit-record = Record
audit-before = Before
audit-after = After
audit-older = Older changes
audit-error-date = Enter a date like 2026-11-25
audit-error-actor = The account number is a whole number
policy-title = Program rules over time
policy-lead = Each version of the rules applies from its date until the next one. A version that was used for a decision is never changed; a new version replaces it from a later date.
policy-new = Add a version
policy-version = Version
policy-effective = In effect from
policy-state = State
policy-pathway-incentive = Pathway incentive
policy-specialized-amounts = Specialized care: 1 month / 6 months
policy-replay-hint = Before you backdate a change, run pathways policy diff on the command line: it shows which providers' incentives would change and how.
policy-back = Back to program rules
policy-publish = Put in effect from its date
policy-edit = Change this version
policy-copy = Start a new version from this one
policy-form-new-title = Add a version of the rules
policy-form-edit-title = Change version { $version }
policy-form-lead = Every value is filled in from the version you started from. Change only what is new.
policy-field-version = Version name
policy-field-version-hint = For example 2026-07. Letters, numbers, dots, hyphens and underscores, up to 32.
policy-save-publish = Save and put in effect
policy-save-draft = Save as a draft
policy-save = Save changes
policy-state-draft = Draft, not in effect
policy-state-used = In effect, used for decisions
policy-state-published = In effect, not used yet
policy-note-used = Decisions used this version, so it can no longer be changed. To change a rule, add a new version from a later date.
policy-note-published = No decision has used this version yet, so it can still be changed.
policy-note-draft = This draft has no effect until it is put in effect.
policy-version-title = Rules version { $version }
policy-value-hours = { $hours } hours
policy-value-days = { $days } days
policy-hint-hours = Hours, such as 15 or 12.5
policy-hint-money = Dollars, such as 500.00
policy-notice-created-draft = Version { $version } was saved as a draft.
policy-notice-created-published = Version { $version } was saved and is in effect from its date.
policy-notice-changed = Version { $version } was changed.
policy-notice-published = Version { $version } is in effect from its date.
policy-error-value = Enter a valid value for { $parameter }
policy-error-dates = { $earlier } must be on or before { $later }
policy-error-version-name = Enter a version name of 1 to 32 letters, numbers, dots, hyphens or underscores
policy-error-version-taken = Another version already has this name
policy-error-date-taken = Version { $other } already starts on this date. Choose another date.
policy-error-unknown = The form had a value the rules do not have
policy-error-used = Decisions used this version, so it can no longer be changed. Add a new version from a later date instead.
policy-error-already-published = This version is already in effect
policy-param-effective-from = In effect from
policy-param-classes-from = First day of classes
policy-param-last-class-date = Last day of classes
policy-param-last-claim-date = Last day to claim
policy-param-last-processing-date = Last day claims are processed
policy-param-enrollment-lapse-days = Days after the last pay date before enrollment lapses
policy-param-daily-maximum = Most training hours in one day
policy-param-pathway-incentive-hours = Hours that complete a pathway
policy-param-pathway-incentive-max-count = Most pathway incentives per provider
policy-param-pathway-incentive-amount = Pathway incentive amount
policy-param-specialized-monthly-hours = Work hours a month for specialized care
policy-param-specialized-one-month-amount = Specialized care, one month: amount
policy-param-specialized-months = Months in a row for the longer specialized care incentive
policy-param-specialized-six-months-amount = Specialized care, six months: amount
policy-param-overtime-weekly-threshold = Weekly hours before overtime
policy-param-overtime-multiplier = Overtime pay multiplier
policy-param-coaching-max-future-appointments = Most coaching appointments booked ahead

## Registration

msg-session-registered-subject = You have a seat: { $course }
msg-session-registered-body = You are registered for { $course } ({ $number }). It starts { $starts }, at { $place }. If you cannot come, please cancel in Pathways so someone else can have your seat.
msg-session-waitlisted-subject = You are on the waitlist: { $course }
msg-session-waitlisted-body = { $course } ({ $number }, starting { $starts }) is full. You are number { $position } on the waitlist. If a seat opens, you get it and we tell you at once.
msg-session-promoted-subject = A seat opened for you: { $course }
msg-session-promoted-body = Good news: a seat opened and it is yours. You are registered for { $course } ({ $number }). It starts { $starts }, at { $place }.
msg-session-reminder-subject = Tomorrow: { $course }
msg-session-reminder-body = A reminder: your class { $course } ({ $number }) starts { $starts }, at { $place }. If you cannot come, please cancel in Pathways so someone on the waitlist can have your seat.
msg-session-cancelled-subject = Your place is cancelled: { $course }
msg-session-cancelled-body = You gave up your place in { $course } ({ $number }, { $starts }). The attached calendar file takes it off your calendar. You can register again on the course page if seats are left.
registration-heading = Your place
registration-register = Register
registration-join-waitlist = Join the waitlist
registration-cancel = Cancel my place
registration-status-registered = You are registered
registration-status-waitlisted = On the waitlist: number { $position }
registration-notice-registered = You are registered. We sent you a message with the details.
registration-notice-waitlisted = The class is full, so you are on the waitlist: number { $position }. If a seat opens, it is yours and we tell you at once.
registration-notice-cancelled = Your place is cancelled.
registration-problem-title = You could not register
classes-title = My classes
classes-none = You have no classes yet. Find a course and register for a date.
session-full = Full
nav-my-classes = My classes
registration-refused-not-eligible = You cannot register yet: your provider enrollment is not complete or has lapsed. Call the IHSS Service Desk for help.
registration-refused-program-closed = The program is not taking registrations right now.
registration-refused-course-not-in-catalog = This course is not in the catalog right now.
registration-refused-registers-with-vendor = This school registers people on its own website. Use the link on the course page.
registration-refused-session-started = This class has already started. Choose a later date.
registration-refused-enrolment-closed = Enrollment for this course is closed right now.
registration-refused-same-course = You already have a place in another class of this course. Cancel it first if you want this date.
registration-refused-overlaps = You already have a class at the same time. Cancel it first if you want this one.

## Vendor courses and the program's review

nav-vendor-courses = Courses
nav-review-courses = Review courses
vendor-courses-title = Your courses
vendor-courses-lead = Write a course, send it to the program for review, and add sessions. The program publishes approved courses in the catalog.
vendor-courses-new = Write a new course
vendor-courses-none = You have no courses in Pathways yet.
course-status = Status
course-status-draft = Draft (not sent yet)
course-status-submitted = Waiting for the program's review
course-status-sent-back = Sent back for changes
course-status-approved = Approved
course-status-published = Published in the catalog
course-status-retired = Retired
course-sessions-count = Sessions
course-review-comment = What the program asked you to change
course-edit = Change the course
course-add-session = Add a session
course-submit = Send for review
course-notice-created = The course is saved as a draft. Send it for review when it is ready.
course-notice-updated = Your changes are saved.
course-notice-submitted = The course is sent to the program for review.
course-notice-session = The session is added.
course-form-new-title = Write a new course
course-form-edit-title = Change the course
course-form-number = Course number
course-form-number-hint = Your own code for the course, for example CCC-GHS-101
course-form-title = Title
course-form-hours = Credit hours
course-form-hours-hint = From 0.5 to 40, for example 1.5
course-form-languages = Languages taught in
course-form-languages-hint = Language codes separated by commas, for example en, es, zh-Hant
course-form-registration-url = Your registration page (optional)
course-form-registration-url-hint = Only if people register on your own website instead of in Pathways
course-form-description = Description
course-form-description-hint = What people will learn, in plain words
course-form-save = Save
course-form-invalid = Check this: { $detail }
course-form-taken = That course number is taken. Choose another.
course-form-not-editable = This course is in review or published, so it cannot be changed now.
session-form-title = Add a session of { $course }
session-form-id = Session code
session-form-id-hint = Your own code for this session, for example CCC-GHS-101-MAR
session-form-location-hint = The street address with its ZIP code, for example 1020 K St, Sacramento, CA 95814. Leave empty for an online class.
session-form-location-county = We cannot tell which county this place is in. Add its ZIP code, for example 1020 K St, Sacramento, CA 95814.
session-form-capacity-hint = How many people can come. Leave empty for no limit (self-paced courses).
session-form-save = Add the session
session-form-taken = That session code is taken. Choose another.
review-queue-title = Courses to review
review-queue-none = No course is waiting for review.
review-notice-approved = The course is approved and published in the catalog.
review-notice-sent-back = The course is sent back to the vendor with your comments.
review-notice-retired = The course is retired from the catalog.
review-back = Back to the courses to review
review-approve = Approve and publish
review-comment = What should the vendor change?
review-comment-hint = The vendor sees this with the course.
review-send-back = Send back for changes
review-retire = Retire from the catalog
review-comment-required = Say what the vendor should change before you send the course back.

## A vendor calls a session off, or changes it
registration-refused-session-cancelled = The school cancelled this class. Choose another date on the course page.
registration-status-called-off = Cancelled by the school
classes-called-off-reason = The school's reason: { $reason }
msg-session-called-off-subject = Class cancelled: { $course }
msg-session-called-off-body = We are sorry: the school cancelled { $course } ({ $number }, { $starts }). The school's reason: { $reason } Your place is gone, and you do not need to do anything. The attached calendar file takes it off your calendar. Other dates may be on the course page.
msg-session-changed-subject = Your class changed: { $course }
msg-session-changed-body = The school changed your class { $course } ({ $number }). It now starts { $starts }, at { $place }. The attached calendar file updates your calendar. If the new time does not suit you, cancel your place in Pathways so someone else can have it.
session-cancel-heading = Cancel this session
session-cancel-lead = Everyone registered or on the waitlist loses their place and gets a message in their language with your reason. This cannot be undone: to teach on another date, add a new session.
session-cancel-reason = Why is the session cancelled?
session-cancel-reason-hint = People read this in the message. For example: The teacher is ill. Please choose another date.
session-cancel-button = { $count ->
    [0] Cancel the session
    [one] Cancel the session and tell 1 person
   *[other] Cancel the session and tell { $count } people
}
session-cancel-reason-required = Write why the session is cancelled (up to 500 characters). People read it in the message.
session-cancel-started = This session has already started or ended, so it cannot be cancelled.
session-cancelled-notice = The session is cancelled. Everyone who had a place or was waiting is being told.
session-cancelled-on = This session was cancelled on { $date }. The reason given: { $reason }
session-cancel-busy = People are registering for this session right now. Please try again.

## What a field of the vendor's course and session forms must hold
field-invalid-course-number = Enter a course number of letters, numbers and hyphens, up to 20, such as CCC-GHS-101.
field-invalid-pathway = Choose the pathway from the list.
field-invalid-title = Enter a title of up to 200 characters.
field-invalid-credit-hours = Enter the hours as a number more than 0 and at most 40, in half hours, such as 1.5.
field-invalid-modality = Choose how the course is taught from the list.
field-invalid-languages = Enter the languages as codes separated by commas, such as en, es, zh-Hant.
field-invalid-registration-url = Enter a web address that starts with https://, or leave it empty.
field-invalid-description = Enter a description of up to 4,000 characters.
field-invalid-session-id = Enter a session id of letters, numbers, hyphens, dots or underscores, up to 40.
field-invalid-starts-at = Enter the start as a date and time, such as 2026-03-16 09:00.
field-invalid-ends-at = Enter the end as a date and time that is not before the start.
field-invalid-location = Enter the place in up to 300 characters, or leave it empty for an online session.
field-invalid-capacity = Enter the seats as a whole number from 0 to 10,000, or leave it empty for no limit.
## Healthcare careers

nav-careers = Careers
nav-careers-admin = Career pages
home-careers-heading = Grow your career
home-careers-text = Career Pathways classes can be a first step toward other jobs in health care. See what each job needs and which classes help you get there.
home-careers-link = See healthcare careers
catalog-careers-link = See which healthcare careers these classes can lead to
careers-title = Healthcare careers
careers-lead = Jobs in health care you can grow into. See what each one needs, how long training takes, and which of our pathways help you get started.
careers-step-note = Our classes are a step toward these careers. They do not give you a license or a state certificate. For that, you need the training and exams each career page describes.
career-step-note = Our classes are a step toward this career. They do not give you a license or a state certificate. For that, you need the training and exams described above.
careers-fallback-some = Some careers are not written in your language yet. They are shown in English.
careers-in-english = Shown in English.
careers-none = There are no career pages yet.
careers-catalog-link = Find a course
career-pathways-label = Pathways:
career-back = All healthcare careers
career-fallback = This page is not written in your language yet, so it is shown in English.
career-requirements-heading = What you need
career-training-time-heading = How long training takes
career-learn-more = Learn more on another website
career-pathways-heading = Pathways that help you get there
career-pathways-text = These free Career Pathways classes build skills for this career.
career-pathway-no-courses = There are no classes in this pathway in the catalog right now.
career-pathway-catalog-link = { $count ->
    [0] Look for classes in { $pathway }
    [one] See the 1 class in { $pathway }
   *[other] See all { $count } classes in { $pathway }
}
careers-admin-title = Career pages
careers-admin-lead = Write the public pages about healthcare careers. Hidden pages are seen only here.
careers-admin-new = Add a career
careers-admin-status = Status
careers-admin-languages = Written in
careers-admin-actions = Actions
careers-admin-back = All career pages
careers-status-published = Shown to the public
careers-status-hidden = Hidden
careers-show = Show
careers-hide = Hide
careers-edit = Change
careers-view = View
careers-notice-created = The career page was added.
careers-notice-updated = Your changes were saved.
careers-notice-shown = The career page is now shown to the public.
careers-notice-hidden = The career page is now hidden.
career-form-new-title = Add a career
career-form-edit-title = Change a career
career-form-save = Save
career-form-english-hint = English is required. A page in another language shows the English text when that language is empty.
career-form-translation-hint = Optional. Fill in every box, or leave them all empty to show the English text.
career-field-slug = Web address name
career-field-slug-hint = Lower-case letters, numbers and hyphens, such as certified-nursing-assistant. It cannot be changed later.
career-field-order = Order
career-field-order-hint = A number from 0 to 999. Smaller numbers are listed first.
career-field-pathways = Pathways that lead there
career-field-pathways-hint = Choose one or more.
career-field-published = Show this page to the public
career-field-published-hint = Leave this unchecked to keep the page hidden while you write it.
career-field-name = Name
career-field-summary = Summary
career-field-summary-hint = One or two short sentences about the work.
career-field-requirements = What you need
career-field-requirements-hint = Training, exams and licenses. Each line becomes a paragraph.
career-field-training-time = How long training takes
career-field-training-time-hint = For example: About 12 to 18 months.
career-field-learn-more-url = Web page to learn more (optional)
career-field-learn-more-url-hint = An address that starts with https://, such as the state board's page.
career-error-slug-missing = Enter the web address name
career-error-slug-format = The web address name must be 3 to 60 lower-case letters, numbers and single hyphens, and start with a letter
career-error-slug-taken = Another career already uses this web address name
career-error-order = Enter the order as a whole number from 0 to 999
career-error-pathways-missing = Choose at least one pathway
career-error-pathways-unknown = Choose pathways from the list
career-error-name-missing = Enter the career's name in English
career-error-summary-missing = Enter a summary in English
career-error-requirements-missing = Enter what the career needs, in English
career-error-training-time-missing = Enter how long training takes, in English
career-error-too-long = { $field } ({ $language }) must be { $max } characters or fewer
career-error-url-https = The web page ({ $language }) must start with https://
career-error-url-bad = Enter the web page ({ $language }) as a full address, such as https://www.cdph.ca.gov/
career-error-translation-incomplete = { $field } ({ $language }): fill this in, or leave every { $language } box empty to show the English text

## A provider's progress toward the incentives (keys start with progress-)

progress-nav = My progress
progress-link = See progress toward incentives
progress-back-provider = Back to the provider
progress-title = My progress
progress-title-staff = Progress of { $name }
progress-caption = Your training and incentives
progress-caption-staff = Provider { $number }
progress-intro = Finish { $hours } hours of classes in one pathway to earn money. This page shows your hours on { $date }.
progress-earned-heading = Money you have earned
progress-earned-none = You have not earned an incentive yet.
progress-earned-title = { $amount } for { $what }
progress-earned-on = Earned on { $date }
progress-claimed = Claimed
progress-not-claimed = Not claimed yet
progress-why = Why you earned it:
progress-policy = Program rules: version { $version }
progress-staff-explanation = Full explanation for staff (in English)
progress-kind-pathway = finishing { $pathway }
progress-kind-specialized-1-month = one month of specialized care
progress-kind-specialized-6-months = six months of specialized care
progress-why-pathway = You finished { $hours } hours in { $pathway }. You needed { $goal }.
progress-why-course = { $course }: { $hours } hours, finished on { $date }
progress-why-specialized =
    { $count ->
        [one] You worked at least { $goal } hours in a month for a person who needs this kind of care.
       *[other] You worked at least { $goal } hours each month, { $count } months in a row, for a person who needs this kind of care.
    }
progress-reach-heading = Money you can still earn
progress-reach-none = Nothing more to earn right now.
progress-max-reached =
    { $count ->
        [one] You have earned the most pathway payments: 1.
       *[other] You have earned the most pathway payments: { $count }.
    }
progress-reach-pathway = { $hours } hours to go in { $pathway } ({ $amount })
progress-reach-specialized-first = { $amount } for { $what }: first finish a specialized pathway (Cognitive Impairments, Complex Physical Care or Moving to Home).
progress-reach-specialized-months =
    { $needed ->
        [one] { $amount } for { $what }: work { $hours } hours in a month for a person who needs this kind of care.
       *[other] { $amount } for { $what }: work { $hours } hours each month, { $needed } months in a row. You have { $count } so far.
    }
progress-hours-heading = Your hours in each pathway
progress-hours-hint = Hours count when you finish a course.
progress-of-goal = { $hours } of { $goal } hours
progress-pathway-done = Done on { $date }
progress-to-go = { $hours } hours to go in { $pathway }
progress-awaiting = { $hours } more hours will count when you finish the course.
progress-not-eligible = You had enough hours on { $date }, but your enrollment was not active that day.
progress-courses-heading = Your courses:
progress-course-done = { $course }: { $hours } hours, finished on { $date }
progress-course-done-capped = { $course }: { $hours } hours (the most this course gives), finished on { $date }
progress-course-going = { $course }: not finished yet ({ $hours } hours so far)
progress-classes-heading = Classes that can help
progress-classes-none = No classes with open seats right now.
progress-class-completes = Finishes this pathway
progress-classes-more = All courses in { $pathway }
progress-seats-left =
    { $count ->
        [one] 1 seat left
       *[other] { $shown } seats left
    }
progress-seats-open = Open seats
progress-months-heading = Your specialized care months
progress-months-hint = Work hours for people who need the care you trained for.
progress-month-counts = { $month }: { $hours } of { $goal } hours. This month counts.
progress-month-not-counted = { $month }: { $hours } of { $goal } hours. This month does not count.
progress-held-heading = Class records that do not count
progress-held-hint = Ask the school that taught the class to fix these.
progress-held-hours = { $hours } hours

## Outreach list

nav-outreach = Unclaimed incentives
outreach-title = Incentives earned and not claimed
outreach-lead = Providers who qualified for an incentive and have not claimed it yet. Reach out so they get what they earned.
outreach-county-label = County
outreach-all-counties = All counties
outreach-show = Show
outreach-scope-state = The whole state.
outreach-scope-county = { $county } County.
outreach-computed = Evaluated as of { $date }, at { $at }.
outreach-totals = { $count } unclaimed incentives of { $providers } providers, { $total } in all.
outreach-download = Download the list (CSV)
outreach-refresh = Evaluate again now
outreach-none = No provider has an unclaimed incentive here.
outreach-col-provider = Provider
outreach-col-county = County
outreach-col-contact = How to reach them
outreach-col-incentive = Incentive
outreach-col-qualified = Qualified on
outreach-col-amount = Amount
outreach-language = Language:
outreach-pages = Pages of the list
outreach-page = Page { $page } of { $pages }
outreach-previous = Previous page
outreach-next = Next page
outreach-kind-pathway = Pathway incentive
outreach-kind-specialized-1-month = Specialized care, one month
outreach-kind-specialized-6-months = Specialized care, six months

## Training-pay claims

nav-claims = My pay claims
claims-title = My completed courses and pay claims
claims-lead = You are paid your county wage for the hours of each course you completed. Choose the person you care for whose case the claim is made under, then press "Claim my pay".
claims-completed-heading = Completed courses
claims-no-completions = You have no completed courses yet. When a training vendor reports that you finished a course, it shows here.
claims-no-cases = We have no person you care for on file for you, so you cannot claim yet. Call the service desk.
claims-made-heading = My claims
claims-none = You have not made a claim yet.
claim-course = Course number
claim-completed-on = Completed on
claim-verified-hours = Hours attended
claim-hours = { $hours } hours
claim-status = Status
claim-case = Claim under the case of
claim-case-hint = The county of this person sets your wage.
claim-case-label = Case { $case } ({ $county } County)
claim-submit = Claim my pay
claim-hours-claimed = Hours claimed
claim-amount = Amount
claim-working = How this amount was worked out (in English)
claim-notice-submitted = Your claim was sent: { $amount }. Staff will review it.
claim-error-case = Choose the person you care for whose case the claim is made under
claim-state-submitted = Sent, waiting for review
claim-state-approved = Approved
claim-state-denied = Denied
claim-state-paid = Paid
claim-state-rejected = Returned by payroll
claim-refused-verified-attendance = We cannot pay this claim: there is no verified record that you completed this course on that day.
claim-refused-not-claimed-before = We cannot pay this claim: you already claimed this course.
claim-refused-claim-window = We cannot pay this claim: the time to claim pay for this training has ended.
claim-refused-provider-eligible = We cannot pay this claim: you were not eligible for the program on the day of the training.
claim-refused-active-assignment = We cannot pay this claim: you were not working for this person on the day of the training. Choose another person you care for.
claim-refused-hours-verified = We cannot pay this claim: it asks for more hours than you attended.
claim-refused-wage-rate = We cannot pay this claim yet: the county of this person has no wage rate for that day. Call the service desk.

## Claim review and payroll

nav-review-claims = Claims to review
nav-payroll = Payroll
claim-review-title = Claims waiting for review
claim-review-lead = Each claim is checked again against every rule when you approve it, with today's records. Deny a claim only with the reason the provider will read.
claim-review-lead-read-only = The claims of your county waiting for review by program staff.
claim-review-totals = { $count } claims waiting, { $total } in all.
claim-review-approve-all-hint = Approves every waiting claim that passes all the rules today. Claims that do not pass stay here with the rule they fail.
claim-review-approve-all = Approve every claim that passes all the rules
claim-review-none = No claim is waiting for review.
claim-review-claim-heading = Claim { $claim }
claim-review-case = Made under
claim-review-approve = Approve claim { $claim }
claim-review-deny-reason = Reason to deny
claim-review-deny-note = Note for the provider
claim-review-deny-note-hint = Needed when the reason is "Another reason". The provider reads it as you write it.
claim-review-deny = Deny claim { $claim }
claim-review-rule-verified-attendance = No verified completion of the course that day
claim-review-rule-not-claimed-before = Claimed before
claim-review-rule-claim-window = Filed outside the claim window
claim-review-rule-provider-eligible = Provider not eligible that day
claim-review-rule-active-assignment = No active assignment with this recipient that day
claim-review-rule-hours-verified = More hours than verified
claim-review-rule-wage-rate = No county wage rate that day
claim-review-rule-other = Another reason (write a note)
claim-review-notice-approved-all = { $approved } claims approved. { $left } claims do not pass all the rules and are still waiting.
claim-review-notice-approved = Claim { $claim } approved.
claim-review-notice-denied = Claim { $claim } denied. The provider will see the reason.
claim-review-notice-refused = Claim { $claim } was not approved: { $reason }
claim-review-notice-decided = Claim { $claim } was already decided.
claim-review-notice-note-needed = To deny for another reason, write a note for the provider.
payroll-title = Payroll
payroll-lead = Put approved claims into a payroll batch, download its file for the state payroll system, then enter the confirmation file payroll sends back.
payroll-new-heading = New payroll batch
payroll-period = Pay period
payroll-period-hint = The batch takes every approved claim not yet in a batch.
payroll-create = Create the batch
payroll-batches-heading = Payroll batches
payroll-no-batches = There is no payroll batch yet.
payroll-col-batch = Batch
payroll-col-payments = Payments
payroll-col-total = Total
payroll-col-created = Created
payroll-col-exported = File first written
payroll-col-file = File
payroll-download = Download batch { $batch }
payroll-not-exported = Not yet
payroll-notice-batch = Batch { $batch } was created. Download its file for payroll.
payroll-notice-nothing = No approved claim is waiting for payment.
payroll-notice-confirmed = { $paid } payments marked paid and { $rejected } returned.
payroll-confirm-heading = Payroll's confirmation file
payroll-problems-title = The confirmation file was not used. Nothing was changed.
payroll-confirm-label = Paste the confirmation file
payroll-confirm-hint = The first line is payment_id,status,reason. Status is paid or rejected; a rejected payment needs its reason.
payroll-confirm = Enter the confirmation
payroll-problems-more = And { $count } more problems.
payroll-problem-malformed = Line { $line }: { $what }
payroll-problem-repeated = Line { $line }: payment { $payment } is in the file twice.
payroll-problem-unknown = Line { $line }: there is no payment { $payment }.
payroll-problem-not-exported = Line { $line }: payment { $payment } is in a batch whose file was never written.
payroll-problem-confirmed = Line { $line }: payment { $payment } was already confirmed as { $status }.
payroll-status-paid = paid
payroll-status-rejected = returned
claims-history-heading = My payments
claims-no-payments = No payment has been made to you yet.
claims-year-total = { $year }: { $total } paid ({ $count } payments)
claims-download = Download my claims and payments (CSV)
claim-detail = Details
claim-denied-note = Staff denied this claim: { $note }
claim-returned = Payroll returned this payment: { $reason }. Call the service desk to correct it.
claim-paid-in = Paid with the pay period of { $date }.
claim-in-payroll = In the payroll of { $date }. It will be paid soon.
claim-approved-waiting = Approved. It will be paid with the next payroll.
claim-notice-resent = Your claim was sent again. Staff will review it.
claim-resubmit-hint = When what payroll named is corrected (for example your bank details), send the claim again.
claim-resubmit = Send this claim again

## Certificates

certificate-program = IHSS Career Pathways Program
certificate-title = Certificate of completion
certificate-presented = This certifies that
certificate-completed = completed the course
certificate-pathway = in the pathway { $pathway }
certificate-hours = { $hours } hours of training, completed on { $date }
certificate-vendor = Taught by { $vendor }
certificate-number = Certificate number { $number }
certificate-check-at = Anyone can check that this certificate is genuine at { $address }
certificate-unavailable = Certificates cannot be made right now. Please try again later or call the service desk.
certificate-download = Download my certificate (PDF)
certificate-check-title = Check a certificate
certificate-check-lead = Type the number printed on a certificate of completion to see whether it is genuine.
certificate-check-label = Certificate number
certificate-check-hint = It starts with PW-, for example PW-7K3M9QX2HT4R.
certificate-check-submit = Check
certificate-check-genuine = This certificate is genuine.
certificate-check-unknown = We have no certificate with this number. Check that you typed it as printed.
certificate-check-name = Name
certificate-check-course = Course
certificate-check-pathway = Pathway
certificate-check-hours = Hours of training
certificate-check-vendor = Taught by

## Incentive claims (DOMAIN.md §6, §7)
claims-incentives-heading = Incentives you earned
claims-incentives-lead = You can claim each incentive once. Staff check it and send it to payroll.
claims-no-incentives = You have not earned an incentive yet.
claims-see-progress = See how close you are
claims-incentive-why = Why you earned it
claim-earned-on = Earned on
claim-incentive-submit = Claim this incentive
claim-notice-incentive = Your incentive claim for { $amount } was sent. Staff will review it.
claim-notice-incentive-before = You already claimed this incentive.
claim-error-not-earned = Your records do not show this incentive earned. Look at your progress page to see what is missing.
claim-refused-not-earned = Your records no longer show this incentive earned. Call the help line if you think this is wrong.
claim-review-incentives-heading = Incentive claims
claim-review-incentive-heading = Incentive claim { $claim }
claim-review-approve-incentive = Approve incentive claim { $claim }
claim-review-deny-incentive = Deny incentive claim { $claim }
claim-review-incentive = Incentive
claim-review-incentive-why = See the provider's progress and why it was earned
claim-review-rule-not-earned = The records no longer show it earned
claim-review-notice-incentive-approved = Incentive claim { $claim } approved.
claim-review-notice-incentive-denied = Incentive claim { $claim } denied.
claim-review-notice-incentive-refused = Incentive claim { $claim } was not approved: the provider's records no longer show it earned on that date for that amount. Deny it, or wait until the records are corrected.

## Overpayments and recoveries (DOMAIN.md §7)
payroll-total-less-recovered = { $total } (less { $recovered } recovered)
payroll-overpayment-heading = Overpayments
payroll-overpayment-lead = When payroll paid too much, record it against the paid payment. The amount is taken back from the provider's next pay by a line in the next batch. Nothing is deleted.
payroll-overpayment-payment = Payment number
payroll-overpayment-amount = Amount paid too much, in dollars
payroll-overpayment-amount-hint = For example, 25.00. At most what the payment paid, less what was taken back already.
payroll-overpayment-reason = Why
payroll-overpayment-reason-hint = The provider reads this, so write it in plain words.
payroll-overpayment-record = Record the overpayment
payroll-recoveries-heading = Latest overpayments
payroll-no-recoveries = No overpayment has been recorded.
payroll-col-recovery = Recovery
payroll-col-overpaid = Payment that paid too much
payroll-col-reason = Reason
payroll-recovery-resend = Send recovery { $recovery } again
payroll-notice-recovery = Recovery { $recovery } was recorded. It will be in the next batch.
payroll-notice-recovery-resent = Recovery { $recovery } will be in the next batch.
payroll-error-recovery-incomplete = Enter the payment number, an amount above $0.00 and the reason.
payroll-error-no-payment = There is no payment { $payment }.
payroll-error-not-paid = Payment { $payment } is not confirmed paid by payroll, so nothing was paid too much yet.
payroll-error-more-than-paid = Payment { $payment } has only { $left } that was not taken back already.
recovery-state-recorded = To be taken back from your next pay
recovery-state-recovered = Taken back
recovery-state-returned = Payroll could not take it back
claims-recoveries-heading = Money taken back
claims-recoveries-lead = We paid you too much once. This amount is taken from a later payment to you.
claims-recovery-recorded = Recorded on
claims-recovered-in = Taken back in the pay period of { $date }.
claims-recovery-in-payroll = To be taken back in the pay period of { $date }.
claims-year-recovered = { $year }: { $total } taken back for money paid too much

## Coaching (DOMAIN.md §9)
nav-coaching = Talk to a coach
coaching-title = Talk to a coach
coaching-lead = A coach can help you, free, one to one, in your language: using the course catalog, getting paid, or using video, audio and chat in online classes.
coaching-topic = What do you need help with?
coaching-topic-catalog = Finding classes in the catalog
coaching-topic-payments = Getting paid (claims and incentives)
coaching-topic-class-technology = Video, audio and chat in online classes
coaching-topic-other = Something else
coaching-language = Language
coaching-find = Show open times
coaching-times-heading = Open times in the next two weeks
coaching-no-times = No coach has an open time for this in the next two weeks. Try another language, or ask the help line.
coaching-slot = { $time } with { $coach }
coaching-mine-heading = My appointments
coaching-none-booked = You have no appointment booked.
coaching-appointment = { $when } with { $coach }: { $topic }
coaching-notice-booked = Your appointment is booked.
coaching-refused-in-the-future = That time is too soon. Pick a later time.
coaching-refused-coach-fits = That coach does not help with this topic in this language. Pick another time.
coaching-refused-slot-open = Someone just took that time. Pick another time.
coaching-refused-within-limit = You already have the most appointments you can book. Come to them first, or cancel one.
msg-coaching-booked-subject = Your coaching appointment: { $when }
msg-coaching-booked-body = You have an appointment with { $coach } on { $when } (California time) about: { $topic }. { $call } To change it, go to "Talk to a coach" on the Pathways site.
msg-coaching-reminder-subject = Tomorrow: your coaching appointment at { $when }
msg-coaching-reminder-body = A reminder: you have an appointment with { $coach } on { $when } (California time) about: { $topic }. { $call }
msg-coaching-call = Your coach will call you at { $phone }.
msg-coaching-video = Your coach will email you a video link before the appointment.
msg-coaching-event = Coaching with { $coach }

## Help page (DOMAIN.md §9)
footer-help-link = Questions and answers, and all the ways to get help
help-title = Help
help-lead = We are here to help. You can call, write, or talk to a coach in your language. It is free.
help-reach-heading = Call or write to us
help-hours = We answer calls Monday to Friday, 8:00 AM to 5:00 PM, California time. You can leave a message at other times.
help-find-course = Find a course
help-coach-sign-in = Signed-in providers can book a free talk with a coach in their language: sign in, then choose "Talk to a coach".
help-faq-heading = Questions people ask
help-q-cost = Do I pay for the classes?
help-a-cost = No. The classes are free. You never pay to take part.
help-q-find-class = How do I find a class?
help-a-find-class = Go to "Find a course". You can look for a topic, a language, or classes near you or online.
help-q-sign-up = How do I sign up for a class?
help-a-sign-up = Open the class and choose a date. Some classes sign you up with the school that teaches them. If you have a question about one class, contact that school. Its phone and email are on the class page.
help-q-hours = Where do I see my hours?
help-a-hours = Sign in and choose "My progress". It shows your hours in each pathway and what is still missing.
help-q-paid-training = Am I paid for the time I spend in class?
help-a-paid-training = Yes. After a class is finished and checked, open "My pay claims" and press "Claim my pay". We pay your county's hourly wage for the hours of the class.
help-q-incentive = What is an incentive?
help-a-incentive = It is extra money for finishing a pathway or for caring for people with special needs. "My pay claims" shows each one you earned. Press "Claim this incentive" once.
help-q-denied = Why was my claim denied?
help-a-denied = "My pay claims" tells you why. If you think it is wrong, call us or talk to a coach.
help-q-language = Can I get help in my language?
help-a-language = Yes. The site is in English, Spanish and Chinese. Coaches and our phone line can help in more languages.

## Asking for help in writing (DOMAIN.md §9)
ask-title = Ask a question
ask-lead = Write your question. We send it to the people who can answer it, and they answer in your language.
ask-category = What is it about?
ask-category-course-registration = Signing up for one course
ask-category-payments-and-claims = Payments and claims
ask-category-other = Something else
ask-course = Course number
ask-course-hint = Only for a question about one course: it is on the course page, for example GHS-101.
ask-subject = Subject
ask-body = Your question
ask-name = Your name
ask-contact = Phone or email
ask-contact-hint = So we can answer you. You are not signed in.
ask-send = Send my question
ask-sent-vendor = Question { $ticket } was sent to the school that teaches the course. They will answer you.
ask-sent-service-desk = Question { $ticket } was sent to our payments desk. They will answer you.
ask-sent-program-inbox = Question { $ticket } was sent to the program team. They will answer you.
ask-error-course = Write the course number from the course page, for example GHS-101.
ask-error-empty = Write a subject and your question.
ask-error-contact = Write a phone number or an email address so we can answer you.
desk-title = Questions to answer
desk-none = No question is waiting.
desk-ticket = Question { $ticket }
desk-opened = Asked
desk-from = From
desk-from-provider = Provider { $provider }
nav-desk = Questions to answer
