//! Arbitrary bytes through the path a file takes in `dvctt run` / `dvctt
//! check`: read by the reader process (`read_bytes`, within the default
//! limits), its answer framed as the worker writes it and decoded as the
//! run reads it (`protocol`), then checked. The pipe is part of the path:
//! an answer the run cannot decode makes a good file unreadable (a NaN once
//! did), so a frame that does not decode, or decodes to something else, is
//! a crash here.
#![no_main]

use dvctt::pool::protocol::{Response, read_frame, write_frame};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn roster() -> &'static dvctt::roster::Roster {
    static ROSTER: OnceLock<dvctt::roster::Roster> = OnceLock::new();
    ROSTER.get_or_init(|| {
        dvctt::roster::Roster::parse(include_str!("../../templates/roster.toml")).expect("roster")
    })
}

fn wording() -> &'static dvctt::wording::Wording {
    static WORDING: OnceLock<dvctt::wording::Wording> = OnceLock::new();
    WORDING.get_or_init(|| {
        dvctt::wording::Wording::parse(include_str!("../../templates/wording.toml"))
            .expect("wording")
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
    let today = quarter
        .expect("a quarter")
        .last_day()
        .succ_opt()
        .expect("a date");
    let context = dvctt::read::ReadContext::new(quarter, today);
    let reading = dvctt::read::read_bytes(data, "fuzz.xlsx", &limits, &context);
    // Over the pipe as the worker answers and the run decodes.
    let mut frame = Vec::new();
    write_frame(&mut frame, &Response::Reading(Box::new(reading))).expect("a frame");
    let decoded = read_frame::<Response>(&mut frame.as_slice())
        .expect("the run decodes the worker's frame")
        .expect("a whole frame");
    let mut again = Vec::new();
    write_frame(&mut again, &decoded).expect("a frame");
    assert!(again == frame, "the frame decodes to another reading");
    let Response::Reading(reading) = decoded else {
        panic!("not a reading");
    };
    if let Some(submission) = &reading.submission {
        let _ = dvctt::check::check(submission, roster(), quarter, wording(), &Default::default());
    }
});
