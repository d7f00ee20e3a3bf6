//! Help tickets on both databases: a question about registering for a course goes to that
//! course's vendor and no other desk; payments and claims to the service desk; anything else
//! (or a course the catalog lacks) to the program inbox; someone not signed in must leave a
//! way to be reached; a provider cannot read a desk.

use pathways_app::access::Caller;
use pathways_app::help::{Help, HelpError, Question};
use pathways_domain::access::Actor;
use pathways_domain::coaching::{Desk, TicketCategory};
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
