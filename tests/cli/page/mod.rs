//! The overview page (`tong-quan-<quarter>.html`, #25), opened in headless
//! Chromium: what it shows against summary.json (figures, the map's shapes
//! and colours, the lists, the sorting), that nothing on it is drawn over
//! anything else on screen or in print, that it prints on A4 landscape, that
//! it reads with scripts off, and that it fetches nothing. Screenshots and
//! printed pages are kept under target/tmp/page/ for a person to look at.

mod browser;
mod figures;
mod map;
mod network;
mod print;
mod waiting;

use crate::support::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A run and what it wrote.
pub struct Ran {
    pub dir: PathBuf,
    pub quarter: String,
    pub summary: serde_json::Value,
}

impl Ran {
    pub fn page(&self) -> PathBuf {
        self.dir
            .join(format!("reports/{q}/tong-quan-{q}.html", q = self.quarter))
    }

    pub fn html(&self) -> String {
        std::fs::read_to_string(self.page()).expect("the page is written")
    }

    pub fn units(&self) -> &Vec<serde_json::Value> {
        self.summary["units"].as_array().expect("units")
    }
}

/// The shipped sample quarter (83 units: rejected and missing ones, late
/// ones, a unit that sent two files), run once for every test that reads it,
/// in target/tmp/page/sample on the day its feedback was issued.
pub fn sample() -> &'static Ran {
    static SAMPLE: OnceLock<Ran> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = browser::keep("sample");
        let _ = std::fs::remove_dir_all(&dir);
        copy_folder(
            &format!("{REPO}/submissions/2020-Q1"),
            &dir.join("submissions"),
        );
        copy_folder(
            &format!("{REPO}/reports/2019-Q4"),
            &dir.join("reports/2019-Q4"),
        );
        let out = dvctt_command(BIN)
            .args(["--config", &format!("{REPO}/dvctt.toml")])
            .args([
                "run",
                "--quarter",
                "2020-Q1",
                "--submissions",
                "submissions",
            ])
            .current_dir(&dir)
            .env("DVCTT_TODAY", "2020-04-15")
            .env("RUST_LOG", "warn")
            .output()
            .expect("run dvctt");
        assert_eq!(code(&out), 3, "{}", stderr(&out));
        let summary = serde_json::from_slice(
            &std::fs::read(dir.join("reports/2020-Q1/summary.json")).expect("summary.json"),
        )
        .expect("summary.json parses");
        assert_valid_summary(&summary);
        Ran {
            dir,
            quarter: "2020-Q1".to_string(),
            summary,
        }
    })
}

/// What `tests/cli/page/probe.js` measures of the sample page opened the
/// default way: probed once for every test that reads it (each probe is a
/// browser started on a page of 200 KB).
pub fn sample_probe(browser: &browser::Browser) -> &'static serde_json::Value {
    static PROBE: OnceLock<serde_json::Value> = OnceLock::new();
    PROBE.get_or_init(|| browser.probe(&sample().page(), browser::Opening::default()))
}

/// A run of `quarter` on the submissions a test wrote in `wd`.
pub fn run_in(wd: &Workdir, quarter: &str) -> Ran {
    let out = wd.run_quarter(quarter, &[]);
    assert!(
        [0, 3].contains(&code(&out)),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    Ran {
        dir: wd.path(""),
        quarter: quarter.to_string(),
        summary: wd.summary(quarter),
    }
}

fn copy_folder(from: &str, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect(from) {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// `1.961`: a count as the page writes it (written again here, not taken
/// from the program).
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `38,45%` from 0.3845.
pub fn percent(ratio: f64) -> String {
    format!("{:.2}%", ratio * 100.0).replace('.', ",")
}

/// The colour class a unit of summary.json must have on the map and in
/// the charts: its status, else where its ratio stands.
pub fn expected_class(summary: &serde_json::Value, unit: &serde_json::Value) -> &'static str {
    let very_low = summary["very_low_percent"]
        .as_f64()
        .expect("very_low_percent")
        / 100.0;
    let target = summary["target_percent"].as_f64().map(|t| t / 100.0);
    match unit["status"].as_str() {
        Some("missing") => "missing",
        Some("rejected") => "rejected",
        _ => {
            let ratio = unit["ratio"].as_f64().expect("an accepted unit's ratio");
            match target {
                _ if ratio < very_low => "very-low",
                Some(t) if ratio < t => "below-target",
                Some(_) => "at-target",
                None => "unjudged",
            }
        }
    }
}

/// The string array at `value` (a list of JSON strings).
pub fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {value}"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_string())
        .collect()
}
