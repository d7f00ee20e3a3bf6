//! Healthcare career pages through the application, against real databases: only program
//! admins write, change, show and hide them; every change is audited with the career before and
//! after; a refused change changes nothing; the public sees published careers only, with the
//! catalog courses of the pathways that lead there.

use pathways_app::access::Caller;
use pathways_app::careers::{CareerError, Careers};
use pathways_domain::access::{Actor, Role};
use pathways_domain::career::{
    CareerDraft, CareerField, CareerLanguage, CareerSlug, CareerTextDraft, ProblemKind,
};
use pathways_domain::pathway::Pathway;
use pathways_domain::testing;
use pathways_store::Batch;
use pathways_store::accounts::AuditQuery;
use time::macros::date;

fn text(language: CareerLanguage, name: &str) -> CareerTextDraft {
    CareerTextDraft {
        language,
        name: name.into(),
        summary: "Helps patients with daily care.".into(),
        requirements: "A state-approved program of 160 hours.\nA state exam.".into(),
        training_time: "At least 160 hours".into(),
        learn_more_url: "https://www.cdph.ca.gov/".into(),
    }
}

/// A complete draft in English and Spanish, leading from GHS and CPC, hidden.
fn draft(slug: &str) -> CareerDraft {
    CareerDraft {
        slug: slug.into(),
        display_order: "20".into(),
        pathways: vec!["GHS".into(), "CPC".into()],
        published: false,
        texts: vec![
            text(CareerLanguage::En, "Certified nursing assistant"),
            text(CareerLanguage::Es, "Asistente de enfermería certificado"),
        ],
    }
}

fn staff(actor: Actor) -> Caller {
    Caller {
        actor,
        account: None,
        label: "test staff".into(),
    }
}

fn everyone_but_the_admin() -> Vec<Caller> {
    vec![
        staff(Actor::Provider {
            provider: testing::provider_number(1),
        }),
        staff(Actor::VendorStaff {
            vendor: testing::vendor_code("V1"),
        }),
        staff(Actor::Coach),
        staff(Actor::ServiceDesk),
        staff(Actor::CountyStaff {
            county: testing::county(34),
        }),
    ]
}

fn slug(s: &str) -> CareerSlug {
    CareerSlug::parse(s).unwrap()
}

async fn career_audit(
    store: &dyn pathways_store::Store,
) -> Vec<pathways_store::accounts::AuditRecord> {
    store
        .search_audit(&AuditQuery {
            record_type: Some("career".into()),
            limit: 50,
            ..AuditQuery::default()
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn only_program_admins_write_careers_and_each_change_is_audited_before_and_after() {
    for db in pathways_store::testing::all().await {
        let careers = Careers::new(db.store.clone());
        let admin = Caller::command_line();
        let cna = slug("certified-nursing-assistant");

        for caller in everyone_but_the_admin() {
            assert!(
                matches!(
                    careers.create(&caller, &draft(cna.as_str())).await,
                    Err(CareerError::Access(_))
                ),
                "{}",
                caller.role()
            );
            assert!(matches!(
                careers.all(&caller).await,
                Err(CareerError::Access(_))
            ));
            assert!(matches!(
                careers.may_edit(&caller),
                Err(CareerError::Access(_))
            ));
        }
        assert!(careers.all(&admin).await.unwrap().is_empty());
        assert!(career_audit(db.store.as_ref()).await.is_empty());

        assert_eq!(
            careers.create(&admin, &draft(cna.as_str())).await.unwrap(),
            cna
        );
        // Hidden: the public does not see it yet; the admin does.
        assert!(careers.published().await.unwrap().is_empty());
        assert!(matches!(
            careers.published_one(&cna).await,
            Err(CareerError::NotFound)
        ));
        assert_eq!(careers.all(&admin).await.unwrap().len(), 1);
        assert!(matches!(
            careers.create(&admin, &draft(cna.as_str())).await,
            Err(CareerError::Taken)
        ));

        // Others may neither change nor show it.
        for caller in everyone_but_the_admin() {
            assert!(matches!(
                careers.update(&caller, &cna, &draft("ignored-slug")).await,
                Err(CareerError::Access(_))
            ));
            assert!(matches!(
                careers.set_published(&caller, &cna, true).await,
                Err(CareerError::Access(_))
            ));
        }

        let mut changed = draft("ignored-slug");
        changed.texts[0].name = "Nursing assistant (CNA)".into();
        changed.pathways = vec!["CIB".into()];
        careers.update(&admin, &cna, &changed).await.unwrap();
        careers.set_published(&admin, &cna, true).await.unwrap();
        // Showing a shown career changes nothing and writes nothing.
        careers.set_published(&admin, &cna, true).await.unwrap();

        let shown = careers.published_one(&cna).await.unwrap();
        assert_eq!(shown.slug, cna, "the slug is the address and never changes");
        assert_eq!(
            shown.text(CareerLanguage::En).name,
            "Nursing assistant (CNA)"
        );
        assert_eq!(shown.pathways, [Pathway::CognitiveImpairments]);

        let log = career_audit(db.store.as_ref()).await;
        let actions: Vec<&str> = log.iter().map(|r| r.entry.action.as_str()).collect();
        assert_eq!(
            actions,
            ["career.publish", "career.edit", "career.create"],
            "{}",
            db.url
        );
        let edit = &log[1].entry;
        assert_eq!(edit.record_key, cna.as_str());
        assert_eq!(
            edit.before.as_ref().unwrap()["texts"][0]["name"],
            "Certified nursing assistant"
        );
        assert_eq!(
            edit.after.as_ref().unwrap()["texts"][0]["name"],
            "Nursing assistant (CNA)"
        );
        assert_eq!(log[0].entry.before.as_ref().unwrap()["published"], false);
        assert_eq!(log[0].entry.after.as_ref().unwrap()["published"], true);
    }
}

#[tokio::test]
async fn a_draft_with_problems_is_refused_with_each_field_named_and_changes_nothing() {
    for db in pathways_store::testing::all().await {
        let careers = Careers::new(db.store.clone());
        let admin = Caller::command_line();
        let cna = slug("certified-nursing-assistant");
        careers.create(&admin, &draft(cna.as_str())).await.unwrap();
        let before = careers.for_editing(&admin, &cna).await.unwrap();

        let mut bad = draft(cna.as_str());
        bad.texts[0].name = String::new();
        bad.texts[0].learn_more_url = "http://www.cdph.ca.gov/".into();
        bad.texts[1].summary = String::new();
        bad.pathways.clear();
        match careers.update(&admin, &cna, &bad).await {
            Err(CareerError::Invalid(problems)) => {
                let found: Vec<(CareerField, Option<CareerLanguage>, ProblemKind)> = problems
                    .iter()
                    .map(|p| (p.field, p.language, p.kind))
                    .collect();
                assert_eq!(
                    found,
                    [
                        (CareerField::Pathways, None, ProblemKind::Missing),
                        (
                            CareerField::Name,
                            Some(CareerLanguage::En),
                            ProblemKind::Missing
                        ),
                        (
                            CareerField::LearnMoreUrl,
                            Some(CareerLanguage::En),
                            ProblemKind::NotHttps
                        ),
                        (
                            CareerField::Summary,
                            Some(CareerLanguage::Es),
                            ProblemKind::TranslationIncomplete
                        ),
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
        let mut bad_slug = draft("Not A Slug");
        bad_slug.display_order = "-1".into();
        assert!(matches!(
            careers.create(&admin, &bad_slug).await,
            Err(CareerError::Invalid(p)) if p.len() == 2
        ));
        assert_eq!(careers.for_editing(&admin, &cna).await.unwrap(), before);
        assert_eq!(careers.all(&admin).await.unwrap().len(), 1);
        assert_eq!(career_audit(db.store.as_ref()).await.len(), 1, "{}", db.url);
        assert!(matches!(
            careers
                .update(&admin, &slug("no-such-career"), &draft("x"))
                .await,
            Err(CareerError::NotFound)
        ));
    }
}

#[tokio::test]
async fn a_career_page_lists_published_catalog_courses_of_the_pathways_that_lead_there() {
    for db in pathways_store::testing::all().await {
        let store = db.store.clone();
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&Batch::Vendors(vec![testing::vendor("V1")]))
            .await
            .unwrap();
        let mut lifting = testing::course("CPC-1");
        lifting.pathway = Pathway::ComplexPhysicalCare;
        lifting.title = "Safe lifting".into();
        let mut retired = testing::course("CPC-OLD");
        retired.pathway = Pathway::ComplexPhysicalCare;
        retired.retired_on = Some(date!(2023 - 01 - 01));
        let mut dementia = testing::course("CIB-1");
        dementia.pathway = Pathway::CognitiveImpairments;
        tx.upsert(&Batch::Courses(vec![
            testing::course("GHS-1"),
            testing::course("GHS-2"),
            lifting,
            retired,
            dementia,
        ]))
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let careers = Careers::new(store.clone());
        let mut cna = draft("certified-nursing-assistant");
        cna.published = true;
        careers.create(&Caller::command_line(), &cna).await.unwrap();
        let career = careers
            .published_one(&slug("certified-nursing-assistant"))
            .await
            .unwrap();
        let toward = careers
            .courses_toward(&career, date!(2024 - 06 - 01))
            .await
            .unwrap();
        let listed: Vec<(Pathway, Vec<String>, u64)> = toward
            .iter()
            .map(|b| {
                (
                    b.pathway,
                    b.courses
                        .iter()
                        .map(|c| c.course.number.to_string())
                        .collect(),
                    b.total,
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                (
                    Pathway::GeneralHealthAndSafety,
                    vec!["GHS-1".to_owned(), "GHS-2".to_owned()],
                    2
                ),
                (Pathway::ComplexPhysicalCare, vec!["CPC-1".to_owned()], 1),
            ],
            "{}",
            db.url
        );
        assert_eq!(
            Role::ALL
                .iter()
                .filter(|r| pathways_domain::access::scope_of(
                    **r,
                    pathways_domain::access::Action::ManageCareers
                )
                .is_some())
                .collect::<Vec<_>>(),
            [&Role::ProgramAdmin]
        );
    }
}
