//! The feedback files across reruns: byte-identical on a later day, the
//! deadline kept, the folder archived whole and a stale file dropped, and
//! a dry run that only counts them.

use super::*;

#[test]
fn a_rerun_on_a_later_day_is_byte_identical_and_keeps_the_deadline() {
    let wd = setup();
    run_on(&wd, DAY);
    let read = |wd: &Workdir| report_folder(&wd.path("reports/2020-Q1"));
    let first = read(&wd);
    let out = run_on(&wd, "2020-04-20");
    assert!(
        stdout(&out).contains("giống hệt từng byte"),
        "{}",
        stdout(&out)
    );
    assert_eq!(read(&wd), first);
    // After the deadline, the same inputs still leave the report alone...
    let out = run_on(&wd, "2020-05-01");
    assert!(
        stdout(&out).contains("giống hệt từng byte"),
        "{}",
        stdout(&out)
    );
    // ...but a changed report is issued anew, from the run's date.
    Form::new("Quảng Bình", "Quý I/2020", 1611, 130).save(&wd, "submissions/qb.xlsx");
    run_on(&wd, "2020-05-01");
    let s = wd.summary("2020-Q1");
    assert_eq!(s["feedback"]["issued"], "2020-05-01");
    assert_eq!(s["feedback"]["resubmit_by"], "2020-05-11");
    // Before the deadline, a changed report keeps the day first given.
    let wd = setup();
    run_on(&wd, DAY);
    Form::new("Quảng Bình", "Quý I/2020", 1611, 130).save(&wd, "submissions/qb.xlsx");
    run_on(&wd, "2020-04-20");
    assert_eq!(
        wd.summary("2020-Q1")["feedback"]["resubmit_by"],
        "2020-04-25"
    );
}

#[test]
fn a_rerun_archives_the_old_feedback_and_drops_a_stale_file() {
    let wd = setup();
    run_on(&wd, DAY);
    let old = std::fs::read(wd.path("reports/2020-Q1/phan-hoi/T74-2020-Q1.xlsx")).unwrap();
    // Bình Dương sends a clean report: 700 of 2220 (31,53%), over the
    // target, up 22,48 points from 201 (under the 25-point jump).
    Form::new("Bình Dương", "Quý I/2020", 2220, 700).save(&wd, "submissions/bd.xlsx");
    let out = run_on(&wd, "2020-04-16");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let live = feedback_names(&wd, "reports/2020-Q1/phan-hoi");
    assert!(!live.contains(&"T74-2020-Q1.xlsx".to_string()), "{live:?}");
    let csv = std::fs::read_to_string(wd.path("reports/2020-Q1/phan-hoi/danh-sach.csv")).unwrap();
    assert!(!csv.contains("T74"), "{csv}");
    // The replaced report, its whole feedback folder included, is kept.
    let kept = wd.path("reports/2020-Q1/truoc/1/phan-hoi/T74-2020-Q1.xlsx");
    assert_eq!(std::fs::read(kept).unwrap(), old);
    assert_eq!(
        feedback_names(&wd, "reports/2020-Q1/truoc/1/phan-hoi").len(),
        6
    );
}

#[test]
fn a_dry_run_counts_the_feedback_files_and_writes_none() {
    let wd = setup();
    let out = wd
        .quarter_command(std::path::Path::new(BIN), "2020-Q1", &["--dry-run"])
        .env("DVCTT_TODAY", DAY)
        .output()
        .expect("run dvctt");
    let text = stdout(&out);
    assert!(
        text.contains(
            "sẽ ghi reports/2020-Q1/phan-hoi/: 5 tệp phản hồi đơn vị và danh sách gửi danh-sach.csv"
        ),
        "{text}"
    );
    assert!(!wd.path("reports/2020-Q1").exists());
}

/// Every file under `dir`, by path, with its bytes.
fn report_folder(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let name = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}
