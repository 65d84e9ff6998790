//! A quarter's report as one set: one run at a time (the lock), the report
//! swapped in whole or not at all and the replaced one kept under `truoc/`,
//! never a worse report in silence, exit codes by the kind of failure, files
//! written with the umask.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const OUTPUTS: [&str; 3] = [
    "tong-hop-2020-Q1.xlsx",
    "don-vi-cham-2020-Q1.xlsx",
    "summary.json",
];

/// `dvctt run` on `submissions/` into `reports/` of `dir`, started and left
/// running; every step of the report swap held back `pause_ms`.
fn start_run(dir: &Path, pause_ms: u64) -> Child {
    Command::new(BIN)
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

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The three outputs of the report in `dir`, or None for a file missing.
fn report_in(dir: &Path) -> Option<Vec<Vec<u8>>> {
    OUTPUTS
        .iter()
        .map(|n| std::fs::read(dir.join(n)).ok())
        .collect()
}

/// Every path under `dir` whose name starts with `.dvctt-` (the job's
/// temporary names), at any depth.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
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

fn numbered(dir: &Path) -> Vec<String> {
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
fn small_roster(wd: &Workdir) {
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
fn write_foreign(wd: &Workdir, note: &str) {
    wd.write("reports/2020-Q1/ghi-chu.txt", note.as_bytes());
    wd.write("reports/2020-Q1/ban-nhap/nhan-xet.txt", b"draft");
}

fn assert_foreign_kept(live: &Path, note: &str) {
    let read = |rel: &str| std::fs::read_to_string(live.join(rel)).unwrap();
    assert_eq!(read("ghi-chu.txt"), note);
    assert_eq!(read("ban-nhap/nhan-xet.txt"), "draft");
}

/// A small deterministic generator, so a failing trial can be rerun.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Runs `trial(i)` for i in 0..n on `threads` threads.
fn in_parallel(n: usize, threads: usize, trial: impl Fn(usize) + Sync) {
    std::thread::scope(|scope| {
        for t in 0..threads {
            let trial = &trial;
            scope.spawn(move || (t..n).step_by(threads).for_each(trial));
        }
    });
}

#[test]
fn two_runs_started_together_never_both_proceed() {
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    in_parallel(200, 10, |trial| {
        let wd = Workdir::new();
        small_roster(&wd);
        wd.write("submissions/ag.xlsx", &form);
        // Each run holds the lock at least 300 ms: started together, they overlap.
        let runs = [start_run(&wd.path(""), 300), start_run(&wd.path(""), 300)];
        let outs: Vec<_> = runs
            .into_iter()
            .map(|r| r.wait_with_output().unwrap())
            .collect();
        let mut codes: Vec<i32> = outs.iter().map(code).collect();
        codes.sort();
        assert_eq!(codes, [0, 1], "trial {trial}: {outs:?}");
        let refused = outs.iter().find(|o| code(o) == 1).unwrap();
        let err = stderr(refused);
        assert!(
            err.contains("đang làm việc trên thư mục báo cáo") && err.contains(".dvctt.lock"),
            "trial {trial}: {err}"
        );
        assert!(report_in(&wd.path("reports/2020-Q1")).is_some());
        assert_eq!(temporaries(&wd.path("reports")), Vec::<PathBuf>::new());
    });
}

#[test]
fn a_held_lock_names_its_holder_and_a_dead_holder_s_lock_is_free() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    let mut first = start_run(&wd.path(""), 20_000);
    // The new set being written: the first run is past the lock.
    wait_for("the new report folder", || {
        wd.path("reports/.dvctt-2020-Q1.new").exists()
    });
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 1, "another run holds the lock");
    let err = stderr(&out);
    assert!(
        err.contains(&format!("pid {}", first.id())) && err.contains("reports/.dvctt.lock"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    // kill -9: the kernel releases the lock; no staleness to judge.
    first.kill().unwrap();
    first.wait().unwrap();
    assert!(wd.path("reports/.dvctt.lock").exists(), "the file stays");
    let started = Instant::now();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(started.elapsed() < Duration::from_secs(15));
    assert!(stderr(&out).contains("removing a report an interrupted run had not put in place"));
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["level4"], 654);
    assert!(
        !wd.path("reports/.dvctt.lock").exists(),
        "a run that ends removes the file"
    );
    assert_eq!(temporaries(&wd.path("reports")), Vec::<PathBuf>::new());
}

/// How long the killed runs hold back each step of the swap (four steps).
const PAUSE_MS: u64 = 15;

#[test]
fn kill_9_at_random_moments_never_leaves_a_mixed_set_or_a_temporary_file() {
    // The report in place (654) and the one a rerun writes (700).
    let made = Workdir::new();
    small_roster(&made);
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&made, "submissions/ag.xlsx");
    assert_eq!(code(&made.run_quarter("2020-Q1", &[])), 0);
    let old = report_in(&made.path("reports/2020-Q1")).unwrap();
    let corrected = Form::new("An Giang", "Quý I/2020", 1915, 700).bytes();
    made.write("submissions/ag.xlsx", &corrected);
    let started = Instant::now();
    assert_eq!(code(&made.run_quarter("2020-Q1", &[])), 0);
    // Kills land anywhere from the start to past the end of a held-back run.
    let span_ms = started.elapsed().as_millis() as u64 + 150;
    let new = report_in(&made.path("reports/2020-Q1")).unwrap();
    assert!(old != new);

    // Kills seen with the old set in place, the new one, and the new one
    // with the swap unfinished (the old set not yet archived).
    let seen = std::sync::Mutex::new((0, 0, 0));
    in_parallel(200, 8, |trial| {
        let wd = Workdir::new();
        small_roster(&wd);
        wd.write("submissions/ag.xlsx", &corrected);
        for (name, bytes) in OUTPUTS.iter().zip(&old) {
            wd.write(&format!("reports/2020-Q1/{name}"), bytes);
        }
        write_foreign(&wd, "Ghi chú của chuyên viên");
        let mut state = 0x9E37_79B9_7F4A_7C15 ^ (trial as u64 + 1);
        let mut run = start_run(&wd.path(""), PAUSE_MS);
        // One kill in four at any moment of the run; the others once the
        // new set is being written (a loaded machine stretches the reading
        // before it), anywhere from there to past the end of the swap.
        let delay = if trial % 4 == 0 {
            next_random(&mut state) % span_ms
        } else {
            let staging = wd.path("reports/.dvctt-2020-Q1.new");
            while !staging.exists() && run.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(1));
            }
            next_random(&mut state) % (6 * PAUSE_MS)
        };
        std::thread::sleep(Duration::from_millis(delay));
        run.kill().unwrap();
        run.wait().unwrap();

        let live = wd.path("reports/2020-Q1");
        let in_place =
            report_in(&live).unwrap_or_else(|| panic!("trial {trial}: a file is missing"));
        assert!(
            in_place == old || in_place == new,
            "trial {trial} (kill at {delay} ms): a mixed set"
        );
        {
            let mut seen = seen.lock().unwrap();
            seen.0 += usize::from(in_place == old);
            seen.1 += usize::from(in_place == new);
            let unfinished = !temporaries(&wd.path("reports")).is_empty();
            seen.2 += usize::from(in_place == new && unfinished);
        }

        let out = wd.run_quarter("2020-Q1", &[]);
        assert_eq!(code(&out), 0, "trial {trial}: {}", stderr(&out));
        assert!(report_in(&live) == Some(new.clone()), "trial {trial}");
        assert_eq!(
            temporaries(&wd.path("reports")),
            Vec::<PathBuf>::new(),
            "trial {trial} (kill at {delay} ms)"
        );
        assert_eq!(numbered(&live.join("truoc")), ["1"], "trial {trial}");
        assert!(
            report_in(&live.join("truoc/1")) == Some(old.clone()),
            "trial {trial}: the archive is the whole old report"
        );
        assert_foreign_kept(&live, "Ghi chú của chuyên viên");
        assert_eq!(numbered(&wd.path("reports")), ["2020-Q1"], "trial {trial}");
    });
    let (old_seen, new_seen, unfinished) = *seen.lock().unwrap();
    eprintln!("{old_seen} old, {new_seen} new, {unfinished} new with the swap unfinished");
    assert!(
        old_seen > 0 && new_seen > 0 && unfinished > 0,
        "the kills must land before, during and after the swap: {old_seen} old, {new_seen} new, {unfinished} unfinished"
    );
}

#[test]
fn a_rerun_with_the_same_bytes_changes_nothing_and_a_changed_one_keeps_the_old() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    assert_eq!(code(&wd.run_quarter("2020-Q1", &[])), 0);
    // Files the job did not write.
    write_foreign(&wd, "Đã gửi công văn");
    let live = wd.path("reports/2020-Q1");
    let stamp = |name: &str| {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(live.join(name)).unwrap();
        (m.ino(), m.mtime_nsec(), m.mtime())
    };
    let before: Vec<_> = OUTPUTS.iter().map(|n| stamp(n)).collect();
    let first = report_in(&live).unwrap();

    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("báo cáo reports/2020-Q1 đang có giống hệt từng byte: không ghi gì"),
        "{}",
        stdout(&out)
    );
    assert_eq!(OUTPUTS.iter().map(|n| stamp(n)).collect::<Vec<_>>(), before);
    assert!(!live.join("truoc").exists(), "nothing archived");

    Form::new("An Giang", "Quý I/2020", 1915, 700).save(&wd, "submissions/ag.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out)
            .contains("đã thay báo cáo trước; báo cáo cũ được giữ ở reports/2020-Q1/truoc/1"),
        "{}",
        stdout(&out)
    );
    assert!(report_in(&live.join("truoc/1")) == Some(first.clone()));
    assert_eq!(numbered(&live.join("truoc/1")).len(), 3);
    let second = report_in(&live).unwrap();
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["level4"], 700);

    Form::new("An Giang", "Quý I/2020", 1915, 710).save(&wd, "submissions/ag.xlsx");
    assert_eq!(code(&wd.run_quarter("2020-Q1", &[])), 0);
    assert_eq!(numbered(&live.join("truoc")), ["1", "2"]);
    assert!(report_in(&live.join("truoc/1")) == Some(first));
    assert!(report_in(&live.join("truoc/2")) == Some(second));
    assert_foreign_kept(&live, "Đã gửi công văn");
    assert_eq!(numbered(&wd.path("reports")), ["2020-Q1"]);

    // The next quarter compares with the report in place, never an archived one.
    Form::new("An Giang", "Quý II/2020", 1915, 720)
        .set("Ngày báo cáo", t("05/07/2020"))
        .save(&wd, "next/ag.xlsx");
    let out = wd.run_folder("2020-Q2", "next");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q2");
    assert_eq!(s["baseline"], "reports/2020-Q1/summary.json");
    assert_eq!(unit(&s, "T89")["previous"]["level4"], 710);
    let trend = sheet(
        &wd.path("reports/2020-Q2/tong-hop-2020-Q2.xlsx"),
        "Diễn biến",
    );
    let header = trend
        .iter()
        .find(|r| r.iter().any(|c| text(c).contains("2020")))
        .unwrap();
    let quarters = header.iter().filter(|c| text(c).contains("/2020")).count();
    assert_eq!(quarters, 2, "two quarters, not the archives: {header:?}");
}

#[test]
fn an_empty_folder_is_exit_1_and_writes_nothing() {
    let wd = Workdir::new();
    wd.folder("submissions");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("submissions không có tệp nào"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!wd.path("reports").exists(), "nothing written");

    // A good report in place survives an empty folder.
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "full/ag.xlsx");
    assert_eq!(code(&wd.run_folder("2020-Q1", "full")), 0);
    let before = report_in(&wd.path("reports/2020-Q1")).unwrap();
    assert_eq!(code(&wd.run_quarter("2020-Q1", &[])), 1);
    assert!(report_in(&wd.path("reports/2020-Q1")) == Some(before));
    assert!(!wd.path("reports/2020-Q1/truoc").exists());
}

#[test]
fn a_report_with_fewer_accepted_units_needs_replace_and_the_summary_says_what_changed() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    Form::new("Hà Nội", "Quý I/2020", 1818, 300).save(&wd, "submissions/hn.xlsx");
    assert_eq!(code(&wd.run_quarter("2020-Q1", &[])), 0);
    let before = report_in(&wd.path("reports/2020-Q1")).unwrap();

    // An Giang's level-4 count over its total: rejected. Hà Nội's file gone:
    // missing. Đà Nẵng new: accepted. Two accepted before, one now.
    Form::new("An Giang", "Quý I/2020", 1915, 2000).save(&wd, "submissions/ag.xlsx");
    std::fs::remove_file(wd.path("submissions/hn.xlsx")).unwrap();
    Form::new("Đà Nẵng", "Quý I/2020", 1398, 500).save(&wd, "submissions/dn.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("chấp nhận 2 đơn vị, lần chạy này chỉ 1") && err.contains("--replace"),
        "{err}"
    );
    let text = stdout(&out);
    for line in [
        "so với báo cáo Quý I/2020 đang có:",
        "  mới được chấp nhận (1): Đà Nẵng (T48)",
        "  mới bị từ chối (1): An Giang (T89)",
        "  mới thiếu báo cáo (1): Hà Nội (T01)",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} in:\n{text}");
    }
    assert!(report_in(&wd.path("reports/2020-Q1")) == Some(before.clone()));
    assert!(!wd.path("reports/2020-Q1/truoc").exists());

    let out = wd.run_quarter("2020-Q1", &["--replace"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(s["totals"]["accepted"], 1);
    assert_eq!(unit(&s, "T01")["status"], "missing");
    assert!(report_in(&wd.path("reports/2020-Q1/truoc/1")) == Some(before));
}

fn run_with_umask(wd: &Workdir, umask: &str, args: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" {args}"))
        .arg(BIN)
        .current_dir(wd.path(""))
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn files_are_written_with_the_umask() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    let run = "run --quarter 2020-Q1 --submissions submissions --reports reports";
    let out = run_with_umask(&wd, "022", run);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let live = wd.path("reports/2020-Q1");
    assert_eq!(mode(&live), 0o755);
    for name in OUTPUTS {
        assert_eq!(mode(&live.join(name)), 0o644, "{name}");
    }
    Form::new("An Giang", "Quý I/2020", 1915, 700).save(&wd, "submissions/ag.xlsx");
    let out = run_with_umask(&wd, "027", run);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(mode(&live), 0o750);
    for name in OUTPUTS {
        assert_eq!(mode(&live.join(name)), 0o640, "{name}");
        assert_eq!(
            mode(&live.join("truoc/1").join(name)),
            0o644,
            "kept as it was"
        );
    }
    let out = run_with_umask(
        &wd,
        "002",
        "template --quarter 2020-Q1 --unit T89 --out forms",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let form = std::fs::read_dir(wd.path("forms"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(mode(&form.path()), 0o664);
}

#[test]
fn an_acceptance_file_that_is_not_utf8_is_exit_2_naming_the_line() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    // Typed in a legacy code page: "ghi chú" with 0xFA for "ú".
    wd.write(
        "reports/unusual-accepted.txt",
        b"# reviewed\n2020-Q1 T89 new portal\n2020-Q1 T01 ghi ch\xfa\n",
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("reports/unusual-accepted.txt: line 3, byte 19: 0xFA is not UTF-8"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!wd.path("reports/2020-Q1").exists());

    // Saved by Notepad, with a byte-order mark: read.
    wd.write(
        "reports/unusual-accepted.txt",
        "\u{feff}2020-Q1 T01 ghi chú\n".as_bytes(),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    // A folder where the file should be: it cannot be read.
    std::fs::remove_file(wd.path("reports/unusual-accepted.txt")).unwrap();
    wd.folder("reports/unusual-accepted.txt");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("unusual-accepted.txt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_reports_folder_that_cannot_be_written_is_exit_1() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    // `--reports` names a file.
    wd.write("reports", b"not a folder");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("reports"), "{}", stderr(&out));
    std::fs::remove_file(wd.path("reports")).unwrap();

    // The quarter's folder is a file.
    wd.write("reports/2020-Q1", b"not a folder");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("không thay được reports/2020-Q1: not a folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(wd.path("reports/2020-Q1")).unwrap(),
        b"not a folder"
    );
    assert_eq!(temporaries(&wd.path("reports")), Vec::<PathBuf>::new());
}

#[test]
fn what_is_read_around_the_report_is_bounded() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    assert_eq!(code(&wd.run_quarter("2020-Q1", &[])), 0);
    let live = wd.path("reports/2020-Q1");

    // Folders nested deeper than the job carries into a new set: refused
    // before anything is swapped, the report in place untouched.
    let deep = (0..17).map(|_| "a").collect::<Vec<_>>().join("/");
    wd.write(&format!("reports/2020-Q1/{deep}/note.txt"), b"deep");
    let before = report_in(&live).unwrap();
    Form::new("An Giang", "Quý I/2020", 1915, 700).save(&wd, "submissions/ag.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("không ghi được reports/2020-Q1: folders nested more than 16 deep"),
        "{}",
        stderr(&out)
    );
    assert!(report_in(&live) == Some(before));
    assert_eq!(temporaries(&wd.path("reports")), Vec::<PathBuf>::new());
    std::fs::remove_dir_all(live.join("a")).unwrap();

    // A summary.json in place far larger than the job writes is not read
    // (a sparse file: no disk used); the rerun says so and archives it.
    let summary = std::fs::File::options()
        .write(true)
        .open(live.join("summary.json"))
        .unwrap();
    summary.set_len((64 << 20) + 1).unwrap();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "không đọc được reports/2020-Q1/summary.json của báo cáo đang có (67108865 bytes"
        ),
        "{}",
        stdout(&out)
    );
    let kept = std::fs::metadata(live.join("truoc/1/summary.json")).unwrap();
    assert_eq!(kept.len(), (64 << 20) + 1);

    // An acceptance file larger than a reviewer types.
    wd.write("reports/unusual-accepted.txt", &vec![b'#'; (1 << 20) + 1]);
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unusual-accepted.txt: larger than 1048576 bytes"),
        "{}",
        stderr(&out)
    );
}
