//! The public catalog: the course list with its filters, and one course's page.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pathways_domain::entities::Session;
use pathways_domain::ids::{CountyCode, CourseNumber};
use pathways_domain::pathway::{Category, LanguageTag, Modality, Pathway};
use pathways_store::{CatalogPage, CatalogSort, CourseDetail, CourseSummary};

use super::{Ctx, Layout, encode_component, render, tel_href, web_href};
use crate::AppState;
use crate::error::WebError;
use crate::filter::{Field, FieldError, FilterParams, MAX_TEXT_CHARS, yes_no};
use crate::format;
use crate::i18n::{Translator, category_key, language_name, modality_key, pathway_key};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses", get(list))
        .route("/courses/{number}", get(detail))
}

/// An entry of the error summary, linking to its field.
#[derive(Debug)]
struct ErrorLink {
    href: String,
    text: String,
}

#[derive(Debug)]
struct SelectOption {
    value: String,
    label: String,
    selected: bool,
}

/// A filter drop-down with its label, hint and error.
#[derive(Debug)]
struct SelectField {
    id: &'static str,
    label: String,
    hint: String,
    error: Option<String>,
    options: Vec<SelectOption>,
}

impl SelectField {
    /// The ids `aria-describedby` names: the hint, and the error when there is one.
    fn described_by(&self) -> String {
        match self.error {
            Some(_) => format!("{0}-hint {0}-error", self.id),
            None => format!("{}-hint", self.id),
        }
    }
}

/// A text or date field with its label, hint and error.
#[derive(Debug)]
struct InputField {
    id: &'static str,
    label: String,
    /// The id of the hint describing the field: its own, or its group's.
    hint_id: String,
    error: Option<String>,
    /// As sent, so a person sees what they typed.
    value: String,
}

impl InputField {
    fn described_by(&self) -> String {
        match self.error {
            Some(_) => format!("{} {}-error", self.hint_id, self.id),
            None => self.hint_id.clone(),
        }
    }
}

/// The "only courses with seats left" box.
#[derive(Debug)]
struct CheckboxField {
    error: Option<String>,
    checked: bool,
}

/// One course in the list.
#[derive(Debug)]
struct CourseItem {
    href: String,
    title: String,
    number: String,
    pathway: String,
    category: String,
    hours: String,
    modality: String,
    languages: String,
    vendor: String,
    sessions: String,
}

#[derive(Debug)]
struct Results {
    count: String,
    items: Vec<CourseItem>,
    /// "Page 2 of 5", when there is more than one page.
    page_of: Option<String>,
    previous: Option<String>,
    next: Option<String>,
}

/// The filters below the search box: folded on a phone unless the visitor has just used them.
#[derive(Debug)]
struct FilterPanel {
    /// "Filters (2 on)".
    summary: String,
    open: bool,
}

#[derive(Template)]
#[template(path = "catalog.html")]
struct ListPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    search: InputField,
    panel: FilterPanel,
    max_text_chars: usize,
    fields: Vec<SelectField>,
    /// The first and last day a class may start on.
    dates: Vec<InputField>,
    dates_error: bool,
    seats: CheckboxField,
    sort: SelectField,
    results: Option<Results>,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let today = state.today();
    let mut params = FilterParams::from_query(query.as_deref());
    // The page number has no form field to point an error at; a bad one means the first page.
    if params.page.parse::<u32>().map_or(true, |page| page == 0) {
        params.page.clear();
    }
    let parsed = params.parse(false);
    let languages = state.catalog.languages(today).await?;
    let field_errors = parsed.as_ref().err().cloned().unwrap_or_default();
    let fields = filter_fields(t, &params, &languages, &field_errors);
    let error_for = |wanted: &[Field]| {
        field_errors
            .iter()
            .find(|e| wanted.contains(&e.field))
            .map(|e| t.t(e.field.error_key()))
    };
    let search = InputField {
        id: Field::Text.name(),
        label: t.t("filter-search-label"),
        hint_id: format!("{}-hint", Field::Text.name()),
        error: error_for(&[Field::Text]),
        value: params.text.clone(),
    };
    let date_field = |field: Field, label: &str, errors: &[Field], value: &str| InputField {
        id: field.name(),
        label: t.t(label),
        hint_id: "dates-hint".to_owned(),
        error: error_for(errors),
        value: value.to_owned(),
    };
    let dates = vec![
        date_field(
            Field::From,
            "filter-from-label",
            &[Field::From],
            &params.from,
        ),
        date_field(
            Field::Until,
            "filter-until-label",
            &[Field::Until, Field::DateOrder],
            &params.until,
        ),
    ];
    let dates_error = dates.iter().any(|d| d.error.is_some());
    let seats = CheckboxField {
        error: error_for(&[Field::Seats]),
        checked: yes_no(&params.seats) == Some(true),
    };
    let sort = sort_field(t, &params, error_for(&[Field::Sort]));
    let on = filters_on(&params);
    let panel = FilterPanel {
        summary: t.t_args(
            "filter-panel-summary",
            &[
                ("count", on.into()),
                ("shown", format::count(t.locale(), on).into()),
            ],
        ),
        // Open after its own button was pressed, and whenever one of its fields has a
        // problem (the error summary links to the field).
        open: panel_requested(query.as_deref())
            || field_errors.iter().any(|e| e.field != Field::Text),
    };
    let (status, results) = match parsed {
        Ok(filter) => {
            let page = state.catalog.search(&filter, today).await?;
            (StatusCode::OK, Some(results(t, &params, &page)))
        }
        Err(_) => (StatusCode::BAD_REQUEST, None),
    };
    let errors: Vec<ErrorLink> = field_errors
        .iter()
        .map(|e| ErrorLink {
            href: format!("#{}", e.field.name()),
            text: t.t(e.field.error_key()),
        })
        .collect();
    let title = if errors.is_empty() {
        t.t("catalog-title")
    } else {
        format!("{} {}", t.t("error-prefix"), t.t("catalog-title"))
    };
    let page = ListPage {
        l: ctx.layout(&title),
        errors,
        search,
        panel,
        max_text_chars: MAX_TEXT_CHARS,
        fields,
        dates,
        dates_error,
        seats,
        sort,
        results,
    };
    Ok((status, render(&page)?).into_response())
}

/// How many filters in the panel are set (the search words and the order are not filters).
fn filters_on(params: &FilterParams) -> u64 {
    let seats = yes_no(&params.seats) != Some(false);
    [
        &params.pathway,
        &params.category,
        &params.modality,
        &params.language,
        &params.place,
        &params.county,
        &params.from,
        &params.until,
    ]
    .into_iter()
    .filter(|value| !value.is_empty())
    .count() as u64
        + u64::from(seats)
}

/// Whether the panel's own button sent the form (`panel=open`).
fn panel_requested(query: Option<&str>) -> bool {
    crate::filter::query_pairs(query)
        .iter()
        .any(|(name, value)| name == "panel" && value == "open")
}

fn filter_fields(
    t: Translator,
    params: &FilterParams,
    languages: &[String],
    errors: &[FieldError],
) -> Vec<SelectField> {
    let error_for = |field: Field| {
        errors
            .iter()
            .any(|e| e.field == field)
            .then(|| t.t(field.error_key()))
    };
    let options = |chosen: &str, values: Vec<(String, String)>| {
        let mut options = vec![SelectOption {
            value: String::new(),
            label: t.t("filter-any"),
            selected: chosen.is_empty(),
        }];
        options.extend(values.into_iter().map(|(value, label)| SelectOption {
            selected: value.eq_ignore_ascii_case(chosen),
            value,
            label,
        }));
        options
    };
    let chosen_tag = LanguageTag::parse(&params.language).ok().map(String::from);
    let mut language_values: Vec<String> = languages.to_vec();
    // Keep a shared link's language selected even when no course is taught in it today.
    if let Some(tag) = chosen_tag.as_ref().filter(|tag| !languages.contains(tag)) {
        language_values.push(tag.clone());
    }
    let language_chosen = chosen_tag.unwrap_or_else(|| params.language.clone());
    vec![
        SelectField {
            id: Field::Pathway.name(),
            label: t.t("filter-pathway-label"),
            hint: t.t("filter-pathway-hint"),
            error: error_for(Field::Pathway),
            options: options(
                &params.pathway,
                Pathway::ALL
                    .iter()
                    .map(|p| (p.code().to_owned(), t.t(&pathway_key(*p))))
                    .collect(),
            ),
        },
        SelectField {
            id: Field::Category.name(),
            label: t.t("filter-category-label"),
            hint: t.t("filter-category-hint"),
            error: error_for(Field::Category),
            options: options(
                &params.category,
                Category::ALL
                    .iter()
                    .map(|c| (c.number().to_string(), t.t(&category_key(*c))))
                    .collect(),
            ),
        },
        SelectField {
            id: Field::Modality.name(),
            label: t.t("filter-modality-label"),
            hint: t.t("filter-modality-hint"),
            error: error_for(Field::Modality),
            options: options(
                &params.modality,
                Modality::ALL
                    .iter()
                    .map(|m| (m.code().to_owned(), t.t(&modality_key(*m))))
                    .collect(),
            ),
        },
        SelectField {
            id: Field::Language.name(),
            label: t.t("filter-language-label"),
            hint: t.t("filter-language-hint"),
            error: error_for(Field::Language),
            options: options(
                &language_chosen,
                language_values
                    .into_iter()
                    .map(|tag| {
                        let name = language_name(&t, &tag);
                        (tag, name)
                    })
                    .collect(),
            ),
        },
        SelectField {
            id: Field::Place.name(),
            label: t.t("filter-place-label"),
            hint: t.t("filter-place-hint"),
            error: error_for(Field::Place),
            options: options(
                &params.place,
                vec![
                    ("online".to_owned(), t.t("filter-place-online")),
                    ("in-person".to_owned(), t.t("filter-place-in-person")),
                ],
            ),
        },
        SelectField {
            id: Field::County.name(),
            label: t.t("filter-county-label"),
            hint: t.t("filter-county-hint"),
            error: error_for(Field::County),
            options: options(
                &params.county,
                CountyCode::all()
                    .map(|c| (c.to_string(), c.name().to_owned()))
                    .collect(),
            ),
        },
    ]
}

/// The order drop-down: best match (the default), title, soonest class.
fn sort_field(t: Translator, params: &FilterParams, error: Option<String>) -> SelectField {
    let chosen = CatalogSort::parse(&params.sort).unwrap_or_default();
    SelectField {
        id: Field::Sort.name(),
        label: t.t("filter-sort-label"),
        hint: t.t("filter-sort-hint"),
        error,
        options: CatalogSort::ALL
            .iter()
            .map(|sort| SelectOption {
                value: sort.code().to_owned(),
                label: t.t(match sort {
                    CatalogSort::Relevance => "sort-relevance",
                    CatalogSort::Title => "sort-title",
                    CatalogSort::Soonest => "sort-soonest",
                }),
                selected: *sort == chosen,
            })
            .collect(),
    }
}

/// The list's address for another page, keeping the search and the filters.
fn page_href(params: &FilterParams, page: u32) -> String {
    let mut query: Vec<String> = params
        .link_pairs()
        .into_iter()
        .map(|(name, value)| format!("{name}={}", encode_component(value)))
        .collect();
    if page > 1 {
        query.push(format!("page={page}"));
    }
    if query.is_empty() {
        "/courses".to_owned()
    } else {
        format!("/courses?{}", query.join("&"))
    }
}

fn results(t: Translator, params: &FilterParams, page: &CatalogPage) -> Results {
    let locale = t.locale();
    let pages = u32::try_from(page.total.div_ceil(u64::from(page.per_page.max(1))))
        .unwrap_or(u32::MAX)
        .max(1);
    Results {
        count: t.t_args(
            "catalog-count",
            &[
                ("count", page.total.into()),
                ("shown", format::count(locale, page.total).into()),
            ],
        ),
        items: page.courses.iter().map(|c| course_item(t, c)).collect(),
        page_of: (pages > 1 || page.page > 1).then(|| {
            t.t_args(
                "catalog-page-of",
                &[
                    ("page", format::count(locale, u64::from(page.page)).into()),
                    ("pages", format::count(locale, u64::from(pages)).into()),
                ],
            )
        }),
        previous: (page.page > 1).then(|| page_href(params, page.page.min(pages + 1) - 1)),
        next: (page.page < pages).then(|| page_href(params, page.page + 1)),
    }
}

fn hours_text(t: Translator, hours: pathways_domain::quantity::Hours) -> String {
    t.t_args(
        "course-hours-value",
        &[
            ("count", format::hours_value(hours).into()),
            ("hours", format::hours(t.locale(), hours).into()),
        ],
    )
}

fn languages_text(t: Translator, tags: &[LanguageTag]) -> String {
    let separator = match t.locale() {
        crate::i18n::Locale::ZhHant => "、",
        _ => ", ",
    };
    tags.iter()
        .map(|tag| language_name(&t, tag.as_str()))
        .collect::<Vec<_>>()
        .join(separator)
}

fn course_item(t: Translator, summary: &CourseSummary) -> CourseItem {
    let course = &summary.course;
    let sessions = if course.registration_url.is_some() {
        t.t("course-register-vendor-site")
    } else {
        t.t_args(
            "course-sessions-upcoming",
            &[
                ("count", summary.upcoming_sessions.into()),
                (
                    "shown",
                    format::count(t.locale(), summary.upcoming_sessions).into(),
                ),
            ],
        )
    };
    CourseItem {
        href: format!("/courses/{}", encode_component(course.number.as_str())),
        title: course.title.clone(),
        number: course.number.to_string(),
        pathway: t.t(&pathway_key(course.pathway)),
        category: t.t(&category_key(course.pathway.category())),
        hours: hours_text(t, course.credit_hours),
        modality: t.t(&modality_key(course.modality)),
        languages: languages_text(t, &course.languages),
        vendor: summary.vendor_name.clone(),
        sessions,
    }
}

/// A label and its value, for the course's facts list.
#[derive(Debug)]
struct Fact {
    label: String,
    value: String,
}

#[derive(Debug)]
struct SessionRow {
    starts: String,
    ends: String,
    place: String,
    /// An in-person session's county, when its place tells it.
    county: Option<String>,
    seats: String,
    /// For the course's vendor: where the session's roster is.
    roster_href: Option<String>,
    action: super::registration::SessionAction,
}

#[derive(Template)]
#[template(path = "course.html")]
struct DetailPage {
    l: Layout,
    title: String,
    number: String,
    paragraphs: Vec<String>,
    facts: Vec<Fact>,
    vendor_name: String,
    vendor_email: String,
    vendor_email_href: String,
    vendor_phone: String,
    vendor_phone_href: String,
    vendor_website: String,
    vendor_website_href: Option<String>,
    registration_href: Option<String>,
    sessions: Vec<SessionRow>,
    show_seats: bool,
    sees_rosters: bool,
    /// A signed-in provider sees register and cancel buttons.
    shows_actions: bool,
    notice: Option<String>,
    problem: Option<String>,
    csrf: String,
}

async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
) -> Result<Response, WebError> {
    let number = CourseNumber::parse(&number).map_err(|_| WebError::NotFound)?;
    let course = state
        .catalog
        .course(&number, state.today())
        .await?
        .ok_or(WebError::NotFound)?;
    let actions = super::registration::session_actions(
        &state,
        &ctx,
        &course.sessions,
        &course.seats_taken,
        course.course.registration_url.is_none(),
    )
    .await?;
    Ok(render(&detail_page(ctx, course, actions))?.into_response())
}

fn detail_page(
    ctx: Ctx,
    detail: CourseDetail,
    actions: Vec<super::registration::SessionAction>,
) -> DetailPage {
    let t = ctx.t;
    let (notice, problem) = super::registration::outcome_message(&ctx);
    let shows_actions = actions
        .iter()
        .any(super::registration::SessionAction::has_any);
    let CourseDetail {
        course,
        vendor,
        sessions,
        seats_taken,
    } = detail;
    let registration_href = course.registration_url.as_deref().and_then(|url| {
        let href = web_href(url);
        if href.is_none() {
            tracing::warn!(course = %course.number, "registration URL is not a web address");
        }
        href
    });
    let facts = vec![
        Fact {
            label: t.t("course-pathway"),
            value: t.t(&pathway_key(course.pathway)),
        },
        Fact {
            label: t.t("course-category"),
            value: t.t(&category_key(course.pathway.category())),
        },
        Fact {
            label: t.t("course-hours"),
            value: hours_text(t, course.credit_hours),
        },
        Fact {
            label: t.t("course-modality"),
            value: t.t(&modality_key(course.modality)),
        },
        Fact {
            label: t.t("course-languages"),
            value: languages_text(t, &course.languages),
        },
        Fact {
            label: t.t("course-vendor"),
            value: vendor.name.clone(),
        },
    ];
    let show_seats = registration_href.is_none();
    // The course's vendor (and statewide staff) find each session's roster from here.
    let sees_rosters = ctx
        .visitor
        .as_ref()
        .and_then(|v| v.caller())
        .is_some_and(|caller| {
            caller
                .authorize(
                    pathways_domain::access::Action::ViewRoster,
                    &pathways_domain::access::Owner {
                        vendor: Some(vendor.code.clone()),
                        ..Default::default()
                    },
                )
                .is_ok()
        });
    DetailPage {
        l: ctx.layout(&course.title),
        number: course.number.to_string(),
        paragraphs: course
            .description
            .lines()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        facts,
        vendor_email_href: format!("mailto:{}", vendor.email.trim()),
        vendor_phone_href: tel_href(&vendor.phone),
        vendor_website_href: web_href(&vendor.website),
        vendor_name: vendor.name,
        vendor_email: vendor.email,
        vendor_phone: vendor.phone,
        vendor_website: vendor.website,
        registration_href,
        sessions: sessions
            .iter()
            .zip(actions)
            .map(|(s, action)| SessionRow {
                roster_href: sees_rosters.then(|| format!("/sessions/{}/roster", s.id)),
                action,
                ..session_row(t, s, seats_taken.get(&s.id).copied().unwrap_or(0))
            })
            .collect(),
        shows_actions,
        notice,
        problem,
        csrf: ctx.csrf(),
        sees_rosters,
        show_seats,
        title: course.title,
    }
}

fn session_row(t: Translator, session: &Session, taken: u32) -> SessionRow {
    let locale = t.locale();
    SessionRow {
        starts: format::date_time(locale, session.starts_at),
        ends: format::date_time(locale, session.ends_at),
        place: session
            .location
            .clone()
            .unwrap_or_else(|| t.t("session-online")),
        county: session
            .county()
            .map(|c| t.t_args("session-county-value", &[("county", c.name().into())])),
        seats: match session.capacity.map(|seats| seats.saturating_sub(taken)) {
            Some(0) => t.t("session-full"),
            Some(seats) => t.t_args(
                "session-seats-value",
                &[
                    ("count", seats.into()),
                    ("shown", format::count(locale, u64::from(seats)).into()),
                ],
            ),
            None => t.t("session-seats-unlimited"),
        },
        roster_href: None,
        action: super::registration::SessionAction::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filters_and_drop_empty_ones() {
        let params = FilterParams {
            pathway: "GHS".into(),
            language: "zh-Hant".into(),
            ..FilterParams::default()
        };
        assert_eq!(
            page_href(&params, 2),
            "/courses?pathway=GHS&language=zh-Hant&page=2"
        );
        assert_eq!(page_href(&FilterParams::default(), 1), "/courses");
    }

    #[test]
    fn the_panel_counts_the_filters_set_but_not_the_words_or_the_order() {
        let params = |query| FilterParams::from_query(Some(query));
        assert_eq!(filters_on(&params("q=safety&sort=title&seats=")), 0);
        assert_eq!(filters_on(&params("pathway=GHS&county=34&seats=yes")), 3);
        assert_eq!(
            filters_on(&params("from=2026-03-01&until=x&seats=maybe")),
            3
        );
        assert!(panel_requested(Some("pathway=GHS&panel=open")));
        assert!(!panel_requested(Some("pathway=GHS")));
        assert!(!panel_requested(None));
    }
}
