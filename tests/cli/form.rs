//! `dvctt template`: the form units fill in, and its round trip through
//! `dvctt check`.

use crate::support::*;
use dvctt::form::{REPORT_SHEET, cell_of, form_workbook};
use dvctt::read::Field;

fn settings() -> dvctt::config::Settings {
    dvctt::config::load(Some(std::path::Path::new(&format!("{REPO}/dvctt.toml"))))
        .expect("settings")
}

#[test]
fn the_form_carries_the_reader_s_labels_and_the_unit() {
    let wd = Workdir::new();
    let out = wd.run(&[
        "template",
        "--quarter",
        "2020-Q1",
        "--unit",
        "T89",
        "--out",
        "forms",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let path = wd.path("forms/mau-bao-cao-T89-2020-Q1.xlsx");
    let rows = sheet(&path, REPORT_SHEET);
    // Each field's row carries one of the labels the reader knows for it
    // (the level's words are the period's: tests/cli/roster.rs).
    for field in dvctt::form::ROWS.iter().map(|(f, _)| *f) {
        let label = text(&rows[cell_of(field).0 as usize][1]);
        assert!(
            dvctt::read::LABELS.contains(&(field, label.as_str())),
            "{field:?}: {label}"
        );
    }
    let value = |field: Field| {
        let (r, c) = cell_of(field);
        text(&rows[r as usize][c as usize])
    };
    assert_eq!(value(Field::Unit), "An Giang");
    assert_eq!(value(Field::UnitCode), "T89");
    assert_eq!(value(Field::Period), "Quý I/2020");
    let guide = sheet(&path, "Hướng dẫn");
    assert!(
        guide
            .iter()
            .flatten()
            .any(|c| text(c).contains("ngày 10/04/2020")),
        "deadline"
    );
    let detail = sheet(&path, "Danh mục");
    assert_eq!(text(&detail[0][1]), "Mã thủ tục");
}

#[test]
fn inputs_are_unlocked_validated_and_the_rest_protected() {
    let wd = Workdir::new();
    wd.run(&[
        "template",
        "--quarter",
        "2020-Q1",
        "--unit",
        "T89",
        "--out",
        "forms",
    ]);
    let path = wd.path("forms/mau-bao-cao-T89-2020-Q1.xlsx");
    let sheet1 = xml(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("<sheetProtection"), "protected");
    assert!(!sheet1.contains("password"), "without a password");
    assert!(
        xml(&path, "xl/styles.xml").contains(r#"<protection locked="0"/>"#),
        "unlocked inputs"
    );
    let (total, level3, level4) = ("D9", "D10", "D11");
    let validations = sheet1.matches("<dataValidation ").count();
    assert_eq!(validations, 8, "{sheet1}");
    // The explanation is free text, at most what the reader keeps.
    assert!(
        sheet1.contains(r#"type="textLength" operator="lessThanOrEqual""#)
            && sheet1.contains("<formula1>1000</formula1>"),
        "the explanation's length"
    );
    assert!(
        sheet1.contains(r#"type="whole""#) && sheet1.contains(r#"operator="greaterThanOrEqual""#)
    );
    assert!(
        sheet1.contains(&format!("{level4}&lt;={total}")),
        "level-4 within total"
    );
    assert!(
        sheet1.contains(&format!("N({level3})+{level4}&lt;={total}")),
        "level 3 + 4 within total"
    );
    assert!(sheet1.contains("D14&lt;=D13"), "online within dossiers");
    assert!(
        sheet1.contains("promptTitle=\"Tổng số TTHC\""),
        "Vietnamese input message"
    );
    assert!(
        sheet1.contains("error=\"Tổng số thủ tục hành chính phải là số nguyên từ 0 trở lên.\"")
    );
    // The ratio: a formula, its result saved.
    assert!(
        sheet1.contains("<f>IF(AND(ISNUMBER(D9),D9&gt;0,ISNUMBER(D11)),D11/D9,\"\")</f>"),
        "{sheet1}"
    );
}

#[test]
fn a_blank_form_offers_the_roster_and_is_kept_in_templates() {
    let wd = Workdir::new();
    let out = wd.run(&["template", "--out", "forms"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let path = wd.path("forms/mau-bao-cao.xlsx");
    let sheet1 = xml(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains(r#"type="list""#), "{sheet1}");
    // Today's units: 16 ministries and agencies, 34 provinces (templates/roster.toml).
    assert!(sheet1.contains("'Danh sách đơn vị'!$A$1:$A$50"), "{sheet1}");
    assert!(xml(&path, "xl/workbook.xml").contains(r#"state="hidden""#));
    let names = sheet(&path, "Danh sách đơn vị");
    assert_eq!(names.len(), 50);
    assert_eq!(text(&names[0][0]), "Bộ Công an");
    let shipped = std::fs::read(format!("{REPO}/templates/mau-bao-cao.xlsx"))
        .expect("templates/mau-bao-cao.xlsx");
    assert!(
        shipped == std::fs::read(&path).unwrap(),
        "templates/mau-bao-cao.xlsx is what `dvctt template` writes"
    );
}

#[test]
fn every_unit_gets_its_form() {
    let wd = Workdir::new();
    let out = wd.run(&[
        "template",
        "--quarter",
        "2020-Q1",
        "--all",
        "--out",
        "forms",
    ]);
    assert_eq!(code(&out), 0);
    assert_eq!(std::fs::read_dir(wd.path("forms")).unwrap().count(), 83);
    let out = wd.run(&["template", "--unit", "XX", "--out", "forms"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("mã đơn vị 'XX' không có trong danh mục"),
        "{}",
        stderr(&out)
    );
    // A name where the code goes: the error names the code to use.
    let out = wd.run(&["template", "--unit", "An Giang", "--out", "forms"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("An Giang có mã T89")
            && stderr(&out).contains("templates/roster.toml"),
        "{}",
        stderr(&out)
    );
}

/// The form `dvctt template` writes, filled the way a unit would.
fn filled(values: &[(Field, f64)]) -> Vec<u8> {
    let settings = settings();
    let quarter = "2020-Q1".parse().ok();
    let unit = settings.roster.by_code("T74");
    let mut book = form_workbook(&settings, quarter, unit).expect("form");
    let sheet = book.worksheet_from_name(REPORT_SHEET).expect("sheet");
    let get = |f: Field| values.iter().find(|(x, _)| *x == f).map(|(_, v)| *v);
    for (field, value) in values {
        let (r, c) = cell_of(*field);
        sheet.write_number(r, c, *value).expect("fill");
    }
    if let (Some(total), Some(level4)) = (get(Field::Total), get(Field::Level4))
        && total > 0.0
    {
        let (r, c) = cell_of(Field::Ratio);
        sheet.set_formula_result(r, c, (level4 / total).to_string());
    }
    let (r, c) = cell_of(Field::ReportDate);
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2020, 4, 6).unwrap();
    sheet
        .write_datetime_with_format(
            r,
            c,
            &date,
            &rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy"),
        )
        .unwrap();
    book.save_to_buffer().expect("xlsx")
}

const GOOD: [(Field, f64); 6] = [
    (Field::Total, 1961.0),
    (Field::Level3, 900.0),
    (Field::Level4, 754.0),
    (Field::DossierServices, 600.0),
    (Field::Dossiers, 80_000.0),
    (Field::OnlineDossiers, 12_000.0),
];

fn with(field: Field, value: f64) -> Vec<(Field, f64)> {
    GOOD.iter()
        .map(|(f, v)| (*f, if *f == field { value } else { *v }))
        .collect()
}

#[test]
fn a_filled_form_passes_check_and_each_broken_figure_trips_its_rule() {
    let wd = Workdir::new();
    // The library builds the same bytes as the binary.
    wd.run(&[
        "--config",
        &format!("{REPO}/dvctt.toml"),
        "template",
        "--quarter",
        "2020-Q1",
        "--unit",
        "T74",
        "--out",
        "forms",
    ]);
    let mut book = form_workbook(
        &settings(),
        "2020-Q1".parse().ok(),
        settings().roster.by_code("T74"),
    )
    .unwrap();
    assert!(
        book.save_to_buffer().unwrap()
            == std::fs::read(wd.path("forms/mau-bao-cao-T74-2020-Q1.xlsx")).unwrap()
    );

    let good = wd.write("good.xlsx", &filled(&GOOD));
    let out = wd.run(&["check", "--quarter", "2020-Q1", good.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.starts_with("good.xlsx: HỢP LỆ\n"), "{text}");
    assert!(
        !text.contains("Lỗi") && !text.contains("Cảnh báo"),
        "no finding at all: {text}"
    );

    let cases = [
        (with(Field::Level4, 2000.0), "rule.level4_le_total"),
        (with(Field::Level3, 1300.0), "rule.level34_le_total"),
        (
            with(Field::DossierServices, 1700.0),
            "rule.dossier_services_le_level34",
        ),
        (
            with(Field::OnlineDossiers, 90_000.0),
            "rule.online_le_dossiers",
        ),
        (with(Field::Total, 0.0), "rule.total_positive"),
        (with(Field::Level3, -1.0), "value.negative"),
        (with(Field::Dossiers, 100.5), "value.fraction"),
        (
            GOOD.iter()
                .copied()
                .filter(|(f, _)| *f != Field::Total)
                .collect(),
            "value.missing",
        ),
    ];
    for (i, (values, rule)) in cases.iter().enumerate() {
        let file = wd.write(&format!("bad{i}.xlsx"), &filled(values));
        let out = wd.run(&["check", "--quarter", "2020-Q1", file.to_str().unwrap()]);
        assert_eq!(code(&out), 3, "{rule}");
        assert!(
            stdout(&out)
                .lines()
                .any(|l| l.starts_with("  Lỗi") && l.ends_with(&format!("({rule})"))),
            "{rule}: {}",
            stdout(&out)
        );
    }
    let out = wd.run(&["check", "--quarter", "2020-Q2", good.to_str().unwrap()]);
    assert!(stdout(&out).contains("period.mismatch"));
}

#[test]
fn a_form_for_a_unit_that_no_longer_reports_is_refused_naming_its_successor() {
    let wd = Workdir::new();
    // T89, An Giang before the 2025 merger (valid to 2025-Q2); today's An Giang is ANGIANG-2025.
    let out = wd.run(&["template", "--unit", "T89", "--out", "forms"]);
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("đơn vị An Giang (mã T89) không báo cáo hiện nay")
            && err.contains("nay là An Giang (mã ANGIANG-2025): dùng --unit ANGIANG-2025")
            && err.contains("--quarter 2025-Q2"),
        "{err}"
    );
    assert!(
        !wd.path("forms").exists() || std::fs::read_dir(wd.path("forms")).unwrap().count() == 0
    );
    // A quarter before the unit existed is refused too; one it reported in is written.
    let out = wd.run(&[
        "template",
        "--quarter",
        "2020-Q1",
        "--unit",
        "ANGIANG-2025",
        "--out",
        "forms",
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("không báo cáo trong Quý I/2020"),
        "{}",
        stderr(&out)
    );
    let out = wd.run(&[
        "template",
        "--quarter",
        "2025-Q2",
        "--unit",
        "T89",
        "--out",
        "forms",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // The help's example is a unit that reports today.
    let help = stdout(&wd.run(&["template", "--help"]));
    assert!(
        help.contains("ví dụ T01 là Hà Nội") && !help.contains("T89"),
        "{help}"
    );
    let settings = settings();
    assert!(settings.roster.by_code("T01").unwrap().valid_to.is_none());
}

#[test]
fn the_guide_gives_the_form_s_own_quarter_and_no_program_a_unit_cannot_get() {
    let wd = Workdir::new();
    let out = wd.run(&[
        "template",
        "--quarter",
        "2025-Q3",
        "--unit",
        "T01",
        "--out",
        "forms",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    wd.run(&["template", "--out", "blank"]);
    let guide = |path: &str| -> String {
        let rows = sheet(&wd.path(path), "Hướng dẫn");
        rows.iter()
            .flatten()
            .map(text)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let dated = guide("forms/mau-bao-cao-T01-2025-Q3.xlsx");
    assert!(dated.contains("Quý báo cáo: Quý III/2025."), "{dated}");
    let blank = guide("blank/mau-bao-cao.xlsx");
    assert!(blank.contains("Quý <I, II, III hoặc IV>/<năm>"), "{blank}");
    for words in [&dated, &blank] {
        // No stale year, no issuer that changed name in 2025, no program units are not given.
        for stale in ["2020", "Cục Tin học hóa", "dvctt check"] {
            assert!(!words.contains(stale), "{stale} in {words}");
        }
    }
}
