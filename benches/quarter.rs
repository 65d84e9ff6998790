//! How fast a quarter goes through: `dvctt run` on a generated folder of 83
//! submissions and of 1,000, against a baseline measured in the same run —
//! calamine alone opening every file and reading its first sheet, the least
//! any reader of these files must do.
//!
//! `cargo bench --bench quarter` prints submissions per second for both and
//! the job's time as a multiple of the baseline's.

#[path = "../tests/cli/support/form.rs"]
mod form;

use calamine::{Reader, open_workbook_auto};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

fn main() {
    let rows = form::appendix_929();
    for count in [83, 1000] {
        let dir = tempfile::tempdir().expect("temp dir");
        let submissions = dir.path().join("submissions");
        for i in 0..count {
            let row = &rows[i % rows.len()];
            form::Form::new(&row.name, "Quý I/2020", row.total, row.level4)
                .set(
                    "Ngày báo cáo",
                    form::t(&format!("{:02}/04/2020", 1 + i % 28)),
                )
                .write_to(&submissions.join(format!("{i:04}.xlsx")));
        }
        std::fs::write(
            dir.path().join("in-process.toml"),
            "[limits]\nisolate = false\n",
        )
        .expect("config");
        let baseline = median(|| read_all(&submissions));
        let isolated = median(|| run_job(dir.path(), &[]));
        let in_process = median(|| run_job(dir.path(), &["--config", "in-process.toml"]));
        let rate = |d: Duration| count as f64 / d.as_secs_f64();
        println!(
            "{count:>5} submissions: calamine alone {:>8.1} ms ({:>6.0}/s)",
            ms(baseline),
            rate(baseline)
        );
        for (label, d) in [
            ("dvctt run, each file in its own process", isolated),
            ("dvctt run, isolate = false", in_process),
        ] {
            println!(
                "      {label:<40} {:>8.1} ms ({:>6.0}/s), {:.2}x the baseline",
                ms(d),
                rate(d),
                d.as_secs_f64() / baseline.as_secs_f64()
            );
        }
    }
}

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[ROUNDS / 2]
}

fn read_all(dir: &Path) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let mut book = open_workbook_auto(&path).expect("workbook");
        let range = book.worksheet_range_at(0).expect("a sheet").expect("range");
        std::hint::black_box(range.get_size());
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn run_job(dir: &Path, extra: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(extra)
        .args([
            "run",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
            "--reports",
            "reports",
        ])
        .current_dir(dir)
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run dvctt");
    assert!(
        matches!(status.code(), Some(0 | 3)),
        "dvctt failed: {status}"
    );
}
