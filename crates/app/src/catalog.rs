//! The public catalog: what providers browse. Reads only what is published on the day asked
//! about; who may see drafts and retired courses is decided here when staff pages arrive.

use std::sync::Arc;

use pathways_domain::ids::CourseNumber;
use pathways_store::{CatalogFilter, CatalogPage, CourseDetail, Store, StoreError};
use time::Date;

/// The catalog's read side, for the web pages and the JSON API alike.
#[derive(Debug, Clone)]
pub struct Catalog {
    store: Arc<dyn Store>,
}

impl Catalog {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// Published courses matching `filter` on `today`, a page at a time.
    pub async fn search(
        &self,
        filter: &CatalogFilter,
        today: Date,
    ) -> Result<CatalogPage, StoreError> {
        self.store.search_catalog(filter, today).await
    }

    /// One published course with its vendor and the sessions that have not ended.
    pub async fn course(
        &self,
        number: &CourseNumber,
        today: Date,
    ) -> Result<Option<CourseDetail>, StoreError> {
        self.store.catalog_course(number, today).await
    }

    /// The languages published courses are taught in, for the language filter.
    pub async fn languages(&self, today: Date) -> Result<Vec<String>, StoreError> {
        self.store.catalog_languages(today).await
    }
}
