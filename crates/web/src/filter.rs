//! The catalog filters, shared by the HTML list and the JSON API: read from the query string,
//! checked, and turned into the store's [`CatalogFilter`].

use pathways_domain::pathway::{Category, LanguageTag, Modality, Pathway};
use pathways_store::CatalogFilter;

/// Courses per page on the HTML list, and the API's default.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// The most courses the API returns in one page.
pub const MAX_PER_PAGE: u32 = 100;

/// The decoded name-value pairs of a raw query string, in order; nothing for a malformed one.
pub fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    let Some(uri) = query.and_then(|q| format!("/?{q}").parse::<axum::http::Uri>().ok()) else {
        return Vec::new();
    };
    axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map(|axum::extract::Query(pairs)| pairs)
        .unwrap_or_default()
}

/// `None` for an empty parameter ("any").
fn optional(raw: &str) -> Option<&str> {
    (!raw.is_empty()).then_some(raw)
}

/// The query-string parameters, as sent (empty values mean "any").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterParams {
    pub pathway: String,
    pub category: String,
    pub modality: String,
    pub language: String,
    pub page: String,
    pub per_page: String,
}

impl FilterParams {
    /// Reads the parameters from a raw query string; for a repeated name the first value wins.
    pub fn from_query(query: Option<&str>) -> Self {
        let pairs = query_pairs(query);
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_owned())
                .unwrap_or_default()
        };
        Self {
            pathway: get("pathway"),
            category: get("category"),
            modality: get("modality"),
            language: get("language"),
            page: get("page"),
            per_page: get("per_page"),
        }
    }

    /// Checks every parameter, reporting every bad one (in form order), not only the first.
    pub fn parse(&self, allow_per_page: bool) -> Result<CatalogFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: Field, raw: &str, ok: bool| {
            if !ok {
                errors.push(FieldError {
                    field,
                    value: raw.chars().take(40).collect(),
                });
            }
        };

        let pathway = optional(&self.pathway).map(Pathway::parse);
        check(
            Field::Pathway,
            &self.pathway,
            !matches!(pathway, Some(Err(_))),
        );
        let category = optional(&self.category).map(Category::parse);
        check(
            Field::Category,
            &self.category,
            !matches!(category, Some(Err(_))),
        );
        let modality = optional(&self.modality).map(Modality::parse);
        check(
            Field::Modality,
            &self.modality,
            !matches!(modality, Some(Err(_))),
        );
        let language = optional(&self.language).map(LanguageTag::parse);
        check(
            Field::Language,
            &self.language,
            !matches!(language, Some(Err(_))),
        );
        let page = optional(&self.page).map(|p| p.parse::<u32>().ok().filter(|n| *n >= 1));
        check(Field::Page, &self.page, !matches!(page, Some(None)));
        let per_page = if allow_per_page {
            let parsed = optional(&self.per_page).map(|p| {
                p.parse::<u32>()
                    .ok()
                    .filter(|n| (1..=MAX_PER_PAGE).contains(n))
            });
            check(
                Field::PerPage,
                &self.per_page,
                !matches!(parsed, Some(None)),
            );
            parsed.flatten()
        } else {
            None
        };

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CatalogFilter {
            pathway: pathway.and_then(Result::ok),
            category: category.and_then(Result::ok),
            modality: modality.and_then(Result::ok),
            language: language.and_then(Result::ok).map(String::from),
            page: page.flatten().unwrap_or(1),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE),
        })
    }
}

/// A filter parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Pathway,
    Category,
    Modality,
    Language,
    Page,
    PerPage,
}

impl Field {
    /// The parameter's name, which is also the form field's `id`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Pathway => "pathway",
            Self::Category => "category",
            Self::Modality => "modality",
            Self::Language => "language",
            Self::Page => "page",
            Self::PerPage => "per_page",
        }
    }

    /// The message that tells a person how to fix the value.
    pub fn error_key(self) -> &'static str {
        match self {
            Self::Pathway => "error-pathway-invalid",
            Self::Category => "error-category-invalid",
            Self::Modality => "error-modality-invalid",
            Self::Language => "error-language-invalid",
            Self::Page => "error-page-invalid",
            Self::PerPage => "error-per-page-invalid",
        }
    }
}

/// One bad parameter and (the start of) the value sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_parameters_mean_any_and_the_first_page() {
        let filter = FilterParams::from_query(Some("pathway=&language=")).parse(true);
        assert_eq!(
            filter,
            Ok(CatalogFilter {
                page: 1,
                per_page: DEFAULT_PER_PAGE,
                ..CatalogFilter::default()
            })
        );
    }

    #[test]
    fn valid_parameters_become_a_store_filter() {
        let params = FilterParams::from_query(Some(
            "pathway=cpc&category=2&modality=in-person&language=zh-hant&page=3&per_page=50",
        ));
        let filter = params.parse(true).expect("valid");
        assert_eq!(filter.pathway, Some(Pathway::ComplexPhysicalCare));
        assert_eq!(filter.category, Some(Category::Specialized));
        assert_eq!(filter.modality, Some(Modality::InPerson));
        assert_eq!(filter.language.as_deref(), Some("zh-Hant"));
        assert_eq!((filter.page, filter.per_page), (3, 50));
        assert_eq!(
            params.parse(false).expect("valid").per_page,
            DEFAULT_PER_PAGE
        );
    }

    #[test]
    fn every_bad_parameter_is_reported() {
        let errors = FilterParams::from_query(Some(
            "pathway=XYZ&category=3&modality=tv&language=%3F%3F&page=0&per_page=500",
        ))
        .parse(true)
        .expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::Pathway,
                Field::Category,
                Field::Modality,
                Field::Language,
                Field::Page,
                Field::PerPage
            ]
        );
        assert_eq!(errors[0].value, "XYZ");
        assert_eq!(errors[3].value, "??");
    }
}
