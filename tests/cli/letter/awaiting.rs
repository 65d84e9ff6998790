//! A jump waits for a person (#23): a flagged change no reviewer accepted
//! and the unit did not explain is "chờ xác nhận": listed first on stdout
//! and in "Việc cần làm", left out of the pooled figures and the letter's
//! lists with a sentence saying so (`compare.unconfirmed = "left_out"`), or
//! counted with the sentence (`"included"`).

use super::read_back::letter;
use crate::support::*;

/// Bộ Công an raises its level-4 count from 57 to 250 of 367 procedures
/// (15,53% → 68,12%); An Giang moves as usual. Returns the 2020-Q2 run.
pub(super) fn jump(wd: &Workdir, config: &str, explanation: Option<&str>) -> std::process::Output {
    small_roster(wd);
    wd.write(
        "dvctt.toml",
        format!("roster = \"roster.toml\"\n{config}").as_bytes(),
    );
    Form::new("Bộ Công an", "Quý I/2020", 367, 57).save(wd, "in/2020-Q1/bca.xlsx");
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(wd, "in/2020-Q1/ag.xlsx");
    let first = wd.on_day("2020-04-15", &quarter("2020-Q1"));
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let mut form =
        Form::new("Bộ Công an", "Quý II/2020", 367, 250).set("Ngày báo cáo", t("05/07/2020"));
    if let Some(text) = explanation {
        form = form.set("Giải trình", t(text));
    }
    form.save(wd, "in/2020-Q2/bca.xlsx");
    Form::new("An Giang", "Quý II/2020", 1915, 660)
        .set("Ngày báo cáo", t("05/07/2020"))
        .save(wd, "in/2020-Q2/ag.xlsx");
    wd.on_day("2020-07-15", &quarter("2020-Q2"))
}

fn quarter(q: &str) -> Vec<&str> {
    let folder: &'static str = match q {
        "2020-Q1" => "in/2020-Q1",
        _ => "in/2020-Q2",
    };
    vec![
        "run",
        "--quarter",
        q,
        "--submissions",
        folder,
        "--reports",
        "reports",
        "--replace",
    ]
}

/// Every line of the unit's 2020-Q2 feedback file, in order.
fn feedback(wd: &Workdir, code: &str) -> Vec<String> {
    let path = wd.feedback_path("2020-Q2", code);
    sheet(&path, "Phản hồi")
        .iter()
        .flatten()
        .map(text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// What the unit is told of its figure awaiting confirmation, if anything.
fn held_back(lines: &[String]) -> Option<&String> {
    lines
        .iter()
        .find(|l| l.starts_with("Số liệu quý này của đơn vị thay đổi bất thường"))
}

pub(super) fn paragraph<'a>(paragraphs: &'a [String], start: &str) -> Option<&'a String> {
    paragraphs.iter().find(|p| p.starts_with(start))
}

#[test]
fn an_unconfirmed_jump_is_listed_first_and_left_out_of_the_letter() {
    let wd = Workdir::new();
    let out = jump(&wd, "", None);
    // A change waits for a person: not "nothing to do".
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let printed = stdout(&out);
    let lines: Vec<&str> = printed.lines().collect();
    assert!(
        lines[1].contains("chờ xác nhận") && lines[1].contains("chưa tính vào số liệu chung"),
        "{printed}"
    );
    assert!(
        lines[2].contains("BCA (Bộ Công an): Số DVCTT mức độ 4 tăng 193: 57 → 250"),
        "{printed}"
    );
    let to_do = lines
        .iter()
        .position(|l| *l == "Việc cần làm:")
        .expect("Việc cần làm");
    assert!(
        lines[to_do + 1].starts_with("  - Xác nhận 1 thay đổi bất thường đang chờ")
            && lines[to_do + 1].ends_with(": Bộ Công an."),
        "{printed}"
    );

    let s = wd.summary("2020-Q2");
    let bca = unit(&s, "BCA");
    assert_eq!(bca["status"], "accepted");
    assert_eq!(bca["awaiting_confirmation"], true);
    assert_eq!(bca["level4"], 250, "its figures are still what it sent");
    // Pooled over An Giang alone: 660 / 1.915.
    assert_eq!(bca["pooled"], false);
    let pooled = s["totals"]["pooled_ratio"].as_f64().expect("pooled");
    assert!((pooled - 660.0 / 1915.0).abs() < 1e-9, "{pooled}");
    assert!(
        s["groups"]["I"]["pooled_ratio"].is_null(),
        "{}",
        s["groups"]["I"]
    );

    let paragraphs = letter(&wd, "2020-Q2");
    let at_target = paragraph(&paragraphs, "2. Đạt chỉ tiêu").expect("item 2");
    assert!(
        at_target.contains("0 bộ, cơ quan;") && !at_target.contains("Bộ Công an"),
        "{at_target}"
    );
    let held = paragraph(&paragraphs, "5. Số liệu của").expect("the sentence");
    assert_eq!(
        held,
        "5. Số liệu của 1 đơn vị (Bộ Công an) thay đổi bất thường so với quý trước, đang chờ đơn vị xác nhận; số liệu này chưa được tính vào tỷ lệ chung và các danh sách nêu trên."
    );
    // Its own feedback tells it so, under the verdict, and what to do.
    let lines = feedback(&wd, "BCA");
    let told = held_back(&lines).expect("the unit is told its figure is held back");
    assert_eq!(
        told,
        "Số liệu quý này của đơn vị thay đổi bất thường so với quý trước và đang chờ xác nhận, nên chưa được tính vào số liệu chung của cả nước (tỷ lệ chung, số đơn vị đạt chỉ tiêu và các danh sách trong công văn) cho đến khi được xác nhận. Nếu số liệu đúng, đề nghị đơn vị gửi lại báo cáo có ghi lý do thay đổi ở mục “Giải trình”, hoặc gửi văn bản giải trình để cơ quan tổng hợp xác nhận; nếu chưa đúng, đề nghị gửi lại báo cáo đã sửa."
    );
    let verdict = lines
        .iter()
        .position(|l| l.starts_with("Kết quả: báo cáo hợp lệ"))
        .expect("the verdict");
    assert_eq!(lines[verdict + 1], *told, "right under the verdict");
    assert!(
        lines.contains(
            &"Đề nghị đơn vị gửi giải trình về thay đổi nêu ở mục 1 (hoặc báo cáo đã sửa, nếu số liệu chưa đúng) trước ngày 25/07/2020."
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("lưu ý các nội dung trên ở các kỳ sau")),
        "not told to bear it in mind next time: {lines:?}"
    );

    // The reviewer accepts it: counted, and nothing said.
    wd.write(
        "reports/unusual-accepted.txt",
        b"2020-Q2 BCA da hoi lai don vi\n",
    );
    let out = wd.on_day("2020-07-15", &quarter("2020-Q2"));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stdout(&out).contains("chờ xác nhận"), "{}", stdout(&out));
    let s = wd.summary("2020-Q2");
    assert_eq!(unit(&s, "BCA")["awaiting_confirmation"], false);
    let pooled = s["totals"]["pooled_ratio"].as_f64().expect("pooled");
    assert!((pooled - 910.0 / 2282.0).abs() < 1e-9, "{pooled}");
    let paragraphs = letter(&wd, "2020-Q2");
    assert!(paragraph(&paragraphs, "5. Số liệu của").is_none());
    assert!(
        paragraph(&paragraphs, "2. Đạt chỉ tiêu")
            .unwrap()
            .contains("1 bộ, cơ quan (Bộ Công an)")
    );
    // Nor does its feedback (still written: the jump is flagged).
    let lines = feedback(&wd, "BCA");
    assert_eq!(held_back(&lines), None, "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("lưu ý các nội dung trên ở các kỳ sau")),
        "{lines:?}"
    );
}

#[test]
fn an_unconfirmed_jump_can_be_counted_with_the_sentence() {
    let wd = Workdir::new();
    let out = jump(&wd, "[compare]\nunconfirmed = \"included\"\n", None);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("đã tính vào số liệu chung"),
        "{}",
        stdout(&out)
    );
    let s = wd.summary("2020-Q2");
    assert_eq!(unit(&s, "BCA")["awaiting_confirmation"], true);
    let pooled = s["totals"]["pooled_ratio"].as_f64().expect("pooled");
    assert!((pooled - 910.0 / 2282.0).abs() < 1e-9, "{pooled}");
    let paragraphs = letter(&wd, "2020-Q2");
    let held = paragraph(&paragraphs, "5. Số liệu của").expect("the sentence");
    assert!(
        held.ends_with("số liệu này đã được tính vào tỷ lệ chung và các danh sách nêu trên."),
        "{held}"
    );
    // The unit is told its figure is counted while it awaits confirmation.
    let lines = feedback(&wd, "BCA");
    let told = held_back(&lines).expect("the unit is told");
    assert!(
        told.contains("trong khi chờ, số liệu vẫn được tính vào số liệu chung của cả nước")
            && !told.contains("chưa được tính"),
        "{told}"
    );
    assert!(told.contains("mục “Giải trình”"), "{told}");
}

#[test]
fn the_unit_s_explanation_confirms_its_change() {
    let wd = Workdir::new();
    let out = jump(
        &wd,
        "",
        Some("Đã rà soát, bổ sung 193 dịch vụ trên Cổng dịch vụ công của Bộ"),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stdout(&out).contains("chờ xác nhận"), "{}", stdout(&out));
    let s = wd.summary("2020-Q2");
    assert_eq!(unit(&s, "BCA")["awaiting_confirmation"], false);
    assert!(paragraph(&letter(&wd, "2020-Q2"), "5. Số liệu của").is_none());
    assert_eq!(held_back(&feedback(&wd, "BCA")), None);
}

/// Every valid report of the quarter waits for confirmation (a roster's one
/// reporting unit jumped): the letter says the figures wait, never "1/2
/// units reported validly" and then "no valid report".
#[test]
fn when_every_valid_figure_waits_the_letter_says_so() {
    let wd = Workdir::new();
    jump(&wd, "", None);
    std::fs::remove_file(wd.path("in/2020-Q2/ag.xlsx")).unwrap();
    let out = wd.on_day("2020-07-15", &quarter("2020-Q2"));
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let paragraphs = letter(&wd, "2020-Q2").join("\n");
    assert!(
        paragraphs.contains(
            "1. Số liệu của 1 đơn vị có báo cáo hợp lệ đều thay đổi bất thường so với quý trước và đang chờ xác nhận nên chưa tính được"
        ),
        "{paragraphs}"
    );
    assert!(
        !paragraphs.contains("Không có báo cáo hợp lệ"),
        "{paragraphs}"
    );
}

/// A unit under the target whose figure jumps and waits is not dropped
/// silently from the lagging list it was on: it stays, its reason the
/// wait, in the signed list, stdout's count and summary.json; counted
/// (`"included"`), its figure settles its place.
#[test]
fn a_waiting_unit_stays_on_the_lagging_list_with_its_reason() {
    for (config, listed) in [
        ("", true),
        ("[compare]\nunconfirmed = \"included\"\n", false),
    ] {
        let wd = Workdir::new();
        let out = jump(&wd, config, None);
        assert_eq!(code(&out), 3, "{}", stderr(&out));
        let list = sheet(
            &wd.path("reports/2020-Q2/don-vi-cham-2020-Q2.xlsx"),
            "Đơn vị chậm",
        );
        let row = list
            .iter()
            .find(|r| r.iter().any(|c| text(c) == "Bộ Công an"))
            .map(|r| r.iter().map(text).collect::<Vec<_>>().join(" | "));
        let summary = wd.summary("2020-Q2");
        let reasons = summary["lagging"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["code"] == "BCA")
            .map(|u| u["reasons"].clone());
        if listed {
            let row = row.expect("Bộ Công an on the lagging list");
            assert!(row.contains("đang chờ xác nhận"), "{row}");
            assert_eq!(reasons, Some(serde_json::json!(["awaiting_confirmation"])));
            assert!(
                stdout(&out).contains("có số liệu chờ xác nhận: 1)"),
                "{}",
                stdout(&out)
            );
        } else {
            assert_eq!(row, None, "counted at 68,12%: over the target");
            assert_eq!(reasons, None);
        }
    }
}
