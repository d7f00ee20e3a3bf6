//! Healthcare careers a provider can grow into (DOMAIN.md §3, last point): what each requires,
//! how long training takes, and which pathways lead there. The program writes each career in
//! English and, when it can, in Spanish and Traditional Chinese; a page in a language the career
//! is not written in shows the English text instead (and says so).
//!
//! A [`CareerDraft`] is what a person typed; [`Career::from_draft`] checks every field and
//! reports every problem at once, so a form can show them all.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::pathway::Pathway;

/// A language careers are written in: the site's three languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CareerLanguage {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "zh-Hant")]
    ZhHant,
}

impl CareerLanguage {
    /// English first: it is the text every other language falls back to.
    pub const ALL: [Self; 3] = [Self::En, Self::Es, Self::ZhHant];

    /// The BCP 47 tag, as the site's `lang` attributes write it.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
            Self::ZhHant => "zh-Hant",
        }
    }

    /// The language of a tag as [`CareerLanguage::tag`] writes it (case-insensitive).
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The suffix of this language's form fields (`name_es`, `name_zh_hant`).
    pub fn field_suffix(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
            Self::ZhHant => "zh_hant",
        }
    }
}

impl fmt::Display for CareerLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A career's name in addresses (`/careers/certified-nursing-assistant`): 3 to 60 lower-case
/// letters, digits and single hyphens, starting with a letter and not ending with a hyphen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CareerSlug(String);

impl CareerSlug {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<Self, ProblemKind> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ProblemKind::Missing);
        }
        let well_formed = (3..=Self::MAX_CHARS).contains(&raw.len())
            && raw.starts_with(|c: char| c.is_ascii_lowercase())
            && !raw.ends_with('-')
            && !raw.contains("--")
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if well_formed {
            Ok(Self(raw.to_owned()))
        } else {
            Err(ProblemKind::SlugFormat)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CareerSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CareerSlug {
    type Error = ProblemKind;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CareerSlug> for String {
    fn from(value: CareerSlug) -> Self {
        value.0
    }
}

/// A career's words in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareerText {
    pub language: CareerLanguage,
    /// The career's name, such as "Certified nursing assistant".
    pub name: String,
    /// One or two sentences: what the work is.
    pub summary: String,
    /// What it takes to work in it: training, exams, licences. Lines are paragraphs.
    pub requirements: String,
    /// How long training usually takes, such as "About 12 to 18 months".
    pub training_time: String,
    /// Where to learn more: an `https://` page, such as the state board's.
    pub learn_more_url: Option<String>,
}

/// A healthcare career, with its words in each language it is written in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Career {
    pub slug: CareerSlug,
    /// English first, then the other languages it is written in, in [`CareerLanguage::ALL`]
    /// order, each at most once.
    pub texts: Vec<CareerText>,
    /// The pathways that lead there, in the program table's order, each once.
    pub pathways: Vec<Pathway>,
    /// Lists show careers by this number, smallest first (then by slug).
    pub display_order: u16,
    /// Shown to the public; hidden careers are seen only by program admins.
    pub published: bool,
}

impl Career {
    pub const MAX_NAME: usize = 80;
    pub const MAX_SUMMARY: usize = 500;
    pub const MAX_REQUIREMENTS: usize = 3000;
    pub const MAX_TRAINING_TIME: usize = 200;
    pub const MAX_URL: usize = 500;
    pub const MAX_ORDER: u16 = 999;

    /// The words in `language` when the career is written in it, else in English. The text
    /// says which language it is in, so a page can mark it with `lang`.
    pub fn text(&self, language: CareerLanguage) -> &CareerText {
        self.texts
            .iter()
            .find(|t| t.language == language)
            .or_else(|| self.texts.first())
            .expect("a career always has its English text")
    }

    /// Whether the career is written in `language` (English always is).
    pub fn written_in(&self, language: CareerLanguage) -> bool {
        self.texts.iter().any(|t| t.language == language)
    }

    /// Checks a draft: every problem is reported, in form order.
    pub fn from_draft(draft: &CareerDraft) -> Result<Self, Vec<CareerProblem>> {
        let mut problems = Vec::new();
        let mut fail = |field, language, kind| {
            problems.push(CareerProblem {
                field,
                language,
                kind,
            });
        };
        let slug = CareerSlug::parse(&draft.slug)
            .map_err(|kind| fail(CareerField::Slug, None, kind))
            .ok();
        let display_order = match draft.display_order.trim() {
            "" => Some(0),
            raw => match raw.parse::<u16>() {
                Ok(n) if n <= Self::MAX_ORDER => Some(n),
                _ => {
                    fail(
                        CareerField::DisplayOrder,
                        None,
                        ProblemKind::OrderOutOfRange,
                    );
                    None
                }
            },
        };
        let mut pathways = Vec::new();
        for raw in &draft.pathways {
            match Pathway::parse(raw) {
                Ok(p) if !pathways.contains(&p) => pathways.push(p),
                Ok(_) => {}
                Err(_) => fail(CareerField::Pathways, None, ProblemKind::UnknownPathway),
            }
        }
        if draft.pathways.is_empty() {
            fail(CareerField::Pathways, None, ProblemKind::Missing);
        }
        pathways.sort();

        let mut texts = Vec::new();
        for language in CareerLanguage::ALL {
            let Some(raw) = draft.texts.iter().find(|t| t.language == language) else {
                if language == CareerLanguage::En {
                    for field in CareerField::REQUIRED_TEXT {
                        fail(field, Some(language), ProblemKind::Missing);
                    }
                }
                continue;
            };
            // Another language left wholly empty falls back to English; one half filled in
            // would show a page in two languages at once, so it must be finished or emptied.
            if language != CareerLanguage::En && raw.is_blank() {
                continue;
            }
            let missing = if language == CareerLanguage::En {
                ProblemKind::Missing
            } else {
                ProblemKind::TranslationIncomplete
            };
            let mut text = |field: CareerField, value: &str, max: usize| -> Option<String> {
                let value = value.trim();
                if value.is_empty() {
                    fail(field, Some(language), missing);
                    None
                } else if value.chars().count() > max {
                    fail(field, Some(language), ProblemKind::TooLong { max });
                    None
                } else {
                    Some(value.replace("\r\n", "\n"))
                }
            };
            let name = text(CareerField::Name, &raw.name, Self::MAX_NAME);
            let summary = text(CareerField::Summary, &raw.summary, Self::MAX_SUMMARY);
            let requirements = text(
                CareerField::Requirements,
                &raw.requirements,
                Self::MAX_REQUIREMENTS,
            );
            let training_time = text(
                CareerField::TrainingTime,
                &raw.training_time,
                Self::MAX_TRAINING_TIME,
            );
            let learn_more_url = match check_url(&raw.learn_more_url) {
                Ok(url) => Some(url),
                Err(kind) => {
                    fail(CareerField::LearnMoreUrl, Some(language), kind);
                    None
                }
            };
            if let (Some(name), Some(summary), Some(requirements), Some(training_time), Some(url)) =
                (name, summary, requirements, training_time, learn_more_url)
            {
                texts.push(CareerText {
                    language,
                    name,
                    summary,
                    requirements,
                    training_time,
                    learn_more_url: url,
                });
            }
        }
        match (slug, display_order, problems.is_empty()) {
            (Some(slug), Some(display_order), true) => Ok(Self {
                slug,
                texts,
                pathways,
                display_order,
                published: draft.published,
            }),
            _ => Err(problems),
        }
    }

    /// The draft that gives this career back (for an edit form).
    pub fn to_draft(&self) -> CareerDraft {
        CareerDraft {
            slug: self.slug.to_string(),
            display_order: self.display_order.to_string(),
            pathways: self.pathways.iter().map(|p| p.code().to_owned()).collect(),
            published: self.published,
            texts: self
                .texts
                .iter()
                .map(|t| CareerTextDraft {
                    language: t.language,
                    name: t.name.clone(),
                    summary: t.summary.clone(),
                    requirements: t.requirements.clone(),
                    training_time: t.training_time.clone(),
                    learn_more_url: t.learn_more_url.clone().unwrap_or_default(),
                })
                .collect(),
        }
    }
}

/// An optional `https://` address: empty is `None`.
fn check_url(raw: &str) -> Result<Option<String>, ProblemKind> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if raw.chars().count() > Career::MAX_URL {
        return Err(ProblemKind::TooLong {
            max: Career::MAX_URL,
        });
    }
    let Some(rest) = raw
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .map(|_| &raw[8..])
    else {
        return Err(ProblemKind::NotHttps);
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if !host_ok || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ProblemKind::BadUrl);
    }
    Ok(Some(raw.to_owned()))
}

/// A career as a person typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CareerDraft {
    pub slug: String,
    /// A whole number from 0 to 999; empty is 0.
    pub display_order: String,
    /// Pathway codes.
    pub pathways: Vec<String>,
    pub published: bool,
    /// The words in each language; a language left out (or left empty) is not written yet.
    pub texts: Vec<CareerTextDraft>,
}

/// A career's words in one language, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareerTextDraft {
    pub language: CareerLanguage,
    pub name: String,
    pub summary: String,
    pub requirements: String,
    pub training_time: String,
    pub learn_more_url: String,
}

impl CareerTextDraft {
    /// Nothing typed in any box.
    pub fn is_blank(&self) -> bool {
        [
            &self.name,
            &self.summary,
            &self.requirements,
            &self.training_time,
            &self.learn_more_url,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

/// A field of the career form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CareerField {
    Slug,
    DisplayOrder,
    Pathways,
    Name,
    Summary,
    Requirements,
    TrainingTime,
    LearnMoreUrl,
}

impl CareerField {
    /// The words every written language must have.
    pub const REQUIRED_TEXT: [Self; 4] = [
        Self::Name,
        Self::Summary,
        Self::Requirements,
        Self::TrainingTime,
    ];

    /// The form field's name and id, with the language's suffix for words
    /// (`slug`, `name_es`, `learn_more_url_zh_hant`).
    pub fn id(self, language: Option<CareerLanguage>) -> String {
        let base = match self {
            Self::Slug => "slug",
            Self::DisplayOrder => "display_order",
            Self::Pathways => "pathways",
            Self::Name => "name",
            Self::Summary => "summary",
            Self::Requirements => "requirements",
            Self::TrainingTime => "training_time",
            Self::LearnMoreUrl => "learn_more_url",
        };
        match language {
            Some(l) => format!("{base}_{}", l.field_suffix()),
            None => base.to_owned(),
        }
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// Required and empty.
    Missing,
    /// Empty while other boxes of the same (non-English) language are filled in.
    TranslationIncomplete,
    TooLong {
        max: usize,
    },
    /// Not lower-case letters, digits and single hyphens.
    SlugFormat,
    /// Not a whole number from 0 to 999.
    OrderOutOfRange,
    UnknownPathway,
    /// An address that does not start with `https://`.
    NotHttps,
    /// An `https://` address without a proper host, or with spaces.
    BadUrl,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("is required"),
            Self::TranslationIncomplete => {
                f.write_str("is required when other fields of this language are filled in")
            }
            Self::TooLong { max } => write!(f, "must be at most {max} characters"),
            Self::SlugFormat => {
                f.write_str("must be 3 to 60 lower-case letters, digits and single hyphens")
            }
            Self::OrderOutOfRange => f.write_str("must be a whole number from 0 to 999"),
            Self::UnknownPathway => f.write_str("must be one of GHS, AED, CIB, CPC, THC"),
            Self::NotHttps => f.write_str("must start with https://"),
            Self::BadUrl => f.write_str("must be a web address such as https://www.cdph.ca.gov/"),
        }
    }
}

/// One problem of a draft: the field, the language for words, and what is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareerProblem {
    pub field: CareerField,
    pub language: Option<CareerLanguage>,
    pub kind: ProblemKind,
}

impl CareerProblem {
    /// The form field it is about.
    pub fn field_id(&self) -> String {
        self.field.id(self.language)
    }
}

impl fmt::Display for CareerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field_id(), self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(language: CareerLanguage, name: &str) -> CareerTextDraft {
        CareerTextDraft {
            language,
            name: name.into(),
            summary: "Helps people at home.".into(),
            requirements: "A training program.\nAn exam.".into(),
            training_time: "About 4 months".into(),
            learn_more_url: "https://www.cdph.ca.gov/".into(),
        }
    }

    fn draft() -> CareerDraft {
        CareerDraft {
            slug: "certified-nursing-assistant".into(),
            display_order: "20".into(),
            pathways: vec!["CPC".into(), "GHS".into(), "CPC".into()],
            published: true,
            texts: vec![text(CareerLanguage::En, "Certified nursing assistant")],
        }
    }

    fn kinds(draft: &CareerDraft) -> Vec<(String, ProblemKind)> {
        Career::from_draft(draft)
            .expect_err("problems")
            .iter()
            .map(|p| (p.field_id(), p.kind))
            .collect()
    }

    #[test]
    fn a_complete_english_draft_becomes_a_career_with_pathways_in_table_order() {
        let career = Career::from_draft(&draft()).expect("a career");
        assert_eq!(career.slug.as_str(), "certified-nursing-assistant");
        assert_eq!(
            career.pathways,
            [
                Pathway::GeneralHealthAndSafety,
                Pathway::ComplexPhysicalCare
            ]
        );
        assert_eq!(career.display_order, 20);
        assert_eq!(career.texts.len(), 1);
        assert_eq!(Career::from_draft(&career.to_draft()), Ok(career));
    }

    #[test]
    fn a_language_left_empty_falls_back_to_english_and_says_which_language_it_is() {
        let mut d = draft();
        d.texts.push(text(CareerLanguage::ZhHant, "認證護理助理"));
        d.texts.push(CareerTextDraft {
            name: " ".into(),
            summary: String::new(),
            requirements: String::new(),
            training_time: String::new(),
            learn_more_url: String::new(),
            ..text(CareerLanguage::Es, "")
        });
        let career = Career::from_draft(&d).expect("a career");
        assert!(!career.written_in(CareerLanguage::Es));
        assert_eq!(career.text(CareerLanguage::Es).language, CareerLanguage::En);
        assert_eq!(
            career.text(CareerLanguage::ZhHant).name,
            "認證護理助理".to_owned()
        );
    }

    #[test]
    fn english_is_required_and_a_half_written_translation_is_refused() {
        let mut d = draft();
        d.texts[0].summary = String::new();
        let mut half = text(CareerLanguage::Es, "Asistente de enfermería certificado");
        half.requirements = String::new();
        d.texts.push(half);
        assert_eq!(
            kinds(&d),
            [
                ("summary_en".to_owned(), ProblemKind::Missing),
                (
                    "requirements_es".to_owned(),
                    ProblemKind::TranslationIncomplete
                ),
            ]
        );
        let mut none = draft();
        none.texts.clear();
        assert_eq!(kinds(&none).len(), 4);
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_single_hyphens() {
        for good in ["home-health-aide", "lvn", "cna-2"] {
            assert!(CareerSlug::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "Home-Health",
            "-aide",
            "aide-",
            "a--b",
            "ab",
            "2cna",
            "home health",
            "ñandu",
        ] {
            assert_eq!(
                CareerSlug::parse(bad),
                Err(ProblemKind::SlugFormat),
                "{bad}"
            );
        }
        assert_eq!(CareerSlug::parse(""), Err(ProblemKind::Missing));
        assert!(CareerSlug::parse(&"a".repeat(61)).is_err());
    }

    #[test]
    fn links_must_be_https_addresses_of_a_real_host() {
        assert_eq!(
            check_url(" https://www.bvnpt.ca.gov/ "),
            Ok(Some("https://www.bvnpt.ca.gov/".into()))
        );
        assert_eq!(check_url(""), Ok(None));
        assert_eq!(
            check_url("http://www.cdph.ca.gov"),
            Err(ProblemKind::NotHttps)
        );
        assert_eq!(check_url("javascript:alert(1)"), Err(ProblemKind::NotHttps));
        assert_eq!(check_url("https://"), Err(ProblemKind::BadUrl));
        assert_eq!(check_url("https://localhost/x"), Err(ProblemKind::BadUrl));
        assert_eq!(
            check_url("https://example.org/a b"),
            Err(ProblemKind::BadUrl)
        );
        assert!(matches!(
            check_url(&format!("https://example.org/{}", "a".repeat(500))),
            Err(ProblemKind::TooLong { .. })
        ));
    }

    #[test]
    fn lengths_orders_and_pathways_are_checked_together() {
        let mut d = draft();
        d.slug = "Bad Slug".into();
        d.display_order = "1000".into();
        d.pathways = vec!["XYZ".into()];
        d.texts[0].name = "n".repeat(Career::MAX_NAME + 1);
        assert_eq!(
            kinds(&d),
            [
                ("slug".to_owned(), ProblemKind::SlugFormat),
                ("display_order".to_owned(), ProblemKind::OrderOutOfRange),
                ("pathways".to_owned(), ProblemKind::UnknownPathway),
                (
                    "name_en".to_owned(),
                    ProblemKind::TooLong {
                        max: Career::MAX_NAME
                    }
                ),
            ]
        );
        let mut none = draft();
        none.pathways.clear();
        assert_eq!(
            kinds(&none),
            [("pathways".to_owned(), ProblemKind::Missing)]
        );
    }
}
