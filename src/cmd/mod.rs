//! The commands, one module each (as xsv's `src/cmd/`): `main` parses the
//! arguments, resolves them once into a `Job` where the command works on a
//! quarter, and calls the command, which returns what it found or why it
//! stopped. `pipeline` holds the stages every quarter runs through.

pub mod check;
pub mod config;
pub mod run;
pub mod template;
pub mod verify;
mod written;

use std::path::PathBuf;

use crate::cli::QuarterInputs;
use crate::config::Settings;
use crate::quarter::Quarter;

pub use crate::failure::Failure;

/// What a finished command found: `Rejected` (something for a person: a
/// file rejected, a change awaiting confirmation, a report that differs) exits 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Rejected,
}

/// A quarter's run resolved once from the command line, the settings and
/// the day: which quarter, where its inputs are, where its report goes.
/// `run` and `verify` work from it, so `verify` is given exactly what the
/// run was.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    pub quarter: Quarter,
    /// The run's date: today, or the one the manifest records (`verify`).
    pub today: chrono::NaiveDate,
    pub submissions: PathBuf,
    pub reports: PathBuf,
    /// `--baseline`: the previous quarter's figures from this file.
    pub baseline: Option<PathBuf>,
    pub settings: &'a Settings,
}

impl<'a> Job<'a> {
    /// The quarter asked for (or the last one ended), within bounds and
    /// ended unless an open one is allowed; the default folders filled in.
    pub fn resolve(
        inputs: &QuarterInputs,
        settings: &'a Settings,
        today: chrono::NaiveDate,
    ) -> Result<Job<'a>, Failure> {
        let quarter = inputs.quarter_or_last(today)?;
        Ok(Job {
            quarter,
            today,
            submissions: inputs.submissions_of(quarter),
            reports: inputs.reports.clone(),
            baseline: inputs.baseline.clone(),
            settings,
        })
    }

    /// `reports/<quarter>`, where the report goes.
    pub fn quarter_dir(&self) -> PathBuf {
        crate::reports_dir::quarter_dir(&self.reports, self.quarter)
    }
}

/// The environment variable that fixes "today" for a test (or to re-run a
/// past day's cron job): `DVCTT_TODAY=2026-11-23`. Unset: the local date.
pub const TODAY_VARIABLE: &str = "DVCTT_TODAY";

/// The years `DVCTT_TODAY` may name: every date a run writes (the quarter
/// before, deadlines up to a year on) stays inside Excel's 1900-9999.
const TODAY_YEARS: std::ops::RangeInclusive<i32> = 1901..=9998;

/// Today's date, which picks the quarter a run with no `--quarter` reports.
pub fn today() -> Result<chrono::NaiveDate, Failure> {
    use chrono::Datelike;
    match std::env::var(TODAY_VARIABLE) {
        Ok(text) => chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| TODAY_YEARS.contains(&d.year()))
            .ok_or_else(|| {
                crate::cli::ArgumentError::BadToday {
                    variable: TODAY_VARIABLE,
                    text,
                    years: TODAY_YEARS,
                }
                .into()
            }),
        Err(_) => Ok(crate::quarter::vietnam_today()),
    }
}

/// The reader processes every file of a command goes through.
fn start_pool(settings: &Settings) -> Result<crate::pool::Pool, Failure> {
    Ok(crate::pool::Pool::start(&settings.config.limits)?)
}
