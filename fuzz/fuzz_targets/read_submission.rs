//! Arbitrary bytes through the submission reader and the checks, as the
//! reader process of `dvctt run` / `dvctt check` reads a file (in-process,
//! within the default limits).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn roster() -> &'static dvctt::roster::Roster {
    static ROSTER: OnceLock<dvctt::roster::Roster> = OnceLock::new();
    ROSTER.get_or_init(|| {
        dvctt::roster::Roster::parse(include_str!("../../templates/roster.toml")).expect("roster")
    })
}

fuzz_target!(|data: &[u8]| {
    // The reader catches a parser's panic and reports the file unreadable,
    // as the product does: only what escapes that is a crash. libFuzzer's
    // own hook would abort on the caught ones too.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let limits = dvctt::config::LimitsConfig::default();
    let quarter = dvctt::quarter::Quarter::new(2020, 1);
    // Read as in the run of 2020-Q1, on the day after its quarter ended.
    let today = quarter.expect("a quarter").last_day().succ_opt().expect("a date");
    let context = dvctt::read::ReadContext::new(quarter, today);
    let reading = dvctt::read::read_bytes(data, "fuzz.xlsx", &limits, &context);
    if let Some(submission) = &reading.submission {
        let _ = dvctt::check::check(submission, roster(), quarter, &Default::default());
    }
});
