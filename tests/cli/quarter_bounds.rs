//! A quarter is a quarter (issue #22): `--quarter` from 2000-Q1 to one that
//! has ended (an open one only when asked for), and every date a run writes
//! fits summary.json's schema.

use crate::support::*;

fn run_on(wd: &Workdir, today: &str, quarter: &str, extra: &[&str]) -> std::process::Output {
    wd.run_quarter_on(today, quarter, extra)
}

#[test]
fn issue_22_a_quarter_outside_the_calendar_or_not_ended_is_refused() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý II/2020", 1915, 654).save(&wd, "submissions/an-giang.xlsx");
    for (quarter, said) in [
        (
            "9999-Q4",
            "nằm ngoài các quý chương trình tổng hợp được, từ 2000-Q1 đến 9998-Q4",
        ),
        ("1999-Q4", "nằm ngoài"),
        // 15/04/2020: the second quarter is still running.
        (
            "2020-Q2",
            "Quý II/2020 chưa kết thúc (hôm nay 15/04/2020, quý kết thúc ngày 30/06/2020)",
        ),
    ] {
        let out = run_on(&wd, "2020-04-15", quarter, &[]);
        assert_eq!(code(&out), 2, "{quarter}: {}", stderr(&out));
        assert!(stderr(&out).contains(said), "{quarter}: {}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        assert!(!wd.path("reports").exists(), "{quarter}");
    }
    // On its last day a quarter has not ended either.
    let out = run_on(&wd, "2020-06-30", "2020-Q2", &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    // A dry run of the open quarter, asked for: it runs, writes nothing.
    let out = run_on(
        &wd,
        "2020-04-15",
        "2020-Q2",
        &["--allow-open-quarter", "--dry-run"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!wd.path("reports").exists());
    // The day after, it has ended.
    let out = run_on(&wd, "2020-07-01", "2020-Q2", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // check and template take the same calendar.
    for args in [
        &["check", "--quarter", "9999-Q4", "submissions/an-giang.xlsx"][..],
        &["template", "--quarter", "1999-Q1", "--out", "forms"][..],
    ] {
        let out = wd.run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("nằm ngoài"), "{}", stderr(&out));
    }
}

#[test]
fn issue_22_every_date_a_run_writes_fits_the_schema() {
    let wd = Workdir::new();
    // The last quarter there is, run while open: due 10/01/9999.
    Form::new("Hà Nội", "Quý IV/9998", 1915, 654)
        .set("Ngày báo cáo", t("05/10/9998"))
        .save(&wd, "submissions/an-giang.xlsx");
    let out = run_on(&wd, "9998-11-20", "9998-Q4", &["--allow-open-quarter"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("9998-Q4");
    assert_eq!(s["due"], "9999-01-10");
    assert_eq!(unit(&s, "T01")["status"], "accepted");
    // A modification time on the calendar's last evening in UTC is already
    // the year 10000 in Hà Nội: not a date the run can use. (tmpfs keeps
    // any time a program sets; ext4 would clamp it to 2446.)
    let shm = tempfile::tempdir_in("/dev/shm").expect("a folder on tmpfs");
    let undated = shm.path().join("ha-noi.xlsx");
    Form::new("Hà Nội", "Quý IV/9998", 1915, 654)
        .without("Ngày báo cáo")
        .write_to(&undated);
    set_modified(&undated, 253_402_300_000);
    let folder = shm.path().to_str().unwrap();
    let out = wd.on_day(
        "9998-11-20",
        &[
            "run",
            "--quarter",
            "9998-Q4",
            "--allow-open-quarter",
            "--submissions",
            folder,
            "--reports",
            "late",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::fs::read_to_string(wd.path("late/9998-Q4/summary.json")).unwrap();
    let s: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid_summary(&s);
    assert_eq!(rules_for(&s, "ha-noi.xlsx"), ["file.modified_out_of_range"]);
    assert!(unit(&s, "T01")["timeliness"].is_null());
}
