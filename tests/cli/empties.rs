//! Blank, zero and not applicable (#13 point 3): three different answers a
//! unit can give for a figure, kept apart from the cell to summary.json, the
//! sheets and the next quarter's baseline.

use calamine::Data;

use crate::support::*;

const Q1: &str = "Quý I/2020";
const FIGURES_SHEET: &str = "Số liệu chi tiết";
/// The optional figures' columns on that sheet.
const LEVEL3_COL: usize = 4;
const DOSSIERS_COL: usize = 7;
const ONLINE_COL: usize = 8;

/// The summary.json unit a file was charged to.
fn unit_of<'a>(summary: &'a serde_json::Value, file: &str) -> &'a serde_json::Value {
    summary["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["file"] == file)
        .unwrap_or_else(|| panic!("no unit charged with {file}"))
}

/// The row of `Số liệu chi tiết` for a unit, by its code.
fn figures_row(wd: &Workdir, code: &str) -> Vec<Data> {
    let rows = sheet(
        &wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
        FIGURES_SHEET,
    );
    rows.into_iter()
        .find(|r| r.get(1).map(text).as_deref() == Some(code))
        .unwrap_or_else(|| panic!("{code} on {FIGURES_SHEET}"))
}

fn not_applicable(unit: &serde_json::Value) -> Vec<&str> {
    unit["not_applicable"]
        .as_array()
        .expect("not_applicable")
        .iter()
        .map(|v| v.as_str().expect("a name"))
        .collect()
}

#[test]
fn blank_zero_and_not_applicable_give_three_different_results() {
    let wd = Workdir::new();
    // The same optional line, three answers; the forms differ otherwise too.
    Form::new("An Giang", Q1, 1915, 654)
        .set("Số DVCTT mức độ 3", V::Empty)
        .set("Tổng số hồ sơ tiếp nhận", V::N(0.0))
        .set("Số hồ sơ tiếp nhận trực tuyến", V::N(0.0))
        .save(&wd, "submissions/an-giang.xlsx");
    Form::new("Lào Cai", Q1, 2076, 620)
        .set("Số DVCTT mức độ 3", V::N(0.0))
        .set("Tổng số hồ sơ tiếp nhận", t("Không có"))
        .save(&wd, "submissions/lao-cai.xlsx");
    Form::new("Bình Dương", Q1, 1961, 754)
        .set("Số DVCTT mức độ 3", t("không có"))
        .set("Tổng số hồ sơ tiếp nhận", V::Empty)
        .set("Số hồ sơ tiếp nhận trực tuyến", t("N/A"))
        .save(&wd, "submissions/binh-duong.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    for file in ["an-giang.xlsx", "lao-cai.xlsx", "binh-duong.xlsx"] {
        assert_eq!(unit_of(&s, file)["status"], "accepted", "{file}");
        assert!(
            rules_for(&s, file).is_empty(),
            "{file}: {:?}",
            rules_for(&s, file)
        );
    }
    let (blank, zero, none) = (
        unit_of(&s, "an-giang.xlsx"),
        unit_of(&s, "lao-cai.xlsx"),
        unit_of(&s, "binh-duong.xlsx"),
    );
    // level3: blank, 0, "không có".
    assert_eq!(blank["level3"], serde_json::Value::Null);
    assert!(not_applicable(blank).is_empty());
    assert_eq!(zero["level3"], 0);
    assert!(!not_applicable(zero).contains(&"level3"));
    assert_eq!(none["level3"], serde_json::Value::Null);
    // dossiers: 0, "Không có", blank; online dossiers: 0, blank, "N/A".
    assert_eq!(blank["dossiers"], 0);
    assert_eq!(zero["dossiers"], serde_json::Value::Null);
    assert_eq!(none["dossiers"], serde_json::Value::Null);
    assert_eq!(blank["online_dossiers"], 0);
    assert_eq!(zero["online_dossiers"], serde_json::Value::Null);
    assert_eq!(none["online_dossiers"], serde_json::Value::Null);
    assert_eq!(not_applicable(zero), ["dossiers"]);
    assert_eq!(not_applicable(none), ["level3", "online_dossiers"]);
    // Where a not-applicable answer was read is traced like a number.
    assert_eq!(none["sources"]["level3"]["how"], "right_of_label");
    assert!(none["sources"].get("dossiers").is_none());

    // The sheet: an empty cell, the number 0, the words as text.
    let codes = |u: &serde_json::Value| u["code"].as_str().unwrap().to_string();
    let (b, z, n) = (
        figures_row(&wd, &codes(blank)),
        figures_row(&wd, &codes(zero)),
        figures_row(&wd, &codes(none)),
    );
    assert_eq!(b[LEVEL3_COL], Data::Empty);
    assert_eq!(z[LEVEL3_COL], Data::Float(0.0));
    assert_eq!(n[LEVEL3_COL], Data::String("Không áp dụng".into()));
    assert_eq!(b[DOSSIERS_COL], Data::Float(0.0));
    assert_eq!(z[DOSSIERS_COL], Data::String("Không áp dụng".into()));
    assert_eq!(n[DOSSIERS_COL], Data::Empty);
    assert_eq!(b[ONLINE_COL], Data::Float(0.0));
    assert_eq!(z[ONLINE_COL], Data::Empty);
    assert_eq!(n[ONLINE_COL], Data::String("Không áp dụng".into()));
    // The required figures beside them, as each form says.
    assert_eq!(n[3], Data::Float(1961.0));
    assert_eq!(n[5], Data::Float(754.0));
    // The words are text in a number column, written as a string cell.
    let xml = xml(
        &wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
        "xl/sharedStrings.xml",
    );
    assert!(xml.contains("Không áp dụng"), "shared strings");
}

/// Every spelling offices use for "does not apply", in one optional figure
/// or another, each in its own unit's file: accepted, no finding, and the
/// figure named not applicable.
#[test]
fn each_not_applicable_spelling_is_read_as_not_applicable() {
    let spellings = [
        ("An Giang", "không có", "Số DVCTT mức độ 3", "level3"),
        (
            "Bắc Giang",
            "Không áp dụng",
            "Tổng số hồ sơ tiếp nhận",
            "dossiers",
        ),
        (
            "Bắc Kạn",
            "KHÔNG",
            "Số DVCTT có phát sinh hồ sơ",
            "dossier_services",
        ),
        (
            "Bạc Liêu",
            "N/A",
            "Số hồ sơ tiếp nhận trực tuyến",
            "online_dossiers",
        ),
        ("Bến Tre", "n/a", "Số DVCTT mức độ 3", "level3"),
        ("Bình Định", "-", "Tổng số hồ sơ tiếp nhận", "dossiers"),
        ("Bình Phước", "—", "Số DVCTT mức độ 3", "level3"),
        (
            "Bình Thuận",
            "–",
            "Số DVCTT có phát sinh hồ sơ",
            "dossier_services",
        ),
        (
            "Cà Mau",
            "x",
            "Số hồ sơ tiếp nhận trực tuyến",
            "online_dossiers",
        ),
        ("Cần Thơ", "X", "Tổng số hồ sơ tiếp nhận", "dossiers"),
        // Decomposed Unicode and a full stop, as some files hold it.
        (
            "Cao Bằng",
            "Kho\u{302}ng co\u{301}.",
            "Số DVCTT mức độ 3",
            "level3",
        ),
        (
            "Đà Nẵng",
            " (không áp dụng) ",
            "Số DVCTT mức độ 3",
            "level3",
        ),
    ];
    let wd = Workdir::new();
    for (i, (unit, typed, label, _)) in spellings.iter().enumerate() {
        Form::new(unit, Q1, 1000 + i as u64, 300)
            .set(label, t(typed))
            .save(&wd, &format!("submissions/{i:02}.xlsx"));
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    for (i, (unit, typed, _, name)) in spellings.iter().enumerate() {
        let file = format!("{i:02}.xlsx");
        let u = unit_of(&s, &file);
        assert_eq!(u["name"], *unit, "{typed:?}");
        assert_eq!(u["status"], "accepted", "{typed:?}");
        assert!(
            rules_for(&s, &file).is_empty(),
            "{typed:?}: {:?}",
            rules_for(&s, &file)
        );
        assert_eq!(not_applicable(u), [*name], "{typed:?}");
        assert_eq!(u[*name], serde_json::Value::Null, "{typed:?}");
        assert_eq!(u["total"], 1000 + i as u64, "{typed:?}");
    }
}

/// Words that only look like "none": still words where a number should be.
#[test]
fn other_words_in_an_optional_figure_are_still_not_a_number() {
    let wd = Workdir::new();
    Form::new("An Giang", Q1, 1915, 654)
        .set("Số DVCTT mức độ 3", t("chưa thống kê"))
        .save(&wd, "submissions/an-giang.xlsx");
    Form::new("Bắc Ninh", Q1, 1800, 300)
        .set("Tổng số hồ sơ tiếp nhận", t("không phát sinh"))
        .save(&wd, "submissions/bac-ninh.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    assert_eq!(rules_for(&s, "an-giang.xlsx"), ["value.not_number"]);
    assert_eq!(rules_for(&s, "bac-ninh.xlsx"), ["value.not_number"]);
    // "None arose" is a number: the message says which (new-user review:
    // the docs promised it, the message did not say it).
    let message = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "bac-ninh.xlsx")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("(ghi 0 nếu không phát sinh)"), "{message}");
    assert!(message.contains("“không phát sinh”"), "{message}");
}

/// A required figure written as not applicable: its own finding, in each
/// place a figure is read from; blank there is still `value.missing`.
#[test]
fn not_applicable_in_a_required_figure_trips_its_own_rule_in_every_layout() {
    let wd = Workdir::new();
    let right_of_label =
        |unit: &str, value: V| Form::new(unit, Q1, 1915, 654).set("Tổng số", value);
    let under_header = |body: &str, unit: &str, level4: &str| {
        table_929(
            official(
                &[body, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
                unit,
                "BÁO CÁO KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN QUÝ I NĂM 2020",
            ),
            6,
            &["1", unit, "1250", "600", level4, ""],
        )
    };
    let in_label_cell = |unit: &str, total: &str| {
        Sheet::new("Báo cáo")
            .text(0, 0, &format!("Tên đơn vị: {unit}"))
            .text(1, 0, "Kỳ báo cáo: Quý I/2020")
            .text(3, 0, &format!("1. Tổng số TTHC: {total}"))
            .text(4, 0, "2. Số DVCTT mức độ 4: 336 dịch vụ")
    };
    right_of_label("An Giang", t("không có")).save(&wd, "a/right-na.xlsx");
    right_of_label("Bắc Giang", V::Empty).save(&wd, "a/right-blank.xlsx");
    right_of_label("Bắc Kạn", t("nhiều")).save(&wd, "a/right-words.xlsx");
    let na = under_header("UBND THÀNH PHỐ ĐÀ NẴNG", "Thành phố Đà Nẵng", "N/A");
    wd.write("a/header-na.xlsx", &book(&[na]));
    let blank = under_header("UBND TỈNH ĐẮK LẮK", "Tỉnh Đắk Lắk", "");
    wd.write("a/header-blank.xlsx", &book(&[blank]));
    let na = in_label_cell("Thành phố Cần Thơ", "không áp dụng");
    wd.write("a/cell-na.xlsx", &book(&[na]));
    let blank = in_label_cell("Tỉnh Bình Thuận", "");
    wd.write("a/cell-blank.xlsx", &book(&[blank]));
    wd.run_folder("2020-Q1", "a");
    let s = wd.summary("2020-Q1");
    let expected = [
        ("right-na.xlsx", "value.not_applicable"),
        ("right-blank.xlsx", "value.missing"),
        ("right-words.xlsx", "value.not_number"),
        ("header-na.xlsx", "value.not_applicable"),
        ("header-blank.xlsx", "value.missing"),
        ("cell-na.xlsx", "value.not_applicable"),
        ("cell-blank.xlsx", "value.missing"),
    ];
    for (file, rule) in expected {
        assert_eq!(rules_for(&s, file), [rule], "{file}");
        let verdict = s["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"] == file)
            .map(|f| f["verdict"].clone());
        assert_eq!(verdict, Some(serde_json::json!("rejected")), "{file}");
    }
    let message = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "header-na.xlsx")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .unwrap();
    assert!(message.contains("bắt buộc"), "{message}");
    assert!(message.contains("ghi 0 nếu không có"), "{message}");
    assert!(message.contains("“N/A”"), "{message}");
}

/// 0 is a figure in every field, typed as a number or as text: no finding,
/// and 0 in the outputs.
#[test]
fn zero_is_a_figure_in_every_field() {
    let wd = Workdir::new();
    let mut form = Form::new("An Giang", Q1, 1915, 0);
    for label in [
        "Số DVCTT mức độ 3",
        "Số DVCTT có phát sinh hồ sơ",
        "Tổng số hồ sơ tiếp nhận",
        "Số hồ sơ tiếp nhận trực tuyến",
    ] {
        form = form.set(label, V::N(0.0));
    }
    form.save(&wd, "submissions/an-giang.xlsx");
    // Zero typed as text under a table header.
    wd.write(
        "submissions/da-nang.xlsx",
        &book(&[table_929(
            official(
                &["UBND THÀNH PHỐ ĐÀ NẴNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
                "Đà Nẵng",
                "BÁO CÁO KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN QUÝ I NĂM 2020",
            ),
            6,
            &["1", "Thành phố Đà Nẵng", "1250", "", "0", "0"],
        )
        .text(7, 3, "0")]),
    );
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    let a = unit_of(&s, "an-giang.xlsx");
    assert!(rules_for(&s, "an-giang.xlsx").is_empty());
    for name in [
        "level4",
        "level3",
        "dossier_services",
        "dossiers",
        "online_dossiers",
    ] {
        assert_eq!(a[name], 0, "{name}");
    }
    assert!(not_applicable(a).is_empty());
    let d = unit_of(&s, "da-nang.xlsx");
    assert!(rules_for(&s, "da-nang.xlsx").is_empty());
    assert_eq!(
        (d["level3"].clone(), d["level4"].clone()),
        (0.into(), 0.into())
    );
    let row = figures_row(&wd, a["code"].as_str().unwrap());
    // Columns E..I: level 3, level 4, services with dossiers, dossiers, online.
    assert_eq!(row[4..=8], vec![Data::Float(0.0); 5]);
}

/// `dvctt check` says each answer differently.
#[test]
fn check_shows_blank_zero_and_not_applicable_apart() {
    let wd = Workdir::new();
    let file = Form::new("An Giang", Q1, 1915, 654)
        .set("Số DVCTT mức độ 3", t("—"))
        .set("Tổng số hồ sơ tiếp nhận", V::N(0.0))
        .save(&wd, "an-giang.xlsx");
    let out = wd.run(&["check", "--quarter", "2020-Q1", file.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains("  Số DVCTT mức độ 3: không áp dụng  [Báo cáo!D9]"),
        "{text}"
    );
    assert!(
        text.contains("  Số hồ sơ tiếp nhận: 0  [Báo cáo!D10]"),
        "{text}"
    );
    assert!(text.contains("  Số hồ sơ trực tuyến: để trống"), "{text}");
}

/// A summary with not-applicable figures serves as the next quarter's
/// baseline, and one written before the marker existed still does.
#[test]
fn a_summary_with_not_applicable_figures_is_read_back_as_the_baseline() {
    let wd = Workdir::new();
    Form::new("Bình Dương", Q1, 1961, 700)
        .set("Số DVCTT mức độ 3", t("không áp dụng"))
        .set("Tổng số hồ sơ tiếp nhận", V::Empty)
        .save(&wd, "q1/binh-duong.xlsx");
    wd.run_folder("2020-Q1", "q1");
    let q1 = wd.summary("2020-Q1");
    assert_eq!(not_applicable(unit_of(&q1, "binh-duong.xlsx")), ["level3"]);
    Form::new("Bình Dương", "Quý II/2020", 1961, 754)
        .set("Ngày báo cáo", t("05/07/2020"))
        .save(&wd, "q2/binh-duong.xlsx");
    let previous = |wd: &Workdir| {
        wd.run_folder("2020-Q2", "q2");
        let q2 = wd.summary("2020-Q2");
        let u = unit_of(&q2, "binh-duong.xlsx").clone();
        (
            u["previous"]["total"].clone(),
            u["previous"]["level4"].clone(),
        )
    };
    assert_eq!(previous(&wd), (1961.into(), 700.into()));
    // The same summary as written before `not_applicable` existed.
    let path = wd.path("reports/2020-Q1/summary.json");
    let mut old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for u in old["units"].as_array_mut().unwrap() {
        u.as_object_mut().unwrap().remove("not_applicable");
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&old).unwrap()).unwrap();
    assert_eq!(previous(&wd), (1961.into(), 700.into()));
}
