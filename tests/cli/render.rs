//! The outputs as printed: `tools/check-render` converts them with
//! LibreOffice and fails on overlapping text, text cut at the page edge,
//! sheets wider than a page, tiny print or a page without its number. Where
//! LibreOffice (Calc and Writer) or poppler-utils is not installed the tests
//! fail, unless `DVCTT_SKIP_RENDER=1` says to skip them (CI never sets it).

use crate::support::*;
use std::process::Command;

/// The check's verdict on `files`; None when `DVCTT_SKIP_RENDER=1` skips
/// it on a machine without LibreOffice or poppler-utils (the test fails
/// there otherwise).
fn check_render(files: &[std::path::PathBuf]) -> Option<std::process::Output> {
    if !require_tools(&["soffice", "pdftotext"], "the legibility check") {
        return None;
    }
    let out = Command::new(format!("{REPO}/tools/check-render"))
        .args(files)
        .output()
        .expect("run tools/check-render");
    Some(out)
}

/// Whether the check skipped a letter because LibreOffice has no Writer
/// (Debian installs Calc and Writer separately), which it does only when
/// `DVCTT_SKIP_RENDER=1`: a letter-only test then has nothing to assert.
fn letter_skipped(out: &std::process::Output) -> bool {
    let skipped = stdout(out).contains("skipped: LibreOffice Writer is not installed");
    if skipped {
        eprintln!("note: LibreOffice Writer is not installed: the letter's check is skipped");
    }
    skipped
}

#[test]
fn every_printed_output_is_legible() {
    let wd = Workdir::new();
    // What arrives in a quarter: ordinary reports, a late one, one rejected
    // with a long message, a long file name, a file that is no report.
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    Form::new("Lào Cai", "Quý I/2020", 2076, 620)
        .set("Ngày báo cáo", t("20/04/2020"))
        .save(&wd, "submissions/lc.xlsx");
    Form::new("Bộ Lao động - Thương binh và Xã hội", "Quý I/2020", 800, 12)
        .save(&wd, "submissions/bao-cao-ket-qua-cung-cap-dich-vu-cong-truc-tuyen-muc-do-4-quy-1-nam-2020-ban-chinh-thuc-da-ky-so.xlsx");
    Form::new("Thừa Thiên Huế", "Quý IV/2019", 1700, 600).save(&wd, "submissions/hue.xlsx");
    Form::new("Kon Tum", "Quý I/2020", 155, 131)
        .set("Số dịch vụ công trực tuyến mức độ 3", V::N(385.0))
        .save(&wd, "submissions/kt.xlsx");
    wd.write("submissions/cong-van.pdf", b"%PDF-1.4\n");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
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
    let files = [
        wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx"),
        wd.path("reports/2020-Q1/don-vi-cham-2020-Q1.xlsx"),
        wd.path("reports/2020-Q1/cong-van-2020-Q1.docx"),
        // Feedback: rejected with a long message (Kon Tum), late (Lào Cai),
        // a long name and file name (Bộ Lao động…), missing (Bộ Công an).
        wd.path("reports/2020-Q1/phan-hoi/T62-2020-Q1.xlsx"),
        wd.path("reports/2020-Q1/phan-hoi/T10-2020-Q1.xlsx"),
        wd.path("reports/2020-Q1/phan-hoi/BLDTBXH-2020-Q1.xlsx"),
        wd.path("reports/2020-Q1/phan-hoi/BCA-2020-Q1.xlsx"),
        wd.path("forms/mau-bao-cao-T89-2020-Q1.xlsx"),
        format!("{REPO}/templates/mau-bao-cao.xlsx").into(),
    ];
    let Some(out) = check_render(&files) else {
        return;
    };
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

/// A long addressee from the roster wraps under the title (it ran off both
/// edges of the page, centred on one line), and a unit whose jump awaits
/// confirmation reads its held-back paragraph whole (#23).
#[test]
fn a_long_addressee_and_a_held_back_figure_print_legibly() {
    let wd = Workdir::new();
    wd.write(
        "roster.toml",
        "[[unit]]\ncode = \"T02\"\nname = \"Hà Giang\"\ngroup = \"II\"\n\
         addressee = \"Sở Khoa học và Công nghệ tỉnh Hà Giang (Phòng Quản lý công nghệ thông tin, \
         chuyển đổi số và bưu chính viễn thông, đầu mối báo cáo dịch vụ công trực tuyến)\"\n\n\
         [[unit]]\ncode = \"BCA\"\nname = \"Bộ Công an\"\ngroup = \"I\"\n"
            .as_bytes(),
    );
    wd.write("dvctt.toml", b"roster = \"roster.toml\"\n");
    Form::new("Bộ Công an", "Quý IV/2019", 367, 57).save(&wd, "q4/bca.xlsx");
    let out = wd.run_folder("2019-Q4", "q4");
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    // 15,53% → 68,12%, unexplained: held back; Hà Giang sends nothing.
    Form::new("Bộ Công an", "Quý I/2020", 367, 250).save(&wd, "q1/bca.xlsx");
    let out = wd.run_folder("2020-Q1", "q1");
    assert!([0, 3].contains(&code(&out)), "{}", stderr(&out));
    assert_eq!(
        unit(&wd.summary("2020-Q1"), "BCA")["awaiting_confirmation"],
        true
    );
    let files = [
        wd.path("reports/2020-Q1/phan-hoi/T02-2020-Q1.xlsx"),
        wd.path("reports/2020-Q1/phan-hoi/BCA-2020-Q1.xlsx"),
    ];
    let Some(out) = check_render(&files) else {
        return;
    };
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn the_929_quarter_prints_legibly() {
    let wd = Workdir::new();
    for (i, row) in appendix_929().iter().enumerate() {
        Form::new(&row.name, "Quý IV/2019", row.total, row.level4)
            .set("Ngày báo cáo", t("06/01/2020"))
            .save(&wd, &format!("submissions/{:02}.xlsx", i + 1));
    }
    assert_eq!(code(&wd.run_quarter("2019-Q4", &[])), 0);
    let files = [
        wd.path("reports/2019-Q4/tong-hop-2019-Q4.xlsx"),
        wd.path("reports/2019-Q4/don-vi-cham-2019-Q4.xlsx"),
        wd.path("reports/2019-Q4/cong-van-2019-Q4.docx"),
    ];
    let Some(out) = check_render(&files) else {
        return;
    };
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

/// A letter the Authority made long (its own template): every page after the
/// first carries its number at the top, the first none (Decree 30).
#[test]
fn a_letter_of_several_pages_is_numbered_from_the_second() {
    let wd = Workdir::new();
    Form::new("An Giang", "Quý I/2020", 1915, 654).save(&wd, "submissions/ag.xlsx");
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/cong-van.j2")).unwrap();
    let long = shipped.replace(
        "Trân trọng./.",
        "{% for i in range(60) %}Đề nghị các đơn vị rà soát danh mục thủ tục hành chính, cập nhật số liệu và gửi báo cáo đúng hạn ({{ i + 1 }}).\n{% endfor %}Trân trọng./.",
    );
    wd.write("cong-van.j2", long.as_bytes());
    wd.write("dvctt.toml", b"[letter]\ntemplate = \"cong-van.j2\"\n");
    let out = wd.run_quarter("2020-Q1", &["--config", "dvctt.toml"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let Some(out) = check_render(&[wd.path("reports/2020-Q1/cong-van-2020-Q1.docx")]) else {
        return;
    };
    if letter_skipped(&out) {
        return;
    }
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let pages: u32 = stdout(&out)
        .split("OK, ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a page count");
    assert!(pages >= 3, "{}", stdout(&out));
}

#[test]
fn the_comparison_page_prints_each_unit_code_whole() {
    let wd = Workdir::new();
    // The two longest ministry codes of the roster, with figures in both quarters' rows.
    Form::new("Bộ Lao động - Thương binh và Xã hội", "Quý I/2020", 800, 12)
        .save(&wd, "submissions/ld.xlsx");
    Form::new(
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Quý I/2020",
        393,
        21,
    )
    .save(&wd, "submissions/nn.xlsx");
    wd.run_quarter("2020-Q1", &[]);
    if !require_tools(&["soffice", "pdftotext"], "the printed codes") {
        return;
    }
    let book = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let converted = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(wd.path("pdf"))
        .arg(&book)
        .env("HOME", wd.path(""))
        .output()
        .expect("run soffice");
    assert!(converted.status.success(), "{converted:?}");
    let text = Command::new("pdftotext")
        .arg(wd.path("pdf/tong-hop-2020-Q1.pdf"))
        .arg("-")
        .output()
        .expect("run pdftotext");
    // The pages of `So sánh quý trước` only (other sheets print codes too).
    let pdf = String::from_utf8_lossy(&text.stdout).to_string();
    let words: Vec<&str> = pdf
        .split('\u{c}')
        .filter(|page| page.contains("SO SÁNH QUÝ I/2020"))
        .flat_map(str::split_whitespace)
        .collect();
    for code in ["BLDTBXH", "BNNPTNT"] {
        let pieces: Vec<&&str> = words.iter().filter(|w| w.starts_with(&code[..4])).collect();
        assert_eq!(pieces, [&code], "{code} printed whole, once");
    }
}

/// `soffice` converts `files` to PDF in `wd/pdf`, in one call (each call
/// starts LibreOffice); the text of each one's pages.
fn pdf_pages(wd: &Workdir, files: &[&std::path::Path]) -> Vec<Vec<String>> {
    let converted = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(wd.path("pdf"))
        .args(files)
        .env("HOME", wd.path(""))
        .output()
        .expect("run soffice");
    assert!(converted.status.success(), "{converted:?}");
    files
        .iter()
        .map(|file| {
            let stem = file.file_stem().unwrap().to_string_lossy();
            let text = Command::new("pdftotext")
                .arg(wd.path(&format!("pdf/{stem}.pdf")))
                .arg("-")
                .output()
                .expect("run pdftotext");
            let pdf = String::from_utf8_lossy(&text.stdout).to_string();
            let mut pages: Vec<String> = pdf.split('\u{c}').map(str::to_string).collect();
            pages.retain(|p| !p.trim().is_empty());
            pages
        })
        .collect()
}

#[test]
fn the_appendix_goes_out_alone_and_internal_sheets_print_rule_ids_whole() {
    // The shipped sample quarter: 83 units, rejected files among them.
    let wd = Workdir::new();
    for folder in ["submissions/2020-Q1", "reports/2019-Q4"] {
        std::fs::create_dir_all(wd.path(folder).parent().unwrap()).unwrap();
        let copied = Command::new("cp")
            .arg("-r")
            .arg(format!("{REPO}/{folder}"))
            .arg(wd.path(folder))
            .status()
            .expect("cp");
        assert!(copied.success());
    }
    let out = wd.run_folder("2020-Q1", "submissions/2020-Q1");
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    // phu-luc-<q>.xlsx: the appendix and nothing else, the same cells as
    // the internal workbook's first sheet.
    let attached = wd.path("reports/2020-Q1/phu-luc-2020-Q1.xlsx");
    let internal = wd.path("reports/2020-Q1/tong-hop-2020-Q1.xlsx");
    let book: calamine::Xlsx<_> = calamine::open_workbook(&attached).expect("phu-luc opens");
    assert_eq!(calamine::Reader::sheet_names(&book), ["Phụ lục"]);
    assert_eq!(sheet(&attached, "Phụ lục"), sheet(&internal, "Phụ lục"));
    // The letter names it, not the internal workbook.
    let letter = xml(
        &wd.path("reports/2020-Q1/cong-van-2020-Q1.docx"),
        "word/document.xml",
    );
    assert!(letter.contains("(tệp phu-luc-2020-Q1.xlsx)"), "{letter}");
    assert!(!letter.contains("tong-hop-"), "{letter}");
    if !require_tools(&["soffice", "pdftotext"], "the printed appendix") {
        return;
    }
    // Printed: the appendix's pages only (3 for 20 + 63 units), none of
    // the internal sheets.
    let [pages, internal_pages]: [Vec<String>; 2] = pdf_pages(&wd, &[&attached, &internal])
        .try_into()
        .expect("two PDFs");
    assert_eq!(pages.len(), 3, "{pages:#?}");
    let all = pages.join("\n");
    for internal_only in ["KẾT QUẢ KIỂM TRA", "NGUỒN SỐ LIỆU", "CÁC TỆP TRONG THƯ MỤC"]
    {
        assert!(!all.contains(internal_only), "{internal_only}");
    }
    // The internal workbook's `Kiểm tra dữ liệu` prints every rule id and
    // unit code whole, on one line.
    let summary = wd.summary("2020-Q1");
    let words: Vec<&str> = internal_pages
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect();
    let findings = summary["findings"].as_array().unwrap();
    assert!(findings.len() >= 5);
    for f in findings {
        let rule = f["rule"].as_str().unwrap();
        assert!(words.contains(&rule), "{rule} printed whole");
        let broken = words
            .iter()
            .find(|w| w.len() >= 4 && w.len() < rule.len() && rule.starts_with(**w));
        assert!(broken.is_none(), "{rule} broken: {broken:?}");
    }
}

/// Letters for quarters whose lists of units run long, the body's end
/// falling at every place on a page: on none is the signature block alone
/// on the last page (`tools/check-render` fails that, as the next test shows).
#[test]
fn every_letter_closes_with_body_text_above_the_signature() {
    let wd = Workdir::new();
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/cong-van.j2")).unwrap();
    let mut letters = Vec::new();
    for n in 0..22 {
        // The lists' names as a long quarter gives them, one more line each time.
        let long = shipped.replace(
            "Trân trọng./.",
            &format!("{{% for i in range({}) %}}Đề nghị các đơn vị rà soát danh mục thủ tục hành chính, cập nhật số liệu và gửi báo cáo đúng hạn ({{{{ i + 1 }}}}).\n{{% endfor %}}Trân trọng./.", 24 + n),
        );
        let dir = format!("l{n:02}");
        wd.write(&format!("{dir}/cong-van.j2"), long.as_bytes());
        wd.write(
            &format!("{dir}/dvctt.toml"),
            b"[letter]\ntemplate = \"cong-van.j2\"\n",
        );
        Form::new("An Giang", "Quý I/2020", 1915, 654)
            .save(&wd, &format!("{dir}/submissions/2020-Q1/ag.xlsx"));
        let out = dvctt_command(BIN)
            .current_dir(wd.path(&dir))
            .args(["run", "--quarter", "2020-Q1"])
            .output()
            .expect("run dvctt");
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let letter = wd.path(&format!("{dir}/cong-van-{n:02}.docx"));
        std::fs::copy(
            wd.path(&format!("{dir}/reports/2020-Q1/cong-van-2020-Q1.docx")),
            &letter,
        )
        .unwrap();
        letters.push(letter);
    }
    let Some(out) = check_render(&letters) else {
        return;
    };
    if letter_skipped(&out) {
        return;
    }
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

/// Each document the check must fail, with what it must say of it: all
/// checked in one call (each call starts LibreOffice), each file's faults
/// found on its own lines.
#[test]
fn the_legibility_check_fails_on_what_cannot_be_read() {
    let wd = Workdir::new();
    let cases: [(std::path::PathBuf, &[&str]); 4] = [
        (
            wd.write("broken.xlsx", &unreadable_workbook()),
            &[
                "overlapping text",
                "sheet 'Quá rộng' is wider than one portrait page",
                "no page number",
            ],
        ),
        (
            wd.write("khong-so-trang.docx", &docx_bytes(unnumbered_letter())),
            &["page 2: no page number 2 at the top"],
        ),
        (
            wd.write("trang-trong.docx", &docx_bytes(letter_with_a_blank_page())),
            &["page 2: blank but for its page number"],
        ),
        (
            wd.write("chu-ky-mot-minh.docx", &docx_bytes(signature_alone())),
            &["page 2: the signature block alone on the last page"],
        ),
    ];
    let files: Vec<std::path::PathBuf> = cases.iter().map(|(path, _)| path.clone()).collect();
    let Some(out) = check_render(&files) else {
        return;
    };
    if letter_skipped(&out) {
        return;
    }
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    for (path, faults) in &cases {
        let said: Vec<&str> = err
            .lines()
            .filter_map(|l| l.strip_prefix(&format!("check-render: {}: ", path.display())))
            .collect();
        for fault in *faults {
            assert!(
                said.iter().any(|l| l.contains(fault)),
                "{}: {fault:?} in {said:?}\n{err}",
                path.display()
            );
        }
    }
}

fn docx_bytes(doc: docx_rs::Docx) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).unwrap();
    bytes.into_inner()
}

/// Times New Roman as the workbook default (which fixes the default row
/// height), a wrapped, centred message in a row left at that height, and
/// text in the rows around it: as `Kiểm tra dữ liệu` was; and thirty wide
/// columns, not fitted to the page.
fn unreadable_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let font = rust_xlsxwriter::Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12);
    book.set_default_format(&font, 20, 64).unwrap();
    let wrap = font
        .clone()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::VerticalCenter);
    let sheet = book.add_worksheet().set_name("Chồng chữ").unwrap();
    sheet.set_column_width(1, 30).unwrap();
    for row in 0..3 {
        sheet.write_string(row, 0, format!("Tệp {row}")).unwrap();
        sheet
            .write_string_with_format(row, 1, "Báo cáo ghi kỳ Quý IV/2019, nhưng đợt tổng hợp này là Quý I/2020. Đề nghị gửi báo cáo đúng kỳ.", &wrap)
            .unwrap();
    }
    // Thirty wide columns, not fitted to the page.
    let wide = book.add_worksheet().set_name("Quá rộng").unwrap();
    for col in 0..30 {
        wide.set_column_width(col, 20).unwrap();
        wide.write_string(0, col, format!("Cột {col}")).unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// A two-page Word document without page numbers.
fn unnumbered_letter() -> docx_rs::Docx {
    let mut doc = docx_rs::Docx::new();
    for i in 0..120 {
        doc = doc.add_paragraph(
            docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(format!("Dòng {i}"))),
        );
    }
    doc
}

/// A page that prints nothing but its number (the sample letter's room to
/// sign once ran onto such a page, and the check passed).
fn letter_with_a_blank_page() -> docx_rs::Docx {
    let mut doc = docx_rs::Docx::new();
    doc = doc.add_paragraph(
        docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text("Trang có nội dung")),
    );
    doc = doc.add_paragraph(
        docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_break(docx_rs::BreakType::Page)),
    );
    // Nothing but empty lines after the break.
    for _ in 0..3 {
        doc = doc.add_paragraph(docx_rs::Paragraph::new());
    }
    doc
}

/// A letter whose last page is `Nơi nhận` and the signer alone.
fn signature_alone() -> docx_rs::Docx {
    let mut doc = docx_rs::Docx::new()
        .header(
            docx_rs::Header::new().add_paragraph(
                docx_rs::Paragraph::new()
                    .add_page_num(docx_rs::PageNum::new())
                    .align(docx_rs::AlignmentType::Center),
            ),
        )
        .first_header(docx_rs::Header::new())
        .title_pg();
    let line = |t: &str| docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(t));
    doc = doc.add_paragraph(line("Nội dung công văn."));
    doc = doc.add_paragraph(line("Trân trọng./."));
    doc = doc.add_paragraph(
        docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_break(docx_rs::BreakType::Page)),
    );
    doc = doc.add_paragraph(line("Nơi nhận:"));
    doc = doc.add_paragraph(line("- Như trên;"));
    doc = doc.add_paragraph(line("CỤC TRƯỞNG"));
    doc
}
