//! Courses and sessions as vendors write them and the program reviews them: the
//! [`CourseStore`] trait and its SQL, the same in both dialects, stamped out per backend. Each
//! change is audited in its own transaction.

use async_trait::async_trait;
use pathways_domain::entities::{Course, Session};
use pathways_domain::ids::{CourseNumber, VendorCode};
use pathways_domain::review::ReviewStatus;
use time::Date;

use crate::StoreResult;
use crate::accounts::AuditEntry;

/// A course with where it stands in review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedCourse {
    pub course: Course,
    pub review: ReviewStatus,
    /// The program's comments when it sent the course back.
    pub comment: Option<String>,
    /// Sessions scheduled for it.
    pub sessions: u32,
}

/// Why a new course or session was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseConflict {
    /// The course number or session id is taken.
    Taken,
}

#[async_trait]
pub trait CourseStore: Send + Sync {
    /// A vendor's courses, by number.
    async fn vendor_courses(&self, vendor: &VendorCode) -> StoreResult<Vec<ReviewedCourse>>;

    /// Courses waiting for the program, oldest number first.
    async fn courses_in_review(&self) -> StoreResult<Vec<ReviewedCourse>>;

    async fn reviewed_course(&self, number: &CourseNumber) -> StoreResult<Option<ReviewedCourse>>;

    /// Adds a vendor's draft course (not published, review status draft).
    async fn create_draft_course(
        &self,
        course: &Course,
        audit: &AuditEntry,
    ) -> StoreResult<Result<(), CourseConflict>>;

    /// Replaces a draft's text and facts (not its vendor, publication or review).
    async fn update_draft_course(&self, course: &Course, audit: &AuditEntry) -> StoreResult<()>;

    /// Moves a course in review; approving also publishes it from `published_on`.
    async fn set_review(
        &self,
        number: &CourseNumber,
        status: ReviewStatus,
        comment: Option<&str>,
        published_on: Option<Date>,
        audit: &AuditEntry,
    ) -> StoreResult<()>;

    /// Takes a course out of the catalog from `retired_on`.
    async fn retire_course(
        &self,
        number: &CourseNumber,
        retired_on: Date,
        audit: &AuditEntry,
    ) -> StoreResult<()>;

    /// Adds a session.
    async fn create_class_session(
        &self,
        session: &Session,
        audit: &AuditEntry,
    ) -> StoreResult<Result<(), CourseConflict>>;
}

macro_rules! course_queries {
    ($store:ty, $db:ty) => {
        use $crate::course_sql::{CourseConflict, CourseStore, ReviewedCourse};

        #[derive(sqlx::FromRow)]
        struct ReviewedRow {
            #[sqlx(flatten)]
            course: $crate::rows::CourseRow,
            review_status: String,
            review_comment: Option<String>,
            session_count: i64,
        }

        const REVIEWED_SELECT: &str = "SELECT c.course_number, c.vendor_code, c.pathway, \
             c.title, c.credit_hundredths, c.modality, c.languages, c.published_on, c.retired_on, \
             c.registration_url, c.description, c.review_status, c.review_comment, \
             (SELECT COUNT(*) FROM sessions s WHERE s.course_number = c.course_number) \
             AS session_count FROM courses c";

        fn reviewed(row: ReviewedRow) -> StoreResult<ReviewedCourse> {
            Ok(ReviewedCourse {
                course: row.course.try_into()?,
                review: pathways_domain::review::ReviewStatus::parse(&row.review_status)
                    .ok_or_else(|| StoreError::corrupt("courses.review_status"))?,
                comment: row.review_comment,
                sessions: u32::try_from(row.session_count).unwrap_or(u32::MAX),
            })
        }

        fn course_values(course: &pathways_domain::entities::Course) -> (i64, String) {
            (
                i64::from(course.credit_hours.hundredths()),
                $crate::rows::join_languages(&course.languages),
            )
        }

        #[async_trait::async_trait]
        impl CourseStore for $store {
            async fn vendor_courses(&self, vendor: &VendorCode) -> StoreResult<Vec<ReviewedCourse>> {
                let rows: Vec<ReviewedRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{REVIEWED_SELECT} WHERE c.vendor_code = $1 ORDER BY c.course_number"
                )))
                .bind(vendor.as_str())
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(reviewed).collect()
            }

            async fn courses_in_review(&self) -> StoreResult<Vec<ReviewedCourse>> {
                let rows: Vec<ReviewedRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{REVIEWED_SELECT} WHERE c.review_status = 'submitted' ORDER BY c.course_number"
                )))
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(reviewed).collect()
            }

            async fn reviewed_course(
                &self,
                number: &CourseNumber,
            ) -> StoreResult<Option<ReviewedCourse>> {
                let row: Option<ReviewedRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{REVIEWED_SELECT} WHERE c.course_number = $1"
                )))
                .bind(number.as_str())
                .fetch_optional(self.pool())
                .await?;
                row.map(reviewed).transpose()
            }

            async fn create_draft_course(
                &self,
                course: &pathways_domain::entities::Course,
                audit: &AuditEntry,
            ) -> StoreResult<Result<(), CourseConflict>> {
                let (hundredths, languages) = course_values(course);
                let mut tx = self.begin_write().await?;
                let inserted = sqlx::query(
                    "INSERT INTO courses (course_number, vendor_code, pathway, title, \
                     credit_hundredths, modality, languages, published_on, retired_on, \
                     registration_url, description, review_status) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, $9, 'draft') \
                     ON CONFLICT (course_number) DO NOTHING",
                )
                .bind(course.number.as_str())
                .bind(course.vendor.as_str())
                .bind(course.pathway.code())
                .bind(&course.title)
                .bind(hundredths)
                .bind(course.modality.code())
                .bind(&languages)
                .bind(&course.registration_url)
                .bind(&course.description)
                .execute(&mut *tx)
                .await?;
                if inserted.rows_affected() == 0 {
                    return Ok(Err(CourseConflict::Taken));
                }
                for language in &course.languages {
                    sqlx::query(
                        "INSERT INTO course_languages (course_number, language) VALUES ($1, $2)",
                    )
                    .bind(course.number.as_str())
                    .bind(language.as_str())
                    .execute(&mut *tx)
                    .await?;
                }
                write_audit(&mut tx, audit, course.number.as_str()).await?;
                tx.commit().await?;
                Ok(Ok(()))
            }

            async fn update_draft_course(
                &self,
                course: &pathways_domain::entities::Course,
                audit: &AuditEntry,
            ) -> StoreResult<()> {
                let (hundredths, languages) = course_values(course);
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "UPDATE courses SET pathway = $2, title = $3, credit_hundredths = $4, \
                     modality = $5, languages = $6, registration_url = $7, description = $8 \
                     WHERE course_number = $1",
                )
                .bind(course.number.as_str())
                .bind(course.pathway.code())
                .bind(&course.title)
                .bind(hundredths)
                .bind(course.modality.code())
                .bind(&languages)
                .bind(&course.registration_url)
                .bind(&course.description)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM course_languages WHERE course_number = $1")
                    .bind(course.number.as_str())
                    .execute(&mut *tx)
                    .await?;
                for language in &course.languages {
                    sqlx::query(
                        "INSERT INTO course_languages (course_number, language) VALUES ($1, $2)",
                    )
                    .bind(course.number.as_str())
                    .bind(language.as_str())
                    .execute(&mut *tx)
                    .await?;
                }
                write_audit(&mut tx, audit, course.number.as_str()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_review(
                &self,
                number: &CourseNumber,
                status: pathways_domain::review::ReviewStatus,
                comment: Option<&str>,
                published_on: Option<time::Date>,
                audit: &AuditEntry,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "UPDATE courses SET review_status = $2, review_comment = $3, \
                     published_on = COALESCE($4, published_on) WHERE course_number = $1",
                )
                .bind(number.as_str())
                .bind(status.code())
                .bind(comment)
                .bind(published_on)
                .execute(&mut *tx)
                .await?;
                write_audit(&mut tx, audit, number.as_str()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn retire_course(
                &self,
                number: &CourseNumber,
                retired_on: time::Date,
                audit: &AuditEntry,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE courses SET retired_on = $2 WHERE course_number = $1")
                    .bind(number.as_str())
                    .bind(retired_on)
                    .execute(&mut *tx)
                    .await?;
                write_audit(&mut tx, audit, number.as_str()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn create_class_session(
                &self,
                session: &pathways_domain::entities::Session,
                audit: &AuditEntry,
            ) -> StoreResult<Result<(), CourseConflict>> {
                let mut tx = self.begin_write().await?;
                let inserted = sqlx::query(
                    "INSERT INTO sessions (session_id, course_number, starts_at, ends_at, \
                     location, capacity, county_code) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (session_id) DO NOTHING",
                )
                .bind(session.id.as_str())
                .bind(session.course.as_str())
                .bind(session.starts_at)
                .bind(session.ends_at)
                .bind(&session.location)
                .bind(session.capacity.map(i64::from))
                .bind(session.county().map(|c| i64::from(c.get())))
                .execute(&mut *tx)
                .await?;
                if inserted.rows_affected() == 0 {
                    return Ok(Err(CourseConflict::Taken));
                }
                write_audit(&mut tx, audit, session.id.as_str()).await?;
                tx.commit().await?;
                Ok(Ok(()))
            }
        }
    };
}

pub(crate) use course_queries;
