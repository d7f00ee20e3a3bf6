//! The vendor portal's courses and the program's review of them: vendor staff write a draft,
//! submit it and schedule sessions; program admins approve and publish, send back with
//! comments, or retire. Who may do which is the application's to decide.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::courses::{CourseError, CourseForm, SessionForm};
use pathways_domain::ids::CourseNumber;
use pathways_domain::pathway::{Modality, Pathway};
use pathways_domain::review::ReviewStatus;
use pathways_store::ReviewedCourse;
use serde::Deserialize;

use super::account::{Fields, Input, see_other};
use super::staff::vendor_code;
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::i18n::{Translator, modality_key, pathway_key};
use crate::session::{CsrfForm, SignedIn};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/vendors/{code}/courses", get(vendor_courses))
        .route(
            "/vendors/{code}/courses/new",
            get(new_course).post(create_course),
        )
        .route(
            "/vendors/{code}/courses/{number}/edit",
            get(edit_course).post(update_course),
        )
        .route(
            "/vendors/{code}/courses/{number}/submit",
            post(submit_course),
        )
        .route(
            "/vendors/{code}/courses/{number}/sessions/new",
            get(new_session).post(create_session),
        )
        .route("/admin/courses", get(review_queue))
        .route("/admin/courses/{number}", get(review_page))
        .route("/admin/courses/{number}/approve", post(approve))
        .route("/admin/courses/{number}/send-back", post(send_back))
        .route("/admin/courses/{number}/retire", post(retire))
}

impl From<CourseError> for WebError {
    fn from(error: CourseError) -> Self {
        match error {
            CourseError::NotFound => Self::NotFound,
            CourseError::Access(access) => access.into(),
            CourseError::Store(store) => Self::Store(store),
            _ => Self::BadForm,
        }
    }
}

fn course_number(raw: &str) -> Result<CourseNumber, WebError> {
    CourseNumber::parse(raw).map_err(|_| WebError::NotFound)
}

/// A course in a list, with where it stands.
#[derive(Debug)]
struct CourseRow {
    number: String,
    title: String,
    status: String,
    comment: Option<String>,
    sessions: u32,
    edit_href: Option<String>,
    submit_action: Option<String>,
    session_href: String,
    review_href: String,
}

fn status_text(t: &Translator, c: &ReviewedCourse, today: time::Date) -> String {
    if c.review == ReviewStatus::Approved {
        if c.course.retired_on.is_some_and(|r| r <= today) {
            return t.t("course-status-retired");
        }
        if c.course.in_catalog_on(today) {
            return t.t("course-status-published");
        }
    }
    t.t(&format!("course-status-{}", c.review.code()))
}

fn course_row(t: &Translator, vendor: &str, c: &ReviewedCourse, today: time::Date) -> CourseRow {
    let number = c.course.number.to_string();
    CourseRow {
        title: c.course.title.clone(),
        status: status_text(t, c, today),
        comment: c
            .comment
            .clone()
            .filter(|_| c.review == ReviewStatus::SentBack),
        sessions: c.sessions,
        edit_href: c
            .review
            .editable()
            .then(|| format!("/vendors/{vendor}/courses/{number}/edit")),
        submit_action: c
            .review
            .editable()
            .then(|| format!("/vendors/{vendor}/courses/{number}/submit")),
        session_href: format!("/vendors/{vendor}/courses/{number}/sessions/new"),
        review_href: format!("/admin/courses/{number}"),
        number,
    }
}

#[derive(Template)]
#[template(path = "vendor_courses.html")]
struct VendorCoursesPage {
    l: Layout,
    rows: Vec<CourseRow>,
    new_href: String,
    csrf: String,
    notice: Option<String>,
}

async fn vendor_courses(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    let courses = state.courses.of_vendor(&session.caller, &vendor).await?;
    let t = ctx.t;
    let today = state.today();
    let notice = ["created", "updated", "submitted", "session"]
        .into_iter()
        .find(|n| ctx.current.contains(&format!("notice={n}")))
        .map(|n| t.t(&format!("course-notice-{n}")));
    let title = t.t("vendor-courses-title");
    Ok(render(&VendorCoursesPage {
        rows: courses
            .iter()
            .map(|c| course_row(&t, vendor.as_str(), c, today))
            .collect(),
        new_href: format!("/vendors/{vendor}/courses/new"),
        csrf: ctx.csrf(),
        notice,
        l: ctx.layout(&title),
    })?
    .into_response())
}

/// A choice in a drop-down.
#[derive(Debug)]
struct Choice {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "course_form.html")]
struct CourseFormPage {
    l: Layout,
    heading: String,
    action: String,
    csrf: String,
    fields: Fields,
    pathways: Vec<Choice>,
    modalities: Vec<Choice>,
    description: String,
    comment: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct CourseInput {
    #[serde(default)]
    course_number: String,
    #[serde(default)]
    pathway: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    credit_hours: String,
    #[serde(default)]
    modality: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    registration_url: String,
    #[serde(default)]
    description: String,
}

impl CourseInput {
    fn form(&self) -> CourseForm {
        CourseForm {
            number: self.course_number.clone(),
            pathway: self.pathway.clone(),
            title: self.title.clone(),
            credit_hours: self.credit_hours.clone(),
            modality: self.modality.clone(),
            languages: self.languages.clone(),
            registration_url: self.registration_url.clone(),
            description: self.description.clone(),
        }
    }

    fn of(c: &ReviewedCourse) -> Self {
        Self {
            course_number: c.course.number.to_string(),
            pathway: c.course.pathway.code().to_owned(),
            title: c.course.title.clone(),
            credit_hours: c.course.credit_hours.to_string(),
            modality: c.course.modality.code().to_owned(),
            languages: c
                .course
                .languages
                .iter()
                .map(|l| l.as_str().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
            registration_url: c.course.registration_url.clone().unwrap_or_default(),
            description: c.course.description.clone(),
        }
    }
}

fn course_form_page(
    ctx: &Ctx,
    heading_key: &str,
    action: String,
    input: &CourseInput,
    with_number: bool,
    comment: Option<String>,
) -> CourseFormPage {
    let t = ctx.t;
    let mut inputs = Vec::new();
    if with_number {
        inputs.push(
            Input::new("course_number", "text", "off", t.t("course-form-number"))
                .hint(t.t("course-form-number-hint"))
                .width("input-width-10")
                .value(&input.course_number),
        );
    }
    inputs.extend([
        Input::new("title", "text", "off", t.t("course-form-title")).value(&input.title),
        Input::new("credit_hours", "text", "off", t.t("course-form-hours"))
            .hint(t.t("course-form-hours-hint"))
            .width("input-width-5")
            .value(&input.credit_hours),
        Input::new("languages", "text", "off", t.t("course-form-languages"))
            .hint(t.t("course-form-languages-hint"))
            .width("input-width-20")
            .value(&input.languages),
        Input::new(
            "registration_url",
            "url",
            "url",
            t.t("course-form-registration-url"),
        )
        .hint(t.t("course-form-registration-url-hint"))
        .value(&input.registration_url),
    ]);
    let mut fields = Fields::new(inputs);
    for id in ["pathway", "modality", "description"] {
        fields.order.push(id);
    }
    CourseFormPage {
        l: ctx.layout(&t.t(heading_key)),
        heading: t.t(heading_key),
        action,
        csrf: ctx.csrf(),
        fields,
        pathways: Pathway::ALL
            .iter()
            .map(|p| Choice {
                value: p.code(),
                label: format!("{} ({})", t.t(&pathway_key(*p)), p.code()),
                selected: input.pathway == p.code(),
            })
            .collect(),
        modalities: Modality::ALL
            .iter()
            .map(|m| Choice {
                value: m.code(),
                label: t.t(&modality_key(*m)),
                selected: input.modality == m.code(),
            })
            .collect(),
        description: input.description.clone(),
        comment,
    }
}

/// Puts the parser's problems on their fields, with the field's own words.
fn mark_problems(t: Translator, fields: &mut Fields, error: &CourseError) {
    match error {
        CourseError::Invalid(problems) => {
            for p in problems {
                // What the field must hold, in the person's language; the parser's own
                // (English) words only for a field without such a message.
                let key = format!("field-invalid-{}", p.column.replace('_', "-"));
                let message = t.try_t(&key).unwrap_or_else(|| {
                    t.t_args(
                        "course-form-invalid",
                        &[("detail", p.reason.clone().into())],
                    )
                });
                fields.fail(p.column, message);
            }
        }
        CourseError::Taken => fields.fail("course_number", t.t("course-form-taken")),
        CourseError::NotEditable(_) => fields.fail("title", t.t("course-form-not-editable")),
        _ => {}
    }
}

async fn new_course(
    ctx: Ctx,
    SignedIn(_): SignedIn,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    let page = course_form_page(
        &ctx,
        "course-form-new-title",
        format!("/vendors/{vendor}/courses/new"),
        &CourseInput::default(),
        true,
        None,
    );
    Ok(render(&page)?.into_response())
}

async fn create_course(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(code): Path<String>,
    CsrfForm(input): CsrfForm<CourseInput>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    match state
        .courses
        .create_draft(&session.caller, &vendor, &input.form())
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/vendors/{vendor}/courses?notice=created"
        ))),
        Err(error @ (CourseError::Invalid(_) | CourseError::Taken)) => {
            let mut page = course_form_page(
                &ctx,
                "course-form-new-title",
                format!("/vendors/{vendor}/courses/new"),
                &input,
                true,
                None,
            );
            mark_problems(ctx.t, &mut page.fields, &error);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn edit_course(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path((code, number)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    let number = course_number(&number)?;
    let course = state
        .courses
        .of_vendor_one(&session.caller, &vendor, &number)
        .await?;
    let page = course_form_page(
        &ctx,
        "course-form-edit-title",
        format!("/vendors/{vendor}/courses/{number}/edit"),
        &CourseInput::of(&course),
        false,
        course
            .comment
            .clone()
            .filter(|_| course.review == ReviewStatus::SentBack),
    );
    Ok(render(&page)?.into_response())
}

async fn update_course(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path((code, number)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<CourseInput>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    let number = course_number(&number)?;
    match state
        .courses
        .update_draft(&session.caller, &vendor, &number, &input.form())
        .await
    {
        Ok(()) => Ok(see_other(&format!(
            "/vendors/{vendor}/courses?notice=updated"
        ))),
        Err(error @ (CourseError::Invalid(_) | CourseError::NotEditable(_))) => {
            let mut page = course_form_page(
                &ctx,
                "course-form-edit-title",
                format!("/vendors/{vendor}/courses/{number}/edit"),
                &input,
                false,
                None,
            );
            mark_problems(ctx.t, &mut page.fields, &error);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
struct Nothing {}

async fn submit_course(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path((code, number)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Nothing>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    let number = course_number(&number)?;
    state
        .courses
        .submit(&session.caller, &vendor, &number)
        .await?;
    Ok(see_other(&format!(
        "/vendors/{vendor}/courses?notice=submitted"
    )))
}

#[derive(Template)]
#[template(path = "session_form.html")]
struct SessionFormPage {
    l: Layout,
    heading: String,
    action: String,
    csrf: String,
    fields: Fields,
}

#[derive(Debug, Default, Deserialize)]
struct SessionInput {
    #[serde(default)]
    session_id: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    capacity: String,
}

fn session_form_page(
    ctx: &Ctx,
    action: String,
    course: &str,
    input: &SessionInput,
) -> SessionFormPage {
    let t = ctx.t;
    let fields = Fields::new(vec![
        Input::new("session_id", "text", "off", t.t("session-form-id"))
            .hint(t.t("session-form-id-hint"))
            .width("input-width-10")
            .value(&input.session_id),
        Input::new("starts_at", "datetime-local", "off", t.t("session-starts"))
            .width("input-width-20")
            .value(&input.starts_at),
        Input::new("ends_at", "datetime-local", "off", t.t("session-ends"))
            .width("input-width-20")
            .value(&input.ends_at),
        Input::new("location", "text", "street-address", t.t("session-place"))
            .hint(t.t("session-form-location-hint"))
            .value(&input.location),
        Input::new("capacity", "text", "off", t.t("session-seats"))
            .hint(t.t("session-form-capacity-hint"))
            .numeric()
            .width("input-width-5")
            .value(&input.capacity),
    ]);
    let heading = t.t_args(
        "session-form-title",
        &[("course", course.to_owned().into())],
    );
    SessionFormPage {
        l: ctx.layout(&heading),
        heading,
        action,
        csrf: ctx.csrf(),
        fields,
    }
}

async fn new_session(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path((code, number)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    let number = course_number(&number)?;
    state
        .courses
        .of_vendor_one(&session.caller, &vendor, &number)
        .await?;
    let page = session_form_page(
        &ctx,
        format!("/vendors/{vendor}/courses/{number}/sessions/new"),
        number.as_str(),
        &SessionInput::default(),
    );
    Ok(render(&page)?.into_response())
}

async fn create_session(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path((code, number)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<SessionInput>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    let number = course_number(&number)?;
    let form = SessionForm {
        id: input.session_id.clone(),
        starts_at: input.starts_at.clone(),
        ends_at: input.ends_at.clone(),
        location: input.location.clone(),
        capacity: input.capacity.clone(),
    };
    match state
        .courses
        .add_session(&session.caller, &vendor, &number, &form)
        .await
    {
        Ok(()) => Ok(see_other(&format!(
            "/vendors/{vendor}/courses?notice=session"
        ))),
        Err(
            error
            @ (CourseError::Invalid(_) | CourseError::Taken | CourseError::PlaceWithoutCounty),
        ) => {
            let mut page = session_form_page(
                &ctx,
                format!("/vendors/{vendor}/courses/{number}/sessions/new"),
                number.as_str(),
                &input,
            );
            match &error {
                CourseError::Taken => page
                    .fields
                    .fail("session_id", ctx.t.t("session-form-taken")),
                CourseError::PlaceWithoutCounty => page
                    .fields
                    .fail("location", ctx.t.t("session-form-location-county")),
                _ => mark_problems(ctx.t, &mut page.fields, &error),
            }
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "review_queue.html")]
struct ReviewQueuePage {
    l: Layout,
    rows: Vec<CourseRow>,
    notice: Option<String>,
}

async fn review_queue(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    let courses = state.courses.in_review(&session.caller).await?;
    let t = ctx.t;
    let today = state.today();
    let notice = ["approved", "sent-back", "retired"]
        .into_iter()
        .find(|n| ctx.current.contains(&format!("notice={n}")))
        .map(|n| t.t(&format!("review-notice-{n}")));
    let title = t.t("review-queue-title");
    Ok(render(&ReviewQueuePage {
        rows: courses
            .iter()
            .map(|c| course_row(&t, c.course.vendor.as_str(), c, today))
            .collect(),
        notice,
        l: ctx.layout(&title),
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "review_course.html")]
struct ReviewPage {
    l: Layout,
    row: CourseRow,
    vendor: String,
    pathway: String,
    hours: String,
    modality: String,
    languages: String,
    description: String,
    csrf: String,
    in_review: bool,
    retirable: bool,
    comment_error: Option<String>,
}

async fn review_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
) -> Result<Response, WebError> {
    let number = course_number(&number)?;
    let course = state.courses.for_review(&session.caller, &number).await?;
    Ok(render(&review_view(&state, &ctx, &course, None))?.into_response())
}

fn review_view(
    state: &AppState,
    ctx: &Ctx,
    c: &ReviewedCourse,
    comment_error: Option<String>,
) -> ReviewPage {
    let t = ctx.t;
    let today = state.today();
    ReviewPage {
        l: ctx.layout(&c.course.title),
        row: course_row(&t, c.course.vendor.as_str(), c, today),
        vendor: c.course.vendor.to_string(),
        pathway: t.t(&pathway_key(c.course.pathway)),
        hours: c.course.credit_hours.to_string(),
        modality: t.t(&modality_key(c.course.modality)),
        languages: c
            .course
            .languages
            .iter()
            .map(|l| l.as_str().to_owned())
            .collect::<Vec<_>>()
            .join(", "),
        description: c.course.description.clone(),
        csrf: ctx.csrf(),
        in_review: c.review == ReviewStatus::Submitted,
        retirable: c.review == ReviewStatus::Approved && c.course.retired_on.is_none(),
        comment_error,
    }
}

async fn approve(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
    CsrfForm(_): CsrfForm<Nothing>,
) -> Result<Response, WebError> {
    let number = course_number(&number)?;
    state
        .courses
        .approve(&session.caller, &number, state.today())
        .await?;
    Ok(see_other("/admin/courses?notice=approved"))
}

#[derive(Debug, Default, Deserialize)]
struct CommentInput {
    #[serde(default)]
    comment: String,
}

async fn send_back(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
    CsrfForm(input): CsrfForm<CommentInput>,
) -> Result<Response, WebError> {
    let number = course_number(&number)?;
    match state
        .courses
        .send_back(&session.caller, &number, &input.comment)
        .await
    {
        Ok(()) => Ok(see_other("/admin/courses?notice=sent-back")),
        Err(CourseError::CommentRequired) => {
            let course = state.courses.for_review(&session.caller, &number).await?;
            let page = review_view(
                &state,
                &ctx,
                &course,
                Some(ctx.t.t("review-comment-required")),
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn retire(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
    CsrfForm(_): CsrfForm<Nothing>,
) -> Result<Response, WebError> {
    let number = course_number(&number)?;
    state
        .courses
        .retire(&session.caller, &number, state.today())
        .await?;
    Ok(see_other("/admin/courses?notice=retired"))
}
