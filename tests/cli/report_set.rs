//! A quarter's report as one set: swapped in whole or not at all, the
//! replaced one kept under `truoc/`, a rerun that changes nothing touches
//! nothing, what a killed run left settled by the next.

use crate::support::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

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
    in_parallel(trials(120, 1000), 8, |trial| {
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

        wait_for_free_lock(&wd.path("reports"));
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
    // The report's files and the feedback folder.
    assert_eq!(numbered(&live.join("truoc/1")).len(), OUTPUTS.len() + 1);
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
    assert_eq!(s["baseline"], "2020-Q1/summary.json");
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
        stderr(&out).contains("không ghi được reports/2020-Q1: thư mục lồng quá 16 cấp"),
        "{}",
        stderr(&out)
    );
    assert!(report_in(&live) == Some(before));
    assert_eq!(temporaries(&wd.path("reports")), Vec::<PathBuf>::new());
    std::fs::remove_dir_all(live.join("a")).unwrap();

    // A summary.json in place far larger than the job writes is not read
    // (a sparse file: no disk used); the rerun says so and archives it.
    // (The job's own are streamed: 4 GiB is a bound on time, never memory.)
    let summary = std::fs::File::options()
        .write(true)
        .open(live.join("summary.json"))
        .unwrap();
    summary.set_len((4 << 30) + 1).unwrap();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "không đọc được reports/2020-Q1/summary.json của báo cáo đang có (4.294.967.297 byte, lớn hơn giới hạn 4.294.967.296 byte"
        ),
        "{}",
        stdout(&out)
    );
    let kept = std::fs::metadata(live.join("truoc/1/summary.json")).unwrap();
    assert_eq!(kept.len(), (4 << 30) + 1);

    // An acceptance file larger than a reviewer types.
    wd.write("reports/unusual-accepted.txt", &vec![b'#'; (1 << 20) + 1]);
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out)
            .contains("unusual-accepted.txt: 1.048.577 byte, lớn hơn giới hạn 1.048.576 byte"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn leftovers_of_every_quarter_are_settled_at_the_start_of_a_run() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    // 2019-Q1: a swap made, the old set not yet archived.
    wd.write("reports/2019-Q1/ghi-chu.txt", b"note");
    for name in [
        "tong-hop-2019-Q1.xlsx",
        "don-vi-cham-2019-Q1.xlsx",
        "summary.json",
    ] {
        wd.write(
            &format!("reports/.dvctt-2019-Q1.old/{name}"),
            name.as_bytes(),
        );
    }
    wd.write("reports/.dvctt-2019-Q1.old/ghi-chu.txt", b"note");
    // 2019-Q2: a new set never swapped in, an unfinished archive, a temporary file.
    wd.write("reports/.dvctt-2019-Q2.new/summary.json", b"{}");
    wd.write("reports/2019-Q2/truoc/.dvctt-1.part/summary.json", b"{}");
    wd.write("reports/2019-Q2/.dvctt-4242-0.tmp", b"half");
    // 2019-Q3: the set swapped in, then killed before the marker went.
    wd.write("reports/2019-Q3/.dvctt-swap", b"");
    // 2018-Q4, on a file system that cannot exchange folders: the report
    // moved aside, killed before the new one was renamed in.
    wd.write(
        "reports/.dvctt-2018-Q4.old/summary.json",
        b"{\"units\": []}",
    );
    wd.write("reports/.dvctt-2018-Q4.new/.dvctt-swap", b"");
    wd.write("reports/.dvctt-2018-Q4.new/summary.json", b"{}");

    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(temporaries(&wd.path("reports")), Vec::<PathBuf>::new());
    assert_eq!(
        numbered(&wd.path("reports")),
        ["2018-Q4", "2019-Q1", "2019-Q2", "2019-Q3", "2020-Q1"]
    );
    assert_eq!(numbered(&wd.path("reports/2018-Q4")), ["summary.json"]);
    assert_eq!(
        std::fs::read(wd.path("reports/2018-Q4/summary.json")).unwrap(),
        b"{\"units\": []}",
        "the report moved aside is put back"
    );
    let archive = wd.path("reports/2019-Q1/truoc/1");
    assert_eq!(
        numbered(&archive),
        [
            "don-vi-cham-2019-Q1.xlsx",
            "summary.json",
            "tong-hop-2019-Q1.xlsx"
        ]
    );
    assert_eq!(
        std::fs::read(archive.join("summary.json")).unwrap(),
        b"summary.json"
    );
    assert_eq!(
        numbered(&wd.path("reports/2019-Q1")),
        ["ghi-chu.txt", "truoc"]
    );
    assert_eq!(
        numbered(&wd.path("reports/2019-Q2/truoc")),
        Vec::<String>::new()
    );
    let err = stderr(&out);
    for warning in [
        "removing a report an interrupted run had not put in place",
        "removing an archive an interrupted run had not finished",
        "removing a temporary file left by an interrupted run",
        "putting back a report an interrupted run had moved aside",
    ] {
        assert!(err.contains(warning), "{warning}: {err}");
    }
}

#[test]
fn a_report_that_cannot_be_archived_yet_is_kept_until_it_can() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    assert_eq!(code(&wd.run_quarter("2020-Q1", &[])), 0);
    let live = wd.path("reports/2020-Q1");
    let first = report_in(&live).unwrap();
    // Someone left a file where the archive folder goes.
    wd.write("reports/2020-Q1/truoc", b"not a folder");
    Form::new("An Giang", "Quý I/2020", 1915, 700).save(&wd, "submissions/ag.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(
        code(&out),
        0,
        "the new report is in place: {}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("chưa lưu được báo cáo cũ: reports/2020-Q1/truoc: ")
            && stdout(&out).contains("nó còn ở reports/.dvctt-2020-Q1.old, lần chạy sau sẽ lưu"),
        "{}",
        stdout(&out)
    );
    assert_eq!(unit(&wd.summary("2020-Q1"), "T89")["level4"], 700);
    assert!(report_in(&wd.path("reports/.dvctt-2020-Q1.old")) == Some(first.clone()));

    // Until the archive can be made, runs stop rather than lose it.
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("reports/2020-Q1/truoc"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(live.join("truoc")).unwrap();
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(report_in(&live.join("truoc/1")) == Some(first));
    assert_eq!(temporaries(&wd.path("reports")), Vec::<PathBuf>::new());
}

/// Cron gives an absolute path, the operator types `reports` or
/// `./reports`: the report is the same bytes, and no machine's folder is
/// written into it.
#[test]
fn the_reports_folder_however_spelt_gives_the_same_report() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý IV/2019", 1900, 600).save(&wd, "q4/ag.xlsx");
    assert_eq!(code(&wd.run_folder("2019-Q4", "q4")), 0);
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    assert_eq!(code(&wd.run_quarter("2020-Q1", &[])), 0);
    assert_eq!(wd.summary("2020-Q1")["baseline"], "2019-Q4/summary.json");
    let first = report_in(&wd.path("reports/2020-Q1")).unwrap();
    let absolute = wd.path("reports").display().to_string();
    for reports in [absolute.as_str(), "./reports", "reports/"] {
        let out = wd.run(&[
            "run",
            "--quarter",
            "2020-Q1",
            "--submissions",
            "submissions",
            "--reports",
            reports,
        ]);
        assert_eq!(code(&out), 0, "{reports}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("giống hệt từng byte: không ghi gì"),
            "{reports}: {}",
            stdout(&out)
        );
    }
    assert_eq!(report_in(&wd.path("reports/2020-Q1")), Some(first));
    assert!(!wd.path("reports/2020-Q1/truoc").exists());
    let summary = std::fs::read_to_string(wd.path("reports/2020-Q1/summary.json")).unwrap();
    assert!(!summary.contains(&absolute), "{summary}");
}

/// The names in `reports/2020-Q1/truoc`, in number order.
fn archives(wd: &Workdir) -> Vec<String> {
    let mut names = numbered(&wd.path("reports/2020-Q1/truoc"));
    names.sort_by_key(|n| (n.len(), n.clone()));
    names
}

/// Reruns 2020-Q1 with a level-4 count of `level4`: a report that changes.
fn rerun_with(wd: &Workdir, level4: u64) -> std::process::Output {
    Form::new("An Giang", "Quý I/2020", 1915, level4).save(wd, "submissions/ag.xlsx");
    wd.run_quarter("2020-Q1", &[])
}

#[test]
fn issue_22_truoc_keeps_the_last_reports_and_never_stops_a_run() {
    let wd = Workdir::new();
    small_roster(&wd);
    wd.write(
        "dvctt.toml",
        b"roster = \"roster.toml\"\n[reports]\nkeep_replaced = 3\n",
    );
    for level4 in 600..606 {
        let out = rerun_with(&wd, level4);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    // Five replaced, the last three kept.
    assert_eq!(archives(&wd), ["3", "4", "5"]);
    // 1,100 archives of 91 files (over the 100,000 entries a new set may
    // carry), as some 1,100 reruns left them before: the run prunes first.
    wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
    for n in 6..1106 {
        for i in 0..91 {
            wd.write(&format!("reports/2020-Q1/truoc/{n}/phan-hoi/{i}.xlsx"), b"");
        }
    }
    let out = rerun_with(&wd, 700);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let kept = archives(&wd);
    let want: Vec<String> = (1087..1107).map(|n| n.to_string()).collect();
    assert_eq!(kept, want, "the last 20 (reports.keep_replaced)");
}

#[test]
fn issue_22_archive_numbers_never_wrap() {
    let wd = Workdir::new();
    small_roster(&wd);
    assert_eq!(code(&rerun_with(&wd, 600)), 0);
    // Beside 4294967295 the next is 4294967296, never 0.
    wd.write("reports/2020-Q1/truoc/4294967295/summary.json", b"{}");
    // Names that are no archive number: left alone, never counted or pruned.
    for name in ["007", "0", "99999999999999999999", "ghi-chu"] {
        wd.write(&format!("reports/2020-Q1/truoc/{name}/x.txt"), b"x");
    }
    let out = rerun_with(&wd, 601);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        archives(&wd),
        [
            "0",
            "007",
            "ghi-chu",
            "4294967295",
            "4294967296",
            "99999999999999999999"
        ]
    );
    // An archive at the largest number makes the archives be numbered
    // again from 1 before the next.
    wd.write("reports/2020-Q1/truoc/1000000000000000/summary.json", b"{}");
    let out = rerun_with(&wd, 602);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        archives(&wd),
        [
            "0",
            "1",
            "2",
            "3",
            "4",
            "007",
            "ghi-chu",
            "99999999999999999999"
        ]
    );
    assert!(wd.path("reports/2020-Q1/truoc/3/summary.json").exists());
    let out = rerun_with(&wd, 603);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(archives(&wd).contains(&"5".to_string()));
}
