//! Asking in writing on every backend: someone not signed in asks about signing up for GHS-101
//! (taught by V1) and is told the school will answer; V1's staff see the question, V2's staff
//! and the service desk do not; a question without a way to answer it, or with a made-up
//! category, is refused and changes nothing.

use axum::http::StatusCode;
use pathways_domain::access::Role;

use crate::helpers::{GOOD_PASSWORD, TestApp};

#[tokio::test]
async fn a_question_about_a_course_reaches_that_courses_vendor_only() {
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        app.staff(Role::VendorStaff, "vera@v1.example", Some("V1"), None)
            .await;
        app.staff(Role::VendorStaff, "walt@v2.example", Some("V2"), None)
            .await;
        app.staff(Role::ServiceDesk, "sam@desk.example", None, None)
            .await;
        let mut visitor = app.browser();
        let form = visitor.get("/help/ask").await;
        assert_eq!(form.status, StatusCode::OK, "{url}: {}", form.body);
        let ask = |fields: Vec<(&'static str, &'static str)>| fields;
        let no_contact = visitor
            .submit(
                "/help/ask",
                "/help/ask",
                &ask(vec![
                    ("category", "course-registration"),
                    ("course", "GHS-101"),
                    ("subject", "Which day?"),
                    ("body", "Is there a Saturday class?"),
                ]),
            )
            .await;
        assert_eq!(no_contact.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            no_contact
                .body
                .contains("Write a phone number or an email address")
        );
        let forged = visitor
            .submit(
                "/help/ask",
                "/help/ask",
                &ask(vec![
                    ("category", "refunds"),
                    ("subject", "x"),
                    ("body", "y"),
                ]),
            )
            .await;
        assert_eq!(forged.status, StatusCode::BAD_REQUEST);
        let sent = visitor
            .submit(
                "/help/ask",
                "/help/ask",
                &ask(vec![
                    ("category", "course-registration"),
                    ("course", "ghs-101"),
                    ("subject", "Which day?"),
                    ("body", "Is there a Saturday class?"),
                    ("name", "Rosa"),
                    ("contact", "(916) 555-0142"),
                ]),
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let told = visitor.get(sent.header("location")).await;
        assert!(
            told.body
                .contains("was sent to the school that teaches the course"),
            "{}",
            told.body
        );

        for (email, sees) in [
            ("vera@v1.example", true),
            ("walt@v2.example", false),
            ("sam@desk.example", false),
        ] {
            let mut staff = app.browser();
            staff.sign_in(email, GOOD_PASSWORD).await;
            let desk = staff.get("/desk/tickets").await;
            assert_eq!(desk.status, StatusCode::OK, "{email}: {}", desk.body);
            assert_eq!(desk.body.contains("Which day?"), sees, "{url} {email}");
        }
    }
}
