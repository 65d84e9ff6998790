//! Reading by label, as units really fill the form.

use crate::support::*;

fn run_one(wd: &Workdir) -> serde_json::Value {
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    wd.summary("2020-Q1")
}

#[test]
fn vietnamese_numbers_typed_as_text_are_numbers() {
    let wd = Workdir::new();
    Form::new("Bình Dương", "Quý 1 năm 2020", 0, 0)
        .set("Tổng số", t("1.961"))
        .set("Số dịch vụ", t("754"))
        .set("Số DVCTT mức độ 3", t("1 002"))
        .set("Tỉ lệ DVCTT mức độ 4", t("38,45%"))
        .save(&wd, "submissions/bd.xlsx");
    let s = run_one(&wd);
    let bd = unit(&s, "T74");
    assert_eq!(bd["status"], "accepted", "{:?}", rules_for(&s, "bd.xlsx"));
    assert_eq!(
        (bd["total"].as_u64(), bd["level4"].as_u64()),
        (Some(1961), Some(754))
    );
    assert_eq!(bd["level3"], 1002);
    assert!((bd["ratio"].as_f64().unwrap() - 754.0 / 1961.0).abs() < 1e-15);
}

#[test]
fn labels_match_without_case_diacritics_numbering_or_units() {
    let wd = Workdir::new();
    Form::new("Cần Thơ", "Q1/2020", 1891, 336)
        .relabel("Tên đơn vị", "1. ĐƠN VỊ BÁO CÁO:")
        .relabel("Kỳ báo cáo", "2. Ky bao cao")
        .relabel("Tổng số", "III. Tổng số TTHC (thủ tục)")
        .relabel("Số dịch vụ", "a) Số DVCTT toàn trình (dịch vụ):")
        .set("Tỉ lệ dịch vụ công trực tuyến mức độ 4 (%)", t("17,77"))
        .save(&wd, "submissions/ct.xlsx");
    let s = run_one(&wd);
    let ct = unit(&s, "T92");
    assert_eq!(ct["status"], "accepted", "{:?}", rules_for(&s, "ct.xlsx"));
    assert_eq!(ct["level4"], 336);
    assert_eq!(rules_for(&s, "ct.xlsx"), Vec::<String>::new());
}

#[test]
fn rows_and_columns_can_move_and_the_sheet_can_be_anywhere() {
    let wd = Workdir::new();
    let mut form = Form::new("Thành phố Hồ Chí Minh", "2020-Q1", 1797, 187);
    form.rows.reverse();
    form.value_col = 6;
    form.first_row = 12;
    form.sheet = "BAO CAO".to_string();
    wd.write("submissions/hcm.xlsx", &form.bytes());
    let s = run_one(&wd);
    let hcm = unit(&s, "T79");
    assert_eq!(hcm["status"], "accepted", "{:?}", rules_for(&s, "hcm.xlsx"));
    assert_eq!(hcm["total"], 1797);
}

#[test]
fn the_report_sheet_is_chosen_by_name_over_the_first_sheet() {
    let wd = Workdir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let guide = book.add_worksheet().set_name("Hướng dẫn").unwrap();
    guide
        .write_string(0, 0, "Tổng số thủ tục hành chính")
        .unwrap();
    guide.write_number(0, 1, 1.0).unwrap();
    let report = book.add_worksheet().set_name("BÁO CÁO").unwrap();
    let rows: [(&str, V); 4] = [
        ("Tên đơn vị", t("Bộ TT&TT")),
        ("Kỳ báo cáo", t("Quý I - 2020")),
        ("Tổng số TTHC", V::N(206.0)),
        ("Số DVCTT mức độ 4", V::N(61.0)),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        report.write_string(i as u32, 0, *label).unwrap();
        match value {
            V::N(n) => report.write_number(i as u32, 1, *n).unwrap(),
            V::T(s) => report.write_string(i as u32, 1, s).unwrap(),
            _ => unreachable!(),
        };
    }
    wd.write("submissions/tttt.xlsx", &book.save_to_buffer().unwrap());
    let s = run_one(&wd);
    let tttt = unit(&s, "BTTTT");
    assert_eq!(tttt["total"], 206);
}

#[test]
fn decomposed_unicode_and_variant_names_find_their_unit() {
    use unicode_normalization::UnicodeNormalization;
    let wd = Workdir::new();
    let cases = [
        ("hue.xlsx", "Thừa Thiên - Huế", "T46"),
        ("brvt.xlsx", "Bà Rịa-Vũng Tàu", "T77"),
        ("bhxh.xlsx", "BHXH Việt Nam", "BHXH"),
        ("dn.xlsx", "TP. Đà Nẵng", "T48"),
    ];
    for (file, name, _) in cases {
        let decomposed: String = name.nfd().collect();
        let label: String = "Tên đơn vị".nfd().collect();
        Form::new("x", "Quý I/2020", 100, 10)
            .relabel("Tên đơn vị", &label)
            .set(&label, V::T(decomposed))
            .save(&wd, &format!("submissions/{file}"));
    }
    let s = run_one(&wd);
    for (file, _, code) in cases {
        assert_eq!(unit(&s, code)["file"], file, "{file}");
        assert_eq!(unit(&s, code)["status"], "accepted");
    }
}

#[test]
fn a_unit_code_wins_over_the_name() {
    let wd = Workdir::new();
    // The name names another unit (`Sở TT&TT tỉnh Quảng Ninh` is Quảng
    // Ninh's own department now): the code decides, the name is said.
    Form::new("Tỉnh Quảng Nam", "Quý I/2020", 1725, 308)
        .set("Mã đơn vị", t("T22"))
        .save(&wd, "submissions/qn.xlsx");
    let s = run_one(&wd);
    assert_eq!(unit(&s, "T22")["status"], "accepted");
    assert_eq!(rules_for(&s, "qn.xlsx"), ["unit.name_mismatch"]);
}

#[test]
fn an_unknown_name_is_told_its_closest_roster_entries() {
    let wd = Workdir::new();
    Form::new("Quảng Nghãi", "Quý I/2020", 1926, 377).save(&wd, "submissions/qng.xlsx");
    let s = run_one(&wd);
    let finding = &s["findings"][0];
    assert_eq!(finding["rule"], "unit.unknown");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("Quảng Ngãi (T51)"),
        "{finding}"
    );
}

#[test]
fn a_formula_with_its_result_saved_is_read_and_one_without_is_not() {
    let wd = Workdir::new();
    Form::new("Hà Giang", "Quý I/2020", 2053, 0)
        .set("Số dịch vụ", V::F("=100+21".into(), 121.0))
        .save(&wd, "submissions/hg.xlsx");
    let scripted = Form {
        saved_by_excel: false,
        ..Form::new("Hà Nam", "Quý I/2020", 2372, 0).set("Số dịch vụ", V::F("=400+14".into(), 0.0))
    };
    scripted.save(&wd, "submissions/hn.xlsx");
    let s = run_one(&wd);
    assert_eq!(unit(&s, "T02")["level4"], 121);
    assert_eq!(unit(&s, "T35")["status"], "rejected");
    assert!(unit(&s, "T35")["level4"].is_null(), "never read as zero");
    assert_eq!(
        rules_for(&s, "hn.xlsx"),
        ["value.formula_without_result"],
        "{}",
        s["findings"]
    );
    let message = s["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("lưu lại"), "{message}");
}

#[test]
fn an_opendocument_spreadsheet_is_read() {
    let wd = Workdir::new();
    let bytes = ods(&[
        &["Tên đơn vị", "Đồng Nai"],
        &["Kỳ báo cáo", "Quý I/2020"],
        &["Tổng số thủ tục hành chính", "1986"],
        &["Số dịch vụ công trực tuyến mức độ 4", "85"],
    ]);
    wd.write("submissions/dong-nai.ods", &bytes);
    let s = run_one(&wd);
    let dn = unit(&s, "T75");
    assert_eq!(
        dn["status"],
        "accepted",
        "{:?}",
        rules_for(&s, "dong-nai.ods")
    );
    assert_eq!(dn["total"], 1986);
}
