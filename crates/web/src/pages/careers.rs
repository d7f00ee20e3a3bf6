//! Healthcare careers: the public list and career pages (with the catalog courses of the
//! pathways that lead there), and the program admin's pages to write, change, show and hide
//! them. A career not written in the reader's language is shown in English, marked
//! `lang="en"` and introduced by a sentence in the reader's language.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::careers::{CareerError, PathwayCourses};
use pathways_domain::career::{
    Career, CareerDraft, CareerField, CareerLanguage, CareerProblem, CareerSlug, CareerTextDraft,
    ProblemKind,
};
use pathways_domain::pathway::Pathway;

use super::account::{ErrorLink, query_value, see_other};
use super::{Ctx, Layout, render, web_href};
use crate::AppState;
use crate::error::WebError;
use crate::i18n::{Translator, category_key, pathway_key};
use crate::session::{CsrfForm, SignedIn};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/careers", get(list))
        .route("/careers/{slug}", get(detail))
        .route("/admin/careers", get(admin_list))
        .route("/admin/careers/new", get(new_form).post(create))
        .route("/admin/careers/{slug}/edit", get(edit_form).post(update))
        .route("/admin/careers/{slug}/visibility", post(visibility))
}

impl From<CareerError> for WebError {
    fn from(error: CareerError) -> Self {
        match error {
            CareerError::NotFound => Self::NotFound,
            CareerError::Access(access) => access.into(),
            CareerError::Store(store) => Self::Store(store),
            CareerError::Invalid(_) | CareerError::Taken => Self::BadForm,
        }
    }
}

/// A slug from an address; one that cannot be a career's is simply not found.
pub(crate) fn career_slug(raw: &str) -> Result<CareerSlug, WebError> {
    CareerSlug::parse(raw).map_err(|_| WebError::NotFound)
}

/// The language careers are read in on a page in the translator's language.
pub(crate) fn reading_language(t: Translator) -> CareerLanguage {
    CareerLanguage::from_tag(t.locale().tag()).unwrap_or(CareerLanguage::En)
}

/// The `lang` a career's words need on this page: `Some` only when they are in another
/// language than the page (the English fallback).
fn text_lang(t: Translator, career: &Career) -> Option<&'static str> {
    let shown = career.text(reading_language(t)).language;
    (shown.tag() != t.locale().tag()).then_some(shown.tag())
}

/// Lines of a text as paragraphs.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn pathway_names(t: Translator, pathways: &[Pathway]) -> String {
    pathways
        .iter()
        .map(|p| t.t(&pathway_key(*p)))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---- The public pages ----

/// A career in the public list.
#[derive(Debug)]
struct CareerCard {
    name: String,
    summary: String,
    href: String,
    /// Set when the words are the English fallback.
    lang: Option<&'static str>,
    pathways: String,
}

#[derive(Template)]
#[template(path = "careers.html")]
struct ListPage {
    l: Layout,
    cards: Vec<CareerCard>,
    /// Some careers are shown in English: say so once, above the list.
    fallback_note: Option<String>,
}

async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let t = ctx.t;
    let careers = state.careers.published().await?;
    let language = reading_language(t);
    let cards: Vec<CareerCard> = careers
        .iter()
        .map(|c| {
            let text = c.text(language);
            CareerCard {
                name: text.name.clone(),
                summary: text.summary.clone(),
                href: format!("/careers/{}", c.slug),
                lang: text_lang(t, c),
                pathways: pathway_names(t, &c.pathways),
            }
        })
        .collect();
    let fallback_note = cards
        .iter()
        .any(|c| c.lang.is_some())
        .then(|| t.t("careers-fallback-some"));
    let title = t.t("careers-title");
    Ok(render(&ListPage {
        l: ctx.layout(&title),
        cards,
        fallback_note,
    })?
    .into_response())
}

/// A course that leads toward a career.
#[derive(Debug)]
struct CourseLink {
    number: String,
    title: String,
    href: String,
}

/// A pathway that leads to a career, with some of its catalog courses.
#[derive(Debug)]
struct PathwayBlock {
    name: String,
    category: String,
    courses: Vec<CourseLink>,
    /// "See all 12 courses in …", to the catalog filtered by the pathway.
    catalog_text: String,
    catalog_href: String,
}

fn pathway_block(t: Translator, block: &PathwayCourses) -> PathwayBlock {
    let name = t.t(&pathway_key(block.pathway));
    PathwayBlock {
        category: t.t(&category_key(block.pathway.category())),
        courses: block
            .courses
            .iter()
            .map(|c| CourseLink {
                number: c.course.number.to_string(),
                title: c.course.title.clone(),
                href: format!("/courses/{}", c.course.number),
            })
            .collect(),
        catalog_text: t.t_args(
            "career-pathway-catalog-link",
            &[
                ("count", block.total.into()),
                ("pathway", name.clone().into()),
            ],
        ),
        catalog_href: format!("/courses?pathway={}", block.pathway.code()),
        name,
    }
}

#[derive(Template)]
#[template(path = "career.html")]
struct DetailPage {
    l: Layout,
    name: String,
    summary: String,
    requirements: Vec<String>,
    training_time: String,
    learn_more_href: Option<String>,
    /// `Some("en")` when the words are the English fallback.
    text_lang: Option<&'static str>,
    fallback_note: Option<String>,
    pathways: Vec<PathwayBlock>,
}

async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let slug = career_slug(&slug)?;
    let career = state.careers.published_one(&slug).await?;
    let courses = state.careers.courses_toward(&career, state.today()).await?;
    let text = career.text(reading_language(t));
    let text_lang = text_lang(t, &career);
    Ok(render(&DetailPage {
        l: ctx.layout(&text.name),
        name: text.name.clone(),
        summary: text.summary.clone(),
        requirements: paragraphs(&text.requirements),
        training_time: text.training_time.clone(),
        learn_more_href: text.learn_more_url.as_deref().and_then(web_href),
        fallback_note: text_lang.map(|_| t.t("career-fallback")),
        text_lang,
        pathways: courses.iter().map(|b| pathway_block(t, b)).collect(),
    })?
    .into_response())
}

// ---- The program admin's pages ----

/// A career in the admin list.
#[derive(Debug)]
struct AdminRow {
    name: String,
    slug: String,
    order: u16,
    status: String,
    languages: String,
    pathways: String,
    edit_href: String,
    view_href: Option<String>,
    visibility_action: String,
    /// What the show/hide button sets: `yes` shows, `no` hides.
    visibility_value: &'static str,
    visibility_label: String,
}

#[derive(Template)]
#[template(path = "admin_careers.html")]
struct AdminListPage {
    l: Layout,
    rows: Vec<AdminRow>,
    csrf: String,
    notice: Option<String>,
}

async fn admin_list(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    let careers = state.careers.all(&session.caller).await?;
    let t = ctx.t;
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let notice = query_value(query, "notice").and_then(|n| match n.as_str() {
        "created" => Some(t.t("careers-notice-created")),
        "updated" => Some(t.t("careers-notice-updated")),
        "shown" => Some(t.t("careers-notice-shown")),
        "hidden" => Some(t.t("careers-notice-hidden")),
        _ => None,
    });
    let rows = careers
        .iter()
        .map(|c| {
            let slug = c.slug.to_string();
            AdminRow {
                name: c.text(CareerLanguage::En).name.clone(),
                order: c.display_order,
                status: if c.published {
                    t.t("careers-status-published")
                } else {
                    t.t("careers-status-hidden")
                },
                languages: c
                    .texts
                    .iter()
                    .map(|x| t.t(&format!("language-name-{}", x.language.tag())))
                    .collect::<Vec<_>>()
                    .join(", "),
                pathways: c
                    .pathways
                    .iter()
                    .map(|p| p.code())
                    .collect::<Vec<_>>()
                    .join(", "),
                edit_href: format!("/admin/careers/{slug}/edit"),
                view_href: c.published.then(|| format!("/careers/{slug}")),
                visibility_action: format!("/admin/careers/{slug}/visibility"),
                visibility_value: if c.published { "no" } else { "yes" },
                visibility_label: if c.published {
                    t.t("careers-hide")
                } else {
                    t.t("careers-show")
                },
                slug,
            }
        })
        .collect();
    let title = t.t("careers-admin-title");
    Ok(render(&AdminListPage {
        l: ctx.layout(&title),
        rows,
        csrf: ctx.csrf(),
        notice,
    })?
    .into_response())
}

/// A text box of a form (`career_field.html` draws it); the policy form uses it too.
#[derive(Debug)]
pub(super) struct FormField {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) hint: Option<String>,
    pub(super) error: Option<String>,
    pub(super) value: String,
    /// `text`, `url`, `date` or `textarea`.
    pub(super) kind: &'static str,
    /// The language of what is typed in it, for spelling and screen readers.
    pub(super) lang: Option<&'static str>,
    pub(super) width: &'static str,
    pub(super) rows: u8,
}

impl FormField {
    pub(super) fn new(id: String, label: String, value: &str) -> Self {
        Self {
            id,
            label,
            hint: None,
            error: None,
            value: value.to_owned(),
            kind: "text",
            lang: None,
            width: "input-width-full",
            rows: 0,
        }
    }

    pub(super) fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    fn textarea(mut self, rows: u8) -> Self {
        self.kind = "textarea";
        self.rows = rows;
        self
    }

    /// The ids `aria-describedby` names: the hint and the error, when there are.
    pub(super) fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

/// One language's boxes, under a legend naming the language.
#[derive(Debug)]
struct LanguageFieldset {
    legend: String,
    hint: String,
    fields: Vec<FormField>,
}

/// A pathway checkbox.
#[derive(Debug)]
struct PathwayChoice {
    id: String,
    value: &'static str,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "career_form.html")]
struct FormPage {
    l: Layout,
    heading: String,
    action: String,
    csrf: String,
    errors: Vec<ErrorLink>,
    /// The slug box (on a new career only) and the display order.
    top: Vec<FormField>,
    /// An existing career's slug, shown but not changed: it is the page's address.
    fixed_slug: Option<String>,
    pathways: Vec<PathwayChoice>,
    pathways_error: Option<String>,
    published: bool,
    languages: Vec<LanguageFieldset>,
}

/// The form as sent: every name and value (pathway checkboxes repeat their name).
#[derive(Debug, Default)]
struct CareerInput {
    pairs: Vec<(String, String)>,
}

impl CareerInput {
    fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn draft(&self) -> CareerDraft {
        let value = |field: CareerField, language| self.get(&field.id(language)).to_owned();
        CareerDraft {
            slug: self.get("slug").to_owned(),
            display_order: self.get("display_order").to_owned(),
            pathways: self
                .pairs
                .iter()
                .filter(|(n, _)| n == "pathways")
                .map(|(_, v)| v.clone())
                .collect(),
            published: self.get("published") == "yes",
            texts: CareerLanguage::ALL
                .into_iter()
                .map(|l| CareerTextDraft {
                    language: l,
                    name: value(CareerField::Name, Some(l)),
                    summary: value(CareerField::Summary, Some(l)),
                    requirements: value(CareerField::Requirements, Some(l)),
                    training_time: value(CareerField::TrainingTime, Some(l)),
                    learn_more_url: value(CareerField::LearnMoreUrl, Some(l)),
                })
                .collect(),
        }
    }
}

/// The label of a field in the form (and in messages about it).
fn field_label(t: Translator, field: CareerField) -> String {
    match field {
        CareerField::Slug => t.t("career-field-slug"),
        CareerField::DisplayOrder => t.t("career-field-order"),
        CareerField::Pathways => t.t("career-field-pathways"),
        CareerField::Name => t.t("career-field-name"),
        CareerField::Summary => t.t("career-field-summary"),
        CareerField::Requirements => t.t("career-field-requirements"),
        CareerField::TrainingTime => t.t("career-field-training-time"),
        CareerField::LearnMoreUrl => t.t("career-field-learn-more-url"),
    }
}

fn language_name(t: Translator, language: Option<CareerLanguage>) -> String {
    language.map_or_else(String::new, |l| t.t(&format!("language-name-{}", l.tag())))
}

/// What to tell the person about one problem, in their language and about that field.
fn problem_text(t: Translator, p: &CareerProblem) -> String {
    let field = || field_label(t, p.field);
    let language = || language_name(t, p.language);
    match (p.field, p.kind) {
        (CareerField::Slug, ProblemKind::Missing) => t.t("career-error-slug-missing"),
        (CareerField::Slug, _) => t.t("career-error-slug-format"),
        (CareerField::DisplayOrder, _) => t.t("career-error-order"),
        (CareerField::Pathways, ProblemKind::Missing) => t.t("career-error-pathways-missing"),
        (CareerField::Pathways, _) => t.t("career-error-pathways-unknown"),
        (_, ProblemKind::TooLong { max }) => t.t_args(
            "career-error-too-long",
            &[
                ("field", field().into()),
                ("language", language().into()),
                ("max", u64::try_from(max).unwrap_or(u64::MAX).into()),
            ],
        ),
        (_, ProblemKind::NotHttps) => {
            t.t_args("career-error-url-https", &[("language", language().into())])
        }
        (_, ProblemKind::BadUrl) => {
            t.t_args("career-error-url-bad", &[("language", language().into())])
        }
        (_, ProblemKind::TranslationIncomplete) => t.t_args(
            "career-error-translation-incomplete",
            &[("field", field().into()), ("language", language().into())],
        ),
        (CareerField::Name, _) => t.t("career-error-name-missing"),
        (CareerField::Summary, _) => t.t("career-error-summary-missing"),
        (CareerField::Requirements, _) => t.t("career-error-requirements-missing"),
        (CareerField::TrainingTime, _) => t.t("career-error-training-time-missing"),
        (CareerField::LearnMoreUrl, _) => {
            t.t_args("career-error-url-bad", &[("language", language().into())])
        }
    }
}

fn form_page(ctx: &Ctx, existing: Option<&CareerSlug>, draft: &CareerDraft) -> FormPage {
    let t = ctx.t;
    let (heading, action) = match existing {
        Some(slug) => (
            t.t("career-form-edit-title"),
            format!("/admin/careers/{slug}/edit"),
        ),
        None => (
            t.t("career-form-new-title"),
            "/admin/careers/new".to_owned(),
        ),
    };
    let mut top = Vec::new();
    if existing.is_none() {
        let mut slug = FormField::new("slug".into(), t.t("career-field-slug"), &draft.slug)
            .hint(t.t("career-field-slug-hint"));
        slug.width = "input-width-20";
        top.push(slug);
    }
    let mut order = FormField::new(
        "display_order".into(),
        t.t("career-field-order"),
        &draft.display_order,
    )
    .hint(t.t("career-field-order-hint"));
    order.width = "input-width-5";
    top.push(order);
    let pathways = Pathway::ALL
        .iter()
        .map(|p| PathwayChoice {
            id: format!("pathway-{}", p.code()),
            value: p.code(),
            label: format!("{} ({})", t.t(&pathway_key(*p)), p.code()),
            checked: draft.pathways.iter().any(|x| x == p.code()),
        })
        .collect();
    let languages = CareerLanguage::ALL
        .into_iter()
        .map(|language| {
            let typed = draft.texts.iter().find(|x| x.language == language);
            let value = |f: fn(&CareerTextDraft) -> &String| typed.map_or("", |x| f(x).as_str());
            let id = |field: CareerField| field.id(Some(language));
            let mut fields = vec![
                FormField::new(
                    id(CareerField::Name),
                    t.t("career-field-name"),
                    value(|x| &x.name),
                ),
                FormField::new(
                    id(CareerField::Summary),
                    t.t("career-field-summary"),
                    value(|x| &x.summary),
                )
                .hint(t.t("career-field-summary-hint"))
                .textarea(3),
                FormField::new(
                    id(CareerField::Requirements),
                    t.t("career-field-requirements"),
                    value(|x| &x.requirements),
                )
                .hint(t.t("career-field-requirements-hint"))
                .textarea(8),
                FormField::new(
                    id(CareerField::TrainingTime),
                    t.t("career-field-training-time"),
                    value(|x| &x.training_time),
                )
                .hint(t.t("career-field-training-time-hint")),
                {
                    let mut f = FormField::new(
                        id(CareerField::LearnMoreUrl),
                        t.t("career-field-learn-more-url"),
                        value(|x| &x.learn_more_url),
                    )
                    .hint(t.t("career-field-learn-more-url-hint"));
                    f.kind = "url";
                    f
                },
            ];
            for f in &mut fields {
                if f.kind != "url" {
                    f.lang = Some(language.tag());
                }
            }
            LanguageFieldset {
                legend: language_name(t, Some(language)),
                hint: if language == CareerLanguage::En {
                    t.t("career-form-english-hint")
                } else {
                    t.t("career-form-translation-hint")
                },
                fields,
            }
        })
        .collect();
    FormPage {
        l: ctx.layout(&heading),
        heading,
        action,
        csrf: ctx.csrf(),
        errors: Vec::new(),
        top,
        fixed_slug: existing.map(ToString::to_string),
        pathways,
        pathways_error: None,
        published: draft.published,
        languages,
    }
}

impl FormPage {
    /// Puts each problem on its field and in the summary, in form order; the title starts
    /// with "Error:" so screen readers hear it first.
    fn fail(&mut self, t: Translator, problems: &[(String, String)]) {
        for (id, message) in problems {
            let field = self
                .top
                .iter_mut()
                .chain(self.languages.iter_mut().flat_map(|l| l.fields.iter_mut()))
                .find(|f| f.id == *id);
            match field {
                Some(f) if f.error.is_none() => f.error = Some(message.clone()),
                Some(_) => continue,
                None if id == "pathways" && self.pathways_error.is_none() => {
                    self.pathways_error = Some(message.clone());
                }
                None => continue,
            }
            // The summary links to the first pathway checkbox, which the fieldset starts with.
            let href = if id == "pathways" {
                "#pathway-GHS".to_owned()
            } else {
                format!("#{id}")
            };
            self.errors.push(ErrorLink {
                href,
                text: message.clone(),
            });
        }
        if !self.errors.is_empty() {
            let title = format!("{} {}", t.t("error-prefix"), self.heading);
            self.l.retitle(&title);
        }
    }
}

/// The page's problems, as (field id, message), in the order the domain found them (form
/// order).
fn problems_of(t: Translator, error: &CareerError) -> Vec<(String, String)> {
    match error {
        CareerError::Invalid(problems) => problems
            .iter()
            .map(|p| (p.field_id(), problem_text(t, p)))
            .collect(),
        CareerError::Taken => vec![("slug".into(), t.t("career-error-slug-taken"))],
        _ => Vec::new(),
    }
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    state.careers.may_edit(&session.caller)?;
    let draft = CareerDraft {
        published: false,
        ..CareerDraft::default()
    };
    Ok(render(&form_page(&ctx, None, &draft))?.into_response())
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let input = CareerInput { pairs };
    let draft = input.draft();
    match state.careers.create(&session.caller, &draft).await {
        Ok(_) => Ok(see_other("/admin/careers?notice=created")),
        Err(error @ (CareerError::Invalid(_) | CareerError::Taken)) => {
            let mut page = form_page(&ctx, None, &draft);
            page.fail(ctx.t, &problems_of(ctx.t, &error));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let slug = career_slug(&slug)?;
    let career = state.careers.for_editing(&session.caller, &slug).await?;
    Ok(render(&form_page(&ctx, Some(&slug), &career.to_draft()))?.into_response())
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let slug = career_slug(&slug)?;
    let input = CareerInput { pairs };
    let draft = input.draft();
    match state.careers.update(&session.caller, &slug, &draft).await {
        Ok(()) => Ok(see_other("/admin/careers?notice=updated")),
        Err(error @ CareerError::Invalid(_)) => {
            let mut page = form_page(&ctx, Some(&slug), &draft);
            page.fail(ctx.t, &problems_of(ctx.t, &error));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, serde::Deserialize)]
struct VisibilityInput {
    #[serde(default)]
    published: String,
}

async fn visibility(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<VisibilityInput>,
) -> Result<Response, WebError> {
    let slug = career_slug(&slug)?;
    let published = match input.published.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(WebError::BadForm),
    };
    state
        .careers
        .set_published(&session.caller, &slug, published)
        .await?;
    Ok(see_other(if published {
        "/admin/careers?notice=shown"
    } else {
        "/admin/careers?notice=hidden"
    }))
}
