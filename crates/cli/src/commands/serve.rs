//! `pathways serve`: the web pages and the JSON API.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address to listen on.
    #[arg(long, env = "PATHWAYS_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Load the demo program first if the database is empty.
    #[arg(long)]
    demo: bool,
    /// Mark cookies Secure (set this when the site is behind HTTPS).
    #[arg(long, env = "PATHWAYS_SECURE_COOKIES")]
    secure_cookies: bool,
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open(database_url).await?;
    if args.demo {
        let counts = store.table_counts().await?;
        if counts.courses == 0 && counts.providers == 0 {
            eprintln!("loading the demo program into an empty database…");
            super::demo::load(
                store.as_ref(),
                super::demo::DEFAULT_PROVIDERS,
                super::demo::DEFAULT_SEED,
            )
            .await?;
        } else {
            eprintln!("the database already holds data; the demo program is not loaded again");
        }
    }
    let config = pathways_web::WebConfig {
        secure_cookies: args.secure_cookies,
        ..Default::default()
    };
    // Outgoing messages (one-time codes): by SMTP when configured, otherwise files in ./outbox.
    let outbox = pathways_app::outbox::DeliveryWorker::from_config(
        store.clone(),
        &pathways_app::outbox::DeliveryConfig::from_env(),
    )?;
    let transports = outbox.transports();
    eprintln!(
        "outgoing email: {}; text messages: {}",
        transports.email.describe(),
        transports.sms.describe()
    );
    let app = pathways_web::build(store, config).await;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr()?;
    println!("Pathways is running at http://{addr}/ (press Ctrl-C to stop)");
    let outbox = outbox.spawn();
    let served = pathways_web::serve(listener, app).await;
    outbox.stop().await;
    served?;
    Ok(ExitCode::SUCCESS)
}
