//! The demo program loads on both databases through the real import paths: every row crafted to
//! be held is held with its intended reason, the rest verify, and loading again changes nothing.

use std::collections::BTreeMap;

use pathways_app::demo::{Demo, DemoOptions};
use pathways_app::seed::{NoSeedProgress, PROVIDERS_PER_CHUNK, load_demo};
use pathways_store::testing;
use time::macros::date;

fn demo() -> Demo {
    Demo::new(DemoOptions {
        providers: 600,
        seed: 7,
        today: date!(2026 - 11 - 25),
        courses: None,
    })
}

#[tokio::test]
async fn the_demo_loads_with_exactly_the_held_records_it_was_built_to_have() {
    let demo = demo();
    let mut intended: BTreeMap<&str, u64> = BTreeMap::new();
    let mut rows = 0;
    for chunk in demo.provider_chunks(PROVIDERS_PER_CHUNK) {
        rows += chunk.attendance.len() as u64;
        for held in &chunk.held_by_design {
            *intended.entry(held.reason.code()).or_default() += 1;
        }
    }
    assert_eq!(
        intended.len(),
        9,
        "every hold reason is in the demo: {intended:?}"
    );

    for db in testing::all().await {
        let summary = load_demo(db.store.as_ref(), &demo, &NoSeedProgress)
            .await
            .unwrap();
        assert_eq!(summary.rows, rows);
        assert_eq!(summary.held, intended, "{}", db.url);
        assert_eq!(summary.verified + summary.held_total(), rows);

        let counts = db.store.table_counts().await.unwrap();
        assert_eq!(counts.providers, 600);
        assert_eq!(
            (counts.vendors, counts.courses),
            (demo.vendors().len() as u64, demo.courses().len() as u64)
        );
        assert_eq!(counts.wage_rates, demo.wage_rates().len() as u64);
        assert_eq!(counts.attendance_verified, summary.verified);

        let again = load_demo(db.store.as_ref(), &demo, &NoSeedProgress)
            .await
            .unwrap();
        assert_eq!(
            (again.counts.unchanged, again.verified, again.held_total()),
            (rows, 0, 0),
            "{}",
            db.url
        );
        assert_eq!(db.store.table_counts().await.unwrap(), counts);
        let versions = db.store.policy_versions().await.unwrap();
        assert_eq!(
            versions.len(),
            2,
            "the default policy and the demo's program year"
        );
        // The career pages are there once, published, each in all three languages with the
        // pathways that lead there; loading again left them as they were.
        let careers = db.store.careers(true).await.unwrap();
        assert_eq!(careers, demo.careers(), "{}", db.url);
        let slugs: Vec<&str> = careers.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "home-health-aide",
                "certified-nursing-assistant",
                "medical-assistant",
                "licensed-vocational-nurse"
            ]
        );
        for career in &careers {
            assert_eq!(career.texts.len(), 3, "{}", career.slug);
            assert!(!career.pathways.is_empty());
            // Every demo career passes the same checks as one typed into the form.
            assert_eq!(
                pathways_domain::career::Career::from_draft(&career.to_draft()).as_ref(),
                Ok(career)
            );
        }
    }
}

#[tokio::test]
async fn the_demo_has_a_sign_in_for_every_role_and_making_them_again_changes_nothing() {
    use pathways_app::accounts::Accounts;
    use pathways_app::seed::demo_sign_ins;
    use pathways_domain::access::Role;

    let demo = demo();
    for db in testing::all().await {
        load_demo(db.store.as_ref(), &demo, &NoSeedProgress)
            .await
            .unwrap();
        let accounts = Accounts::new(
            db.store.clone(),
            pathways_app::testing::fast_account_settings(),
        );
        let sign_ins = demo_sign_ins(&accounts, db.store.as_ref(), &demo)
            .await
            .unwrap();
        let mut roles: Vec<Role> = sign_ins.iter().map(|s| s.role).collect();
        roles.sort();
        assert_eq!(roles, Role::ALL.to_vec());
        for s in &sign_ins {
            let signed = accounts
                .sign_in(&s.login, s.password, "192.0.2.1", None)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", s.login));
            assert_eq!(signed.session.account.role, s.role);
        }
        let again = demo_sign_ins(&accounts, db.store.as_ref(), &demo)
            .await
            .unwrap();
        assert_eq!(again, sign_ins);
        let listed = accounts
            .list(
                &pathways_app::access::Caller::command_line(),
                None,
                None,
                100,
            )
            .await
            .unwrap();
        assert_eq!(listed.len(), Role::ALL.len());

        // The demo's coaches, the demo coach signed in to the first; added once.
        assert_eq!(
            pathways_app::seed::demo_coaches(db.store.clone())
                .await
                .unwrap(),
            4
        );
        assert_eq!(
            pathways_app::seed::demo_coaches(db.store.clone())
                .await
                .unwrap(),
            0
        );
        let coach = sign_ins
            .iter()
            .find(|s| s.role == Role::Coach)
            .expect("the demo coach");
        let account = db
            .store
            .account_by_email(&coach.login)
            .await
            .unwrap()
            .expect("an account");
        let linked = db.store.coach_of_account(account.id).await.unwrap();
        let coaches = db.store.coaches().await.unwrap();
        assert_eq!(linked, Some(coaches[0].id), "{}", db.url);
        assert!(coaches.iter().all(|c| !c.availability.weekly().is_empty()));
    }
}
