//! This quarter against the previous one: from the job's own summary.json,
//! and from a published table in the appendix layout.

use crate::support::*;

fn flags(s: &serde_json::Value, code: &str) -> serde_json::Value {
    unit(s, code)["flags"].clone()
}

#[test]
fn the_previous_summary_gives_changes_and_flags() {
    let wd = Workdir::new();
    let q4 = [
        ("BCA", "Bộ Công an", 299, 3),
        ("T89", "An Giang", 1915, 654),
        ("T01", "Hà Nội", 1818, 244),
        ("T74", "Bình Dương", 2220, 201),
        ("T44", "Quảng Bình", 1611, 120),
    ];
    for (code, name, total, level4) in q4 {
        Form::new(name, "Quý IV/2019", total, level4).save(&wd, &format!("q4/{code}.xlsx"));
    }
    let out = wd.run_folder("2019-Q4", "q4");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let q1 = [
        ("BCA", "Bộ Công an", 299, 3),    // unchanged
        ("T89", "An Giang", 1915, 640),   // level-4 fell
        ("T01", "Hà Nội", 2100, 300),     // total +15.5%
        ("T74", "Bình Dương", 1961, 754), // 9.05% -> 38.45%: +29.4 points
        ("T22", "Quảng Ninh", 1725, 308), // not in Q4
        ("T44", "Quảng Bình", 1611, 3),   // fell to 0.19%
    ];
    for (code, name, total, level4) in q1 {
        Form::new(name, "Quý I/2020", total, level4).save(&wd, &format!("submissions/{code}.xlsx"));
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    // Exit 3: a jump waits for confirmation.
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(!waiting(&wd.summary("2020-Q1")).is_empty());
    assert!(
        stdout(&out).contains("So sánh với Quý IV/2019"),
        "{}",
        stdout(&out)
    );
    let s = wd.summary("2020-Q1");
    assert_eq!(flags(&s, "BCA"), serde_json::json!([]));
    assert_eq!(flags(&s, "T89"), serde_json::json!(["level4_fell"]));
    assert_eq!(flags(&s, "T01"), serde_json::json!(["total_changed"]));
    assert_eq!(
        flags(&s, "T74"),
        serde_json::json!(["total_changed", "ratio_jump"])
    );
    assert_eq!(flags(&s, "T22"), serde_json::json!(["no_previous"]));
    let bd = unit(&s, "T74");
    assert_eq!(bd["previous"]["total"], 2220);
    assert_eq!(bd["previous"]["level4"], 201);
    let change = bd["change_points"].as_f64().unwrap();
    // As the two ratios read printed: 38,45% − 9,05% (unrounded 29,3957).
    assert!((change - 29.40).abs() < 1e-9, "{change}");
    // An Giang's count fell, but 640 / 1915 = 33.4% meets the target: a
    // flag on the comparison sheet, not a place on the lagging list.
    let lagging = s["lagging"].as_array().unwrap();
    assert!(lagging.iter().all(|l| l["code"] != "T89"));
    // Quảng Bình's fell too, and it is under 5%: the fall is one more reason.
    // It was under the target in 2019-Q4 as well (120 / 1611 = 7.4%): two
    // quarters in a row, the default `lagging.quarters_under_target`.
    let qb = lagging
        .iter()
        .find(|l| l["code"] == "T44")
        .expect("Quảng Bình lags");
    assert_eq!(
        qb["reasons"],
        serde_json::json!([
            "very_low",
            "under_target_in_a_row",
            "level4_fell",
            "below_target"
        ])
    );

    // The comparison sheet shows the signed change.
    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let rows = sheet(&book, "So sánh quý trước");
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| text(c) == "Bình Dương"))
        .unwrap();
    assert!(
        row.iter()
            .any(|c| c.as_f64().is_some_and(|v| (v - change).abs() < 1e-9))
    );
    // Bộ Công an is unchanged (3 of 299 both quarters): its 0.00 must get
    // the level arrow, so the up arrow starts past what shows as 0.00 and
    // the level one at what shows as -0.00.
    let bca = rows
        .iter()
        .find(|r| r.iter().any(|c| text(c) == "Bộ Công an"))
        .unwrap();
    assert!(bca.iter().any(|c| c.as_f64() == Some(0.0)));
    let part = xml(&book, "xl/worksheets/sheet3.xml");
    let arrows = &part[part.find("<iconSet").expect("arrows")..];
    assert!(
        arrows.contains(r#"<cfvo type="num" val="-0.005"/>"#)
            && arrows.contains(r#"<cfvo type="num" val="0.005" gte="0"/>"#),
        "{arrows}"
    );
}

#[test]
fn one_spelling_of_ty_le_on_every_page() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    Form::new("Bộ Y tế", "Quý I/2020", 367, 57).save(&wd, "submissions/byt.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    for file in ["tong-hop-2020-Q1.xlsx", "don-vi-cham-2020-Q1.xlsx"] {
        let path = wd.path(&format!("reports/2020-Q1/{file}"));
        let names = {
            use calamine::Reader;
            calamine::open_workbook_auto(&path).unwrap().sheet_names()
        };
        for name in names {
            let words: Vec<String> = sheet(&path, &name)
                .iter()
                .flatten()
                .map(|c| text(c).to_lowercase())
                .collect();
            let has = |w: &str| words.iter().any(|t| t.contains(w));
            assert!(
                !(has("tỉ lệ") && has("tỷ lệ")),
                "{file} {name}: both spellings"
            );
            assert!(
                !has("tỉ lệ"),
                "{file} {name}: the title's spelling, Tỷ lệ, throughout"
            );
        }
    }
}

#[test]
fn thresholds_come_from_the_config() {
    let wd = Workdir::new();
    Form::new("Hà Nội", "Quý IV/2019", 1818, 244).save(&wd, "q4/hn.xlsx");
    wd.run_folder("2019-Q4", "q4");
    Form::new("Hà Nội", "Quý I/2020", 1900, 244).save(&wd, "submissions/hn.xlsx");
    wd.write("strict.toml", b"[compare]\ntotal_change_percent = 4\n");
    wd.run_quarter("2020-Q1", &["--config", "strict.toml"]);
    assert_eq!(
        flags(&wd.summary("2020-Q1"), "T01"),
        serde_json::json!(["total_changed"])
    );
    wd.run_quarter("2020-Q1", &[]);
    assert_eq!(flags(&wd.summary("2020-Q1"), "T01"), serde_json::json!([]));
}

#[test]
fn a_published_appendix_seeds_the_comparison() {
    let wd = Workdir::new();
    // An appendix-layout workbook, as the Authority publishes it.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Phụ lục").unwrap();
    sheet
        .write_string(0, 0, "TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN MỨC ĐỘ 4")
        .unwrap();
    sheet.write_string(2, 0, "TT").unwrap();
    sheet.write_string(2, 1, "Tên tỉnh, thành phố").unwrap();
    sheet
        .write_string(2, 2, "Tổng số thủ tục hành chính")
        .unwrap();
    sheet.write_string(3, 0, "1").unwrap();
    sheet.write_string(3, 1, "Bình Dương").unwrap();
    sheet.write_number(3, 2, 2220.0).unwrap();
    sheet.write_number(3, 3, 201.0).unwrap();
    sheet.write_string(3, 4, "9.05%").unwrap();
    sheet.write_number(4, 0, 2.0).unwrap();
    sheet.write_string(4, 1, "Thừa Thiên-Huế").unwrap();
    sheet.write_string(4, 2, "2.617").unwrap();
    sheet.write_string(4, 3, "786").unwrap();
    wd.write("appendix.xlsx", &book.save_to_buffer().unwrap());
    Form::new("Bình Dương", "Quý I/2020", 1961, 754).save(&wd, "submissions/bd.xlsx");
    Form::new("Thừa Thiên Huế", "Quý I/2020", 2617, 800).save(&wd, "submissions/hue.xlsx");
    let out = wd.run_quarter("2020-Q1", &["--baseline", "appendix.xlsx"]);
    // Exit 3: a jump waits for confirmation.
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(!waiting(&wd.summary("2020-Q1")).is_empty());
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T74")["previous"]["level4"], 201);
    assert_eq!(unit(&s, "T46")["previous"]["total"], 2617);
    assert_eq!(flags(&s, "T46"), serde_json::json!([]));
}

#[test]
fn the_shipped_929_baseline_holds_the_appendix() {
    let wd = Workdir::new();
    let rows = appendix_929();
    for (i, row) in rows.iter().enumerate() {
        Form::new(&row.name, "Quý I/2020", row.total, row.level4)
            .save(&wd, &format!("submissions/{i:02}.xlsx"));
    }
    let shipped = format!("{REPO}/reports/2019-Q4/baseline.xlsx");
    let out = wd.run_quarter("2020-Q1", &["--baseline", &shipped]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    for u in s["units"].as_array().unwrap() {
        assert_eq!(u["previous"]["total"], u["total"], "{}", u["name"]);
        assert_eq!(u["previous"]["level4"], u["level4"], "{}", u["name"]);
        assert_eq!(u["change_points"], 0.0);
    }
}

#[test]
fn without_a_previous_quarter_every_unit_says_so() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(
        stdout(&out).contains("CẢNH BÁO: không tìm thấy số liệu Quý IV/2019"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        flags(&wd.summary("2020-Q1"), "T89"),
        serde_json::json!(["no_previous"])
    );
}
