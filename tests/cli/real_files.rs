//! Submissions as they really arrive: legacy encodings, merged cells, periods
//! written every way, files whose only clue is their name, procedure lists.

use crate::support::*;
use dvctt::legacy::{encode_tcvn3, encode_vni};
use dvctt::read::{Field, LABELS};

/// Form `i` for `name`, with the label variant `LABELS[i % n]` on its row.
fn form_with_label(i: usize, name: &str, code: &str) -> Form {
    let (field, label) = LABELS[i % LABELS.len()];
    let form = Form::new(name, "Quý I/2020", 2000, 500);
    match field {
        Field::Unit => form.relabel("Tên đơn vị", label),
        Field::Period => form.relabel("Kỳ báo cáo", label),
        Field::ReportDate => form.relabel("Ngày báo cáo", label),
        Field::Total => form.relabel("Tổng số thủ tục hành chính", label),
        Field::Level4 => form.relabel("Số dịch vụ công trực tuyến mức độ 4", label),
        Field::UnitCode => form.set(label, t(code)),
        Field::Level3 => form.set(label, V::N(100.0)),
        Field::DossierServices => form.set(label, V::N(0.0)),
        Field::Dossiers => form.set(label, V::N(100.0)),
        Field::OnlineDossiers => form.set(label, V::N(10.0)),
        Field::Ratio => form.set(label, t("25%")),
        Field::Explanation => form.set(label, t("Danh mục thủ tục được rà soát")),
    }
}

#[test]
fn every_label_and_every_unit_name_reads_from_tcvn3_and_vni() {
    let wd = Workdir::new();
    let shipped = dvctt::roster::Roster::parse(
        &std::fs::read_to_string(format!("{REPO}/templates/roster.toml")).unwrap(),
    )
    .unwrap();
    let units: Vec<&dvctt::roster::Unit> = shipped.units_in("2020-Q1".parse().unwrap()).collect();
    for (i, unit) in units.iter().enumerate() {
        let form = form_with_label(i, &unit.name, &unit.code);
        // Blocks of as many as the labels alternate encodings, so that every label
        // is read in both; TCVN3 half with its font and half without.
        let form = match (i / LABELS.len()) % 2 {
            0 => Form {
                font: (i % 2 == 0).then(|| ".VnTime".to_string()),
                ..form.map_text(encode_tcvn3)
            },
            _ => Form {
                font: Some("VNI-Times".to_string()),
                ..form.map_text(encode_vni)
            },
        };
        form.save(&wd, &format!("submissions/{:02}.xlsx", i));
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    let errors: Vec<&serde_json::Value> = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(code(&out), 0, "{errors:#?}");
    assert_eq!(s["totals"]["accepted"], 83);
    for (i, unit) in units.iter().enumerate() {
        let file = format!("{i:02}.xlsx");
        assert_eq!(
            dvctt_unit(&s, &file).as_deref(),
            Some(unit.code.as_str()),
            "{file} {}",
            unit.name
        );
        let rules = rules_for(&s, &file);
        let legacy = rules
            .iter()
            .filter(|r| *r == "text.legacy_encoding")
            .count();
        assert_eq!(legacy, 1, "{file}: {rules:?}");
    }
    let message = s["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("TCVN3 (ABC)") && message.contains("đã được chuyển sang Unicode"),
        "{message}"
    );
    let vni = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "30.xlsx")
        .unwrap();
    assert!(vni["message"].as_str().unwrap().contains("VNI"));
}

fn dvctt_unit(s: &serde_json::Value, file: &str) -> Option<String> {
    s["files"].as_array()?.iter().find(|f| f["file"] == file)?["unit"]
        .as_str()
        .map(str::to_string)
}

#[test]
fn unicode_that_looks_like_latin1_is_left_alone() {
    let wd = Workdir::new();
    // All-Latin-1 Vietnamese: must not be "converted" (Tây → Tõy in TCVN3).
    Form::new("Tây Ninh", "Quý I/2020", 2108, 104).save(&wd, "submissions/tn.xlsx");
    Form::new("Cà Mau", "Quý I/2020", 2015, 333).save(&wd, "submissions/cm.xlsx");
    let s = {
        wd.run_quarter("2020-Q1", &[]);
        wd.summary("2020-Q1")
    };
    assert_eq!(unit(&s, "T72")["status"], "accepted");
    assert_eq!(unit(&s, "T96")["status"], "accepted");
    assert_eq!(s["findings"], serde_json::json!([]));
}

/// Punctuation (curly quotes, `…`) and other languages' letters are no
/// evidence of TCVN3 or VNI: nothing is converted and the names are found.
#[test]
fn punctuation_and_foreign_letters_are_not_legacy_text() {
    let wd = Workdir::new();
    Form::new("“Cà Mau”", "Quý I/2020", 2015, 333)
        .set("Ghi chú", t("Số liệu “chính thức” – đã rà soát…"))
        .save(&wd, "submissions/cm.xlsx");
    Form::new("Tây Ninh…", "Quý I/2020", 2108, 104)
        .set("Ghi chú", t("År: Regissör"))
        .save(&wd, "submissions/tn.xlsx");
    Form::new("Bến Tre", "Quý I/2020", 1890, 210)
        .set(
            "Ghi chú",
            t("ELECTORAL DIVISION OF SOMERSET EAST ; FIELD-CÓRNËTCY No. 5, ZWAGERSHÓÊN."),
        )
        .save(&wd, "submissions/bt.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    for file in ["cm.xlsx", "tn.xlsx", "bt.xlsx"] {
        assert_eq!(rules_for(&s, file), Vec::<String>::new(), "{file}");
    }
    assert_eq!(unit(&s, "T96")["status"], "accepted");
    assert_eq!(unit(&s, "T72")["status"], "accepted");
    assert_eq!(unit(&s, "T83")["status"], "accepted");
}

#[test]
fn merged_labels_and_values_are_read_from_their_first_cell() {
    let wd = Workdir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let plain = rust_xlsxwriter::Format::new();
    let sheet = book.add_worksheet().set_name("Báo cáo").unwrap();
    sheet.merge_range(0, 1, 0, 2, "Tên đơn vị", &plain).unwrap();
    sheet.write_string(0, 3, "An Giang").unwrap();
    sheet.write_string(1, 1, "Kỳ báo cáo").unwrap();
    sheet.write_string(1, 3, "Quý I/2020").unwrap();
    // The value merged over three rows, the label on the middle one.
    sheet
        .write_string(3, 1, "Tổng số thủ tục hành chính")
        .unwrap();
    sheet.merge_range(2, 3, 4, 3, "", &plain).unwrap();
    sheet.write_number(2, 3, 1915.0).unwrap();
    // The label merged over two rows and two columns, the value too big.
    sheet
        .merge_range(5, 1, 6, 2, "Số DVCTT mức độ 4", &plain)
        .unwrap();
    sheet.merge_range(5, 3, 6, 3, "", &plain).unwrap();
    sheet.write_number(5, 3, 2000.0).unwrap();
    wd.write("submissions/ag.xlsx", &book.save_to_buffer().unwrap());
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    let findings = s["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["rule"], "rule.level4_le_total");
    assert_eq!(
        findings[0]["cell"], "Báo cáo!D6",
        "the merged value's first cell"
    );
    assert!(findings[0]["message"].as_str().unwrap().contains("1.915"));
}

#[test]
fn periods_written_every_way() {
    let wd = Workdir::new();
    let cases: [(&str, &str, Form); 7] = [
        ("T89", "a.xlsx", Form::new("An Giang", "QUÝ 1/2020", 10, 1)),
        (
            "T24",
            "b.xlsx",
            Form::new("Bắc Giang", "Quý I - 2020", 10, 1),
        ),
        (
            "T06",
            "c.xlsx",
            Form::new("Bắc Kạn", "Từ ngày 01/01/2020 đến ngày 31/03/2020", 10, 1),
        ),
        (
            "T95",
            "d.xlsx",
            Form::new("Bạc Liêu", "x", 10, 1).set("Kỳ báo cáo", V::Date(2020, 3, 31)),
        ),
        (
            "T27",
            "e.xlsx",
            Form::new("Bắc Ninh", "x", 10, 1)
                .set("Kỳ báo cáo", V::Date(2020, 1, 1))
                .cell(4, 4, V::Date(2020, 3, 31)),
        ),
        (
            "T83",
            "f.xlsx",
            Form::new("Bến Tre", "Quý 1 năm 2020", 10, 1),
        ),
        (
            "T52",
            "g.xlsx",
            Form::new("Bình Định", "Từ 01/01/2020 đến 30/06/2020", 10, 1),
        ),
    ];
    for (_, file, form) in &cases {
        form.save(&wd, &format!("submissions/{file}"));
    }
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    for (code, file, _) in &cases[..6] {
        assert_eq!(
            unit(&s, code)["status"],
            "accepted",
            "{file}: {:?}",
            rules_for(&s, file)
        );
    }
    assert_eq!(rules_for(&s, "g.xlsx"), ["period.unrecognised"]);
    let message = s["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("“Từ 01/01/2020 đến 30/06/2020”"),
        "{message}"
    );
}

#[test]
fn an_unreadable_file_is_charged_to_the_unit_its_name_names() {
    let wd = Workdir::new();
    let good = Form::new("An Giang", "Quý I/2020", 1915, 654).bytes();
    wd.write(
        "submissions/BaoCao_AnGiang_Q1-2020.xlsx",
        &good[..good.len() / 3],
    );
    wd.write("submissions/bc-quang-ninh.xls", b"");
    Form::new("x", "Quý I/2020", 1700, 100)
        .without("Tên đơn vị")
        .save(&wd, "submissions/bao-cao-ha-nam.xlsx");
    wd.write("submissions/cong-van-ha-noi.pdf", b"%PDF-1.4");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3);
    let s = wd.summary("2020-Q1");
    assert_eq!(
        rules_for(&s, "BaoCao_AnGiang_Q1-2020.xlsx"),
        ["file.unreadable", "unit.from_file_name"]
    );
    assert_eq!(unit(&s, "T89")["status"], "rejected", "not missing");
    assert_eq!(unit(&s, "T22")["status"], "rejected");
    assert_eq!(
        rules_for(&s, "bao-cao-ha-nam.xlsx"),
        ["unit.missing", "unit.from_file_name"]
    );
    assert_eq!(unit(&s, "T35")["status"], "rejected");
    assert_eq!(
        unit(&s, "T01")["status"],
        "missing",
        "a stray PDF charges no one"
    );
}

#[test]
fn a_procedure_list_must_agree_with_the_report() {
    let wd = Workdir::new();
    let list = |levels: &[V]| {
        levels
            .iter()
            .enumerate()
            .map(|(i, l)| (format!("1.00{i:04}"), format!("Thủ tục {i}"), l.clone()))
            .collect::<Vec<_>>()
    };
    let levels = [
        V::N(4.0),
        t("toàn trình"),
        t("Mức độ 3"),
        t("một phần"),
        V::N(2.0),
    ];
    // 5 procedures: 2 at level 4, 2 at level 3, 1 at level 2.
    Form {
        list: Some(list(&levels)),
        ..Form::new("An Giang", "Quý I/2020", 5, 2).set("Số DVCTT mức độ 3", V::N(2.0))
    }
    .save(&wd, "submissions/ag.xlsx");
    Form {
        list: Some(list(&levels)),
        ..Form::new("Bắc Giang", "Quý I/2020", 5, 3)
    }
    .save(&wd, "submissions/bg.xlsx");
    let mut duplicated = list(&levels);
    duplicated[1].0 = duplicated[0].0.clone();
    duplicated[4].2 = t("cao");
    Form {
        list: Some(duplicated),
        ..Form::new("Bắc Kạn", "Quý I/2020", 5, 2)
    }
    .save(&wd, "submissions/bk.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    let s = wd.summary("2020-Q1");
    assert_eq!(rules_for(&s, "ag.xlsx"), Vec::<String>::new());
    assert_eq!(
        unit(&s, "T89")["list"],
        serde_json::json!({"procedures": 5, "level2": 1, "level3": 2, "level4": 2})
    );
    assert_eq!(rules_for(&s, "bg.xlsx"), ["detail.count_mismatch"]);
    let mismatch = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "bg.xlsx")
        .unwrap();
    assert!(
        mismatch["message"]
            .as_str()
            .unwrap()
            .contains("ghi 3 ở trang tính Báo cáo, nhưng trang tính Danh mục liệt kê 2")
    );
    let rules = rules_for(&s, "bk.xlsx");
    assert!(
        rules.contains(&"detail.duplicate_code".to_string())
            && rules.contains(&"detail.bad_level".to_string()),
        "{rules:?}"
    );
    let rows = sheet(
        &wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
        "Danh mục thủ tục",
    );
    let ag = rows
        .iter()
        .find(|r| r.len() > 6 && text(&r[2]) == "An Giang")
        .expect("An Giang's list");
    assert_eq!(
        ag[3..7]
            .iter()
            .map(|c| c.as_f64().unwrap())
            .collect::<Vec<_>>(),
        [5.0, 1.0, 2.0, 2.0]
    );
}
