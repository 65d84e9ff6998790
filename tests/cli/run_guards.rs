//! What keeps a run from doing harm: one run at a time (the lock), never a
//! worse report in silence (an empty folder, `--replace`), exit codes by the
//! kind of failure, files written with the umask.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn two_runs_started_together_never_both_proceed() {
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    in_parallel(trials(120, 1000), 10, |trial| {
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
        err.contains(
            "reports/unusual-accepted.txt: dòng 3, byte 19: 0xFA không phải văn bản UTF-8"
        ),
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

/// The operator reads the one line a failed command ends with: it is in
/// Vietnamese, with the key, the file and the line it is about.
#[test]
fn a_fatal_error_is_one_vietnamese_line() {
    let wd = Workdir::new();
    wd.write("dvctt.toml", b"[targets]\n2020 = 150\n");
    let out = wd.run(&["config"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "dvctt: tệp cấu hình dvctt.toml: dòng 2: targets.2020: 150 không phải là phần trăm từ 0 đến 100\n"
    );

    wd.write("dvctt.toml", b"roster = \"r.toml\"\n");
    let unit = "[[unit]]\ncode = 'T01'\nname = 'Hà Nội'\ngroup = 'II'\n";
    wd.write(
        "r.toml",
        format!("{unit}{}", unit.replace("Hà Nội", "Thủ đô")).as_bytes(),
    );
    let out = wd.run(&["config"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "dvctt: danh mục đơn vị r.toml: mã 'T01' dùng hai lần: Hà Nội và Thủ đô\n"
    );

    std::fs::remove_file(wd.path("dvctt.toml")).unwrap();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/2020-Q1/ag.xlsx");
    wd.write("reports/unusual-accepted.txt", b"# reviewed\n2020-Q1\n");
    let out = wd.run(&["run", "--quarter", "2020-Q1"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "dvctt: reports/unusual-accepted.txt: dòng 2: '2020-Q1': viết '<quý> <mã đơn vị> [lý do]', ví dụ '2020-Q1 T02 cổng dịch vụ công mới'\n"
    );
    let out = wd.run(&["run", "--quarter", "2020-Q1", "--submissions", "khong-co"]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        stderr(&out),
        "dvctt: không có thư mục báo cáo của các đơn vị khong-co: không ghi báo cáo\n"
    );
}

#[test]
fn a_folder_of_another_quarter_stops_before_anything_is_written() {
    let wd = Workdir::new();
    small_roster(&wd);
    // Last quarter's folder, run again as the next quarter.
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    Form::new("Bộ Công an", "Quý I/2020", 400, 120).save(&wd, "submissions/bca.xlsx");
    let out = wd.run_quarter("2020-Q2", &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("không có báo cáo nào của kỳ 2020-Q2") && err.contains("báo cáo kỳ 2020-Q1"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(!wd.path("reports/2020-Q2").exists(), "nothing written");

    // One file for the quarter among them: an ordinary run, the other
    // file rejected for its period.
    Form::new("An Giang", "Quý II/2020", 1915, 660).save(&wd, "submissions/ag.xlsx");
    let out = wd.run_quarter("2020-Q2", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let summary = wd.summary("2020-Q2");
    assert_eq!(verdict(&summary, "bca.xlsx"), "rejected");
    assert!(rules_for(&summary, "bca.xlsx").contains(&"period.mismatch".to_string()));
}
