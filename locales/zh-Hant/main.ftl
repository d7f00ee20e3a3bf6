# 繁體中文。用字簡單，句子簡短。
# 每一則訊息也必須出現在 en/main.ftl 和 es/main.ftl。

## 頁面框架

service-name = IHSS 照護職涯培訓計劃
skip-link = 跳到主要內容
language-switch-label = 選擇語言
nav-label = 主選單
nav-home = 首頁
nav-courses = 尋找課程
footer-help-heading = 需要幫助嗎？
footer-help-course = 如果您對報名課程有疑問，請聯絡開課的學校或機構。每個課程頁面都有他們的聯絡方式。
help-desk-label = IHSS 服務台（電話）
help-email-label = 職涯培訓計劃電子郵件
footer-free = 職涯培訓計劃的課程全部免費。參加計劃不需要付任何費用。

## 首頁

home-title = IHSS 和 WPCS 照護員的免費培訓
home-lead = IHSS 照護職涯培訓計劃為加州的居家照護員提供免費課程。您可以學習新技能，上課的時間也可以領取工資。
home-catalog-link = 尋找課程
home-benefits-heading = 您可以得到什麼
home-benefit-free = 課程免費，不收任何費用。
home-benefit-paid = 上課時間可以按照您所在縣的時薪領取工資。
home-benefit-incentive = 在一個培訓方向完成足夠的時數後，可以領取額外的獎勵金。
home-benefit-languages = 很多課程用西班牙文、中文和其他語言教學。
home-who-heading = 誰可以參加
home-who-text = 已經完成照護員登記手續的 IHSS 和 WPCS 照護員都可以參加，包括登記冊上的照護員和後備照護員，即使目前沒有服務對象也可以。
home-pathways-heading = 五個培訓方向
home-pathways-text = 課程分為五個培訓方向。一般課程對每位照護員都有用。專業課程幫助您照顧需求比較複雜的人。
home-help-heading = 有問題嗎？
home-help-course = 如果您對報名課程有疑問，請聯絡開課的學校或機構。每個課程頁面都有他們的電話和電子郵件。
home-help-other = 如果您對工資或其他事情有疑問，請打電話或寫電子郵件給我們。

## 培訓方向、類別和上課方式

pathway-GHS = 一般健康與安全
pathway-AED = 成人教育
pathway-CIB = 認知障礙與行為健康
pathway-CPC = 複雜身體照護需求
pathway-THC = 回到家中與社區生活
category-1 = 一般
category-2 = 專業
modality-online-instructor = 網上課程，有老師授課
modality-self-paced = 網上課程，按自己的進度學習
modality-in-person = 現場上課

## 課程使用的語言名稱

language-name-en = 英文
language-name-es = 西班牙文
language-name-zh-Hant = 中文（繁體）
language-name-zh-Hans = 中文（簡體）
language-name-zh = 中文
language-name-hy = 亞美尼亞文
language-name-ko = 韓文
language-name-ru = 俄文
language-name-vi = 越南文
language-name-tl = 他加祿文
language-name-fa = 波斯文
language-name-ar = 阿拉伯文
language-name-pa = 旁遮普文
language-name-hmn = 苗文
language-name-km = 高棉文（柬埔寨文）
language-name-ja = 日文

## 課程列表

catalog-title = 尋找課程
catalog-lead = 這裡列出的每一門課程都經過計劃批准，照護員全部免費參加。
filter-heading = 篩選課程
filter-pathway-label = 培訓方向
filter-pathway-hint = 課程的主題。
filter-category-label = 類別
filter-category-hint = 一般課程適合每位照護員。專業課程教您如何照顧有特殊需要的人。
filter-modality-label = 上課方式
filter-modality-hint = 網上由老師授課、網上按自己的進度學習，或在教室上課。
filter-language-label = 語言
filter-language-hint = 課程使用的教學語言。
filter-any = 不限
filter-submit = 顯示課程
filter-clear = 清除所有篩選條件
catalog-count =
    { $count ->
        [0] 找不到課程
       *[other] 找到 { $shown } 門課程
    }
catalog-none = 沒有符合您選擇的課程。請試試移除一個篩選條件。
catalog-page-of = 第 { $page } 頁，共 { $pages } 頁
catalog-fix-filters = 請先修正上面的問題，才能看到課程
pagination-label = 搜尋結果頁數
pagination-previous = 上一頁
pagination-next = 下一頁

## 單一課程

course-number = 課程編號
course-pathway = 培訓方向
course-category = 類別
course-hours = 學分時數
course-hours-value = { $hours } 小時
course-modality = 上課方式
course-languages = 語言
course-vendor = 開課單位
course-sessions-upcoming =
    { $count ->
        [0] 目前沒有即將開始的課堂
       *[other] { $shown } 個即將開始的課堂
    }
course-register-vendor-site = 請到學校的網站報名
course-back = 返回所有課程
course-free-note = 這門課程免費。上課的時間或許也可以領取工資。
course-register-heading = 如何報名
course-register-external = 開這門課的學校在自己的網站上辦理報名。
course-register-link = 到學校的網站報名
course-register-contact = 如要報名上課，請用下面的聯絡方式聯絡學校。
course-sessions-heading = 即將開始的課堂
course-sessions-none = 目前沒有安排課堂。請聯絡學校查詢新的日期。
session-starts = 開始
session-ends = 結束
session-place = 地點
session-seats = 名額
session-seats-value = { $shown } 個名額
session-seats-unlimited = 不限名額
session-online = 網上
vendor-heading = 報名問題
vendor-intro = 如果您對報名這門課程有疑問，請聯絡開課的學校。
vendor-name = 名稱
vendor-email = 電子郵件
vendor-phone = 電話
vendor-website = 網站
vendor-other-questions = 如果您對工資有疑問，請打電話給 IHSS 服務台，或寫電子郵件給職涯培訓計劃。聯絡方式在本頁最下方。

## 錯誤

error-summary-title = 出現問題
error-prefix = 錯誤：
error-pathway-invalid = 請從列表中選擇一個培訓方向
error-category-invalid = 請從列表中選擇「一般」或「專業」
error-modality-invalid = 請從列表中選擇上課方式
error-language-invalid = 請從列表中選擇一種語言
error-page-invalid = 頁數必須是 1 或以上的整數
error-per-page-invalid = 每頁顯示的數目必須是 1 到 100 之間的整數
not-found-title = 找不到網頁
not-found-text = 我們找不到這個網頁。如果您是自己輸入網址，請檢查是否正確。這門課程也可能已經從列表中移除。
not-found-api = 這個網址找不到任何課程或網頁。
bad-request-title = 這個要求有問題
server-error-title = 很抱歉，我們這邊出了問題
server-error-text = 請過幾分鐘再試一次。
error-catalog-link = 前往課程列表
error-help = 如果問題一直出現，請打電話給 IHSS 服務台，或寫電子郵件給職涯培訓計劃。

## 帳戶：登入、建立帳戶、密碼、職員帳戶、API 權杖

header-sign-in = 登入
header-sign-out = 登出
header-my-account = 我的帳戶
header-signed-in-as = 目前登入的是
nav-accounts = 帳戶管理
nav-api-tokens = API 權杖
role-provider = 照護員
role-vendor-staff = 培訓機構職員
role-coach = 輔導員
role-service-desk = 服務台
role-county-staff = 縣政府職員
role-program-admin = 計劃管理員
sign-in-title = 登入
sign-in-login-label = 電子郵件或服務提供者編號
sign-in-login-hint = 照護員可以用 9 位數的服務提供者編號。職員請用工作電子郵件。
sign-in-password-label = 密碼
sign-in-submit = 登入
sign-in-forgot-link = 我忘記密碼了
sign-in-new-heading = 第一次使用 Pathways 嗎？
sign-in-new-text = 如果您是 IHSS 或 WPCS 照護員，可以用您的服務提供者編號建立帳戶。
sign-in-register-link = 建立帳戶
sign-in-staff-text = 職員帳戶由計劃辦公室建立。如果您需要帳戶，請問您的主管。
sign-in-error-login-missing = 請輸入您的電子郵件或服務提供者編號
sign-in-error-password-missing = 請輸入您的密碼
sign-in-error-wrong = 電子郵件、服務提供者編號或密碼不正確。請檢查後再試一次。
sign-in-error-throttled = 登入失敗的次數太多了。為了您的安全，請等 15 分鐘後再試。您也可以重設密碼。
register-title = 建立您的帳戶
register-lead = 用您的服務提供者編號建立 Pathways 帳戶。
register-how = 我們會把您輸入的資料和計劃的記錄比對，然後把 6 位數的驗證碼傳到您的手機或電子郵件。
register-number-label = 服務提供者編號
register-number-hint = 9 位數字。在您的 IHSS 工時表和薪資單上可以找到。
register-last-name-label = 姓氏
register-last-name-hint = 和您的 IHSS 記錄上一樣。
register-contact-label = 電話號碼或電子郵件
register-contact-hint = IHSS 計劃記錄中您的電話或電子郵件。驗證碼會傳到這裡。
register-submit = 傳驗證碼給我
register-have-account = 已經有帳戶了嗎？
register-sign-in-link = 登入
register-trouble = 如果您的資料有改變，請打電話給 IHSS 服務台。電話號碼在本頁最下方。
register-error-number-missing = 請輸入您的服務提供者編號
register-error-last-name-missing = 請輸入您的姓氏
register-error-contact-missing = 請輸入您的電話號碼或電子郵件
register-code-title = 輸入驗證碼
register-code-lead = 如果您輸入的資料和我們的記錄相符，我們已經把 6 位數的驗證碼傳到您的手機或電子郵件。可能要等幾分鐘才會收到。
register-code-hint = 簡訊或電子郵件中的 6 位數驗證碼。
register-code-submit = 建立我的帳戶
register-start-again = 重新開始
code-not-received = 我沒有收到驗證碼
register-code-not-received-text = 請確認您輸入的是計劃記錄中的電話或電子郵件，也請查看垃圾郵件資料夾。驗證碼過一段時間就會失效。您可以重新開始，取得新的驗證碼。
code-label = 驗證碼
code-error-missing = 請輸入 6 位數的驗證碼
new-password-label = 新密碼
password-hint = 至少要有 { $min } 個字元。用一句您記得住的話或幾個詞很好。不要用您的名字、編號或常見的密碼。
confirm-password-label = 再輸入一次新密碼
new-password-error-missing = 請輸入新密碼
confirm-password-error-missing = 請再輸入一次新密碼
current-password-label = 目前的密碼
current-password-error-missing = 請輸入目前的密碼
current-password-error-wrong = 目前的密碼不正確
forgot-title = 重設密碼
forgot-lead = 請輸入您的電子郵件或服務提供者編號。如果找到您的帳戶，我們會把驗證碼傳到記錄中的電子郵件或電話。
forgot-login-hint = 照護員可以用 9 位數的服務提供者編號。
forgot-submit = 傳驗證碼給我
back-to-sign-in = 回到登入
reset-title = 設定新密碼
reset-lead = 請輸入我們傳給您的驗證碼，再選一個新密碼。如果您收到設定新職員帳戶的電子郵件，請用那封郵件裡的驗證碼。
reset-code-hint = 簡訊或電子郵件中的 6 位數驗證碼。
reset-submit = 儲存新密碼
reset-start-again = 取得新的驗證碼
reset-not-received-text = 驗證碼可能要等幾分鐘才會收到，也請查看垃圾郵件資料夾。驗證碼過一段時間，或輸入錯誤 5 次以後，就會失效。
account-title = 您的帳戶
account-name = 姓名
account-role = 身分
account-provider-number = 服務提供者編號
account-email = 電子郵件
account-vendor = 培訓機構
account-county = 縣
account-language-heading = 語言
account-language-label = 網頁和訊息的語言
account-language-hint = 網站和我們傳給您的簡訊、電子郵件都會用這個語言。
account-language-submit = 儲存語言
account-password-heading = 更改密碼
account-password-text = 更改密碼以後，您所有的裝置都要重新登入。
account-password-submit = 更改密碼
account-everywhere-heading = 在所有裝置上登出
account-everywhere-text = 如果您曾經在已經不用、或別人也會用的手機或電腦上登入，請用這個功能。
account-everywhere-submit = 在所有裝置上登出
notice-welcome = 您的帳戶已經建立好了，您已經登入。
notice-signed-out-everywhere = 您已經在所有裝置上登出。
notice-password-set = 新密碼已經儲存。請用新密碼登入。
notice-password-changed = 密碼已經更改。請用新密碼登入。
notice-language-saved = 語言已經儲存。
notice-account-created = 帳戶已經建立。我們已經寄出一封電子郵件，裡面有設定第一個密碼的驗證碼。
notice-account-disabled = 帳戶已經停用，它的所有登入都已經結束。
notice-account-enabled = 帳戶已經重新啟用。
notice-token-revoked = 權杖已經撤銷，不能再使用。
admin-accounts-title = 帳戶
admin-accounts-new-link = 建立職員帳戶
admin-accounts-role-label = 身分
admin-accounts-any-role = 所有身分
admin-accounts-filter-submit = 顯示帳戶
admin-accounts-none = 沒有符合的帳戶。
admin-accounts-login = 登入用的資料
admin-accounts-tie = 培訓機構或縣
admin-accounts-status = 狀態
admin-accounts-action = 動作
admin-accounts-disable = 停用
admin-accounts-enable = 啟用
account-status-active = 使用中
account-status-waiting = 等待設定第一個密碼
account-status-disabled = 已停用
admin-new-title = 建立職員帳戶
admin-new-back = 回到帳戶列表
admin-new-lead = 這個人會收到一封電子郵件，裡面有設定密碼的驗證碼。照護員會自己建立帳戶。
admin-new-role-label = 身分
admin-new-role-choose = 請選擇身分
admin-new-error-role = 請選擇身分
admin-new-email-label = 工作電子郵件
admin-new-email-hint = 這個人用這個電子郵件登入。
admin-new-name-label = 全名
admin-new-vendor-label = 培訓機構代碼
admin-new-vendor-hint = 只有培訓機構職員需要填，例如 CCC-SAC。
admin-new-county-label = 縣
admin-new-county-hint = 只有縣政府職員需要選。
admin-new-county-none = 沒有縣
admin-new-language-label = 語言
admin-new-language-hint = 我們寄出的電子郵件會用這個語言。
admin-new-submit = 建立帳戶
tokens-title = { $vendor } 的 API 權杖
tokens-lead = 您機構的電腦系統用 API 權杖把出席記錄和課堂資料傳給 Pathways。請像密碼一樣保密。不再需要的權杖請撤銷。
tokens-list-heading = 您的權杖
tokens-none = 目前還沒有權杖。
tokens-name = 名稱
tokens-prefix = 開頭
tokens-created = 建立時間
tokens-last-used = 最後使用
tokens-status = 狀態
tokens-never-used = 從未使用
tokens-revoked-on = 已於 { $date } 撤銷
tokens-revoke = 撤銷
tokens-create-heading = 建立權杖
tokens-name-label = 權杖名稱
tokens-name-hint = 說明這個權杖用在哪裡的名稱，例如「出席記錄系統」。
tokens-create-submit = 建立權杖
tokens-new-heading = 您的新權杖
tokens-new-warning = 請現在就複製這個權杖。我們不會再顯示它。
tokens-new-label = 權杖
tokens-new-use = 請把它放進您系統的設定裡。您的系統在 Authorization 標頭中傳送 Bearer、一個空格，再加上這個權杖。
account-error-wrong-credentials = 電子郵件、服務提供者編號或密碼不正確。
account-error-throttled = 嘗試的次數太多了。請等最多一小時後再試。
account-error-wrong-code = 驗證碼不正確。請檢查後再試一次。
account-error-code-expired = 這個驗證碼已經不能用了。可能太舊、已經用過，或錯誤次數太多。請取得新的驗證碼。
password-error-too-short = 密碼至少要有 { $min } 個字元。
password-error-too-long = 密碼最多只能有 { $max } 個字元。
password-error-personal = 密碼不能包含您的名字、編號或電子郵件。
password-error-guessable = 這個密碼太常見或太容易猜到。試試幾個不相關的詞。
password-error-differ = 兩次輸入的密碼不一樣。
account-error-provider-number = 服務提供者編號是 9 位數字。請檢查號碼後再試一次。
account-error-email = 請輸入像 name@example.org 這樣的電子郵件地址
account-error-name = 請輸入姓名
account-error-provider-has-account = 這位照護員已經有帳戶了。請登入；如果忘記密碼，請重設密碼。
account-error-email-taken = 這個電子郵件已經有帳戶了。
account-error-unknown-vendor = 沒有使用這個代碼的培訓機構。請檢查代碼。
account-error-vendor-required = 培訓機構職員需要填寫培訓機構代碼。
account-error-county-required = 縣政府職員需要選擇縣。
account-error-provider-self-service = 照護員會自己建立帳戶。請選擇職員的身分。
token-error-name = 請為權杖取一個名稱，最多 100 個字元。
token-error-missing = 這個權杖不存在，或已經撤銷了。
error-sign-in-required = 您需要登入才能看到這個內容。
error-forbidden = 您的帳戶不能查看或進行這項操作。如果您認為應該可以，請問您的主管或計劃辦公室。
error-form-expired = 這個表格已經過期。請回到上一頁，重新載入後再試一次。
forbidden-title = 您不能查看這個頁面
error-internal = 很抱歉，我們這邊出了問題。請幾分鐘後再試。
msg-register-code-subject = 您的 Pathways 驗證碼
msg-register-code-body = 您建立 Pathways 帳戶的驗證碼是 { $code }。{ $minutes } 分鐘內有效。如果您沒有要求這個驗證碼，請不用理會這則訊息。
msg-register-exists-subject = 您已經有 Pathways 帳戶了
msg-register-exists-body = 有人用您的服務提供者編號要求建立 Pathways 帳戶，但您已經有帳戶了。如果是您本人而且忘記了密碼，請到這裡重設：{ $reset } 如果不是您，請不用理會這則訊息。
msg-reset-code-subject = 您的 Pathways 密碼驗證碼
msg-reset-code-body = 您設定新 Pathways 密碼的驗證碼是 { $code }。{ $minutes } 分鐘內有效。如果您沒有要求這個驗證碼，請不用理會這則訊息。您的密碼沒有改變。
msg-activation-subject = 您的新 Pathways 帳戶
msg-activation-body = 計劃辦公室已經為您建立了 Pathways 帳戶。要設定密碼，請打開 { $link } 並輸入這個驗證碼：{ $code }。驗證碼 { $days } 天內有效。
