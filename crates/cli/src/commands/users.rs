//! `pathways users`: staff accounts from the command line (the first program admin, above
//! all, since every other account is made by an admin).

use std::io::BufRead as _;
use std::process::ExitCode;
use std::sync::Arc;

use pathways_app::access::Caller;
use pathways_app::accounts::{AccountError, AccountSettings, Accounts, NewStaff};
use pathways_app::i18n::Locale;
use pathways_domain::access::Role;
use pathways_domain::ids::{CountyCode, VendorCode};
use pathways_store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Create a staff account. Without --password-stdin, an activation code goes to the email
    /// (through the outbox) to set the first password.
    Add(AddArgs),
    /// List accounts.
    List {
        /// Only this role.
        #[arg(long, value_parser = parse_role)]
        role: Option<Role>,
    },
}

#[derive(Debug, clap::Args)]
struct AddArgs {
    /// program-admin, service-desk, coach, county-staff or vendor-staff.
    #[arg(long, value_parser = parse_role)]
    role: Role,
    #[arg(long)]
    email: String,
    /// The person's name as shown to others.
    #[arg(long)]
    name: String,
    /// The vendor code, for vendor staff.
    #[arg(long, value_parser = parse_vendor)]
    vendor: Option<VendorCode>,
    /// The county code (01–58), for county staff.
    #[arg(long, value_parser = parse_county)]
    county: Option<CountyCode>,
    /// en, es or zh-Hant.
    #[arg(long, default_value = "en", value_parser = parse_locale)]
    language: Locale,
    /// Read the password from the first line of standard input instead of sending a code.
    #[arg(long)]
    password_stdin: bool,
}

fn parse_role(raw: &str) -> Result<Role, String> {
    Role::parse(raw).ok_or_else(|| {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
        format!("unknown role; use one of {}", names.join(", "))
    })
}

fn parse_vendor(raw: &str) -> Result<VendorCode, String> {
    VendorCode::parse(raw).map_err(|e| e.to_string())
}

fn parse_county(raw: &str) -> Result<CountyCode, String> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .and_then(CountyCode::new)
        .ok_or_else(|| "a county code is a number from 01 to 58".to_owned())
}

fn parse_locale(raw: &str) -> Result<Locale, String> {
    Locale::from_tag(raw).ok_or_else(|| "use en, es or zh-Hant".to_owned())
}

pub async fn run(store: Arc<dyn Store>, args: Args) -> anyhow::Result<ExitCode> {
    let accounts = Accounts::new(store, AccountSettings::from_env());
    let caller = Caller::command_line();
    match args.command {
        Command::Add(add) => {
            let password = if add.password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                Some(line.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            let staff = NewStaff {
                role: add.role,
                email: add.email,
                display_name: add.name,
                vendor: add.vendor,
                county: add.county,
                locale: add.language,
                password,
            };
            match accounts.create_staff(&caller, &staff).await {
                Ok(id) => {
                    if staff.password.is_some() {
                        println!("account {id} created; it can sign in now");
                    } else {
                        println!(
                            "account {id} created; an activation code is in the outbox for {}",
                            staff.email.trim()
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e @ (AccountError::Store(_) | AccountError::Hashing)) => Err(e.into()),
                Err(e) => {
                    eprintln!("refused: {e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::List { role } => {
            let mut after = None;
            println!("id\trole\temail or provider\tname\tvendor\tcounty\tstate");
            loop {
                let page = accounts.list(&caller, role, after, 500).await?;
                let Some(last) = page.last() else { break };
                after = Some(last.id);
                for a in &page {
                    let state = if a.disabled {
                        "disabled"
                    } else if a.active {
                        "active"
                    } else {
                        "not activated"
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{state}",
                        a.id,
                        a.role,
                        a.email
                            .clone()
                            .or_else(|| a.provider.clone())
                            .unwrap_or_default(),
                        a.display_name,
                        a.vendor.clone().unwrap_or_default(),
                        a.county.map(|c| format!("{c:02}")).unwrap_or_default(),
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
