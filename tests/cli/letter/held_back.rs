//! A held-back figure (#23, the attacker's review): one national figure in
//! the whole report, the next quarter compared with what was published and
//! never with a figure nobody confirmed, and a `Giải trình` that releases a
//! figure only when it says something.

use super::awaiting::{jump, paragraph};
use super::read_back::letter;
use crate::support::*;

/// The last percentage on the `Diễn biến` row labelled `label`: this quarter's.
fn trend_now(wd: &Workdir, q: &str, label: &str) -> f64 {
    let book = wd.path(&format!("reports/{q}/tong-hop-{q}.xlsx"));
    let rows = sheet(&book, "Diễn biến");
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| text(c) == label))
        .unwrap_or_else(|| panic!("a {label} row"));
    row.iter()
        .filter_map(|c| c.as_f64())
        .next_back()
        .expect("a ratio")
}

#[test]
fn the_trend_sheet_pools_the_figures_the_letter_pools() {
    let wd = Workdir::new();
    let out = jump(&wd, "", None);
    assert_ne!(code(&out), 1, "{}", stderr(&out));
    let s = wd.summary("2020-Q2");
    let pooled = s["totals"]["pooled_ratio"].as_f64().expect("pooled");
    assert!((pooled - 660.0 / 1915.0).abs() < 1e-9, "{pooled}");
    let nation = trend_now(&wd, "2020-Q2", "Cả nước");
    assert!(
        (nation - pooled).abs() < 1e-12,
        "Diễn biến {nation}, the letter's {pooled}"
    );
    // Group I's only unit is held back: no figure, as in summary.json.
    let book = wd.path("reports/2020-Q2/tong-hop-2020-Q2.xlsx");
    let rows = sheet(&book, "Diễn biến");
    let group_i = rows
        .iter()
        .find(|r| r.iter().any(|c| text(c) == "Bộ, cơ quan ngang bộ (I)"))
        .expect("group I");
    let q1 = 57.0 / 367.0;
    let numbers: Vec<f64> = group_i.iter().filter_map(|c| c.as_f64()).collect();
    assert_eq!(numbers.len(), 1, "Quý I only: {group_i:?}");
    assert!((numbers[0] - q1).abs() < 1e-12);
}

fn q3(wd: &Workdir, bca_level4: u64) -> std::process::Output {
    Form::new("Bộ Công an", "Quý III/2020", 367, bca_level4)
        .set("Ngày báo cáo", t("05/10/2020"))
        .save(wd, "in/2020-Q3/bca.xlsx");
    Form::new("An Giang", "Quý III/2020", 1915, 670)
        .set("Ngày báo cáo", t("05/10/2020"))
        .save(wd, "in/2020-Q3/ag.xlsx");
    wd.on_day(
        "2020-10-15",
        &[
            "run",
            "--quarter",
            "2020-Q3",
            "--submissions",
            "in/2020-Q3",
            "--reports",
            "reports",
            "--replace",
        ],
    )
}

#[test]
fn the_next_quarter_compares_with_what_was_published_and_confirmed() {
    let wd = Workdir::new();
    jump(&wd, "", None);
    // Bộ Công an's 250 was held back in 2020-Q2: 2020-Q2 published 34,46%
    // (An Giang alone).
    let out = q3(&wd, 250);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q3");
    let bca = unit(&s, "BCA");
    // Compared with its last confirmed figure (2020-Q1's 57), not the 250
    // nobody confirmed: still a jump, still waiting.
    assert_eq!(bca["previous"]["level4"], 57, "{bca}");
    assert!(
        bca["flags"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("ratio_jump")),
        "{bca}"
    );
    assert_eq!(bca["awaiting_confirmation"], true);
    assert_eq!(bca["pooled"], false);
    let paragraphs = letter(&wd, "2020-Q3");
    let first = paragraph(&paragraphs, "1. Tỷ lệ").expect("item 1");
    assert!(
        first.contains("đạt 34,99%, tăng 0,53 điểm phần trăm so với Quý II/2020 (34,46%)"),
        "{first}"
    );
    let at_target = paragraph(&paragraphs, "2. Đạt chỉ tiêu").expect("item 2");
    assert!(!at_target.contains("Bộ Công an"), "{at_target}");
    let nation = trend_now(&wd, "2020-Q3", "Cả nước");
    assert!((nation - 670.0 / 1915.0).abs() < 1e-12, "{nation}");
    let book = wd.path("reports/2020-Q3/tong-hop-2020-Q3.xlsx");
    let rows = sheet(&book, "Diễn biến");
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| text(c) == "Cả nước"))
        .unwrap();
    let series: Vec<f64> = row.iter().filter_map(|c| c.as_f64()).collect();
    assert!(
        (series[1] - 660.0 / 1915.0).abs() < 1e-12,
        "2020-Q2 as published: {series:?}"
    );

    // The reviewer accepts 2020-Q2's 250 afterwards: a confirmed baseline,
    // no jump in 2020-Q3, counted; 2020-Q2 stays as it was published.
    wd.write("reports/unusual-accepted.txt", b"2020-Q2 BCA da xac minh\n");
    let out = q3(&wd, 250);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q3");
    let bca = unit(&s, "BCA");
    assert_eq!(bca["previous"]["level4"], 250, "{bca}");
    assert_eq!(bca["awaiting_confirmation"], false);
    let paragraphs = letter(&wd, "2020-Q3");
    let first = paragraph(&paragraphs, "1. Tỷ lệ").expect("item 1");
    assert!(first.contains("Quý II/2020: 34,46%"), "{first}");
}

#[test]
fn a_figure_with_no_confirmed_one_before_it_waits_again() {
    let wd = Workdir::new();
    jump(&wd, "", None);
    // 2020-Q1 gone from reports/: 2020-Q2's unconfirmed 250 is all there is.
    std::fs::remove_dir_all(wd.path("reports/2020-Q1")).unwrap();
    let out = q3(&wd, 250);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let s = wd.summary("2020-Q3");
    let bca = unit(&s, "BCA");
    assert_eq!(
        bca["flags"],
        serde_json::json!(["previous_unconfirmed"]),
        "{bca}"
    );
    assert!(bca["previous"].is_null(), "{bca}");
    assert_eq!(bca["awaiting_confirmation"], true);
    assert_eq!(bca["pooled"], false);
    assert!(stdout(&out).contains("chờ xác nhận"), "{}", stdout(&out));
}

#[test]
fn an_explanation_that_says_nothing_releases_nothing() {
    for typed in [
        "\u{200b}",
        "\u{2060}",
        "không",
        "-",
        "0",
        "N/A",
        "x",
        "Không có",
        "FALSE",
        "#N/A",
        "\u{ffff}",
    ] {
        let wd = Workdir::new();
        let out = jump(&wd, "", Some(typed));
        assert_ne!(code(&out), 1, "{}", stderr(&out));
        let s = wd.summary("2020-Q2");
        let bca = unit(&s, "BCA");
        assert_eq!(bca["awaiting_confirmation"], true, "{typed:?}: {bca}");
        assert_eq!(bca["pooled"], false, "{typed:?}");
        let paragraphs = letter(&wd, "2020-Q2");
        let at_target = paragraph(&paragraphs, "2. Đạt chỉ tiêu").expect("item 2");
        assert!(!at_target.contains("Bộ Công an"), "{typed:?}: {at_target}");
    }
}
