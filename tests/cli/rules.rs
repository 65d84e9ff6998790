//! Every rule, tripped through the binary: one folder holds a file per rule,
//! one run, and summary.json must name the rule on that file.

use crate::support::*;

const Q1: &str = "Quý I/2020";

fn good() -> Form {
    Form::new("An Giang", Q1, 1915, 654)
}

/// (file, form, the rule it must trip)
fn cases() -> Vec<(&'static str, Form, &'static str)> {
    vec![
        (
            "unit-missing.xlsx",
            good().without("Tên đơn vị"),
            "unit.missing",
        ),
        (
            "unit-unknown.xlsx",
            good().set("Tên đơn vị", t("Tỉnh Hà Tây")),
            "unit.unknown",
        ),
        (
            "period-missing.xlsx",
            good().without("Kỳ báo cáo"),
            "period.missing",
        ),
        (
            "period-unrecognised.xlsx",
            good().set("Kỳ báo cáo", t("Năm 2020")),
            "period.unrecognised",
        ),
        (
            "period-mismatch.xlsx",
            good().set("Kỳ báo cáo", t("Quý IV/2019")),
            "period.mismatch",
        ),
        (
            "value-missing.xlsx",
            good().set("Tổng số", V::Empty),
            "value.missing",
        ),
        (
            "value-missing-row.xlsx",
            good().without("Số dịch vụ công trực tuyến mức độ 4"),
            "value.missing",
        ),
        (
            "value-not-number.xlsx",
            good().set("Tổng số", t("khoảng 1900")),
            "value.not_number",
        ),
        // Too large to be a count or exact (attacker review: it was called
        // a fraction, quoting a whole number).
        (
            "value-too-large.xlsx",
            good().set("Tổng số", V::N(9_007_199_254_740_993.0)),
            "value.not_number",
        ),
        (
            "value-too-large-text.xlsx",
            good().set(
                "Số dịch vụ công trực tuyến mức độ 4",
                t("999999999999999999999999999999"),
            ),
            "value.not_number",
        ),
        (
            "value-negative.xlsx",
            good().set("Số dịch vụ", V::N(-5.0)),
            "value.negative",
        ),
        (
            "value-fraction.xlsx",
            good().set("Tổng số", V::N(1915.5)),
            "value.fraction",
        ),
        (
            "value-formula.xlsx",
            Form {
                saved_by_excel: false,
                ..good().set("Tổng số", V::F("=1900+15".into(), 0.0))
            },
            "value.formula_without_result",
        ),
        (
            "value-conflict.xlsx",
            good().set("Tổng số TTHC", V::N(2000.0)),
            "value.conflict",
        ),
        (
            "total-zero.xlsx",
            good()
                .set("Tổng số", V::N(0.0))
                .set("Số dịch vụ", V::N(0.0)),
            "rule.total_positive",
        ),
        (
            "level4-over-total.xlsx",
            good().set("Số dịch vụ", V::N(2000.0)),
            "rule.level4_le_total",
        ),
        (
            "level34-over-total.xlsx",
            good().set("Số DVCTT mức độ 3", V::N(1300.0)),
            "rule.level34_le_total",
        ),
        (
            "dossier-services.xlsx",
            good()
                .set("Số DVCTT mức độ 3", V::N(100.0))
                .set("Số DVCTT có phát sinh hồ sơ", V::N(800.0)),
            "rule.dossier_services_le_level34",
        ),
        (
            "online-over-dossiers.xlsx",
            good()
                .set("Tổng số hồ sơ tiếp nhận", V::N(100.0))
                .set("Số hồ sơ tiếp nhận trực tuyến", V::N(101.0)),
            "rule.online_le_dossiers",
        ),
    ]
}

/// Warnings: the file is still accepted.
fn warning_cases() -> Vec<(&'static str, Form, &'static str)> {
    vec![
        (
            "ratio-mismatch.xlsx",
            Form::new("Lào Cai", Q1, 2076, 620).set("Tỷ lệ DVCTT mức độ 4", t("30%")),
            "ratio.mismatch",
        ),
        (
            "code-unknown.xlsx",
            Form::new("Bắc Ninh", Q1, 1907, 135).set("Mã đơn vị", t("BN")),
            "unit.code_unknown",
        ),
        (
            "name-mismatch.xlsx",
            Form::new("Hà Nam", Q1, 2372, 414).set("Mã đơn vị", t("T01")),
            "unit.name_mismatch",
        ),
        (
            "not-date.xlsx",
            Form::new("Yên Bái", Q1, 2192, 132).set("Ngày báo cáo", t("đầu tháng tư")),
            "value.not_date",
        ),
    ]
}

#[test]
fn every_rule_trips_on_its_file() {
    let wd = Workdir::new();
    for (file, form, _) in cases().into_iter().chain(warning_cases()) {
        form.save(&wd, &format!("submissions/{file}"));
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(
        code(&out),
        3,
        "some submission is rejected: {}",
        stderr(&out)
    );
    let s = wd.summary("2020-Q1");
    let verdict = |file: &str| {
        s["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"] == file)
            .map(|f| f["verdict"].as_str().unwrap().to_string())
    };
    for (file, _, rule) in cases() {
        let rules = rules_for(&s, file);
        assert!(
            rules.contains(&rule.to_string()),
            "{file}: want {rule}, got {rules:?}"
        );
        assert_eq!(verdict(file).as_deref(), Some("rejected"), "{file}");
    }
    for (file, _, rule) in warning_cases() {
        let rules = rules_for(&s, file);
        assert_eq!(rules, vec![rule.to_string()], "{file}");
        assert_eq!(verdict(file).as_deref(), Some("accepted"), "{file}");
    }
    // Each finding names its cell where a cell is to blame.
    let finding = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "level4-over-total.xlsx")
        .unwrap();
    assert_eq!(finding["cell"], "Báo cáo!D8");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["unit"], "T89");
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("2.000") && message.contains("1.915"),
        "{message}"
    );
}

#[test]
fn messages_are_vietnamese_in_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let wd = Workdir::new();
    for (file, form, _) in cases() {
        form.save(&wd, &format!("submissions/{file}"));
    }
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    for f in s["findings"].as_array().unwrap() {
        let m = f["message"].as_str().unwrap();
        assert_eq!(m.nfc().collect::<String>(), m, "NFC: {m}");
        assert!(
            m.chars().any(|c| "ăâđêôơưáàảãạ".contains(c)),
            "Vietnamese: {m}"
        );
    }
}

#[test]
fn the_ratio_as_units_write_it_matches_within_the_tolerance() {
    let wd = Workdir::new();
    // 754 / 1961 = 38.4498%: "38,45%" is within 0.01 points.
    let forms = [
        ("a.xlsx", t("38,45%")),
        ("b.xlsx", t("38,45")),
        ("c.xlsx", V::N(0.3845)),
        ("d.xlsx", V::N(38.45)),
    ];
    for (i, (file, ratio)) in forms.into_iter().enumerate() {
        let units = ["Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận"];
        Form::new(units[i], Q1, 1961, 754)
            .set("Tỷ lệ DVCTT mức độ 4", ratio)
            .save(&wd, &format!("submissions/{file}"));
    }
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    for file in ["a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"] {
        assert_eq!(rules_for(&s, file), Vec::<String>::new(), "{file}");
    }
}
