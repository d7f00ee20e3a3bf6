//! The conformance suite of [`AccountStore`]: accounts, sessions, sign-in failures, one-time
//! codes, API tokens, the audit log and the outbox. Every check runs on SQLite and, when
//! `PATHWAYS_TEST_POSTGRES_URL` is set, on PostgreSQL.

use std::collections::BTreeSet;

use pathways_domain::access::{Actor, Role};
use pathways_domain::testing::*;
use pathways_store::accounts::*;
use pathways_store::testing::{self, TestDatabase};
use pathways_store::{Backend, Batch, Store, StoreError};
use serde_json::json;
use sqlx::Connection;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

/// The application's times are UTC, whole seconds.
const T0: OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

/// Vendors V1 and V2; providers 1 to 4, provider 1 with an email address.
async fn seed(store: &dyn Store) {
    let mut tx = store.begin_import().await.unwrap();
    tx.upsert(&Batch::Vendors(vec![vendor("V1"), vendor("V2")]))
        .await
        .unwrap();
    let mut ana = provider(1);
    ana.email = Some("ana@example.com".into());
    tx.upsert(&Batch::Providers(vec![
        ana,
        provider(2),
        provider(3),
        provider(4),
    ]))
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

fn staff(role: Role, email: &str) -> NewAccount {
    NewAccount {
        role,
        email: Some(email.into()),
        provider: None,
        vendor: None,
        county: None,
        display_name: format!("{role} {email}"),
        password_hash: Some("argon2-hash".into()),
        language: "en".into(),
        created_at: T0,
    }
}

fn vendor_staff(email: &str, vendor: &str) -> NewAccount {
    NewAccount {
        vendor: Some(vendor_code(vendor)),
        ..staff(Role::VendorStaff, email)
    }
}

fn county_staff(email: &str, code: u8) -> NewAccount {
    NewAccount {
        county: Some(county(code)),
        ..staff(Role::CountyStaff, email)
    }
}

fn provider_account(n: u32) -> NewAccount {
    NewAccount {
        role: Role::Provider,
        email: None,
        provider: Some(provider_number(n)),
        vendor: None,
        county: None,
        display_name: format!("Ana Provider{n}"),
        password_hash: Some("argon2-hash".into()),
        language: "es".into(),
        created_at: T0,
    }
}

fn audit(at: OffsetDateTime, action: &str, record_type: &str, record_key: &str) -> AuditEntry {
    AuditEntry {
        at,
        actor: AuditActor {
            account: None,
            label: "test".into(),
        },
        action: action.into(),
        record_type: record_type.into(),
        record_key: record_key.into(),
        before: None,
        after: Some(json!({ "action": action })),
    }
}

/// The audit entry of an account's creation; the store fills in the key.
fn creation() -> AuditEntry {
    audit(T0, "account.create", "account", "")
}

async fn create(store: &dyn Store, account: &NewAccount) -> AccountId {
    store
        .create_account(account, &creation())
        .await
        .unwrap()
        .unwrap()
}

async fn all_accounts(store: &dyn Store) -> Vec<Account> {
    store
        .accounts(&AccountFilter {
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap()
}

async fn all_audit(store: &dyn Store) -> Vec<AuditRecord> {
    store
        .search_audit(&AuditQuery {
            limit: 10_000,
            ..Default::default()
        })
        .await
        .unwrap()
}

fn session_for(hash: &str, account: AccountId, expires_at: OffsetDateTime) -> NewSession {
    NewSession {
        token_hash: hash.as_bytes().to_vec(),
        account,
        csrf_token: format!("csrf-{hash}"),
        created_at: T0,
        expires_at,
    }
}

fn register_code(challenge: &str, provider: u32) -> NewCode {
    NewCode {
        challenge: challenge.into(),
        purpose: CodePurpose::Register,
        provider: Some(provider_number(provider)),
        account: None,
        code_hash: format!("hash-of-{challenge}").into_bytes(),
        created_at: T0,
        expires_at: T0 + minutes(15),
    }
}

fn reset_code(challenge: &str, account: AccountId) -> NewCode {
    NewCode {
        purpose: CodePurpose::ResetPassword,
        provider: None,
        account: Some(account),
        ..register_code(challenge, 1)
    }
}

fn email(to: &str, created_at: OffsetDateTime) -> NewMessage {
    NewMessage {
        channel: Channel::Email,
        recipient: to.into(),
        language: "en".into(),
        purpose: "register-code".into(),
        subject: format!("Your code, {to}"),
        body: "Your code is 123456.".into(),
        calendar: None,
        created_at,
        due_at: None,
        topic: None,
    }
}

/// A connection of the test's own, for SQL the store offers no method for.
enum Raw {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Raw {
    async fn open(db: &TestDatabase) -> Self {
        match db.store.backend() {
            Backend::Sqlite => {
                Self::Sqlite(sqlx::SqliteConnection::connect(&db.url).await.unwrap())
            }
            Backend::Postgres => {
                Self::Postgres(sqlx::PgConnection::connect(&db.url).await.unwrap())
            }
        }
    }

    async fn execute(&mut self, sql: &str) -> Result<u64, sqlx::Error> {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self {
            Self::Sqlite(c) => sqlx::query(sql).execute(c).await.map(|r| r.rows_affected()),
            Self::Postgres(c) => sqlx::query(sql).execute(c).await.map(|r| r.rows_affected()),
        }
    }

    async fn count(&mut self, table: &str) -> i64 {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        match self {
            Self::Sqlite(c) => sqlx::query_scalar(sql).fetch_one(c).await.unwrap(),
            Self::Postgres(c) => sqlx::query_scalar(sql).fetch_one(c).await.unwrap(),
        }
    }
}

// Accounts.

#[tokio::test]
async fn accounts_are_created_read_back_and_audited_under_their_new_ids() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;

        let admin_id = create(store, &staff(Role::ProgramAdmin, " Admin@Example.ORG ")).await;
        let pat_id = create(store, &vendor_staff("pat@v1.example.org", "V1")).await;
        let ana_id = create(store, &provider_account(1)).await;
        let cy_id = create(store, &county_staff("cy@county.example.org", 34)).await;

        let admin = store.account(admin_id).await.unwrap().expect("the admin");
        assert_eq!(
            admin,
            Account {
                id: admin_id,
                role: Role::ProgramAdmin,
                email: Some("admin@example.org".into()),
                provider: None,
                vendor: None,
                county: None,
                display_name: "program-admin  Admin@Example.ORG ".into(),
                password_hash: Some("argon2-hash".into()),
                language: "en".into(),
                created_at: T0,
                disabled: false,
            }
        );
        assert_eq!(admin.actor(), Some(Actor::ProgramAdmin));
        for spelling in [
            "admin@example.org",
            "ADMIN@example.ORG",
            " Admin@Example.org ",
        ] {
            assert_eq!(
                store.account_by_email(spelling).await.unwrap().as_ref(),
                Some(&admin),
                "{spelling:?}"
            );
        }
        assert_eq!(
            store.account_by_email("nobody@example.org").await.unwrap(),
            None
        );

        let pat = store.account(pat_id).await.unwrap().expect("vendor staff");
        assert_eq!(pat.vendor, Some(vendor_code("V1")));
        assert_eq!(
            pat.actor(),
            Some(Actor::VendorStaff {
                vendor: vendor_code("V1")
            })
        );

        let ana = store
            .account_by_provider(provider_number(1))
            .await
            .unwrap()
            .expect("provider 1's account");
        assert_eq!(ana.id, ana_id);
        assert_eq!((ana.email.as_deref(), ana.language.as_str()), (None, "es"));
        assert_eq!(
            ana.actor(),
            Some(Actor::Provider {
                provider: provider_number(1)
            })
        );
        assert_eq!(
            store.account_by_provider(provider_number(2)).await.unwrap(),
            None
        );

        let cy = store.account(cy_id).await.unwrap().expect("county staff");
        assert_eq!(cy.actor(), Some(Actor::CountyStaff { county: county(34) }));
        assert_eq!(store.account(AccountId(cy_id.0 + 100)).await.unwrap(), None);

        // Listing: id order, by role, a page at a time.
        let ids: Vec<_> = all_accounts(store).await.iter().map(|a| a.id).collect();
        assert_eq!(ids, [admin_id, pat_id, ana_id, cy_id]);
        let vendors = store
            .accounts(&AccountFilter {
                role: Some(Role::VendorStaff),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(vendors, [pat]);
        let page = store
            .accounts(&AccountFilter {
                after: Some(admin_id),
                limit: 2,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            page.iter().map(|a| a.id).collect::<Vec<_>>(),
            [pat_id, ana_id]
        );

        // Each creation is audited under the new id.
        let audited = all_audit(store).await;
        let keys: Vec<_> = audited.iter().map(|r| r.entry.record_key.clone()).collect();
        assert_eq!(
            keys,
            [cy_id, ana_id, pat_id, admin_id].map(|id| id.to_string())
        );
        for record in &audited {
            assert_eq!(record.entry.action, "account.create");
            assert_eq!(record.entry.record_type, "account");
            assert_eq!(record.entry.at, T0);
            assert_eq!(
                record.entry.after,
                Some(json!({ "action": "account.create" }))
            );
        }
    }
}

#[tokio::test]
async fn account_conflicts_are_reported_and_change_nothing() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;
        create(store, &staff(Role::Coach, "sam@example.org")).await;
        create(store, &provider_account(1)).await;
        let accounts = all_accounts(store).await;
        let audited = all_audit(store).await;

        let conflicts = [
            (
                staff(Role::ServiceDesk, "SAM@Example.org"),
                AccountConflict::EmailTaken,
            ),
            (
                staff(Role::ServiceDesk, " sam@example.org"),
                AccountConflict::EmailTaken,
            ),
            (
                NewAccount {
                    email: Some("ana@example.com".into()),
                    ..provider_account(1)
                },
                AccountConflict::ProviderHasAccount,
            ),
            (
                NewAccount {
                    email: Some("sam@example.org".into()),
                    ..provider_account(2)
                },
                AccountConflict::EmailTaken,
            ),
            (
                vendor_staff("new@v9.example.org", "V9"),
                AccountConflict::UnknownVendor,
            ),
        ];
        for (account, conflict) in conflicts {
            assert_eq!(
                store.create_account(&account, &creation()).await.unwrap(),
                Err(conflict),
                "{account:?}"
            );
        }
        assert_eq!(all_accounts(store).await, accounts);
        assert_eq!(all_audit(store).await, audited);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creations_with_one_email_create_one_account() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        for round in 0..5 {
            let email = format!("race{round}@example.org");
            let tasks: Vec<_> = (0..8)
                .map(|_| {
                    let store = db.store.clone();
                    let account = staff(Role::Coach, &email);
                    tokio::spawn(async move { store.create_account(&account, &creation()).await })
                })
                .collect();
            let mut created = 0;
            for task in tasks {
                match task.await.unwrap() {
                    Ok(Ok(_)) => created += 1,
                    Ok(Err(conflict)) => assert_eq!(conflict, AccountConflict::EmailTaken),
                    Err(error) => panic!("round {round}: a store error in a race: {error}"),
                }
            }
            assert_eq!(created, 1, "round {round}");
        }
        assert_eq!(all_accounts(db.store.as_ref()).await.len(), 5);
        assert_eq!(all_audit(db.store.as_ref()).await.len(), 5);
    }
}

#[tokio::test]
async fn a_provider_account_needs_the_provider_in_the_providers_file() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;
        let unknown = store
            .create_account(&provider_account(99), &creation())
            .await;
        assert!(
            matches!(unknown, Err(StoreError::Database(_))),
            "{unknown:?}"
        );
        assert_eq!(all_accounts(store).await, []);
        assert_eq!(all_audit(store).await, []);
    }
}

#[tokio::test]
async fn the_database_refuses_accounts_whose_ties_do_not_fit_the_role() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;
        let misfits = [
            NewAccount {
                vendor: None,
                ..vendor_staff("a@example.org", "V1")
            },
            NewAccount {
                vendor: Some(vendor_code("V1")),
                ..staff(Role::Coach, "b@example.org")
            },
            NewAccount {
                county: None,
                ..county_staff("c@example.org", 34)
            },
            NewAccount {
                county: Some(county(34)),
                ..staff(Role::ProgramAdmin, "d@example.org")
            },
            NewAccount {
                provider: None,
                email: Some("e@example.org".into()),
                ..provider_account(2)
            },
            NewAccount {
                provider: Some(provider_number(2)),
                ..staff(Role::ServiceDesk, "f@example.org")
            },
            NewAccount {
                email: None,
                ..staff(Role::Coach, "")
            },
        ];
        for account in misfits {
            let result = store.create_account(&account, &creation()).await;
            assert!(
                matches!(result, Err(StoreError::Database(_))),
                "{account:?}: {result:?}"
            );
        }
        assert_eq!(all_accounts(store).await, []);
        assert_eq!(all_audit(store).await, []);

        // Nor can SQL of its own break the rules.
        create(store, &staff(Role::Coach, "coach@example.org")).await;
        let mut raw = Raw::open(&db).await;
        for sql in [
            "UPDATE accounts SET vendor_code = 'V1'",
            "UPDATE accounts SET county_code = 34",
            "UPDATE accounts SET provider_number = 2",
            "UPDATE accounts SET role = 'county-staff'",
            "UPDATE accounts SET email = NULL",
            "UPDATE accounts SET email = 'Coach@example.org'",
            "UPDATE accounts SET disabled = 2",
            "INSERT INTO accounts (role, email, display_name, language, created_at) \
             VALUES ('vendor-staff', 'raw@example.org', 'Raw', 'en', '2026-11-25T10:00:00Z')",
            "INSERT INTO accounts (role, email, display_name, language, created_at) \
             VALUES ('janitor', 'raw@example.org', 'Raw', 'en', '2026-11-25T10:00:00Z')",
        ] {
            assert!(raw.execute(sql).await.is_err(), "{sql}");
        }
        let accounts = all_accounts(store).await;
        assert_eq!(accounts.len(), 1);
        assert_eq!(accounts[0].actor(), Some(Actor::Coach));
        assert_eq!(accounts[0].email.as_deref(), Some("coach@example.org"));
    }
}

#[tokio::test]
async fn a_provider_contact_comes_from_the_providers_file() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;
        assert_eq!(
            store.provider_contact(provider_number(1)).await.unwrap(),
            Some(ProviderContact {
                provider: provider_number(1),
                first_name: "Ana".into(),
                last_name: "Provider1".into(),
                county: county(34),
                language: "en".into(),
                phone: Some("(916) 555-0199".into()),
                email: Some("ana@example.com".into()),
            })
        );
        assert_eq!(
            store.provider_contact(provider_number(99)).await.unwrap(),
            None
        );
    }
}

// Sessions.

#[tokio::test]
async fn sessions_live_until_they_expire_or_are_ended() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        let sam = create(store, &staff(Role::Coach, "sam@example.org")).await;
        let kim = create(store, &staff(Role::ServiceDesk, "kim@example.org")).await;
        store
            .create_session(&session_for("s1", sam, T0 + minutes(60)))
            .await
            .unwrap();
        store
            .create_session(&session_for("s2", sam, T0 + minutes(120)))
            .await
            .unwrap();
        store
            .create_session(&session_for("k1", kim, T0 + minutes(60)))
            .await
            .unwrap();

        let live = store
            .session(b"s1", T0 + minutes(30))
            .await
            .unwrap()
            .expect("a live session");
        assert_eq!(
            live,
            SessionRecord {
                account: store.account(sam).await.unwrap().unwrap(),
                csrf_token: "csrf-s1".into(),
                created_at: T0,
                last_seen_at: T0,
                expires_at: T0 + minutes(60),
            }
        );
        // Expired at its expiry time, and after.
        assert_eq!(store.session(b"s1", T0 + minutes(60)).await.unwrap(), None);
        assert_eq!(store.session(b"s1", T0 + minutes(61)).await.unwrap(), None);
        assert!(
            store
                .session(b"s2", T0 + minutes(60))
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(store.session(b"nope", T0).await.unwrap(), None);
        assert!(
            store
                .create_session(&session_for("s1", kim, T0 + minutes(60)))
                .await
                .is_err(),
            "a token hash is one session"
        );

        store.touch_session(b"s1", T0 + minutes(10)).await.unwrap();
        let touched = store.session(b"s1", T0 + minutes(11)).await.unwrap();
        assert_eq!(touched.unwrap().last_seen_at, T0 + minutes(10));

        store.delete_session(b"s1").await.unwrap();
        assert_eq!(store.session(b"s1", T0).await.unwrap(), None);
        assert!(store.session(b"s2", T0).await.unwrap().is_some());

        store
            .create_session(&session_for("s3", sam, T0 + minutes(60)))
            .await
            .unwrap();
        assert_eq!(store.delete_account_sessions(sam).await.unwrap(), 2);
        assert_eq!(store.delete_account_sessions(sam).await.unwrap(), 0);
        assert_eq!(store.session(b"s2", T0).await.unwrap(), None);
        assert!(
            store.session(b"k1", T0).await.unwrap().is_some(),
            "another account's session stays"
        );
    }
}

#[tokio::test]
async fn a_new_password_or_disabling_ends_every_session_and_is_audited() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        let sam = create(store, &staff(Role::Coach, "sam@example.org")).await;
        let kim = create(store, &staff(Role::ServiceDesk, "kim@example.org")).await;
        let key = sam.to_string();
        for hash in ["s1", "s2"] {
            store
                .create_session(&session_for(hash, sam, T0 + minutes(60)))
                .await
                .unwrap();
        }
        store
            .create_session(&session_for("k1", kim, T0 + minutes(60)))
            .await
            .unwrap();

        store
            .set_password(
                sam,
                "new-hash",
                &audit(T0 + minutes(1), "account.password", "account", &key),
            )
            .await
            .unwrap();
        let account = store.account(sam).await.unwrap().unwrap();
        assert_eq!(account.password_hash.as_deref(), Some("new-hash"));
        assert_eq!(store.session(b"s1", T0).await.unwrap(), None);
        assert_eq!(store.session(b"s2", T0).await.unwrap(), None);
        assert!(store.session(b"k1", T0).await.unwrap().is_some());

        store
            .set_language(
                sam,
                "zh-Hant",
                &audit(T0 + minutes(2), "account.language", "account", &key),
            )
            .await
            .unwrap();
        assert_eq!(
            store.account(sam).await.unwrap().unwrap().language,
            "zh-Hant"
        );

        store
            .create_session(&session_for("s3", sam, T0 + minutes(60)))
            .await
            .unwrap();
        store
            .set_disabled(
                sam,
                true,
                &audit(T0 + minutes(3), "account.disable", "account", &key),
            )
            .await
            .unwrap();
        assert!(store.account(sam).await.unwrap().unwrap().disabled);
        assert_eq!(store.session(b"s3", T0).await.unwrap(), None);
        assert_eq!(
            store.delete_account_sessions(sam).await.unwrap(),
            0,
            "disabling deleted the sessions"
        );
        // A disabled account's session is never live, even one stored afterwards.
        store
            .create_session(&session_for("s4", sam, T0 + minutes(60)))
            .await
            .unwrap();
        assert_eq!(store.session(b"s4", T0).await.unwrap(), None);
        assert!(store.session(b"k1", T0).await.unwrap().is_some());

        store
            .set_disabled(
                sam,
                false,
                &audit(T0 + minutes(4), "account.enable", "account", &key),
            )
            .await
            .unwrap();
        assert!(!store.account(sam).await.unwrap().unwrap().disabled);

        let actions: Vec<_> = store
            .search_audit(&AuditQuery {
                record_type: Some("account".into()),
                record_key: Some(key.clone()),
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.entry.action)
            .collect();
        assert_eq!(
            actions,
            [
                "account.enable",
                "account.disable",
                "account.language",
                "account.password",
                "account.create"
            ]
        );
    }
}

// Sign-in failures.

#[tokio::test]
async fn sign_in_failures_are_counted_since_a_time_forgotten_and_cleared() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        let account = "account:1".to_string();
        let address = "address:abc".to_string();
        store
            .record_sign_in_failure(&[account.clone(), address.clone()], T0, T0 - minutes(60))
            .await
            .unwrap();
        store
            .record_sign_in_failure(
                std::slice::from_ref(&account),
                T0 + minutes(1),
                T0 - minutes(60),
            )
            .await
            .unwrap();
        assert_eq!(store.sign_in_failures(&account, T0).await.unwrap(), 2);
        assert_eq!(
            store
                .sign_in_failures(&account, T0 + minutes(1))
                .await
                .unwrap(),
            1,
            "since is inclusive"
        );
        assert_eq!(
            store
                .sign_in_failures(&account, T0 + minutes(2))
                .await
                .unwrap(),
            0
        );
        assert_eq!(store.sign_in_failures(&address, T0).await.unwrap(), 1);
        assert_eq!(store.sign_in_failures("account:2", T0).await.unwrap(), 0);

        // A later failure forgets this subject's older ones, and only this subject's.
        store
            .record_sign_in_failure(
                std::slice::from_ref(&account),
                T0 + minutes(120),
                T0 + minutes(1),
            )
            .await
            .unwrap();
        let long_ago = T0 - minutes(24 * 60);
        assert_eq!(store.sign_in_failures(&account, long_ago).await.unwrap(), 2);
        assert_eq!(store.sign_in_failures(&address, long_ago).await.unwrap(), 1);

        store.clear_sign_in_failures(&account).await.unwrap();
        assert_eq!(store.sign_in_failures(&account, long_ago).await.unwrap(), 0);
        assert_eq!(store.sign_in_failures(&address, long_ago).await.unwrap(), 1);
    }
}

// One-time codes.

#[tokio::test]
async fn a_code_and_its_message_are_stored_together() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;
        let message = email("ana@example.com", T0);
        store
            .create_code(&register_code("ch-1", 1), Some(&message))
            .await
            .unwrap();
        assert_eq!(
            store.code("ch-1").await.unwrap(),
            Some(CodeRecord {
                challenge: "ch-1".into(),
                purpose: CodePurpose::Register,
                provider: Some(provider_number(1)),
                account: None,
                code_hash: b"hash-of-ch-1".to_vec(),
                expires_at: T0 + minutes(15),
                attempts: 0,
                used: false,
            })
        );
        let outbox = store.outbox(None, 100).await.unwrap();
        assert_eq!(outbox.len(), 1);
        let sent = &outbox[0];
        assert_eq!(
            (
                sent.channel,
                sent.recipient.as_str(),
                sent.language.as_str(),
                sent.purpose.as_str(),
                sent.subject.as_str(),
                sent.body.as_str(),
                sent.created_at,
                sent.attempts,
                sent.last_error.as_deref(),
                sent.sent_at
            ),
            (
                Channel::Email,
                "ana@example.com",
                "en",
                "register-code",
                "Your code, ana@example.com",
                "Your code is 123456.",
                T0,
                0,
                None,
                None
            )
        );

        // A code that cannot be stored leaves no message behind.
        let again = store
            .create_code(
                &register_code("ch-1", 2),
                Some(&email("other@example.com", T0)),
            )
            .await;
        assert!(again.is_err());
        assert_eq!(store.outbox(None, 100).await.unwrap().len(), 1);

        // A challenge for details that matched nobody is stored too, without a message.
        let decoy = NewCode {
            provider: None,
            ..register_code("decoy", 1)
        };
        store.create_code(&decoy, None).await.unwrap();
        let stored = store.code("decoy").await.unwrap().unwrap();
        assert_eq!((stored.provider, stored.account), (None, None));
        assert_eq!(store.outbox(None, 100).await.unwrap().len(), 1);
        assert_eq!(store.code("nope").await.unwrap(), None);

        assert_eq!(store.code_failed("ch-1").await.unwrap(), 1);
        assert_eq!(store.code_failed("ch-1").await.unwrap(), 2);
        assert_eq!(store.code("ch-1").await.unwrap().unwrap().attempts, 2);
        assert_eq!(store.code("decoy").await.unwrap().unwrap().attempts, 0);
    }
}

#[tokio::test]
async fn a_register_code_creates_the_account_once() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;
        store
            .create_code(&register_code("ch-1", 1), None)
            .await
            .unwrap();
        let id = store
            .redeem_register_code("ch-1", &provider_account(1), &creation())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store
                .account_by_provider(provider_number(1))
                .await
                .unwrap()
                .map(|a| a.id),
            Some(id)
        );
        assert!(store.code("ch-1").await.unwrap().unwrap().used);
        let audited = all_audit(store).await;
        assert_eq!(audited.len(), 1);
        assert_eq!(audited[0].entry.record_key, id.to_string());

        let accounts = all_accounts(store).await;
        let second = NewAccount {
            email: Some("ana@example.com".into()),
            ..provider_account(1)
        };
        assert_eq!(
            store
                .redeem_register_code("ch-1", &second, &creation())
                .await
                .unwrap(),
            Err(RedeemConflict::CodeUsed)
        );
        assert_eq!(
            store
                .redeem_register_code("nope", &provider_account(2), &creation())
                .await
                .unwrap(),
            Err(RedeemConflict::CodeUsed)
        );
        assert_eq!(all_accounts(store).await, accounts);
        assert_eq!(all_audit(store).await, audited);
    }
}

#[tokio::test]
async fn a_register_code_whose_account_cannot_be_created_stays_unused() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;
        create(store, &staff(Role::Coach, "sam@example.org")).await;
        store
            .create_code(&register_code("ch-2", 2), None)
            .await
            .unwrap();
        let taken = NewAccount {
            email: Some("sam@example.org".into()),
            ..provider_account(2)
        };
        assert_eq!(
            store
                .redeem_register_code("ch-2", &taken, &creation())
                .await
                .unwrap(),
            Err(RedeemConflict::Account(AccountConflict::EmailTaken))
        );
        assert!(!store.code("ch-2").await.unwrap().unwrap().used);
        assert_eq!(all_accounts(store).await.len(), 1);
        assert_eq!(all_audit(store).await.len(), 1);
        // The person can try again with the same code.
        assert!(
            store
                .redeem_register_code("ch-2", &provider_account(2), &creation())
                .await
                .unwrap()
                .is_ok()
        );
    }
}

#[tokio::test]
async fn a_code_is_redeemed_only_for_its_purpose_its_person_and_before_it_expires() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;
        let sam = create(store, &staff(Role::Coach, "sam@example.org")).await;
        let kim = create(store, &staff(Role::Coach, "kim@example.org")).await;
        let sam_key = sam.to_string();
        for code in [
            register_code("for-3", 3),
            NewCode {
                provider: None,
                ..register_code("decoy", 3)
            },
            register_code("late", 4),
            reset_code("reset-sam", sam),
        ] {
            store.create_code(&code, None).await.unwrap();
        }
        let accounts = all_accounts(store).await;
        let audited = all_audit(store).await;

        let register = [
            ("for-3", provider_account(4)),
            ("decoy", provider_account(3)),
            ("reset-sam", provider_account(3)),
            (
                "late",
                NewAccount {
                    created_at: T0 + minutes(15),
                    ..provider_account(4)
                },
            ),
        ];
        for (challenge, account) in register {
            assert_eq!(
                store
                    .redeem_register_code(challenge, &account, &creation())
                    .await
                    .unwrap(),
                Err(RedeemConflict::CodeUsed),
                "{challenge}"
            );
        }
        let reset = [
            ("reset-sam", kim, T0),
            ("for-3", sam, T0),
            ("reset-sam", sam, T0 + minutes(15)),
        ];
        for (challenge, account, at) in reset {
            assert_eq!(
                store
                    .redeem_reset_code(
                        challenge,
                        account,
                        "stolen-hash",
                        &audit(at, "account.password", "account", &account.to_string()),
                    )
                    .await
                    .unwrap(),
                Err(RedeemConflict::CodeUsed),
                "{challenge}"
            );
        }
        assert_eq!(all_accounts(store).await, accounts);
        assert_eq!(all_audit(store).await, audited);
        for challenge in ["for-3", "decoy", "late", "reset-sam"] {
            assert!(!store.code(challenge).await.unwrap().unwrap().used);
        }

        // Each still works as meant.
        assert!(
            store
                .redeem_register_code("for-3", &provider_account(3), &creation())
                .await
                .unwrap()
                .is_ok()
        );
        assert_eq!(
            store
                .redeem_reset_code(
                    "reset-sam",
                    sam,
                    "new-hash",
                    &audit(T0, "account.password", "account", &sam_key),
                )
                .await
                .unwrap(),
            Ok(())
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_redeems_of_one_code_create_one_account() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        seed(db.store.as_ref()).await;
        db.store
            .create_code(&register_code("ch-1", 1), None)
            .await
            .unwrap();
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let store = db.store.clone();
                tokio::spawn(async move {
                    store
                        .redeem_register_code("ch-1", &provider_account(1), &creation())
                        .await
                })
            })
            .collect();
        let mut created = Vec::new();
        for task in tasks {
            match task.await.unwrap().unwrap() {
                Ok(id) => created.push(id),
                Err(conflict) => assert_eq!(conflict, RedeemConflict::CodeUsed),
            }
        }
        assert_eq!(created.len(), 1);
        let accounts = all_accounts(db.store.as_ref()).await;
        assert_eq!(accounts.iter().map(|a| a.id).collect::<Vec<_>>(), created);
        assert_eq!(all_audit(db.store.as_ref()).await.len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_redeems_of_several_codes_for_one_provider_create_one_account() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        seed(db.store.as_ref()).await;
        for round in 1..=4_u32 {
            for i in 0..8 {
                db.store
                    .create_code(&register_code(&format!("ch-{round}-{i}"), round), None)
                    .await
                    .unwrap();
            }
            let tasks: Vec<_> = (0..8)
                .map(|i| {
                    let store = db.store.clone();
                    tokio::spawn(async move {
                        store
                            .redeem_register_code(
                                &format!("ch-{round}-{i}"),
                                &provider_account(round),
                                &creation(),
                            )
                            .await
                    })
                })
                .collect();
            let mut created = 0;
            for task in tasks {
                match task.await.unwrap() {
                    Ok(Ok(_)) => created += 1,
                    Ok(Err(conflict)) => assert_eq!(
                        conflict,
                        RedeemConflict::Account(AccountConflict::ProviderHasAccount)
                    ),
                    Err(error) => panic!("round {round}: a store error in a race: {error}"),
                }
            }
            assert_eq!(created, 1, "round {round}");
            let mut used = 0;
            for i in 0..8 {
                if db
                    .store
                    .code(&format!("ch-{round}-{i}"))
                    .await
                    .unwrap()
                    .unwrap()
                    .used
                {
                    used += 1;
                }
            }
            assert_eq!(used, 1, "only the winning code is used");
        }
        assert_eq!(all_accounts(db.store.as_ref()).await.len(), 4);
    }
}

#[tokio::test]
async fn a_reset_code_sets_the_password_once_and_ends_sessions() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        let new_staff = NewAccount {
            password_hash: None,
            ..staff(Role::CountyStaff, "cy@county.example.org")
        };
        let cy = create(
            store,
            &NewAccount {
                county: Some(county(1)),
                ..new_staff
            },
        )
        .await;
        assert_eq!(
            store.account(cy).await.unwrap().unwrap().password_hash,
            None
        );
        store
            .create_session(&session_for("s1", cy, T0 + minutes(60)))
            .await
            .unwrap();
        store
            .create_code(
                &reset_code("r-1", cy),
                Some(&email("cy@county.example.org", T0)),
            )
            .await
            .unwrap();
        let key = cy.to_string();
        assert_eq!(
            store
                .redeem_reset_code(
                    "r-1",
                    cy,
                    "first-hash",
                    &audit(T0 + minutes(5), "account.password", "account", &key),
                )
                .await
                .unwrap(),
            Ok(())
        );
        let account = store.account(cy).await.unwrap().unwrap();
        assert_eq!(account.password_hash.as_deref(), Some("first-hash"));
        assert_eq!(store.session(b"s1", T0).await.unwrap(), None);
        assert!(store.code("r-1").await.unwrap().unwrap().used);
        let audited = all_audit(store).await;
        assert_eq!(audited[0].entry.action, "account.password");
        assert_eq!(audited[0].entry.record_key, key);

        assert_eq!(
            store
                .redeem_reset_code(
                    "r-1",
                    cy,
                    "second-hash",
                    &audit(T0 + minutes(6), "account.password", "account", &key),
                )
                .await
                .unwrap(),
            Err(RedeemConflict::CodeUsed)
        );
        assert_eq!(
            store
                .account(cy)
                .await
                .unwrap()
                .unwrap()
                .password_hash
                .as_deref(),
            Some("first-hash")
        );
        assert_eq!(all_audit(store).await, audited);
    }
}

// API tokens.

#[tokio::test]
async fn api_tokens_are_listed_found_and_revoked_only_by_their_vendor() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        seed(store).await;
        let pat = create(store, &vendor_staff("pat@v1.example.org", "V1")).await;
        let lee = create(store, &vendor_staff("lee@v2.example.org", "V2")).await;
        let token = |vendor: &str, name: &str, by: AccountId, at: OffsetDateTime| NewApiToken {
            vendor: vendor_code(vendor),
            name: name.into(),
            token_hash: format!("hash-{name}").into_bytes(),
            prefix: format!("pw_{name}"),
            created_by: by,
            created_at: at,
        };
        let creation = audit(T0, "api-token.create", "api-token", "");
        let first = store
            .create_api_token(&token("V1", "first", pat, T0), &creation)
            .await
            .unwrap();
        let second = store
            .create_api_token(&token("V1", "second", pat, T0 + minutes(1)), &creation)
            .await
            .unwrap();
        let other = store
            .create_api_token(&token("V2", "other", lee, T0 + minutes(2)), &creation)
            .await
            .unwrap();
        assert!(
            store
                .create_api_token(&token("V2", "first", lee, T0), &creation)
                .await
                .is_err(),
            "a token hash is one token"
        );
        assert!(
            store
                .create_api_token(&token("V9", "unknown", lee, T0), &creation)
                .await
                .is_err(),
            "the vendor must exist"
        );

        let first_token = ApiToken {
            id: first,
            vendor: vendor_code("V1"),
            name: "first".into(),
            prefix: "pw_first".into(),
            created_by: pat,
            created_at: T0,
            last_used_at: None,
            revoked_at: None,
        };
        let v1 = store.api_tokens(&vendor_code("V1")).await.unwrap();
        assert_eq!(
            v1.iter().map(|t| t.id).collect::<Vec<_>>(),
            [second, first],
            "newest first"
        );
        assert_eq!(v1[1], first_token);
        assert_eq!(
            store.api_token_by_hash(b"hash-first").await.unwrap(),
            Some(first_token.clone())
        );
        assert_eq!(store.api_token_by_hash(b"hash-none").await.unwrap(), None);

        store.touch_api_token(first, T0 + minutes(5)).await.unwrap();
        let touched = store.api_token_by_hash(b"hash-first").await.unwrap();
        assert_eq!(touched.unwrap().last_used_at, Some(T0 + minutes(5)));

        let audited = all_audit(store).await;
        let revoke = |at| audit(at, "api-token.revoke", "api-token", "");
        assert!(
            !store
                .revoke_api_token(&vendor_code("V2"), first, &revoke(T0 + minutes(9)))
                .await
                .unwrap(),
            "another vendor's token"
        );
        assert!(
            store
                .api_token_by_hash(b"hash-first")
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(all_audit(store).await, audited);

        assert!(
            store
                .revoke_api_token(&vendor_code("V1"), first, &revoke(T0 + minutes(10)))
                .await
                .unwrap()
        );
        assert_eq!(store.api_token_by_hash(b"hash-first").await.unwrap(), None);
        assert!(
            !store
                .revoke_api_token(&vendor_code("V1"), first, &revoke(T0 + minutes(11)))
                .await
                .unwrap(),
            "revoked already"
        );
        let v1 = store.api_tokens(&vendor_code("V1")).await.unwrap();
        assert_eq!(v1[1].revoked_at, Some(T0 + minutes(10)));
        assert_eq!(v1[0].revoked_at, None);
        assert!(
            store
                .api_token_by_hash(b"hash-second")
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(
            store
                .api_tokens(&vendor_code("V2"))
                .await
                .unwrap()
                .iter()
                .map(|t| t.id)
                .collect::<Vec<_>>(),
            [other]
        );

        let tokens: Vec<_> = store
            .search_audit(&AuditQuery {
                record_type: Some("api-token".into()),
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.entry.action, r.entry.record_key))
            .collect();
        let row = |action: &str, id: ApiTokenId| (action.to_string(), id.0.to_string());
        assert_eq!(
            tokens,
            [
                row("api-token.revoke", first),
                row("api-token.create", other),
                row("api-token.create", second),
                row("api-token.create", first),
            ]
        );
    }
}

// The audit log.

#[tokio::test]
async fn the_audit_log_cannot_be_changed_or_emptied() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        for key in ["1", "2"] {
            store
                .append_audit(&audit(T0, "account.create", "account", key))
                .await
                .unwrap();
        }
        let audited = all_audit(store).await;
        let first = audited[1].id;
        let mut raw = Raw::open(&db).await;
        let mut refused = vec![
            "UPDATE audit_log SET actor_label = 'someone else'".to_string(),
            format!("UPDATE audit_log SET record_key = 'x' WHERE audit_id = {first}"),
            "DELETE FROM audit_log".to_string(),
            format!("DELETE FROM audit_log WHERE audit_id = {first}"),
        ];
        let columns = "audit_id, at, actor_label, action, record_type, record_key";
        let forged = format!("({first}, '2026-11-25T10:00:00Z', 'forger', 'x', 'account', '1')");
        match db.store.backend() {
            Backend::Sqlite => refused.extend([
                format!("INSERT OR REPLACE INTO audit_log ({columns}) VALUES {forged}"),
                format!("REPLACE INTO audit_log ({columns}) VALUES {forged}"),
                format!(
                    "INSERT INTO audit_log ({columns}) VALUES {forged} \
                     ON CONFLICT (audit_id) DO UPDATE SET actor_label = excluded.actor_label"
                ),
            ]),
            Backend::Postgres => refused.extend([
                "TRUNCATE audit_log".to_string(),
                format!(
                    "INSERT INTO audit_log ({columns}) OVERRIDING SYSTEM VALUE VALUES {forged} \
                     ON CONFLICT (audit_id) DO UPDATE SET actor_label = excluded.actor_label"
                ),
            ]),
        }
        for sql in &refused {
            assert!(raw.execute(sql).await.is_err(), "{sql}");
        }
        assert_eq!(raw.count("audit_log").await, 2);
        assert_eq!(all_audit(store).await, audited);
        // Appending still works.
        raw.execute(
            "INSERT INTO audit_log (at, actor_label, action, record_type, record_key) \
             VALUES ('2026-11-25T10:00:00Z', 'cli', 'x', 'account', '3')",
        )
        .await
        .unwrap();
        assert_eq!(raw.count("audit_log").await, 3);
    }
}

#[tokio::test]
async fn the_audit_log_is_searched_newest_first_a_page_at_a_time() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        let by =
            |account: Option<i64>, at: OffsetDateTime, record_type: &str, key: &str| AuditEntry {
                actor: AuditActor {
                    account: account.map(AccountId),
                    label: account.map_or("pathways import".into(), |a| format!("Account {a}")),
                },
                before: Some(json!({ "hours": [1, 2], "note": "ünïcödé 你好" })),
                after: None,
                ..audit(at, &format!("{record_type}.change"), record_type, key)
            };
        let entries = [
            by(Some(101), T0, "account", "1"),
            by(Some(102), T0 + minutes(1), "api-token", "7"),
            by(None, T0 + minutes(2), "attendance", "june.csv"),
            by(Some(101), T0 + minutes(3), "account", "2"),
            by(Some(101), T0 + minutes(4), "account", "1"),
        ];
        for entry in &entries {
            store.append_audit(entry).await.unwrap();
        }
        let search = |query: AuditQuery| async move {
            store
                .search_audit(&AuditQuery {
                    limit: if query.limit == 0 { 100 } else { query.limit },
                    ..query
                })
                .await
                .unwrap()
        };
        // Which of `entries` came back, by position.
        let which = |records: &[AuditRecord]| -> Vec<usize> {
            records
                .iter()
                .map(|r| {
                    entries
                        .iter()
                        .position(|e| *e == r.entry)
                        .expect("a stored entry comes back as it was")
                })
                .collect()
        };

        let all = search(AuditQuery::default()).await;
        assert_eq!(which(&all), [4, 3, 2, 1, 0]);
        assert!(all.windows(2).all(|w| w[0].id > w[1].id));
        assert_eq!(
            which(
                &search(AuditQuery {
                    actor: Some(AccountId(101)),
                    ..Default::default()
                })
                .await
            ),
            [4, 3, 0]
        );
        assert_eq!(
            which(
                &search(AuditQuery {
                    record_type: Some("account".into()),
                    record_key: Some("1".into()),
                    ..Default::default()
                })
                .await
            ),
            [4, 0]
        );
        assert_eq!(
            which(
                &search(AuditQuery {
                    record_key: Some("7".into()),
                    ..Default::default()
                })
                .await
            ),
            [1]
        );
        assert_eq!(
            which(
                &search(AuditQuery {
                    from: Some(T0 + minutes(1)),
                    until: Some(T0 + minutes(3)),
                    ..Default::default()
                })
                .await
            ),
            [2, 1],
            "from is inclusive, until exclusive"
        );
        assert_eq!(
            which(
                &search(AuditQuery {
                    actor: Some(AccountId(101)),
                    from: Some(T0 + minutes(1)),
                    ..Default::default()
                })
                .await
            ),
            [4, 3]
        );

        // Keyset pages of two.
        let mut pages = Vec::new();
        let mut before_id = None;
        loop {
            let page = search(AuditQuery {
                before_id,
                limit: 2,
                ..Default::default()
            })
            .await;
            let Some(last) = page.last() else { break };
            before_id = Some(last.id);
            pages.push(which(&page));
        }
        assert_eq!(pages, [vec![4, 3], vec![2, 1], vec![0]]);
    }
}

// The outbox.

#[tokio::test]
async fn outbox_messages_are_leased_sent_and_retried() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let store = db.store.as_ref();
        let a = store
            .enqueue_message(&email("a@example.org", T0))
            .await
            .unwrap();
        let b = store
            .enqueue_message(&email("b@example.org", T0))
            .await
            .unwrap();
        let sms = NewMessage {
            channel: Channel::Sms,
            recipient: "+19165550100".into(),
            language: "es".into(),
            ..email("", T0 + minutes(1))
        };
        let c = store.enqueue_message(&sms).await.unwrap();
        let later = store
            .enqueue_message(&email("later@example.org", T0 + minutes(60)))
            .await
            .unwrap();
        let ids = |messages: Vec<OutboxMessage>| messages.iter().map(|m| m.id).collect::<Vec<_>>();
        let claim = |now: OffsetDateTime, lease: i64, limit: u32| async move {
            store
                .claim_messages(now, now + minutes(lease), limit)
                .await
                .unwrap()
        };

        // T0+1: a and b (the limit), then c; nothing is left until the leases end at T0+6.
        assert_eq!(ids(claim(T0 + minutes(1), 5, 2).await), [a, b]);
        let rest = claim(T0 + minutes(1), 5, 10).await;
        assert_eq!(ids(rest.clone()), [c]);
        assert_eq!(
            rest[0],
            OutboxMessage {
                id: c,
                channel: Channel::Sms,
                recipient: "+19165550100".into(),
                language: "es".into(),
                purpose: "register-code".into(),
                subject: "Your code, ".into(),
                body: "Your code is 123456.".into(),
                calendar: None,
                created_at: T0 + minutes(1),
                attempts: 0,
                last_error: None,
                sent_at: None,
            }
        );
        assert!(ids(claim(T0 + minutes(2), 5, 10).await).is_empty());
        assert_eq!(ids(claim(T0 + minutes(6), 5, 10).await), [a, b, c]);

        store.message_sent(a, T0 + minutes(7)).await.unwrap();
        store
            .message_failed(b, "mailbox full", T0 + minutes(30))
            .await
            .unwrap();
        store.message_sent(c, T0 + minutes(7)).await.unwrap();
        assert!(ids(claim(T0 + minutes(20), 5, 10).await).is_empty());
        let retried = claim(T0 + minutes(30), 5, 10).await;
        assert_eq!(ids(retried.clone()), [b]);
        assert_eq!(
            (retried[0].attempts, retried[0].last_error.as_deref()),
            (1, Some("mailbox full"))
        );
        assert_eq!(ids(claim(T0 + minutes(60), 5, 10).await), [b, later]);

        let sent = store.outbox(Some("a@example.org"), 10).await.unwrap();
        assert_eq!(ids(sent.clone()), [a]);
        assert_eq!(
            (sent[0].sent_at, sent[0].attempts),
            (Some(T0 + minutes(7)), 1)
        );
        assert_eq!(ids(store.outbox(None, 2).await.unwrap()), [later, c]);
        assert_eq!(ids(store.outbox(None, 10).await.unwrap()), [later, c, b, a]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_claims_never_return_a_message_twice() {
    for db in testing::all().await {
        eprintln!("on {}", db.url);
        let mut enqueued = BTreeSet::new();
        for i in 0..60 {
            let message = email(&format!("p{i}@example.org"), T0);
            enqueued.insert(db.store.enqueue_message(&message).await.unwrap());
        }
        let workers: Vec<_> = (0..6)
            .map(|_| {
                let store = db.store.clone();
                tokio::spawn(async move {
                    let mut claimed = Vec::new();
                    loop {
                        let batch = store
                            .claim_messages(T0 + minutes(1), T0 + minutes(6), 3)
                            .await
                            .unwrap();
                        if batch.is_empty() {
                            return claimed;
                        }
                        claimed.extend(batch.into_iter().map(|m| m.id));
                    }
                })
            })
            .collect();
        let mut claimed = Vec::new();
        for worker in workers {
            claimed.extend(worker.await.unwrap());
        }
        let unique: BTreeSet<_> = claimed.iter().copied().collect();
        assert_eq!(unique.len(), claimed.len(), "a message was claimed twice");
        assert_eq!(unique, enqueued);
    }
}

#[tokio::test]
async fn times_in_any_offset_and_precision_compare_as_the_instants_they_are() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        seed(store).await;
        let id = create(store, &staff(Role::ServiceDesk, "desk@example.org")).await;
        // One hour after T0, written in California time with a fraction of a second: stored as
        // text it would sort before T0 unless the store keeps every time in UTC.
        let pacific = time::UtcOffset::from_hms(-8, 0, 0).unwrap();
        let expires = (T0 + minutes(60) + Duration::milliseconds(500)).to_offset(pacific);
        store
            .create_session(&session_for("offset", id, expires))
            .await
            .unwrap();
        assert!(store.session(b"offset", T0).await.unwrap().is_some());
        assert!(
            store
                .session(b"offset", (T0 + minutes(59)).to_offset(pacific))
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            store
                .session(b"offset", T0 + minutes(61))
                .await
                .unwrap()
                .is_none()
        );
    }
}
