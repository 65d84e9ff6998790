//! Starting runs and looking at reports folders, for the tests of the lock
//! and of the report swapped in as one set.

use super::{BIN, Workdir, dvctt_command};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The outputs of a 2020-Q1 report, its manifest included.
pub const OUTPUTS: [&str; 7] = [
    "tong-hop-2020-Q1.xlsx",
    "phu-luc-2020-Q1.xlsx",
    "don-vi-cham-2020-Q1.xlsx",
    "cong-van-2020-Q1.docx",
    "tong-quan-2020-Q1.html",
    "summary.json",
    "manifest.json",
];

/// `dvctt run` on `submissions/` into `reports/` of `dir`, started and left
/// running; every step of the report swap held back `pause_ms`.
pub fn start_run(dir: &Path, pause_ms: u64) -> Child {
    dvctt_command(BIN)
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
        .env("DVCTT_PAUSE_BEFORE_RENAME_MS", pause_ms.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dvctt")
}

pub fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The outputs of the report in `dir`, or None for a file missing.
pub fn report_in(dir: &Path) -> Option<Vec<Vec<u8>>> {
    OUTPUTS
        .iter()
        .map(|n| std::fs::read(dir.join(n)).ok())
        .collect()
}

/// Every path under `dir` whose name starts with `.dvctt-` (the job's
/// temporary names), at any depth.
pub fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with(".dvctt-") {
            found.push(path.clone());
        }
        if path.is_dir() {
            found.extend(temporaries(&path));
        }
    }
    found
}

pub fn numbered(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A roster of two units for `wd`'s runs: the trials below run hundreds of
/// times, and a small report is quicker to write.
pub fn small_roster(wd: &Workdir) {
    wd.write(
        "roster.toml",
        "[[unit]]\ncode = \"T89\"\nname = \"An Giang\"\ngroup = \"II\"\n\n\
         [[unit]]\ncode = \"BCA\"\nname = \"Bộ Công an\"\ngroup = \"I\"\n"
            .as_bytes(),
    );
    wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
}

/// Files in the quarter's folder the job did not write: a note and a
/// subfolder.
pub fn write_foreign(wd: &Workdir, note: &str) {
    wd.write("reports/2020-Q1/ghi-chu.txt", note.as_bytes());
    wd.write("reports/2020-Q1/ban-nhap/nhan-xet.txt", b"draft");
}

pub fn assert_foreign_kept(live: &Path, note: &str) {
    let read = |rel: &str| std::fs::read_to_string(live.join(rel)).unwrap();
    assert_eq!(read("ghi-chu.txt"), note);
    assert_eq!(read("ban-nhap/nhan-xet.txt"), "draft");
}

/// A small deterministic generator, so a failing trial can be rerun.
pub fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// How many trials a randomized test runs: `usual` in a plain `cargo test`
/// (and CI), `thorough` with `DVCTT_THOROUGH=1`, to search further before
/// a release or after a change to what the test attacks.
pub fn trials(usual: usize, thorough: usize) -> usize {
    if std::env::var("DVCTT_THOROUGH").as_deref() == Ok("1") {
        thorough
    } else {
        usual
    }
}

/// Runs `trial(i)` for i in 0..n on `threads` threads.
pub fn in_parallel(n: usize, threads: usize, trial: impl Fn(usize) + Sync) {
    std::thread::scope(|scope| {
        for t in 0..threads {
            let trial = &trial;
            scope.spawn(move || (t..n).step_by(threads).for_each(trial));
        }
    });
}

/// Waits until nothing holds the lock of `reports`: a process the killed run
/// had forked holds it until that process execs, which on a loaded machine
/// can take a moment after the kill. It looks in /proc/locks rather than
/// taking the lock itself: a probe that took the lock would be held a moment
/// longer by any process another test thread forks meanwhile, and the run
/// started next would find it busy.
pub fn wait_for_free_lock(reports: &Path) {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(reports.join(".dvctt.lock")) else {
        return;
    };
    // Fields: "1: FLOCK ADVISORY WRITE <pid> <major>:<minor>:<inode> 0 EOF".
    let inode = format!(":{}", meta.ino());
    wait_for("the lock to be free", || {
        let locks = std::fs::read_to_string("/proc/locks").unwrap_or_default();
        !locks.lines().any(|l| {
            l.split_whitespace()
                .nth(5)
                .is_some_and(|id| id.ends_with(&inode))
        })
    });
}
