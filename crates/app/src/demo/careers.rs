//! The demo's healthcare career pages: four careers a home-care provider can grow into in
//! California, in English, Spanish and Traditional Chinese. The facts are the state's as of
//! 2026 (California Department of Public Health for aides, the Board of Vocational Nursing and
//! Psychiatric Technicians for vocational nurses); a program keeps them current through its
//! career pages, since they are data, not code.

use pathways_domain::career::{Career, CareerLanguage, CareerSlug, CareerText};
use pathways_domain::pathway::Pathway;

/// One career's words in one language: name, summary, requirements, training time.
type Words = (&'static str, &'static str, &'static str, &'static str);

struct DemoCareer {
    slug: &'static str,
    order: u16,
    pathways: &'static [Pathway],
    url: &'static str,
    en: Words,
    es: Words,
    zh: Words,
}

const CDPH_AIDES: &str = "https://www.cdph.ca.gov/Programs/CHCQ/LCP/Pages/TPRU.aspx";
const CDPH_CNA: &str =
    "https://www.cdph.ca.gov/Programs/CHCQ/LCP/Pages/How-to-Complete-Your-Initial-Application.aspx";
const MEDICAL_BOARD: &str = "https://www.mbc.ca.gov/";
const BVNPT: &str = "https://www.bvnpt.ca.gov/";

const CAREERS: [DemoCareer; 4] = [
    DemoCareer {
        slug: "home-health-aide",
        order: 10,
        pathways: &[
            Pathway::GeneralHealthAndSafety,
            Pathway::AdultEducation,
            Pathway::CognitiveImpairments,
            Pathway::ComplexPhysicalCare,
        ],
        url: CDPH_AIDES,
        en: (
            "Home health aide",
            "A home health aide gives personal care to people in their own homes, as part of a \
             home health agency's team and under a nurse's or therapist's direction.",
            "In California, home health aides are certified by the California Department of \
             Public Health (CDPH).\n\
             If you are already a certified nursing assistant (CNA): finish a CDPH-approved \
             40-hour home health aide program, with 20 hours in class and 20 hours of supervised \
             practice with patients.\n\
             If you are not a CNA: finish a CDPH-approved 120-hour home health aide program.\n\
             You also need a criminal record check (Live Scan fingerprints). You must be at \
             least 16 years old.",
            "40 hours if you are already a CNA; 120 hours if you are not. Many programs take a \
             few weeks.",
        ),
        es: (
            "Asistente de salud en el hogar",
            "Un asistente de salud en el hogar da cuidado personal a las personas en su propia \
             casa. Trabaja en el equipo de una agencia de salud en el hogar, con la guía de una \
             enfermera o un terapeuta.",
            "En California, el Departamento de Salud Pública de California (CDPH) certifica a \
             los asistentes de salud en el hogar.\n\
             Si ya es asistente de enfermería certificado (CNA): termine un programa de 40 horas \
             aprobado por el CDPH, con 20 horas de clase y 20 horas de práctica supervisada con \
             pacientes.\n\
             Si no es CNA: termine un programa de 120 horas aprobado por el CDPH.\n\
             También necesita una revisión de antecedentes penales (huellas digitales Live \
             Scan). Debe tener por lo menos 16 años.",
            "40 horas si ya es CNA; 120 horas si no lo es. Muchos programas duran unas pocas \
             semanas.",
        ),
        zh: (
            "居家保健助理",
            "居家保健助理到病人家中提供個人照護。他們是居家保健機構團隊的一員，依照護士或治療師的指示工作。",
            "在加州，居家保健助理由加州公共衛生部（CDPH）認證。\n\
             如果您已經是認證護理助理（CNA）：完成 CDPH 核准的 40 小時居家保健助理課程，包括 20 \
             小時課堂學習和 20 小時在督導下照顧病人的實習。\n\
             如果您不是 CNA：完成 CDPH 核准的 120 小時居家保健助理課程。\n\
             您也需要通過犯罪紀錄審查（Live Scan 指紋）。您必須年滿 16 歲。",
            "已是 CNA：40 小時；不是 CNA：120 小時。很多課程幾個星期就能完成。",
        ),
    },
    DemoCareer {
        slug: "certified-nursing-assistant",
        order: 20,
        pathways: &[
            Pathway::GeneralHealthAndSafety,
            Pathway::AdultEducation,
            Pathway::CognitiveImpairments,
            Pathway::ComplexPhysicalCare,
        ],
        url: CDPH_CNA,
        en: (
            "Certified nursing assistant (CNA)",
            "A certified nursing assistant helps patients with daily care, such as bathing, \
             eating and moving, in nursing homes, hospitals and at home, working with nurses.",
            "Finish a nurse assistant training program approved by the California Department of \
             Public Health (CDPH). It has at least 160 hours: 60 hours in class and 100 hours of \
             supervised practice with patients.\n\
             Then pass the state competency exam: a written or spoken test and a skills test.\n\
             You also need a criminal record check (Live Scan fingerprints). You must be at \
             least 16 years old. CDPH then certifies you. You renew every two years, with \
             continuing education.",
            "At least 160 hours of training. Many programs take 1 to 3 months.",
        ),
        es: (
            "Asistente de enfermería certificado (CNA)",
            "Un asistente de enfermería certificado ayuda a los pacientes con el cuidado diario, \
             como bañarse, comer y moverse, en hogares de ancianos, hospitales y en casa, junto \
             con el personal de enfermería.",
            "Termine un programa de capacitación para asistente de enfermería aprobado por el \
             Departamento de Salud Pública de California (CDPH). Tiene por lo menos 160 horas: \
             60 horas de clase y 100 horas de práctica supervisada con pacientes.\n\
             Después apruebe el examen estatal de competencia: una prueba escrita u oral y una \
             prueba de habilidades.\n\
             También necesita una revisión de antecedentes penales (huellas digitales Live \
             Scan). Debe tener por lo menos 16 años. Luego el CDPH le da la certificación. Se \
             renueva cada dos años, con educación continua.",
            "Por lo menos 160 horas de capacitación. Muchos programas duran de 1 a 3 meses.",
        ),
        zh: (
            "認證護理助理（CNA）",
            "認證護理助理協助病人處理日常照護，例如洗澡、進食和移動。他們在護理之家、醫院和病人家中與護士一起工作。",
            "完成加州公共衛生部（CDPH）核准的護理助理培訓課程。課程至少 160 小時：60 小時課堂學習和 100 \
             小時在督導下照顧病人的實習。\n\
             然後通過州政府的能力考試：筆試或口試，以及技能考試。\n\
             您也需要通過犯罪紀錄審查（Live Scan 指紋）。您必須年滿 16 歲。之後由 CDPH \
             發給認證。認證每兩年更新一次，需要進修課程。",
            "至少 160 小時的培訓。很多課程需要 1 到 3 個月。",
        ),
    },
    DemoCareer {
        slug: "medical-assistant",
        order: 30,
        pathways: &[Pathway::GeneralHealthAndSafety, Pathway::AdultEducation],
        url: MEDICAL_BOARD,
        en: (
            "Medical assistant",
            "A medical assistant works in a doctor's office or clinic: taking vital signs, \
             getting patients ready for visits, and helping with records and scheduling.",
            "California has no state license for medical assistants. Most people train in a \
             medical assistant program at a community college, an adult school or a private \
             school.\n\
             The Medical Board of California sets what medical assistants may do, and some \
             tasks, such as giving shots, need extra training first.\n\
             National certification (for example CMA or CCMA) is optional, but many employers \
             prefer it.",
            "Often 6 to 12 months.",
        ),
        es: (
            "Asistente médico",
            "Un asistente médico trabaja en el consultorio de un médico o en una clínica: toma \
             los signos vitales, prepara a los pacientes para la consulta y ayuda con los \
             expedientes y las citas.",
            "California no tiene una licencia estatal para asistentes médicos. La mayoría se \
             capacita en un programa de asistente médico en un colegio comunitario, una escuela \
             para adultos o una escuela privada.\n\
             La Junta Médica de California (Medical Board of California) define lo que pueden \
             hacer los asistentes médicos. Algunas tareas, como poner inyecciones, necesitan \
             capacitación adicional antes.\n\
             La certificación nacional (por ejemplo, CMA o CCMA) es opcional, pero muchos \
             empleadores la prefieren.",
            "Muchas veces de 6 a 12 meses.",
        ),
        zh: (
            "醫療助理",
            "醫療助理在醫生診所或診療所工作：量生命徵象、幫病人做好看診準備，並協助處理病歷和預約。",
            "加州沒有醫療助理的州執照。大多數人在社區學院、成人學校或私立學校的醫療助理課程接受培訓。\n\
             加州醫療委員會（Medical Board of California）規定醫療助理可以做哪些工作；有些工作，例如打針，需要先接受額外培訓。\n\
             全國性認證（例如 CMA 或 CCMA）不是必須的，但很多雇主比較喜歡有認證的人。",
            "通常 6 到 12 個月。",
        ),
    },
    DemoCareer {
        slug: "licensed-vocational-nurse",
        order: 40,
        pathways: &[
            Pathway::GeneralHealthAndSafety,
            Pathway::AdultEducation,
            Pathway::ComplexPhysicalCare,
        ],
        url: BVNPT,
        en: (
            "Licensed vocational nurse (LVN)",
            "A licensed vocational nurse gives basic nursing care, such as checking health, \
             giving medicines and caring for wounds, under the direction of a doctor or a \
             registered nurse.",
            "Finish a vocational nursing program approved by the Board of Vocational Nursing and \
             Psychiatric Technicians (BVNPT), at a community college, adult school or private \
             school.\n\
             Then pass the national licensing exam for practical nurses (NCLEX-PN) and get your \
             license from the Board. You also need a criminal record check (fingerprints).\n\
             You renew your license every two years, with continuing education.",
            "About 12 to 18 months.",
        ),
        es: (
            "Enfermero vocacional con licencia (LVN)",
            "Un enfermero vocacional con licencia da cuidados básicos de enfermería, como \
             revisar la salud, dar medicamentos y curar heridas, bajo la dirección de un médico o \
             de un enfermero titulado (RN).",
            "Termine un programa de enfermería vocacional aprobado por la Junta de Enfermería \
             Vocacional y Técnicos Psiquiátricos (BVNPT), en un colegio comunitario, una escuela \
             para adultos o una escuela privada.\n\
             Después apruebe el examen nacional de licencia para enfermeros prácticos (NCLEX-PN) \
             y reciba su licencia de la Junta. También necesita una revisión de antecedentes \
             penales (huellas digitales).\n\
             La licencia se renueva cada dos años, con educación continua.",
            "De 12 a 18 meses, más o menos.",
        ),
        zh: (
            "持照職業護士（LVN）",
            "持照職業護士在醫生或註冊護士（RN）的指導下提供基本護理，例如檢查健康狀況、給藥和照顧傷口。",
            "在社區學院、成人學校或私立學校完成加州職業護理及精神科技術員委員會（BVNPT）核准的職業護理課程。\n\
             然後通過全國實務護士執照考試（NCLEX-PN），並由委員會發給執照。您也需要通過犯罪紀錄審查（指紋）。\n\
             執照每兩年更新一次，需要進修課程。",
            "大約 12 到 18 個月。",
        ),
    },
];

fn text(language: CareerLanguage, words: Words, url: &str) -> CareerText {
    let (name, summary, requirements, training_time) = words;
    CareerText {
        language,
        name: name.to_owned(),
        summary: summary.to_owned(),
        requirements: requirements.to_owned(),
        training_time: training_time.to_owned(),
        learn_more_url: Some(url.to_owned()),
    }
}

/// The demo's careers, published, in display order.
pub fn careers() -> Vec<Career> {
    CAREERS
        .iter()
        .map(|c| Career {
            slug: CareerSlug::parse(c.slug).expect("a demo career slug"),
            texts: vec![
                text(CareerLanguage::En, c.en, c.url),
                text(CareerLanguage::Es, c.es, c.url),
                text(CareerLanguage::ZhHant, c.zh, c.url),
            ],
            pathways: c.pathways.to_vec(),
            display_order: c.order,
            published: true,
        })
        .collect()
}
