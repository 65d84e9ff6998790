//! Corrections are welcome (#23): a unit's later report of the quarter
//! replaces its earlier one with no error; the feedback speaks of the file
//! used; lateness is the first report's when it came on time and the
//! correction within `deadline.correction_days` after the deadline.

use crate::support::*;

/// Two units with a draft and a correction, due 10/04/2020; corrections
/// keep the first report's date up to 20/04/2020 (the default 10 days).
fn corrected(wd: &Workdir) {
    small_roster(wd);
    // An Giang: a draft with an error on time, its correction within the
    // correction deadline.
    Form::new("An Giang", "Quý I/2020", 2015, 3000)
        .set("Ngày báo cáo", t("08/04/2020"))
        .save(wd, "submissions/an-giang.xlsx");
    Form::new("An Giang", "Quý I/2020", 2015, 300)
        .set("Ngày báo cáo", t("14/04/2020"))
        .save(wd, "submissions/an-giang-sua.xlsx");
    // Bộ Công an: on time, then a correction after the correction deadline.
    Form::new("Bộ Công an", "Quý I/2020", 400, 100)
        .set("Ngày báo cáo", t("09/04/2020"))
        .save(wd, "submissions/bca.xlsx");
    Form::new("Bộ Công an", "Quý I/2020", 400, 110)
        .set("Ngày báo cáo", t("25/04/2020"))
        .save(wd, "submissions/bca-sua.xlsx");
}

fn feedback_text(wd: &Workdir, code: &str) -> String {
    let rows = sheet(&wd.feedback_path("2020-Q1", code), "Phản hồi");
    rows.iter()
        .map(|r| r.iter().map(text).collect::<Vec<_>>().join(" | "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_correction_replaces_the_draft_without_an_error() {
    let wd = Workdir::new();
    corrected(&wd);
    let out = wd.run_quarter_on("2020-04-30", "2020-Q1", &[]);
    // Nothing rejected: a correction is not a second report.
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("2 đã thay bằng bản sửa"),
        "{}",
        stdout(&out)
    );
    // The draft's error is not the unit's: not on stdout, not among the
    // findings (the file is listed as replaced).
    assert!(
        !stdout(&out).contains("tệp an-giang.xlsx"),
        "{}",
        stdout(&out)
    );
    let s = wd.summary("2020-Q1");
    assert!(
        rules_for(&s, "an-giang.xlsx").is_empty(),
        "{}",
        s["findings"]
    );
    assert_eq!(verdict(&s, "an-giang.xlsx"), "replaced");
    assert_eq!(verdict(&s, "bca.xlsx"), "replaced");
    let replaced_by = |file: &str| {
        s["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"] == file)
            .unwrap()["replaced_by"]
            .clone()
    };
    assert_eq!(replaced_by("an-giang.xlsx"), "an-giang-sua.xlsx");
    assert!(replaced_by("an-giang-sua.xlsx").is_null());
    assert!(!rules_for(&s, "an-giang.xlsx").contains(&"unit.duplicate".to_string()));
    assert_eq!(s["totals"]["files"]["replaced"], 2);
    assert_eq!(s["totals"]["files"]["rejected"], 0);
    let ag = unit(&s, "T89");
    assert_eq!(ag["status"], "accepted");
    assert_eq!(ag["file"], "an-giang-sua.xlsx");
    assert_eq!(ag["level4"], 300);
    // On time by its first report; the late correction is judged on its own.
    assert_eq!(ag["timeliness"]["days_late"], 0, "{ag}");
    assert_eq!(ag["timeliness"]["date"], "2020-04-08", "{ag}");
    assert_eq!(unit(&s, "BCA")["timeliness"]["days_late"], 15);

    // The sending list counts the file used: no error for An Giang.
    let list = std::fs::read_to_string(wd.path("reports/2020-Q1/phan-hoi/danh-sach.csv")).unwrap();
    let line = list
        .lines()
        .find(|l| l.starts_with("T89,"))
        .expect("T89 listed");
    assert!(line.starts_with("T89,An Giang,Hợp lệ,0,0,"), "{line}");

    let fb = feedback_text(&wd, "T89");
    assert!(
        fb.contains("Đã thay bằng bản sửa ngày 14/04/2020 (tệp “an-giang-sua.xlsx”)"),
        "{fb}"
    );
    assert!(
        fb.contains("báo cáo đầu tiên nộp ngày 08/04/2020")
            && fb.contains("trong thời hạn gửi bản sửa (đến ngày 20/04/2020)"),
        "{fb}"
    );
    // Nothing of the draft's fixed error, nothing of "one report only".
    for gone in [
        "3.000",
        "hơn một báo cáo",
        "Chỉ gửi một báo cáo",
        "muộn",
        "Lỗi",
    ] {
        assert!(!fb.contains(gone), "{gone}: {fb}");
    }
    let fb = feedback_text(&wd, "BCA");
    assert!(fb.contains("Báo cáo nộp muộn 15 ngày"), "{fb}");
    assert!(
        fb.contains("Bản sửa gửi sau thời hạn gửi bản sửa (đến ngày 20/04/2020)"),
        "{fb}"
    );
}

#[test]
fn the_correction_deadline_is_configurable() {
    let wd = Workdir::new();
    corrected(&wd);
    wd.write(
        "dvctt.toml",
        b"roster = \"roster.toml\"\n[deadline]\ncorrection_days = 0\n",
    );
    let out = wd.run_quarter_on("2020-04-30", "2020-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    // The correction must now come by the deadline itself: both late.
    assert_eq!(unit(&s, "T89")["timeliness"]["days_late"], 4);
    assert_eq!(unit(&s, "BCA")["timeliness"]["days_late"], 15);
}

#[test]
fn a_fault_the_correction_kept_is_said_once_of_the_file_used() {
    let wd = Workdir::new();
    small_roster(&wd);
    for (file, date) in [("ag.xlsx", "05/04/2020"), ("ag-sua.xlsx", "07/04/2020")] {
        Form::new("An Giang", "Quý I/2020", 2015, 3000)
            .set("Ngày báo cáo", t(date))
            .save(&wd, &format!("submissions/{file}"));
    }
    let out = wd.run_quarter_on("2020-04-30", "2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T89")["status"], "rejected");
    assert_eq!(verdict(&s, "ag.xlsx"), "replaced");
    let fb = feedback_text(&wd, "T89");
    // One finding row, on the file used.
    assert_eq!(fb.matches(" | Lỗi | ").count(), 1, "{fb}");
    assert!(fb.contains(" | Lỗi | ag-sua.xlsx: Báo cáo!D8 | "), "{fb}");
    let list = std::fs::read_to_string(wd.path("reports/2020-Q1/phan-hoi/danh-sach.csv")).unwrap();
    assert!(list.contains("T89,An Giang,Không hợp lệ,1,0,"), "{list}");
}
