//! The unit's explanation (#13 point 5): `Giải trình` read from any layout
//! that has the label, shown beside the unit's flags in the comparison
//! sheet, the lagging list and summary.json, never in their place; the
//! reviewer's reason from `reports/unusual-accepted.txt` shown the same way.

use crate::further_back::{past_summary, row_named, table_of, under};
use crate::support::*;

/// The unit's explanation in the comparison sheet, and its flags' note.
fn comparison(wd: &Workdir, name: &str) -> (String, String) {
    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let (header, rows) = table_of(&sheet(&book, "So sánh quý trước"));
    let row = row_named(&rows, name).unwrap_or_else(|| panic!("{name} in So sánh quý trước"));
    (
        text(under(&header, row, "Giải trình")),
        text(under(&header, row, "Ghi chú")),
    )
}

/// The unit's explanation and reasons in the signed lagging list.
fn lagging(wd: &Workdir, name: &str) -> (String, String) {
    let book = wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx");
    let (header, rows) = table_of(&sheet(&book, "Đơn vị chậm"));
    let row = row_named(&rows, name).unwrap_or_else(|| panic!("{name} in Đơn vị chậm"));
    (
        text(under(&header, row, "Giải trình")),
        text(under(&header, row, "Lý do")),
    )
}

#[test]
fn an_explanation_typed_in_any_layout_sits_beside_the_flag_it_explains() {
    let wd = Workdir::new();
    // Every unit had more level-4 services last quarter: each is flagged
    // `level4_fell`, and (under 30%) lags for it.
    past_summary(
        &wd,
        "2019-Q4",
        &[
            ("T48", 1000, 260),
            ("T27", 1000, 260),
            ("T44", 1000, 260),
            ("T92", 1000, 260),
        ],
    );
    let dn = "Danh mục TTHC được rà soát theo Quyết định 1291/QĐ-UBND; 12 DVCTT mức độ 4 chuyển thành mức độ 3";
    let bn = "Cổng DVC tỉnh nâng cấp trong tháng 3, một số dịch vụ tạm dừng";
    let qb = "Số DVCTT mức độ 4 giảm do sáp nhập 2 sở";
    // Đà Nẵng: the usual form, `Giải trình` a line of its own, the text right of it.
    Form::new("Đà Nẵng", "Quý I/2020", 1000, 248)
        .set("Giải trình", t(dn))
        .save(&wd, "submissions/dn.xlsx");
    // Bắc Ninh: an official document with the 929 table, `Giải trình` a
    // column of the table.
    let sheet = official(
        &["UBND TỈNH BẮC NINH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
        "Bắc Ninh",
        "BÁO CÁO CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN QUÝ I NĂM 2020",
    );
    let sheet = table_929(
        sheet,
        6,
        &["1", "Tỉnh Bắc Ninh", "1000", "300", "250", "25", bn],
    )
    .text(6, 6, "Giải trình (nếu có)");
    wd.write("submissions/bn.xlsx", &book(&[sheet]));
    // Quảng Bình: numbered lines, the explanation in the label's own cell;
    // its words speak of a count and are still read as the explanation.
    let sheet = who(Sheet::new("Sheet1"), 1, "Quảng Bình");
    let sheet = lines(
        sheet,
        5,
        &[
            ("Tổng số TTHC", "thủ tục", "1000"),
            ("Số DVCTT mức độ 4", "dịch vụ", "240"),
        ],
    )
    .text(8, 1, &format!("Giải trình: {qb}"));
    wd.write("submissions/qb.xlsx", &book(&[sheet]));
    // Cần Thơ wrote none.
    Form::new("Cần Thơ", "Quý I/2020", 1000, 250).save(&wd, "submissions/ct.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));

    let s = wd.summary("2020-Q1");
    for (code, typed, how) in [
        ("T48", dn, "right_of_label"),
        ("T27", bn, "under_header"),
        ("T44", qb, "in_label_cell"),
    ] {
        let u = unit(&s, code);
        assert_eq!(u["status"], "accepted", "{u}");
        assert_eq!(u["explanation"], typed, "{code}");
        assert_eq!(u["sources"]["explanation"]["how"], how, "{code}");
        // The explanation never silences the flag.
        assert_eq!(u["flags"], serde_json::json!(["level4_fell"]), "{code}");
        let l = s["lagging"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["code"] == code)
            .unwrap_or_else(|| panic!("{code} lags"));
        assert_eq!(l["explanation"], typed, "{code}");
        assert!(
            l["reasons"]
                .as_array()
                .unwrap()
                .contains(&"level4_fell".into()),
            "{l}"
        );
    }
    assert!(unit(&s, "T92")["explanation"].is_null());

    for (name, typed) in [("Đà Nẵng", dn), ("Bắc Ninh", bn), ("Quảng Bình", qb)] {
        let (explanation, note) = comparison(&wd, name);
        assert_eq!(explanation, format!("Đơn vị: {typed}"), "{name}");
        assert!(note.contains("Số DVCTT mức độ 4 giảm"), "{name}: {note}");
        let (explanation, reasons) = lagging(&wd, name);
        assert_eq!(explanation, format!("Đơn vị: {typed}"), "{name}");
        assert!(
            reasons.contains("giảm so với quý trước"),
            "{name}: {reasons}"
        );
    }
    let (explanation, _) = comparison(&wd, "Cần Thơ");
    assert_eq!(explanation, "");
}

#[test]
fn the_reviewer_s_reason_is_shown_beside_the_unit_s_flags() {
    let wd = Workdir::new();
    past_summary(&wd, "2019-Q4", &[("T48", 1000, 260), ("T01", 2000, 200)]);
    Form::new("Đà Nẵng", "Quý I/2020", 1000, 248).save(&wd, "submissions/dn.xlsx");
    Form::new("Hà Nội", "Quý I/2020", 2000, 190).save(&wd, "submissions/hn.xlsx");
    // A line with a reason, and a line as they were written before reasons
    // (a code alone): both still accept.
    let reason = "Đã xác minh với Sở TT&TT: danh mục rà soát theo Quyết định 1291";
    wd.write(
        "reports/unusual-accepted.txt",
        format!("# rà soát quý I\n2020-Q1 T48 {reason}  # gọi điện 10/4\n2020-Q1 t01\n").as_bytes(),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let dn = unit(&s, "T48");
    assert_eq!(dn["reviewer_reason"], reason);
    assert!(dn["explanation"].is_null());
    assert_eq!(dn["flags"], serde_json::json!(["level4_fell"]));
    assert!(unit(&s, "T01")["reviewer_reason"].is_null());
    let (explanation, _) = comparison(&wd, "Đà Nẵng");
    assert_eq!(explanation, format!("Người rà soát xác nhận: {reason}"));
    let (explanation, reasons) = lagging(&wd, "Đà Nẵng");
    assert_eq!(explanation, format!("Người rà soát xác nhận: {reason}"));
    assert!(reasons.contains("giảm so với quý trước"), "{reasons}");
    let (explanation, _) = comparison(&wd, "Hà Nội");
    assert_eq!(explanation, "");
}

#[test]
fn a_long_or_formula_looking_explanation_stays_a_bounded_string() {
    let wd = Workdir::new();
    past_summary(&wd, "2019-Q4", &[("T48", 1000, 260), ("T27", 1000, 260)]);
    let formula = "=HYPERLINK(\"http://example.invalid\",\"Bấm vào đây\")";
    Form::new("Đà Nẵng", "Quý I/2020", 1000, 248)
        .set("Giải trình", t(formula))
        .save(&wd, "submissions/dn.xlsx");
    // 3,000 characters over several lines, with a control character.
    let long = format!("Lý do\u{7}:\n{}", "rà soát thủ tục ".repeat(190));
    Form::new("Bắc Ninh", "Quý I/2020", 1000, 248)
        .set("Giải trình", t(&long))
        .save(&wd, "submissions/bn.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    assert_eq!(unit(&s, "T48")["explanation"], formula);
    let kept = unit(&s, "T27")["explanation"].as_str().unwrap().to_string();
    // Cut where every cell's text is cut when read, then made one line.
    assert!(kept.chars().count() <= 1000, "{kept}");
    assert!(kept.starts_with("Lý do: rà soát thủ tục rà soát"), "{kept}");
    assert!(kept.ends_with('…'));

    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let (header, rows) = table_of(&sheet(&book, "So sánh quý trước"));
    let cell = under(&header, row_named(&rows, "Đà Nẵng").unwrap(), "Giải trình");
    assert!(
        matches!(cell, calamine::Data::String(t) if *t == format!("Đơn vị: {formula}")),
        "{cell:?}"
    );
    // No cell of the sheet is a formula.
    let part = xml(&book, "xl/worksheets/sheet3.xml");
    assert!(!part.contains("<f>") && !part.contains("<f "), "a formula");
    let cell = under(&header, row_named(&rows, "Bắc Ninh").unwrap(), "Giải trình");
    assert_eq!(text(cell), format!("Đơn vị: {kept}"));
    let lagging_book = wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx");
    let (header, rows) = table_of(&sheet(&lagging_book, "Đơn vị chậm"));
    let cell = under(&header, row_named(&rows, "Đà Nẵng").unwrap(), "Giải trình");
    assert!(
        matches!(cell, calamine::Data::String(t) if t.ends_with(formula)),
        "{cell:?}"
    );
}

#[test]
fn check_shows_the_explanation_it_read_with_control_characters_escaped() {
    let wd = Workdir::new();
    // A right-to-left override would reorder the terminal line it is printed on.
    let typed = "Danh mục rà soát\u{202e} theo Quyết định 1291";
    let form = Form::new("Đà Nẵng", "Quý I/2020", 1000, 248).set("Giải trình", t(typed));
    let path = form.save(&wd, "dn.xlsx");
    let out = wd.run(&["check", "--quarter", "2020-Q1", path.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let printed = stdout(&out);
    let row = form.first_row + form.rows.len() as u32;
    assert!(
        printed.contains(&format!(
            "  Giải trình: Danh mục rà soát\\u{{202e}} theo Quyết định 1291  [Báo cáo!D{row}]"
        )),
        "{printed}"
    );
    assert!(!printed.contains('\u{202e}'));
}

/// Every text of every sheet of the workbook at `path`.
fn all_cells(path: &std::path::Path) -> Vec<String> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).expect("a workbook");
    let mut cells = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a sheet");
        cells.extend(range.rows().flatten().map(text));
    }
    cells
}

#[test]
fn issue_22_what_reorders_or_hides_text_is_shown_never_obeyed() {
    let wd = Workdir::new();
    // A right-to-left override and zero-width characters in the unit's own
    // words, and in a figure it typed.
    let said = "Số liệu giảm do \u{202e}3 sở sáp nhập\u{200b}\u{2066} vào 1";
    Form::new("Đà Nẵng", "Quý I/2020", 1000, 100)
        .set("Giải trình", t(said))
        .set("Số dịch vụ công trực tuyến mức độ 3", t("12\u{200f}0"))
        .save(&wd, "submissions/da-nang.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    // summary.json keeps the data as typed.
    assert_eq!(unit(&wd.summary("2020-Q1"), "T48")["explanation"], said);
    let hidden = |c: char| matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let shown = "Số liệu giảm do \\u{202e}3 sở sáp nhập\\u{200b}\\u{2066} vào 1";
    let mut books = vec![
        wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
        wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx"),
    ];
    books.extend(
        std::fs::read_dir(wd.path("reports/2020-Q1/phan-hoi"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "xlsx")),
    );
    let mut escaped = 0;
    for book in &books {
        for cell in all_cells(book) {
            assert!(!cell.contains(hidden), "{}: {cell:?}", book.display());
            escaped += usize::from(cell.contains(shown) || cell.contains("12\\u{200f}0"));
        }
    }
    // The comparison sheet, the lagging list, the unit's feedback (its
    // explanation and the figure it typed).
    assert!(escaped >= 3, "{escaped}");
    let letter = xml(
        &wd.path("reports/2020-Q1/cong-van-2020-Q1.docx"),
        "word/document.xml",
    );
    assert!(!letter.contains(hidden));
    let list = std::fs::read_to_string(wd.path("reports/2020-Q1/phan-hoi/danh-sach.csv")).unwrap();
    assert!(
        !list.trim_start_matches('\u{feff}').contains(hidden),
        "{list}"
    );
}

/// The reviewer's file (#23 review 11, 12, and its error lines): a lone CR
/// ends a line; a line that accepts nothing (a typo'd code, a name, a code
/// of another period, a unit with nothing flagged) is said on stdout and
/// in the log, never passed over; a line that cannot be read stops the run
/// with a Vietnamese line, what does not show escaped.
#[test]
fn every_acceptance_line_accepts_something_or_is_said_to_accept_nothing() {
    let wd = Workdir::new();
    past_summary(&wd, "2019-Q4", &[("T48", 1000, 100), ("T01", 2000, 200)]);
    // Đà Nẵng jumps from 10% to 70%: waiting for a reviewer.
    Form::new("Đà Nẵng", "Quý I/2020", 1000, 700).save(&wd, "submissions/dn.xlsx");
    Form::new("Hà Nội", "Quý I/2020", 2000, 200).save(&wd, "submissions/hn.xlsx");
    wd.write(
        "reports/unusual-accepted.txt",
        "2020-Q1 T2 gõ nhầm mã\r2020-Q1 T48 cổng mới\r2020-Q1 Đà Nẵng\n\
         2019-Q4 HUE-2025\n2020-Q1 T01 không đổi\n2030-Q1 T01 later\n"
            .as_bytes(),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    let summary = wd.summary("2020-Q1");
    let dn = unit(&summary, "T48");
    assert_eq!(dn["awaiting_confirmation"], false, "{dn}");
    assert_eq!(dn["reviewer_reason"], "cổng mới");
    let stdout = stdout(&out);
    let warned: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("CẢNH BÁO: dòng chấp nhận không khớp"))
        .collect();
    let want = [
        "dòng 1: '2020-Q1 T2 gõ nhầm mã' không chấp nhận thay đổi nào: 'T2' không phải mã của đơn vị nào báo cáo trong 2020-Q1",
        "dòng 3: '2020-Q1 Đà Nẵng' không chấp nhận thay đổi nào: 'Đà' không phải mã",
        "dòng 4: '2019-Q4 HUE-2025' không chấp nhận thay đổi nào: 'HUE-2025' không phải mã của đơn vị nào báo cáo trong 2019-Q4",
        "dòng 5: '2020-Q1 T01 không đổi' không chấp nhận thay đổi nào: T01 (Hà Nội) không có thay đổi nào được đánh dấu trong 2020-Q1",
    ];
    assert_eq!(warned.len(), want.len(), "{stdout}");
    for (line, want) in warned.iter().zip(want) {
        assert!(line.contains("reports/unusual-accepted.txt, "), "{line}");
        assert!(line.contains(want), "{line}\nwant: {want}");
    }
    let log = stderr(&out);
    assert_eq!(
        log.lines()
            .filter(|l| l.contains("WARN") && l.contains("accepts nothing"))
            .count(),
        4,
        "{log}"
    );

    let cases: [(&str, &str); 3] = [
        (
            "Q1/2020 T48\n",
            "dòng 1: 'Q1/2020' không phải là một quý: viết dạng năm-Q và số quý, ví dụ 2020-Q1",
        ),
        (
            "2020-Q1 T48\n2020\u{200b}-Q1 T01\n",
            "dòng 2: '2020\\u{200b}-Q1' không phải là một quý",
        ),
        (
            "2020-Q1 T48\r\u{feff}2020-Q1\n",
            "dòng 2: '\\u{feff}2020-Q1': viết '<quý> <mã đơn vị> [lý do]'",
        ),
    ];
    for (file, want) in cases {
        wd.write("reports/unusual-accepted.txt", file.as_bytes());
        let out = wd.run_quarter("2020-Q1", &["--replace"]);
        assert_eq!(code(&out), 2, "{file:?}");
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains(want), "{file:?}\ngave: {err}\nwant: {want}");
    }
}
