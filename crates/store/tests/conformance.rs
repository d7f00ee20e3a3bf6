//! The conformance suite: every check runs on SQLite and, when configured, on PostgreSQL, so the
//! two backends' SQL cannot drift apart.

use pathways_domain::attendance::{HoldReason, Verdict};
use pathways_domain::entities::Session;
use pathways_domain::pathway::{Category, Modality, Pathway};
use pathways_domain::policy::PolicyVersion;
use pathways_domain::quantity::{Hours, Minutes};
use pathways_domain::testing::*;
use pathways_store::testing;
use pathways_store::{
    AttendanceKeyRef, AttendanceRecord, AttendanceWrite, Batch, CatalogFilter, CatalogSort, Store,
    UpsertCounts,
};
use time::macros::{date, datetime};

const TODAY: time::Date = date!(2023 - 09 - 01);

async fn seed_catalog(store: &dyn Store) {
    let mut tx = store.begin_import().await.unwrap();
    tx.upsert(&Batch::Vendors(vec![vendor("V1"), vendor("V2")]))
        .await
        .unwrap();
    let mut spanish = course("CIB-201");
    spanish.pathway = Pathway::CognitiveImpairments;
    spanish.modality = Modality::OnlineInstructor;
    spanish.languages = vec![language("es"), language("en")];
    spanish.title = "Apoyo a personas con demencia".into();
    let mut retired = course("GHS-OLD");
    retired.retired_on = Some(date!(2023 - 01 - 01));
    let mut draft = course("GHS-DRAFT");
    draft.published_on = None;
    let mut other_vendor = course("AED-301");
    other_vendor.vendor = vendor_code("V2");
    other_vendor.pathway = Pathway::AdultEducation;
    other_vendor.modality = Modality::SelfPaced;
    tx.upsert(&Batch::Courses(vec![
        course("GHS-101"),
        spanish,
        retired,
        draft,
        other_vendor,
    ]))
    .await
    .unwrap();
    tx.upsert(&Batch::Sessions(vec![
        session_between(
            "S-PAST",
            "GHS-101",
            datetime!(2023-08-01 09:00),
            datetime!(2023-08-01 12:00),
        ),
        session_between(
            "S-NEXT",
            "GHS-101",
            datetime!(2023-09-10 09:00),
            datetime!(2023-09-11 12:00),
        ),
        session_between(
            "S-TODAY",
            "GHS-101",
            datetime!(2023-09-01 09:00),
            datetime!(2023-09-01 12:00),
        ),
    ]))
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn migrations_are_idempotent_and_seed_the_default_policy() {
    for db in testing::all().await {
        db.store.migrate().await.unwrap();
        let versions = db.store.policy_versions().await.unwrap();
        assert_eq!(
            versions,
            vec![PolicyVersion::program_default()],
            "{}",
            db.url
        );
        db.store.ping().await.unwrap();
    }
}

#[tokio::test]
async fn policy_versions_are_added_once_and_come_back_in_date_order() {
    for db in testing::all().await {
        let year = PolicyVersion::program_year("2026-07", date!(2026 - 07 - 01));
        assert!(db.store.add_policy_version(&year).await.unwrap());
        assert!(
            !db.store.add_policy_version(&year).await.unwrap(),
            "{}",
            db.url
        );
        let names: Vec<_> = db
            .store
            .policy_versions()
            .await
            .unwrap()
            .into_iter()
            .map(|v| v.version)
            .collect();
        assert_eq!(names, ["2022-10", "2026-07"]);
    }
}

#[tokio::test]
async fn upserts_count_inserted_updated_and_unchanged_rows() {
    for db in testing::all().await {
        let mut tx = db.store.begin_import().await.unwrap();
        let first = tx
            .upsert(&Batch::Providers(vec![provider(1), provider(2)]))
            .await
            .unwrap();
        assert_eq!(
            first,
            UpsertCounts {
                inserted: 2,
                updated: 0,
                unchanged: 0
            },
            "{}",
            db.url
        );
        let mut changed = provider(2);
        changed.email = Some("ana@example.com".into());
        let second = tx
            .upsert(&Batch::Providers(vec![provider(1), changed, provider(3)]))
            .await
            .unwrap();
        assert_eq!(
            second,
            UpsertCounts {
                inserted: 1,
                updated: 1,
                unchanged: 1
            },
            "{}",
            db.url
        );
        // Every other table, once each, to prove their columns bind on this backend.
        tx.upsert(&Batch::Vendors(vec![vendor("V1")]))
            .await
            .unwrap();
        tx.upsert(&Batch::Courses(vec![course("GHS-101")]))
            .await
            .unwrap();
        tx.upsert(&Batch::Sessions(vec![session("S1", "GHS-101")]))
            .await
            .unwrap();
        tx.upsert(&Batch::Recipients(vec![
            recipient("C1", "CIB;CPC"),
            recipient("C2", ""),
        ]))
        .await
        .unwrap();
        tx.upsert(&Batch::Assignments(vec![assignment(
            1,
            "C1",
            date!(2023 - 01 - 01),
            None,
        )]))
        .await
        .unwrap();
        tx.upsert(&Batch::WorkHours(vec![work_hours(
            1,
            "C1",
            date!(2023 - 01 - 01),
            20,
        )]))
        .await
        .unwrap();
        tx.upsert(&Batch::WageRates(vec![wage_rate(
            34,
            date!(2023 - 01 - 01),
            1690,
        )]))
        .await
        .unwrap();
        let again = tx
            .upsert(&Batch::WageRates(vec![wage_rate(
                34,
                date!(2023 - 01 - 01),
                1690,
            )]))
            .await
            .unwrap();
        assert_eq!(
            again,
            UpsertCounts {
                inserted: 0,
                updated: 0,
                unchanged: 1
            }
        );
        tx.commit().await.unwrap();

        let counts = db.store.table_counts().await.unwrap();
        assert_eq!(
            (
                counts.providers,
                counts.vendors,
                counts.courses,
                counts.sessions,
                counts.recipients
            ),
            (3, 1, 1, 1, 2)
        );
        assert_eq!(
            (counts.assignments, counts.work_hours, counts.wage_rates),
            (1, 1, 1)
        );
        assert!(db.store.size_bytes().await.unwrap() > 0);
    }
}

#[tokio::test]
async fn an_import_dropped_before_commit_leaves_nothing_behind() {
    for db in testing::all().await {
        {
            let mut tx = db.store.begin_import().await.unwrap();
            tx.upsert(&Batch::Providers(vec![provider(1)]))
                .await
                .unwrap();
        }
        assert_eq!(
            db.store.table_counts().await.unwrap().providers,
            0,
            "{}",
            db.url
        );
    }
}

#[tokio::test]
async fn the_catalog_shows_only_courses_published_and_not_retired_today() {
    for db in testing::all().await {
        seed_catalog(db.store.as_ref()).await;
        let all = CatalogFilter {
            page: 1,
            per_page: 20,
            ..Default::default()
        };
        let page = db.store.search_catalog(&all, TODAY).await.unwrap();
        let mut numbers: Vec<_> = page
            .courses
            .iter()
            .map(|c| c.course.number.to_string())
            .collect();
        numbers.sort();
        assert_eq!(numbers, ["AED-301", "CIB-201", "GHS-101"], "{}", db.url);
        assert_eq!(page.total, 3);
        let ghs = page
            .courses
            .iter()
            .find(|c| c.course.number.as_str() == "GHS-101")
            .unwrap();
        assert_eq!(
            ghs.upcoming_sessions, 2,
            "sessions ending today or later count"
        );
        assert_eq!(ghs.vendor_name, "V1 Training Partnership");
    }
}

#[tokio::test]
async fn catalog_filters_narrow_the_results_and_pages_split_them() {
    for db in testing::all().await {
        seed_catalog(db.store.as_ref()).await;
        let numbers = |filter: CatalogFilter| {
            let store = db.store.clone();
            async move {
                let page = store.search_catalog(&filter, TODAY).await.unwrap();
                page.courses
                    .into_iter()
                    .map(|c| c.course.number.to_string())
                    .collect::<Vec<_>>()
            }
        };
        let base = CatalogFilter {
            page: 1,
            per_page: 20,
            ..Default::default()
        };
        assert_eq!(
            numbers(CatalogFilter {
                pathway: Some(Pathway::CognitiveImpairments),
                ..base.clone()
            })
            .await,
            ["CIB-201"]
        );
        assert_eq!(
            numbers(CatalogFilter {
                category: Some(Category::General),
                ..base.clone()
            })
            .await
            .len(),
            2
        );
        assert_eq!(
            numbers(CatalogFilter {
                modality: Some(Modality::SelfPaced),
                ..base.clone()
            })
            .await,
            ["AED-301"]
        );
        assert_eq!(
            numbers(CatalogFilter {
                language: Some("es".into()),
                ..base.clone()
            })
            .await,
            ["CIB-201"]
        );
        assert!(
            numbers(CatalogFilter {
                language: Some("vi".into()),
                ..base.clone()
            })
            .await
            .is_empty()
        );

        let first = db
            .store
            .search_catalog(
                &CatalogFilter {
                    per_page: 2,
                    ..base.clone()
                },
                TODAY,
            )
            .await
            .unwrap();
        let second = db
            .store
            .search_catalog(
                &CatalogFilter {
                    per_page: 2,
                    page: 2,
                    ..base.clone()
                },
                TODAY,
            )
            .await
            .unwrap();
        assert_eq!(
            (first.courses.len(), second.courses.len(), first.total),
            (2, 1, 3)
        );
        assert_eq!(
            db.store.catalog_languages(TODAY).await.unwrap(),
            ["en", "es"]
        );
    }
}

#[tokio::test]
async fn a_course_page_has_its_vendor_and_sessions_not_yet_ended() {
    for db in testing::all().await {
        seed_catalog(db.store.as_ref()).await;
        let detail = db
            .store
            .catalog_course(&course_number("GHS-101"), TODAY)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(detail.vendor, vendor("V1"));
        let ids: Vec<_> = detail.sessions.iter().map(|s| s.id.to_string()).collect();
        assert_eq!(ids, ["S-TODAY", "S-NEXT"], "{}", db.url);
        assert_eq!(
            detail.sessions[0],
            session_between(
                "S-TODAY",
                "GHS-101",
                datetime!(2023-09-01 09:00),
                datetime!(2023-09-01 12:00)
            )
        );
        assert_eq!(detail.course, course("GHS-101"));
        for hidden in ["GHS-DRAFT", "GHS-OLD", "NOPE-1"] {
            assert!(
                db.store
                    .catalog_course(&course_number(hidden), TODAY)
                    .await
                    .unwrap()
                    .is_none()
            );
        }
    }
}

fn record(p: u32, course: &str, date: time::Date, verdict: Verdict) -> AttendanceRecord {
    let report = attendance(p, course, date);
    AttendanceRecord {
        provider: report.provider,
        course: report.course,
        date: report.date,
        session: None,
        minutes: Minutes(60),
        completed: false,
        certificate: None,
        vendor: vendor_code("V1"),
        verdict,
    }
}

#[tokio::test]
async fn attendance_is_written_read_back_and_held_records_are_replaced() {
    for db in testing::all().await {
        seed_catalog(db.store.as_ref()).await;
        let verified = Verdict::Verified {
            policy_version: "2022-10".into(),
        };
        let held = Verdict::Held(HoldReason::UnknownProvider);
        let d = date!(2023 - 09 - 02);
        let mut tx = db.store.begin_import().await.unwrap();
        tx.upsert(&Batch::Providers(vec![provider(1)]))
            .await
            .unwrap();
        let mut with_cert = record(1, "GHS-101", d, verified.clone());
        with_cert.completed = true;
        with_cert.certificate =
            Some(pathways_domain::ids::CertificateNumber::parse("CERT-1").unwrap());
        let inserts = vec![
            with_cert.clone(),
            record(1, "GHS-101", d, Verdict::Held(HoldReason::Duplicate)),
            record(2, "GHS-101", d, held.clone()),
            record(3, "GHS-101", d, held.clone()),
        ];
        tx.write_attendance(&AttendanceWrite {
            inserts,
            ..Default::default()
        })
        .await
        .unwrap();

        let enrollments = tx
            .enrollments(&[provider_number(1), provider_number(2)])
            .await
            .unwrap();
        assert_eq!(enrollments.len(), 1, "{}", db.url);
        assert_eq!(
            enrollments[&provider_number(1)].enrolled_on,
            provider(1).enrolled_on
        );
        let days = [(provider_number(1), d), (provider_number(2), d)];
        let stored = tx.attendance_on_days(&days).await.unwrap();
        assert_eq!(stored.len(), 3);
        assert!(stored.contains(&with_cert), "{}: {stored:?}", db.url);
        let next_day = [(provider_number(1), d.next_day().unwrap())];
        assert!(tx.attendance_on_days(&next_day).await.unwrap().is_empty());
        // Days far apart (a file not in date order) find the same records.
        let far = d + time::Duration::days(60);
        tx.write_attendance(&AttendanceWrite {
            inserts: vec![record(1, "GHS-101", far, verified.clone())],
            ..Default::default()
        })
        .await
        .unwrap();
        let spread = [
            (provider_number(1), d),
            (provider_number(1), far),
            (provider_number(2), far),
        ];
        let found = tx.attendance_on_days(&spread).await.unwrap();
        assert_eq!(found.len(), 3, "{}: {found:?}", db.url);
        assert!(found.iter().any(|r| r.date == far));
        // Provider 2's held record is replaced by a new held one; provider 3's is superseded.
        let mut replacement = record(
            2,
            "GHS-101",
            d,
            Verdict::Held(HoldReason::ProviderNotEligible),
        );
        replacement.minutes = Minutes(90);
        tx.write_attendance(&AttendanceWrite {
            inserts: vec![record(3, "GHS-101", d, verified.clone())],
            replacements: vec![replacement.clone()],
            superseded_held: vec![AttendanceKeyRef {
                provider: provider_number(3),
                course: course_number("GHS-101"),
                date: d,
            }],
        })
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let first = db.store.held_attendance(None, None, 1).await.unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].hold_reason(), Some(HoldReason::Duplicate));
        let rest = db
            .store
            .held_attendance(None, Some(&first[0].key_ref()), 10)
            .await
            .unwrap();
        assert_eq!(rest, vec![replacement], "{}", db.url);
        assert!(
            db.store
                .held_attendance(Some(&vendor_code("V2")), None, 10)
                .await
                .unwrap()
                .is_empty()
        );
        let counts = db.store.table_counts().await.unwrap();
        assert_eq!((counts.attendance_verified, counts.attendance_held), (3, 2));
    }
}

#[tokio::test]
async fn reference_lookups_report_what_is_missing_and_what_is_known() {
    for db in testing::all().await {
        seed_catalog(db.store.as_ref()).await;
        let mut tx = db.store.begin_import().await.unwrap();
        let missing = tx
            .missing_vendors(&[vendor_code("V1"), vendor_code("V9")])
            .await
            .unwrap();
        assert_eq!(missing, [vendor_code("V9")], "{}", db.url);
        let missing = tx
            .missing_courses(&[course_number("GHS-101"), course_number("X-1")])
            .await
            .unwrap();
        assert_eq!(missing, [course_number("X-1")]);
        let facts = tx.course_facts().await.unwrap();
        assert_eq!(facts.len(), 5);
        assert_eq!(facts[&course_number("AED-301")].vendor, vendor_code("V2"));
        let ids = [
            pathways_domain::ids::SessionId::parse("S-NEXT").unwrap(),
            pathways_domain::ids::SessionId::parse("S-NONE").unwrap(),
        ];
        let sessions = tx.session_facts(&ids).await.unwrap();
        assert_eq!(sessions.len(), 1);
        let next = &sessions[&ids[0]];
        assert_eq!(
            (next.starts_on, next.ends_on),
            (date!(2023 - 09 - 10), date!(2023 - 09 - 11))
        );
    }
}

#[tokio::test]
async fn a_session_roster_has_its_vendor_and_the_attendance_reported_for_it() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_catalog(store).await;
        let verified = Verdict::Verified {
            policy_version: "2022-10".into(),
        };
        let in_session = |p: u32, day: time::Date| AttendanceRecord {
            session: Some(pathways_domain::ids::SessionId::parse("S-NEXT").unwrap()),
            ..record(p, "GHS-101", day, verified.clone())
        };
        let mut tx = store.begin_import().await.unwrap();
        tx.write_attendance(&AttendanceWrite {
            inserts: vec![
                in_session(1, date!(2023 - 09 - 10)),
                in_session(2, date!(2023 - 09 - 10)),
                in_session(1, date!(2023 - 09 - 11)),
                // The same course and days, but no session named: not on the roster.
                record(3, "GHS-101", date!(2023 - 09 - 10), verified.clone()),
            ],
            ..Default::default()
        })
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let roster = store
            .session_roster(&pathways_domain::ids::SessionId::parse("S-NEXT").unwrap())
            .await
            .unwrap()
            .expect("a roster");
        assert_eq!(roster.vendor, vendor_code("V1"));
        assert_eq!(roster.session.course, course_number("GHS-101"));
        let who: Vec<(u32, time::Date)> = roster
            .attendance
            .iter()
            .map(|r| (r.provider.as_i64() as u32, r.date))
            .collect();
        assert_eq!(
            who,
            vec![
                (1, date!(2023 - 09 - 10)),
                (1, date!(2023 - 09 - 11)),
                (2, date!(2023 - 09 - 10))
            ],
            "{}",
            db.url
        );
        assert!(
            store
                .session_roster(&pathways_domain::ids::SessionId::parse("S-NONE").unwrap())
                .await
                .unwrap()
                .is_none()
        );
    }
}

// ---- catalog search: words, place, dates, seats, sort (migration 0006) ----------------------

/// The catalog of [`seed_catalog`] and, on [`TODAY`] (2023-09-01):
/// - `ES-NUT` "Nutrición para adultos mayores", Spanish, one class in person on 20 September;
/// - `ZH-LIFT` "安全移動與搬運技巧", Traditional Chinese, online on 5 October;
/// - `EN-FULL` "Avoiding Falls" (safety in its description), in person on 15 September with
///   one seat, which provider 1 holds;
/// - `EN-SELF` "Safety with Medicines", self-paced, an online window open until December;
/// - `EXT-500`, registered for on the vendor's own site, in person on 25 September.
async fn seed_search(store: &dyn Store) -> pathways_store::accounts::AuditEntry {
    seed_catalog(store).await;
    let mut nutrition = course("ES-NUT");
    nutrition.title = "Nutrición para adultos mayores".into();
    nutrition.description = "Cómo preparar comidas saludables en casa.".into();
    nutrition.languages = vec![language("es")];
    let mut lifting = course("ZH-LIFT");
    lifting.title = "安全移動與搬運技巧".into();
    lifting.description = "學習如何安全地協助行動不便的人。".into();
    lifting.languages = vec![language("zh-Hant")];
    lifting.modality = Modality::OnlineInstructor;
    let mut falls = course("EN-FULL");
    falls.title = "Avoiding Falls".into();
    falls.description = "Home safety for people who may fall.".into();
    let mut medicines = course("EN-SELF");
    medicines.title = "Safety with Medicines".into();
    medicines.modality = Modality::SelfPaced;
    let mut external = course("EXT-500");
    external.title = "Lifting Without Injury".into();
    external.registration_url = Some("https://v1.example.org/register".into());

    let in_person = |id: &str, course: &str, day: time::Date, capacity: u32| Session {
        capacity: Some(capacity),
        ..session_between(
            id,
            course,
            day.with_hms(9, 0, 0).unwrap(),
            day.with_hms(12, 0, 0).unwrap(),
        )
    };
    let mut tx = store.begin_import().await.unwrap();
    tx.upsert(&Batch::Courses(vec![
        nutrition, lifting, falls, medicines, external,
    ]))
    .await
    .unwrap();
    tx.upsert(&Batch::Sessions(vec![
        in_person("S-NUT", "ES-NUT", date!(2023 - 09 - 20), 20),
        Session {
            location: None,
            ..in_person("S-ZH", "ZH-LIFT", date!(2023 - 10 - 05), 10)
        },
        in_person("S-FULL", "EN-FULL", date!(2023 - 09 - 15), 1),
        Session {
            location: None,
            capacity: None,
            ..session_between(
                "S-SELF",
                "EN-SELF",
                datetime!(2023-08-01 00:00),
                datetime!(2023-12-31 23:59),
            )
        },
        in_person("S-EXT", "EXT-500", date!(2023 - 09 - 25), 30),
    ]))
    .await
    .unwrap();
    tx.upsert(&Batch::Providers(vec![provider(1), provider(2)]))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let audit = pathways_store::accounts::AuditEntry {
        at: datetime!(2023-09-01 08:00 UTC),
        actor: pathways_store::accounts::AuditActor {
            account: None,
            label: "test".into(),
        },
        action: "registration.create".into(),
        record_type: "registration".into(),
        record_key: String::new(),
        before: None,
        after: None,
    };
    let outcome = store
        .register(&session_id("S-FULL"), provider_number(1), &audit)
        .await
        .unwrap();
    assert_eq!(outcome, pathways_store::RegisterOutcome::Registered);
    audit
}

fn session_id(id: &str) -> pathways_domain::ids::SessionId {
    pathways_domain::ids::SessionId::parse(id).unwrap()
}

/// The course numbers a search finds, in order, and the total it reports.
async fn found(store: &dyn Store, filter: CatalogFilter) -> (Vec<String>, u64) {
    let filter = CatalogFilter {
        page: filter.page.max(1),
        per_page: if filter.per_page == 0 {
            50
        } else {
            filter.per_page
        },
        ..filter
    };
    let page = store.search_catalog(&filter, TODAY).await.unwrap();
    let numbers = page
        .courses
        .into_iter()
        .map(|c| c.course.number.to_string())
        .collect();
    (numbers, page.total)
}

async fn text(store: &dyn Store, words: &str) -> Vec<String> {
    let (numbers, total) = found(
        store,
        CatalogFilter {
            text: Some(words.into()),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(total, numbers.len() as u64, "{words}");
    numbers
}

#[tokio::test]
async fn catalog_search_finds_words_without_their_accents_by_prefix_in_any_order() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_search(store).await;
        for words in [
            "nutricion",
            "NUTRICIÓN",
            "Nutrición",
            "nutri",
            "comidas saludables",
            "saludables, comidas!",
            "nutrición  mayores",
        ] {
            assert_eq!(
                text(store, words).await,
                ["ES-NUT"],
                "{words} on {}",
                db.url
            );
        }
        assert_eq!(text(store, "demencia apoyo").await, ["CIB-201"]);
        assert_eq!(
            text(store, "personas").await,
            ["CIB-201"],
            "an accented query finds an unaccented word too"
        );
        assert_eq!(text(store, "pérsonas").await, ["CIB-201"]);
        assert!(
            text(store, "demencia nutricion").await.is_empty(),
            "every word must be found"
        );
        assert_eq!(text(store, "GHS-101").await, ["GHS-101"], "a course number");
        assert!(
            text(store, "old").await.is_empty(),
            "a retired course is not found (its number is GHS-OLD)"
        );
        // Nothing a person types is SQL or search syntax.
        for odd in [
            "\"",
            "' OR 1=1 --",
            "NEAR(a b)",
            "title:x*",
            "a & !b | c:*",
            "%_\\",
            "*",
        ] {
            let _ = text(store, odd).await;
        }
        assert_eq!(
            text(store, "  --  ").await.len(),
            8,
            "text without words does not narrow the list"
        );
    }
}

#[tokio::test]
async fn catalog_search_finds_a_fragment_of_a_chinese_title_or_description() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_search(store).await;
        for words in ["搬運", "安全 移動", "移動與搬運技巧", "協助", "搬運 技巧"]
        {
            assert_eq!(
                text(store, words).await,
                ["ZH-LIFT"],
                "{words} on {}",
                db.url
            );
        }
        assert!(text(store, "搬運 falls").await.is_empty());
        assert!(text(store, "護理").await.is_empty());
    }
}

#[tokio::test]
async fn catalog_search_ranks_title_matches_first_unless_another_order_is_chosen() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_search(store).await;
        let safety = |sort| CatalogFilter {
            text: Some("safety".into()),
            sort,
            ..Default::default()
        };
        assert_eq!(
            found(store, safety(CatalogSort::Relevance)).await.0,
            ["EN-SELF", "EN-FULL"],
            "{}",
            db.url
        );
        assert_eq!(
            found(store, safety(CatalogSort::Title)).await.0,
            ["EN-FULL", "EN-SELF"]
        );
        assert_eq!(
            found(store, safety(CatalogSort::Soonest)).await.0,
            ["EN-SELF", "EN-FULL"],
            "the self-paced window is open already"
        );
    }
}

#[tokio::test]
async fn catalog_filters_by_online_or_in_person_sessions() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_search(store).await;
        let place = |online| CatalogFilter {
            online: Some(online),
            sort: CatalogSort::Title,
            ..Default::default()
        };
        let (online, total) = found(store, place(true)).await;
        let mut sorted = online.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            ["AED-301", "CIB-201", "EN-SELF", "ZH-LIFT"],
            "an online session, or nothing scheduled and taught online ({})",
            db.url
        );
        assert_eq!(total, 4);
        let (mut in_person, _) = found(store, place(false)).await;
        in_person.sort();
        assert_eq!(in_person, ["EN-FULL", "ES-NUT", "EXT-500", "GHS-101"]);
        assert_eq!(
            found(
                store,
                CatalogFilter {
                    online: Some(true),
                    text: Some("safety".into()),
                    ..Default::default()
                }
            )
            .await
            .0,
            ["EN-SELF"]
        );
    }
}

#[tokio::test]
async fn catalog_filters_by_sessions_starting_in_a_date_range_inclusive() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_search(store).await;
        let range = |from, until| CatalogFilter {
            from,
            until,
            sort: CatalogSort::Soonest,
            ..Default::default()
        };
        assert_eq!(
            found(
                store,
                range(Some(date!(2023 - 09 - 12)), Some(date!(2023 - 09 - 30)))
            )
            .await,
            (vec!["EN-FULL".into(), "ES-NUT".into(), "EXT-500".into()], 3),
            "{}",
            db.url
        );
        assert_eq!(
            found(store, range(None, Some(date!(2023 - 09 - 10))))
                .await
                .0,
            ["EN-SELF", "GHS-101"],
            "the last day counts, and so does a window that opened before today"
        );
        assert_eq!(
            found(
                store,
                range(Some(date!(2023 - 09 - 10)), Some(date!(2023 - 09 - 10)))
            )
            .await
            .0,
            ["GHS-101"]
        );
        assert_eq!(
            found(store, range(Some(date!(2023 - 10 - 01)), None))
                .await
                .0,
            ["ZH-LIFT"]
        );
        assert_eq!(
            found(
                store,
                range(Some(date!(2023 - 08 - 01)), Some(date!(2023 - 08 - 31)))
            )
            .await
            .0,
            ["EN-SELF"],
            "a session that has ended (GHS-101's S-PAST) is never found"
        );
    }
}

#[tokio::test]
async fn catalog_filters_by_seats_left_counting_registered_places_only() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let audit = seed_search(store).await;
        let seats = CatalogFilter {
            seats_available: true,
            sort: CatalogSort::Title,
            ..Default::default()
        };
        let (mut with_seats, total) = found(store, seats.clone()).await;
        with_seats.sort();
        assert_eq!(
            with_seats,
            ["EN-SELF", "ES-NUT", "GHS-101", "ZH-LIFT"],
            "EN-FULL is full; EXT-500 registers on its own site; others have no session ({})",
            db.url
        );
        assert_eq!(total, 4);

        // A second provider waits: still full.
        let waiting = store
            .register(&session_id("S-FULL"), provider_number(2), &audit)
            .await
            .unwrap();
        assert!(matches!(
            waiting,
            pathways_store::RegisterOutcome::Waitlisted { .. }
        ));
        assert!(
            !found(store, seats.clone())
                .await
                .0
                .contains(&"EN-FULL".into())
        );

        // Both cancel: the seat is free again.
        for p in [2, 1] {
            store
                .cancel_registration(&session_id("S-FULL"), provider_number(p), &audit)
                .await
                .unwrap();
        }
        assert!(
            found(store, seats.clone())
                .await
                .0
                .contains(&"EN-FULL".into())
        );
        assert_eq!(
            found(
                store,
                CatalogFilter {
                    from: Some(date!(2023 - 09 - 12)),
                    until: Some(date!(2023 - 09 - 16)),
                    online: Some(false),
                    ..seats
                }
            )
            .await
            .0,
            ["EN-FULL"],
            "the filters ask for one session that meets them all"
        );
    }
}

#[tokio::test]
async fn catalog_search_counts_and_pages_agree_in_every_order() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_search(store).await;
        let everything = found(
            store,
            CatalogFilter {
                sort: CatalogSort::Soonest,
                ..Default::default()
            },
        )
        .await;
        assert_eq!(
            everything.0,
            [
                "EN-SELF", "GHS-101", "EN-FULL", "ES-NUT", "EXT-500", "ZH-LIFT", "CIB-201",
                "AED-301"
            ],
            "soonest class first, courses with none last by title ({})",
            db.url
        );
        for sort in CatalogSort::ALL {
            let mut pages = Vec::new();
            for page in 1..=3 {
                let (numbers, total) = found(
                    store,
                    CatalogFilter {
                        sort,
                        page,
                        per_page: 3,
                        ..Default::default()
                    },
                )
                .await;
                assert_eq!(total, 8);
                pages.extend(numbers);
            }
            let mut sorted = pages.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), 8, "{sort:?}: no course twice, none missing");
            let past_the_end = found(
                store,
                CatalogFilter {
                    sort,
                    page: 9,
                    per_page: 3,
                    ..Default::default()
                },
            )
            .await;
            assert_eq!(past_the_end, (vec![], 8), "{sort:?}: still counted");
        }
        assert_eq!(
            found(
                store,
                CatalogFilter {
                    text: Some("knitting".into()),
                    ..Default::default()
                }
            )
            .await,
            (vec![], 0)
        );
        // A search's pages split its results the same way.
        let (all, total) = found(
            store,
            CatalogFilter {
                text: Some("a".into()),
                ..Default::default()
            },
        )
        .await;
        assert!(total >= 3, "{all:?}");
        let mut paged = Vec::new();
        for page in 1..=u32::try_from(total.div_ceil(2)).unwrap() {
            let (numbers, page_total) = found(
                store,
                CatalogFilter {
                    text: Some("a".into()),
                    page,
                    per_page: 2,
                    ..Default::default()
                },
            )
            .await;
            assert_eq!(page_total, total);
            paged.extend(numbers);
        }
        assert_eq!(paged, all);
        let beyond = found(
            store,
            CatalogFilter {
                text: Some("a".into()),
                page: 99,
                per_page: 2,
                ..Default::default()
            },
        )
        .await;
        assert_eq!(beyond, (vec![], total));
    }
}

#[tokio::test]
async fn the_search_index_follows_changed_courses() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_search(store).await;
        let mut renamed = course("ES-NUT");
        renamed.title = "Alimentación sana".into();
        renamed.description = "Recetas fáciles.".into();
        renamed.languages = vec![language("es")];
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&Batch::Courses(vec![renamed])).await.unwrap();
        tx.commit().await.unwrap();
        assert!(text(store, "nutricion").await.is_empty(), "{}", db.url);
        assert_eq!(text(store, "alimentacion recetas").await, ["ES-NUT"]);
    }
}

// ---- catalog search by county (migration 0010, decision 0013) -------------------------------

/// [`seed_search`] with places: `GHS-101` in Los Angeles (90012) on 12 September, `ES-NUT`
/// in Los Angeles on 20 September, `EN-FULL` (full) in Sacramento (95814), `EXT-500` at the
/// "Yolo County" fairgrounds (no ZIP), and a class of `CIB-201` in Los Angeles that has ended.
async fn seed_counties(store: &dyn Store) -> pathways_store::accounts::AuditEntry {
    let audit = seed_search(store).await;
    let at = |id: &str, course: &str, day: time::Date, place: &str, capacity: u32| Session {
        location: Some(place.into()),
        capacity: Some(capacity),
        ..session_between(
            id,
            course,
            day.with_hms(9, 0, 0).unwrap(),
            day.with_hms(12, 0, 0).unwrap(),
        )
    };
    let mut tx = store.begin_import().await.unwrap();
    tx.upsert(&Batch::Sessions(vec![
        at(
            "S-LA",
            "GHS-101",
            date!(2023 - 09 - 12),
            "City Hall, 200 N Spring St, Los Angeles, CA 90012",
            20,
        ),
        at(
            "S-NUT",
            "ES-NUT",
            date!(2023 - 09 - 20),
            "Biblioteca, 630 W 5th St, Los Angeles, CA 90071",
            20,
        ),
        at(
            "S-FULL",
            "EN-FULL",
            date!(2023 - 09 - 15),
            "CCTP Training Center, 1020 K St, Sacramento, CA 95814",
            1,
        ),
        at(
            "S-EXT",
            "EXT-500",
            date!(2023 - 09 - 25),
            "Yolo County Fairgrounds, Woodland",
            30,
        ),
        at(
            "S-CIB-OLD",
            "CIB-201",
            date!(2023 - 08 - 20),
            "200 N Spring St, Los Angeles, CA 90012",
            20,
        ),
    ]))
    .await
    .unwrap();
    tx.commit().await.unwrap();
    audit
}

fn in_county(code: u8) -> CatalogFilter {
    CatalogFilter {
        county: Some(county(code)),
        sort: CatalogSort::Soonest,
        ..Default::default()
    }
}

#[tokio::test]
async fn catalog_filters_by_the_county_of_an_upcoming_in_person_session() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_counties(store).await;
        assert_eq!(
            found(store, in_county(19)).await,
            (vec!["GHS-101".into(), "ES-NUT".into()], 2),
            "Los Angeles, soonest first; CIB-201's class there has ended ({})",
            db.url
        );
        assert_eq!(found(store, in_county(34)).await.0, ["EN-FULL"]);
        assert_eq!(
            found(store, in_county(57)).await.0,
            ["EXT-500"],
            "a place without a ZIP code that names its county"
        );
        assert_eq!(found(store, in_county(1)).await, (vec![], 0), "Alameda");
        assert_eq!(
            found(
                store,
                CatalogFilter {
                    sort: CatalogSort::Title,
                    ..in_county(19)
                }
            )
            .await,
            (vec!["GHS-101".into(), "ES-NUT".into()], 2),
            "counted apart in title order (\"Course GHS-101\", \"Nutrición…\")"
        );

        // The same session must meet every filter.
        let la = |filter: CatalogFilter| CatalogFilter {
            county: Some(county(19)),
            ..filter
        };
        assert_eq!(
            found(
                store,
                la(CatalogFilter {
                    from: Some(date!(2023 - 09 - 15)),
                    ..Default::default()
                })
            )
            .await
            .0,
            ["ES-NUT"]
        );
        assert_eq!(
            found(
                store,
                la(CatalogFilter {
                    from: Some(date!(2023 - 09 - 10)),
                    until: Some(date!(2023 - 09 - 11)),
                    ..Default::default()
                })
            )
            .await
            .0,
            Vec::<String>::new(),
            "GHS-101 has a class on 10 September, but not in Los Angeles"
        );
        assert!(
            found(
                store,
                la(CatalogFilter {
                    online: Some(true),
                    ..Default::default()
                })
            )
            .await
            .0
            .is_empty(),
            "an online session has no county"
        );
        assert_eq!(
            found(
                store,
                la(CatalogFilter {
                    online: Some(false),
                    text: Some("nutricion".into()),
                    ..Default::default()
                })
            )
            .await
            .0,
            ["ES-NUT"]
        );
        assert!(
            found(
                store,
                CatalogFilter {
                    seats_available: true,
                    ..in_county(34)
                }
            )
            .await
            .0
            .is_empty(),
            "EN-FULL's class in Sacramento is full"
        );
    }
}

#[tokio::test]
async fn a_sessions_county_follows_its_place_on_every_write() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let audit = seed_counties(store).await;
        // The file moves the Los Angeles class to Oakland.
        let mut moved = session_between(
            "S-LA",
            "GHS-101",
            datetime!(2023-09-12 09:00),
            datetime!(2023-09-12 12:00),
        );
        moved.location = Some("Oakland, CA 94612".into());
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&Batch::Sessions(vec![moved])).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            found(store, in_county(1)).await.0,
            ["GHS-101"],
            "{}",
            db.url
        );
        assert_eq!(found(store, in_county(19)).await.0, ["ES-NUT"]);

        // A vendor adds a class in Sacramento through the portal.
        let mut added = session_between(
            "S-SAC-NEW",
            "GHS-101",
            datetime!(2023-09-20 09:00),
            datetime!(2023-09-20 12:00),
        );
        added.location = Some("1020 K St, Sacramento, CA 95814-3902".into());
        store
            .create_class_session(&added, &audit)
            .await
            .unwrap()
            .unwrap();
        let mut in_sacramento = found(store, in_county(34)).await.0;
        in_sacramento.sort();
        assert_eq!(in_sacramento, ["EN-FULL", "GHS-101"]);
    }
}

/// Runs statements on a test database directly, as an older version of the program would
/// have left it.
async fn execute_raw(url: &str, statements: &[&str]) {
    use sqlx::Connection;
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        for s in statements {
            sqlx::raw_sql(sqlx::AssertSqlSafe(*s))
                .execute(&mut conn)
                .await
                .unwrap();
        }
        conn.close().await.unwrap();
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        for s in statements {
            sqlx::raw_sql(sqlx::AssertSqlSafe(*s))
                .execute(&mut conn)
                .await
                .unwrap();
        }
        conn.close().await.unwrap();
    }
}

#[tokio::test]
async fn sessions_stored_before_migration_0010_get_their_county_once_when_migrating() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_counties(store).await;
        // Sessions from before the county column, and the backfill 0010 leaves to do.
        execute_raw(
            &db.url,
            &[
                "UPDATE sessions SET county_code = NULL",
                "INSERT INTO pending_backfills (name) VALUES ('sessions.county_code')",
            ],
        )
        .await;
        assert!(found(store, in_county(19)).await.0.is_empty(), "{}", db.url);
        store.migrate().await.unwrap();
        assert_eq!(found(store, in_county(19)).await.0, ["GHS-101", "ES-NUT"]);
        assert_eq!(found(store, in_county(57)).await.0, ["EXT-500"]);

        // Done once: a later migrate leaves the column alone.
        execute_raw(&db.url, &["UPDATE sessions SET county_code = NULL"]).await;
        store.migrate().await.unwrap();
        assert!(found(store, in_county(19)).await.0.is_empty());
    }
}

#[tokio::test]
async fn incentive_facts_read_back_the_same_on_both_databases() {
    use pathways_domain::incentive::IncentiveKind;
    use pathways_store::ClaimedIncentive;

    for db in testing::all().await {
        let store = db.store.as_ref();
        seed_catalog(store).await;
        let verified = Verdict::Verified {
            policy_version: "2022-10".into(),
        };
        let d = date!(2023 - 09 - 02);
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&Batch::Providers(vec![provider(1), provider(2)]))
            .await
            .unwrap();
        tx.upsert(&Batch::Recipients(vec![
            recipient("C-1", "CPC;CIB"),
            recipient("C-2", ""),
            recipient("C-3", "THC"),
        ]))
        .await
        .unwrap();
        tx.upsert(&Batch::Assignments(vec![
            assignment(1, "C-1", date!(2022 - 01 - 01), Some(date!(2022 - 12 - 31))),
            assignment(1, "C-1", date!(2023 - 02 - 01), None),
            assignment(1, "C-2", date!(2022 - 01 - 01), None),
        ]))
        .await
        .unwrap();
        tx.upsert(&Batch::WorkHours(vec![
            work_hours(1, "C-1", date!(2023 - 09 - 03), 20),
            work_hours(1, "C-2", date!(2023 - 09 - 03), 5),
            work_hours(1, "C-3", date!(2023 - 09 - 03), 7),
            work_hours(1, "C-1", date!(2023 - 09 - 10), 20),
        ]))
        .await
        .unwrap();
        let mut done = record(1, "GHS-101", d, verified.clone());
        done.completed = true;
        tx.write_attendance(&AttendanceWrite {
            inserts: vec![
                record(1, "CIB-201", d - time::Duration::days(1), verified.clone()),
                done,
                record(2, "GHS-101", d, verified.clone()),
                record(1, "GHS-101", d, Verdict::Held(HoldReason::Duplicate)),
                record(1, "GHS-101", d + time::Duration::days(30), verified.clone()),
            ],
            ..Default::default()
        })
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let book = store.course_book().await.unwrap();
        assert_eq!(book.courses.len(), 5, "{}", db.url);
        let ghs = book.find("ghs-101").expect("found whatever the case");
        assert_eq!(book.courses[ghs as usize].credit, Hours::whole(3));

        // Records after the date are not known; held ones come apart; sorted by provider.
        let records = store.training_records(d, None, &book).await.unwrap();
        let verified: Vec<_> = records
            .verified
            .iter()
            .map(|(p, r)| (p.as_i64(), r.course, r.date, r.completed))
            .collect();
        let cib = book.find("CIB-201").unwrap();
        assert_eq!(
            verified,
            vec![
                (1, cib, d - time::Duration::days(1), false),
                (1, ghs, d, true),
                (2, ghs, d, false),
            ],
            "{}",
            db.url
        );
        assert_eq!(records.held.len(), 1);
        assert_eq!(records.held[0].1.reason, HoldReason::Duplicate);
        let one = store
            .training_records(d, Some(provider_number(2)), &book)
            .await
            .unwrap();
        assert_eq!(one.verified.len(), 1);

        let work = store
            .provider_work(
                &[provider_number(2), provider_number(1)],
                d + time::Duration::days(1),
            )
            .await
            .unwrap();
        assert_eq!(work.len(), 2);
        assert!(work[0].cases.is_empty() && work[0].work.is_empty());
        let mine = &work[1];
        assert_eq!(mine.cases.len(), 2, "{}: {mine:?}", db.url);
        let c1 = mine
            .cases
            .iter()
            .position(|c| c.case_number.as_str() == "C-1")
            .unwrap();
        assert_eq!(mine.cases[c1].spans.len(), 2);
        assert!(mine.cases[c1].needs.contains(Pathway::ComplexPhysicalCare));
        // The week of 09-10 starts after the date; no weeks are read for a recipient without
        // specialized needs or one the provider has no assignment with: they never count.
        assert_eq!(mine.work.len(), 1, "{}: {mine:?}", db.url);
        assert_eq!(mine.work[0].case, Some(u32::try_from(c1).unwrap()));
        assert_eq!(mine.work[0].hours, Hours::whole(20));

        let claim = ClaimedIncentive {
            provider: provider_number(1),
            kind: IncentiveKind::Pathway,
            pathway: Pathway::ComplexPhysicalCare,
            qualified_on: d,
            amount: pathways_domain::quantity::Money::from_dollars(500),
            policy_version: "2022-10".into(),
            claimed_at: time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap(),
        };
        assert!(
            store
                .claim_incentive(
                    &claim,
                    &testing::audit_entry("incentive.claim", "incentive_claim")
                )
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            store
                .claim_incentive(
                    &claim,
                    &testing::audit_entry("incentive.claim", "incentive_claim")
                )
                .await
                .unwrap()
                .is_none(),
            "claimed once"
        );
        let mut six = claim.clone();
        six.kind = IncentiveKind::SpecializedSixMonths;
        assert!(
            store
                .claim_incentive(
                    &six,
                    &testing::audit_entry("incentive.claim", "incentive_claim")
                )
                .await
                .unwrap()
                .is_some()
        );
        six.pathway = Pathway::CognitiveImpairments;
        assert!(
            store
                .claim_incentive(
                    &six,
                    &testing::audit_entry("incentive.claim", "incentive_claim")
                )
                .await
                .unwrap()
                .is_none(),
            "a specialized incentive is claimed once whatever its pathway"
        );
        let claimed = store
            .claimed_incentives(Some(provider_number(1)))
            .await
            .unwrap();
        assert_eq!(claimed.len(), 2);
        assert_eq!(claimed[0], claim, "{}", db.url);
    }
}

#[tokio::test]
async fn provider_contacts_read_back_by_number_and_skip_unknown_numbers() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let mut ana = provider(100_000_001);
        ana.phone = Some("(916) 555-0100".into());
        ana.email = None;
        let mut lee = provider(100_000_002);
        lee.county = pathways_domain::ids::CountyCode::new(19).unwrap();
        lee.language = language("zh-Hant");
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&Batch::Providers(vec![ana.clone(), lee.clone()]))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let wanted = [lee.number, provider_number(999_999_999), ana.number];
        let contacts = store.provider_contacts(&wanted).await.unwrap();
        type Seen<'a> = (i64, u8, &'a str, Option<&'a str>, Option<&'a str>);
        let got: Vec<Seen> = contacts
            .iter()
            .map(|c| {
                (
                    c.provider.as_i64(),
                    c.county.get(),
                    c.language.as_str(),
                    c.phone.as_deref(),
                    c.email.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    100_000_001,
                    ana.county.get(),
                    ana.language.as_str(),
                    Some("(916) 555-0100"),
                    None
                ),
                (
                    100_000_002,
                    19,
                    "zh-Hant",
                    lee.phone.as_deref(),
                    lee.email.as_deref()
                ),
            ],
            "{}",
            db.url
        );
        assert_eq!(contacts[0].first_name, ana.first_name);
        assert_eq!(contacts[1].last_name, lee.last_name);
        assert!(store.provider_contacts(&[]).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn statistics_are_refreshed_for_program_tables_only() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        for table in pathways_store::PROGRAM_TABLES {
            store.refresh_statistics(table).await.unwrap();
        }
        if store.backend() == pathways_store::Backend::Postgres {
            assert!(
                store
                    .refresh_statistics("attendance; DROP TABLE attendance")
                    .await
                    .is_err()
            );
        }
        assert_eq!(store.table_counts().await.unwrap().attendance_verified, 0);
    }
}
