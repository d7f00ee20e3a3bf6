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
