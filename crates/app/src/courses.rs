//! Courses on their way into the catalog (DOMAIN.md §3): vendor staff write drafts, submit
//! them and schedule sessions; program admins approve and publish, send back with comments, or
//! retire. Forms are checked by the same parsers as the program's files, so a course typed into
//! a page and one sent in a file obey the same rules.

use std::sync::Arc;

use csv::StringRecord;
use pathways_domain::access::{Action, Owner};
use pathways_domain::ids::{CourseNumber, VendorCode};
use pathways_domain::review::{ReviewStatus, ReviewStep, StepNotAllowed, next_status};
use pathways_store::{CourseConflict, ReviewedCourse, Store, StoreError};
use time::Date;

use crate::access::{AccessError, Caller, audit_value};
use crate::import::parse::{self, ColumnError};

/// A course as a vendor types it.
#[derive(Debug, Clone, Default)]
pub struct CourseForm {
    pub number: String,
    pub pathway: String,
    pub title: String,
    pub credit_hours: String,
    pub modality: String,
    /// BCP 47 tags separated by `;` or `,`.
    pub languages: String,
    pub registration_url: String,
    pub description: String,
}

/// A session as a vendor types it. Times are California time, `YYYY-MM-DDTHH:MM`.
#[derive(Debug, Clone, Default)]
pub struct SessionForm {
    pub id: String,
    pub starts_at: String,
    pub ends_at: String,
    /// Empty for an online session.
    pub location: String,
    /// Empty for no limit (self-paced courses).
    pub capacity: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    /// Fields that do not meet the catalog's rules, by column.
    #[error("the form has {} problem(s)", .0.len())]
    Invalid(Vec<ColumnError>),
    #[error("that course number or session id is taken")]
    Taken,
    /// An in-person session's place whose county cannot be worked out: the catalog's county
    /// search could never find it, so the form asks for the ZIP code (files are not held to
    /// this, as their format is fixed).
    #[error("the place has no California ZIP code to tell its county by")]
    PlaceWithoutCounty,
    #[error("no such course")]
    NotFound,
    /// The course is in review or published: it cannot be changed now.
    #[error("the course cannot be changed while it is {}", .0.code())]
    NotEditable(ReviewStatus),
    #[error(transparent)]
    Step(#[from] StepNotAllowed),
    /// Sending a course back needs comments for the vendor.
    #[error("say what the vendor should change")]
    CommentRequired,
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone)]
pub struct Courses {
    store: Arc<dyn Store>,
}

fn vendor_owner(vendor: &VendorCode) -> Owner {
    Owner {
        vendor: Some(vendor.clone()),
        ..Owner::default()
    }
}

impl Courses {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// A vendor's courses with where each stands in review.
    pub async fn of_vendor(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
    ) -> Result<Vec<ReviewedCourse>, CourseError> {
        caller.authorize(Action::ManageCourses, &vendor_owner(vendor))?;
        Ok(self.store.vendor_courses(vendor).await?)
    }

    /// One of the vendor's courses (another vendor's reads as not found).
    pub async fn of_vendor_one(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
        number: &CourseNumber,
    ) -> Result<ReviewedCourse, CourseError> {
        caller.authorize(Action::ManageCourses, &vendor_owner(vendor))?;
        self.store
            .reviewed_course(number)
            .await?
            .filter(|c| &c.course.vendor == vendor)
            .ok_or(CourseError::NotFound)
    }

    fn parse_course(
        vendor: &VendorCode,
        form: &CourseForm,
    ) -> Result<pathways_domain::entities::Course, CourseError> {
        let record = StringRecord::from(vec![
            form.number.trim(),
            vendor.as_str(),
            form.pathway.trim(),
            form.title.trim(),
            form.credit_hours.trim(),
            form.modality.trim(),
            &form.languages.replace(',', ";"),
            "",
            "",
            form.registration_url.trim(),
            form.description.trim(),
        ]);
        parse::course(&record).map_err(CourseError::Invalid)
    }

    /// Writes a new draft course for the vendor.
    pub async fn create_draft(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
        form: &CourseForm,
    ) -> Result<CourseNumber, CourseError> {
        caller.authorize(Action::ManageCourses, &vendor_owner(vendor))?;
        let course = Self::parse_course(vendor, form)?;
        let audit = caller.audit(
            "course.draft",
            "course",
            course.number.as_str(),
            None,
            audit_value(&course),
        );
        match self.store.create_draft_course(&course, &audit).await? {
            Ok(()) => Ok(course.number),
            Err(CourseConflict::Taken) => Err(CourseError::Taken),
        }
    }

    /// Changes a draft (or a course sent back).
    pub async fn update_draft(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
        number: &CourseNumber,
        form: &CourseForm,
    ) -> Result<(), CourseError> {
        let current = self.of_vendor_one(caller, vendor, number).await?;
        if !current.review.editable() {
            return Err(CourseError::NotEditable(current.review));
        }
        let mut form = form.clone();
        form.number = number.to_string();
        let course = Self::parse_course(vendor, &form)?;
        let audit = caller.audit(
            "course.edit",
            "course",
            number.as_str(),
            audit_value(&current.course),
            audit_value(&course),
        );
        self.store.update_draft_course(&course, &audit).await?;
        Ok(())
    }

    /// The vendor asks the program to publish the course.
    pub async fn submit(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
        number: &CourseNumber,
    ) -> Result<(), CourseError> {
        let current = self.of_vendor_one(caller, vendor, number).await?;
        let next = next_status(current.review, ReviewStep::Submit)?;
        self.move_review(caller, &current, next, None, None).await
    }

    /// Courses waiting for the program.
    pub async fn in_review(&self, caller: &Caller) -> Result<Vec<ReviewedCourse>, CourseError> {
        caller.authorize(Action::ApproveCourses, &Owner::default())?;
        Ok(self.store.courses_in_review().await?)
    }

    /// Any course, for the program's review page.
    pub async fn for_review(
        &self,
        caller: &Caller,
        number: &CourseNumber,
    ) -> Result<ReviewedCourse, CourseError> {
        caller.authorize(Action::ApproveCourses, &Owner::default())?;
        self.store
            .reviewed_course(number)
            .await?
            .ok_or(CourseError::NotFound)
    }

    /// The program approves the course and publishes it from `today`.
    pub async fn approve(
        &self,
        caller: &Caller,
        number: &CourseNumber,
        today: Date,
    ) -> Result<(), CourseError> {
        let current = self.for_review(caller, number).await?;
        let next = next_status(current.review, ReviewStep::Approve)?;
        self.move_review(caller, &current, next, None, Some(today))
            .await
    }

    /// The program sends the course back with what to change.
    pub async fn send_back(
        &self,
        caller: &Caller,
        number: &CourseNumber,
        comment: &str,
    ) -> Result<(), CourseError> {
        let comment = comment.trim();
        if comment.is_empty() {
            return Err(CourseError::CommentRequired);
        }
        let current = self.for_review(caller, number).await?;
        let next = next_status(current.review, ReviewStep::SendBack)?;
        self.move_review(caller, &current, next, Some(comment), None)
            .await
    }

    /// The program takes a published course out of the catalog from `today`. Training done
    /// while it was published still counts.
    pub async fn retire(
        &self,
        caller: &Caller,
        number: &CourseNumber,
        today: Date,
    ) -> Result<(), CourseError> {
        let current = self.for_review(caller, number).await?;
        if current.review != ReviewStatus::Approved {
            return Err(CourseError::NotEditable(current.review));
        }
        let audit = caller.audit(
            "course.retire",
            "course",
            number.as_str(),
            Some(serde_json::json!({ "retired_on": current.course.retired_on })),
            Some(serde_json::json!({ "retired_on": today })),
        );
        self.store.retire_course(number, today, &audit).await?;
        crate::catalog::catalog_changed();
        Ok(())
    }

    async fn move_review(
        &self,
        caller: &Caller,
        current: &ReviewedCourse,
        next: ReviewStatus,
        comment: Option<&str>,
        published_on: Option<Date>,
    ) -> Result<(), CourseError> {
        let audit = caller.audit(
            &format!("course.{}", next.code()),
            "course",
            current.course.number.as_str(),
            Some(serde_json::json!({ "review": current.review.code() })),
            Some(serde_json::json!({
                "review": next.code(),
                "comment": comment,
                "published_on": published_on,
            })),
        );
        self.store
            .set_review(&current.course.number, next, comment, published_on, &audit)
            .await?;
        crate::catalog::catalog_changed();
        Ok(())
    }

    /// Schedules a session of one of the vendor's courses.
    pub async fn add_session(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
        number: &CourseNumber,
        form: &SessionForm,
    ) -> Result<(), CourseError> {
        self.of_vendor_one(caller, vendor, number).await?;
        let record = StringRecord::from(vec![
            form.id.trim(),
            number.as_str(),
            form.starts_at.trim(),
            form.ends_at.trim(),
            form.location.trim(),
            form.capacity.trim(),
        ]);
        let session = parse::session(&record).map_err(CourseError::Invalid)?;
        if session.location.is_some() && session.county().is_none() {
            return Err(CourseError::PlaceWithoutCounty);
        }
        let audit = caller.audit(
            "session.create",
            "session",
            session.id.as_str(),
            None,
            audit_value(&session),
        );
        match self.store.create_class_session(&session, &audit).await? {
            Ok(()) => {
                crate::catalog::catalog_changed();
                Ok(())
            }
            Err(CourseConflict::Taken) => Err(CourseError::Taken),
        }
    }
}
