//! #21, case by case: a figure is its row and its column. Forms laid out
//! the way the review's held-out forms were (two periods side by side,
//! quarter groups, hidden cells, parts beside the whole, sector rows and
//! total rows, percentages in counts, merges over two lines, absurd and
//! stale figures; units and periods as officials write them), each read
//! through one `dvctt run` with its exact figures or its exact findings.

use super::{Case, Want::*, assert_read_as_wanted, case};
use crate::support::*;

/// `STT | Chỉ tiêu | ĐVT | <heads…>` from `row`, then one line per field.
fn lines_under(sheet: Sheet, row: u32, heads: &[&str], lines: &[(&str, &str, &[&str])]) -> Sheet {
    let mut header = vec!["STT", "Chỉ tiêu", "Đơn vị tính"];
    header.extend(heads);
    let mut sheet = sheet.row(row, 0, &header);
    for (i, (label, measure, values)) in lines.iter().enumerate() {
        let n = (i + 1).to_string();
        let mut cells = vec![n.as_str(), *label, *measure];
        cells.extend(*values);
        sheet = sheet.row(row + 1 + i as u32, 0, &cells);
    }
    sheet
}

/// The table header of the 929 appendix's shape, `Tên cơ quan, đơn vị`
/// first, and `rows` under it.
fn unit_table(sheet: Sheet, row: u32, rows: &[&[&str]]) -> Sheet {
    let mut sheet = sheet.row(
        row,
        0,
        &[
            "TT",
            "Tên cơ quan, đơn vị",
            "Tổng số TTHC",
            "Số DVCTT mức độ 3",
            "Số DVCTT mức độ 4",
        ],
    );
    for (i, cells) in rows.iter().enumerate() {
        sheet = sheet.row(row + 1 + i as u32, 0, cells);
    }
    sheet
}

pub fn cases() -> Vec<Case> {
    let q1 = "BÁO CÁO KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN QUÝ I NĂM 2020";
    vec![
        // Two periods side by side: `Kỳ trước | Kỳ này | Tăng (+), giảm (-)`.
        case(
            "21-01-ky-truoc-ky-nay.xlsx",
            "T89",
            lines_under(
                who(Sheet::new("Báo cáo"), 0, "An Giang"),
                3,
                &["Kỳ trước", "Kỳ này", "Tăng (+), giảm (-)"],
                &[
                    ("Tổng số TTHC", "thủ tục", &["1850", "1961", "111"]),
                    ("Số DVCTT mức độ 4", "dịch vụ", &["650", "754", "104"]),
                ],
            ),
            Read(1961, 754, None, &[]),
        ),
        // `Quý IV/2019 | Quý I/2020 | So sánh (%)`.
        case(
            "21-02-quy-so-sanh.xlsx",
            "T77",
            lines_under(
                who(Sheet::new("Báo cáo"), 0, "Bà Rịa - Vũng Tàu"),
                3,
                &["Quý IV/2019", "Quý I/2020", "So sánh (%)"],
                &[
                    ("Tổng số TTHC", "thủ tục", &["1450", "1500", "103,4%"]),
                    ("Số DVCTT mức độ 4", "dịch vụ", &["400", "450", "112,5%"]),
                ],
            ),
            Read(1500, 450, None, &[]),
        ),
        // This quarter's column left blank: last quarter's figures are
        // never taken for it.
        case(
            "21-03-ky-nay-de-trong.xlsx",
            "T27",
            lines_under(
                who(Sheet::new("Báo cáo"), 0, "Bắc Ninh"),
                3,
                &["Kỳ trước (Quý IV/2019)", "Kỳ này (Quý I/2020)"],
                &[
                    ("Tổng số TTHC", "thủ tục", &["1250", ""]),
                    ("Số DVCTT mức độ 4", "dịch vụ", &["300", ""]),
                ],
            ),
            Rejected(&["value.missing", "value.missing"]),
        ),
        // A form of last quarter's figures only.
        case(
            "21-04-chi-quy-truoc.xlsx",
            "T26",
            lines_under(
                who(Sheet::new("Báo cáo"), 0, "Vĩnh Phúc"),
                3,
                &["Quý IV/2019"],
                &[
                    ("Tổng số TTHC", "thủ tục", &["1300"]),
                    ("Số DVCTT mức độ 4", "dịch vụ", &["310"]),
                ],
            ),
            Rejected(&["value.other_period", "value.other_period"]),
        ),
        // Quarter groups merged over the same three columns.
        case(
            "21-05-nhom-quy.xlsx",
            "T48",
            who(Sheet::new("Báo cáo"), 0, "Đà Nẵng")
                .merge(3, 0, 4, 0, "TT")
                .merge(3, 1, 4, 1, "Đơn vị")
                .merge(3, 2, 3, 4, "Quý IV/2019")
                .merge(3, 5, 3, 7, "Quý I/2020")
                .row(
                    4,
                    2,
                    &[
                        "Tổng số TTHC",
                        "DVCTT mức độ 3",
                        "DVCTT mức độ 4",
                        "Tổng số TTHC",
                        "DVCTT mức độ 3",
                        "DVCTT mức độ 4",
                    ],
                )
                .row(5, 0, &["1", "Thành phố Đà Nẵng", "1200", "550", "400", "1250", "600", "480"]),
            Read(1250, 480, Some(600), &[]),
        ),
        // Last quarter's level-4 column kept, hidden, before this one.
        case(
            "21-06-cot-an.xlsx",
            "T66",
            who(Sheet::new("Báo cáo"), 0, "Đắk Lắk")
                .row(
                    3,
                    0,
                    &[
                        "TT",
                        "Tổng số TTHC",
                        "Số DVCTT mức độ 4 (Quý IV/2019)",
                        "Số DVCTT mức độ 4",
                    ],
                )
                .row(4, 0, &["1", "1750", "230", "260"])
                .hide_col(2),
            Read(1750, 260, None, &[]),
        ),
        // Level 4 as the services added this quarter and to date.
        case(
            "21-07-moi-luy-ke.xlsx",
            "T15",
            who(Sheet::new("Báo cáo"), 0, "Yên Bái")
                .merge(3, 0, 4, 0, "TT")
                .merge(3, 1, 4, 1, "Tổng số TTHC")
                .merge(3, 2, 3, 3, "Số DVCTT mức độ 4")
                .row(4, 2, &["Mới trong quý", "Lũy kế"])
                .row(5, 0, &["1", "2076", "40", "620"]),
            Read(2076, 620, None, &[]),
        ),
        // Only the services added this quarter: no level-4 count.
        case(
            "21-08-chi-moi.xlsx",
            "T25",
            lines_under(
                who(Sheet::new("Báo cáo"), 0, "Phú Thọ"),
                3,
                &["Số liệu"],
                &[
                    ("Tổng số TTHC", "thủ tục", &["1620"]),
                    ("Số DVCTT mức độ 4 mới trong quý", "dịch vụ", &["35"]),
                ],
            ),
            Rejected(&["value.part"]),
        ),
        // Sector rows, `Công Thương` first, closed by `Toàn tỉnh`.
        case(
            "21-09-cong-thuong.xlsx",
            "T40",
            who(Sheet::new("Báo cáo"), 0, "Nghệ An")
                .row(3, 0, &["TT", "Lĩnh vực", "Tổng số TTHC", "Số DVCTT mức độ 4"])
                .row(4, 0, &["1", "Công Thương", "140", "31"])
                .row(5, 0, &["2", "Tư pháp", "150", "45"])
                .row(6, 0, &["3", "Các lĩnh vực khác", "1600", "170"])
                .row(7, 0, &["", "Toàn tỉnh", "1890", "246"]),
            Read(1890, 246, None, &[]),
        ),
        // A ministry's agencies: `Tổng cục …` rows are no total.
        case(
            "21-10-tong-cuc.xlsx",
            "BTC",
            who(Sheet::new("Báo cáo"), 0, "Bộ Tài chính")
                .row(3, 0, &["TT", "Đơn vị", "Tổng số TTHC", "Số DVCTT mức độ 4"])
                .row(4, 0, &["1", "Tổng cục Thuế", "300", "100"])
                .row(5, 0, &["2", "Tổng cục Hải quan", "250", "80"])
                .row(6, 0, &["3", "Cục Quản lý giá", "50", "10"])
                .row(7, 0, &["", "Cộng", "600", "190"]),
            Read(600, 190, None, &[]),
        ),
        // A total row that is not the sum of the sectors above it.
        case(
            "21-11-tong-khong-khop.xlsx",
            "T42",
            who(Sheet::new("Báo cáo"), 0, "Hà Tĩnh")
                .row(3, 0, &["TT", "Lĩnh vực", "Tổng số TTHC", "Số DVCTT mức độ 4"])
                .row(4, 0, &["1", "Công Thương", "140", "31"])
                .row(5, 0, &["2", "Tư pháp", "150", "45"])
                .row(6, 0, &["", "Tổng cộng", "390", "76"]),
            Rejected(&["table.total_mismatch"]),
        ),
        // Two total rows that disagree.
        case(
            "21-12-hai-dong-tong.xlsx",
            "T44",
            who(Sheet::new("Báo cáo"), 0, "Quảng Bình")
                .row(3, 0, &["TT", "Nội dung", "Tổng số TTHC", "Số DVCTT mức độ 4"])
                .row(4, 0, &["", "Tổng cộng", "1500", "300"])
                .row(5, 0, &["", "Toàn tỉnh", "1520", "300"]),
            Rejected(&["value.conflict"]),
        ),
        // `37%` typed in the level-4 count.
        case(
            "21-13-phan-tram.xlsx",
            "T45",
            lines(
                who(Sheet::new("Báo cáo"), 0, "Quảng Trị"),
                4,
                &[
                    ("Tổng số TTHC", "thủ tục", "1400"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "37%"),
                ],
            ),
            Rejected(&["value.percentage"]),
        ),
        // The total merged over its own line and the level-4 line.
        case(
            "21-14-gop-hai-dong.xlsx",
            "T49",
            who(Sheet::new("Báo cáo"), 0, "Quảng Nam")
                .row(3, 0, &["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"])
                .row(4, 0, &["1", "Tổng số TTHC", "thủ tục"])
                .row(5, 0, &["2", "Số DVCTT mức độ 4", "dịch vụ"])
                .merge(4, 3, 5, 3, "1890"),
            Rejected(&["value.merged"]),
        ),
        // A total no unit has.
        case(
            "21-15-qua-lon.xlsx",
            "T51",
            lines(
                who(Sheet::new("Báo cáo"), 0, "Quảng Ngãi"),
                4,
                &[
                    ("Tổng số TTHC", "thủ tục", "1000000000000000"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "300"),
                ],
            ),
            Rejected(&["value.implausible"]),
        ),
        // The unit named only in the title.
        case(
            "21-16-tieu-de.xlsx",
            "BNNPTNT",
            Sheet::new("Báo cáo")
                .merge(
                    0,
                    0,
                    0,
                    6,
                    "BÁO CÁO CỦA BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN VỀ KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN QUÝ I NĂM 2020",
                )
                .row(2, 0, &["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"])
                .row(3, 0, &["1", "Tổng số TTHC", "thủ tục", "560"])
                .row(4, 0, &["2", "Số DVCTT mức độ 4", "dịch vụ", "120"]),
            Read(560, 120, None, &[]),
        ),
        // The unit in the appendix's own `Tên cơ quan, đơn vị` column.
        case(
            "21-17-cot-don-vi.xlsx",
            "T95",
            unit_table(
                Sheet::new("Báo cáo").merge(0, 0, 0, 4, q1),
                2,
                &[&["1", "Tỉnh Bạc Liêu", "1100", "250", "180"]],
            ),
            Read(1100, 180, Some(250), &[]),
        ),
        // The unit's column with one data row and a total row.
        case(
            "21-18-cot-don-vi-tong.xlsx",
            "T94",
            unit_table(
                Sheet::new("Báo cáo").merge(0, 0, 0, 4, q1),
                2,
                &[
                    &["1", "Sóc Trăng", "1300", "260", "190"],
                    &["", "Tổng cộng", "1300", "260", "190"],
                ],
            ),
            Read(1300, 190, Some(260), &[]),
        ),
        // `UBND T.P HÀ NỘI` heading.
        case(
            "21-19-tp-ha-noi.xlsx",
            "T01",
            lines(
                official(&["UBND T.P HÀ NỘI", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], "Hà Nội", q1),
                7,
                &[("Tổng số TTHC", "thủ tục", "1900"), ("Số DVCTT mức độ 4", "dịch vụ", "400")],
            ),
            Read(1900, 400, None, &[]),
        ),
        // `UBND Tp.HCM` heading.
        case(
            "21-20-tphcm.xlsx",
            "T79",
            lines(
                official(&["UBND Tp.HCM", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], "Thành phố Hồ Chí Minh", q1),
                7,
                &[("Tổng số TTHC", "thủ tục", "2000"), ("Số DVCTT mức độ 4", "dịch vụ", "700")],
            ),
            Read(2000, 700, None, &[]),
        ),
        // The ministry's office reports for it.
        case(
            "21-21-van-phong-bo.xlsx",
            "BKHDT",
            lines(
                who(Sheet::new("Báo cáo"), 0, "Văn phòng Bộ Kế hoạch và Đầu tư"),
                4,
                &[("Tổng số TTHC", "thủ tục", "210"), ("Số DVCTT mức độ 4", "dịch vụ", "60")],
            ),
            Read(210, 60, None, &[]),
        ),
        // A dash inside the ministry's name, in the heading.
        case(
            "21-22-bo-ldtbxh.xlsx",
            "BLDTBXH",
            lines(
                official(
                    &["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "TRUNG TÂM THÔNG TIN"],
                    "Hà Nội",
                    q1,
                ),
                7,
                &[("Tổng số TTHC", "thủ tục", "330"), ("Số DVCTT mức độ 4", "dịch vụ", "90")],
            ),
            Read(330, 90, None, &[]),
        ),
        // `Số lượng TTHC › Trong đó › Mức độ 4` is the level-4 count.
        case(
            "21-23-trong-do.xlsx",
            "T30",
            who(Sheet::new("Báo cáo"), 0, "Hải Dương")
                .merge(3, 0, 5, 0, "TT")
                .merge(3, 1, 3, 3, "Số lượng TTHC")
                .merge(4, 1, 5, 1, "Tổng số")
                .merge(4, 2, 4, 3, "Trong đó")
                .row(5, 2, &["Mức độ 3", "Mức độ 4"])
                .row(6, 0, &["1", "1961", "500", "754"]),
            Read(1961, 754, Some(500), &[]),
        ),
        // `Quý: I` and `Năm: 2020` in two cells.
        case(
            "21-24-quy-nam.xlsx",
            "T31",
            Sheet::new("Báo cáo")
                .text(0, 0, "Tên đơn vị: Thành phố Hải Phòng")
                .text(1, 0, "Quý: I")
                .text(1, 2, "Năm: 2020")
                .row(3, 0, &["Tổng số TTHC", "1720"])
                .row(4, 0, &["Số DVCTT mức độ 4", "344"]),
            Read(1720, 344, None, &[]),
        ),
        // Decree 09/2019's reporting window as the period.
        case(
            "21-25-nghi-dinh-09.xlsx",
            "T36",
            Sheet::new("Báo cáo")
                .text(0, 0, "Tên đơn vị: Tỉnh Nam Định")
                .text(1, 0, "Kỳ báo cáo: Từ ngày 15/12/2019 đến ngày 14/3/2020")
                .row(3, 0, &["Tổng số TTHC", "1650"])
                .row(4, 0, &["Số DVCTT mức độ 4", "420"]),
            Read(1650, 420, None, &[]),
        ),
        // `không có` right of the level-3 label, outside the value column:
        // not applicable, not blank.
        case(
            "21-26-khong-co.xlsx",
            "T37",
            who(Sheet::new("Báo cáo"), 0, "Ninh Bình")
                .row(3, 0, &["Tổng số TTHC", "thủ tục", "1480"])
                .row(4, 0, &["Số DVCTT mức độ 3", "không có"])
                .row(5, 0, &["Số DVCTT mức độ 4", "dịch vụ", "390"]),
            Read(1480, 390, None, &[]),
        ),
        // `0` in the same place is read.
        case(
            "21-27-so-khong.xlsx",
            "T38",
            who(Sheet::new("Báo cáo"), 0, "Thanh Hóa")
                .row(3, 0, &["Tổng số TTHC", "thủ tục", "2100"])
                .row(4, 0, &["Số DVCTT mức độ 3", "0"])
                .row(5, 0, &["Số DVCTT mức độ 4", "dịch vụ", "510"]),
            Read(2100, 510, Some(0), &[]),
        ),
        // Last quarter's lines kept hidden above this quarter's.
        case(
            "21-28-dong-an.xlsx",
            "T34",
            lines(
                who(Sheet::new("Báo cáo"), 0, "Thái Bình"),
                4,
                &[
                    ("Tổng số TTHC", "thủ tục", "1580"),
                    ("Tổng số TTHC", "thủ tục", "1600"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "350"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "380"),
                ],
            )
            .hide_row(4)
            .hide_row(6),
            Read(1600, 380, None, &[]),
        ),
        // The level-4 figure only in a hidden column.
        case(
            "21-29-chi-o-an.xlsx",
            "T19",
            who(Sheet::new("Báo cáo"), 0, "Thái Nguyên")
                .row(
                    3,
                    0,
                    &["TT", "Tổng số TTHC", "Số DVCTT mức độ 4", "Ghi chú", "Số DVCTT mức độ 4"],
                )
                .row(4, 0, &["1", "1540", "", "", "310"])
                .hide_col(4),
            Rejected(&["value.hidden"]),
        ),
        // The only report on a hidden sheet, a cover note visible.
        Case {
            file: "21-30-trang-an.xlsx",
            code: "T08",
            sheets: vec![
                Sheet::new("Công văn").text(0, 0, "Kính gửi: Cục Tin học hóa"),
                lines(
                    who(Sheet::new("Báo cáo"), 0, "Tuyên Quang"),
                    4,
                    &[("Tổng số TTHC", "thủ tục", "1210"), ("Số DVCTT mức độ 4", "dịch vụ", "260")],
                )
                .hidden(),
            ],
            want: Rejected(&["value.hidden"]),
        },
    ]
}

/// The messages of one file's findings of `rule`.
fn messages(s: &serde_json::Value, file: &str, rule: &str) -> Vec<String> {
    s["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["file"] == file && f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn every_case_of_the_review_reads_its_figure_or_its_finding() {
    let wd = Workdir::new();
    let s = assert_read_as_wanted(&wd, &cases());
    // What was found is said: the blank column by its heading, and the
    // other quarter's figure that was not taken.
    let blank = messages(&s, "21-03-ky-nay-de-trong.xlsx", "value.missing");
    assert!(
        blank
            .iter()
            .any(|m| m.contains("ở cột “Kỳ này (Quý I/2020)”")
                && m.contains("“1250”")
                && m.contains("không được lấy thay")),
        "{blank:?}"
    );
    let other = messages(&s, "21-04-chi-quy-truoc.xlsx", "value.other_period");
    assert!(
        other
            .iter()
            .any(|m| m.contains("chỉ có số liệu “Quý IV/2019”") && m.contains("Quý I/2020")),
        "{other:?}"
    );
    let part = messages(&s, "21-08-chi-moi.xlsx", "value.part");
    assert!(part.iter().any(|m| m.contains("mới trong quý")), "{part:?}");
    let merged = messages(&s, "21-14-gop-hai-dong.xlsx", "value.merged");
    assert!(
        merged
            .iter()
            .any(|m| m.contains("Báo cáo!D5") && m.contains("“Tổng số TTHC”")),
        "{merged:?}"
    );
    let mismatch = messages(&s, "21-11-tong-khong-khop.xlsx", "table.total_mismatch");
    assert!(
        mismatch
            .iter()
            .any(|m| m.contains("390") && m.contains("290")),
        "{mismatch:?}"
    );
    let hidden = messages(&s, "21-30-trang-an.xlsx", "value.hidden");
    assert!(
        hidden.iter().any(|m| m.contains("trang tính ẩn “Báo cáo”")),
        "{hidden:?}"
    );
    // `không có` is the unit's answer: not applicable, and said so.
    assert_eq!(
        unit(&s, "T37")["not_applicable"],
        serde_json::json!(["level3"]),
        "Ninh Bình's level 3"
    );
}

/// An Excel table (ListObject) of sectors whose total row is Excel's own
/// `SUBTOTAL(109,[column])`, saved with these `results` by a program that
/// does not ask for them to be computed again, or (None) as a script
/// writes it: results 0, to be computed on opening.
fn list_object_report(unit: &str, results: Option<[f64; 3]>) -> Vec<u8> {
    use rust_xlsxwriter::{Table, TableColumn, TableFunction, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Báo cáo").expect("name");
    sheet
        .write_string(0, 0, format!("Tên đơn vị: {unit}"))
        .expect("cell");
    sheet
        .write_string(1, 0, "Kỳ báo cáo: Quý I/2020")
        .expect("cell");
    let rows: [(&str, f64, f64, f64); 3] = [
        ("Công Thương", 140.0, 40.0, 31.0),
        ("Tư pháp", 150.0, 50.0, 45.0),
        ("Y tế", 210.0, 60.0, 50.0),
    ];
    for (i, (name, total, level3, level4)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_string(r, 0, *name).expect("cell");
        sheet.write_number(r, 1, *total).expect("cell");
        sheet.write_number(r, 2, *level3).expect("cell");
        sheet.write_number(r, 3, *level4).expect("cell");
    }
    let columns = [
        TableColumn::new()
            .set_header("Lĩnh vực")
            .set_total_label("Tổng cộng"),
        TableColumn::new()
            .set_header("Tổng số TTHC")
            .set_total_function(TableFunction::Sum),
        TableColumn::new()
            .set_header("Số DVCTT mức độ 3")
            .set_total_function(TableFunction::Sum),
        TableColumn::new()
            .set_header("Số DVCTT mức độ 4")
            .set_total_function(TableFunction::Sum),
    ];
    let table = Table::new().set_total_row(true).set_columns(&columns);
    sheet.add_table(3, 0, 7, 3, &table).expect("table");
    if let Some(results) = results {
        for (col, result) in (1u16..).zip(results) {
            sheet.set_formula_result(7, col, result.to_string());
        }
        book.set_calculation_mode(rust_xlsxwriter::CalculationMode::Manual);
    }
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn an_excel_tables_subtotal_row_is_its_total_and_its_saved_zeros_are_not() {
    let wd = Workdir::new();
    wd.write(
        "submissions/bao-cao-lang-son.xlsx",
        &list_object_report("Tỉnh Lạng Sơn", Some([500.0, 150.0, 126.0])),
    );
    // The same table written by a script: results 0, never computed.
    wd.write(
        "submissions/bao-cao-lao-cai.xlsx",
        &list_object_report("Tỉnh Lào Cai", None),
    );
    // Saved by a program that never computed it, asking nothing: the
    // zeros disagree with what the formulas compute.
    wd.write(
        "submissions/bao-cao-quang-ninh.xlsx",
        &list_object_report("Tỉnh Quảng Ninh", Some([0.0, 0.0, 0.0])),
    );
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let lang_son = unit(&s, "T20");
    assert_eq!(
        (
            lang_son["status"].as_str(),
            lang_son["total"].as_u64(),
            lang_son["level4"].as_u64(),
            lang_son["level3"].as_u64()
        ),
        (Some("accepted"), Some(500), Some(126), Some(150)),
        "{:?}",
        rules_for(&s, "bao-cao-lang-son.xlsx")
    );
    let lao_cai = unit(&s, "T10");
    assert_eq!(lao_cai["status"], "rejected");
    let mut rules = rules_for(&s, "bao-cao-lao-cai.xlsx");
    rules.sort();
    rules.dedup();
    assert_eq!(rules, ["value.formula_without_result"]);
    let quang_ninh = unit(&s, "T22");
    assert_eq!(quang_ninh["status"], "rejected");
    let mut rules = rules_for(&s, "bao-cao-quang-ninh.xlsx");
    rules.sort();
    rules.dedup();
    assert_eq!(rules, ["value.formula_stale"]);
}

/// A report whose total row adds its sectors with `=SUM(…)`, written as a
/// script writes it: every result saved as 0, the workbook asking to be
/// computed when opened.
fn script_report(unit: &str) -> Sheet {
    let sheet = who(Sheet::new("Báo cáo"), 0, unit)
        .row(
            3,
            0,
            &["TT", "Lĩnh vực", "Tổng số TTHC", "Số DVCTT mức độ 4"],
        )
        .row(4, 0, &["1", "Tư pháp", "400", "120"])
        .row(5, 0, &["2", "Y tế", "600", "180"])
        .text(6, 1, "Tổng cộng")
        .at(6, 2, V::F("=SUM(C5:C6)".into(), 0.0))
        .at(6, 3, V::F("=SUM(D5:D6)".into(), 0.0));
    Sheet {
        recalc_on_load: true,
        ..sheet
    }
}

/// `bytes` (an .xlsx) with `workbook.xml`'s text replaced.
fn rewritten(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).expect("read");
        let name = entry.name().expect("entry name").to_string();
        if name == "xl/workbook.xml" {
            let text = String::from_utf8(data).expect("utf-8");
            assert!(text.contains(from), "{text}");
            data = text.replace(from, to).into_bytes();
        }
        entries.push((name, data));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_of(&refs)
}

#[test]
fn a_result_never_computed_is_never_the_figure_in_any_format() {
    if !require_soffice("a_result_never_computed_is_never_the_figure_in_any_format") {
        return;
    }
    let wd = Workdir::new();
    // The script's own file, its request to compute written with single
    // quotes and spaces.
    let quoted = rewritten(
        &book(&[script_report("Tỉnh Kiên Giang")]),
        "fullCalcOnLoad=\"1\"",
        "fullCalcOnLoad = '1'",
    );
    wd.write("submissions/kien-giang.xlsx", &quoted);
    // Opened in LibreOffice, which by default never recomputes such a
    // file, and saved as .xls and .ods: the zeros are kept.
    let sources: Vec<std::path::PathBuf> = ["Tỉnh Long An", "Tỉnh Tiền Giang"]
        .iter()
        .enumerate()
        .map(|(i, unit)| wd.write(&format!("script/{i}.xlsx"), &book(&[script_report(unit)])))
        .collect();
    let xls = soffice_convert_with(&[&sources[0]], "xls", &wd.path("submissions"), false);
    let ods = soffice_convert_with(&[&sources[1]], "ods", &wd.path("submissions"), false);
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    let s = wd.summary("2020-Q1");
    let name = |p: &std::path::PathBuf| p.file_name().unwrap().to_string_lossy().into_owned();
    for (file, code, rule) in [
        (
            "kien-giang.xlsx".to_string(),
            "T91",
            "value.formula_without_result",
        ),
        (name(&xls[0]), "T80", "value.formula_stale"),
        (name(&ods[0]), "T82", "value.formula_stale"),
    ] {
        let u = unit(&s, code);
        let mut rules = rules_for(&s, &file);
        rules.sort();
        rules.dedup();
        assert_eq!(
            (u["status"].as_str(), rules),
            (Some("rejected"), vec![rule.to_string()]),
            "{file}"
        );
    }
}
