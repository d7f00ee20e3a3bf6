//! Vendors, courses and sessions: the demo catalog, and how each course meets, for attendance.

use pathways_domain::entities::{Course, Session, Vendor};
use pathways_domain::ids::{CourseNumber, SessionId, VendorCode};
use pathways_domain::pathway::{LanguageTag, Modality, Pathway};
use pathways_domain::quantity::Hours;
use time::macros::time;
use time::{Date, Duration, PrimitiveDateTime, Time};

use super::{Calendar, Stream, scale, seeded, valid};

/// A training vendor, with the places it teaches in person.
struct VendorSpec {
    code: &'static str,
    name: &'static str,
    email: &'static str,
    phone: &'static str,
    website: &'static str,
    locations: &'static [&'static str],
}

const VENDORS: [VendorSpec; 8] = [
    VendorSpec {
        code: "CCTP",
        name: "California Caregiver Training Partnership",
        email: "enroll@caregivertraining.example.org",
        phone: "(916) 555-0110",
        website: "https://caregivertraining.example.org",
        locations: &[
            "CCTP Training Center, 1020 K St, Sacramento, CA 95814",
            "CCTP Training Center, 2910 Beverly Blvd, Los Angeles, CA 90057",
        ],
    },
    VendorSpec {
        code: "CVCC",
        name: "Central Valley Community College, Workforce Education",
        email: "careerpathways@cvcc.example.org",
        phone: "(559) 555-0134",
        website: "https://www.cvcc.example.org/workforce",
        locations: &[
            "Health Sciences Building, Room 112, 1101 E University Ave, Fresno, CA 93741",
            "CVCC Visalia Center, 915 S Mooney Blvd, Visalia, CA 93277",
        ],
    },
    VendorSpec {
        code: "BSCC",
        name: "Bay Shore Community College, Allied Health Extension",
        email: "alliedhealth@bayshore.example.org",
        phone: "(510) 555-0158",
        website: "https://bayshore.example.org/extension",
        locations: &[
            "Allied Health Lab, 900 Fallon St, Oakland, CA 94607",
            "BSCC Mission Campus, 1125 Valencia St, San Francisco, CA 94110",
        ],
    },
    VendorSpec {
        code: "SLCC",
        name: "Southland Community College District, Caregiver Programs",
        email: "caregivers@southland.example.org",
        phone: "(213) 555-0172",
        website: "https://www.southland.example.org/caregivers",
        locations: &[
            "Nursing Skills Lab, 855 N Vermont Ave, Los Angeles, CA 90029",
            "Southland College East, 1301 Avenida Cesar Chavez, Monterey Park, CA 91754",
            "Southland Valley Center, 5800 Fulton Ave, Van Nuys, CA 91401",
        ],
    },
    VendorSpec {
        code: "HOMEWISE",
        name: "HomeWise Care Institute",
        email: "classes@homewise.example.org",
        phone: "(916) 555-0186",
        website: "https://homewise.example.org",
        locations: &[
            "HomeWise Care Institute, 2450 Del Paso Blvd, Sacramento, CA 95815",
            "HomeWise Stockton, 110 N San Joaquin St, Stockton, CA 95202",
        ],
    },
    VendorSpec {
        code: "PUENTES",
        name: "Puentes Community Health Education",
        email: "clases@puentes.example.org",
        phone: "(323) 555-0121",
        website: "https://puentes.example.org",
        locations: &[
            "Centro Comunitario Puentes, 4520 E Cesar E Chavez Ave, Los Angeles, CA 90022",
            "Puentes Santa Ana, 1200 W 1st St, Santa Ana, CA 92703",
        ],
    },
    VendorSpec {
        code: "AACS",
        name: "Asian American Caregiver Services",
        email: "training@aacs.example.org",
        phone: "(415) 555-0147",
        website: "https://aacs.example.org",
        locations: &[
            "AACS Community Room, 777 Stockton St, San Francisco, CA 94108",
            "AACS South Bay, 2155 S Bascom Ave, Campbell, CA 95008",
            "AACS Little Saigon, 9200 Bolsa Ave, Westminster, CA 92683",
        ],
    },
    VendorSpec {
        code: "HAVEN",
        name: "Haven Housing and Health Partners",
        email: "learn@havenpartners.example.org",
        phone: "(619) 555-0163",
        website: "https://havenpartners.example.org",
        locations: &[
            "Haven Resource Center, 1250 Sixth Ave, San Diego, CA 92101",
            "Haven Inland Empire, 3900 Market St, Riverside, CA 92501",
        ],
    },
];

/// Where a course stands in the catalog, relative to the demo program year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listing {
    /// Published before the program year and still offered.
    Established,
    /// Published a few weeks into the program year.
    NewThisYear,
    /// Published long ago and retired about six weeks before today.
    Retired,
    /// Submitted but not yet approved: no publication date.
    Draft,
}

struct CourseSpec<'a> {
    number: &'a str,
    vendor: &'a str,
    pathway: Pathway,
    title: &'a str,
    /// Credit hours in hundredths.
    credit: u32,
    modality: Modality,
    languages: &'a [&'static str],
    listing: Listing,
    /// The vendor registers people in its own system: the course shows its link, no sessions.
    own_registration: bool,
    description: &'a str,
}

use Listing::{Draft, Established, NewThisYear, Retired};
use Modality::{InPerson, OnlineInstructor, SelfPaced};
use Pathway::{
    AdultEducation as AED, CognitiveImpairments as CIB, ComplexPhysicalCare as CPC,
    GeneralHealthAndSafety as GHS, TransitionToHome as THC,
};

const COURSES: [CourseSpec<'static>; 60] = [
    // General Health and Safety.
    CourseSpec {
        number: "GHS-101",
        vendor: "CCTP",
        pathway: GHS,
        title: "CPR and First Aid for Home Care",
        credit: 400,
        modality: InPerson,
        languages: &["en", "es", "zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "Hands-on adult CPR, choking relief and first aid for the emergencies that \
            happen at home. You practise on manikins with an instructor and learn when and how to \
            call 911. Passing the skills check earns a two-year CPR and First Aid card.",
    },
    CourseSpec {
        number: "GHS-102",
        vendor: "CVCC",
        pathway: GHS,
        title: "Infection Control and Hand Hygiene",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "How germs spread in a home and the simple habits that stop them: \
            handwashing, gloves, cleaning and laundry. Includes what to do when the person you \
            care for, or you, is sick.",
    },
    CourseSpec {
        number: "GHS-103",
        vendor: "HOMEWISE",
        pathway: GHS,
        title: "Safe Transfers and Body Mechanics",
        credit: 300,
        modality: InPerson,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Move people safely from bed to chair, chair to toilet and into a car without \
            hurting them or yourself. You practise each transfer with a partner and a trainer and \
            learn when to ask for a second person or a device.",
    },
    CourseSpec {
        number: "GHS-104",
        vendor: "CCTP",
        pathway: GHS,
        title: "Preventing Falls at Home",
        credit: 150,
        modality: SelfPaced,
        languages: &["en", "es", "zh-Hant", "vi"],
        listing: Established,
        own_registration: true,
        description: "Spot the hazards that cause most falls at home and fix them room by room. \
            Learn how to help someone who has fallen and what to report afterwards.",
    },
    CourseSpec {
        number: "GHS-105",
        vendor: "SLCC",
        pathway: GHS,
        title: "Medication Awareness",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["en", "es", "hy"],
        listing: Established,
        own_registration: false,
        description: "What caregivers may and may not do with medications, how to read a label, \
            and how to help with reminders and pill organizers. Covers common side effects and \
            when to call the pharmacist or doctor.",
    },
    CourseSpec {
        number: "GHS-106",
        vendor: "BSCC",
        pathway: GHS,
        title: "Nutrition and Meal Planning on a Budget",
        credit: 300,
        modality: OnlineInstructor,
        languages: &["en", "zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "Plan a week of healthy meals for someone with diabetes, heart disease or a \
            small appetite, using CalFresh and food bank resources. Includes safe food storage \
            and easy recipes.",
    },
    CourseSpec {
        number: "GHS-107",
        vendor: "HOMEWISE",
        pathway: GHS,
        title: "Emergency Preparedness for Caregivers",
        credit: 100,
        modality: SelfPaced,
        languages: &["en", "es", "ko", "ru"],
        listing: Established,
        own_registration: false,
        description: "Make a plan for earthquakes, wildfires, heat waves and power shutoffs with \
            the person you care for. Build a go-bag and a medication list, and learn how to sign \
            up for local alerts.",
    },
    CourseSpec {
        number: "GHS-108",
        vendor: "CVCC",
        pathway: GHS,
        title: "Recognizing and Reporting Elder and Dependent Adult Abuse",
        credit: 200,
        modality: SelfPaced,
        languages: &["en", "es", "tl"],
        listing: Established,
        own_registration: false,
        description: "The signs of physical, financial and emotional abuse and of neglect. You \
            learn your duties as a mandated reporter and how to contact Adult Protective \
            Services.",
    },
    CourseSpec {
        number: "GHS-109",
        vendor: "SLCC",
        pathway: GHS,
        title: "Caregiver Stress and Self-Care",
        credit: 150,
        modality: OnlineInstructor,
        languages: &["en", "es", "hy", "ru"],
        listing: NewThisYear,
        own_registration: false,
        description: "Caring for someone every day is hard work. This class helps you notice \
            burnout early, set limits, and find respite and support groups near you.",
    },
    CourseSpec {
        number: "GHS-110",
        vendor: "BSCC",
        pathway: GHS,
        title: "Personal Care with Dignity: Bathing, Grooming and Toileting",
        credit: 400,
        modality: InPerson,
        languages: &["en", "zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "Respectful, safe personal care that keeps the person you care for in charge \
            of their own routine. Practise bed baths, shower safety, oral care and skin checks in \
            the skills lab.",
    },
    CourseSpec {
        number: "GHS-111",
        vendor: "PUENTES",
        pathway: GHS,
        title: "Primeros auxilios y seguridad en el hogar",
        credit: 300,
        modality: InPerson,
        languages: &["es"],
        listing: Established,
        own_registration: false,
        description: "Aprenda a responder ante caídas, quemaduras, cortaduras y atragantamientos \
            en casa. La clase es práctica y se imparte completamente en español. Al final sabrá \
            cuándo llamar al 911.",
    },
    CourseSpec {
        number: "GHS-112",
        vendor: "AACS",
        pathway: GHS,
        title: "居家照護安全基礎",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "認識居家環境中常見的危險，學習預防跌倒、燙傷與感染的方法。課程以中文授課，並\
            提供實用的居家安全檢查表。",
    },
    CourseSpec {
        number: "GHS-113",
        vendor: "CCTP",
        pathway: GHS,
        title: "Bloodborne Pathogens and Safe Sharps Handling",
        credit: 100,
        modality: SelfPaced,
        languages: &["en"],
        listing: Retired,
        own_registration: false,
        description: "How bloodborne infections spread and how to handle needles, lancets and \
            soiled items safely. Replaced by the updated infection control course.",
    },
    CourseSpec {
        number: "GHS-114",
        vendor: "HOMEWISE",
        pathway: GHS,
        title: "Home Safety Assessment",
        credit: 200,
        modality: SelfPaced,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Walk through a home with a checklist and find what needs fixing: lighting, \
            rugs, grab bars, smoke alarms and cords. Learn how to talk with the recipient and \
            family about changes.",
    },
    CourseSpec {
        number: "GHS-115",
        vendor: "SLCC",
        pathway: GHS,
        title: "Infection Prevention During Respiratory Virus Season",
        credit: 50,
        modality: SelfPaced,
        languages: &["en", "es", "zh-Hant", "vi", "ko", "hy", "ru", "tl"],
        listing: Established,
        own_registration: false,
        description: "A short refresher on flu, COVID-19 and RSV: vaccines, masks, ventilation and \
            when to stay home. Available in eight languages.",
    },
    CourseSpec {
        number: "GHS-116",
        vendor: "CVCC",
        pathway: GHS,
        title: "Communicating with Doctors and Nurses",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["en", "es"],
        listing: Draft,
        own_registration: false,
        description: "Prepare for medical visits, describe changes in condition clearly and keep a \
            simple health journal. Awaiting program approval.",
    },
    // Adult Education.
    CourseSpec {
        number: "AED-101",
        vendor: "SLCC",
        pathway: AED,
        title: "English for Caregivers",
        credit: 800,
        modality: OnlineInstructor,
        languages: &["en", "es", "zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "Everyday English for home care: talking with recipients, families, nurses \
            and pharmacists, and reading care instructions. Taught by ESL instructors with \
            bilingual support.",
    },
    CourseSpec {
        number: "AED-102",
        vendor: "CVCC",
        pathway: AED,
        title: "Digital Skills for Caregivers: Email, Video Calls and Online Forms",
        credit: 300,
        modality: OnlineInstructor,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Use a phone or computer to join video classes, send email, submit online \
            timesheets and keep your accounts safe. No experience needed.",
    },
    CourseSpec {
        number: "AED-103",
        vendor: "BSCC",
        pathway: AED,
        title: "Health Literacy: Reading Labels and Care Plans",
        credit: 200,
        modality: SelfPaced,
        languages: &["en", "zh-Hant", "vi"],
        listing: Established,
        own_registration: false,
        description: "Make sense of prescription labels, discharge papers and care plans. Practise \
            asking questions until the instructions are clear.",
    },
    CourseSpec {
        number: "AED-104",
        vendor: "PUENTES",
        pathway: AED,
        title: "Inglés para cuidadores",
        credit: 800,
        modality: InPerson,
        languages: &["es"],
        listing: Established,
        own_registration: false,
        description: "Clase de inglés práctico para proveedores de cuidado en casa: vocabulario \
            médico, conversaciones con la familia y llamadas al médico. Grupos pequeños con \
            maestras bilingües.",
    },
    CourseSpec {
        number: "AED-105",
        vendor: "AACS",
        pathway: AED,
        title: "照顧者英語會話",
        credit: 600,
        modality: InPerson,
        languages: &["zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "為居家照顧者設計的英語會話課程，練習與醫護人員、藥劑師及家屬溝通。小班教學，\
            由雙語老師授課。",
    },
    CourseSpec {
        number: "AED-106",
        vendor: "CCTP",
        pathway: AED,
        title: "Math for Medications and Measurements",
        credit: 200,
        modality: SelfPaced,
        languages: &["en", "es"],
        listing: Established,
        own_registration: true,
        description: "Practise the everyday math of caregiving: measuring liquids, reading a \
            thermometer and a blood pressure cuff, tracking fluids and converting units.",
    },
    CourseSpec {
        number: "AED-107",
        vendor: "SLCC",
        pathway: AED,
        title: "Introduction to Healthcare Careers",
        credit: 150,
        modality: OnlineInstructor,
        languages: &["en", "es", "tl"],
        listing: NewThisYear,
        own_registration: false,
        description: "Where home care can lead: home health aide, certified nursing assistant, \
            medical assistant and licensed vocational nurse. Learn what each requires and how the \
            pathways help.",
    },
    CourseSpec {
        number: "AED-108",
        vendor: "HOMEWISE",
        pathway: AED,
        title: "Keeping Records and Timesheets",
        credit: 100,
        modality: SelfPaced,
        languages: &["en", "es", "zh-Hant", "ru", "hy"],
        listing: Established,
        own_registration: false,
        description: "Keep clear daily notes, track hours correctly and avoid common timesheet \
            mistakes. Includes templates you can print or use on your phone.",
    },
    CourseSpec {
        number: "AED-109",
        vendor: "CVCC",
        pathway: AED,
        title: "Preparing for Home Health Aide Training",
        credit: 400,
        modality: InPerson,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "A bridge class for caregivers who want to become home health aides: study \
            skills, basic anatomy vocabulary and a tour of the college's program.",
    },
    CourseSpec {
        number: "AED-110",
        vendor: "BSCC",
        pathway: AED,
        title: "Workplace Communication and Cultural Humility",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["en", "ko", "vi"],
        listing: Established,
        own_registration: false,
        description: "Communicate across languages, cultures and generations. Practise listening, \
            asking about preferences and resolving misunderstandings with respect.",
    },
    // Cognitive Impairments and Behavioral Health.
    CourseSpec {
        number: "CIB-201",
        vendor: "BSCC",
        pathway: CIB,
        title: "Understanding Dementia and Alzheimer's",
        credit: 400,
        modality: OnlineInstructor,
        languages: &["en", "es", "zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "How dementia changes memory, mood and behavior over time, and how to adapt \
            daily care at each stage. Includes communication techniques that reduce frustration \
            for everyone.",
    },
    CourseSpec {
        number: "CIB-202",
        vendor: "HOMEWISE",
        pathway: CIB,
        title: "Responding to Challenging Behaviors",
        credit: 300,
        modality: InPerson,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Understand what lies behind agitation, wandering and refusal of care, and \
            practise calm, person-centered responses through role play.",
    },
    CourseSpec {
        number: "CIB-203",
        vendor: "CCTP",
        pathway: CIB,
        title: "Mental Health First Aid for Caregivers",
        credit: 800,
        modality: InPerson,
        languages: &["en", "es"],
        listing: Established,
        own_registration: true,
        description: "Recognize the signs of mental health and substance use problems and offer \
            initial help. Includes a crisis plan and local resources. Certification course; \
            register with the partnership.",
    },
    CourseSpec {
        number: "CIB-204",
        vendor: "SLCC",
        pathway: CIB,
        title: "Supporting People with Intellectual and Developmental Disabilities",
        credit: 300,
        modality: OnlineInstructor,
        languages: &["en", "es", "hy"],
        listing: Established,
        own_registration: false,
        description: "Support independence and choice for adults with developmental disabilities. \
            Learn about regional centers, communication aids and positive behavior support.",
    },
    CourseSpec {
        number: "CIB-205",
        vendor: "CVCC",
        pathway: CIB,
        title: "Depression, Anxiety and Isolation in Older Adults",
        credit: 200,
        modality: SelfPaced,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Notice the signs of depression and anxiety, encourage connection and know \
            when to seek help. Includes conversation starters and community programs.",
    },
    CourseSpec {
        number: "CIB-206",
        vendor: "PUENTES",
        pathway: CIB,
        title: "Cuidado de personas con demencia",
        credit: 400,
        modality: InPerson,
        languages: &["es"],
        listing: Established,
        own_registration: false,
        description: "Conozca las etapas de la demencia y cómo adaptar el cuidado diario. \
            Practique técnicas de comunicación y actividades que reducen la ansiedad. Clase \
            impartida en español.",
    },
    CourseSpec {
        number: "CIB-207",
        vendor: "AACS",
        pathway: CIB,
        title: "認識失智症與溝通技巧",
        credit: 300,
        modality: OnlineInstructor,
        languages: &["zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "了解失智症的症狀與病程，學習與失智長者溝通及處理情緒行為的技巧。課程以中文授\
            課，並介紹社區支援資源。",
    },
    CourseSpec {
        number: "CIB-208",
        vendor: "HOMEWISE",
        pathway: CIB,
        title: "Substance Use and Recovery at Home",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["en"],
        listing: NewThisYear,
        own_registration: false,
        description: "Support a recipient in recovery without judgment. Covers overdose signs, \
            naloxone and how to set boundaries that protect you both.",
    },
    CourseSpec {
        number: "CIB-209",
        vendor: "BSCC",
        pathway: CIB,
        title: "Autism Across the Lifespan",
        credit: 200,
        modality: SelfPaced,
        languages: &["en", "ko", "vi"],
        listing: Established,
        own_registration: false,
        description: "Understand sensory needs, routines and communication styles of autistic \
            children and adults, and how to make home care predictable and calm.",
    },
    CourseSpec {
        number: "CIB-210",
        vendor: "SLCC",
        pathway: CIB,
        title: "Meaningful Activities for People Living with Dementia",
        credit: 150,
        modality: InPerson,
        languages: &["en", "es", "ru"],
        listing: Established,
        own_registration: false,
        description: "Plan simple, enjoyable activities such as music, folding, gardening and \
            reminiscing that fit the person's abilities and history.",
    },
    CourseSpec {
        number: "CIB-211",
        vendor: "CVCC",
        pathway: CIB,
        title: "Traumatic Brain Injury Basics",
        credit: 200,
        modality: SelfPaced,
        languages: &["en"],
        listing: Retired,
        own_registration: false,
        description: "How brain injuries affect memory, mood and movement, and what helps at home. \
            Retired in favor of a new course now in development.",
    },
    CourseSpec {
        number: "CIB-212",
        vendor: "HAVEN",
        pathway: CIB,
        title: "Trauma-Informed Care",
        credit: 300,
        modality: OnlineInstructor,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "How past trauma shapes the way people react to care, and practical ways to \
            build safety, trust and choice into every visit.",
    },
    // Complex Physical Care Needs.
    CourseSpec {
        number: "CPC-301",
        vendor: "CVCC",
        pathway: CPC,
        title: "Diabetes Care at Home",
        credit: 300,
        modality: OnlineInstructor,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Help with blood sugar checks, meals, foot care and activity, and recognize \
            highs and lows before they become emergencies.",
    },
    CourseSpec {
        number: "CPC-302",
        vendor: "BSCC",
        pathway: CPC,
        title: "Caring for Someone After a Stroke",
        credit: 400,
        modality: InPerson,
        languages: &["en", "zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "Support recovery after a stroke: positioning, range-of-motion exercises, \
            eating safely and communicating with someone who has aphasia. Includes lab practice.",
    },
    CourseSpec {
        number: "CPC-303",
        vendor: "HOMEWISE",
        pathway: CPC,
        title: "Wound Care and Pressure Injury Prevention",
        credit: 300,
        modality: InPerson,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Keep skin healthy, reposition on a schedule and spot early pressure \
            injuries. Learn what a caregiver may do for a wound and what the nurse must do.",
    },
    CourseSpec {
        number: "CPC-304",
        vendor: "SLCC",
        pathway: CPC,
        title: "Heart Failure and COPD: Daily Care and Warning Signs",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["en", "es", "hy"],
        listing: Established,
        own_registration: false,
        description: "Daily weights, breathing techniques, energy saving and the warning signs \
            that mean a call to the doctor or 911.",
    },
    CourseSpec {
        number: "CPC-305",
        vendor: "CCTP",
        pathway: CPC,
        title: "Mobility Equipment: Wheelchairs, Walkers and Lifts",
        credit: 400,
        modality: InPerson,
        languages: &["en", "es", "zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "Set up, use and care for mobility equipment, including a hands-on session \
            with a mechanical lift. Learn how to request repairs through the recipient's health \
            plan.",
    },
    CourseSpec {
        number: "CPC-306",
        vendor: "CCTP",
        pathway: CPC,
        title: "Catheter and Ostomy Care Basics",
        credit: 200,
        modality: SelfPaced,
        languages: &["en", "es"],
        listing: Established,
        own_registration: true,
        description: "Hygiene, emptying and changing supplies, and signs of infection. Short \
            videos followed by a knowledge check.",
    },
    CourseSpec {
        number: "CPC-307",
        vendor: "PUENTES",
        pathway: CPC,
        title: "Cuidados para personas con diabetes",
        credit: 300,
        modality: OnlineInstructor,
        languages: &["es"],
        listing: Established,
        own_registration: false,
        description: "Aprenda a ayudar con la glucosa, la alimentación y el cuidado de los pies. \
            Reconozca las señales de alarma y sepa cuándo pedir ayuda médica.",
    },
    CourseSpec {
        number: "CPC-308",
        vendor: "AACS",
        pathway: CPC,
        title: "中風後的居家照護",
        credit: 400,
        modality: InPerson,
        languages: &["zh-Hant"],
        listing: Established,
        own_registration: false,
        description: "學習中風後的擺位、關節活動、安全進食與溝通技巧。課程包含實作練習，以中文授課\
            。",
    },
    CourseSpec {
        number: "CPC-309",
        vendor: "HOMEWISE",
        pathway: CPC,
        title: "Feeding, Swallowing and Tube Feeding Awareness",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["en", "es", "ru"],
        listing: NewThisYear,
        own_registration: false,
        description: "Help someone eat and drink safely, prevent choking and aspiration, and \
            understand what caregivers may do when a recipient has a feeding tube.",
    },
    CourseSpec {
        number: "CPC-310",
        vendor: "SLCC",
        pathway: CPC,
        title: "Caring for People with Parkinson's Disease",
        credit: 200,
        modality: SelfPaced,
        languages: &["en", "es", "vi"],
        listing: Established,
        own_registration: false,
        description: "Support movement, speech and swallowing as Parkinson's progresses, and plan \
            the day around medication timing.",
    },
    CourseSpec {
        number: "CPC-311",
        vendor: "BSCC",
        pathway: CPC,
        title: "Pain Management and Comfort Care",
        credit: 150,
        modality: SelfPaced,
        languages: &["en", "zh-Hant", "ko"],
        listing: Established,
        own_registration: false,
        description: "Recognize pain in people who cannot easily say so, and use positioning, \
            warmth and calm to bring comfort, including at the end of life.",
    },
    CourseSpec {
        number: "CPC-312",
        vendor: "CVCC",
        pathway: CPC,
        title: "Oxygen Therapy Safety at Home",
        credit: 100,
        modality: SelfPaced,
        languages: &["en", "es"],
        listing: Draft,
        own_registration: false,
        description: "Safe use and storage of oxygen concentrators and tanks, fire safety and what \
            to do in a power outage. Awaiting program approval.",
    },
    // Transition to home and community-based living.
    CourseSpec {
        number: "THC-401",
        vendor: "HAVEN",
        pathway: THC,
        title: "Supporting Recipients Leaving Homelessness",
        credit: 400,
        modality: OnlineInstructor,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "What people coming from the street or a shelter need to settle into a home: \
            trust, routines, benefits and health care. Practical strategies from outreach workers \
            and caregivers.",
    },
    CourseSpec {
        number: "THC-402",
        vendor: "HAVEN",
        pathway: THC,
        title: "Transition from Hospital or Nursing Facility to Home",
        credit: 300,
        modality: InPerson,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Prepare the home, understand discharge instructions and follow-up \
            appointments, and spot the early signs that lead to readmission.",
    },
    CourseSpec {
        number: "THC-403",
        vendor: "HOMEWISE",
        pathway: THC,
        title: "Setting Up a Safe Home after a Move",
        credit: 200,
        modality: SelfPaced,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Help someone set up a new apartment: essentials, safety checks, utilities \
            and getting to know the neighborhood.",
    },
    CourseSpec {
        number: "THC-404",
        vendor: "SLCC",
        pathway: THC,
        title: "Navigating Benefits and Community Resources",
        credit: 300,
        modality: OnlineInstructor,
        languages: &["en", "es", "hy", "tl"],
        listing: Established,
        own_registration: false,
        description: "Medi-Cal, CalFresh, SSI, housing assistance and transportation: what they \
            offer and how to help a recipient apply and keep them.",
    },
    CourseSpec {
        number: "THC-405",
        vendor: "PUENTES",
        pathway: THC,
        title: "Apoyo en la transición a la vivienda",
        credit: 300,
        modality: InPerson,
        languages: &["es"],
        listing: Established,
        own_registration: false,
        description: "Cómo acompañar a una persona que sale de un refugio o de un centro de \
            cuidado hacia su propio hogar. Recursos comunitarios, rutinas y confianza.",
    },
    CourseSpec {
        number: "THC-406",
        vendor: "HAVEN",
        pathway: THC,
        title: "Harm Reduction Basics for Home Care",
        credit: 200,
        modality: SelfPaced,
        languages: &["en"],
        listing: Established,
        own_registration: false,
        description: "Principles of harm reduction and how they apply in home care, with safety \
            planning and naloxone training.",
    },
    CourseSpec {
        number: "THC-407",
        vendor: "CVCC",
        pathway: THC,
        title: "Person-Centered Planning and Independent Living",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["en", "es"],
        listing: Established,
        own_registration: false,
        description: "Help recipients set their own goals for living in the community and build a \
            plan with their support network and independent living center.",
    },
    CourseSpec {
        number: "THC-408",
        vendor: "AACS",
        pathway: THC,
        title: "從機構回到社區：居家過渡支援",
        credit: 200,
        modality: OnlineInstructor,
        languages: &["zh-Hant"],
        listing: NewThisYear,
        own_registration: false,
        description: "協助長者或身心障礙者從醫院、護理機構回到社區生活，認識出院計畫、社區資源與居\
            家安排。以中文授課。",
    },
    CourseSpec {
        number: "THC-409",
        vendor: "BSCC",
        pathway: THC,
        title: "Working with Recipients Who Have Experienced Housing Loss",
        credit: 150,
        modality: SelfPaced,
        languages: &["en", "zh-Hant", "vi"],
        listing: Established,
        own_registration: false,
        description: "Understand the effects of losing a home on health and trust, and support \
            recipients as they rebuild stability.",
    },
    CourseSpec {
        number: "THC-410",
        vendor: "HAVEN",
        pathway: THC,
        title: "Housing First: An Introduction",
        credit: 100,
        modality: OnlineInstructor,
        languages: &["en"],
        listing: Retired,
        own_registration: false,
        description: "The Housing First approach and what it means for caregivers. Retired; its \
            content is now part of Supporting Recipients Leaving Homelessness.",
    },
];

/// Course numbers no course has, as vendors mistype them.
pub(super) const UNKNOWN_COURSE_NUMBERS: [&str; 6] = [
    "GHS-199", "CPC-330", "CIB-250", "AED-150", "THC-499", "CPR-101",
];

/// How a course meets, for placing attendance: the minutes of each meeting day, and the days
/// between meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MeetingPlan {
    pub day_minutes: Vec<u32>,
    /// Days between meetings: 1 for in-person series, 7 for weekly online classes; self-paced
    /// learners choose their own days (see [`Self::self_paced`]).
    pub spacing: i64,
    pub self_paced: bool,
}

impl MeetingPlan {
    fn new(credit: Hours, modality: Modality) -> Self {
        // Longest sensible day: a full class day in person, an evening online, a sitting alone.
        let (cap, spacing) = match modality {
            InPerson => (360, 1),
            OnlineInstructor => (180, 7),
            SelfPaced => (90, 1),
        };
        let total = (credit.hundredths() * 60).div_ceil(100);
        let days = total.div_ceil(cap).max(1);
        let per_day = total.div_ceil(days);
        let mut day_minutes = vec![per_day; days as usize];
        if let Some(last) = day_minutes.last_mut() {
            *last = total - per_day * (days - 1);
        }
        Self {
            day_minutes,
            spacing,
            self_paced: modality == SelfPaced,
        }
    }

    /// Days from the first meeting to the last, for a scheduled series.
    fn span(&self) -> i64 {
        (self.day_minutes.len() as i64 - 1) * self.spacing
    }
}

/// What the attendance generator needs to know about one course.
#[derive(Debug, Clone)]
pub(super) struct CourseFacts {
    pub pathway: Pathway,
    pub vendor: usize,
    pub languages: Vec<&'static str>,
    pub plan: MeetingPlan,
    /// The days attendance can verify: in the catalog, in the program year, and in the past.
    pub attendable: Option<(Date, Date)>,
    /// Sessions attendance can name, as indices into [`Catalog::sessions`]: instructor-led ones
    /// whose days all lie in `attendable`, self-paced ones whose window opened in it.
    pub past_sessions: Vec<usize>,
}

/// The demo catalog, built once.
#[derive(Debug, Clone)]
pub(super) struct Catalog {
    pub vendors: Vec<Vendor>,
    pub courses: Vec<Course>,
    pub sessions: Vec<Session>,
    pub facts: Vec<CourseFacts>,
}

/// How often a course runs: scheduled classes in the six months around today, and how many
/// days apart self-paced windows open.
#[derive(Debug, Clone)]
struct Density {
    classes: std::ops::RangeInclusive<i64>,
    window_every: i64,
}

/// The hand-written courses: a few classes each.
const HAND_WRITTEN: Density = Density {
    classes: 4..=7,
    window_every: 28,
};
/// The generated courses of a state-scale catalog: about ten sessions each, so 2,000 courses
/// have about 20,000.
const GENERATED: Density = Density {
    classes: 9..=13,
    window_every: 14,
};

/// The hand-written courses in every demo.
pub(super) const HAND_WRITTEN_COURSES: u32 = COURSES.len() as u32;

impl Catalog {
    /// The hand-written catalog, and generated courses (with their vendors) up to `courses`.
    pub fn new(seed: u64, calendar: &Calendar, courses: u32) -> Self {
        let mut catalog = Self {
            vendors: VENDORS
                .iter()
                .map(|v| Vendor {
                    code: valid(VendorCode::parse(v.code)),
                    name: v.name.into(),
                    email: v.email.into(),
                    phone: v.phone.into(),
                    website: v.website.into(),
                })
                .collect(),
            courses: Vec::with_capacity(courses as usize),
            sessions: Vec::new(),
            facts: Vec::with_capacity(courses as usize),
        };
        let locations: Vec<Vec<String>> = VENDORS
            .iter()
            .map(|v| v.locations.iter().map(|l| (*l).to_owned()).collect())
            .collect();
        for spec in &COURSES {
            let vendor = VENDORS
                .iter()
                .position(|v| v.code == spec.vendor)
                .unwrap_or_else(|| panic!("course {} has an unknown vendor", spec.number));
            catalog.add(
                seed,
                calendar,
                spec,
                vendor,
                &locations[vendor],
                &HAND_WRITTEN,
            );
        }

        let generated = courses.saturating_sub(HAND_WRITTEN_COURSES);
        if generated == 0 {
            return catalog;
        }
        let picker = super::places::CountyPicker::new();
        let first_vendor = catalog.vendors.len() as u32;
        let scaled: Vec<scale::ScaledVendor> = (0..scale::vendor_count(generated))
            .map(|k| scale::vendor(seed, k, &picker))
            .collect();
        catalog.vendors.extend(scaled.iter().map(|v| Vendor {
            code: valid(VendorCode::parse(&v.code)),
            name: v.name.clone(),
            email: v.email.clone(),
            phone: v.phone.clone(),
            website: v.website.clone(),
        }));
        for k in 0..generated {
            let c = scale::course(seed, k, &scaled, first_vendor);
            let vendor = c.vendor as usize;
            let spec = CourseSpec {
                number: &c.number,
                vendor: scaled[vendor - first_vendor as usize].code.as_str(),
                pathway: c.pathway,
                title: &c.title,
                credit: c.credit,
                modality: c.modality,
                languages: &c.languages,
                listing: match c.listing_roll {
                    0..86 => Established,
                    86..95 => NewThisYear,
                    95..98 => Retired,
                    _ => Draft,
                },
                own_registration: c.own_registration,
                description: &c.description,
            };
            let places = &scaled[vendor - first_vendor as usize].locations;
            catalog.add(seed, calendar, &spec, vendor, places, &GENERATED);
        }
        catalog
    }

    /// Adds a course with its sessions and what attendance needs to know about it.
    fn add(
        &mut self,
        seed: u64,
        calendar: &Calendar,
        spec: &CourseSpec<'_>,
        vendor: usize,
        locations: &[String],
        density: &Density,
    ) {
        let index = self.courses.len();
        let course = course(spec, index, calendar, &self.vendors[vendor].website);
        let plan = MeetingPlan::new(course.credit_hours, course.modality);
        let mut rng = seeded(seed, Stream::Sessions, index as u64);
        let sessions = &mut self.sessions;
        let first_session = sessions.len();
        if course.published_on.is_some() && !spec.own_registration {
            sessions.extend(schedule(
                &course, &plan, locations, density, calendar, &mut rng,
            ));
        }
        let attendable = attendable_days(&course, calendar);
        // Instructor-led sessions must have ended; a self-paced window need only have opened.
        let past_sessions = (first_session..sessions.len())
            .filter(|&s| {
                let session: &Session = &sessions[s];
                let last_day = if plan.self_paced {
                    session.starts_at.date()
                } else {
                    session.ends_at.date()
                };
                attendable
                    .is_some_and(|(from, to)| from <= session.starts_at.date() && last_day <= to)
            })
            .collect();
        self.facts.push(CourseFacts {
            pathway: spec.pathway,
            vendor,
            languages: spec.languages.to_vec(),
            plan,
            attendable,
            past_sessions,
        });
        self.courses.push(course);
    }

    pub fn vendor_code(&self, course: usize) -> &VendorCode {
        &self.vendors[self.facts[course].vendor].code
    }
}

/// The course record, with its dates placed relative to the program year.
fn course(spec: &CourseSpec<'_>, index: usize, calendar: &Calendar, website: &str) -> Course {
    let spread = index as i64;
    let (published_on, retired_on) = match spec.listing {
        // Spread over the two and a half years before the program year, so the catalog grew.
        Established => (
            Some(calendar.classes_from - Duration::days(60 + (spread * 53) % 840)),
            None,
        ),
        NewThisYear => (
            Some(calendar.classes_from + Duration::days(14 + (spread * 7) % 28)),
            None,
        ),
        Retired => {
            let published = calendar.classes_from - Duration::days(900 + spread);
            let retired = (calendar.today - Duration::days(45)).max(published + Duration::days(30));
            (Some(published), Some(retired))
        }
        Draft => (None, None),
    };
    let registration_url = spec
        .own_registration
        .then(|| format!("{website}/register/{}", spec.number.to_ascii_lowercase()));
    Course {
        number: valid(CourseNumber::parse(spec.number)),
        vendor: valid(VendorCode::parse(spec.vendor)),
        pathway: spec.pathway,
        title: spec.title.into(),
        credit_hours: Hours::from_hundredths(spec.credit),
        modality: spec.modality,
        languages: spec
            .languages
            .iter()
            .map(|l| valid(LanguageTag::parse(l)))
            .collect(),
        published_on,
        retired_on,
        registration_url,
        description: spec.description.into(),
    }
}

/// Days on which attendance at `course` verifies and has already happened.
fn attendable_days(course: &Course, calendar: &Calendar) -> Option<(Date, Date)> {
    let from = course.published_on?.max(calendar.classes_from);
    let mut to = calendar.last_attendance_day().min(calendar.last_class_date);
    if let Some(retired) = course.retired_on {
        to = to.min(retired.previous_day()?);
    }
    (from <= to).then_some((from, to))
}

/// Sessions from about three months before today to three months after, inside the course's
/// time in the catalog.
fn schedule(
    course: &Course,
    plan: &MeetingPlan,
    locations: &[String],
    density: &Density,
    calendar: &Calendar,
    rng: &mut fastrand::Rng,
) -> Vec<Session> {
    const HORIZON_DAYS: i64 = 91;
    let first_day = calendar.today - Duration::days(HORIZON_DAYS);
    let mut runs: Vec<(Date, Date, Time, Time)> = Vec::new();
    if plan.self_paced {
        // A new six-week enrolment window opens every four weeks (two, for a generated course).
        let mut opens = first_day + Duration::days(rng.i64(0..7));
        while opens <= calendar.today + Duration::days(HORIZON_DAYS) {
            runs.push((opens, opens + Duration::days(41), time!(0:00), time!(23:59)));
            opens += Duration::days(density.window_every);
        }
    } else {
        let count = rng.i64(density.classes.clone());
        let step = 2 * HORIZON_DAYS / count;
        let per_day = i64::from(plan.day_minutes.first().copied().unwrap_or(60));
        for k in 0..count {
            let starts_on = first_day + Duration::days(k * step + rng.i64(0..step.min(10)));
            let starts_at = match (course.modality, rng.bool()) {
                (InPerson, true) if per_day <= 180 => time!(13:00),
                (InPerson, _) => time!(9:00),
                (_, true) => time!(18:00),
                (_, false) => time!(10:00),
            };
            let ends_at = starts_at + Duration::minutes(per_day);
            runs.push((
                starts_on,
                starts_on + Duration::days(plan.span()),
                starts_at,
                ends_at,
            ));
        }
    }
    let in_catalog = |from: Date, to: Date| {
        course.published_on.is_some_and(|p| p <= from) && course.retired_on.is_none_or(|r| to < r)
    };
    runs.into_iter()
        .filter(|&(from, to, _, _)| in_catalog(from, to))
        .enumerate()
        .map(|(k, (from, to, start, end))| Session {
            id: valid(SessionId::parse(&format!(
                "{}-S{:02}",
                course.number,
                k + 1
            ))),
            course: course.number.clone(),
            starts_at: PrimitiveDateTime::new(from, start),
            ends_at: PrimitiveDateTime::new(to, end),
            location: (course.modality == InPerson)
                .then(|| locations[rng.usize(0..locations.len())].clone()),
            capacity: (!plan.self_paced).then(|| rng.u32(15..=40)),
        })
        .collect()
}
