//! The consolidated workbook as a printed appendix: fonts, print settings,
//! conditional formats, charts, history. Read through the written XML where
//! calamine cannot see it.

use crate::support::*;

fn quarter_with_history(wd: &Workdir) -> std::path::PathBuf {
    long_history(
        wd,
        &[
            ("2020-Q1", "Quý I/2020", "05/04/2020", [640, 290, 57]),
            ("2020-Q2", "Quý II/2020", "05/07/2020", [680, 336, 50]),
        ],
    )
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
    // Every printed sheet (the tenth holds the chart data, hidden).
    for sheet in 1..=9 {
        let part = xml(&book, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(part.contains(r#"paperSize="9""#), "sheet{sheet}: A4");
        assert!(
            part.contains(r#"fitToHeight="0""#) && part.contains("<pageSetUpPr fitToPage=\"1\"/>"),
            "sheet{sheet}: one page wide"
        );
        // Numbered from 1 on each sheet, out of the sheet's own pages: the
        // breaks it sets, plus one.
        let pages = part.matches("<brk id=").count() + 1;
        assert!(
            part.contains(r#"useFirstPageNumber="1""#)
                && part.contains(&format!("Trang &amp;P/{pages}<")),
            "sheet{sheet}: page numbers of its own"
        );
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
    // Vietnamese separators in any locale (tests/cli/looks.rs renders them).
    assert!(
        styles.contains(r#"formatCode="[&gt;=1000000]#\.###\.###;[&gt;=1000]#\.###;0""#)
            && styles.contains(r#"formatCode="[$-42A]0.00%""#),
        "{styles}"
    );
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
fn the_overview_ranks_each_group_on_a_page_against_the_target() {
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
    for part in ["xl/charts/chart1.xml", "xl/charts/chart2.xml"] {
        let chart = xml(&book, part);
        assert!(
            chart.contains(r#"<c:barDir val="bar"/>"#)
                && chart.contains(r#"<c:grouping val="stacked"/>"#),
            "horizontal bars: {part}"
        );
        assert!(
            chart.contains("'Số liệu biểu đồ'!$B$"),
            "drawn from the hidden sheet"
        );
        assert!(
            chart.contains("<c:manualLayout>"),
            "the plot placed by hand, room left for whole names"
        );
    }
    // The chart data is on a hidden sheet, never printed; Tổng quan holds none.
    let workbook = xml(&book, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="Số liệu biểu đồ" sheetId="12" state="hidden""#),
        "{workbook}"
    );
    let overview = sheet(&book, "Tổng quan");
    assert!(
        overview
            .iter()
            .all(|r| r.iter().all(|c| c.as_f64() != Some(0.3))),
        "no chart data on the printed sheet"
    );
    // Group II from the bottom up: highest ratio first, units without a
    // report last (at the top). The ticks sit on 5% and 30% in every row.
    let data = sheet(&book, "Số liệu biểu đồ");
    let group_ii: Vec<&Vec<calamine::Data>> = data.iter().filter(|r| text(&r[0]) == "II").collect();
    assert_eq!(group_ii.len(), 63);
    // Each name carries its ratio, so that a bar too short to see still says its value.
    assert_eq!(text(&group_ii[0][1]), "An Giang: 35,51%"); // 680 / 1915 = 35.509%
    assert_eq!(text(&group_ii[1][1]), "Hà Nội: 18,48%"); // 336 / 1818 = 18.482%
    assert!(text(&group_ii[2][1]).ends_with(" (chưa nộp)"));
    for row in data
        .iter()
        .filter(|r| r.len() > 8 && r[2].as_f64().is_some())
    {
        let piece = |k: usize| row[k].as_f64().unwrap();
        let tick = piece(4);
        let low_line = piece(2) + piece(3) + tick / 2.0;
        let target_line = (2..=6).map(piece).sum::<f64>() + piece(7) / 2.0;
        assert!((low_line - 0.05).abs() < 1e-9, "{row:?}");
        assert!((target_line - 0.30).abs() < 1e-9, "{row:?}");
    }
    let hn = group_ii[1];
    let bar_end = piece_sum(hn, &[2, 3, 4, 5]);
    assert!((bar_end - 336.0 / 1818.0).abs() < 1e-9);
    // Each group's chart starts a page of its own.
    let sheet_xml = xml(&book, "xl/worksheets/sheet2.xml");
    assert_eq!(sheet_xml.matches("<brk id=").count(), 2, "{sheet_xml}");
}

fn piece_sum(row: &[calamine::Data], cols: &[usize]) -> f64 {
    cols.iter().map(|k| row[*k].as_f64().unwrap()).sum()
}

/// 2019-Q4 as a published table, then `quarters` (2020-Q1 on) from the job,
/// each with the level-4 counts of An Giang (of 1915), Hà Nội (of 1818) and
/// Bộ Y tế (of 367). Returns the last quarter's workbook.
fn long_history(wd: &Workdir, quarters: &[(&str, &str, &str, [u64; 3])]) -> std::path::PathBuf {
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
    let mut last = String::new();
    for (quarter, period, date, level4) in quarters {
        for (name, (total, l4)) in ["An Giang", "Hà Nội", "Bộ Y tế"]
            .iter()
            .zip([1915, 1818, 367].into_iter().zip(level4.iter()))
        {
            Form::new(name, period, total, *l4)
                .set("Ngày báo cáo", t(date))
                .save(wd, &format!("in/{quarter}/{name}.xlsx"));
        }
        let out = wd.run_folder(quarter, &format!("in/{quarter}"));
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        last = format!("reports/{quarter}/tong-hop-{quarter}.xlsx");
    }
    wd.path(&last)
}

#[test]
fn the_trend_sheet_holds_every_quarter_and_a_pace_only_from_four_changes() {
    let wd = Workdir::new();
    // Hà Nội gains 46 services (2.53 points) a quarter from 244 of 1818.
    let quarters = [
        ("2020-Q1", "Quý I/2020", "05/04/2020", [640, 290, 57]),
        ("2020-Q2", "Quý II/2020", "05/07/2020", [680, 336, 50]),
        ("2020-Q3", "Quý III/2020", "05/10/2020", [690, 382, 50]),
        ("2020-Q4", "Quý IV/2020", "05/01/2021", [700, 428, 49]),
    ];
    let row = |rows: &[Vec<calamine::Data>], name: &str| {
        rows.iter()
            .find(|r| r.len() > 4 && text(&r[2]) == name)
            .unwrap()
            .clone()
    };
    // Three changes by 2020-Q3: no pace is guessed.
    let book = long_history(&wd, &quarters[..3]);
    let rows = sheet(&book, "Diễn biến");
    let ha_noi = row(&rows, "Hà Nội");
    // The projection is the column before Ghi chú, the last.
    let projection = |r: &[calamine::Data]| text(&r[r.len() - 2]);
    assert_eq!(projection(&ha_noi), "Chưa đủ số liệu");
    assert_eq!(projection(&row(&rows, "Bộ Y tế")), "Chưa đủ số liệu");

    let book = long_history(&wd, &quarters[3..]);
    let rows = sheet(&book, "Diễn biến");
    let header = rows
        .iter()
        .find(|r| r.first().map(text).as_deref() == Some("TT"))
        .expect("unit table");
    let labels: Vec<String> = header.iter().map(text).collect();
    assert_eq!(
        &labels[4..9],
        [
            "Quý IV/2019",
            "Quý I/2020",
            "Quý II/2020",
            "Quý III/2020",
            "Quý IV/2020"
        ]
    );
    let ha_noi = row(&rows, "Hà Nội");
    let ratios: Vec<f64> = ha_noi[4..9].iter().map(|c| c.as_f64().unwrap()).collect();
    assert!(
        (ratios[0] - 244.0 / 1818.0).abs() < 1e-12 && (ratios[4] - 428.0 / 1818.0).abs() < 1e-12
    );
    // +2.53 points a quarter: 23.54% reaches 30% in 3 quarters.
    assert!(
        text(&ha_noi[9]).starts_with("Quý III/2021"),
        "{:?}",
        text(&ha_noi[9])
    );
    assert_eq!(
        text(&row(&rows, "Bộ Y tế")[9]),
        "Không đạt với tốc độ hiện nay"
    );
    assert_eq!(
        text(&row(&rows, "An Giang")[9]),
        "",
        "at or over the target"
    );
    let national = rows
        .iter()
        .find(|r| r.len() > 4 && text(&r[2]) == "Cả nước")
        .expect("pooled row");
    let pooled = national[8].as_f64().unwrap();
    assert!((pooled - (700.0 + 428.0 + 49.0) / (1915.0 + 1818.0 + 367.0)).abs() < 1e-12);
    assert!(xml(&book, "xl/charts/chart3.xml").contains("<c:lineChart>"));
}

#[test]
fn every_chart_prints_in_times_new_roman() {
    // Two quarters, so that `Diễn biến` has its line chart.
    let wd = Workdir::new();
    Form::new("An Giang", "Quý IV/2019", 1915, 600).save(&wd, "q4/ag.xlsx");
    assert_eq!(code(&wd.run_folder("2019-Q4", "q4")), 0);
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let charts: Vec<String> = parts(&book)
        .into_iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .collect();
    assert!(charts.len() >= 3, "{charts:?}");
    for chart in charts {
        let xml = xml(&book, &chart);
        let faces: Vec<&str> = xml
            .split("typeface=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert!(!faces.is_empty(), "{chart}: no font set");
        assert!(
            faces.iter().all(|f| *f == "Times New Roman"),
            "{chart}: {faces:?}"
        );
    }
}
