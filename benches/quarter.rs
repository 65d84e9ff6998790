//! How fast a quarter goes through: `dvctt run` on generated folders of 83,
//! 1,000 and 10,000 submissions, read by the pool of reader processes (the
//! default) and in-process (`limits.isolate = false`), against a baseline
//! measured in the same run — calamine alone opening every file and reading
//! its first sheet, the least any reader of these files must do.
//!
//! `cargo bench --bench quarter` prints the times, the pooled run as a
//! multiple of the in-process one, and each run's peak memory summed over
//! the parent and its reader processes (VmRSS sampled from /proc every 2 ms
//! in a run of its own, so the sampling does not slow the timed runs).

// The tests' form writer, so the benchmark's submissions are built as the
// tests build theirs; the benchmark uses a few of its helpers only.
#[path = "../tests/cli/support/form.rs"]
#[allow(dead_code, clippy::cast_possible_truncation)]
mod form;

use calamine::{Reader, open_workbook_auto};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

fn main() {
    let rows = form::appendix_929();
    for count in [83, 1_000, 10_000] {
        // DVCTT_BENCH_KEEP=DIR keeps each folder as DIR/<count>, to profile a
        // run on it afterwards.
        let kept =
            std::env::var_os("DVCTT_BENCH_KEEP").map(|d| Path::new(&d).join(count.to_string()));
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = kept.as_deref().unwrap_or(temp.path());
        let submissions = dir.join("submissions");
        for i in 0..count {
            let row = &rows[i % rows.len()];
            form::Form::new(&row.name, "Quý I/2020", row.total, row.level4)
                .set(
                    "Ngày báo cáo",
                    form::t(&format!("{:02}/04/2020", 1 + i % 28)),
                )
                .write_to(&submissions.join(format!("{i:05}.xlsx")));
        }
        std::fs::write(dir.join("in-process.toml"), "[limits]\nisolate = false\n").expect("config");
        let rounds = if count >= 10_000 { 1 } else { 5 };
        let baseline = median(rounds, || read_all(&submissions));
        let pooled = median(rounds, || wait(start_job(dir, &[])));
        let in_process = median(rounds, || {
            wait(start_job(dir, &["--config", "in-process.toml"]))
        });
        let pooled_peak = peak_memory(start_job(dir, &[]));
        let in_process_peak = peak_memory(start_job(dir, &["--config", "in-process.toml"]));
        let rate = |d: Duration| count as f64 / d.as_secs_f64();
        println!(
            "{count:>6} submissions: calamine alone {:>8.1} ms ({:>6.0}/s)",
            ms(baseline),
            rate(baseline)
        );
        for (label, d, peak) in [
            ("dvctt run, reader pool (default)", pooled, pooled_peak),
            ("dvctt run, isolate = false", in_process, in_process_peak),
        ] {
            println!(
                "       {label:<34} {:>8.1} ms ({:>6.0}/s), {:.2}x calamine alone, peak {:>5.1} MB",
                ms(d),
                rate(d),
                d.as_secs_f64() / baseline.as_secs_f64(),
                peak as f64 / 1e6
            );
        }
        println!(
            "       pooled / in-process: {:.2}x",
            pooled.as_secs_f64() / in_process.as_secs_f64()
        );
    }
}

fn median(rounds: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[rounds / 2]
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

fn start_job(dir: &Path, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dvctt"))
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
        .spawn()
        .expect("run dvctt")
}

fn wait(mut job: Child) {
    let status = job.wait().expect("dvctt");
    assert!(
        matches!(status.code(), Some(0 | 3)),
        "dvctt failed: {status}"
    );
}

/// The most memory the job and its reader processes held at once: the sum
/// of their VmRSS, sampled until the job ends.
fn peak_memory(mut job: Child) -> u64 {
    let mut peak = 0;
    loop {
        let mut pids = vec![job.id()];
        let tasks = std::fs::read_dir(format!("/proc/{}/task", job.id()));
        for task in tasks.into_iter().flatten().flatten() {
            let children = std::fs::read_to_string(task.path().join("children"));
            pids.extend(
                children
                    .iter()
                    .flat_map(|c| c.split_whitespace())
                    .filter_map(|p| p.parse::<u32>().ok()),
            );
        }
        let total: u64 = pids.iter().filter_map(|pid| rss_bytes(*pid)).sum();
        peak = peak.max(total);
        if job.try_wait().expect("dvctt").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    peak
}

fn rss_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
