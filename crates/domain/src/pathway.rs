//! The five pathways, course modalities, enrollment status and catalog languages.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// Declares a closed set of codes with their stable text form.
macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident, expected = $expected:expr, { $($(#[$vdoc:meta])* $variant:ident = $code:expr),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in the program's table order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            pub fn parse(raw: &str) -> Result<Self, ParseError> {
                let raw = raw.trim();
                if raw.is_empty() {
                    return Err(ParseError::Missing);
                }
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code().eq_ignore_ascii_case(raw))
                    .ok_or_else(|| ParseError::invalid($expected, raw))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

code_enum!(
    /// A Career Pathway. The order is the program table's, which breaks ties between pathways
    /// qualified on the same date.
    Pathway, expected = "one of GHS, AED, CIB, CPC, THC", {
        /// General Health and Safety.
        GeneralHealthAndSafety = "GHS",
        /// Adult Education.
        AdultEducation = "AED",
        /// Cognitive Impairments and Behavioral Health.
        CognitiveImpairments = "CIB",
        /// Complex Physical Care Needs.
        ComplexPhysicalCare = "CPC",
        /// Transition to home and community-based living.
        TransitionToHome = "THC",
    }
);

/// The two categories of pathways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    General,
    Specialized,
}

impl Category {
    pub const ALL: &'static [Self] = &[Self::General, Self::Specialized];

    /// The category's number in the program text (1 or 2).
    pub fn number(self) -> u8 {
        match self {
            Self::General => 1,
            Self::Specialized => 2,
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        match raw.trim() {
            "1" => Ok(Self::General),
            "2" => Ok(Self::Specialized),
            other => Err(ParseError::invalid("category 1 or 2", other)),
        }
    }
}

impl Pathway {
    pub fn category(self) -> Category {
        match self {
            Self::GeneralHealthAndSafety | Self::AdultEducation => Category::General,
            Self::CognitiveImpairments | Self::ComplexPhysicalCare | Self::TransitionToHome => {
                Category::Specialized
            }
        }
    }

    pub fn in_category(category: Category) -> impl Iterator<Item = Self> {
        Self::ALL
            .iter()
            .copied()
            .filter(move |p| p.category() == category)
    }
}

code_enum!(
    /// How a course is taught.
    Modality, expected = "one of online-instructor, self-paced, in-person", {
        OnlineInstructor = "online-instructor",
        SelfPaced = "self-paced",
        InPerson = "in-person",
    }
);

code_enum!(
    /// Where a provider stands in provider enrollment.
    EnrollmentStatus, expected = "one of complete, pending, terminated", {
        Complete = "complete",
        Pending = "pending",
        Terminated = "terminated",
    }
);

/// The Category 2 pathways a recipient's assessed needs call for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Needs {
    pub cognitive: bool,
    pub complex_physical: bool,
    pub transition: bool,
}

impl Needs {
    /// Parses `;`-separated Category 2 codes; an empty field means no specialized needs.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let mut needs = Self::default();
        for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match Pathway::parse(part) {
                Ok(p) if p.category() == Category::Specialized => needs.insert(p),
                _ => {
                    return Err(ParseError::invalid(
                        "';'-separated codes among CIB, CPC, THC",
                        raw,
                    ));
                }
            }
        }
        Ok(needs)
    }

    pub fn insert(&mut self, pathway: Pathway) {
        match pathway {
            Pathway::CognitiveImpairments => self.cognitive = true,
            Pathway::ComplexPhysicalCare => self.complex_physical = true,
            Pathway::TransitionToHome => self.transition = true,
            Pathway::GeneralHealthAndSafety | Pathway::AdultEducation => {}
        }
    }

    pub fn contains(self, pathway: Pathway) -> bool {
        match pathway {
            Pathway::CognitiveImpairments => self.cognitive,
            Pathway::ComplexPhysicalCare => self.complex_physical,
            Pathway::TransitionToHome => self.transition,
            Pathway::GeneralHealthAndSafety | Pathway::AdultEducation => false,
        }
    }

    pub fn iter(self) -> impl Iterator<Item = Pathway> {
        Pathway::in_category(Category::Specialized).filter(move |p| self.contains(*p))
    }
}

impl fmt::Display for Needs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<_> = self.iter().map(Pathway::code).collect();
        f.write_str(&codes.join(";"))
    }
}

/// A BCP 47 language tag as a catalog lists it (`en`, `es`, `zh-Hant`, `vi`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

impl LanguageTag {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        let expected = "a language tag such as en, es or zh-Hant";
        let mut parts = raw.split('-');
        let primary = parts.next().unwrap_or_default();
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
        let rest_ok = parts
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
        if !primary_ok || !rest_ok {
            return Err(ParseError::invalid(expected, raw));
        }
        // Canonical case: language lower, script title, region upper (BCP 47 §2.1.1).
        let canonical: Vec<String> = raw
            .split('-')
            .enumerate()
            .map(|(i, p)| match (i, p.len()) {
                (0, _) => p.to_ascii_lowercase(),
                (_, 4) => {
                    let mut s = p.to_ascii_lowercase();
                    s[..1].make_ascii_uppercase();
                    s
                }
                (_, 2) => p.to_ascii_uppercase(),
                _ => p.to_ascii_lowercase(),
            })
            .collect();
        Ok(Self(canonical.join("-")))
    }

    /// Parses a `;`-separated list; at least one tag, no repeats.
    pub fn parse_list(raw: &str) -> Result<Vec<Self>, ParseError> {
        let mut tags: Vec<Self> = Vec::new();
        for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let tag = Self::parse(part)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.is_empty() {
            return Err(ParseError::Missing);
        }
        Ok(tags)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<LanguageTag> for String {
    fn from(value: LanguageTag) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pathways_keep_table_order_and_categories() {
        let codes: Vec<_> = Pathway::ALL.iter().map(|p| p.code()).collect();
        assert_eq!(codes, ["GHS", "AED", "CIB", "CPC", "THC"]);
        assert_eq!(Pathway::parse("cpc"), Ok(Pathway::ComplexPhysicalCare));
        assert!(Pathway::parse("XYZ").is_err());
        assert_eq!(Pathway::in_category(Category::Specialized).count(), 3);
    }

    #[test]
    fn needs_accept_only_specialized_codes() {
        let needs = Needs::parse("CIB; THC").unwrap();
        assert!(needs.contains(Pathway::CognitiveImpairments));
        assert!(!needs.contains(Pathway::ComplexPhysicalCare));
        assert_eq!(needs.to_string(), "CIB;THC");
        assert_eq!(Needs::parse(""), Ok(Needs::default()));
        assert!(Needs::parse("GHS").is_err());
        assert!(Needs::parse("CIB;XX").is_err());
    }

    #[test]
    fn language_tags_are_canonicalised() {
        assert_eq!(LanguageTag::parse("ZH-hant").unwrap().as_str(), "zh-Hant");
        assert_eq!(LanguageTag::parse("es-us").unwrap().as_str(), "es-US");
        assert!(LanguageTag::parse("english").is_err());
        assert!(LanguageTag::parse("").is_err());
        let list = LanguageTag::parse_list("en;es;en").unwrap();
        assert_eq!(list.len(), 2);
        assert!(LanguageTag::parse_list(" ; ").is_err());
    }
}
