//! Submission workbooks written the way units fill them, with rust_xlsxwriter.
//! Shared by the integration tests, the benchmark and the sample generator.

use rust_xlsxwriter::{CalculationMode, Format, Workbook};
use std::path::Path;

/// A value in a form's cell.
#[derive(Clone, Debug)]
pub enum V {
    N(f64),
    T(String),
    /// A formula and the result saved with it.
    F(String, f64),
    Date(u16, u8, u8),
    Empty,
}

pub fn t(s: &str) -> V {
    V::T(s.to_string())
}

/// A unit's report sheet, laid out the usual way: `STT | label | unit of
/// measure | value`, under a title. Rows can be changed, moved and added.
#[derive(Clone, Debug)]
pub struct Form {
    pub sheet: String,
    /// (label, unit-of-measure column, value)
    pub rows: Vec<(String, String, V)>,
    /// Cells written as they are, by (row, col).
    pub extra: Vec<(u32, u16, V)>,
    /// The value column (3 = D).
    pub value_col: u16,
    /// Save like a spreadsheet program (formula results trusted) rather than
    /// like a script (`fullCalcOnLoad`).
    pub saved_by_excel: bool,
    pub first_row: u32,
    /// The font of every text cell (`.VnTime`, `VNI-Times` for legacy text).
    pub font: Option<String>,
    /// A `Danh mục` sheet: (procedure code, name, level).
    pub list: Option<Vec<(String, String, V)>>,
}

impl Form {
    pub fn new(unit: &str, period: &str, total: u64, level4: u64) -> Form {
        Form {
            sheet: "Báo cáo".to_string(),
            rows: vec![
                ("Tên đơn vị".into(), String::new(), t(unit)),
                ("Kỳ báo cáo".into(), String::new(), t(period)),
                ("Ngày báo cáo".into(), String::new(), t("05/04/2020")),
                (
                    "Tổng số thủ tục hành chính".into(),
                    "thủ tục".into(),
                    V::N(total as f64),
                ),
                (
                    "Số dịch vụ công trực tuyến mức độ 4".into(),
                    "dịch vụ".into(),
                    V::N(level4 as f64),
                ),
            ],
            extra: Vec::new(),
            value_col: 3,
            saved_by_excel: true,
            first_row: 3,
            font: None,
            list: None,
        }
    }

    /// Sets the value of the row whose label starts with `label`, or adds the row.
    pub fn set(mut self, label: &str, value: V) -> Form {
        match self.rows.iter_mut().find(|(l, _, _)| l.starts_with(label)) {
            Some(row) => row.2 = value,
            None => self.rows.push((label.to_string(), String::new(), value)),
        }
        self
    }

    pub fn relabel(mut self, label: &str, new_label: &str) -> Form {
        let row = self
            .rows
            .iter_mut()
            .find(|(l, _, _)| l.starts_with(label))
            .expect("label");
        row.0 = new_label.to_string();
        self
    }

    pub fn without(mut self, label: &str) -> Form {
        self.rows.retain(|(l, _, _)| !l.starts_with(label));
        self
    }

    /// Every label and text value passed through `f` (an encoder).
    pub fn map_text(mut self, f: impl Fn(&str) -> String) -> Form {
        for (label, _, value) in &mut self.rows {
            *label = f(label);
            if let V::T(text) = value {
                *text = f(text);
            }
        }
        self
    }

    pub fn cell(mut self, row: u32, col: u16, value: V) -> Form {
        self.extra.push((row, col, value));
        self
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut book = Workbook::new();
        // A fixed document date: the same form gives the same bytes.
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2020, 4, 5).expect("date");
        book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&date));
        if self.saved_by_excel {
            book.set_calculation_mode(CalculationMode::Manual);
        }
        let sheet = book.add_worksheet();
        sheet.set_name(&self.sheet).expect("sheet name");
        sheet
            .write_string(0, 1, "BÁO CÁO CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN")
            .expect("title");
        sheet
            .write_string(self.first_row - 1, 0, "STT")
            .expect("header");
        sheet
            .write_string(self.first_row - 1, 1, "Chỉ tiêu")
            .expect("header");
        sheet
            .write_string(self.first_row - 1, 2, "Đơn vị tính")
            .expect("header");
        sheet
            .write_string(self.first_row - 1, self.value_col, "Số liệu")
            .expect("header");
        let font = self
            .font
            .as_ref()
            .map_or_else(Format::new, |f| Format::new().set_font_name(f.as_str()));
        for (i, (label, measure, value)) in self.rows.iter().enumerate() {
            let r = self.first_row + i as u32;
            sheet.write_number(r, 0, (i + 1) as f64).expect("stt");
            sheet
                .write_string_with_format(r, 1, label, &font)
                .expect("label");
            if !measure.is_empty() {
                sheet.write_string(r, 2, measure).expect("measure");
            }
            write(sheet, r, self.value_col, value, &font);
        }
        for (r, c, value) in &self.extra {
            write(sheet, *r, *c, value, &font);
        }
        if let Some(list) = &self.list {
            let sheet = book.add_worksheet().set_name("Danh mục").expect("sheet");
            for (c, h) in ["STT", "Mã thủ tục", "Tên thủ tục", "Mức độ"]
                .iter()
                .enumerate()
            {
                sheet.write_string(0, c as u16, *h).expect("heading");
            }
            for (i, (code, name, level)) in list.iter().enumerate() {
                let r = i as u32 + 1;
                sheet.write_number(r, 0, r as f64).expect("stt");
                sheet.write_string(r, 1, code).expect("code");
                sheet.write_string(r, 2, name).expect("name");
                write(sheet, r, 3, level, &Format::new());
            }
        }
        book.save_to_buffer().expect("xlsx")
    }

    pub fn write_to(&self, path: &Path) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, self.bytes()).expect("write form");
    }
}

fn write(sheet: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, value: &V, font: &Format) {
    match value {
        V::N(n) => {
            sheet.write_number(r, c, *n).expect("number");
        }
        V::T(s) => {
            sheet.write_string_with_format(r, c, s, font).expect("text");
        }
        V::F(f, result) => {
            sheet.write_formula(r, c, f.as_str()).expect("formula");
            sheet.set_formula_result(r, c, result.to_string());
        }
        V::Date(y, m, d) => {
            let date = rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
            let format = Format::new().set_num_format("dd/mm/yyyy");
            sheet
                .write_datetime_with_format(r, c, &date, &format)
                .expect("date");
        }
        V::Empty => {}
    }
}

/// A row of the 929 appendix.
#[derive(Clone, Debug)]
pub struct AppendixRow {
    pub group: String,
    pub name: String,
    pub total: u64,
    pub level4: u64,
    pub printed_ratio: String,
}

/// The 929 appendix, transcribed in tests/data/appendix-929.tsv.
pub fn appendix_929() -> Vec<AppendixRow> {
    let repo = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(Path::new(repo).join("tests/data/appendix-929.tsv"))
        .expect("appendix-929.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            AppendixRow {
                group: f[0].to_string(),
                name: f[2].to_string(),
                total: f[3].parse().expect("total"),
                level4: f[4].parse().expect("level4"),
                printed_ratio: f[5].to_string(),
            }
        })
        .collect()
}

/// A minimal OpenDocument spreadsheet: rows of text cells.
pub fn ods(rows: &[&[&str]]) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for row in rows {
        body.push_str("<table:table-row>");
        for cell in *row {
            match cell.parse::<f64>() {
                Ok(n) => body.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                )),
                Err(_) => body.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
                )),
            }
        }
        body.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Báo cáo">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).expect("zip");
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .expect("zip");
        zip.start_file("META-INF/manifest.xml", stored)
            .expect("zip");
        zip.write_all(manifest.as_bytes()).expect("zip");
        zip.start_file("content.xml", stored).expect("zip");
        zip.write_all(content.as_bytes()).expect("zip");
        zip.finish().expect("zip");
    }
    buf.into_inner()
}
