//! Asking in writing on every backend: someone not signed in asks about signing up for GHS-101
//! (taught by V1) and is told the school will answer; V1's staff see the question, V2's staff
//! and the service desk do not; a question without a way to answer it, or with a made-up
//! category, is refused and changes nothing. A provider asks with a file; the service desk
//! takes the question, reads her records, answers with a prepared answer that reaches her in
//! Spanish; she reads it and her file; other desks and providers read nothing.

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

#[tokio::test]
async fn the_desk_takes_a_question_answers_it_in_her_language_and_others_read_nothing() {
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        app.staff(Role::ServiceDesk, "sam@desk.example", None, None)
            .await;
        app.staff(Role::VendorStaff, "vera@v1.example", Some("V1"), None)
            .await;
        app.staff(Role::CountyStaff, "cy@county.example", None, Some(34))
            .await;
        app.add_provider(
            100_000_041,
            "Reyes",
            "(916) 555-0141",
            Some("ana@example.org"),
        )
        .await;
        app.add_provider(100_000_042, "Soto", "(916) 555-0142", None)
            .await;
        for n in [100_000_041, 100_000_042] {
            app.accounts()
                .create_provider_account(
                    &pathways_app::access::Caller::command_line(),
                    pathways_domain::testing::provider_number(n),
                    GOOD_PASSWORD,
                    pathways_web::i18n::Locale::Es,
                )
                .await
                .expect("an account");
        }
        let mut ana = app.browser();
        ana.sign_in("100000041", GOOD_PASSWORD).await;
        let fields = [
            ("category", "payments-and-claims"),
            ("subject", "Mi pago"),
            ("body", "No me llegó el pago de GHS-101."),
        ];
        // A program named like a photo is refused in her language and nothing is opened.
        let refused = ana
            .submit_with_file(
                "/help/ask",
                "/help/ask",
                &fields,
                Some(("foto.jpg", b"MZ\x90\x00rest")),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(refused.body.contains("Envíe un PDF"), "{}", refused.body);
        let sent = ana
            .submit_with_file(
                "/help/ask",
                "/help/ask",
                &fields,
                Some(("talon.pdf", b"%PDF-1.4 a pay stub")),
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{url}: {}", sent.body);
        let asked = ana.get("/help/ask").await;
        assert!(asked.body.contains("Sus preguntas"), "{}", asked.body);
        let id = app
            .store()
            .provider_tickets(pathways_domain::testing::provider_number(100_000_041))
            .await
            .unwrap()
            .pop()
            .expect("her ticket")
            .id;
        assert!(asked.body.contains(&format!("/tickets/{id}")));
        let ticket = format!("/tickets/{id}");

        // The desk takes it, sees her records and answers with a prepared answer.
        let mut sam = app.browser();
        sam.sign_in("sam@desk.example", GOOD_PASSWORD).await;
        let queue = sam.get("/desk/tickets?category=payments-and-claims").await;
        assert!(queue.body.contains("Mi pago"), "{}", queue.body);
        let other = sam.get("/desk/tickets?category=other").await;
        assert!(!other.body.contains("Mi pago"));
        let page = sam.get(&ticket).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("Latest attendance"), "{}", page.body);
        assert!(page.body.contains("talon.pdf"));
        let taken = sam
            .submit(&ticket, &format!("{ticket}/assign"), &[("to", "me")])
            .await;
        assert_eq!(taken.status, StatusCode::SEE_OTHER);
        let mine = sam.get("/desk/tickets?mine=1").await;
        assert!(mine.body.contains("Mi pago"), "{}", mine.body);
        let answered = sam
            .submit_with_file(
                &ticket,
                &format!("{ticket}/reply"),
                &[("canned", "when-paid"), ("body", ""), ("resolves", "1")],
                None,
            )
            .await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
        let told = app
            .store()
            .outbox(Some("ana@example.org"), 10)
            .await
            .unwrap();
        assert!(
            told.iter().any(
                |m| m.purpose == "ticket-reply" && m.body.contains("Las solicitudes aprobadas")
            ),
            "{url}: {told:?}"
        );

        // Ana reads the answer in Spanish, and her file.
        let hers = ana.get(&ticket).await;
        assert!(hers.body.contains("Respondida"), "{}", hers.body);
        assert!(hers.body.contains("Las solicitudes aprobadas"));
        let file = hers
            .body
            .split("href=\"/tickets/files/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a link to her file")
            .to_owned();
        let download = ana.get(&format!("/tickets/files/{file}")).await;
        assert_eq!(download.status, StatusCode::OK);
        assert_eq!(download.header("content-type"), "application/pdf");
        assert!(
            download
                .header("content-disposition")
                .starts_with("attachment;")
        );

        // Nobody else reads it: another provider, another desk, county staff.
        let mut bea = app.browser();
        bea.sign_in("100000042", GOOD_PASSWORD).await;
        assert_eq!(
            bea.get(&ticket).await.status,
            StatusCode::FORBIDDEN,
            "{url}"
        );
        assert_eq!(
            bea.get(&format!("/tickets/files/{file}")).await.status,
            StatusCode::FORBIDDEN
        );
        let mut vera = app.browser();
        vera.sign_in("vera@v1.example", GOOD_PASSWORD).await;
        assert_eq!(vera.get(&ticket).await.status, StatusCode::NOT_FOUND);
        let forged = vera
            .submit_with_file(
                "/desk/tickets",
                &format!("{ticket}/reply"),
                &[("body", "hola")],
                None,
            )
            .await;
        assert_eq!(forged.status, StatusCode::NOT_FOUND);
        let mut cy = app.browser();
        cy.sign_in("cy@county.example", GOOD_PASSWORD).await;
        assert_eq!(cy.get(&ticket).await.status, StatusCode::FORBIDDEN);
    }
}
