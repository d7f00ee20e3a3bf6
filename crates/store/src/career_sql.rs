//! Healthcare career pages: the [`CareerStore`] trait and its SQL, the same in both dialects,
//! stamped out per backend. A career is three tables (the career, its words per language, its
//! pathways) read and written together; each change is audited in its own transaction.

use async_trait::async_trait;
use pathways_domain::career::{Career, CareerSlug};

use crate::StoreResult;
use crate::accounts::AuditEntry;

/// Why a new career was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareerConflict {
    /// Another career has this slug.
    Taken,
}

#[async_trait]
pub trait CareerStore: Send + Sync {
    /// Careers by display order, then slug: only the published ones, or all of them.
    async fn careers(&self, published_only: bool) -> StoreResult<Vec<Career>>;

    /// One career, published or hidden.
    async fn career(&self, slug: &CareerSlug) -> StoreResult<Option<Career>>;

    /// Adds a career with its words and pathways.
    async fn create_career(
        &self,
        career: &Career,
        audit: &AuditEntry,
    ) -> StoreResult<Result<(), CareerConflict>>;

    /// Replaces a career's words, pathways, order and visibility; `false` when there is no
    /// career with its slug (and then nothing is written).
    async fn update_career(&self, career: &Career, audit: &AuditEntry) -> StoreResult<bool>;
}

/// Puts rows read from the three tables back together, in the order the careers came.
pub(crate) fn assemble(
    careers: Vec<(String, i64, bool)>,
    texts: Vec<CareerTextRow>,
    pathways: Vec<(String, String)>,
) -> StoreResult<Vec<Career>> {
    use crate::StoreError;
    use pathways_domain::career::{CareerLanguage, CareerText};
    use pathways_domain::pathway::Pathway;

    let mut out = Vec::with_capacity(careers.len());
    for (slug, order, published) in careers {
        let mut career_texts: Vec<CareerText> = Vec::new();
        for t in texts.iter().filter(|t| t.slug == slug) {
            career_texts.push(CareerText {
                language: CareerLanguage::from_tag(&t.language)
                    .ok_or_else(|| StoreError::corrupt("career_texts.language"))?,
                name: t.name.clone(),
                summary: t.summary.clone(),
                requirements: t.requirements.clone(),
                training_time: t.training_time.clone(),
                learn_more_url: t.learn_more_url.clone(),
            });
        }
        career_texts.sort_by_key(|t| t.language);
        if career_texts.first().map(|t| t.language) != Some(CareerLanguage::En) {
            return Err(StoreError::corrupt(format!(
                "career {slug} has no English text"
            )));
        }
        let mut career_pathways = pathways
            .iter()
            .filter(|(s, _)| *s == slug)
            .map(|(_, code)| {
                Pathway::parse(code).map_err(|_| StoreError::corrupt("career_pathways.pathway"))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        career_pathways.sort();
        out.push(Career {
            slug: CareerSlug::parse(&slug).map_err(|_| StoreError::corrupt("careers.slug"))?,
            texts: career_texts,
            pathways: career_pathways,
            display_order: u16::try_from(order)
                .map_err(|_| StoreError::corrupt("careers.display_order"))?,
            published,
        });
    }
    Ok(out)
}

/// A row of `career_texts`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CareerTextRow {
    pub slug: String,
    pub language: String,
    pub name: String,
    pub summary: String,
    pub requirements: String,
    pub training_time: String,
    pub learn_more_url: Option<String>,
}

macro_rules! career_queries {
    ($store:ty, $db:ty) => {
        use $crate::career_sql::{CareerConflict, CareerStore, CareerTextRow, assemble};

        const CAREER_TEXT_COLUMNS: &str = "slug, language, name, summary, requirements, \
             training_time, learn_more_url";

        /// Reads one career (by `slug`), or every career or only the published ones.
        async fn read_careers(
            conn: &mut <$db as sqlx::Database>::Connection,
            slug: Option<&str>,
            published_only: bool,
        ) -> StoreResult<Vec<pathways_domain::career::Career>> {
            let filter = match (slug, published_only) {
                (Some(_), _) => "WHERE slug = $1",
                (None, true) => "WHERE published",
                (None, false) => "",
            };
            let mut careers =
                sqlx::query_as::<_, (String, i64, bool)>(sqlx::AssertSqlSafe(format!(
                    "SELECT slug, display_order, published FROM careers {filter} \
                     ORDER BY display_order, slug"
                )));
            let mut texts = sqlx::query_as::<_, CareerTextRow>(sqlx::AssertSqlSafe(format!(
                "SELECT {CAREER_TEXT_COLUMNS} FROM career_texts \
                 WHERE slug IN (SELECT slug FROM careers {filter})"
            )));
            let mut pathways = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(format!(
                "SELECT slug, pathway FROM career_pathways \
                     WHERE slug IN (SELECT slug FROM careers {filter})"
            )));
            if let Some(slug) = slug {
                careers = careers.bind(slug);
                texts = texts.bind(slug);
                pathways = pathways.bind(slug);
            }
            let careers = careers.fetch_all(&mut *conn).await?;
            if careers.is_empty() {
                return Ok(Vec::new());
            }
            let texts = texts.fetch_all(&mut *conn).await?;
            let pathways = pathways.fetch_all(&mut *conn).await?;
            assemble(careers, texts, pathways)
        }

        /// Writes a career's words and pathways (the career row exists, its old ones are gone).
        async fn write_career_parts(
            conn: &mut <$db as sqlx::Database>::Connection,
            career: &pathways_domain::career::Career,
        ) -> StoreResult<()> {
            for text in &career.texts {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "INSERT INTO career_texts ({CAREER_TEXT_COLUMNS}) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)"
                )))
                .bind(career.slug.as_str())
                .bind(text.language.tag())
                .bind(&text.name)
                .bind(&text.summary)
                .bind(&text.requirements)
                .bind(&text.training_time)
                .bind(&text.learn_more_url)
                .execute(&mut *conn)
                .await?;
            }
            for pathway in &career.pathways {
                sqlx::query("INSERT INTO career_pathways (slug, pathway) VALUES ($1, $2)")
                    .bind(career.slug.as_str())
                    .bind(pathway.code())
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(())
        }

        #[async_trait::async_trait]
        impl CareerStore for $store {
            async fn careers(
                &self,
                published_only: bool,
            ) -> StoreResult<Vec<pathways_domain::career::Career>> {
                let mut conn = self.pool().acquire().await?;
                read_careers(&mut conn, None, published_only).await
            }

            async fn career(
                &self,
                slug: &pathways_domain::career::CareerSlug,
            ) -> StoreResult<Option<pathways_domain::career::Career>> {
                let mut conn = self.pool().acquire().await?;
                Ok(read_careers(&mut conn, Some(slug.as_str()), false)
                    .await?
                    .into_iter()
                    .next())
            }

            async fn create_career(
                &self,
                career: &pathways_domain::career::Career,
                audit: &AuditEntry,
            ) -> StoreResult<Result<(), CareerConflict>> {
                let mut tx = self.begin_write().await?;
                let inserted = sqlx::query(
                    "INSERT INTO careers (slug, display_order, published) VALUES ($1, $2, $3) \
                     ON CONFLICT (slug) DO NOTHING",
                )
                .bind(career.slug.as_str())
                .bind(i64::from(career.display_order))
                .bind(career.published)
                .execute(&mut *tx)
                .await?;
                if inserted.rows_affected() == 0 {
                    return Ok(Err(CareerConflict::Taken));
                }
                write_career_parts(&mut tx, career).await?;
                write_audit(&mut tx, audit, career.slug.as_str()).await?;
                tx.commit().await?;
                Ok(Ok(()))
            }

            async fn update_career(
                &self,
                career: &pathways_domain::career::Career,
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let updated = sqlx::query(
                    "UPDATE careers SET display_order = $2, published = $3 WHERE slug = $1",
                )
                .bind(career.slug.as_str())
                .bind(i64::from(career.display_order))
                .bind(career.published)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() == 0 {
                    return Ok(false);
                }
                for table in ["career_texts", "career_pathways"] {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DELETE FROM {table} WHERE slug = $1"
                    )))
                    .bind(career.slug.as_str())
                    .execute(&mut *tx)
                    .await?;
                }
                write_career_parts(&mut tx, career).await?;
                write_audit(&mut tx, audit, career.slug.as_str()).await?;
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

pub(crate) use career_queries;
