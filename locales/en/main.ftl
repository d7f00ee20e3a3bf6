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
filter-pathway-label = Pathway
filter-pathway-hint = The subject of the course.
filter-category-label = Category
filter-category-hint = General courses are for every provider. Specialized courses are about caring for people with special needs.
filter-modality-label = How it is taught
filter-modality-hint = Online with a teacher, online at your own pace, or in a classroom.
filter-language-label = Language
filter-language-hint = The language the course is taught in.
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
