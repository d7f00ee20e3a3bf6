//! The accounts service against real databases (SQLite, and PostgreSQL when configured):
//! a provider's self-service account, sign-in throttling, sessions, password resets, staff
//! activation and vendor API tokens.

use std::sync::Arc;

use pathways_app::access::Caller;
use pathways_app::accounts::{
    AccountError, AccountSettings, Accounts, Challenge, NewStaff, RegistrationStart,
};
use pathways_app::i18n::Locale;
use pathways_domain::access::{Actor, Role};
use pathways_domain::testing;
use pathways_store::accounts::{AuditQuery, OutboxMessage};
use pathways_store::testing::TestDatabase;
use pathways_store::{Batch, Store};
use time::Duration;

const STRONG: &str = "lemon bicycle under the winter moon";
const ADDRESS: &str = "198.51.100.7";

fn settings() -> AccountSettings {
    pathways_app::testing::fast_account_settings()
}

/// A database with vendors V1, V2 and provider 1 (phone (916) 555-0199, last name
/// "Provider1"), provider 2 (with an email on file).
async fn seeded() -> Vec<TestDatabase> {
    let dbs = pathways_store::testing::all().await;
    for db in &dbs {
        let mut two = testing::provider(2);
        two.email = Some("ana.two@example.org".into());
        let mut tx = db.store.begin_import().await.expect("an import");
        tx.upsert(&Batch::Vendors(vec![
            testing::vendor("V1"),
            testing::vendor("V2"),
        ]))
        .await
        .expect("vendors");
        tx.upsert(&Batch::Providers(vec![testing::provider(1), two]))
            .await
            .expect("providers");
        tx.commit().await.expect("commit");
    }
    dbs
}

fn service(store: &Arc<dyn Store>) -> Accounts {
    Accounts::new(store.clone(), settings())
}

async fn messages_to(store: &dyn Store, recipient: &str) -> Vec<OutboxMessage> {
    store.outbox(Some(recipient), 50).await.expect("the outbox")
}

/// The six-digit code in a message body.
fn code_in(message: &OutboxMessage) -> String {
    message
        .body
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no code in {:?}", message.body))
        .to_owned()
}

fn start(number: &str, last_name: &str, contact: &str) -> RegistrationStart {
    RegistrationStart {
        provider_number: number.into(),
        last_name: last_name.into(),
        contact: contact.into(),
        locale: Some(Locale::Es),
        address: ADDRESS.into(),
    }
}

#[tokio::test]
async fn a_provider_creates_an_account_with_the_code_sent_to_the_phone_on_file() {
    for db in seeded().await {
        let accounts = service(&db.store);
        let challenge = accounts
            .start_registration(&start("000000001", "provider1", "916-555-0199"))
            .await
            .expect("a challenge");
        let sent = messages_to(db.store.as_ref(), "(916) 555-0199").await;
        assert_eq!(sent.len(), 1, "one text message");
        assert_eq!(sent[0].language, "es");
        assert_eq!(sent[0].purpose, "register-code");
        let code = code_in(&sent[0]);
        let wrong = if code == "000000" { "111111" } else { "000000" };

        let refused = accounts
            .finish_registration(&challenge.id, wrong, STRONG, STRONG, Locale::Es)
            .await;
        assert!(
            matches!(refused, Err(AccountError::WrongCode)),
            "{refused:?}"
        );
        // A weak password is refused without using up the code.
        let weak = accounts
            .finish_registration(
                &challenge.id,
                &code,
                "password1234567",
                "password1234567",
                Locale::Es,
            )
            .await;
        assert!(matches!(weak, Err(AccountError::Password(_))), "{weak:?}");
        let signed = accounts
            .finish_registration(&challenge.id, &code, STRONG, STRONG, Locale::Es)
            .await
            .expect("an account");
        assert_eq!(signed.session.account.role, Role::Provider);
        assert_eq!(signed.session.account.language, "es");
        assert!(
            accounts
                .session(&signed.token)
                .await
                .expect("a lookup")
                .is_some()
        );
        // The code works once.
        let again = accounts
            .finish_registration(&challenge.id, &code, STRONG, STRONG, Locale::Es)
            .await;
        assert!(matches!(again, Err(AccountError::CodeExpired)), "{again:?}");
        // And the provider signs in with their number.
        accounts
            .sign_in("000000001", STRONG, ADDRESS, None)
            .await
            .expect("signed in");
        let audit = db
            .store
            .search_audit(&AuditQuery {
                record_type: Some("account".into()),
                limit: 10,
                ..AuditQuery::default()
            })
            .await
            .expect("the audit log");
        assert!(audit.iter().any(|a| a.entry.action == "account.register"));
    }
}

#[tokio::test]
async fn registration_answers_alike_whether_or_not_the_details_match_and_sends_nothing_to_strangers()
 {
    for db in seeded().await {
        let accounts = service(&db.store);
        let before = db.store.outbox(None, 100).await.expect("outbox").len();
        for attempt in [
            start("000000009", "Nobody", "916-555-0199"),
            start("000000001", "Someone Else", "916-555-0199"),
            start("000000001", "Provider1", "916-555-0000"),
            start("000000001", "Provider1", "someone@example.org"),
        ] {
            let challenge: Challenge = accounts
                .start_registration(&attempt)
                .await
                .expect("the same answer");
            assert_eq!(challenge.id.len(), 64);
            let finish = accounts
                .finish_registration(&challenge.id, "123456", STRONG, STRONG, Locale::En)
                .await;
            assert!(matches!(finish, Err(AccountError::WrongCode)), "{finish:?}");
        }
        assert_eq!(
            db.store.outbox(None, 100).await.expect("outbox").len(),
            before
        );
        assert!(
            db.store
                .account_by_provider(testing::provider_number(1))
                .await
                .expect("a lookup")
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_provider_number_has_one_account_and_the_real_person_is_told_of_a_second_attempt() {
    for db in seeded().await {
        let accounts = service(&db.store);
        accounts
            .create_provider_account(
                &Caller::command_line(),
                testing::provider_number(2),
                STRONG,
                Locale::En,
            )
            .await
            .expect("an account");
        let challenge = accounts
            .start_registration(&start("000000002", "Provider2", "ana.two@example.org"))
            .await
            .expect("a challenge");
        let sent = messages_to(db.store.as_ref(), "ana.two@example.org").await;
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].purpose, "register-exists");
        let finish = accounts
            .finish_registration(&challenge.id, "123456", STRONG, STRONG, Locale::En)
            .await;
        assert!(matches!(finish, Err(AccountError::WrongCode)));
    }
}

#[tokio::test]
async fn five_wrong_codes_end_a_code() {
    for db in seeded().await {
        let accounts = service(&db.store);
        let challenge = accounts
            .start_registration(&start("000000001", "Provider1", "9165550199"))
            .await
            .expect("a challenge");
        let code = code_in(&messages_to(db.store.as_ref(), "(916) 555-0199").await[0]);
        let wrong = if code == "999999" { "888888" } else { "999999" };
        for _ in 0..5 {
            let r = accounts
                .finish_registration(&challenge.id, wrong, STRONG, STRONG, Locale::En)
                .await;
            assert!(matches!(r, Err(AccountError::WrongCode)));
        }
        let r = accounts
            .finish_registration(&challenge.id, &code, STRONG, STRONG, Locale::En)
            .await;
        assert!(matches!(r, Err(AccountError::CodeExpired)), "{r:?}");
    }
}

#[tokio::test]
async fn twenty_wrong_passwords_are_refused_and_then_so_is_the_right_one() {
    for db in seeded().await {
        let accounts = service(&db.store);
        accounts
            .create_provider_account(
                &Caller::command_line(),
                testing::provider_number(1),
                STRONG,
                Locale::En,
            )
            .await
            .expect("an account");
        for attempt in 1..=20 {
            let r = accounts
                .sign_in("000000001", "not the password at all", ADDRESS, None)
                .await;
            let expected_throttle = attempt > settings().account_failure_limit;
            match r {
                Err(AccountError::WrongCredentials) => assert!(!expected_throttle, "{attempt}"),
                Err(AccountError::Throttled) => assert!(expected_throttle, "{attempt}"),
                other => panic!("attempt {attempt}: {other:?}"),
            }
        }
        let right = accounts.sign_in("000000001", STRONG, ADDRESS, None).await;
        assert!(matches!(right, Err(AccountError::Throttled)), "{right:?}");
        // From another address too: the account itself is locked for the window.
        let elsewhere = accounts
            .sign_in("000000001", STRONG, "203.0.113.50", None)
            .await;
        assert!(matches!(elsewhere, Err(AccountError::Throttled)));
    }
}

#[tokio::test]
async fn an_address_that_guesses_many_accounts_is_stopped() {
    for db in seeded().await {
        let accounts = Accounts::new(
            db.store.clone(),
            AccountSettings {
                address_failure_limit: 5,
                ..settings()
            },
        );
        for n in 0..5 {
            let r = accounts
                .sign_in(&format!("nobody{n}@example.org"), "whatever", ADDRESS, None)
                .await;
            assert!(matches!(r, Err(AccountError::WrongCredentials)));
        }
        let r = accounts
            .sign_in("nobody9@example.org", "whatever", ADDRESS, None)
            .await;
        assert!(matches!(r, Err(AccountError::Throttled)));
    }
}

#[tokio::test]
async fn sessions_end_on_sign_out_everywhere_idle_timeout_and_password_reset() {
    for db in seeded().await {
        let accounts = service(&db.store);
        let id = accounts
            .create_provider_account(
                &Caller::command_line(),
                testing::provider_number(1),
                STRONG,
                Locale::En,
            )
            .await
            .expect("an account");
        let phone = accounts
            .sign_in("000000001", STRONG, ADDRESS, None)
            .await
            .expect("in");
        let laptop = accounts
            .sign_in("000000001", STRONG, ADDRESS, Some(&phone.token))
            .await
            .expect("in");
        // Signing in again ends the session the browser had (rotation).
        assert!(
            accounts
                .session(&phone.token)
                .await
                .expect("lookup")
                .is_none()
        );
        assert!(
            accounts
                .session(&laptop.token)
                .await
                .expect("lookup")
                .is_some()
        );
        assert_eq!(accounts.sign_out_everywhere(id).await.expect("out"), 1);
        assert!(
            accounts
                .session(&laptop.token)
                .await
                .expect("lookup")
                .is_none()
        );

        // Idle sessions end.
        let idle = Accounts::new(
            db.store.clone(),
            AccountSettings {
                idle_timeout: Duration::ZERO,
                ..settings()
            },
        );
        let s = idle
            .sign_in("000000001", STRONG, ADDRESS, None)
            .await
            .expect("in");
        assert!(idle.session(&s.token).await.expect("lookup").is_none());

        // A reset goes to the phone on file and ends every session.
        let s = accounts
            .sign_in("000000001", STRONG, ADDRESS, None)
            .await
            .expect("in");
        let challenge = accounts
            .start_reset("000000001", Locale::En, ADDRESS)
            .await
            .expect("a challenge");
        let sent = messages_to(db.store.as_ref(), "(916) 555-0199").await;
        assert_eq!(sent[0].purpose, "reset-code");
        let new = "quiet harbor paper lantern seven";
        accounts
            .finish_reset(&challenge.id, &code_in(&sent[0]), new, new)
            .await
            .expect("reset");
        assert!(accounts.session(&s.token).await.expect("lookup").is_none());
        assert!(
            accounts
                .sign_in("000000001", STRONG, ADDRESS, None)
                .await
                .is_err()
        );
        accounts
            .sign_in("000000001", new, ADDRESS, None)
            .await
            .expect("in");
        // A reset for nobody looks the same and sends nothing.
        let before = db.store.outbox(None, 100).await.expect("outbox").len();
        accounts
            .start_reset("ghost@example.org", Locale::En, ADDRESS)
            .await
            .expect("the same answer");
        assert_eq!(
            db.store.outbox(None, 100).await.expect("outbox").len(),
            before
        );
    }
}

#[tokio::test]
async fn a_new_staff_account_is_activated_by_the_code_in_its_email() {
    for db in seeded().await {
        let accounts = service(&db.store);
        let admin = Caller::command_line();
        let staff = NewStaff {
            role: Role::CountyStaff,
            email: " Jordan.Lee@County.example ".into(),
            display_name: "Jordan Lee".into(),
            vendor: None,
            county: testing::county(34).into(),
            locale: Locale::ZhHant,
            password: None,
        };
        let id = accounts
            .create_staff(&admin, &staff)
            .await
            .expect("an account");
        let sent = messages_to(db.store.as_ref(), "jordan.lee@county.example").await;
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].language, "zh-Hant");
        let challenge = sent[0]
            .body
            .split("challenge=")
            .nth(1)
            .map(|rest| {
                rest.chars()
                    .take_while(char::is_ascii_hexdigit)
                    .collect::<String>()
            })
            .expect("a link with the challenge");
        // Not active until the password is set.
        assert!(
            accounts
                .sign_in("jordan.lee@county.example", STRONG, ADDRESS, None)
                .await
                .is_err()
        );
        accounts
            .finish_reset(&challenge, &code_in(&sent[0]), STRONG, STRONG)
            .await
            .expect("activated");
        let signed = accounts
            .sign_in("JORDAN.LEE@county.example", STRONG, ADDRESS, None)
            .await
            .expect("in");
        assert_eq!(signed.session.account.id, id);
        assert_eq!(
            signed.session.caller.actor,
            Actor::CountyStaff {
                county: testing::county(34)
            }
        );
        // The same email cannot be used twice; a vendor role needs a vendor.
        assert!(matches!(
            accounts.create_staff(&admin, &staff).await,
            Err(AccountError::EmailTaken)
        ));
        let no_vendor = NewStaff {
            role: Role::VendorStaff,
            email: "v@example.org".into(),
            county: None,
            ..staff.clone()
        };
        assert!(matches!(
            accounts.create_staff(&admin, &no_vendor).await,
            Err(AccountError::VendorRequired)
        ));
        // Only a program admin creates accounts.
        assert!(matches!(
            accounts
                .create_staff(
                    &signed.session.caller,
                    &NewStaff {
                        email: "x@example.org".into(),
                        ..staff
                    }
                )
                .await,
            Err(AccountError::Access(_))
        ));
    }
}

#[tokio::test]
async fn api_tokens_belong_to_one_vendor_and_stop_working_when_revoked() {
    for db in seeded().await {
        let accounts = service(&db.store);
        let admin = Caller::command_line();
        for (email, vendor) in [("one@v1.example", "V1"), ("two@v2.example", "V2")] {
            accounts
                .create_staff(
                    &admin,
                    &NewStaff {
                        role: Role::VendorStaff,
                        email: email.into(),
                        display_name: format!("Staff of {vendor}"),
                        vendor: Some(testing::vendor_code(vendor)),
                        county: None,
                        locale: Locale::En,
                        password: Some(STRONG.into()),
                    },
                )
                .await
                .expect("an account");
        }
        let one = accounts
            .sign_in("one@v1.example", STRONG, ADDRESS, None)
            .await
            .expect("in");
        let two = accounts
            .sign_in("two@v2.example", STRONG, ADDRESS, None)
            .await
            .expect("in");
        let v1 = testing::vendor_code("V1");
        let (id, secret) = accounts
            .create_api_token(&one.session.caller, &v1, "Roster system")
            .await
            .expect("a token");
        assert!(secret.starts_with("pwt_") && secret.len() > 60);
        let caller = accounts
            .api_caller(&secret)
            .await
            .expect("lookup")
            .expect("live");
        assert_eq!(caller.actor, Actor::VendorStaff { vendor: v1.clone() });
        assert!(
            accounts
                .api_caller("pwt_nonsense")
                .await
                .expect("lookup")
                .is_none()
        );
        // Another vendor can neither see, make nor revoke V1's tokens.
        assert!(accounts.api_tokens(&two.session.caller, &v1).await.is_err());
        assert!(
            accounts
                .create_api_token(&two.session.caller, &v1, "x")
                .await
                .is_err()
        );
        assert!(
            accounts
                .revoke_api_token(&two.session.caller, &v1, id)
                .await
                .is_err()
        );
        assert!(
            accounts
                .api_caller(&secret)
                .await
                .expect("lookup")
                .is_some()
        );
        // Nothing but the hash is stored.
        let listed = accounts
            .api_tokens(&one.session.caller, &v1)
            .await
            .expect("list");
        assert_eq!(listed.len(), 1);
        assert!(secret.starts_with(&listed[0].prefix));
        accounts
            .revoke_api_token(&one.session.caller, &v1, id)
            .await
            .expect("revoked");
        assert!(
            accounts
                .api_caller(&secret)
                .await
                .expect("lookup")
                .is_none()
        );
        assert!(matches!(
            accounts
                .revoke_api_token(&one.session.caller, &v1, id)
                .await,
            Err(AccountError::NoSuchToken)
        ));
    }
}

#[tokio::test]
async fn guessing_the_current_password_from_a_signed_in_session_is_throttled_too() {
    for db in seeded().await {
        let accounts = service(&db.store);
        accounts
            .create_provider_account(
                &Caller::command_line(),
                testing::provider_number(1),
                STRONG,
                Locale::En,
            )
            .await
            .expect("an account");
        let signed = accounts
            .sign_in("000000001", STRONG, ADDRESS, None)
            .await
            .expect("in");
        let new = "quiet harbor paper lantern seven";
        for _ in 0..settings().account_failure_limit {
            let r = accounts
                .change_password(&signed.session, "a wrong guess here", new, new)
                .await;
            assert!(matches!(r, Err(AccountError::WrongCredentials)), "{r:?}");
        }
        let r = accounts
            .change_password(&signed.session, STRONG, new, new)
            .await;
        assert!(matches!(r, Err(AccountError::Throttled)), "{r:?}");
        assert!(
            accounts
                .sign_in("000000001", new, ADDRESS, None)
                .await
                .is_err()
        );
    }
}
