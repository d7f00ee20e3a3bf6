//! The public catalog: what providers browse. Reads only what is published on the day asked
//! about; who may see drafts and retired courses is decided here when staff pages arrive.
//!
//! The list is the busiest page of the site and the same for everyone who asks the same thing
//! on the same day, so a served site keeps each answer for a moment (see
//! [`Catalog::keeping_answers_for`]). Any change this process makes to courses, sessions or
//! registrations ([`catalog_changed`]) retires every kept answer at once; a change made by
//! another server is seen when the moment is over.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pathways_domain::ids::CourseNumber;
use pathways_store::{CatalogFilter, CatalogPage, CourseDetail, Store, StoreError};
use time::Date;

/// Bumped by every change to what the catalog shows, so kept answers from before it are not
/// used again. One counter for the process: a change retires the answers of every catalog in
/// it, which is only ever more than needed.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Tells kept catalog answers that courses, sessions or registrations changed.
pub fn catalog_changed() {
    GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// How many answers are kept at most; past it, the stale ones go, then all.
const KEPT_ANSWERS: usize = 4_096;

/// An answer for one day, when it was made and in which generation.
#[derive(Debug)]
struct Answer<T> {
    day: Date,
    made: Instant,
    generation: u64,
    value: T,
}

/// Answers kept for a moment, the lists by their question.
#[derive(Debug)]
struct Kept {
    ttl: Duration,
    pages: Mutex<HashMap<(CatalogFilter, Date), Answer<CatalogPage>>>,
    languages: Mutex<Option<Answer<Vec<String>>>>,
}

impl Kept {
    fn fresh<T>(&self, answer: &Answer<T>, day: Date) -> bool {
        answer.day == day
            && answer.generation == GENERATION.load(Ordering::Relaxed)
            && answer.made.elapsed() < self.ttl
    }
}

/// The catalog's read side, for the web pages and the JSON API alike.
#[derive(Debug, Clone)]
pub struct Catalog {
    store: Arc<dyn Store>,
    kept: Option<Arc<Kept>>,
}

impl Catalog {
    /// A catalog that reads the store on every request.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store, kept: None }
    }

    /// Keeps each list answer for `ttl` (none when zero): a list may be up to `ttl` behind a
    /// change made by another server. Course pages are always read fresh.
    #[must_use]
    pub fn keeping_answers_for(mut self, ttl: Duration) -> Self {
        self.kept = (!ttl.is_zero()).then(|| {
            Arc::new(Kept {
                ttl,
                pages: Mutex::new(HashMap::new()),
                languages: Mutex::new(None),
            })
        });
        self
    }

    /// Published courses matching `filter` on `today`, a page at a time.
    pub async fn search(
        &self,
        filter: &CatalogFilter,
        today: Date,
    ) -> Result<CatalogPage, StoreError> {
        let Some(kept) = &self.kept else {
            return self.store.search_catalog(filter, today).await;
        };
        let key = (filter.clone(), today);
        if let Some(answer) = lock(&kept.pages).get(&key)
            && kept.fresh(answer, today)
        {
            return Ok(answer.value.clone());
        }
        // Read before asking, so a change made while asking retires this answer.
        let generation = GENERATION.load(Ordering::Relaxed);
        let page = self.store.search_catalog(filter, today).await?;
        let mut pages = lock(&kept.pages);
        if pages.len() >= KEPT_ANSWERS {
            pages.retain(|_, answer| kept.fresh(answer, answer.day));
            if pages.len() >= KEPT_ANSWERS {
                pages.clear();
            }
        }
        pages.insert(
            key,
            Answer {
                day: today,
                made: Instant::now(),
                generation,
                value: page.clone(),
            },
        );
        Ok(page)
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
        let Some(kept) = &self.kept else {
            return self.store.catalog_languages(today).await;
        };
        if let Some(answer) = &*lock(&kept.languages)
            && kept.fresh(answer, today)
        {
            return Ok(answer.value.clone());
        }
        let generation = GENERATION.load(Ordering::Relaxed);
        let languages = self.store.catalog_languages(today).await?;
        *lock(&kept.languages) = Some(Answer {
            day: today,
            made: Instant::now(),
            generation,
            value: languages.clone(),
        });
        Ok(languages)
    }
}

/// The lock's data even if a thread panicked holding it: kept answers are only a copy.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
