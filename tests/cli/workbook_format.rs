//! The consolidated workbook as a printed appendix: fonts, print settings,
//! conditional formats, charts, history. Read through the written XML where
//! calamine cannot see it.

use crate::support::*;

fn quarter_with_history(wd: &Workdir) -> std::path::PathBuf {
    // 2019-Q4 as a published table, then 2020-Q1 and 2020-Q2 from the job.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Phụ lục").unwrap();
    for (i, (name, total, level4)) in [
        ("An Giang", 1915.0, 600.0),
        ("Hà Nội", 1818.0, 244.0),
        ("Bộ Y tế", 367.0, 57.0),
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(i as u32, 0, *name).unwrap();
        sheet.write_number(i as u32, 1, *total).unwrap();
        sheet.write_number(i as u32, 2, *level4).unwrap();
    }
    wd.write(
        "reports/2019-Q4/baseline.xlsx",
        &book.save_to_buffer().unwrap(),
    );
    for (quarter, period, date, figures) in [
        (
            "2020-Q1",
            "Quý I/2020",
            "05/04/2020",
            [(1915, 640), (1818, 290), (367, 57)],
        ),
        (
            "2020-Q2",
            "Quý II/2020",
            "05/07/2020",
            [(1915, 680), (1818, 336), (367, 50)],
        ),
    ] {
        for (name, (total, level4)) in ["An Giang", "Hà Nội", "Bộ Y tế"].iter().zip(figures)
        {
            Form::new(name, period, total, level4)
                .set("Ngày báo cáo", t(date))
                .save(wd, &format!("in/{quarter}/{name}.xlsx"));
        }
        let dir = format!("in/{quarter}");
        let out = wd.run_folder(quarter, &dir);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    wd.path("reports/2020-Q2/tong-hop-2020-Q2.xlsx")
}

#[test]
fn everything_is_times_new_roman_and_prints_on_a4() {
    let wd = Workdir::new();
    let book = quarter_with_history(&wd);
    let styles = xml(&book, "xl/styles.xml");
    let fonts: Vec<&str> = styles
        .match_indices("<name val=\"")
        .map(|(i, _)| &styles[i + 11..i + 26])
        .collect();
    assert!(!fonts.is_empty());
    assert!(
        fonts.iter().all(|f| f.starts_with("Times New Roman")),
        "{fonts:?}"
    );
    for sheet in 1..=8 {
        let part = xml(&book, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(part.contains(r#"paperSize="9""#), "sheet{sheet}: A4");
        assert!(
            part.contains(r#"fitToHeight="0""#) && part.contains("<pageSetUpPr fitToPage=\"1\"/>"),
            "sheet{sheet}: one page wide"
        );
        assert!(part.contains("&amp;P/&amp;N"), "sheet{sheet}: page numbers");
    }
    let appendix = xml(&book, "xl/worksheets/sheet1.xml");
    assert!(appendix.contains(r#"orientation="portrait""#));
    assert!(
        appendix.contains("<rowBreaks"),
        "section II on its own page"
    );
    assert!(xml(&book, "xl/worksheets/sheet3.xml").contains(r#"orientation="landscape""#));
    let workbook = xml(&book, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header rows repeat"
    );
    assert!(
        xml(&book, "xl/worksheets/sheet3.xml").contains(r#"state="frozen""#),
        "frozen header"
    );
    assert!(
        xml(&book, "docProps/core.xml").contains("2020-06-30T00:00:00Z"),
        "document date pinned"
    );
}

#[test]
fn the_appendix_has_its_heading_block_numbers_and_colours() {
    let wd = Workdir::new();
    let book = quarter_with_history(&wd);
    let rows = sheet(&book, "Phụ lục");
    let cells: Vec<String> = rows.iter().flatten().map(text).collect();
    for wanted in [
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN MỨC ĐỘ 4 CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG",
        "II. TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    ] {
        assert!(cells.iter().any(|c| c == wanted), "{wanted}");
    }
    assert!(
        cells.iter().any(|c| c.starts_with("(Số liệu Quý II/2020")),
        "the attached-to line"
    );
    let sheet1 = xml(&book, "xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains("<mergeCell ref=\"A1:B1\"/>")
            && sheet1.contains("<mergeCell ref=\"C1:E1\"/>")
    );
    for rule in ["&lt;0.05)", "&lt;0.3)", "&gt;=0.3)"] {
        assert!(sheet1.contains(rule), "conditional format {rule}");
    }
    let styles = xml(&book, "xl/styles.xml");
    assert!(styles.contains(r##"formatCode="#,##0""##) && styles.contains(r#"formatCode="0.00%""#));
    assert!(
        xml(&book, "xl/worksheets/sheet3.xml").contains(r#"iconSet="3Arrows""#),
        "arrows on the change"
    );
}

#[test]
fn the_wording_comes_from_a_file() {
    let wd = Workdir::new();
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/wording.toml")).unwrap();
    wd.write(
        "wording.toml",
        shipped
            .replace("CỤC TIN HỌC HÓA", "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA")
            .as_bytes(),
    );
    wd.write("dvctt.toml", b"wording = \"wording.toml\"\n");
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    let rows = sheet(&wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"), "Phụ lục");
    assert_eq!(text(&rows[1][0]), "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA");
}

#[test]
fn the_overview_draws_each_group_against_the_target() {
    let wd = Workdir::new();
    let book = quarter_with_history(&wd);
    let names = parts(&book);
    let charts: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .cloned()
        .collect();
    assert_eq!(
        charts.len(),
        3,
        "two on Tổng quan, one on Diễn biến: {names:?}"
    );
    let overview_chart = xml(&book, "xl/charts/chart1.xml");
    assert!(overview_chart.contains("<c:barChart>") && overview_chart.contains("<c:lineChart>"));
    assert!(
        overview_chart.contains("'Tổng quan'!$B$"),
        "drawn from the sheet's figures"
    );
    let overview = sheet(&book, "Tổng quan");
    let target_cells = overview
        .iter()
        .filter(|r| r.len() > 2 && r[2].as_f64() == Some(0.3))
        .count();
    assert_eq!(target_cells, 83, "the target line has a point per unit");
}

#[test]
fn the_trend_sheet_holds_every_quarter_and_the_pace() {
    let wd = Workdir::new();
    let book = quarter_with_history(&wd);
    let rows = sheet(&book, "Diễn biến");
    let header = rows
        .iter()
        .find(|r| r.first().map(text).as_deref() == Some("TT"))
        .expect("unit table");
    let labels: Vec<String> = header.iter().map(text).collect();
    assert_eq!(&labels[4..7], ["Quý IV/2019", "Quý I/2020", "Quý II/2020"]);
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.len() > 7 && text(&r[2]) == name)
            .unwrap()
            .clone()
    };
    let ha_noi = row("Hà Nội");
    let ratios: Vec<f64> = ha_noi[4..7].iter().map(|c| c.as_f64().unwrap()).collect();
    assert!(
        (ratios[0] - 244.0 / 1818.0).abs() < 1e-12 && (ratios[2] - 336.0 / 1818.0).abs() < 1e-12
    );
    // +2.53 points a quarter on average: 18.48% reaches 30% in 5 quarters.
    assert!(
        text(&ha_noi[7]).starts_with("Quý III/2021"),
        "{:?}",
        text(&ha_noi[7])
    );
    assert_eq!(text(&row("Bộ Y tế")[7]), "Không đạt với tốc độ hiện nay");
    assert_eq!(text(&row("An Giang")[7]), "", "at or over the target");
    let national = rows
        .iter()
        .find(|r| r.len() > 4 && text(&r[2]) == "Cả nước")
        .expect("pooled row");
    let pooled = national[6].as_f64().unwrap();
    assert!((pooled - (680.0 + 336.0 + 50.0) / (1915.0 + 1818.0 + 367.0)).abs() < 1e-12);
    assert!(xml(&book, "xl/charts/chart3.xml").contains("<c:lineChart>"));
}
