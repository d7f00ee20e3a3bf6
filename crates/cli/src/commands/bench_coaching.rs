//! `pathways bench coaching`: finding open times for a topic and a language across 200 coaches
//! with a month of published hours and bookings, asked at a steady rate (200 requests a second
//! by default) by concurrent requests, on a scratch SQLite database; prints the latencies
//! (target: p99 under 50 ms at 200 requests a second).

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use anyhow::bail;
use pathways_app::access::Caller;
use pathways_app::coaching::{Coaching, CoachingRules};
use pathways_domain::access::Actor;
use pathways_domain::coaching::{Availability, HelpTopic, WeeklyHours};
use pathways_domain::ids::ProviderNumber;
use pathways_store::NewCoach;
use time::macros::datetime;
use time::{Time, Weekday};

/// The days of open times a search asks for, as the provider's page does.
const DAYS_SHOWN: i64 = 14;

const LANGUAGES: [&str; 8] = ["en", "es", "zh-Hant", "hy", "ko", "ru", "vi", "tl"];

pub async fn run(coaches: u32, rate: u32, seconds: u32) -> anyhow::Result<ExitCode> {
    let path =
        std::env::temp_dir().join(format!("pathways-bench-coaching-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let store = super::open(&format!("sqlite://{}", path.display())).await?;
    let coaching = Coaching::new(Arc::clone(&store), CoachingRules::default());
    let admin = Caller {
        actor: Actor::ProgramAdmin,
        account: None,
        label: "bench".into(),
    };
    // Each coach: two languages, every topic, weekdays 9:00-12:00 and 13:00-17:00.
    let now = datetime!(2027-02-01 8:00);
    let started = Instant::now();
    let mut ids = Vec::new();
    for n in 0..coaches {
        let i = n as usize;
        let id = coaching
            .add_coach(
                &admin,
                &NewCoach {
                    name: format!("Coach {n}"),
                    languages: vec![
                        LANGUAGES[i % LANGUAGES.len()].to_owned(),
                        LANGUAGES[(i + 1) % LANGUAGES.len()].to_owned(),
                    ],
                    topics: HelpTopic::ALL.to_vec(),
                    account: None,
                },
            )
            .await?;
        let mut weekly = Vec::new();
        for day in [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
        ] {
            for (start, end) in [(9, 12), (13, 17)] {
                weekly.push(WeeklyHours {
                    weekday: day,
                    start: Time::from_hms(start, 0, 0)?,
                    end: Time::from_hms(end, 0, 0)?,
                });
            }
        }
        coaching
            .publish_hours(&admin, id, &Availability::new(weekly, vec![])?)
            .await?;
        ids.push(id);
    }
    // A quarter of the month's slots booked, spread over coaches and days.
    let mut booked = 0u32;
    for (k, id) in ids.iter().enumerate() {
        let open = coaching
            .open_times(
                HelpTopic::Payments,
                LANGUAGES[k % LANGUAGES.len()],
                now,
                now,
                now + time::Duration::days(30),
            )
            .await?;
        for (j, slot) in open.iter().filter(|o| o.coach == *id).enumerate() {
            if j % 4 != 0 {
                continue;
            }
            let provider = ProviderNumber::from_i64(i64::from(100_000_000 + booked))?;
            let who = Caller {
                actor: Actor::Provider { provider },
                account: None,
                label: "bench".into(),
            };
            coaching
                .book(
                    &who,
                    provider,
                    *id,
                    HelpTopic::Payments,
                    LANGUAGES[k % LANGUAGES.len()],
                    slot.starts_at,
                    now,
                )
                .await?;
            booked += 1;
        }
    }
    println!(
        "{coaches} coaches with a month of hours and {booked} appointments made in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // Requests at a steady rate, each on its own task, for `seconds`.
    let total = rate * seconds;
    let interval = StdDuration::from_secs_f64(1.0 / f64::from(rate));
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut tasks = Vec::with_capacity(total as usize);
    let run_started = Instant::now();
    for n in 0..total {
        ticker.tick().await;
        let coaching = coaching.clone();
        let language = LANGUAGES[n as usize % LANGUAGES.len()];
        tasks.push(tokio::spawn(async move {
            let asked = Instant::now();
            let open = coaching
                .open_times(
                    HelpTopic::ALL[n as usize % 4],
                    language,
                    now,
                    now,
                    now + time::Duration::days(DAYS_SHOWN),
                )
                .await;
            (asked.elapsed(), open.map(|o| o.len()))
        }));
    }
    let mut latencies = Vec::with_capacity(tasks.len());
    let mut found = 0usize;
    for task in tasks {
        let (took, open) = task.await?;
        found += open?;
        latencies.push(took);
    }
    let wall = run_started.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: StdDuration| d.as_secs_f64() * 1000.0;
    println!(
        "{total} searches in {:.1} s ({:.0} a second), {} open times found on average",
        wall.as_secs_f64(),
        f64::from(total) / wall.as_secs_f64(),
        found / latencies.len().max(1)
    );
    println!(
        "latency: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms (target: p99 < 50 ms)",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(at(1.0))
    );
    drop(coaching);
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
    if found == 0 {
        bail!("no open time was found");
    }
    Ok(ExitCode::SUCCESS)
}
