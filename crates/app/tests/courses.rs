//! A course's way into the catalog, against real databases: draft, submit, send back,
//! approve (published from that day), retire; sessions of one's own courses only.

use pathways_app::access::Caller;
use pathways_app::courses::{CourseError, CourseForm, Courses, SessionForm};
use pathways_domain::access::Actor;
use pathways_domain::ids::CourseNumber;
use pathways_domain::review::ReviewStatus;
use pathways_domain::testing;
use pathways_store::Batch;
use time::macros::date;

fn vendor_staff(code: &str) -> Caller {
    Caller {
        actor: Actor::VendorStaff {
            vendor: testing::vendor_code(code),
        },
        account: None,
        label: format!("staff of {code}"),
    }
}

fn form(number: &str) -> CourseForm {
    CourseForm {
        number: number.into(),
        pathway: "CPC".into(),
        title: "Safe Transfers at Home".into(),
        credit_hours: "1.5".into(),
        modality: "in-person".into(),
        languages: "en, es".into(),
        registration_url: String::new(),
        description: "Move people safely.".into(),
    }
}

#[tokio::test]
async fn a_draft_is_reviewed_published_and_retired_and_only_its_vendor_schedules_it() {
    for db in pathways_store::testing::all().await {
        let store = db.store.clone();
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&Batch::Vendors(vec![
            testing::vendor("V1"),
            testing::vendor("V2"),
        ]))
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let courses = Courses::new(store.clone());
        let v1 = vendor_staff("V1");
        let v2 = vendor_staff("V2");
        let admin = Caller::command_line();
        let vendor = testing::vendor_code("V1");
        let number = CourseNumber::parse("V1-CPC-1").unwrap();

        // Bad fields are all reported by column; nothing is stored.
        let mut bad = form("V1-CPC-1");
        bad.credit_hours = "99".into();
        bad.modality = "telepathy".into();
        match courses.create_draft(&v1, &vendor, &bad).await {
            Err(CourseError::Invalid(problems)) => {
                let columns: Vec<&str> = problems.iter().map(|p| p.column).collect();
                assert_eq!(columns, ["credit_hours", "modality"]);
            }
            other => panic!("{other:?}"),
        }
        courses
            .create_draft(&v1, &vendor, &form("V1-CPC-1"))
            .await
            .unwrap();
        assert!(matches!(
            courses.create_draft(&v1, &vendor, &form("V1-CPC-1")).await,
            Err(CourseError::Taken)
        ));
        assert!(matches!(
            courses.create_draft(&v2, &vendor, &form("V2-X")).await,
            Err(CourseError::Access(_))
        ));
        let draft = courses.of_vendor_one(&v1, &vendor, &number).await.unwrap();
        assert_eq!(draft.review, ReviewStatus::Draft);
        assert_eq!(draft.course.published_on, None);

        // Approving a draft the program has not been sent is refused.
        assert!(matches!(
            courses
                .approve(&admin, &number, date!(2026 - 03 - 01))
                .await,
            Err(CourseError::Step(_))
        ));
        courses.submit(&v1, &vendor, &number).await.unwrap();
        assert!(matches!(
            courses
                .update_draft(&v1, &vendor, &number, &form("V1-CPC-1"))
                .await,
            Err(CourseError::NotEditable(ReviewStatus::Submitted))
        ));
        assert!(matches!(
            courses.send_back(&admin, &number, "  ").await,
            Err(CourseError::CommentRequired)
        ));
        courses
            .send_back(&admin, &number, "Say how long each day is.")
            .await
            .unwrap();
        let mut fixed = form("V1-CPC-1");
        fixed.description = "Move people safely. Two hours a day.".into();
        courses
            .update_draft(&v1, &vendor, &number, &fixed)
            .await
            .unwrap();
        courses.submit(&v1, &vendor, &number).await.unwrap();
        assert_eq!(courses.in_review(&admin).await.unwrap().len(), 1);
        assert!(
            courses.in_review(&v1).await.is_err(),
            "vendors do not review"
        );
        courses
            .approve(&admin, &number, date!(2026 - 03 - 01))
            .await
            .unwrap();
        let published = courses.for_review(&admin, &number).await.unwrap();
        assert_eq!(published.review, ReviewStatus::Approved);
        assert_eq!(published.course.published_on, Some(date!(2026 - 03 - 01)));
        assert!(published.course.description.ends_with("Two hours a day."));
        assert!(
            store
                .catalog_course(&number, date!(2026 - 03 - 02))
                .await
                .unwrap()
                .is_some()
        );

        // Sessions: only the course's vendor adds them; ids are unique.
        let session = SessionForm {
            id: "V1-CPC-1-A".into(),
            starts_at: "2026-04-01T09:00".into(),
            ends_at: "2026-04-01T11:00".into(),
            location: "1 Main St, Sacramento, CA 95814".into(),
            capacity: "10".into(),
        };
        assert!(matches!(
            courses
                .add_session(&v2, &testing::vendor_code("V2"), &number, &session)
                .await,
            Err(CourseError::NotFound)
        ));
        // A place whose county cannot be told is refused; nothing is stored.
        let no_zip = SessionForm {
            location: "1 Main St".into(),
            ..session.clone()
        };
        assert!(matches!(
            courses.add_session(&v1, &vendor, &number, &no_zip).await,
            Err(CourseError::PlaceWithoutCounty)
        ));
        courses
            .add_session(&v1, &vendor, &number, &session)
            .await
            .unwrap();
        assert!(matches!(
            courses.add_session(&v1, &vendor, &number, &session).await,
            Err(CourseError::Taken)
        ));
        let online = SessionForm {
            id: "V1-CPC-1-B".into(),
            location: String::new(),
            ..session.clone()
        };
        courses
            .add_session(&v1, &vendor, &number, &online)
            .await
            .unwrap();
        let detail = store
            .catalog_course(&number, date!(2026 - 03 - 02))
            .await
            .unwrap()
            .unwrap();
        let counties: Vec<_> = detail.sessions.iter().map(|s| s.county()).collect();
        assert_eq!(counties, [Some(testing::county(34)), None]);

        courses
            .retire(&admin, &number, date!(2026 - 06 - 01))
            .await
            .unwrap();
        assert!(
            store
                .catalog_course(&number, date!(2026 - 06 - 02))
                .await
                .unwrap()
                .is_none()
        );
    }
}
