//! What an attacker put in the reports folder (the hardening notes): a link
//! or pipe where the job keeps its lock or reads its own files, a file
//! under a temporary folder's name, something under an output's name. Each
//! is refused or kept aside, named; nothing is written through it, nothing
//! hangs, nothing is deleted.

use crate::support::*;

#[test]
fn a_lock_that_is_a_link_a_pipe_or_a_folder_stops_the_run_and_writes_nothing_through_it() {
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    for what in ["link", "pipe", "folder"] {
        let wd = Workdir::new();
        wd.write("submissions/ag.xlsx", &form);
        let precious = wd.write("precious.txt", b"do not touch\n");
        let lock = wd.folder("reports").join(".dvctt.lock");
        match what {
            "link" => std::os::unix::fs::symlink(&precious, &lock).unwrap(),
            "pipe" => assert!(
                std::process::Command::new("mkfifo")
                    .arg(&lock)
                    .status()
                    .unwrap()
                    .success()
            ),
            _ => std::fs::create_dir(&lock).unwrap(),
        }
        let out = wd.run_quarter("2020-Q1", &[]);
        assert_eq!(code(&out), 1, "{what}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("không phải một tệp thường") && err.contains(".dvctt.lock"),
            "{what}: {err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{what}: {err}");
        assert_eq!(std::fs::read(&precious).unwrap(), b"do not touch\n");
        assert!(!wd.path("reports/2020-Q1").exists(), "{what}");
    }
}

fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success());
}

/// The run's output, or a failure if it has not ended within a minute (it
/// would wait on a pipe forever).
fn run_within_a_minute(wd: &Workdir, extra: &[&str]) -> std::process::Output {
    within_a_minute(wd.quarter_command(std::path::Path::new(BIN), "2020-Q1", extra))
}

/// `command`'s output, or a failure if it has not ended within a minute.
fn within_a_minute(mut command: std::process::Command) -> std::process::Output {
    use wait_timeout::ChildExt;
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let ended = child
        .wait_timeout(std::time::Duration::from_secs(60))
        .unwrap();
    if ended.is_none() {
        child.kill().unwrap();
        child.wait().unwrap();
        panic!("{command:?} waited on a pipe");
    }
    child.wait_with_output().unwrap()
}

#[test]
fn pipes_in_the_reports_folder_never_hang_a_run() {
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    for extra in [&[][..], &["--dry-run"][..]] {
        let wd = Workdir::new();
        wd.write("submissions/ag.xlsx", &form);
        // The report in place's summary, and the quarter before's.
        mkfifo(&wd.folder("reports/2020-Q1").join("summary.json"));
        mkfifo(&wd.folder("reports/2019-Q4").join("summary.json"));
        let out = run_within_a_minute(&wd, extra);
        assert_eq!(code(&out), 0, "{extra:?}: {}", stderr(&out));
        if extra.is_empty() {
            // The pipe is the replaced report's: archived, never read.
            assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["status"], "accepted");
        }
    }
    // The reviewer's list of accepted figures, a file the operator keeps:
    // one that cannot be read is exit 2, at once.
    let wd = Workdir::new();
    wd.write("submissions/ag.xlsx", &form);
    mkfifo(&wd.folder("reports").join("unusual-accepted.txt"));
    let out = run_within_a_minute(&wd, &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("không phải tệp thông thường"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_left_under_a_temporary_folder_s_name_is_moved_aside_not_blocking() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    wd.write("reports/.dvctt-2020-Q1.new", b"someone's file");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("moved aside"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(wd.path("reports/.dvctt-2020-Q1.new.bo-qua-1")).unwrap(),
        b"someone's file"
    );
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["status"], "accepted");
}

#[test]
fn a_baseline_that_cannot_be_read_is_a_warning_when_found_and_exit_1_when_named() {
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654);
    for what in ["damaged", "pipe", "folder"] {
        let make = |path: &std::path::Path| match what {
            "damaged" => std::fs::write(path, b"PK\x03\x04 cut short").unwrap(),
            "pipe" => mkfifo(path),
            _ => std::fs::create_dir(path).unwrap(),
        };
        // Found on its own under reports/: a warning, the run goes on.
        let wd = Workdir::new();
        form.save(&wd, "submissions/ag.xlsx");
        make(&wd.folder("reports/2019-Q4").join("baseline.xlsx"));
        let out = run_within_a_minute(&wd, &[]);
        assert_eq!(code(&out), 0, "{what}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("CẢNH BÁO: không dùng làm số liệu kỳ trước"),
            "{what}: {}",
            stdout(&out)
        );
        assert_eq!(wd.summary("2020-Q1")["baseline"], serde_json::Value::Null);
        // Named by the operator: exit 1, no report.
        let wd = Workdir::new();
        form.save(&wd, "submissions/ag.xlsx");
        make(&wd.path("truoc.xlsx"));
        let out = run_within_a_minute(&wd, &["--baseline", "truoc.xlsx"]);
        assert_eq!(code(&out), 1, "{what}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("truoc.xlsx"),
            "{what}: {}",
            stderr(&out)
        );
        assert!(!wd.path("reports/2020-Q1").exists(), "{what}");
    }
}

#[test]
fn what_bears_an_output_s_name_but_was_not_written_by_the_job_is_archived_not_deleted() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    // Someone's folder named summary.json, with a note inside, and a link
    // named like the lagging list, in the quarter's folder before any run.
    wd.write("reports/2020-Q1/summary.json/ghi-chu.txt", b"note");
    let target = wd.write("elsewhere/ds.xlsx", b"someone's list");
    std::os::unix::fs::symlink(&target, wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx"))
        .unwrap();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["status"], "accepted");
    let kept = wd.path("reports/2020-Q1/truoc/1");
    assert_eq!(
        std::fs::read(kept.join("summary.json/ghi-chu.txt")).unwrap(),
        b"note"
    );
    let link = kept.join("don-vi-cham-2020-Q1.xlsx");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), target);
    // Never written through: the link's target is as it was.
    assert_eq!(std::fs::read(&target).unwrap(), b"someone's list");
}

/// A pipe named as the config, the roster, the wording or the letter's
/// template: `config`, `run` and `verify` say so in one line (exit 2) at
/// once, instead of waiting on the pipe before the lock with nothing said.
#[test]
fn a_settings_file_that_is_a_pipe_is_refused_at_once() {
    let form = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    for key in ["config", "roster", "wording", "letter"] {
        let wd = Workdir::new();
        wd.write("submissions/2020-Q1/ag.xlsx", &form);
        let pipe = wd.path("pipe.toml");
        mkfifo(&pipe);
        let mut args: Vec<&str> = Vec::new();
        match key {
            "config" => args.extend(["--config", "pipe.toml"]),
            "letter" => {
                wd.write("dvctt.toml", b"[letter]\ntemplate = \"pipe.toml\"\n");
            }
            _ => {
                wd.write("dvctt.toml", format!("{key} = \"pipe.toml\"\n").as_bytes());
            }
        }
        for command in [
            vec!["config"],
            vec!["run", "--quarter", "2020-Q1"],
            vec!["verify", "--quarter", "2020-Q1"],
        ] {
            let mut run = dvctt_command(BIN);
            run.args(&command)
                .args(&args)
                .current_dir(wd.path(""))
                .env("RUST_LOG", "warn");
            let out = within_a_minute(run);
            let err = stderr(&out);
            assert_eq!(code(&out), 2, "{key} {command:?}: {err}");
            assert!(
                err.contains("không phải tệp thông thường") && err.contains("pipe.toml"),
                "{key} {command:?}: {err}"
            );
            assert_eq!(err.trim().lines().count(), 1, "{key} {command:?}: {err}");
        }
    }
}
