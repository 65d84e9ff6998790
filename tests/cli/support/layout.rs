//! Report sheets laid out the way Vietnamese offices lay them out (heading
//! block, motto, title, tables under merged headers, numbered lines,
//! `Label: value` cells), cell by cell, for the layout corpus.

use rust_xlsxwriter::{CalculationMode, Format, Workbook};
use std::path::Path;

use super::V;

/// One sheet: cells and merged regions, written as given.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub cells: Vec<(u32, u16, V)>,
    /// (first row, first col, last row, last col, text)
    pub merges: Vec<(u32, u16, u32, u16, String)>,
    pub hidden: bool,
    /// Rows and columns hidden as a person hides them (right click, Hide).
    pub hidden_rows: Vec<u32>,
    pub hidden_cols: Vec<u16>,
    /// Number cells shown as a percentage (`0.00%`).
    pub percent: Vec<(u32, u16)>,
    /// Number cells with a number format of their own (`;;;`, `0"%"`).
    pub formats: Vec<(u32, u16, String)>,
    /// Saved asking to be recalculated when opened (what scripts write);
    /// otherwise as a spreadsheet program saves, formula results trusted.
    pub recalc_on_load: bool,
}

impl Sheet {
    pub fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            ..Sheet::default()
        }
    }

    pub fn at(mut self, row: u32, col: u16, value: V) -> Sheet {
        self.cells.push((row, col, value));
        self
    }

    pub fn text(self, row: u32, col: u16, text: &str) -> Sheet {
        self.at(row, col, V::T(text.to_string()))
    }

    pub fn num(self, row: u32, col: u16, n: f64) -> Sheet {
        self.at(row, col, V::N(n))
    }

    /// A row of cells from `col` on: texts, or numbers where they parse as
    /// plain Rust numbers (`12`, `0.5`); `""` leaves a cell empty.
    pub fn row(mut self, row: u32, col: u16, cells: &[&str]) -> Sheet {
        for (i, cell) in cells.iter().enumerate() {
            let c = col + i as u16;
            if cell.is_empty() {
                continue;
            }
            let value = match cell.parse::<f64>() {
                Ok(n) => V::N(n),
                Err(_) => V::T((*cell).to_string()),
            };
            self.cells.push((row, c, value));
        }
        self
    }

    pub fn merge(mut self, r1: u32, c1: u16, r2: u32, c2: u16, text: &str) -> Sheet {
        self.merges.push((r1, c1, r2, c2, text.to_string()));
        self
    }

    pub fn hidden(mut self) -> Sheet {
        self.hidden = true;
        self
    }

    pub fn hide_row(mut self, row: u32) -> Sheet {
        self.hidden_rows.push(row);
        self
    }

    pub fn hide_col(mut self, col: u16) -> Sheet {
        self.hidden_cols.push(col);
        self
    }

    /// A number cell shown as a percentage: `0.1302` shows `13,02%`.
    pub fn percent(mut self, row: u32, col: u16, fraction: f64) -> Sheet {
        self.percent.push((row, col));
        self.at(row, col, V::N(fraction))
    }

    /// The number cell at (row, col) shown with the number format `code`.
    pub fn num_format(mut self, row: u32, col: u16, code: &str) -> Sheet {
        self.formats.push((row, col, code.to_string()));
        self
    }

    /// The cell at (row, col), whatever it holds, shown as a percentage.
    pub fn percent_only(mut self, row: u32, col: u16) -> Sheet {
        self.percent.push((row, col));
        self
    }

    /// The heading block of an administrative document in rows 0–3: the
    /// issuing body (and the office under it) left, the motto and the place
    /// and date right, the report number under the body.
    pub fn heading(self, body: &[&str], place: &str) -> Sheet {
        let mut sheet = self;
        for (i, line) in body.iter().enumerate() {
            sheet = sheet.merge(i as u32, 0, i as u32, 1, line);
        }
        sheet
            .merge(0, 3, 0, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            .merge(1, 3, 1, 6, "Độc lập - Tự do - Hạnh phúc")
            .text(2, 0, "Số: 125/BC-STTTT")
            .merge(2, 3, 2, 6, &format!("{place}, ngày 05 tháng 4 năm 2020"))
    }
}

/// A workbook of `sheets`, saved as a spreadsheet program saves it.
pub fn book(sheets: &[Sheet]) -> Vec<u8> {
    let mut book = Workbook::new();
    if !sheets.iter().any(|s| s.recalc_on_load) {
        book.set_calculation_mode(CalculationMode::Manual);
    }
    let wrap = Format::new().set_text_wrap();
    let percent = Format::new().set_num_format("0.00%");
    for s in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(&s.name).expect("sheet name");
        for (r1, c1, r2, c2, text) in &s.merges {
            sheet
                .merge_range(*r1, *c1, *r2, *c2, text, &wrap)
                .expect("merge");
        }
        for (r, c, value) in &s.cells {
            match value {
                V::N(n) if s.percent.contains(&(*r, *c)) => {
                    sheet
                        .write_number_with_format(*r, *c, *n, &percent)
                        .expect("number");
                }
                V::N(n) => match s.formats.iter().find(|f| (f.0, f.1) == (*r, *c)) {
                    Some((_, _, code)) => {
                        let format = Format::new().set_num_format(code);
                        sheet
                            .write_number_with_format(*r, *c, *n, &format)
                            .expect("number");
                    }
                    None => {
                        sheet.write_number(*r, *c, *n).expect("number");
                    }
                },
                V::T(t) => {
                    sheet.write_string(*r, *c, t).expect("text");
                }
                V::F(f, result) => {
                    if s.percent.contains(&(*r, *c)) {
                        sheet
                            .write_formula_with_format(*r, *c, f.as_str(), &percent)
                            .expect("formula");
                    } else {
                        sheet.write_formula(*r, *c, f.as_str()).expect("formula");
                    }
                    sheet.set_formula_result(*r, *c, result.to_string());
                }
                V::Date(y, m, d) => {
                    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                    let format = Format::new().set_num_format("dd/mm/yyyy");
                    sheet
                        .write_datetime_with_format(*r, *c, &date, &format)
                        .expect("date");
                }
                V::Empty => {}
            }
        }
        for row in &s.hidden_rows {
            sheet.set_row_hidden(*row).expect("row hidden");
        }
        for col in &s.hidden_cols {
            sheet.set_column_hidden(*col).expect("column hidden");
        }
        if s.hidden {
            sheet.set_hidden(true);
        }
    }
    // A hidden first sheet needs another to be the active one.
    if let Some(i) = sheets.iter().position(|s| !s.hidden)
        && let Ok(sheet) = book.worksheet_from_index(i)
    {
        sheet.set_active(true);
    }
    book.save_to_buffer().expect("xlsx")
}

/// The variable that lets a machine without LibreOffice or poppler skip the
/// tests that print through them. CI never sets it: there they fail.
pub const SKIP_RENDER: &str = "DVCTT_SKIP_RENDER";

/// Whether every one of `tools` (`soffice`, `pdftotext`) is on PATH. When
/// one is missing the test fails, unless `DVCTT_SKIP_RENDER=1` says to skip
/// it: then false, said on stderr.
pub fn require_tools(tools: &[&str], test: &str) -> bool {
    let missing: Vec<&str> = tools.iter().copied().filter(|t| !on_path(t)).collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var(SKIP_RENDER).is_ok_and(|v| v == "1"),
        "{test}: {} needed and not installed (apt-get install libreoffice-calc-nogui \
         libreoffice-writer-nogui poppler-utils), or set {SKIP_RENDER}=1 to skip",
        missing.join(" and ")
    );
    eprintln!("{test}: skipped ({SKIP_RENDER}=1)");
    false
}

/// LibreOffice, which the `.ods`/`.xls` tests need: a test without it fails,
/// unless `DVCTT_SKIP_RENDER=1` says to skip (CI never sets it). Returns
/// false when skipping.
pub fn require_soffice(test: &str) -> bool {
    require_tools(&["soffice"], test)
}

/// Whether LibreOffice may be used: true when it is installed; without it
/// the calling test fails, or with `DVCTT_SKIP_RENDER=1` this is false and
/// the test skips. (The name is older than the rule; its callers skip on false.)
pub fn soffice_available() -> bool {
    require_soffice("a LibreOffice test")
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
}

/// `file` converted by LibreOffice to `format` (`ods`, `xls`, `xlsx`) in
/// `out_dir`: what a unit gets by opening the file and saving it there.
pub fn soffice_convert(file: &Path, format: &str, out_dir: &Path) -> std::path::PathBuf {
    soffice_convert_all(&[file], format, out_dir).remove(0)
}

/// `files` converted by one LibreOffice process (each start costs seconds).
pub fn soffice_convert_all(
    files: &[&Path],
    format: &str,
    out_dir: &Path,
) -> Vec<std::path::PathBuf> {
    soffice_convert_with(files, format, out_dir, true)
}

/// `files` converted by LibreOffice as it opens them, formulas recomputed
/// (`recalculate`, as Excel does and as the finding tells a LibreOffice
/// user to, Ctrl+Shift+F9) or not: what it saves when a user opens a
/// script's file with the default "never recalculate" and saves it again.
pub fn soffice_convert_with(
    files: &[&Path],
    format: &str,
    out_dir: &Path,
    recalculate: bool,
) -> Vec<std::path::PathBuf> {
    std::fs::create_dir_all(out_dir).expect("mkdir");
    let profile = tempfile::tempdir().expect("profile dir");
    let user = profile.path().join("user");
    std::fs::create_dir_all(&user).expect("profile");
    // Calc's load setting: 0 always recalculates, 1 never does.
    let mode = if recalculate { 0 } else { 1 };
    let item = |name: &str| {
        format!(
            r#"<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="{name}" oor:op="fuse"><value>{mode}</value></prop></item>"#
        )
    };
    let registry = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{}{}</oor:items>"#,
        item("OOXMLRecalcMode"),
        item("ODFRecalcMode")
    );
    std::fs::write(user.join("registrymodifications.xcu"), registry).expect("registry");
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(out_dir)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "soffice: {status:?}");
    files
        .iter()
        .map(|file| {
            let stem = file.file_stem().expect("stem").to_string_lossy();
            let out = out_dir.join(format!("{stem}.{format}"));
            assert!(out.is_file(), "soffice wrote no {}", out.display());
            out
        })
        .collect()
}

/// `Tên đơn vị` and `Kỳ báo cáo` lines at `row`, values in column D.
pub fn who(sheet: Sheet, row: u32, unit: &str) -> Sheet {
    sheet
        .row(row, 1, &["Tên đơn vị", "", unit])
        .row(row + 1, 1, &["Kỳ báo cáo", "", "Quý I/2020"])
}

/// Numbered lines `STT | label | unit of measure | value` from `row`.
pub fn lines(sheet: Sheet, row: u32, lines: &[(&str, &str, &str)]) -> Sheet {
    let mut sheet = sheet.row(row - 1, 0, &["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"]);
    for (i, (label, measure, value)) in lines.iter().enumerate() {
        let n = (i + 1).to_string();
        sheet = sheet.row(row + i as u32, 0, &[&n, label, measure, value]);
    }
    sheet
}

/// The 929 appendix's one-row header, and one data row.
pub fn table_929(sheet: Sheet, row: u32, data: &[&str]) -> Sheet {
    sheet
        .row(
            row,
            0,
            &[
                "TT",
                "Nội dung",
                "Tổng số thủ tục hành chính",
                "Số dịch vụ công trực tuyến mức độ 3",
                "Số dịch vụ công trực tuyến mức độ 4",
                "Tỷ lệ dịch vụ công trực tuyến mức độ 4 (%)",
            ],
        )
        .row(row + 1, 0, data)
}

/// A two-row header: `Tổng số TTHC` merged down, `Dịch vụ công trực tuyến`
/// merged over `Mức độ 3 | Mức độ 4`.
pub fn two_row_table(
    sheet: Sheet,
    row: u32,
    group: &str,
    leaves: [&str; 2],
    data: &[&str],
) -> Sheet {
    sheet
        .merge(row, 0, row + 1, 0, "TT")
        .merge(row, 1, row + 1, 1, "Đơn vị")
        .merge(row, 2, row + 1, 2, "Tổng số TTHC")
        .merge(row, 3, row, 4, group)
        .row(row + 1, 3, &leaves)
        .row(row + 2, 0, data)
}

pub fn official(body: &[&str], place: &str, title: &str) -> Sheet {
    Sheet::new("Báo cáo")
        .heading(body, place)
        .merge(4, 0, 4, 6, title)
}

/// `D` for column 3: a column's letters, as a formula names it.
pub fn col_name(col: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ascii")
}
