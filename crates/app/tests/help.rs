//! Help tickets on both databases: a question about registering for a course goes to that
//! course's vendor and no other desk; payments and claims to the service desk; anything else
//! (or a course the catalog lacks) to the program inbox; someone not signed in must leave a
//! way to be reached; a provider cannot read a desk. A conversation moves the ticket's status,
//! records the first response and the resolution, tells the asker in her language, and is read
//! only by the asker and the desk that answers it; files are checked before they are kept.

use pathways_app::access::Caller;
use pathways_app::help::{Help, HelpError, Question, Reply, Side, Upload};
use pathways_domain::access::Actor;
use pathways_domain::coaching::{AttachmentRefusal, Desk, TicketCategory, TicketStatus};
use pathways_domain::testing;
use pathways_store::Batch;

fn caller(actor: Actor) -> Caller {
    Caller {
        actor,
        account: None,
        label: "someone".into(),
    }
}

fn question(category: TicketCategory) -> Question {
    Question {
        category,
        subject: "A question".into(),
        body: "Can you help me?".into(),
        contact_name: None,
        contact: None,
        language: "es".into(),
        attachment: None,
    }
}

#[tokio::test]
async fn each_question_reaches_the_desk_that_answers_it_and_no_other() {
    for db in pathways_store::testing::all().await {
        let mut tx = db.store.begin_import().await.unwrap();
        tx.upsert(&Batch::Vendors(vec![
            testing::vendor("V1"),
            testing::vendor("V2"),
        ]))
        .await
        .unwrap();
        let mut other = testing::course("GHS-201");
        other.vendor = testing::vendor_code("V2");
        tx.upsert(&Batch::Courses(vec![testing::course("GHS-101"), other]))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let help = Help::new(db.store.clone());
        let ana = caller(Actor::Provider {
            provider: testing::provider_number(1),
        });
        let course = |n: &str| TicketCategory::CourseRegistration(testing::course_number(n));

        let (about_course, desk) = help
            .ask(Some(&ana), &question(course("GHS-101")))
            .await
            .unwrap();
        assert_eq!(desk, Desk::Vendor(testing::vendor_code("V1")), "{}", db.url);
        let (_, desk) = help
            .ask(Some(&ana), &question(TicketCategory::PaymentsAndClaims))
            .await
            .unwrap();
        assert_eq!(desk, Desk::ServiceDesk);
        let (_, desk) = help
            .ask(Some(&ana), &question(course("XYZ-999")))
            .await
            .unwrap();
        assert_eq!(desk, Desk::ProgramInbox);

        // Someone not signed in leaves a way to be reached.
        assert!(matches!(
            help.ask(None, &question(TicketCategory::Other)).await,
            Err(HelpError::NoContact)
        ));
        let mut visitor = question(TicketCategory::Other);
        visitor.contact = Some("(916) 555-0142".into());
        let (_, desk) = help.ask(None, &visitor).await.unwrap();
        assert_eq!(desk, Desk::ProgramInbox);
        let mut empty = question(TicketCategory::Other);
        empty.body = "  ".into();
        assert!(matches!(
            help.ask(Some(&ana), &empty).await,
            Err(HelpError::Empty)
        ));

        // Each desk sees its own.
        let v1 = help
            .desk(&caller(Actor::VendorStaff {
                vendor: testing::vendor_code("V1"),
            }))
            .await
            .unwrap();
        assert_eq!(
            v1.iter().map(|t| t.id).collect::<Vec<_>>(),
            [about_course],
            "{}",
            db.url
        );
        assert!(
            help.desk(&caller(Actor::VendorStaff {
                vendor: testing::vendor_code("V2"),
            }))
            .await
            .unwrap()
            .is_empty()
        );
        let service = help.desk(&caller(Actor::ServiceDesk)).await.unwrap();
        assert_eq!(service.len(), 1);
        assert_eq!(service[0].category, "payments-and-claims");
        assert_eq!(
            help.desk(&caller(Actor::ProgramAdmin)).await.unwrap().len(),
            4
        );
        assert!(matches!(help.desk(&ana).await, Err(HelpError::Access(_))));
    }
}

#[tokio::test]
async fn a_conversation_moves_the_ticket_and_tells_the_asker_in_her_language() {
    for db in pathways_store::testing::all().await {
        let mut tx = db.store.begin_import().await.unwrap();
        let ana_record = pathways_domain::entities::Provider {
            language: testing::language("es"),
            email: Some("ana@example.org".into()),
            ..testing::provider(1)
        };
        tx.upsert(&Batch::Providers(vec![ana_record, testing::provider(2)]))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let help = Help::new(db.store.clone());
        let ana = caller(Actor::Provider {
            provider: testing::provider_number(1),
        });
        let bea = caller(Actor::Provider {
            provider: testing::provider_number(2),
        });
        let desk = caller(Actor::ServiceDesk);

        // A program named like a photo is refused and nothing is opened.
        let mut forged = question(TicketCategory::PaymentsAndClaims);
        forged.attachment = Some(Upload {
            file_name: "stub.jpg".into(),
            bytes: b"MZ\x90\x00".to_vec(),
        });
        assert!(matches!(
            help.ask(Some(&ana), &forged).await,
            Err(HelpError::Attachment(AttachmentRefusal::WrongType))
        ));
        assert!(help.desk(&desk).await.unwrap().is_empty(), "{}", db.url);
        let mut with_stub = question(TicketCategory::PaymentsAndClaims);
        with_stub.attachment = Some(Upload {
            file_name: "talón.pdf".into(),
            bytes: b"%PDF-1.4 stub".to_vec(),
        });
        let (id, _) = help.ask(Some(&ana), &with_stub).await.unwrap();

        // Only Ana and the desks that may handle it read it.
        assert!(matches!(
            help.ticket(&bea, id).await,
            Err(HelpError::Access(_))
        ));
        let v1 = caller(Actor::VendorStaff {
            vendor: testing::vendor_code("V1"),
        });
        assert!(matches!(
            help.ticket(&v1, id).await,
            Err(HelpError::NotFound)
        ));
        let county = caller(Actor::CountyStaff {
            county: testing::county(34),
        });
        assert!(matches!(
            help.ticket(&county, id).await,
            Err(HelpError::Access(_))
        ));
        let seen = help.ticket(&desk, id).await.unwrap();
        assert_eq!(seen.side, Side::Desk);
        assert!(seen.summary.is_some(), "the desk sees her records");
        let file = &seen.messages[0].attachments[0];
        assert_eq!(file.file_name, "talón.pdf");
        assert!(matches!(
            help.attachment(&bea, file.id).await,
            Err(HelpError::Access(_))
        ));
        let (_, bytes) = help.attachment(&ana, file.id).await.unwrap();
        assert_eq!(bytes, b"%PDF-1.4 stub");

        // The desk answers with a prepared answer: it waits on Ana, who is told in Spanish.
        let prepared = Reply {
            canned: Some("when-paid".into()),
            body: "Su reclamo está aprobado.".into(),
            ..Reply::default()
        };
        help.reply(&desk, id, &prepared).await.unwrap();
        let after = help.ticket(&ana, id).await.unwrap();
        assert_eq!(after.side, Side::Asker);
        assert_eq!(after.ticket.status, TicketStatus::WaitingOnProvider);
        let first = after.ticket.first_response_at.expect("a first response");
        assert!(
            after.messages[1]
                .body
                .starts_with("Las solicitudes aprobadas")
        );
        assert!(
            after.messages[1]
                .body
                .ends_with("Su reclamo está aprobado.")
        );
        let told = db.store.outbox(Some("ana@example.org"), 10).await.unwrap();
        assert_eq!(told.len(), 1, "{}", db.url);
        assert_eq!(told[0].purpose, "ticket-reply");
        assert!(
            told[0].body.contains("Su reclamo está aprobado."),
            "{}",
            told[0].body
        );
        assert!(
            told[0].subject.starts_with("Una respuesta"),
            "{}",
            told[0].subject
        );

        // A made-up prepared answer, or an empty reply, changes nothing.
        let made_up = Reply {
            canned: Some("refund-everything".into()),
            ..Reply::default()
        };
        assert!(matches!(
            help.reply(&desk, id, &made_up).await,
            Err(HelpError::NoSuchAnswer)
        ));
        assert!(matches!(
            help.reply(&ana, id, &Reply::default()).await,
            Err(HelpError::Empty)
        ));
        // Ana cannot use the desk's prepared answers either.
        let hers = Reply {
            canned: Some("when-paid".into()),
            ..Reply::default()
        };
        assert!(matches!(
            help.reply(&ana, id, &hers).await,
            Err(HelpError::NoSuchAnswer)
        ));

        // Ana answers back: open again. The desk resolves it; her reply reopens it.
        let words = |body: &str, resolves| Reply {
            body: body.into(),
            resolves,
            ..Reply::default()
        };
        help.reply(&ana, id, &words("¿Y cuándo llega?", false))
            .await
            .unwrap();
        assert_eq!(
            help.ticket(&ana, id).await.unwrap().ticket.status,
            TicketStatus::Open
        );
        help.reply(&desk, id, &words("Llega el viernes.", true))
            .await
            .unwrap();
        let resolved = help.ticket(&desk, id).await.unwrap().ticket;
        assert_eq!(resolved.status, TicketStatus::Resolved);
        assert!(resolved.resolved_at.is_some());
        assert_eq!(
            resolved.first_response_at,
            Some(first),
            "the first stays first"
        );
        assert!(
            help.desk(&desk).await.unwrap().is_empty(),
            "resolved leaves the queue"
        );
        help.reply(&ana, id, &words("Gracias, una pregunta más.", false))
            .await
            .unwrap();
        let reopened = help.ticket(&desk, id).await.unwrap().ticket;
        assert_eq!(reopened.status, TicketStatus::Open, "{}", db.url);
        assert_eq!(reopened.resolved_at, None);
        assert_eq!(help.ticket(&ana, id).await.unwrap().messages.len(), 5);
    }
}
