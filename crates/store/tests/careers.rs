//! Healthcare career pages on both databases: a career is stored with its words in each
//! language and its pathways, read back whole, listed in display order (the public list
//! without hidden ones), replaced whole, and every change lands with its audit record.

use pathways_domain::career::{Career, CareerSlug};
use pathways_domain::pathway::Pathway;
use pathways_domain::testing::{career, career_text};
use pathways_store::accounts::{AuditActor, AuditEntry, AuditQuery};
use pathways_store::{CareerConflict, testing};
use time::OffsetDateTime;

fn audit(action: &str, slug: &str) -> AuditEntry {
    AuditEntry {
        at: OffsetDateTime::from_unix_timestamp(1_767_225_600).unwrap(),
        actor: AuditActor {
            account: None,
            label: "test".into(),
        },
        action: action.into(),
        record_type: "career".into(),
        record_key: slug.into(),
        before: None,
        after: Some(serde_json::json!({ "slug": slug })),
    }
}

fn slug(s: &str) -> CareerSlug {
    CareerSlug::parse(s).unwrap()
}

/// A career written in all three languages, with a learn-more link only in English.
fn written_in_three(s: &str) -> Career {
    let mut c = career(s);
    c.texts.push(career_text("es", "Asistente"));
    c.texts.push(career_text("zh-Hant", "助理"));
    c
}

#[tokio::test]
async fn a_career_is_stored_with_its_words_and_pathways_and_read_back_whole() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let cna = written_in_three("certified-nursing-assistant");
        assert_eq!(
            store
                .create_career(&cna, &audit("career.create", "cna"))
                .await
                .unwrap(),
            Ok(())
        );
        assert_eq!(
            store.career(&cna.slug).await.unwrap().as_ref(),
            Some(&cna),
            "{}",
            db.url
        );
        // The same slug again is refused and changes nothing.
        let mut again = career("certified-nursing-assistant");
        again.display_order = 1;
        assert_eq!(
            store
                .create_career(&again, &audit("career.create", "cna"))
                .await
                .unwrap(),
            Err(CareerConflict::Taken)
        );
        assert_eq!(store.career(&cna.slug).await.unwrap(), Some(cna));
        assert_eq!(store.career(&slug("no-such-career")).await.unwrap(), None);
    }
}

#[tokio::test]
async fn the_public_list_leaves_hidden_careers_out_and_both_lists_follow_display_order() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let mut lvn = career("licensed-vocational-nurse");
        lvn.display_order = 40;
        let mut aide = career("home-health-aide");
        aide.display_order = 10;
        let mut hidden = career("medical-assistant");
        hidden.display_order = 5;
        hidden.published = false;
        // Same order as the aide: the slug breaks the tie.
        let mut cna = career("certified-nursing-assistant");
        cna.display_order = 10;
        for c in [&lvn, &aide, &hidden, &cna] {
            store
                .create_career(c, &audit("career.create", c.slug.as_str()))
                .await
                .unwrap()
                .unwrap();
        }
        let slugs = |list: Vec<Career>| -> Vec<String> {
            list.into_iter().map(|c| c.slug.to_string()).collect()
        };
        assert_eq!(
            slugs(store.careers(true).await.unwrap()),
            [
                "certified-nursing-assistant",
                "home-health-aide",
                "licensed-vocational-nurse"
            ],
            "{}",
            db.url
        );
        assert_eq!(
            slugs(store.careers(false).await.unwrap()),
            [
                "medical-assistant",
                "certified-nursing-assistant",
                "home-health-aide",
                "licensed-vocational-nurse"
            ]
        );
        // Each listed career comes with its own words and pathways, not another's.
        let all = store.careers(false).await.unwrap();
        assert_eq!(all[3], lvn);
        assert_eq!(all[0], hidden);
    }
}

#[tokio::test]
async fn an_update_replaces_words_pathways_order_and_visibility_and_is_audited_with_it() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let before = written_in_three("home-health-aide");
        store
            .create_career(&before, &audit("career.create", "home-health-aide"))
            .await
            .unwrap()
            .unwrap();
        let mut after = career("home-health-aide");
        after.texts[0].name = "Home health aide".into();
        after.texts[0].learn_more_url = None;
        after
            .texts
            .push(career_text("es", "Asistente de salud en el hogar"));
        after.pathways = vec![Pathway::CognitiveImpairments];
        after.display_order = 99;
        after.published = false;
        assert!(
            store
                .update_career(&after, &audit("career.edit", "home-health-aide"))
                .await
                .unwrap()
        );
        assert_eq!(
            store.career(&after.slug).await.unwrap(),
            Some(after.clone()),
            "{}",
            db.url
        );
        assert!(store.careers(true).await.unwrap().is_empty());

        // A career that does not exist is not created by an update, and nothing is audited.
        let ghost = career("no-such-career");
        assert!(
            !store
                .update_career(&ghost, &audit("career.edit", "no-such-career"))
                .await
                .unwrap()
        );
        assert_eq!(store.career(&ghost.slug).await.unwrap(), None);

        let log = store
            .search_audit(&AuditQuery {
                record_type: Some("career".into()),
                limit: 10,
                ..AuditQuery::default()
            })
            .await
            .unwrap();
        let actions: Vec<(&str, &str)> = log
            .iter()
            .map(|r| (r.entry.action.as_str(), r.entry.record_key.as_str()))
            .collect();
        assert_eq!(
            actions,
            [
                ("career.edit", "home-health-aide"),
                ("career.create", "home-health-aide")
            ]
        );
    }
}
