//! How the outputs look (#23, point 8): rows only as tall as their wrapped
//! text, one heading block in the workbooks and the letter, figures with
//! Vietnamese separators under any locale. Read back from the written
//! files: row heights and fonts from the XML, the figures as LibreOffice
//! prints them under an English and a Vietnamese locale.

use crate::support::*;
use std::path::Path;
use std::process::Command;

const LONG_NAME: &str = "Bộ Nông nghiệp và Phát triển nông thôn";
const LONG_FILE: &str = "bao-cao-ket-qua-cung-cap-dich-vu-cong-truc-tuyen-muc-do-4-quy-1-2020.xlsx";

/// A quarter of four units: a long name (a low ratio, so it gets feedback,
/// its file named at length), two short ones, and a province.
fn quarter(wd: &Workdir) {
    Form::new(LONG_NAME, "Quý I/2020", 393, 21).save(wd, &format!("submissions/{LONG_FILE}"));
    Form::new("Bộ Công an", "Quý I/2020", 299, 13).save(wd, "submissions/bca.xlsx");
    Form::new("An Giang", "Quý I/2020", 1611, 198).save(wd, "submissions/ag.xlsx");
    Form::new("Hà Nội", "Quý I/2020", 1800, 251).save(wd, "submissions/hn.xlsx");
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(code(&out) == 0 || code(&out) == 3, "{}", stderr(&out));
}

/// A row of a sheet: its number (from 1), its height in points when one is
/// set (else the default, one line), the text of its cells.
struct Row {
    number: u32,
    height: Option<f64>,
    texts: Vec<String>,
}

/// The worksheet part of sheet `name` (rust_xlsxwriter numbers them in
/// the workbook's order).
fn sheet_part(path: &Path, name: &str) -> String {
    let workbook = xml(path, "xl/workbook.xml");
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let at = names
        .iter()
        .position(|n| *n == name)
        .unwrap_or_else(|| panic!("sheet {name} in {names:?}"));
    format!("xl/worksheets/sheet{}.xml", at + 1)
}

fn rows(path: &Path, name: &str) -> Vec<Row> {
    let part = xml(path, &sheet_part(path, name));
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = calamine::Reader::worksheet_range(&mut book, name).unwrap();
    let width = range.end().map_or(0, |(_, c)| c + 1);
    part.split("<row ")
        .skip(1)
        .map(|tag| {
            let tag = &tag[..tag.find('>').unwrap()];
            let attr = |name: &str| {
                tag.split(&format!(" {name}=\""))
                    .nth(1)
                    .or_else(|| tag.strip_prefix(&format!("{name}=\"")))
                    .map(|rest| rest.split('"').next().unwrap().to_string())
            };
            let number: u32 = attr("r").unwrap().parse().unwrap();
            let texts = (0..width)
                .map(|c| {
                    range
                        .get_value((number - 1, c))
                        .map(text)
                        .unwrap_or_default()
                })
                .collect();
            Row {
                number,
                height: attr("ht").map(|h| h.parse().unwrap()),
                texts,
            }
        })
        .collect()
}

fn row_with<'a>(rows: &'a [Row], cell: &str) -> &'a Row {
    rows.iter()
        .find(|r| r.texts.iter().any(|t| t == cell))
        .unwrap_or_else(|| panic!("a row holding {cell:?}"))
}

/// A row of two lines of 12-point text is at least this tall.
const TWO_LINES: f64 = 28.0;

#[test]
fn issue_23_a_row_is_taller_only_where_its_text_wraps() {
    let wd = Workdir::new();
    quarter(&wd);
    let reports = wd.path("reports/2020-Q1");
    // The appendix (its own file and the internal workbook's sheet): the
    // long name fits its 38-wide column; every unit's row is one line.
    for book in ["phu-luc-2020-Q1.xlsx", "tong-hop-2020-Q1.xlsx"] {
        let rows = rows(&reports.join(book), "Phụ lục");
        let units: Vec<&Row> = rows
            .iter()
            .filter(|r| r.texts[0].parse::<u32>().is_ok() && !r.texts[1].is_empty())
            .collect();
        assert!(units.len() > 60, "{book}: {} unit rows", units.len());
        for r in &units {
            assert_eq!(r.height, None, "{book} row {}: {:?}", r.number, r.texts);
        }
        assert_eq!(row_with(&rows, LONG_NAME).height, None, "{book}");
        // The header row's long headers wrap in their narrow columns.
        let header = row_with(&rows, "Tổng số thủ tục hành chính");
        assert!(header.height.unwrap() >= TWO_LINES, "{book}: header");
    }
    // The comparison sheet's name column is 24 wide: the long name wraps,
    // the short ones do not.
    let comparison = rows(&reports.join("tong-hop-2020-Q1.xlsx"), "So sánh quý trước");
    let long = row_with(&comparison, LONG_NAME).height;
    assert!(long.is_some_and(|h| h >= TWO_LINES), "{long:?}");
    for short in ["Bộ Công an", "An Giang", "Hà Nội", "Bộ Tư pháp"] {
        assert_eq!(row_with(&comparison, short).height, None, "{short}");
    }
    // Feedback: the values read (section 2) are one line each. In the
    // files received, the date's basis and the note take two lines; the
    // long file name more.
    let feedback = rows(&reports.join("phan-hoi/BNNPTNT-2020-Q1.xlsx"), "Phản hồi");
    let values = row_with(&feedback, "Chỉ tiêu").number;
    // (Its name wraps in the value column: that row is two lines.)
    for label in [
        "Kỳ báo cáo",
        "Ngày báo cáo",
        "Tổng số TTHC",
        "Số DVCTT mức độ 4",
    ] {
        let r = feedback
            .iter()
            .find(|r| r.number > values && r.texts[1] == label)
            .unwrap_or_else(|| panic!("{label} in section 2"));
        assert_eq!(r.height, None, "{label}: {:?}", r.texts);
    }
    let long = row_with(&feedback, LONG_FILE).height.unwrap();
    let short = rows(&reports.join("phan-hoi/BCA-2020-Q1.xlsx"), "Phản hồi");
    let short = row_with(&short, "bca.xlsx").height.unwrap();
    assert!(short >= TWO_LINES && long > short, "{long} / {short}");
}

/// How a text is set: bold, underlined, its size in points.
#[derive(Debug, PartialEq)]
struct Set {
    bold: bool,
    underline: bool,
    size: f64,
}

/// The value of attribute `name` in the start tag `tag`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[at..].split('"').next().unwrap().to_string())
}

/// The start tags of `element` in `xml`, each up to its `>`, with what
/// follows it up to the element's end.
fn elements<'a>(xml: &'a str, element: &str) -> Vec<&'a str> {
    let open = format!("<{element}");
    let close = format!("</{element}>");
    xml.match_indices(&open)
        .filter(|(at, _)| {
            let next = xml[at + open.len()..].chars().next();
            matches!(next, Some(' ' | '>' | '/'))
        })
        .map(|(at, _)| {
            let rest = &xml[at..];
            let tag_end = rest.find('>').unwrap();
            let end = match rest[..tag_end].ends_with('/') {
                true => tag_end + 1,
                false => rest.find(&close).unwrap() + close.len(),
            };
            &rest[..end]
        })
        .collect()
}

/// How the cell showing `text` on the workbook's first sheet is set, from
/// its style's font in `xl/styles.xml`.
fn cell_set(path: &Path, text: &str) -> Set {
    let strings = xml(path, "xl/sharedStrings.xml");
    let index = elements(&strings, "si")
        .iter()
        .position(|si| si.contains(&format!(">{text}</t>")))
        .unwrap_or_else(|| panic!("{text:?} in {}", path.display()));
    let sheet = xml(path, "xl/worksheets/sheet1.xml");
    let cell = elements(&sheet, "c")
        .into_iter()
        .find(|c| c.contains(r#"t="s""#) && c.contains(&format!("<v>{index}</v>")))
        .unwrap_or_else(|| panic!("a cell showing {text:?}"));
    let style: usize = attribute(cell, "s").map_or(0, |s| s.parse().unwrap());
    let styles = xml(path, "xl/styles.xml");
    let xfs = elements(&styles, "cellXfs")[0];
    let xf = elements(xfs, "xf")[style];
    let font_id: usize = attribute(xf, "fontId").unwrap().parse().unwrap();
    let font = elements(elements(&styles, "fonts")[0], "font")[font_id];
    Set {
        bold: font.contains("<b/>"),
        underline: font.contains("<u/>") || font.contains("<u val=\"single\"/>"),
        size: attribute(&font[font.find("<sz").unwrap()..], "val")
            .unwrap()
            .parse()
            .unwrap(),
    }
}

/// How the run of the letter showing `text` is set.
fn run_set(path: &Path, text: &str) -> Set {
    let document = xml(path, "word/document.xml");
    let run = elements(&document, "w:r")
        .into_iter()
        .find(|r| r.contains(&format!(">{text}</w:t>")))
        .unwrap_or_else(|| panic!("a run showing {text:?}"));
    let size: f64 = attribute(&run[run.find("<w:sz ").unwrap()..], "w:val")
        .unwrap()
        .parse()
        .unwrap();
    Set {
        bold: run.contains("<w:b />") || run.contains("<w:b/>"),
        underline: run.contains("<w:u "),
        size: size / 2.0,
    }
}

#[test]
fn issue_23_the_heading_block_is_set_alike_in_the_workbooks_and_the_letter() {
    let wd = Workdir::new();
    quarter(&wd);
    let reports = wd.path("reports/2020-Q1");
    // Decree 30/2020/NĐ-CP: the parent body upright, not bold; the issuing
    // body bold; the nation's name bold; the motto bold, larger, a line
    // under it.
    let want = [
        ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", false, false, 12.0),
        ("CỤC TIN HỌC HÓA", true, false, 12.0),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, 12.0),
        ("Độc lập - Tự do - Hạnh phúc", true, true, 14.0),
    ];
    let books = [
        "phu-luc-2020-Q1.xlsx",
        "tong-hop-2020-Q1.xlsx",
        "don-vi-cham-2020-Q1.xlsx",
        "phan-hoi/BNNPTNT-2020-Q1.xlsx",
    ];
    for (text, bold, underline, size) in want {
        let set = Set {
            bold,
            underline,
            size,
        };
        for book in books {
            assert_eq!(cell_set(&reports.join(book), text), set, "{book}: {text}");
        }
        let letter = reports.join("cong-van-2020-Q1.docx");
        assert_eq!(run_set(&letter, text), set, "letter: {text}");
    }
}

/// Whether LibreOffice and pdftotext are here; false (the test then has
/// nothing to assert) only when `DVCTT_SKIP_RENDER=1`, else it fails.
fn can_render() -> bool {
    require_tools(&["soffice", "pdftotext"], "rendering under two locales")
}

/// The text of `books` as LibreOffice prints them under `locale`, each
/// book's in order: a fresh profile, so no setting of an earlier run
/// decides the separators.
fn printed(books: &[&Path], locale: &str) -> Vec<String> {
    let work = tempfile::tempdir().unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        work.path().display()
    );
    let done = Command::new("soffice")
        .args(["--headless", &profile, "--convert-to", "pdf", "--outdir"])
        .arg(work.path())
        .args(books)
        .env("LC_ALL", locale)
        .env("LANG", locale)
        .output()
        .expect("run soffice");
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    books
        .iter()
        .map(|book| {
            let pdf = work
                .path()
                .join(book.with_extension("pdf").file_name().unwrap());
            let out = Command::new("pdftotext")
                .args(["-layout"])
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("run pdftotext");
            assert!(out.status.success(), "{}", pdf.display());
            String::from_utf8(out.stdout).unwrap()
        })
        .collect()
}

#[test]
fn issue_23_figures_show_vietnamese_separators_under_any_locale() {
    if !can_render() {
        return;
    }
    let wd = Workdir::new();
    quarter(&wd);
    // A control: a count in the plain `#,##0` the outputs used to carry.
    // Its separator follows the locale: the switch below is real.
    let control = wd.path("control.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let plain = rust_xlsxwriter::Format::new().set_num_format("#,##0");
    book.add_worksheet()
        .write_number_with_format(0, 0, 1611.0, &plain)
        .unwrap();
    book.save(&control).unwrap();
    let reports = wd.path("reports/2020-Q1");
    let books = [
        control.clone(),
        reports.join("phu-luc-2020-Q1.xlsx"),
        reports.join("tong-hop-2020-Q1.xlsx"),
        reports.join("don-vi-cham-2020-Q1.xlsx"),
        reports.join("phan-hoi/BNNPTNT-2020-Q1.xlsx"),
        reports.join("phan-hoi/T89-2020-Q1.xlsx"),
    ];
    let books: Vec<&Path> = books.iter().map(|b| b.as_path()).collect();
    let english = printed(&books, "en_US.UTF-8");
    let vietnamese = printed(&books, "vi_VN.UTF-8");
    assert!(english[0].contains("1,611"), "{}", english[0]);
    assert!(vietnamese[0].contains("1.611"), "{}", vietnamese[0]);
    // An Giang: 198 of 1.611 is 12,29%; Hà Nội 251 of 1.800 is 13,94%;
    // Bộ Nông nghiệp…: 21 of 393 is 5,34%.
    let shown = [
        (1, vec!["1.611", "12,29%", "1.800", "13,94%", "5,34%"]),
        (2, vec!["1.611", "12,29%", "1.800", "13,94%"]),
        (3, vec!["5,34%"]),
        (4, vec!["393"]),
        (5, vec!["1.611"]),
    ];
    for (locale, texts) in [("en_US", &english), ("vi_VN", &vietnamese)] {
        for (book, wanted) in &shown {
            let text = &texts[*book];
            for figure in wanted {
                assert!(
                    text.contains(figure),
                    "{locale}, {}: {figure} in\n{text}",
                    books[*book].display()
                );
            }
            for english_style in ["1,611", "12.29%", "1,800", "13.94%", "5.34%"] {
                assert!(
                    !text.contains(english_style),
                    "{locale}, {}: {english_style}",
                    books[*book].display()
                );
            }
        }
    }
    // And they stay numbers a reader can sum.
    let appendix = sheet(&reports.join("phu-luc-2020-Q1.xlsx"), "Phụ lục");
    let an_giang = appendix
        .iter()
        .find(|r| r.get(1).map(text).as_deref() == Some("An Giang"))
        .expect("An Giang's row");
    assert_eq!(an_giang[2], calamine::Data::Float(1611.0));
    assert!(matches!(an_giang[4], calamine::Data::Float(r) if (r - 198.0 / 1611.0).abs() < 1e-12));
}
