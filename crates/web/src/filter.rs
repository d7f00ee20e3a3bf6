//! The catalog filters, shared by the HTML list and the JSON API: read from the query string,
//! checked, and turned into the store's [`CatalogFilter`].

use pathways_domain::error::parse_date;
use pathways_domain::ids::CountyCode;
use pathways_domain::pathway::{Category, LanguageTag, Modality, Pathway};
use pathways_store::{CatalogFilter, CatalogSort};

/// Courses per page on the HTML list, and the API's default.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// The most courses the API returns in one page.
pub const MAX_PER_PAGE: u32 = 100;
/// The longest search text taken, in characters.
pub const MAX_TEXT_CHARS: usize = 100;

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
    /// Search words (`q`).
    pub text: String,
    pub pathway: String,
    pub category: String,
    pub modality: String,
    pub language: String,
    /// `online` or `in-person`.
    pub place: String,
    /// A two-digit county code, 01 to 58: courses with an in-person class in that county.
    pub county: String,
    /// Sessions starting on or after this ISO 8601 date.
    pub from: String,
    /// Sessions starting on or before this ISO 8601 date.
    pub until: String,
    /// `yes` (also `true`, `1`, `on`): only courses with seats left.
    pub seats: String,
    /// `relevance`, `title` or `soonest`.
    pub sort: String,
    pub page: String,
    pub per_page: String,
}

/// A yes/no parameter: `Some(true)` for yes, `Some(false)` for no or empty, `None` otherwise.
pub(crate) fn yes_no(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "yes" | "true" | "1" | "on" => Some(true),
        "" | "no" | "false" | "0" | "off" => Some(false),
        _ => None,
    }
}

/// `online` → `Some(true)`, `in-person` → `Some(false)`.
fn place(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "online" => Some(true),
        "in-person" => Some(false),
        _ => None,
    }
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
            text: get(Field::Text.name()),
            pathway: get("pathway"),
            category: get("category"),
            modality: get("modality"),
            language: get("language"),
            place: get(Field::Place.name()),
            county: get(Field::County.name()),
            from: get(Field::From.name()),
            until: get(Field::Until.name()),
            seats: get(Field::Seats.name()),
            sort: get(Field::Sort.name()),
            page: get("page"),
            per_page: get("per_page"),
        }
    }

    /// The parameters a shared link keeps, as sent and in the order of the form (not the
    /// page or page size); empty ones are left out.
    pub fn link_pairs(&self) -> Vec<(&'static str, &str)> {
        [
            (Field::Text, &self.text),
            (Field::Pathway, &self.pathway),
            (Field::Category, &self.category),
            (Field::Modality, &self.modality),
            (Field::Language, &self.language),
            (Field::Place, &self.place),
            (Field::County, &self.county),
            (Field::From, &self.from),
            (Field::Until, &self.until),
            (Field::Seats, &self.seats),
            (Field::Sort, &self.sort),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(field, value)| (field.name(), value.as_str()))
        .collect()
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

        let text = optional(&self.text);
        check(
            Field::Text,
            &self.text,
            text.is_none_or(|t| t.chars().count() <= MAX_TEXT_CHARS),
        );
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
        let online = optional(&self.place).map(place);
        check(Field::Place, &self.place, !matches!(online, Some(None)));
        let county = optional(&self.county).map(CountyCode::parse);
        check(Field::County, &self.county, !matches!(county, Some(Err(_))));
        let from = optional(&self.from).map(parse_date);
        check(Field::From, &self.from, !matches!(from, Some(Err(_))));
        let until = optional(&self.until).map(parse_date);
        check(Field::Until, &self.until, !matches!(until, Some(Err(_))));
        if let (Some(Ok(from)), Some(Ok(until))) = (&from, &until) {
            check(Field::DateOrder, &self.until, from <= until);
        }
        let seats = yes_no(&self.seats);
        check(Field::Seats, &self.seats, seats.is_some());
        let sort = optional(&self.sort).map(CatalogSort::parse);
        check(Field::Sort, &self.sort, !matches!(sort, Some(None)));
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
            text: text.map(str::to_owned),
            online: online.flatten(),
            county: county.and_then(Result::ok),
            from: from.and_then(Result::ok),
            until: until.and_then(Result::ok),
            seats_available: seats.unwrap_or_default(),
            sort: sort.flatten().unwrap_or_default(),
            page: page.flatten().unwrap_or(1),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE),
        })
    }
}

/// A filter parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Pathway,
    Category,
    Modality,
    Language,
    Place,
    County,
    From,
    Until,
    /// `until` before `from`: reported on the `until` field.
    DateOrder,
    Seats,
    Sort,
    Page,
    PerPage,
}

impl Field {
    /// The parameter's name, which is also the form field's `id`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "q",
            Self::Pathway => "pathway",
            Self::Category => "category",
            Self::Modality => "modality",
            Self::Language => "language",
            Self::Place => "place",
            Self::County => "county",
            Self::From => "from",
            Self::Until | Self::DateOrder => "until",
            Self::Seats => "seats",
            Self::Sort => "sort",
            Self::Page => "page",
            Self::PerPage => "per_page",
        }
    }

    /// The message that tells a person how to fix the value.
    pub fn error_key(self) -> &'static str {
        match self {
            Self::Text => "error-text-too-long",
            Self::Pathway => "error-pathway-invalid",
            Self::Category => "error-category-invalid",
            Self::Modality => "error-modality-invalid",
            Self::Language => "error-language-invalid",
            Self::Place => "error-place-invalid",
            Self::County => "error-county-invalid",
            Self::From => "error-from-invalid",
            Self::Until => "error-until-invalid",
            Self::DateOrder => "error-until-before-from",
            Self::Seats => "error-seats-invalid",
            Self::Sort => "error-sort-invalid",
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
    fn search_words_place_dates_seats_and_sort_become_a_store_filter() {
        let params = FilterParams::from_query(Some(
            "q=+nutrici%C3%B3n+&place=Online&county=34&from=2026-03-01&until=2026-03-31&seats=yes&sort=soonest",
        ));
        let filter = params.parse(false).expect("valid");
        assert_eq!(filter.text.as_deref(), Some("nutrición"));
        assert_eq!(filter.online, Some(true));
        assert_eq!(filter.county.map(CountyCode::name), Some("Sacramento"));
        assert_eq!(filter.from, Some(time::macros::date!(2026 - 03 - 01)));
        assert_eq!(filter.until, Some(time::macros::date!(2026 - 03 - 31)));
        assert!(filter.seats_available);
        assert_eq!(filter.sort, CatalogSort::Soonest);
        assert_eq!(
            params.link_pairs(),
            [
                ("q", "nutrición"),
                ("place", "Online"),
                ("county", "34"),
                ("from", "2026-03-01"),
                ("until", "2026-03-31"),
                ("seats", "yes"),
                ("sort", "soonest")
            ]
        );

        let same_day = FilterParams::from_query(Some(
            "place=in-person&from=2026-03-01&until=2026-03-01&seats=false&sort=",
        ))
        .parse(false)
        .expect("valid");
        assert_eq!(same_day.online, Some(false));
        assert!(!same_day.seats_available);
        assert_eq!(same_day.sort, CatalogSort::Relevance);
        assert_eq!(same_day.text, None);
    }

    #[test]
    fn bad_search_place_dates_seats_and_sort_are_each_reported() {
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        let errors = FilterParams::from_query(Some(&format!(
            "q={long}&place=moon&county=59&from=2026-02-30&until=31%2F03%2F2026&seats=maybe&sort=price"
        )))
        .parse(true)
        .expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::Text,
                Field::Place,
                Field::County,
                Field::From,
                Field::Until,
                Field::Seats,
                Field::Sort
            ]
        );
        let backwards = FilterParams::from_query(Some("from=2026-04-01&until=2026-03-01"))
            .parse(true)
            .expect_err("until before from");
        assert_eq!(backwards[0].field, Field::DateOrder);
        assert_eq!(backwards[0].field.name(), "until");
        assert!(
            FilterParams::from_query(Some(&format!("q={}", "é".repeat(MAX_TEXT_CHARS))))
                .parse(true)
                .is_ok(),
            "the limit counts characters, not bytes"
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
