//! The start page: what the program is, where the catalog is, and who can help.

use askama::Template;
use axum::Router;
use axum::response::Html;
use axum::routing::get;
use pathways_domain::pathway::{Category, Pathway};

use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::i18n::{category_key, pathway_key};

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

/// A pathway with its category, as the start page lists them.
#[derive(Debug)]
struct PathwayItem {
    name: String,
    category: String,
    href: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
    pathways: Vec<PathwayItem>,
}

async fn home(ctx: Ctx) -> Result<Html<String>, WebError> {
    let t = ctx.t;
    let pathways = Category::ALL
        .iter()
        .flat_map(|c| Pathway::in_category(*c))
        .map(|p| PathwayItem {
            name: t.t(&pathway_key(p)),
            category: t.t(&category_key(p.category())),
            href: format!("/courses?pathway={}", p.code()),
        })
        .collect();
    render(&HomePage {
        l: ctx.layout(&t.t("home-title")),
        pathways,
    })
}
