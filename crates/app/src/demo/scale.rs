//! The catalog beyond the sixty hand-written courses, for a demo the size of the state: vendors in
//! every county (real county seats and ZIP codes, so the catalog's county search works), and
//! courses built from common topics, each in English, Spanish or Traditional Chinese.
//!
//! Generated from `(seed, index)` alone, so the same options give the same catalog.

use pathways_domain::ids::CountyCode;
use pathways_domain::pathway::{Modality, Pathway};

use super::places::{CountyPicker, area_code};
use super::{Stream, seeded, valid};

/// Generated courses per generated vendor, on average.
const COURSES_PER_VENDOR: u32 = 20;

/// The county seat of each county with one of its ZIP codes, in county-code order.
const COUNTY_SEATS: [(&str, &str); 58] = [
    ("Oakland", "94612"),
    ("Markleeville", "96120"),
    ("Jackson", "95642"),
    ("Oroville", "95965"),
    ("San Andreas", "95249"),
    ("Colusa", "95932"),
    ("Martinez", "94553"),
    ("Crescent City", "95531"),
    ("Placerville", "95667"),
    ("Fresno", "93721"),
    ("Willows", "95988"),
    ("Eureka", "95501"),
    ("El Centro", "92243"),
    ("Bishop", "93514"),
    ("Bakersfield", "93301"),
    ("Hanford", "93230"),
    ("Lakeport", "95453"),
    ("Susanville", "96130"),
    ("Los Angeles", "90012"),
    ("Madera", "93637"),
    ("San Rafael", "94901"),
    ("Mariposa", "95338"),
    ("Ukiah", "95482"),
    ("Merced", "95340"),
    ("Alturas", "96101"),
    ("Bridgeport", "93517"),
    ("Salinas", "93901"),
    ("Napa", "94559"),
    ("Nevada City", "95959"),
    ("Santa Ana", "92701"),
    ("Auburn", "95603"),
    ("Quincy", "95971"),
    ("Riverside", "92501"),
    ("Sacramento", "95814"),
    ("Hollister", "95023"),
    ("San Bernardino", "92401"),
    ("San Diego", "92101"),
    ("San Francisco", "94102"),
    ("Stockton", "95202"),
    ("San Luis Obispo", "93401"),
    ("Redwood City", "94063"),
    ("Santa Barbara", "93101"),
    ("San Jose", "95113"),
    ("Santa Cruz", "95060"),
    ("Redding", "96001"),
    ("Downieville", "95936"),
    ("Yreka", "96097"),
    ("Fairfield", "94533"),
    ("Santa Rosa", "95404"),
    ("Modesto", "95354"),
    ("Yuba City", "95991"),
    ("Red Bluff", "96080"),
    ("Weaverville", "96093"),
    ("Visalia", "93291"),
    ("Sonora", "95370"),
    ("Ventura", "93001"),
    ("Woodland", "95695"),
    ("Marysville", "95901"),
];

const STREETS: [&str; 12] = [
    "Main St",
    "Court St",
    "Oak Ave",
    "Center St",
    "Lincoln Ave",
    "Washington Blvd",
    "1st St",
    "Park Ave",
    "Mission St",
    "El Camino Real",
    "Broadway",
    "Pine St",
];

/// `{city}` and `{county}` are filled in.
const VENDOR_NAMES: [&str; 6] = [
    "{city} Adult School, Caregiver Program",
    "{county} County Caregiver Training Center",
    "{city} College, Health Careers Extension",
    "{county} County IHSS Public Authority Training",
    "{city} Home Care Learning Center",
    "{city} Community Health Workers Collaborative",
];

/// A vendor of the generated catalog, with the places in its county where it teaches.
#[derive(Debug, Clone)]
pub(super) struct ScaledVendor {
    pub code: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub city: &'static str,
    pub locations: Vec<String>,
}

/// How many vendors a generated catalog of `courses` courses has.
pub(super) fn vendor_count(courses: u32) -> u32 {
    courses.div_ceil(COURSES_PER_VENDOR)
}

/// Generated vendor `index`: the first 58 cover every county once (in an order the seed
/// shuffles); the rest go where the providers are.
pub(super) fn vendor(seed: u64, index: u32, picker: &CountyPicker) -> ScaledVendor {
    let mut order: Vec<u8> = (1..=58).collect();
    seeded(seed, Stream::ScaledVendors, u64::MAX).shuffle(&mut order);
    let mut rng = seeded(seed, Stream::ScaledVendors, u64::from(index));
    let county = match order.get(index as usize) {
        Some(&n) => valid(CountyCode::new(n).ok_or("county code")),
        None => picker.pick(&mut rng),
    };
    let (city, zip) = COUNTY_SEATS[usize::from(county.get() - 1)];
    let name = VENDOR_NAMES[rng.usize(0..VENDOR_NAMES.len())]
        .replace("{city}", city)
        .replace("{county}", county.name());
    let code = format!("V{:03}", index + 1);
    let host = format!("v{:03}.example.org", index + 1);
    let locations = (0..rng.usize(1..=2))
        .map(|room| {
            format!(
                "Training Room {}, {} {}, {city}, CA {zip}",
                101 + room * 100 + rng.usize(0..20),
                rng.u32(100..=4999),
                STREETS[rng.usize(0..STREETS.len())]
            )
        })
        .collect();
    ScaledVendor {
        email: format!("training@{host}"),
        phone: format!("({}) 555-01{:02}", area_code(county), rng.u32(0..100)),
        website: format!("https://{host}"),
        code,
        name,
        city,
        locations,
    }
}

/// The language a generated course is taught and written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tongue {
    English,
    Spanish,
    Chinese,
}

/// One subject many vendors teach, in the three catalog languages: (title, description).
struct Topic {
    pathway: Pathway,
    /// Credit hours of the full course, in hundredths.
    credit: u32,
    en: (&'static str, &'static str),
    es: (&'static str, &'static str),
    zh: (&'static str, &'static str),
}

use Pathway::{
    AdultEducation as AED, CognitiveImpairments as CIB, ComplexPhysicalCare as CPC,
    GeneralHealthAndSafety as GHS, TransitionToHome as THC,
};

const TOPICS: [Topic; 25] = [
    Topic {
        pathway: GHS,
        credit: 300,
        en: (
            "Home Safety and Emergency Planning",
            "Spot hazards in the home, plan for fires, earthquakes and power cuts, and keep a \
             go-bag and a list of medicines ready.",
        ),
        es: (
            "Seguridad en el hogar y plan de emergencias",
            "Aprenda a encontrar peligros en la casa, a prepararse para incendios, terremotos y \
             apagones, y a tener lista una mochila de emergencia con la lista de medicinas.",
        ),
        zh: (
            "居家安全與緊急應變計畫",
            "學習找出家中的危險，為火災、地震和停電做好準備，並備好緊急包和藥物清單。",
        ),
    },
    Topic {
        pathway: GHS,
        credit: 200,
        en: (
            "Infection Prevention at Home",
            "Handwashing, gloves, cleaning and laundry: the everyday habits that keep germs from \
             spreading between you and the person you care for.",
        ),
        es: (
            "Prevención de infecciones en casa",
            "Lavado de manos, guantes, limpieza y lavandería: los hábitos diarios que evitan que \
             los gérmenes pasen entre usted y la persona que cuida.",
        ),
        zh: (
            "居家感染預防",
            "洗手、戴手套、清潔和洗衣：防止病菌在您和受照顧者之間傳播的日常習慣。",
        ),
    },
    Topic {
        pathway: GHS,
        credit: 400,
        en: (
            "Body Mechanics and Safe Transfers",
            "Move and turn people without hurting them or your back: bed to chair, chair to \
             toilet, and when to use a device or ask for help.",
        ),
        es: (
            "Mecánica corporal y traslados seguros",
            "Mueva y voltee a las personas sin lastimarlas ni lastimar su espalda: de la cama a la \
             silla, de la silla al baño, y cuándo usar un aparato o pedir ayuda.",
        ),
        zh: (
            "身體力學與安全移位",
            "學習在不傷害對方和自己腰背的情況下移動和翻身：從床到椅子、從椅子到廁所，以及何時使用\
             輔具或請人協助。",
        ),
    },
    Topic {
        pathway: GHS,
        credit: 200,
        en: (
            "Nutrition and Meal Planning",
            "Plan simple, healthy meals on a budget, including soft and low-salt diets, and notice \
             the signs of dehydration.",
        ),
        es: (
            "Nutrición y planificación de comidas",
            "Planee comidas sencillas y saludables con poco dinero, incluidas dietas blandas y \
             bajas en sal, y reconozca las señales de deshidratación.",
        ),
        zh: (
            "營養與餐點規劃",
            "以有限預算規劃簡單健康的餐點，包括軟質和低鹽飲食，並認識脫水的徵兆。",
        ),
    },
    Topic {
        pathway: GHS,
        credit: 150,
        en: (
            "Caregiver Stress and Self-Care",
            "Recognize burnout, set limits, and find support so you can keep caring for others \
             without losing your own health.",
        ),
        es: (
            "Estrés del cuidador y autocuidado",
            "Reconozca el agotamiento, ponga límites y busque apoyo para seguir cuidando a otros \
             sin perder su propia salud.",
        ),
        zh: (
            "照顧者壓力與自我照顧",
            "認識身心倦怠，學習設定界限並尋求支援，在照顧他人的同時也保護自己的健康。",
        ),
    },
    Topic {
        pathway: AED,
        credit: 200,
        en: (
            "Reading Medicine Labels and Instructions",
            "Read prescription labels, dose schedules and warnings, and keep a clear medicine list \
             for doctor visits.",
        ),
        es: (
            "Cómo leer etiquetas e instrucciones de medicinas",
            "Lea etiquetas de recetas, horarios de dosis y advertencias, y mantenga una lista clara \
             de medicinas para las citas médicas.",
        ),
        zh: (
            "看懂藥物標籤與說明",
            "學習閱讀處方標籤、服藥時間表和警告，並為看診準備清楚的藥物清單。",
        ),
    },
    Topic {
        pathway: AED,
        credit: 400,
        en: (
            "Computer and Smartphone Basics for Caregivers",
            "Use email, video calls, online forms and the program's website safely, step by step.",
        ),
        es: (
            "Computadora y teléfono inteligente para cuidadores",
            "Use el correo electrónico, las videollamadas, los formularios en línea y el sitio del \
             programa de forma segura, paso a paso.",
        ),
        zh: (
            "照顧者電腦與手機入門",
            "一步一步學會安全地使用電子郵件、視訊通話、網上表格和計畫網站。",
        ),
    },
    Topic {
        pathway: AED,
        credit: 600,
        en: (
            "English for Home Care Workers",
            "Everyday English for talking with recipients, nurses, doctors and pharmacists, and for \
             filling in time sheets.",
        ),
        es: (
            "Inglés para trabajadores del cuidado en casa",
            "Inglés de todos los días para hablar con los clientes, enfermeras, médicos y \
             farmacéuticos, y para llenar hojas de horas.",
        ),
        zh: (
            "居家照顧工作英語",
            "學習與受照顧者、護士、醫生和藥劑師溝通，以及填寫工時表所需的日常英語。",
        ),
    },
    Topic {
        pathway: AED,
        credit: 200,
        en: (
            "Writing Care Notes and Reports",
            "Write short, clear notes about what you saw and did, so the care team and the family \
             can follow the person's health.",
        ),
        es: (
            "Cómo escribir notas y reportes de cuidado",
            "Escriba notas cortas y claras sobre lo que vio e hizo, para que el equipo de cuidado y \
             la familia sigan la salud de la persona.",
        ),
        zh: (
            "撰寫照顧紀錄與報告",
            "學習簡短清楚地記錄您觀察和執行的事項，讓照顧團隊和家人掌握對方的健康狀況。",
        ),
    },
    Topic {
        pathway: AED,
        credit: 150,
        en: (
            "Money Basics: Budgets and Benefits",
            "Make a monthly budget, understand your pay stub, and learn which public benefits \
             caregivers can apply for.",
        ),
        es: (
            "Finanzas básicas: presupuesto y beneficios",
            "Haga un presupuesto mensual, entienda su talón de pago y conozca los beneficios \
             públicos que pueden pedir los cuidadores.",
        ),
        zh: (
            "理財入門：預算與福利",
            "學習編列每月預算、看懂薪資單，並了解照顧者可以申請的公共福利。",
        ),
    },
    Topic {
        pathway: CIB,
        credit: 300,
        en: (
            "Understanding Dementia",
            "What dementia is, how it changes memory, mood and behavior, and how to keep daily \
             routines calm and safe.",
        ),
        es: (
            "Cómo entender la demencia",
            "Qué es la demencia, cómo cambia la memoria, el ánimo y la conducta, y cómo mantener \
             una rutina diaria tranquila y segura.",
        ),
        zh: (
            "認識失智症",
            "認識失智症是什麼、它如何影響記憶、情緒和行為，以及如何讓日常作息保持平靜安全。",
        ),
    },
    Topic {
        pathway: CIB,
        credit: 300,
        en: (
            "Responding to Challenging Behaviors",
            "Calm approaches to agitation, wandering and refusal of care, and how to find what the \
             behavior is telling you.",
        ),
        es: (
            "Cómo responder a conductas difíciles",
            "Formas tranquilas de responder a la agitación, el deambular y el rechazo del cuidado, \
             y cómo entender lo que la conducta quiere decir.",
        ),
        zh: (
            "應對困難行為",
            "以平和的方式應對躁動、遊走和拒絕照顧，並了解這些行為背後想表達的需要。",
        ),
    },
    Topic {
        pathway: CIB,
        credit: 800,
        en: (
            "Mental Health First Aid for Caregivers",
            "Recognize signs of depression, anxiety and crisis, talk about them with care, and \
             connect people with help.",
        ),
        es: (
            "Primeros auxilios de salud mental para cuidadores",
            "Reconozca señales de depresión, ansiedad y crisis, hable de ellas con cuidado y ayude \
             a las personas a encontrar apoyo.",
        ),
        zh: (
            "照顧者心理健康急救",
            "認識憂鬱、焦慮和危機的徵兆，以關懷的方式溝通，並協助對方獲得幫助。",
        ),
    },
    Topic {
        pathway: CIB,
        credit: 150,
        en: (
            "Communicating with People Who Have Memory Loss",
            "Simple words, one step at a time, and reading body language when words are hard for \
             the person you care for.",
        ),
        es: (
            "Comunicación con personas con pérdida de memoria",
            "Palabras sencillas, un paso a la vez, y cómo leer el lenguaje del cuerpo cuando hablar \
             es difícil.",
        ),
        zh: (
            "與記憶退化者溝通",
            "使用簡單的話語，一次一個步驟，並在言語困難時觀察肢體語言。",
        ),
    },
    Topic {
        pathway: CIB,
        credit: 300,
        en: (
            "Supporting People with Developmental Disabilities",
            "Person-centered support for adults with intellectual and developmental disabilities, \
             at home and in the community.",
        ),
        es: (
            "Apoyo a personas con discapacidades del desarrollo",
            "Apoyo centrado en la persona para adultos con discapacidades intelectuales y del \
             desarrollo, en casa y en la comunidad.",
        ),
        zh: (
            "支援發展障礙者",
            "以個人為中心，在家中和社區支援有智能及發展障礙的成年人。",
        ),
    },
    Topic {
        pathway: CPC,
        credit: 300,
        en: (
            "Diabetes Care at Home",
            "Blood sugar checks, meals, foot care and the warning signs of high and low sugar.",
        ),
        es: (
            "Cuidado de la diabetes en casa",
            "Medición del azúcar en la sangre, comidas, cuidado de los pies y las señales de alarma \
             del azúcar alta y baja.",
        ),
        zh: (
            "居家糖尿病照護",
            "學習測量血糖、安排飲食、照顧足部，以及認識高血糖和低血糖的警訊。",
        ),
    },
    Topic {
        pathway: CPC,
        credit: 200,
        en: (
            "Preventing Pressure Injuries",
            "Turning schedules, skin checks and cushions that prevent bedsores in people who sit or \
             lie down most of the day.",
        ),
        es: (
            "Prevención de úlceras por presión",
            "Horarios para cambiar de posición, revisión de la piel y cojines que previenen las \
             úlceras en personas que pasan el día sentadas o acostadas.",
        ),
        zh: (
            "預防壓瘡",
            "學習翻身時間表、皮膚檢查和坐墊使用，預防長時間坐臥者發生壓瘡。",
        ),
    },
    Topic {
        pathway: CPC,
        credit: 300,
        en: (
            "Heart Failure and COPD Care",
            "Daily weights, breathing, oxygen safety and when a change in symptoms means calling \
             the nurse or 911.",
        ),
        es: (
            "Cuidado de la insuficiencia cardíaca y la EPOC",
            "Peso diario, respiración, uso seguro del oxígeno y cuándo un cambio en los síntomas \
             significa llamar a la enfermera o al 911.",
        ),
        zh: (
            "心臟衰竭與慢性阻塞性肺病照護",
            "學習每日量體重、呼吸照護、安全使用氧氣，以及症狀改變時何時聯絡護士或撥打911。",
        ),
    },
    Topic {
        pathway: CPC,
        credit: 400,
        en: (
            "Personal Care: Bathing, Dressing and Toileting",
            "Respectful, safe help with bathing, dressing, oral care and toileting, keeping the \
             person as independent as possible.",
        ),
        es: (
            "Cuidado personal: baño, vestido y uso del baño",
            "Ayuda segura y respetuosa con el baño, el vestido, la higiene bucal y el uso del baño, \
             para que la persona sea lo más independiente posible.",
        ),
        zh: (
            "個人照護：沐浴、穿衣與如廁",
            "以尊重和安全的方式協助沐浴、穿衣、口腔清潔和如廁，盡量維持對方的自主能力。",
        ),
    },
    Topic {
        pathway: CPC,
        credit: 300,
        en: (
            "Stroke Recovery at Home",
            "Help with exercises, swallowing safety and daily tasks after a stroke, and the signs \
             of a new stroke.",
        ),
        es: (
            "Recuperación después de un derrame cerebral",
            "Ayude con los ejercicios, la seguridad al tragar y las tareas diarias después de un \
             derrame, y conozca las señales de un nuevo derrame.",
        ),
        zh: (
            "中風後居家復健",
            "協助中風後的復健運動、安全吞嚥和日常活動，並認識再次中風的徵兆。",
        ),
    },
    Topic {
        pathway: THC,
        credit: 300,
        en: (
            "Coming Home from the Hospital",
            "Discharge plans, follow-up visits, new medicines and equipment: the first weeks back \
             home after a hospital or nursing facility stay.",
        ),
        es: (
            "El regreso a casa después del hospital",
            "Planes de alta, citas de seguimiento, medicinas y equipos nuevos: las primeras semanas \
             en casa después de una estancia en el hospital o en un asilo.",
        ),
        zh: (
            "出院返家",
            "認識出院計畫、回診、新藥物和醫療器材，協助從醫院或護理機構返家後的頭幾個星期。",
        ),
    },
    Topic {
        pathway: THC,
        credit: 200,
        en: (
            "Trauma-Informed Care",
            "How past trauma shapes trust and behavior, and ways of giving care that feel safe and \
             respectful.",
        ),
        es: (
            "Cuidado informado sobre el trauma",
            "Cómo el trauma del pasado afecta la confianza y la conducta, y formas de cuidar que se \
             sientan seguras y respetuosas.",
        ),
        zh: (
            "創傷知情照護",
            "了解過去的創傷如何影響信任和行為，以及讓對方感到安全和受尊重的照顧方式。",
        ),
    },
    Topic {
        pathway: THC,
        credit: 300,
        en: (
            "Supporting Recipients Leaving Homelessness",
            "Help people settle into new housing, keep appointments and connect with benefits and \
             community services.",
        ),
        es: (
            "Apoyo a personas que dejan la calle",
            "Ayude a las personas a instalarse en una nueva vivienda, cumplir sus citas y \
             conectarse con beneficios y servicios de la comunidad.",
        ),
        zh: (
            "支援脫離無家可歸的受照顧者",
            "協助對方適應新住所、準時赴約，並連結福利和社區服務。",
        ),
    },
    Topic {
        pathway: THC,
        credit: 200,
        en: (
            "Substance Use: Harm Reduction Basics",
            "Understand substance use without judgment, recognize an overdose, and learn how \
             naloxone saves lives.",
        ),
        es: (
            "Uso de sustancias: reducción de daños",
            "Entienda el uso de sustancias sin juzgar, reconozca una sobredosis y aprenda cómo la \
             naloxona salva vidas.",
        ),
        zh: (
            "物質使用：減害入門",
            "以不批判的態度認識物質使用，辨識用藥過量，並學習納洛酮如何救命。",
        ),
    },
    Topic {
        pathway: THC,
        credit: 150,
        en: (
            "Community Resources and Independent Living",
            "Find transportation, meals, day programs and independent living centers so recipients \
             can live the life they choose.",
        ),
        es: (
            "Recursos comunitarios y vida independiente",
            "Encuentre transporte, comidas, programas de día y centros de vida independiente para \
             que las personas vivan como quieren.",
        ),
        zh: (
            "社區資源與獨立生活",
            "尋找交通、送餐、日間活動和獨立生活中心等資源，讓受照顧者過自己選擇的生活。",
        ),
    },
];

/// Versions of a topic: (English, Spanish and Chinese title endings, share of the credit in
/// percent).
const VARIANTS: [(&str, &str, &str, u32); 5] = [
    ("", "", "", 100),
    (": The Basics", ": lo básico", "：入門", 100),
    (": Next Steps", ": siguientes pasos", "：進階", 150),
    (" Workshop", " (taller)", "工作坊", 50),
    (" Refresher", " (repaso)", "複習班", 50),
];

/// A generated course, before dates and sessions are placed.
#[derive(Debug, Clone)]
pub(super) struct ScaledCourse {
    pub number: String,
    pub vendor: u32,
    pub pathway: Pathway,
    pub title: String,
    pub credit: u32,
    pub modality: Modality,
    pub languages: Vec<&'static str>,
    pub description: String,
    /// Rolled in `0..100`: where the course stands in the catalog.
    pub listing_roll: u32,
    /// The vendor registers people on its own site.
    pub own_registration: bool,
}

/// Generated course `index` of a catalog with `vendors` generated vendors.
pub(super) fn course(
    seed: u64,
    index: u32,
    vendors: &[ScaledVendor],
    first_vendor: u32,
) -> ScaledCourse {
    let mut rng = seeded(seed, Stream::ScaledCourses, u64::from(index));
    let vendor_index = rng.u32(0..vendors.len() as u32);
    let vendor = &vendors[vendor_index as usize];
    let topic = &TOPICS[rng.usize(0..TOPICS.len())];
    let (en_end, es_end, zh_end, share) = VARIANTS[rng.usize(0..VARIANTS.len())];
    let modality = match rng.u32(0..100) {
        0..40 => Modality::InPerson,
        40..80 => Modality::OnlineInstructor,
        _ => Modality::SelfPaced,
    };
    let (tongue, languages): (Tongue, Vec<&'static str>) = match rng.u32(0..100) {
        0..50 => (Tongue::English, vec!["en"]),
        50..62 => (Tongue::English, vec!["en", "es"]),
        62..67 => (Tongue::English, vec!["en", "zh-Hant"]),
        67..88 => (Tongue::Spanish, vec!["es"]),
        _ => (Tongue::Chinese, vec!["zh-Hant"]),
    };
    let city = vendor.city;
    let (title, description) = match tongue {
        Tongue::English => (
            format!("{}{en_end}", topic.en.0),
            format!(
                "{} {} Taught by {}.",
                topic.en.1,
                match modality {
                    Modality::InPerson => format!("Classes meet in {city}."),
                    Modality::OnlineInstructor => "Live online classes with a teacher.".into(),
                    Modality::SelfPaced => "Online, at your own pace.".into(),
                },
                vendor.name
            ),
        ),
        Tongue::Spanish => (
            format!("{}{es_end}", topic.es.0),
            format!(
                "{} {} Clase en español de {}.",
                topic.es.1,
                match modality {
                    Modality::InPerson => format!("Las clases son en {city}."),
                    Modality::OnlineInstructor => "Clases en línea con maestro.".into(),
                    Modality::SelfPaced => "En línea, a su propio ritmo.".into(),
                },
                vendor.name
            ),
        ),
        Tongue::Chinese => (
            format!("{}{zh_end}", topic.zh.0),
            format!(
                "{}{}以中文授課（{}）。",
                topic.zh.1,
                match modality {
                    Modality::InPerson => format!("在 {city} 上課。"),
                    Modality::OnlineInstructor => "由老師網上授課。".into(),
                    Modality::SelfPaced => "網上自學，按自己的進度。".into(),
                },
                vendor.name
            ),
        ),
    };
    // Half-hour steps from half an hour to eight hours.
    let credit = (topic.credit * share / 100).div_ceil(50).clamp(1, 16) * 50;
    ScaledCourse {
        number: format!("{}-{}", topic.pathway.code(), 1000 + index),
        vendor: first_vendor + vendor_index,
        pathway: topic.pathway,
        title,
        credit,
        modality,
        languages,
        description,
        listing_roll: rng.u32(0..100),
        own_registration: rng.u32(0..100) < 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_county_seat_is_placed_in_its_county_by_its_zip_code() {
        for (index, (city, zip)) in COUNTY_SEATS.iter().enumerate() {
            let county = CountyCode::new(index as u8 + 1).unwrap();
            let place = format!("Training Room 101, 100 Main St, {city}, CA {zip}");
            assert_eq!(
                pathways_domain::county::county_of_location(&place),
                Some(county),
                "{place}"
            );
        }
    }
}
