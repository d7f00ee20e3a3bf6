//! Imports against real databases (SQLite, and PostgreSQL when configured): all-or-nothing
//! files, every bad line reported, idempotent re-imports, and attendance verification.

use std::fmt::Write as _;

use pathways_app::import::{
    ImportError, ImportKind, ImportSummary, NoProgress, import_csv, reverify_held,
};
use pathways_domain::testing::vendor_code;
use pathways_store::testing::{self, TestDatabase};
use pathways_store::{Store, TableCounts};

async fn import(
    store: &dyn Store,
    kind: ImportKind,
    csv: &str,
) -> Result<ImportSummary, ImportError> {
    import_csv(
        store,
        kind,
        Some(&vendor_code("V1")),
        std::io::Cursor::new(csv.to_owned()),
        &NoProgress,
    )
    .await
}

async fn import_ok(store: &dyn Store, kind: ImportKind, csv: &str) -> ImportSummary {
    match import(store, kind, csv).await {
        Ok(summary) => summary,
        Err(ImportError::Rejected { errors, .. }) => {
            panic!(
                "{kind} rejected: {}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        }
        Err(e) => panic!("{kind}: {e}"),
    }
}

fn rejected_lines(result: Result<ImportSummary, ImportError>) -> Vec<String> {
    match result {
        Err(ImportError::Rejected { errors, total, .. }) => {
            assert_eq!(errors.len() as u64, total);
            errors.iter().map(ToString::to_string).collect()
        }
        other => panic!("expected a rejected file, got {other:?}"),
    }
}

/// A small program: two vendors, courses of V1 (one retired, one draft) and one of V2, a
/// session, and providers 100000001–100000005 (eligible, never lapsing), 100000006 (pending), 100000007 (lapsed).
async fn seed(db: &TestDatabase) {
    let store = db.store.as_ref();
    import_ok(
        store,
        ImportKind::Vendors,
        "vendor_code,name,email,phone,website\n\
        V1,Valley College,reg@valley.example.org,(916) 555-0100,https://valley.example.org\n\
        V2,Coast Partnership,hello@coast.example.org,(415) 555-0100,https://coast.example.org\n",
    )
    .await;
    import_ok(store, ImportKind::Courses, "course_number,vendor_code,pathway,title,credit_hours,modality,languages,published_on,retired_on,registration_url,description\n\
        GHS-101,V1,GHS,CPR and First Aid,8,in-person,en;es,2022-10-01,,,Learn CPR.\n\
        CPC-201,V1,CPC,Safe Transfers,4,online-instructor,en,2022-10-01,2023-06-01,,Move people safely.\n\
        CIB-301,V1,CIB,Understanding Dementia,6,self-paced,en,,,,Draft course.\n\
        AED-401,V2,AED,English for Caregivers,10,online-instructor,en,2022-10-01,,,Practice English.\n").await;
    import_ok(
        store,
        ImportKind::Sessions,
        "session_id,course_number,starts_at,ends_at,location,capacity\n\
        S1,GHS-101,2023-03-01T09:00,2023-03-02T12:00,1 Main St Sacramento,20\n",
    )
    .await;
    let mut providers = String::from(
        "provider_number,first_name,last_name,county_code,enrollment_status,enrolled_on,last_paid_on,language,phone,email\n",
    );
    for n in 1..=5 {
        writeln!(
            providers,
            "10000000{n},Ana,Lopez,34,complete,2022-01-01,,es,,"
        )
        .unwrap();
    }
    providers.push_str("100000006,Bo,Chen,19,pending,,,zh-Hant,,\n100000007,Vy,Tran,19,complete,2020-01-01,2021-01-01,vi,,\n");
    import_ok(store, ImportKind::Providers, &providers).await;
}

const ATTENDANCE_HEADER: &str =
    "provider_number,course_number,session_id,date,minutes,completed,certificate_number\n";

fn counts_of(c: TableCounts) -> (u64, u64) {
    (c.attendance_verified, c.attendance_held)
}

#[tokio::test]
async fn a_file_with_malformed_rows_is_rejected_whole_with_every_bad_line_listed() {
    for db in testing::all().await {
        seed(&db).await;
        let mut csv = String::from(ATTENDANCE_HEADER);
        for i in 0..3000 {
            let p = 100000001 + (i % 5);
            let day = 1 + (i / 5) % 28;
            let course = if i % 2 == 0 { "GHS-101" } else { "AED-401" };
            match i {
                99 => csv.push_str("100000001,GHS-101,,2023-02-30,60,false,\n"),
                1499 => csv.push_str("12345,GHS-101,,2023-02-01,-5,false,\n"),
                2000 => csv.push_str("100000001,GHS-101,,2023-02-01,60,false\n"),
                2500 => csv.push_str("100000001,GHS-101,,2023-02-01,60,maybe,\n"),
                2998 => csv.push_str("100000001,GHS 101,,2023-02-01,60,true,\n"),
                _ => writeln!(csv, "{p},{course},,2023-02-{day:02},30,false,").unwrap(),
            }
        }
        let lines = rejected_lines(import(db.store.as_ref(), ImportKind::Attendance, &csv).await);
        assert_eq!(
            lines,
            [
                "line 101: date: must be a date written YYYY-MM-DD, found \"2023-02-30\"",
                "line 1501: provider_number: must be 9 digits, found \"12345\"",
                "line 1501: minutes: must be between 1 and 1440, found -5",
                "line 2002: columns: has 6 columns, expected 7",
                "line 2502: completed: must be true or false, found \"maybe\"",
                "line 3000: course_number: must be a course number of letters, digits and hyphens (at most 20), found \"GHS 101\"",
                "line 3000: certificate_number: is required when completed is true",
            ],
            "{}",
            db.url
        );
        assert_eq!(
            counts_of(db.store.table_counts().await.unwrap()),
            (0, 0),
            "nothing was written"
        );
    }
}

#[tokio::test]
async fn a_fixed_file_imports_and_importing_it_again_changes_nothing() {
    for db in testing::all().await {
        seed(&db).await;
        let mut csv = String::from(ATTENDANCE_HEADER);
        for i in 0..6_000u32 {
            // 5 providers × 2 courses × many days: spans several chunks.
            let p = 100000001 + (i % 5);
            let course = if (i / 5) % 2 == 0 {
                "GHS-101"
            } else {
                "AED-401"
            };
            let day = time::Date::from_calendar_date(2022, time::Month::October, 1).unwrap()
                + time::Duration::days(i64::from(i / 10));
            writeln!(
                csv,
                "{p},{course},,{},30,false,",
                pathways_domain::error::format_date(day)
            )
            .unwrap();
        }
        let first = import_ok(db.store.as_ref(), ImportKind::Attendance, &csv).await;
        assert_eq!(first.rows, 6_000);
        // AED-401 belongs to V2: held as wrong-vendor; every GHS row is verified.
        assert_eq!(
            (first.verified, first.held_total()),
            (3_000, 3_000),
            "{first}"
        );
        assert_eq!(first.held.get("wrong-vendor"), Some(&3_000));
        assert_eq!(first.counts.inserted, 6_000);
        let before = db.store.table_counts().await.unwrap();
        let second = import_ok(db.store.as_ref(), ImportKind::Attendance, &csv).await;
        assert_eq!(
            (
                second.counts.unchanged,
                second.counts.inserted,
                second.counts.updated
            ),
            (6_000, 0, 0),
            "{second}"
        );
        assert_eq!((second.verified, second.held_total()), (0, 0));
        assert_eq!(db.store.table_counts().await.unwrap(), before, "{}", db.url);
    }
}

#[tokio::test]
async fn rows_crafted_for_each_rule_are_held_with_exactly_that_reason() {
    for db in testing::all().await {
        seed(&db).await;
        let csv = format!(
            "{ATTENDANCE_HEADER}\
             999999999,GHS-101,,2023-03-01,60,false,\n\
             100000006,GHS-101,,2023-03-01,60,false,\n\
             100000007,GHS-101,,2023-03-01,60,false,\n\
             100000001,XYZ-1,,2023-03-01,60,false,\n\
             100000001,CIB-301,,2023-03-01,60,false,\n\
             100000001,CPC-201,,2023-06-01,60,false,\n\
             100000001,AED-401,,2023-03-01,60,false,\n\
             100000001,GHS-101,S1,2023-03-05,60,false,\n\
             100000001,GHS-101,NOPE,2023-03-01,60,false,\n\
             100000001,GHS-101,,2024-09-18,60,false,\n\
             100000002,GHS-101,S1,2023-03-02,480,true,CERT-2\n\
             100000002,GHS-101,,2023-03-02,30,false,\n\
             100000003,GHS-101,,2023-03-03,700,false,\n\
             100000003,CPC-201,,2023-03-03,21,false,\n\
             100000003,CPC-201,,2023-03-04,720,false,\n"
        );
        let summary = import_ok(db.store.as_ref(), ImportKind::Attendance, &csv).await;
        let mut held = Vec::new();
        let mut after = None;
        loop {
            let page = db
                .store
                .held_attendance(None, after.as_ref(), 4)
                .await
                .unwrap();
            let Some(last) = page.last() else { break };
            after = Some(last.key_ref());
            held.extend(page.into_iter().map(|r| {
                (
                    r.provider.to_string(),
                    r.course.to_string(),
                    r.hold_reason().unwrap().code(),
                )
            }));
        }
        let expected = [
            ("100000001", "AED-401", "wrong-vendor"),
            ("100000001", "CIB-301", "course-not-published"),
            ("100000001", "CPC-201", "course-not-published"),
            ("100000001", "GHS-101", "session-mismatch"),
            ("100000001", "XYZ-1", "unknown-course"),
            ("100000002", "GHS-101", "duplicate"),
            ("100000003", "CPC-201", "daily-maximum"),
            ("100000006", "GHS-101", "provider-not-eligible"),
            ("100000007", "GHS-101", "provider-not-eligible"),
            ("999999999", "GHS-101", "unknown-provider"),
        ];
        // Three rows of provider 1 on GHS-101 differ only by date; the table keeps each.
        let held_codes: Vec<_> = held
            .iter()
            .map(|(p, c, r)| (p.as_str(), c.as_str(), *r))
            .collect();
        for e in expected {
            assert!(
                held_codes.contains(&e),
                "{}: missing {e:?} in {held_codes:?}",
                db.url
            );
        }
        assert!(held_codes.contains(&("100000001", "GHS-101", "outside-program-window")));
        assert_eq!(summary.verified, 3, "{summary}");
        assert_eq!(summary.held_total(), 12, "{summary}");
    }
}

#[tokio::test]
async fn a_corrected_row_replaces_its_held_record_and_is_verified() {
    for db in testing::all().await {
        seed(&db).await;
        let wrong = format!("{ATTENDANCE_HEADER}100000001,GHS-101,NOPE,2023-03-01,60,false,\n");
        let s = import_ok(db.store.as_ref(), ImportKind::Attendance, &wrong).await;
        assert_eq!(s.held.get("session-mismatch"), Some(&1));
        let fixed = format!("{ATTENDANCE_HEADER}100000001,GHS-101,S1,2023-03-01,60,false,\n");
        let s = import_ok(db.store.as_ref(), ImportKind::Attendance, &fixed).await;
        assert_eq!((s.verified, s.held_total()), (1, 0), "{s}");
        assert_eq!(
            counts_of(db.store.table_counts().await.unwrap()),
            (1, 0),
            "{}",
            db.url
        );
        // A different report for the verified key is held as a duplicate beside it.
        let differing = format!("{ATTENDANCE_HEADER}100000001,GHS-101,S1,2023-03-01,90,false,\n");
        let s = import_ok(db.store.as_ref(), ImportKind::Attendance, &differing).await;
        assert_eq!(s.held.get("duplicate"), Some(&1));
        assert_eq!(counts_of(db.store.table_counts().await.unwrap()), (1, 1));

        // The audit log keeps the held record the correction replaced, and each import.
        let audit = db
            .store
            .search_audit(&pathways_store::accounts::AuditQuery {
                record_type: Some("attendance".into()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(audit.len(), 1, "{audit:?}");
        let correction = &audit[0].entry;
        assert_eq!(correction.action, "attendance.correct");
        assert_eq!(correction.record_key, "100000001/GHS-101/2023-03-01");
        let before = correction.before.as_ref().unwrap();
        assert_eq!(before["session_id"], "NOPE");
        assert_eq!(before["hold_reason"], "session-mismatch");
        assert_eq!(correction.after.as_ref().unwrap()["status"], "verified");
        assert!(correction.actor.label.starts_with("command line"));
        let imports = db
            .store
            .search_audit(&pathways_store::accounts::AuditQuery {
                record_type: Some("import".into()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            imports.len(),
            3 + 4,
            "three attendance files and the four of the seed"
        );
    }
}

#[tokio::test]
async fn reference_files_reject_repeated_keys_unknown_references_and_wrong_headers() {
    for db in testing::all().await {
        seed(&db).await;
        let store = db.store.as_ref();
        let lines = rejected_lines(
            import(
                store,
                ImportKind::Recipients,
                "case_number,county_code,needs\nC1,01,CIB\nC2,02,\nC1,03,THC\n",
            )
            .await,
        );
        assert_eq!(lines, ["line 4: case_number: repeats the key of line 2"]);
        let lines = rejected_lines(import(store, ImportKind::Sessions, "session_id,course_number,starts_at,ends_at,location,capacity\nS9,NOPE-1,2023-03-01T09:00,2023-03-01T10:00,,\n").await);
        assert_eq!(
            lines,
            ["line 2: course_number: no course has the number NOPE-1"]
        );
        let lines = rejected_lines(
            import(
                store,
                ImportKind::WageRates,
                "county,effective_from,hourly_rate\n34,2023-01-01,17.00\n",
            )
            .await,
        );
        assert_eq!(
            lines,
            [
                "line 1: header: must be exactly county_code,effective_from,hourly_rate, found county,effective_from,hourly_rate"
            ]
        );
        let lines = rejected_lines(
            import(
                store,
                ImportKind::WorkHours,
                "provider_number,case_number,week_start,hours\n100000001,C1,2023-03-06,10\n",
            )
            .await,
        );
        assert_eq!(
            lines,
            [
                "line 2: week_start: must be a Sunday (workweeks start on Sunday), found \"2023-03-06\""
            ]
        );
        assert_eq!(
            db.store.table_counts().await.unwrap().recipients,
            0,
            "{}",
            db.url
        );
    }
}

#[tokio::test]
async fn every_reference_file_imports_and_reimports_without_change() {
    for db in testing::all().await {
        seed(&db).await;
        let store = db.store.as_ref();
        let files = [
            (
                ImportKind::Recipients,
                "case_number,county_code,needs\nC1,34,CIB;CPC\nC2,19,\n",
            ),
            (
                ImportKind::Assignments,
                "provider_number,case_number,start_date,end_date\n100000001,C1,2023-01-01,\n100000002,C2,2023-01-01,2023-06-30\n",
            ),
            (
                ImportKind::WorkHours,
                "provider_number,case_number,week_start,hours\n100000001,C1,2023-03-05,25.5\n",
            ),
            (
                ImportKind::WageRates,
                "county_code,effective_from,hourly_rate\n34,2023-01-01,17.25\n19,2023-01-01,18.00\n",
            ),
        ];
        for (kind, csv) in files {
            let first = import_ok(store, kind, csv).await;
            assert_eq!(first.counts.inserted, first.rows, "{first}");
            let again = import_ok(store, kind, csv).await;
            assert_eq!(again.counts.unchanged, again.rows, "{again}");
        }
        let changed = import_ok(
            store,
            ImportKind::WageRates,
            "county_code,effective_from,hourly_rate\n34,2023-01-01,17.50\n",
        )
        .await;
        assert_eq!(
            (changed.counts.updated, changed.counts.unchanged),
            (1, 0),
            "{}",
            db.url
        );
        // Only the changed row is audited, with what it was and what it became; re-imports
        // of identical files left nothing.
        let audit = store
            .search_audit(&pathways_store::accounts::AuditQuery {
                record_type: Some("wage_rates".into()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(audit.len(), 1, "{audit:?}");
        let e = &audit[0].entry;
        assert_eq!(
            (e.action.as_str(), e.record_key.as_str()),
            ("wage_rates.update", "34/2023-01-01")
        );
        assert_eq!(e.before.as_ref().unwrap()["hourly_rate_cents"], "1725");
        assert_eq!(e.after.as_ref().unwrap()["hourly_rate_cents"], "1750");
        assert!(e.actor.label.starts_with("command line"), "{:?}", e.actor);
        let all_updates = store
            .search_audit(&pathways_store::accounts::AuditQuery {
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.entry.action.ends_with(".update"))
            .count();
        assert_eq!(all_updates, 1);
    }
}

#[tokio::test]
async fn an_attendance_file_needs_a_known_vendor() {
    for db in testing::all().await {
        seed(&db).await;
        let csv = format!("{ATTENDANCE_HEADER}100000001,GHS-101,,2023-03-01,60,false,\n");
        let unknown = import_csv(
            db.store.as_ref(),
            ImportKind::Attendance,
            Some(&vendor_code("V9")),
            std::io::Cursor::new(csv.to_owned()),
            &NoProgress,
        )
        .await;
        assert!(
            matches!(unknown, Err(ImportError::UnknownVendor(_))),
            "{unknown:?}"
        );
        let none = import_csv(
            db.store.as_ref(),
            ImportKind::Attendance,
            None,
            std::io::Cursor::new(csv.to_owned()),
            &NoProgress,
        )
        .await;
        assert!(matches!(none, Err(ImportError::VendorRequired)));
    }
}

#[tokio::test]
async fn held_records_pass_once_the_missing_provider_arrives_and_are_judged_again() {
    for db in testing::all().await {
        seed(&db).await;
        let store = db.store.as_ref();
        let csv = format!(
            "{ATTENDANCE_HEADER}100000009,GHS-101,,2023-03-01,60,false,\n100000001,XYZ-1,,2023-03-01,60,false,\n"
        );
        let first = import_ok(store, ImportKind::Attendance, &csv).await;
        assert_eq!(first.held.get("unknown-provider"), Some(&1));
        // Re-sending the same rows changes nothing, whatever has changed since.
        import_ok(store, ImportKind::Providers, "provider_number,first_name,last_name,county_code,enrollment_status,enrolled_on,last_paid_on,language,phone,email\n100000009,Rosa,Diaz,19,complete,2022-01-01,,es,,\n").await;
        let resent = import_ok(store, ImportKind::Attendance, &csv).await;
        assert_eq!(resent.counts.unchanged, 2);

        let reverified = reverify_held(store, None).await.unwrap();
        assert_eq!(
            (
                reverified.rows,
                reverified.verified,
                reverified.counts.unchanged
            ),
            (2, 1, 1),
            "{}",
            db.url
        );
        assert_eq!(counts_of(db.store.table_counts().await.unwrap()), (1, 1));
        let held = db.store.held_attendance(None, None, 10).await.unwrap();
        assert_eq!(
            held[0].hold_reason().map(|r| r.code()),
            Some("unknown-course")
        );

        let again = reverify_held(store, Some(&vendor_code("V1")))
            .await
            .unwrap();
        assert_eq!(
            (again.rows, again.verified, again.counts.unchanged),
            (1, 0, 1)
        );
    }
}

#[tokio::test]
async fn a_key_repeated_far_apart_in_a_large_file_is_found_across_chunks() {
    for db in testing::all().await {
        let mut csv = String::from("case_number,county_code,needs\n");
        for i in 0..12_000 {
            let case = if i == 11_000 { 7 } else { i };
            writeln!(csv, "C{case:07},19,").unwrap();
        }
        csv.push_str("C0000007,19,CIB\n");
        let lines = rejected_lines(import(db.store.as_ref(), ImportKind::Recipients, &csv).await);
        assert_eq!(
            lines,
            [
                "line 11002: case_number: repeats the key of line 9",
                "line 12002: case_number: repeats the key of line 9",
            ],
            "{}",
            db.url
        );
        assert_eq!(db.store.table_counts().await.unwrap().recipients, 0);
        // The fingerprints of a rejected file are not kept: the fixed file imports.
        let fixed: String = csv
            .lines()
            .take(11_001)
            .chain(csv.lines().skip(11_002).take(1000))
            .map(|l| format!("{l}\n"))
            .collect();
        let fixed = fixed.replace("C0000007,19,CIB\n", "");
        let summary = import_ok(db.store.as_ref(), ImportKind::Recipients, &fixed).await;
        assert_eq!(summary.counts.inserted, 11_999, "{}", db.url);
    }
}

#[tokio::test]
async fn a_vendor_sends_sessions_of_its_own_courses_and_no_other_program_file() {
    use pathways_app::access::Caller;
    use pathways_app::import::import_file;
    use pathways_domain::access::Actor;

    for db in testing::all().await {
        seed(&db).await;
        let store = db.store.as_ref();
        let v2 = Caller {
            actor: Actor::VendorStaff {
                vendor: vendor_code("V2"),
            },
            account: None,
            label: "API token of V2".into(),
        };
        let send = |csv: &'static str, kind: ImportKind, vendor: &'static str| {
            let v2 = v2.clone();
            async move {
                import_file(
                    &v2,
                    store,
                    kind,
                    Some(&vendor_code(vendor)),
                    std::io::Cursor::new(csv),
                    &NoProgress,
                    "api",
                )
                .await
            }
        };
        let header = "session_id,course_number,starts_at,ends_at,location,capacity\n";
        let before = store.table_counts().await.unwrap();
        let other_course = send(
            "session_id,course_number,starts_at,ends_at,location,capacity\n\
             S9,GHS-101,2023-04-01T09:00,2023-04-01T12:00,,\n",
            ImportKind::Sessions,
            "V2",
        )
        .await;
        assert_eq!(
            rejected_lines(other_course),
            vec!["line 2: course_number: course GHS-101 belongs to another vendor"]
        );
        let takeover = send(
            "session_id,course_number,starts_at,ends_at,location,capacity\n\
             S1,AED-401,2023-04-01T09:00,2023-04-01T12:00,,\n",
            ImportKind::Sessions,
            "V2",
        )
        .await;
        assert_eq!(
            rejected_lines(takeover),
            vec!["line 2: session_id: session S1 is of another vendor's course"]
        );
        assert!(matches!(
            send(header, ImportKind::Sessions, "V1").await,
            Err(ImportError::Access(_))
        ));
        assert!(matches!(
            send(
                "provider_number,first_name,last_name,county_code,enrollment_status,enrolled_on,last_paid_on,language,phone,email\n",
                ImportKind::Providers,
                "V2"
            )
            .await,
            Err(ImportError::Access(_))
        ));
        assert_eq!(store.table_counts().await.unwrap(), before);

        let own = send(
            "session_id,course_number,starts_at,ends_at,location,capacity\n\
             S9,AED-401,2023-04-01T09:00,2023-04-01T12:00,,\n",
            ImportKind::Sessions,
            "V2",
        )
        .await
        .unwrap();
        assert_eq!(own.counts.inserted, 1);
    }
}
