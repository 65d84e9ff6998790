//! Whole forms composed at random from independent features (#21): the
//! geometry (lines, `Label: value` cells, tables under one to three header
//! rows, a unit column), the heading block and title, two periods side by
//! side and quarter groups, hidden rows, columns and sheets, merges, `Trong
//! đó` sub-lines and parts, total rows among decoy sectors, how numbers and
//! words are typed, notes, signatures and stray numbers. Each form is built
//! with its true figures, or marked as one an official could not read
//! unambiguously; each must be read exactly, or refused with a finding —
//! never given a wrong figure.
//!
//! The forms are read in memory by the library the binary runs (the reader
//! processes run the same code); a sample goes through the binary too.
//! `DVCTT_FORM_SEED=<seed>` replays one form and prints what was read.

mod build;
mod rng;
mod spec;
mod units;

use crate::support::*;
use dvctt::config::Config;
use dvctt::finding::Severity;
use dvctt::quarter::Quarter;
use dvctt::read::{ReadContext, read_bytes};
use dvctt::roster::Roster;
use spec::{Fault, Spec};

/// What became of one generated form.
#[derive(Debug)]
pub enum Verdict {
    Right,
    /// Refused: the findings said (rule and message).
    Refused(Vec<String>),
    /// A wrong figure accepted, or a form that had to be refused taken.
    Wrong(String),
}

/// What a run of the property found.
#[derive(Default)]
struct Tally {
    right: usize,
    refused_readable: Vec<(u64, Vec<String>)>,
    refused_faulty: usize,
    wrong: Vec<(u64, String)>,
}

fn quarter() -> Quarter {
    Quarter::new(2020, 1).expect("a quarter")
}

fn roster() -> Roster {
    Roster::parse(
        &std::fs::read_to_string(format!("{REPO}/templates/roster.toml")).expect("roster"),
    )
    .expect("the shipped roster")
}

/// Reads `bytes` as the run reads a file, and checks it against the roster.
pub fn judge(spec: &Spec, bytes: &[u8], name: &str, roster: &Roster) -> Verdict {
    let config = Config::default();
    let today = chrono::NaiveDate::from_ymd_opt(2020, 4, 15).expect("a day");
    let context = ReadContext::new(Some(quarter()), today);
    let reading = read_bytes(bytes, name, &config.limits, &context);
    let mut findings = reading.findings;
    let mut unit = None;
    // Parsed once: parsing it for each form was a tenth of this test's time.
    static WORDING: std::sync::LazyLock<dvctt::wording::Wording> = std::sync::LazyLock::new(|| {
        dvctt::wording::Wording::parse(
            &std::fs::read_to_string(format!("{REPO}/templates/wording.toml")).expect("wording"),
        )
        .expect("the shipped wording")
    });
    if let Some(submission) = &reading.submission {
        let checked = dvctt::check::check(
            submission,
            roster,
            Some(quarter()),
            &WORDING,
            &config.checks,
        );
        findings.extend(checked.findings);
        unit = checked.unit;
    }
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.rule.severity() == Severity::Error)
        .map(|f| {
            format!(
                "{} {}: {}",
                f.rule.id(),
                f.cell.clone().unwrap_or_default(),
                f.message
            )
        })
        .collect();
    let Some(submission) = reading.submission.filter(|_| errors.is_empty()) else {
        return Verdict::Refused(errors);
    };
    if spec.fault != Fault::None {
        return Verdict::Wrong(format!(
            "a form with fault {} was accepted: {:?}",
            spec.fault.name(),
            figures(&submission)
        ));
    }
    let want = (
        Some(spec.unit().code.to_string()),
        Some(spec.now.total),
        Some(spec.now.level4),
        spec.with_level3.then_some(spec.now.level3),
    );
    let got = (
        unit,
        submission.counts.total.as_ref().map(|l| l.value),
        submission.counts.level4.as_ref().map(|l| l.value),
        submission
            .counts
            .level3
            .as_ref()
            .and_then(|l| l.value.number()),
    );
    if got != want {
        return Verdict::Wrong(format!("read {got:?}, want {want:?}"));
    }
    Verdict::Right
}

fn figures(s: &dvctt::submission::Submission) -> (Option<u64>, Option<u64>) {
    (
        s.counts.total.as_ref().map(|l| l.value),
        s.counts.level4.as_ref().map(|l| l.value),
    )
}

fn tally(tally: &mut Tally, spec: &Spec, verdict: Verdict) {
    match verdict {
        Verdict::Right => tally.right += 1,
        Verdict::Refused(_) if spec.fault != Fault::None => tally.refused_faulty += 1,
        Verdict::Refused(why) => tally.refused_readable.push((spec.seed, why)),
        Verdict::Wrong(why) => tally.wrong.push((spec.seed, why)),
    }
}

/// The property over `forms`: no wrong figure, and at most 5% of the
/// readable forms refused. Prints the tally and every failing seed.
fn assert_property(what: &str, tally: &Tally, forms: usize) {
    let readable = tally.right + tally.refused_readable.len();
    eprintln!(
        "{what}: {forms} forms: {} right, {} refused (must be), {} refused (readable), {} wrong",
        tally.right,
        tally.refused_faulty,
        tally.refused_readable.len(),
        tally.wrong.len()
    );
    for (seed, why) in tally.wrong.iter().take(20) {
        eprintln!("  WRONG seed {seed}: {why}");
    }
    for (seed, why) in tally.refused_readable.iter().take(20) {
        eprintln!("  refused seed {seed}: {why:?}");
    }
    assert!(
        tally.wrong.is_empty(),
        "{what}: {} wrong figures (replay with DVCTT_FORM_SEED=<seed>)",
        tally.wrong.len()
    );
    assert!(
        tally.refused_readable.len() * 20 <= readable,
        "{what}: {} of {readable} readable forms refused (more than 5%)",
        tally.refused_readable.len()
    );
}

/// The seeds a test reads: `DVCTT_FORM_SEED` alone when set; a range
/// `DVCTT_FORM_SEEDS=from..to` to explore further than the test does.
fn seeds(from: u64, count: u64) -> Vec<u64> {
    if let Ok(seed) = std::env::var("DVCTT_FORM_SEED") {
        return vec![seed.parse().expect("DVCTT_FORM_SEED is a number")];
    }
    if let Ok(range) = std::env::var("DVCTT_FORM_SEEDS") {
        let (a, b) = range
            .split_once("..")
            .expect("DVCTT_FORM_SEEDS is from..to");
        return (a.parse().expect("from")..b.parse().expect("to")).collect();
    }
    (from..from + count).collect()
}

fn replaying() -> bool {
    std::env::var_os("DVCTT_FORM_SEED").is_some()
}

#[test]
fn two_thousand_generated_forms_are_read_exactly_or_refused() {
    let roster = roster();
    let mut t = Tally::default();
    let seeds = seeds(1, 2000);
    for &seed in &seeds {
        let spec = Spec::draw(seed);
        let bytes = book(&build::build(&spec));
        let verdict = judge(&spec, &bytes, "bao-cao.xlsx", &roster);
        if replaying() {
            eprintln!("{spec:#?}\n{verdict:?}");
            std::fs::write(format!("/tmp/form-{seed}.xlsx"), &bytes).expect("written");
        }
        tally(&mut t, &spec, verdict);
    }
    assert_property("xlsx", &t, seeds.len());
}

/// Saved by LibreOffice as `.ods` and `.xls` (opened the way it opens a
/// script's file, results as saved), each form must still be read exactly
/// or refused.
#[test]
fn generated_forms_saved_as_ods_and_xls_are_read_exactly_or_refused() {
    if !require_soffice("generated_forms_saved_as_ods_and_xls_are_read_exactly_or_refused")
        || replaying()
    {
        return;
    }
    let roster = roster();
    let wd = Workdir::new();
    // Each form costs LibreOffice about a tenth of a second to convert.
    let specs: Vec<Spec> = (3001..3001 + trials(100, 600) as u64)
        .map(Spec::draw)
        .collect();
    let written: Vec<std::path::PathBuf> = specs
        .iter()
        .map(|spec| {
            wd.write(
                &format!("xlsx/{}.xlsx", spec.seed),
                &book(&build::build(spec)),
            )
        })
        .collect();
    let (odd, even): (Vec<_>, Vec<_>) = written.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    fn paths<'a>(half: &[(usize, &'a std::path::PathBuf)]) -> Vec<&'a std::path::Path> {
        half.iter().map(|(_, p)| p.as_path()).collect()
    }
    let ods = soffice_convert_with(&paths(&odd), "ods", &wd.path("ods"), false);
    let xls = soffice_convert_with(&paths(&even), "xls", &wd.path("xls"), false);
    let mut t = Tally::default();
    let converted = odd
        .iter()
        .map(|(i, _)| *i)
        .zip(ods)
        .chain(even.iter().map(|(i, _)| *i).zip(xls));
    for (i, path) in converted {
        let bytes = std::fs::read(&path).expect("converted");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let verdict = judge(&specs[i], &bytes, &name, &roster);
        tally(&mut t, &specs[i], verdict);
    }
    assert_property("ods and xls", &t, specs.len());
}

/// What `dvctt check` prints of one file: accepted or not, the unit's
/// code, the total, the level-4 count.
type Printed = (bool, Option<String>, Option<u64>, Option<u64>);

fn printed(text: &str, file: &str) -> Option<Printed> {
    let start = text.find(&format!("{file}: "))?;
    let block: Vec<&str> = text[start..]
        .lines()
        .take_while(|l| l.starts_with(file) || l.starts_with("  "))
        .collect();
    let accepted = block.first()?.ends_with(": HỢP LỆ");
    let figure = |label: &str| {
        block.iter().find_map(|l| {
            let rest = l.trim().strip_prefix(label)?;
            let digits: String = rest
                .split_whitespace()
                .next()?
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
    };
    let code = block.iter().find_map(|l| {
        let (_, rest) = l.split_once("(mã ")?;
        Some(rest.split(')').next()?.to_string())
    });
    Some((
        accepted,
        code,
        figure("Tổng số TTHC:"),
        figure("Số DVCTT mức độ 4:"),
    ))
}

/// The binary reads each form (in its reader processes) as the library
/// does in memory: the same verdict, unit and figures for every one.
#[test]
fn generated_forms_read_through_the_binary_as_in_memory() {
    if replaying() {
        return;
    }
    let roster = roster();
    let wd = Workdir::new();
    let specs: Vec<Spec> = (5001..=5120).map(Spec::draw).collect();
    let mut args = vec!["check".to_string(), "--quarter".into(), "2020-Q1".into()];
    for spec in &specs {
        let name = format!("forms/{}.xlsx", spec.seed);
        wd.write(&name, &book(&build::build(spec)));
        args.push(name);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = wd.on_day("2020-04-15", &args);
    let text = String::from_utf8_lossy(&out.stdout);
    let mut t = Tally::default();
    for spec in &specs {
        let file = format!("{}.xlsx", spec.seed);
        let bytes = std::fs::read(wd.path(&format!("forms/{file}"))).expect("form");
        let verdict = judge(spec, &bytes, &file, &roster);
        let seen = printed(&text, &file).unwrap_or_else(|| panic!("{file} not printed:\n{text}"));
        match &verdict {
            Verdict::Right => assert_eq!(
                seen,
                (
                    true,
                    Some(spec.unit().code.to_string()),
                    Some(spec.now.total),
                    Some(spec.now.level4)
                ),
                "seed {}",
                spec.seed
            ),
            Verdict::Refused(_) => assert!(!seen.0, "seed {}: accepted by the binary", spec.seed),
            Verdict::Wrong(_) => {}
        }
        tally(&mut t, spec, verdict);
    }
    assert_property("through the binary", &t, specs.len());
}
