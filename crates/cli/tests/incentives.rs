//! `pathways incentives evaluate` from the outside: hand-made scenarios built only from the
//! import files of DOMAIN.md §8 and the command line, on SQLite and (when configured) PostgreSQL.
//! Each scenario targets the edge of one rule of DOMAIN.md §4 or §6.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use pathways_store::testing::{self, TestDatabase};

/// A program's files, written row by row; dates are in the default policy's program window
/// (classes from 2022-10-01 to 2024-09-17).
#[derive(Default)]
struct Program {
    courses: Vec<String>,
    providers: Vec<String>,
    recipients: Vec<String>,
    assignments: Vec<String>,
    work_hours: Vec<String>,
    attendance: Vec<String>,
    certificates: u32,
}

impl Program {
    /// A course of `credit` hours in `pathway`, published 2022-10-01 (and retired on `retired`).
    fn course(&mut self, number: &str, pathway: &str, credit: &str, retired: &str) -> &mut Self {
        self.courses.push(format!(
            "{number},V1,{pathway},Course {number},{credit},online-instructor,en,2022-10-01,{retired},,A course."
        ));
        self
    }

    /// A provider with complete enrollment since 2022-01-01, last paid on `last_paid`.
    fn provider(&mut self, number: u32, last_paid: &str) -> &mut Self {
        self.providers.push(format!(
            "{number:09},Ana,Lopez,34,complete,2022-01-01,{last_paid},es,(916) 555-0100,ana{number}@example.org"
        ));
        self
    }

    fn attend(
        &mut self,
        provider: u32,
        course: &str,
        date: &str,
        minutes: u32,
        completed: bool,
    ) -> &mut Self {
        let certificate = if completed {
            self.certificates += 1;
            format!("CERT-{}", self.certificates)
        } else {
            String::new()
        };
        self.attendance.push(format!(
            "{provider:09},{course},,{date},{minutes},{completed},{certificate}"
        ));
        self
    }

    /// A recipient with `needs` (e.g. `CPC;CIB`) assigned to `provider` from `start` to `end`.
    fn recipient(
        &mut self,
        case: &str,
        needs: &str,
        provider: u32,
        start: &str,
        end: &str,
    ) -> &mut Self {
        self.recipients.push(format!("{case},34,{needs}"));
        self.assignments
            .push(format!("{provider:09},{case},{start},{end}"));
        self
    }

    /// `hours` of work for `case` in each of `weeks` weeks from the Sunday `first`.
    fn work(&mut self, provider: u32, case: &str, first: &str, weeks: i64, hours: &str) {
        let first = pathways_domain::error::parse_date(first).expect("a date");
        for w in 0..weeks {
            let week = first + time::Duration::weeks(w);
            self.work_hours.push(format!(
                "{provider:09},{case},{},{hours}",
                pathways_domain::error::format_date(week)
            ));
        }
    }

    /// Writes the files and imports them, in the order the program receives them.
    fn load(&self, url: &str, dir: &Path) {
        let files: [(&str, &str, &[String], Vec<&str>); 7] = [
            (
                "vendors",
                "vendor_code,name,email,phone,website",
                &[
                    "V1,Valley Training,v1@example.org,(916) 555-0101,https://v1.example.org"
                        .into(),
                ],
                vec![],
            ),
            (
                "courses",
                "course_number,vendor_code,pathway,title,credit_hours,modality,languages,published_on,retired_on,registration_url,description",
                &self.courses,
                vec![],
            ),
            (
                "providers",
                "provider_number,first_name,last_name,county_code,enrollment_status,enrolled_on,last_paid_on,language,phone,email",
                &self.providers,
                vec![],
            ),
            (
                "recipients",
                "case_number,county_code,needs",
                &self.recipients,
                vec![],
            ),
            (
                "assignments",
                "provider_number,case_number,start_date,end_date",
                &self.assignments,
                vec![],
            ),
            (
                "work-hours",
                "provider_number,case_number,week_start,hours",
                &self.work_hours,
                vec![],
            ),
            (
                "attendance",
                "provider_number,course_number,session_id,date,minutes,completed,certificate_number",
                &self.attendance,
                vec!["--vendor", "V1"],
            ),
        ];
        for (kind, header, rows, extra) in files {
            if rows.is_empty() {
                continue;
            }
            let mut text = format!("{header}\n");
            for row in rows {
                let _ = writeln!(text, "{row}");
            }
            let path = dir.join(format!("{kind}.csv"));
            std::fs::write(&path, text).expect("write a file");
            let out = pathways(url, &["import", kind, path.to_str().unwrap()], &extra);
            assert!(
                out.status.success(),
                "import {kind}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

fn pathways(url: &str, args: &[&str], extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pathways"))
        .arg("--database-url")
        .arg(url)
        .args(args)
        .args(extra)
        .output()
        .expect("run pathways")
}

/// One evaluated line, without its explanation.
#[derive(Debug, PartialEq, Eq)]
struct Line {
    provider: String,
    kind: String,
    pathway: String,
    qualified_on: String,
    amount: String,
    policy_version: String,
}

fn line(provider: u32, kind: &str, pathway: &str, on: &str, amount: &str) -> Line {
    Line {
        provider: format!("{provider:09}"),
        kind: kind.into(),
        pathway: pathway.into(),
        qualified_on: on.into(),
        amount: amount.into(),
        policy_version: "2022-10".into(),
    }
}

/// Runs `incentives evaluate` and returns its lines and their explanations.
fn evaluate(url: &str, as_of: &str) -> (Vec<Line>, Vec<String>) {
    let out = pathways(url, &["incentives", "evaluate", "--as-of", as_of], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines = Vec::new();
    let mut why = Vec::new();
    for text in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(text).expect("a JSON line");
        let field = |k: &str| {
            v[k].as_str()
                .unwrap_or_else(|| panic!("{k} in {text}"))
                .to_owned()
        };
        assert_eq!(v["claimed"], serde_json::Value::Bool(false), "{text}");
        assert_eq!(
            v.as_object().unwrap().len(),
            8,
            "exactly the documented fields: {text}"
        );
        lines.push(Line {
            provider: field("provider_number"),
            kind: field("kind"),
            pathway: field("pathway"),
            qualified_on: field("qualified_on"),
            amount: field("amount"),
            policy_version: field("policy_version"),
        });
        why.push(field("explanation"));
    }
    (lines, why)
}

/// Runs a scenario on every configured database, checking the same lines on each.
async fn on_every_database(program: &Program, as_of: &str, expected: &[Line]) -> Vec<String> {
    let mut why = Vec::new();
    for db in testing::all().await {
        let dir = scratch(&db);
        program.load(&db.url, &dir);
        let (lines, explanations) = evaluate(&db.url, as_of);
        assert_eq!(lines, expected, "on {}", db.url);
        why = explanations;
        let _ = std::fs::remove_dir_all(dir);
    }
    why
}

fn scratch(db: &TestDatabase) -> PathBuf {
    let name: String = db
        .url
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .rev()
        .take(40)
        .collect();
    let dir = std::env::temp_dir().join(format!("pathways_cli_{name}"));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

#[tokio::test]
async fn fifteen_hours_exactly_qualify_and_a_minute_short_does_not() {
    let mut p = Program::default();
    p.course("GHS-1", "GHS", "8", "")
        .course("GHS-2", "GHS", "8", "")
        .provider(100_000_001, "")
        .provider(100_000_002, "");
    // 480 + 420 = 900 minutes: exactly 15 hours, on the day GHS-2 completes.
    p.attend(100_000_001, "GHS-1", "2023-03-01", 480, true)
        .attend(100_000_001, "GHS-2", "2023-03-08", 300, false)
        .attend(100_000_001, "GHS-2", "2023-03-09", 120, true);
    // 899 minutes.
    p.attend(100_000_002, "GHS-1", "2023-03-01", 480, true)
        .attend(100_000_002, "GHS-2", "2023-03-09", 419, true);
    let why = on_every_database(
        &p,
        "2024-12-31",
        &[line(100_000_001, "pathway", "GHS", "2023-03-09", "500.00")],
    )
    .await;
    assert!(why[0].contains("counted hours reached 15.00"), "{}", why[0]);
    assert!(why[0].contains("policy version 2022-10"), "{}", why[0]);
}

#[tokio::test]
async fn two_pathways_pay_at_most_first_by_date_then_in_table_order() {
    let mut p = Program::default();
    for pathway in ["GHS", "AED", "CPC"] {
        p.course(&format!("{pathway}-1"), pathway, "8", "")
            .course(&format!("{pathway}-2"), pathway, "4", "")
            .course(&format!("{pathway}-3"), pathway, "3", "");
    }
    p.provider(100_000_003, "");
    // CPC completes first; AED and GHS on the same later day: GHS comes first in the table.
    // (No day passes the 12-hour daily maximum.)
    let days = [
        ("CPC", "2023-02-01", "2023-02-02", "2023-02-03"),
        ("AED", "2023-04-01", "2023-04-02", "2023-05-02"),
        ("GHS", "2023-04-03", "2023-04-04", "2023-05-02"),
    ];
    for (pathway, first, second, last) in days {
        p.attend(100_000_003, &format!("{pathway}-1"), first, 480, true)
            .attend(100_000_003, &format!("{pathway}-2"), second, 240, true)
            .attend(100_000_003, &format!("{pathway}-3"), last, 180, true);
    }
    let why = on_every_database(
        &p,
        "2024-12-31",
        &[
            line(100_000_003, "pathway", "CPC", "2023-02-03", "500.00"),
            line(100_000_003, "pathway", "GHS", "2023-05-02", "500.00"),
        ],
    )
    .await;
    assert!(
        why[1].contains("AED qualified on 2023-05-02 but does not pay"),
        "{}",
        why[1]
    );
}

#[tokio::test]
async fn a_retired_course_pays_for_training_while_published_only() {
    let mut p = Program::default();
    p.course("CIB-1", "CIB", "8", "2023-06-01")
        .course("CIB-2", "CIB", "8", "")
        .provider(100_000_004, "")
        .provider(100_000_005, "");
    // Completed while published: counts after the course is retired.
    p.attend(100_000_004, "CIB-1", "2023-05-31", 480, true)
        .attend(100_000_004, "CIB-2", "2023-07-01", 480, true);
    // On the day it was retired: held as course-not-published, so 8 hours only.
    p.attend(100_000_005, "CIB-1", "2023-06-01", 480, true)
        .attend(100_000_005, "CIB-2", "2023-07-01", 480, true);
    on_every_database(
        &p,
        "2024-12-31",
        &[line(100_000_004, "pathway", "CIB", "2023-07-01", "500.00")],
    )
    .await;
}

#[tokio::test]
async fn lapsed_enrollment_keeps_training_from_counting() {
    let mut p = Program::default();
    p.course("AED-1", "AED", "8", "")
        .course("AED-2", "AED", "8", "")
        // Last paid 2022-03-01: eligible through 2023-03-01 (365 days), lapsed from 03-02.
        .provider(100_000_006, "2022-03-01")
        .provider(100_000_007, "2022-03-01");
    p.attend(100_000_006, "AED-1", "2023-02-01", 480, true)
        .attend(100_000_006, "AED-2", "2023-03-01", 480, true);
    p.attend(100_000_007, "AED-1", "2023-02-01", 480, true)
        .attend(100_000_007, "AED-2", "2023-03-02", 480, true);
    on_every_database(
        &p,
        "2024-12-31",
        &[line(100_000_006, "pathway", "AED", "2023-03-01", "500.00")],
    )
    .await;
}

#[tokio::test]
async fn specialized_care_months_count_only_for_matching_recipients_while_assigned() {
    let mut p = Program::default();
    p.course("CPC-1", "CPC", "8", "")
        .course("CPC-2", "CPC", "8", "")
        .provider(100_000_008, "")
        .provider(100_000_009, "");
    for provider in [100_000_008, 100_000_009] {
        p.attend(provider, "CPC-1", "2023-03-01", 480, true).attend(
            provider,
            "CPC-2",
            "2023-03-15",
            480,
            true,
        );
    }
    // Provider 8: a CPC recipient, 10 hours every week from April 2023 for 30 weeks: the
    // one-month incentive for April, six in a row through September.
    p.recipient("C-8", "CPC", 100_000_008, "2022-06-01", "");
    p.work(100_000_008, "C-8", "2023-04-02", 30, "10");
    // Provider 9: March's hours come before the month after qualifying; a recipient with other
    // needs; and a CPC recipient whose assignment ended on Saturday 2023-04-08.
    p.recipient("C-9A", "CIB", 100_000_009, "2022-06-01", "");
    p.recipient("C-9B", "CPC", 100_000_009, "2022-06-01", "2023-04-08");
    p.work(100_000_009, "C-9A", "2023-03-19", 12, "20");
    p.work(100_000_009, "C-9B", "2023-03-19", 12, "20");
    let why = on_every_database(
        &p,
        "2024-12-31",
        &[
            line(100_000_008, "pathway", "CPC", "2023-03-15", "500.00"),
            line(
                100_000_008,
                "specialized-1-month",
                "CPC",
                "2023-04-30",
                "500.00",
            ),
            line(
                100_000_008,
                "specialized-6-months",
                "CPC",
                "2023-09-30",
                "2000.00",
            ),
            line(100_000_009, "pathway", "CPC", "2023-03-15", "500.00"),
        ],
    )
    .await;
    assert!(
        why[1].contains("2023-04 50.00 of 40.00 hours (counts)"),
        "{}",
        why[1]
    );
}

#[tokio::test]
async fn nothing_is_known_before_it_happened() {
    let mut p = Program::default();
    p.course("THC-1", "THC", "8", "")
        .course("THC-2", "THC", "8", "")
        .provider(100_000_010, "");
    p.attend(100_000_010, "THC-1", "2023-03-01", 480, true)
        .attend(100_000_010, "THC-2", "2023-03-15", 480, true);
    p.recipient("C-10", "THC", 100_000_010, "2022-06-01", "");
    p.work(100_000_010, "C-10", "2023-04-02", 5, "8");
    // On 2023-04-29 April has not ended, so only the pathway incentive is known.
    on_every_database(
        &p,
        "2023-04-29",
        &[line(100_000_010, "pathway", "THC", "2023-03-15", "500.00")],
    )
    .await;
}

/// Runs `pathways policy …`, returning its exit code, standard output and standard error.
fn policy(url: &str, args: &[&str]) -> (i32, String, String) {
    let out = pathways(url, &[&["policy"], args].concat(), &[]);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn a_new_policy_version_pays_its_amount_from_its_date_and_a_used_one_stays_as_it_was() {
    let mut p = Program::default();
    p.course("GHS-1", "GHS", "8", "")
        .course("GHS-2", "GHS", "7", "")
        .provider(100_000_021, "")
        .provider(100_000_022, "");
    // One qualifies the day before the new amount starts, the other on its first day.
    p.attend(100_000_021, "GHS-1", "2023-05-01", 480, true)
        .attend(100_000_021, "GHS-2", "2023-05-31", 420, true)
        .attend(100_000_022, "GHS-1", "2023-05-01", 480, true)
        .attend(100_000_022, "GHS-2", "2023-06-01", 420, true);
    for db in testing::all().await {
        let dir = scratch(&db);
        p.load(&db.url, &dir);
        let url = db.url.as_str();

        // Prepared as a draft, the new amount changes nothing yet; the replay shows what it
        // would change.
        let (code, _, err) = policy(
            url,
            &[
                "add",
                "--version",
                "2023-06",
                "--effective-from",
                "2023-06-01",
                "--set",
                "pathway_incentive_amount=750.00",
                "--draft",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let (lines, _) = evaluate(url, "2024-12-31");
        assert_eq!(lines[1].amount, "500.00", "on {url}");
        let (code, out, err) = policy(
            url,
            &[
                "diff",
                "--from",
                "2022-10",
                "--to",
                "2023-06",
                "--as-of",
                "2024-12-31",
                "--format",
                "json",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let changes: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(changes.len(), 1, "{out}");
        assert_eq!(changes[0]["provider_number"], "100000022");
        assert_eq!(changes[0]["change"], "changed");
        assert_eq!(changes[0]["before"]["amount"], "500.00");
        assert_eq!(changes[0]["after"]["amount"], "750.00");
        assert_eq!(changes[0]["after"]["policy_version"], "2023-06");
        assert!(err.contains("1 providers' incentives change"), "{err}");
        assert!(
            err.contains("pathway_incentive_amount: 500.00 -> 750.00"),
            "{err}"
        );

        // Published, it pays the new amount to qualifications from its date on.
        let (code, _, err) = policy(url, &["publish", "2023-06"]);
        assert_eq!(code, 0, "{err}");
        let (lines, why) = evaluate(url, "2024-12-31");
        let mut second = line(100_000_022, "pathway", "GHS", "2023-06-01", "750.00");
        second.policy_version = "2023-06".into();
        assert_eq!(
            lines,
            [
                line(100_000_021, "pathway", "GHS", "2023-05-31", "500.00"),
                second
            ],
            "on {url}"
        );
        assert!(why[1].contains("policy version 2023-06"), "{}", why[1]);

        // The imported attendance was judged under 2022-10: that version can no longer change,
        // and the refusal says what to do instead.
        let (code, _, err) = policy(
            url,
            &["edit", "2022-10", "--set", "pathway_incentive_amount=1.00"],
        );
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("can no longer be changed"), "{err}");
        let (_, shown, _) = policy(url, &["show", "2022-10", "--format", "json"]);
        let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(shown["used"], true);
        assert_eq!(shown["parameters"]["pathway_incentive_amount"], "500.00");

        // Bad values are refused by name, and nothing is added.
        let (code, _, err) = policy(
            url,
            &[
                "add",
                "--version",
                "2024-01",
                "--effective-from",
                "2024-01-01",
                "--set",
                "pathway_incentive_hours=-3",
            ],
        );
        assert_eq!(code, 1);
        assert!(err.contains("pathway_incentive_hours"), "{err}");
        let (_, listed, _) = policy(url, &["list"]);
        assert_eq!(listed.lines().count(), 3, "{listed}");
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[tokio::test]
async fn the_outreach_list_names_who_to_call_by_county() {
    let mut p = Program::default();
    p.course("GHS-1", "GHS", "8", "")
        .course("GHS-2", "GHS", "7", "")
        .provider(100_000_031, "")
        .provider(100_000_032, "");
    p.attend(100_000_031, "GHS-1", "2023-05-01", 480, true)
        .attend(100_000_031, "GHS-2", "2023-05-02", 420, true)
        .attend(100_000_032, "GHS-1", "2023-05-01", 480, true);
    for db in testing::all().await {
        let dir = scratch(&db);
        p.load(&db.url, &dir);
        let out = pathways(
            &db.url,
            &["incentives", "outreach", "--as-of", "2024-12-31"],
            &[],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "provider_number,first_name,last_name,county_code,language,phone,email,kind,\
                 pathway,qualified_on,amount,policy_version",
                "100000031,Ana,Lopez,34,es,(916) 555-0100,ana100000031@example.org,pathway,GHS,\
                 2023-05-02,500.00,2022-10",
            ],
            "on {}",
            db.url
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("1 unclaimed incentives of 1 providers")
        );
        let other = pathways(
            &db.url,
            &[
                "incentives",
                "outreach",
                "--as-of",
                "2024-12-31",
                "--county",
                "19",
            ],
            &[],
        );
        assert_eq!(String::from_utf8(other.stdout).unwrap().lines().count(), 1);
        let bad = pathways(
            &db.url,
            &[
                "incentives",
                "outreach",
                "--as-of",
                "2024-12-31",
                "--county",
                "99",
            ],
            &[],
        );
        assert!(!bad.status.success());
        assert!(String::from_utf8_lossy(&bad.stderr).contains("county"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
