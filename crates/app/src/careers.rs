//! Healthcare careers a provider can grow into (DOMAIN.md §3): anyone reads the published
//! ones, with the catalog courses of the pathways that lead there; program admins write,
//! change, show and hide them. Every change is audited with the career before and after.

use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::career::{Career, CareerDraft, CareerProblem, CareerSlug};
use pathways_domain::pathway::Pathway;
use pathways_store::{
    CareerConflict, CatalogFilter, CatalogSort, CourseSummary, Store, StoreError,
};
use time::Date;

use crate::access::{AccessError, Caller, audit_value};

#[derive(Debug, thiserror::Error)]
pub enum CareerError {
    /// Fields that do not meet the rules, each with what is wrong.
    #[error("the career has {} problem(s)", .0.len())]
    Invalid(Vec<CareerProblem>),
    #[error("another career has that slug")]
    Taken,
    #[error("no such career")]
    NotFound,
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The catalog courses of one pathway that leads to a career.
#[derive(Debug, Clone)]
pub struct PathwayCourses {
    pub pathway: Pathway,
    /// A few of the pathway's published courses, by title.
    pub courses: Vec<CourseSummary>,
    /// How many published courses the pathway has in all.
    pub total: u64,
}

#[derive(Debug, Clone)]
pub struct Careers {
    store: Arc<dyn Store>,
}

impl Careers {
    /// Courses a career page lists per pathway; the rest are a link to the catalog away.
    pub const COURSES_PER_PATHWAY: u32 = 5;

    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// The published careers, in display order. Public.
    pub async fn published(&self) -> Result<Vec<Career>, CareerError> {
        Ok(self.store.careers(true).await?)
    }

    /// One published career (a hidden one reads as not found). Public.
    pub async fn published_one(&self, slug: &CareerSlug) -> Result<Career, CareerError> {
        self.store
            .career(slug)
            .await?
            .filter(|c| c.published)
            .ok_or(CareerError::NotFound)
    }

    /// For each pathway that leads to `career`, a few of its courses in the catalog on `today`.
    pub async fn courses_toward(
        &self,
        career: &Career,
        today: Date,
    ) -> Result<Vec<PathwayCourses>, CareerError> {
        let mut out = Vec::with_capacity(career.pathways.len());
        for pathway in &career.pathways {
            let filter = CatalogFilter {
                pathway: Some(*pathway),
                sort: CatalogSort::Title,
                page: 1,
                per_page: Self::COURSES_PER_PATHWAY,
                ..CatalogFilter::default()
            };
            let page = self.store.search_catalog(&filter, today).await?;
            out.push(PathwayCourses {
                pathway: *pathway,
                courses: page.courses,
                total: page.total,
            });
        }
        Ok(out)
    }

    /// Whether the caller may write careers at all (before showing an empty form).
    pub fn may_edit(&self, caller: &Caller) -> Result<(), CareerError> {
        caller.authorize(Action::ManageCareers, &Owner::default())?;
        Ok(())
    }

    /// Every career, hidden ones too, for the program's list.
    pub async fn all(&self, caller: &Caller) -> Result<Vec<Career>, CareerError> {
        caller.authorize(Action::ManageCareers, &Owner::default())?;
        Ok(self.store.careers(false).await?)
    }

    /// One career, hidden or not, for the edit form.
    pub async fn for_editing(
        &self,
        caller: &Caller,
        slug: &CareerSlug,
    ) -> Result<Career, CareerError> {
        caller.authorize(Action::ManageCareers, &Owner::default())?;
        self.store.career(slug).await?.ok_or(CareerError::NotFound)
    }

    /// Writes a new career.
    pub async fn create(
        &self,
        caller: &Caller,
        draft: &CareerDraft,
    ) -> Result<CareerSlug, CareerError> {
        caller.authorize(Action::ManageCareers, &Owner::default())?;
        let career = Career::from_draft(draft).map_err(CareerError::Invalid)?;
        let audit = caller.audit(
            "career.create",
            "career",
            career.slug.as_str(),
            None,
            audit_value(&career),
        );
        match self.store.create_career(&career, &audit).await? {
            Ok(()) => Ok(career.slug),
            Err(CareerConflict::Taken) => Err(CareerError::Taken),
        }
    }

    /// Changes a career's words, pathways, order and visibility (not its slug, which is its
    /// address: the draft's slug is ignored).
    pub async fn update(
        &self,
        caller: &Caller,
        slug: &CareerSlug,
        draft: &CareerDraft,
    ) -> Result<(), CareerError> {
        let current = self.for_editing(caller, slug).await?;
        let draft = CareerDraft {
            slug: slug.to_string(),
            ..draft.clone()
        };
        let career = Career::from_draft(&draft).map_err(CareerError::Invalid)?;
        self.write_change(caller, "career.edit", &current, &career)
            .await
    }

    /// Shows a career to the public, or hides it.
    pub async fn set_published(
        &self,
        caller: &Caller,
        slug: &CareerSlug,
        published: bool,
    ) -> Result<(), CareerError> {
        let current = self.for_editing(caller, slug).await?;
        if current.published == published {
            return Ok(());
        }
        let career = Career {
            published,
            ..current.clone()
        };
        let action = if published {
            "career.publish"
        } else {
            "career.hide"
        };
        self.write_change(caller, action, &current, &career).await
    }

    async fn write_change(
        &self,
        caller: &Caller,
        action: &str,
        before: &Career,
        after: &Career,
    ) -> Result<(), CareerError> {
        let audit = caller.audit(
            action,
            "career",
            after.slug.as_str(),
            audit_value(before),
            audit_value(after),
        );
        if self.store.update_career(after, &audit).await? {
            Ok(())
        } else {
            Err(CareerError::NotFound)
        }
    }
}
