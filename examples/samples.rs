//! Writes the sample data shipped in the repository:
//!
//! - `reports/2019-Q4/baseline.xlsx`: the appendix of Letter 929/BTTTT-THH (real
//!   figures, from tests/data/appendix-929.tsv) as a published workbook, the
//!   history the 2020-Q1 sample is compared with;
//! - `submissions/2020-Q1/`: one workbook per unit. The seeds hold no per-unit
//!   figures for Q1/2020, so these are illustrative: each unit's 2019 figures
//!   from the appendix plus a made-up, deterministic increase, and a few files
//!   carrying the problems real submissions have.
//!
//! `cargo run --example samples` rewrites both, byte for byte the same: a
//! file whose bytes would not change is left alone (so git sees nothing),
//! and it says what it wrote.

// The tests' form writer: the sample submissions are built the way the
// tests build theirs. The example uses a few of its helpers only.
#[path = "../tests/cli/support/form.rs"]
#[allow(dead_code, clippy::cast_possible_truncation)]
mod form;

use form::{AppendixRow, Form, V, appendix_929, t};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use std::path::Path;

fn main() {
    let rows = appendix_929();
    let mut out = Output::default();
    write_baseline(&rows, Path::new("reports/2019-Q4/baseline.xlsx"), &mut out);
    let dir = Path::new("submissions/2020-Q1");
    std::fs::create_dir_all(dir).expect("mkdir");
    write_submissions(&rows, dir, &mut out);
    // Files of an earlier sample that this one no longer has.
    let mut removed = 0;
    for entry in std::fs::read_dir(dir).expect("read the sample folder") {
        let path = entry.expect("entry").path();
        if !out.written.contains(&path) {
            std::fs::remove_file(&path).expect("remove");
            removed += 1;
        }
    }
    println!(
        "samples: {} files, {} written anew, {} unchanged, {removed} removed",
        out.written.len(),
        out.changed,
        out.written.len() - out.changed
    );
}

/// The files written, and how many of them changed.
#[derive(Default)]
struct Output {
    written: Vec<std::path::PathBuf>,
    changed: usize,
}

impl Output {
    /// Writes `bytes` to `path` unless the file already holds exactly them.
    fn put(&mut self, path: &Path, bytes: &[u8]) {
        if std::fs::read(path).ok().as_deref() != Some(bytes) {
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, bytes).expect("write");
            self.changed += 1;
        }
        self.written.push(path.to_path_buf());
    }
}

fn write_baseline(rows: &[AppendixRow], path: &Path, out: &mut Output) {
    let mut book = Workbook::new();
    // Dated as published, not as generated: the same bytes every time.
    let published = rust_xlsxwriter::ExcelDateTime::from_ymd(2020, 3, 19).expect("date");
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&published));
    let sheet = book.add_worksheet().set_name("Phụ lục").expect("name");
    let bold = Format::new().set_bold().set_font_name("Times New Roman");
    let cell = Format::new()
        .set_font_name("Times New Roman")
        .set_border(FormatBorder::Thin);
    let pct = cell.clone().set_num_format("0.00%");
    let center = bold.clone().set_align(FormatAlign::Center);
    sheet
        .merge_range(0, 0, 0, 4, "PHỤ LỤC", &center)
        .expect("write");
    sheet
        .merge_range(
            1,
            0,
            1,
            4,
            "TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN MỨC ĐỘ 4 CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG",
            &center,
        )
        .expect("write");
    sheet
        .merge_range(
            2,
            0,
            2,
            4,
            "(Kèm theo Công văn 929/BTTTT-THH ngày 19/3/2020 của Bộ Thông tin và Truyền thông)",
            &center,
        )
        .expect("write");
    let mut r = 4;
    for (group, heading, name_col) in [
        (
            "I",
            "I. BỘ, CƠ QUAN NGANG BỘ VÀ BẢO HIỂM XÃ HỘI VIỆT NAM",
            "Tên cơ quan",
        ),
        (
            "II",
            "II. TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
            "Tên tỉnh, thành phố",
        ),
    ] {
        sheet
            .write_string_with_format(r, 0, heading, &bold)
            .expect("write");
        r += 1;
        let headers = [
            "TT",
            name_col,
            "Tổng số thủ tục hành chính",
            "Số dịch vụ công trực tuyến mức độ 4",
            "Tỉ lệ dịch vụ công trực tuyến mức độ 4",
        ];
        for (c, h) in (0u16..).zip(headers) {
            sheet
                .write_string_with_format(r, c, h, &bold)
                .expect("write");
        }
        r += 1;
        for (i, row) in rows.iter().filter(|x| x.group == group).enumerate() {
            let printed: f64 = row
                .printed_ratio
                .trim_end_matches('%')
                .parse()
                .expect("ratio");
            sheet
                .write_number_with_format(r, 0, (i + 1) as f64, &cell)
                .expect("write");
            sheet
                .write_string_with_format(r, 1, &row.name, &cell)
                .expect("write");
            sheet
                .write_number_with_format(r, 2, row.total as f64, &cell)
                .expect("write");
            sheet
                .write_number_with_format(r, 3, row.level4 as f64, &cell)
                .expect("write");
            sheet
                .write_number_with_format(r, 4, printed / 100.0, &pct)
                .expect("write");
            r += 1;
        }
        r += 1;
    }
    sheet.set_column_width(1, 40).expect("width");
    out.put(path, &book.save_to_buffer().expect("xlsx"));
}

/// A small deterministic spread, 0..n, so every unit moves differently.
fn spread(i: usize, n: u64) -> u64 {
    ((i as u64).wrapping_mul(2_654_435_761) >> 7) % n
}

fn file_name(name: &str) -> String {
    let key = dvctt::roster::name_key(name).replace([' ', '&'], "-");
    format!("bao-cao-{key}-q1-2020.xlsx")
}

fn write_submissions(rows: &[AppendixRow], dir: &Path, out: &mut Output) {
    const Q1: &str = "Quý I/2020";
    for (i, row) in rows.iter().enumerate() {
        // Units that did not report this quarter.
        if ["Bộ Quốc phòng", "Lai Châu", "Điện Biên"].contains(&row.name.as_str()) {
            continue;
        }
        let total = row.total - row.total * spread(i, 3) / 100;
        let level4 = (row.level4 + row.total * spread(i + 7, 45) / 1000).min(total);
        let level3 = (total - level4) * (20 + spread(i, 30)) / 100;
        let date = format!("{:02}/04/2020", 1 + spread(i, 12));
        let mut form = Form::new(&row.name, Q1, total, level4)
            .set("Ngày báo cáo", t(&date))
            .set("Số dịch vụ công trực tuyến mức độ 3", V::N(level3 as f64))
            .set(
                "Số dịch vụ công trực tuyến có phát sinh hồ sơ",
                V::N(((level3 + level4) * 2 / 5) as f64),
            )
            .set(
                "Tổng số hồ sơ tiếp nhận",
                V::N((total * 40 + spread(i, 5000)) as f64),
            )
            .set(
                "Số hồ sơ tiếp nhận trực tuyến",
                V::N((total * 4 + spread(i, 900)) as f64),
            );
        let mut name = file_name(&row.name);
        match row.name.as_str() {
            // Figures typed as text, the Vietnamese way.
            "Hà Nội" => {
                form = form
                    .set("Tổng số thủ tục", t(&dvctt::text::vn_count(total)))
                    .set(
                        "Số dịch vụ công trực tuyến mức độ 4",
                        t(&dvctt::text::vn_count(level4)),
                    );
            }
            // Another spelling of the name; its own ratio as it typed it.
            "Thành phố Hồ Chí Minh" => form = form.set("Tên đơn vị", t("TP. Hồ Chí Minh")),
            "Thừa Thiên-Huế" => form = form.set("Tên đơn vị", t("Thừa Thiên - Huế")),
            // The ratio rounded to 30%: a warning, and the computed ratio decides.
            "Lào Cai" => {
                form = Form::new(&row.name, Q1, row.total, row.level4)
                    .set("Tỷ lệ DVCTT mức độ 4", t("30%"))
            }
            // Level-4 count fell.
            "Quảng Bình" => form = Form::new(&row.name, Q1, row.total, 2),
            // A typo: the total lost a digit, so level-4 exceeds it. Rejected.
            "Kon Tum" => form = form.set("Tổng số thủ tục", V::N((total / 10) as f64)),
            // Last quarter's file sent again. Rejected.
            "Bạc Liêu" => form = form.set("Kỳ báo cáo", t("Quý IV/2019")),
            // Written by a script and never opened in Excel. Rejected.
            "Sơn La" => {
                form = form.set(
                    "Số dịch vụ công trực tuyến mức độ 4",
                    V::F(format!("={level4}"), 0.0),
                );
                form.saved_by_excel = false;
            }
            // Sent twice: the corrected file (later report date) is used.
            "Cà Mau" => {
                let draft = Form::new(&row.name, Q1, total, level4 / 2)
                    .set("Ngày báo cáo", t("01/04/2020"));
                out.put(
                    &dir.join("bao-cao-ca-mau-q1-2020-ban-nhap.xlsx"),
                    &draft.bytes(),
                );
                form = form.set("Ngày báo cáo", t("08/04/2020"));
                name = "bao-cao-ca-mau-q1-2020-ban-sua.xlsx".to_string();
            }
            _ => {}
        }
        out.put(&dir.join(name), &form.bytes());
    }
    // What else lands in the folder.
    out.put(
        &dir.join("~$bao-cao-ha-noi-q1-2020.xlsx"),
        b"\x0bNguyen Van A",
    );
    out.put(
        &dir.join("cong-van-gui-kem.pdf"),
        b"%PDF-1.4\n% cover letter\n",
    );
}
