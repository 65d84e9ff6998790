//! The words a person reads (#23's new-user review): the levels named as the
//! period names them, the lagging list by its title in a year with no
//! target, section 3 of the feedback saying each thing once.

use crate::support::*;
use calamine::Reader;

/// Every cell of every sheet of a workbook, one line each.
fn book_text(path: &std::path::Path) -> String {
    let mut book =
        calamine::open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        out.extend(range.rows().flatten().map(text));
    }
    out.join("\n")
}

/// Every feedback workbook of `quarter`'s report, by file name, as text.
fn feedback_texts(wd: &Workdir, quarter: &str) -> Vec<(String, String)> {
    let dir = wd.path(&format!("reports/{quarter}/phan-hoi"));
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, book_text(&p))
        })
        .collect();
    out.sort();
    out
}

/// Whether `text` names a level by its number (`mức độ 3`, `mức độ 4`); the
/// form's list column `Mức độ` may still take 2, 3, 4 as values.
fn names_old_levels(text: &str) -> bool {
    text.contains("mức độ 3") || text.contains("mức độ 4")
}

/// A form of a 2025 `period` reported on `day`, labelled as that period's
/// form is (`toàn trình`, `một phần`).
fn form_of_2025(period: &str, day: &str, unit: &str, total: u64, level4: u64) -> Form {
    Form::new(unit, period, total, level4)
        .relabel("Số dịch vụ công trực tuyến mức độ 4", "Số DVCTT toàn trình")
        .set("Ngày báo cáo", t(day))
}

fn form_2025(unit: &str, total: u64, level4: u64) -> Form {
    form_of_2025("Quý III/2025", "05/10/2025", unit, total, level4)
}

/// From 2022-Q3 the period's words call the levels "một phần" and "toàn
/// trình": every finding the run writes (stdout, feedback) and the form it
/// generates name them so, never "mức độ 3/4".
#[test]
fn findings_and_forms_name_the_levels_in_the_period_s_words() {
    let wd = Workdir::new();
    // Each trips a rule that names a level: level 4 over the total, levels 3
    // and 4 together over it, a ratio that is not the counts', a level-4
    // count left empty (the reader's finding).
    form_2025("Hà Nội", 100, 150).save(&wd, "submissions/hn.xlsx");
    form_2025("Đà Nẵng", 100, 50)
        .set("Số DVCTT một phần", V::N(60.0))
        .save(&wd, "submissions/dn.xlsx");
    form_2025("Cần Thơ", 100, 40)
        .set("Tỷ lệ DVCTT toàn trình", t("10%"))
        .save(&wd, "submissions/ct.xlsx");
    form_2025("Hải Phòng", 100, 40)
        .set("Số DVCTT toàn trình", V::Empty)
        .save(&wd, "submissions/hp.xlsx");
    let out = wd.run_quarter_on("2025-10-20", "2025-Q3", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let summary = wd.summary("2025-Q3");
    let rules: Vec<&str> = summary["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for rule in [
        "rule.level4_le_total",
        "rule.level34_le_total",
        "ratio.mismatch",
        "value.missing",
    ] {
        assert!(rules.contains(&rule), "{rule}: {rules:?}");
    }
    let stdout = stdout(&out);
    assert!(stdout.contains("Số DVCTT toàn trình (150)"), "{stdout}");
    assert!(!names_old_levels(&stdout), "{stdout}");
    let feedback = feedback_texts(&wd, "2025-Q3");
    let all: String = feedback.iter().map(|(_, t)| t.as_str()).collect();
    for said in [
        "Số DVCTT toàn trình (150) lớn hơn",
        "Số DVCTT một phần và toàn trình cộng lại (60 + 50 = 110)",
        "Tỷ lệ DVCTT toàn trình đơn vị ghi",
        "“Số dịch vụ công trực tuyến toàn trình”",
    ] {
        assert!(all.contains(said), "{said}: {all}");
    }
    for (name, text) in &feedback {
        assert!(!names_old_levels(text), "{name}: {text}");
    }
    // The form of that quarter, every sheet of it.
    let made = wd.run(&[
        "template",
        "--quarter",
        "2025-Q3",
        "--unit",
        "T01",
        "--out",
        "forms",
    ]);
    assert_eq!(code(&made), 0, "{}", stderr(&made));
    let form = book_text(&wd.path("forms/mau-bao-cao-T01-2025-Q3.xlsx"));
    assert!(form.contains("toàn trình"), "{form}");
    assert!(!names_old_levels(&form), "{form}");
}

/// Section 3 of a unit's feedback (`So sánh và xếp hạng`) up to section 4.
fn section_3(text: &str) -> String {
    let start = text.find("3. So sánh và xếp hạng").expect("section 3");
    let end = text[start..].find("4. ").map_or(text.len(), |e| start + e);
    text[start..end].to_string()
}

fn feedback_of(wd: &Workdir, quarter: &str, code: &str) -> String {
    book_text(&wd.feedback_path(quarter, code))
}

fn form_2025_q1(unit: &str, total: u64, level4: u64) -> Form {
    form_of_2025("Quý I/2025", "08/04/2025", unit, total, level4)
}

/// 2025 has no target: a unit on the lagging list is told the list by its
/// title (the units far behind, not sent, not valid), never "chưa đạt chỉ
/// tiêu" of a target that does not exist.
#[test]
fn in_a_year_with_no_target_the_feedback_names_the_list_by_its_title() {
    let wd = Workdir::new();
    // 2,00%: under the very-low line.
    form_2025_q1("Hà Giang", 2000, 40).save(&wd, "submissions/hg.xlsx");
    form_2025_q1("Bắc Ninh", 2000, 900).save(&wd, "submissions/bn.xlsx");
    let out = wd.run_quarter_on("2025-04-15", "2025-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let hg = feedback_of(&wd, "2025-Q1", "T02");
    assert!(
        hg.contains(
            "Đơn vị có tên trong danh sách đơn vị có tỷ lệ dịch vụ công trực tuyến toàn trình rất thấp, chưa nộp hoặc nộp báo cáo không hợp lệ của quý: Tỷ lệ rất thấp"
        ),
        "{hg}"
    );
    assert!(!hg.contains("chưa đạt chỉ tiêu"), "{hg}");
    // The list it is named in carries that title.
    let list = book_text(&wd.path("reports/2025-Q1/don-vi-cham-2025-Q1.xlsx"));
    assert!(
        list.contains("DANH SÁCH ĐƠN VỊ CÓ TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN TOÀN TRÌNH RẤT THẤP"),
        "{list}"
    );
}

/// Huế's report of 2025-Q1, with a ratio of its own (a warning: something
/// to hear, so a feedback file).
fn hue_2025_q1() -> Form {
    form_2025_q1("Huế", 1660, 640).set("Tỷ lệ DVCTT toàn trình", t("50%"))
}

/// Section 3 says each thing once: a renamed unit with no figure under
/// either name hears that once (naming the previous name), one with its
/// previous name's figure hears whose it is once, and nothing contradicts.
#[test]
fn section_3_says_once_whether_and_whose_the_previous_figure_is() {
    let wd = Workdir::new();
    // 2024-Q4 was run, but neither Thừa Thiên Huế nor Bắc Ninh reported.
    crate::further_back::past_summary(&wd, "2024-Q4", &[("T01", 2000, 600)]);
    hue_2025_q1().save(&wd, "submissions/hue.xlsx");
    form_2025_q1("Bắc Ninh", 2000, 40).save(&wd, "submissions/bn.xlsx");
    let out = wd.run_quarter_on("2025-04-15", "2025-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for code in ["HUE-2025", "T27"] {
        let section = section_3(&feedback_of(&wd, "2025-Q1", code));
        assert_eq!(
            section.matches("Không có số liệu quý trước").count(),
            1,
            "{code}: {section}"
        );
        assert!(!section.contains("Số liệu quý trước là của"), "{section}");
    }
    let hue = section_3(&feedback_of(&wd, "2025-Q1", "HUE-2025"));
    assert!(
        hue.contains("Không có số liệu quý trước của đơn vị (kể cả dưới tên trước đây Thừa Thiên Huế) để so sánh."),
        "{hue}"
    );

    // With Thừa Thiên Huế's figure of 2024-Q4, whose it is, once.
    let wd = Workdir::new();
    crate::further_back::past_summary(&wd, "2024-Q4", &[("T46", 1650, 610)]);
    hue_2025_q1().save(&wd, "submissions/hue.xlsx");
    let out = wd.run_quarter_on("2025-04-15", "2025-Q1", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let hue = section_3(&feedback_of(&wd, "2025-Q1", "HUE-2025"));
    assert_eq!(
        hue.matches("Số liệu quý trước là của Thừa Thiên Huế (tên trước đây)")
            .count(),
        1,
        "{hue}"
    );
    assert!(!hue.contains("Không có số liệu quý trước"), "{hue}");
}
