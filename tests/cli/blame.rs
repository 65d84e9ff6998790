//! A finding names the cell that is wrong (#23): a total that lost a digit
//! (1.572 → 155) makes level 3 + level 4 exceed it; set against last
//! quarter, the total is what moved, so the finding names the total's cell
//! and shows last quarter's total beside it.

use crate::support::*;

/// An Giang's 2020-Q1, then its 2020-Q2 with the total cut to 155.
fn lost_digit(wd: &Workdir, with_previous: bool) -> serde_json::Value {
    small_roster(wd);
    if with_previous {
        Form::new("An Giang", "Quý I/2020", 1572, 64).save(wd, "in/2020-Q1/ag.xlsx");
        let out = wd.on_day(
            "2020-04-15",
            &[
                "run",
                "--quarter",
                "2020-Q1",
                "--submissions",
                "in/2020-Q1",
                "--reports",
                "reports",
            ],
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    Form::new("An Giang", "Quý II/2020", 155, 131)
        .set("Số dịch vụ công trực tuyến mức độ 3", V::N(385.0))
        .set("Ngày báo cáo", t("05/07/2020"))
        .save(wd, "in/2020-Q2/ag.xlsx");
    let out = wd.on_day(
        "2020-07-15",
        &[
            "run",
            "--quarter",
            "2020-Q2",
            "--submissions",
            "in/2020-Q2",
            "--reports",
            "reports",
        ],
    );
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    wd.summary("2020-Q2")
}

/// The row of An Giang's 2020-Q2 feedback that holds its one error.
fn error_row(wd: &Workdir) -> Vec<String> {
    let rows = sheet(
        &wd.path("reports/2020-Q2/phan-hoi/T89-2020-Q2.xlsx"),
        "Phản hồi",
    );
    rows.iter()
        .map(|r| r.iter().map(text).collect::<Vec<_>>())
        .find(|r| r.get(2).is_some_and(|c| c == "Lỗi"))
        .expect("the finding's row")
}

/// The run's one `rule.level34_le_total` finding.
fn level34_finding(s: &serde_json::Value) -> &serde_json::Value {
    s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "rule.level34_le_total")
        .expect("rule.level34_le_total")
}

#[test]
fn a_total_that_lost_a_digit_is_named_with_last_quarter_s_figure() {
    let wd = Workdir::new();
    let s = lost_digit(&wd, true);
    let finding = level34_finding(&s);
    assert_eq!(finding["cell"], "Báo cáo!D7", "{finding}");
    assert_eq!(finding["previous"], "1.572", "{finding}");
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("Tổng số TTHC (Báo cáo!D7) ghi 155, quý trước 1.572"),
        "{message}"
    );
    let row = error_row(&wd);
    assert_eq!(row[3], "Báo cáo!D7");
    assert_eq!(row[4], "155 (quý trước: 1.572)");
    assert_eq!(
        row[5],
        "Kiểm tra lại số liệu ở ô Báo cáo!D7 (quý trước: 1.572) rồi gửi lại."
    );
}

#[test]
fn a_level4_count_out_of_line_is_left_where_it_is_with_last_quarter_s_figure() {
    let wd = Workdir::new();
    small_roster(&wd);
    Form::new("An Giang", "Quý I/2020", 2015, 300).save(&wd, "in/2020-Q1/ag.xlsx");
    let run = |q: &str, day: &str| run_from_in(&wd, q, day);
    assert_eq!(code(&run("2020-Q1", "2020-04-15")), 0);
    // The total as last quarter; the level-4 count with a digit too many.
    Form::new("An Giang", "Quý II/2020", 2015, 3100)
        .set("Ngày báo cáo", t("05/07/2020"))
        .save(&wd, "in/2020-Q2/ag.xlsx");
    assert_eq!(code(&run("2020-Q2", "2020-07-15")), 3);
    let s = wd.summary("2020-Q2");
    let finding = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "rule.level4_le_total")
        .expect("rule.level4_le_total");
    assert_eq!(finding["cell"], "Báo cáo!D8", "{finding}");
    assert_eq!(finding["previous"], "300", "{finding}");
    assert!(
        !finding["message"].as_str().unwrap().contains("quý trước"),
        "{finding}"
    );
}

#[test]
fn without_last_quarter_the_finding_names_the_cell_it_read() {
    let wd = Workdir::new();
    let s = lost_digit(&wd, false);
    let finding = level34_finding(&s);
    assert_eq!(finding["cell"], "Báo cáo!D9", "{finding}");
    assert!(finding.get("previous").is_none(), "{finding}");
}

/// The count that gained a digit is named, whichever it is (#23 review):
/// level 4 from 121 to 1.410 with level 3 as before makes level 3 + level 4
/// exceed a total as last quarter's; the finding names the level-4 cell
/// (not level 3's, which did not move) with last quarter's 121 beside it.
#[test]
fn a_level4_count_that_gained_a_digit_is_named_with_last_quarter_s_figure() {
    let wd = Workdir::new();
    small_roster(&wd);
    Form::new("An Giang", "Quý I/2020", 2000, 121)
        .set("Số dịch vụ công trực tuyến mức độ 3", V::N(850.0))
        .save(&wd, "in/2020-Q1/ag.xlsx");
    let run = |q: &str, day: &str| run_from_in(&wd, q, day);
    assert_eq!(code(&run("2020-Q1", "2020-04-15")), 0);
    Form::new("An Giang", "Quý II/2020", 2000, 1410)
        .set("Số dịch vụ công trực tuyến mức độ 3", V::N(850.0))
        .set("Ngày báo cáo", t("05/07/2020"))
        .save(&wd, "in/2020-Q2/ag.xlsx");
    assert_eq!(code(&run("2020-Q2", "2020-07-15")), 3);
    let s = wd.summary("2020-Q2");
    let finding = level34_finding(&s);
    // Rows: name, period, date, total (D7), level 4 (D8), level 3 (D9).
    assert_eq!(finding["cell"], "Báo cáo!D8", "{finding}");
    assert_eq!(finding["previous"], "121", "{finding}");
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("Số DVCTT mức độ 4 (Báo cáo!D8) ghi 1.410, quý trước 121"),
        "{message}"
    );
    let row = error_row(&wd);
    assert_eq!(row[3], "Báo cáo!D8");
    assert_eq!(row[4], "1.410 (quý trước: 121)");
}

/// `dvctt run` of quarter `q` on `in/<q>/`, on the day `day`.
fn run_from_in(wd: &Workdir, q: &str, day: &str) -> std::process::Output {
    let folder = format!("in/{q}");
    let args = [
        "run",
        "--quarter",
        q,
        "--submissions",
        &folder,
        "--reports",
        "reports",
    ];
    wd.on_day(day, &args)
}
