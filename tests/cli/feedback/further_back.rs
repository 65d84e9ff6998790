//! What the history adds to a unit's feedback: the same quarter a year
//! before, the quarters in a row under the target, and the unit's own
//! `Giải trình`, written as text.

use super::*;

#[test]
fn a_feedback_file_gives_the_year_before_the_run_under_target_and_the_explanation() {
    let wd = setup();
    // Quý I/2019: Quảng Bình 100 of 1.611 (6,21%).
    Form::new("Quảng Bình", "Quý I/2019", 1611, 100).save(&wd, "q1-2019/qb.xlsx");
    let out = wd.on_day(
        "2019-04-15",
        &[
            "run",
            "--quarter",
            "2019-Q1",
            "--submissions",
            "q1-2019",
            "--reports",
            "reports",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Quý I/2020: 125 of 1.611 (7,76%), under the 30% target as in Quý
    // IV/2019 (120 of 1.611), with an explanation that looks like a formula.
    let why = "=Thiếu cán bộ, sẽ bổ sung trong quý II";
    Form::new("Quảng Bình", "Quý I/2020", 1611, 125)
        .set("Giải trình", t(why))
        .save(&wd, "submissions/qb.xlsx");
    run_on(&wd, DAY);
    let rows = book(&wd, "T44");
    let all = all_text(&texts(&rows));
    // 125/1611 - 100/1611 = 1,55 points.
    assert!(
        all.contains("Cùng kỳ năm trước (Quý I/2019): tổng số TTHC 1.611, số DVCTT mức độ 4 100, tỷ lệ 6,21%; tỷ lệ quý này thay đổi +1,55 điểm phần trăm."),
        "{all}"
    );
    assert!(all.contains("dưới chỉ tiêu 2 quý liên tiếp"), "{all}");
    let quoted = format!("Giải trình của đơn vị (như đơn vị ghi): “{why}”");
    let cell = rows.iter().flatten().find(|c| text(c) == quoted);
    assert!(matches!(cell, Some(Data::String(_))), "{all}");
}
