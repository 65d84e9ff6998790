//! The layout corpus (#8): reports laid out the way Vietnamese offices lay
//! them out, each written here cell by cell and read through one `dvctt run`
//! (one unit per file), each asserting the exact figures read, and the exact
//! findings. Every expected figure is what the file says.

use crate::support::*;

/// What a file must give.
enum Want {
    /// Accepted with (total, level4, level3) and exactly these findings.
    Read(u64, u64, Option<u64>, &'static [&'static str]),
    /// Rejected with exactly these findings.
    Rejected(&'static [&'static str]),
}

struct Case {
    file: &'static str,
    code: &'static str,
    sheets: Vec<Sheet>,
    want: Want,
}

fn case(file: &'static str, code: &'static str, sheet: Sheet, want: Want) -> Case {
    Case {
        file,
        code,
        sheets: vec![sheet],
        want,
    }
}

/// `Tên đơn vị` and `Kỳ báo cáo` lines at `row`, values in column D.
fn who(sheet: Sheet, row: u32, unit: &str) -> Sheet {
    sheet
        .row(row, 1, &["Tên đơn vị", "", unit])
        .row(row + 1, 1, &["Kỳ báo cáo", "", "Quý I/2020"])
}

/// Numbered lines `STT | label | unit of measure | value` from `row`.
fn lines(sheet: Sheet, row: u32, lines: &[(&str, &str, &str)]) -> Sheet {
    let mut sheet = sheet.row(row - 1, 0, &["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"]);
    for (i, (label, measure, value)) in lines.iter().enumerate() {
        let n = (i + 1).to_string();
        sheet = sheet.row(row + i as u32, 0, &[&n, label, measure, value]);
    }
    sheet
}

/// The 929 appendix's one-row header, and one data row.
fn table_929(sheet: Sheet, row: u32, data: &[&str]) -> Sheet {
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
fn two_row_table(sheet: Sheet, row: u32, group: &str, leaves: [&str; 2], data: &[&str]) -> Sheet {
    sheet
        .merge(row, 0, row + 1, 0, "TT")
        .merge(row, 1, row + 1, 1, "Đơn vị")
        .merge(row, 2, row + 1, 2, "Tổng số TTHC")
        .merge(row, 3, row, 4, group)
        .row(row + 1, 3, &leaves)
        .row(row + 2, 0, data)
}

fn official(body: &[&str], place: &str, title: &str) -> Sheet {
    Sheet::new("Báo cáo")
        .heading(body, place)
        .merge(4, 0, 4, 6, title)
}

fn corpus() -> Vec<Case> {
    use Want::*;
    let q1 = "BÁO CÁO KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN QUÝ I NĂM 2020";
    vec![
        // Numbered lines, full wording, value right of the label.
        case(
            "01-an-giang.xlsx",
            "T89",
            lines(
                who(Sheet::new("Báo cáo"), 1, "An Giang"),
                5,
                &[
                    ("1. Tổng số thủ tục hành chính", "thủ tục", "1961"),
                    ("2. Số dịch vụ công trực tuyến mức độ 3", "dịch vụ", "300"),
                    ("3. Số dịch vụ công trực tuyến mức độ 4", "dịch vụ", "754"),
                ],
            ),
            Read(1961, 754, Some(300), &[]),
        ),
        // Upper case, abbreviations.
        case(
            "02-brvt.xlsx",
            "T77",
            lines(
                who(Sheet::new("BAO CAO"), 1, "BÀ RỊA - VŨNG TÀU"),
                5,
                &[
                    ("TỔNG SỐ TTHC", "THỦ TỤC", "1500"),
                    ("SỐ DVCTT MỨC ĐỘ 4", "DỊCH VỤ", "450"),
                ],
            ),
            Read(1500, 450, None, &[]),
        ),
        // No diacritics.
        case(
            "03-bac-giang.xlsx",
            "T24",
            lines(
                Sheet::new("Bao cao")
                    .row(1, 1, &["Ten don vi", "", "Bac Giang"])
                    .row(2, 1, &["Ky bao cao", "", "Quy I/2020"]),
                5,
                &[
                    ("Tong so thu tuc hanh chinh", "thu tuc", "1700"),
                    ("So DVCTT muc do 3", "dich vu", "200"),
                    ("So DVCTT muc do 4", "dich vu", "170"),
                ],
            ),
            Read(1700, 170, Some(200), &[]),
        ),
        // Decree 42/2022 wording in full.
        case(
            "04-bac-kan.xlsx",
            "T06",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Bắc Kạn"),
                5,
                &[
                    ("Tổng số thủ tục hành chính", "thủ tục", "1400"),
                    ("Số dịch vụ công trực tuyến một phần", "dịch vụ", "350"),
                    ("Số dịch vụ công trực tuyến toàn trình", "dịch vụ", "280"),
                ],
            ),
            Read(1400, 280, Some(350), &[]),
        ),
        // `mức 4`, `mức 3`.
        case(
            "05-bac-lieu.xlsx",
            "T95",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Bạc Liêu"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1600"),
                    ("Số DVCTT mức 3", "dịch vụ", "400"),
                    ("Số DVCTT mức 4", "dịch vụ", "320"),
                ],
            ),
            Read(1600, 320, Some(400), &[]),
        ),
        // The silent wrong figure: a sub-line repeating the level-4 words.
        case(
            "06-bac-ninh.xlsx",
            "T27",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Bắc Ninh"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1900"),
                    ("Số DVCTT mức 4", "dịch vụ", "654"),
                    (
                        "Trong đó: số DVCTT mức độ 4 có phát sinh hồ sơ",
                        "dịch vụ",
                        "120",
                    ),
                ],
            ),
            Read(1900, 654, None, &["label.unrecognised"]),
        ),
        // `3 và 4` is neither level.
        case(
            "07-ben-tre.xlsx",
            "T83",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Bến Tre"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1800"),
                    ("Số DVCTT mức độ 3 và 4", "dịch vụ", "700"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "210"),
                ],
            ),
            Read(1800, 210, None, &[]),
        ),
        // Notes and stray numbers beside and around the values.
        case(
            "08-binh-dinh.xlsx",
            "T52",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Bình Định"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1650"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "500"),
                ],
            )
            .text(5, 5, "tăng 12 thủ tục so với quý IV/2019")
            .num(6, 6, 37.0)
            .text(
                9,
                1,
                "Ghi chú: số liệu lấy từ Cổng dịch vụ công của tỉnh, 2 cấp",
            )
            .num(9, 4, 2.0),
            Read(1650, 500, None, &[]),
        ),
        // Value two columns away, a `Ghi chú` column after it.
        case(
            "09-binh-phuoc.xlsx",
            "T70",
            Sheet::new("Báo cáo")
                .row(0, 0, &["Đơn vị báo cáo:", "", "", "Bình Phước"])
                .row(1, 0, &["Kỳ báo cáo:", "", "", "Quý I năm 2020"])
                .row(
                    3,
                    0,
                    &["Chỉ tiêu", "Đơn vị tính", "", "Số lượng", "Ghi chú"],
                )
                .row(
                    4,
                    0,
                    &[
                        "Tổng số thủ tục hành chính",
                        "thủ tục",
                        "",
                        "1234",
                        "cả 3 cấp",
                    ],
                )
                .row(
                    5,
                    0,
                    &["Số DVCTT mức độ 4", "dịch vụ", "", "345", "15 dịch vụ mới"],
                ),
            Read(1234, 345, None, &[]),
        ),
        // `Label: value` in one cell, text fields.
        case(
            "10-binh-thuan.xlsx",
            "T60",
            Sheet::new("Báo cáo")
                .text(0, 0, "Đơn vị báo cáo: UBND tỉnh Bình Thuận")
                .text(1, 0, "Kỳ báo cáo: Quý I/2020")
                .row(3, 0, &["Tổng số TTHC", "1450"])
                .row(4, 0, &["Số DVCTT mức độ 4", "290"]),
            Read(1450, 290, None, &[]),
        ),
        // `Label: value` in one cell, numbers too.
        case(
            "11-can-tho.xlsx",
            "T92",
            Sheet::new("Báo cáo")
                .text(0, 0, "Tên đơn vị: Thành phố Cần Thơ")
                .text(1, 0, "Kỳ báo cáo: Quý I/2020")
                .text(3, 0, "1. Tổng số TTHC: 1.891 thủ tục")
                .text(4, 0, "2. Số DVCTT mức độ 4: 336 dịch vụ"),
            Read(1891, 336, None, &[]),
        ),
        // A dash instead of a colon.
        case(
            "12-cao-bang.xlsx",
            "T04",
            Sheet::new("Báo cáo")
                .text(0, 0, "Đơn vị - Tỉnh Cao Bằng")
                .text(1, 0, "Kỳ báo cáo - Quý I/2020")
                .row(3, 0, &["Tổng số TTHC", "1300"])
                .row(4, 0, &["DVCTT toàn trình", "130"]),
            Read(1300, 130, None, &[]),
        ),
        // Heading block names the unit, the title the quarter, a table the figures.
        case(
            "13-da-nang.xlsx",
            "T48",
            table_929(
                official(
                    &["UBND THÀNH PHỐ ĐÀ NẴNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
                    "Đà Nẵng",
                    q1,
                ),
                6,
                &["1", "Thành phố Đà Nẵng", "1250", "600", "480", "38,40"],
            ),
            Read(1250, 480, Some(600), &[]),
        ),
        // A ministry's heading block; the title says `QUÝ 1/2020`.
        case(
            "14-bo-tu-phap.xlsx",
            "BTP",
            lines(
                official(
                    &["BỘ TƯ PHÁP", "CỤC CÔNG NGHỆ THÔNG TIN"],
                    "Hà Nội",
                    "BÁO CÁO TÌNH HÌNH CUNG CẤP DVCTT QUÝ 1/2020",
                ),
                7,
                &[
                    ("Tổng số TTHC", "thủ tục", "310"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "45"),
                ],
            ),
            Read(310, 45, None, &[]),
        ),
        // `ỦY BAN NHÂN DÂN TỈNH …` over `VĂN PHÒNG`.
        case(
            "15-dak-lak.xlsx",
            "T66",
            two_row_table(
                official(
                    &["ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "VĂN PHÒNG"],
                    "Đắk Lắk",
                    q1,
                ),
                6,
                "Dịch vụ công trực tuyến",
                ["Mức độ 3", "Mức độ 4"],
                &["1", "Tỉnh Đắk Lắk", "1750", "420", "260"],
            ),
            Read(1750, 260, Some(420), &[]),
        ),
        // The 929 header under labelled unit and period.
        case(
            "16-dak-nong.xlsx",
            "T67",
            table_929(
                who(Sheet::new("Báo cáo"), 0, "Đắk Nông"),
                3,
                &["1", "Tỉnh Đắk Nông", "1550", "310", "186", "12"],
            ),
            Read(1550, 186, Some(310), &[]),
        ),
        // Two-row header, merged group over the levels.
        case(
            "17-dien-bien.xlsx",
            "T11",
            two_row_table(
                who(Sheet::new("Báo cáo"), 0, "Điện Biên"),
                3,
                "Dịch vụ công trực tuyến",
                ["Mức độ 3", "Mức độ 4"],
                &["1", "Điện Biên", "1450", "500", "145"],
            ),
            Read(1450, 145, Some(500), &[]),
        ),
        // Three header rows deep.
        case(
            "18-dong-nai.xlsx",
            "T75",
            who(Sheet::new("Báo cáo"), 0, "Đồng Nai")
                .merge(3, 0, 5, 0, "TT")
                .merge(3, 1, 5, 1, "Tổng số TTHC")
                .merge(3, 2, 3, 4, "Kết quả cung cấp")
                .merge(4, 2, 4, 3, "Số DVCTT")
                .merge(4, 4, 5, 4, "Ghi chú")
                .row(5, 2, &["Mức độ 3", "Mức độ 4"])
                .row(6, 0, &["1", "2100", "800", "630", "đạt 30%"]),
            Read(2100, 630, Some(800), &[]),
        ),
        // `Toàn trình | Một phần` under `Số DVCTT`.
        case(
            "19-dong-thap.xlsx",
            "T87",
            two_row_table(
                who(Sheet::new("Báo cáo"), 0, "Đồng Tháp"),
                3,
                "Số DVCTT",
                ["Toàn trình", "Một phần"],
                &["1", "Đồng Tháp", "1600", "560", "400"],
            ),
            Read(1600, 560, Some(400), &[]),
        ),
        // A column-numbering row under the header.
        case(
            "20-gia-lai.xlsx",
            "T64",
            table_929(
                who(Sheet::new("Báo cáo"), 0, "Gia Lai"),
                3,
                &["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            )
            .row(5, 0, &["1", "Tỉnh Gia Lai", "1700", "350", "170", "10"]),
            Read(1700, 170, Some(350), &[]),
        ),
        // One row per sector and a `Tổng cộng` row.
        case(
            "21-ha-giang.xlsx",
            "T02",
            table_929(
                who(Sheet::new("Báo cáo"), 0, "Hà Giang"),
                3,
                &["1", "Cấp tỉnh", "1200", "300", "200", "16,67"],
            )
            .row(5, 0, &["2", "Cấp huyện", "250", "50", "40", "16"])
            .row(6, 0, &["3", "Cấp xã", "120", "10", "5", "4,17"])
            .row(7, 0, &["", "Tổng cộng", "1570", "360", "245", "15,61"]),
            Read(1570, 245, Some(360), &[]),
        ),
        // The total row first (`Toàn tỉnh`), then the districts.
        case(
            "22-ha-nam.xlsx",
            "T35",
            table_929(
                who(Sheet::new("Báo cáo"), 0, "Hà Nam"),
                3,
                &["", "Toàn tỉnh", "1500", "400", "300", "20"],
            )
            .row(5, 0, &["1", "Thành phố Phủ Lý", "250", "60", "50", "20"])
            .row(6, 0, &["2", "Huyện Duy Tiên", "240", "50", "40", "16,67"]),
            Read(1500, 300, Some(400), &[]),
        ),
        // Several rows and no total: a finding, not a guess.
        case(
            "23-ha-noi.xlsx",
            "T01",
            table_929(
                who(Sheet::new("Báo cáo"), 0, "Hà Nội"),
                3,
                &["1", "Cấp thành phố", "1300", "400", "350", "26,92"],
            )
            .row(5, 0, &["2", "Cấp huyện", "280", "60", "50", "17,86"]),
            Rejected(&["table.total_missing"]),
        ),
        // `Đơn vị tính` and `Ghi chú` columns, stray numbers in the notes.
        case(
            "24-ha-tinh.xlsx",
            "T42",
            who(Sheet::new("Báo cáo"), 0, "Hà Tĩnh")
                .row(
                    3,
                    0,
                    &[
                        "TT",
                        "Nội dung",
                        "Đơn vị tính",
                        "Tổng số TTHC",
                        "Số DVCTT mức độ 4",
                        "Ghi chú",
                    ],
                )
                .row(
                    4,
                    0,
                    &[
                        "1",
                        "Tỉnh Hà Tĩnh",
                        "thủ tục",
                        "1850",
                        "555",
                        "có 12 TTHC đặc thù",
                    ],
                )
                .row(
                    6,
                    0,
                    &["", "Ghi chú: 3 thủ tục bị bãi bỏ trong quý", "", "", "", ""],
                ),
            Read(1850, 555, None, &[]),
        ),
        // The ratio under a group header.
        case(
            "25-hai-duong.xlsx",
            "T30",
            who(Sheet::new("Báo cáo"), 0, "Hải Dương")
                .merge(3, 0, 4, 0, "Tổng số TTHC")
                .merge(3, 1, 3, 2, "DVCTT mức độ 4")
                .row(4, 1, &["Số lượng", "Tỷ lệ (%)"])
                .row(5, 0, &["1961", "754", "38,45%"]),
            Read(1961, 754, None, &[]),
        ),
        // Upper case, no diacritics, in headers.
        case(
            "26-hai-phong.xlsx",
            "T31",
            who(Sheet::new("Báo cáo"), 0, "Hải Phòng")
                .row(
                    3,
                    0,
                    &[
                        "STT",
                        "TONG SO TTHC",
                        "SO DVCTT MUC DO 3",
                        "SO DVCTT MUC DO 4",
                    ],
                )
                .row(4, 0, &["1", "1720", "520", "344"]),
            Read(1720, 344, Some(520), &[]),
        ),
        // Heading, title, table, signatures: no label anywhere.
        case(
            "27-hau-giang.xlsx",
            "T93",
            table_929(
                official(
                    &["UBND TỈNH HẬU GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
                    "Hậu Giang",
                    q1,
                ),
                6,
                &["1", "Tỉnh Hậu Giang", "1500", "450", "300", "20"],
            )
            .text(9, 1, "NGƯỜI LẬP BIỂU")
            .text(9, 4, "GIÁM ĐỐC")
            .text(12, 1, "Nguyễn Văn A")
            .text(12, 4, "Trần Văn B"),
            Read(1500, 300, Some(450), &[]),
        ),
        // A table and a line that disagree: both cells named.
        case(
            "28-hoa-binh.xlsx",
            "T17",
            table_929(
                who(Sheet::new("Báo cáo"), 0, "Hòa Bình"),
                3,
                &["1", "Tỉnh Hòa Bình", "1500", "300", "100", ""],
            )
            .text(7, 1, "Số DVCTT mức độ 4: 120"),
            Rejected(&["value.conflict"]),
        ),
        // A cut-off note beside the period is not the period.
        case(
            "29-hung-yen.xlsx",
            "T33",
            lines(
                Sheet::new("Báo cáo")
                    .row(1, 1, &["Tên đơn vị", "", "Hưng Yên"])
                    .row(
                        2,
                        1,
                        &[
                            "Kỳ báo cáo",
                            "",
                            "Quý I/2020",
                            "(Số liệu tính đến ngày 05/04/2020)",
                        ],
                    ),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1600"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "400"),
                ],
            ),
            Read(1600, 400, None, &[]),
        ),
        // A range in two cells.
        case(
            "30-khanh-hoa.xlsx",
            "T56",
            lines(
                Sheet::new("Báo cáo")
                    .row(1, 1, &["Tên đơn vị", "", "Khánh Hòa"])
                    .row(
                        2,
                        1,
                        &[
                            "Kỳ báo cáo",
                            "",
                            "Từ ngày 01/01/2020",
                            "đến ngày 31/03/2020",
                        ],
                    ),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1700"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "510"),
                ],
            ),
            Read(1700, 510, None, &[]),
        ),
        // Only a note where the period should be.
        case(
            "31-kien-giang.xlsx",
            "T91",
            lines(
                Sheet::new("Báo cáo")
                    .row(1, 1, &["Tên đơn vị", "", "Kiên Giang"])
                    .row(
                        2,
                        1,
                        &["Kỳ báo cáo", "", "", "(Số liệu tính đến ngày 05/04/2020)"],
                    ),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1700"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "510"),
                ],
            ),
            Rejected(&["period.missing"]),
        ),
        // A unit's code in its own cell, the value typed as text.
        case(
            "32-phu-tho.xlsx",
            "T25",
            Sheet::new("Báo cáo")
                .text(0, 0, "Mã đơn vị: T25")
                .text(1, 0, "Kỳ báo cáo: Quý I/2020")
                .text(3, 0, "Tổng số TTHC")
                .at(3, 2, t("1.961"))
                .row(4, 0, &["Số DVCTT mức độ 4", "", "196"]),
            Read(1961, 196, None, &[]),
        ),
        // No label at all: heading block, title, three-row header.
        case(
            "33-quang-nam.xlsx",
            "T49",
            official(&["UBND TỈNH QUẢNG NAM"], "Quảng Nam", q1)
                .merge(6, 0, 8, 0, "STT")
                .merge(6, 1, 8, 1, "Tổng số thủ tục hành chính")
                .merge(6, 2, 6, 4, "Dịch vụ công trực tuyến")
                .merge(7, 2, 8, 2, "Tổng số")
                .merge(7, 3, 7, 4, "Chia ra")
                .row(8, 3, &["Mức độ 3", "Mức độ 4"])
                .row(9, 0, &["1", "1900", "700", "400", "300"]),
            Read(1900, 300, Some(400), &[]),
        ),
        // Stray numbers above the table (a form number) and below it.
        case(
            "34-quang-ngai.xlsx",
            "T51",
            table_929(
                who(
                    Sheet::new("Báo cáo").row(0, 5, &["Biểu số", "01"]),
                    1,
                    "Quảng Ngãi",
                ),
                4,
                &["1", "Tỉnh Quảng Ngãi", "1600", "320", "240", "15"],
            )
            .row(7, 0, &["", "Số liệu quý trước", "1580", "300", "200", ""]),
            Read(1600, 240, Some(320), &[]),
        ),
        // Ratios typed the ambiguous ways agree with the counts.
        case(
            "35-lang-son.xlsx",
            "T20",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Lạng Sơn"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1000"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "10"),
                    ("Tỷ lệ DVCTT mức độ 4", "%", "1"),
                ],
            ),
            Read(1000, 10, None, &[]),
        ),
        case(
            "36-lao-cai.xlsx",
            "T10",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Lào Cai"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1000"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "5"),
                    ("Tỷ lệ DVCTT mức độ 4", "%", "0,5"),
                ],
            ),
            Read(1000, 5, None, &[]),
        ),
        case(
            "37-long-an.xlsx",
            "T80",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Long An"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1000"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "342"),
                    ("Tỷ lệ DVCTT mức độ 4", "", ""),
                ],
            )
            .at(7, 3, t("0.342")),
            Read(1000, 342, None, &[]),
        ),
        // A ratio no reading of which agrees is still a mismatch.
        case(
            "38-nam-dinh.xlsx",
            "T36",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Nam Định"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1000"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "300"),
                    ("Tỷ lệ DVCTT mức độ 4", "%", "0,5"),
                ],
            ),
            Read(1000, 300, None, &["ratio.mismatch"]),
        ),
        // A fraction where a count belongs.
        case(
            "39-nghe-an.xlsx",
            "T40",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Nghệ An"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "2000"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "1,818"),
                ],
            ),
            Rejected(&["value.fraction"]),
        ),
        // Report dates that cannot be.
        case(
            "40-ninh-binh.xlsx",
            "T37",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Ninh Bình").row(
                    3,
                    1,
                    &["Ngày báo cáo", "", "05/04/2030"],
                ),
                6,
                &[
                    ("Tổng số TTHC", "thủ tục", "1500"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "450"),
                ],
            ),
            Read(1500, 450, None, &["value.implausible_date"]),
        ),
        case(
            "41-ninh-thuan.xlsx",
            "T58",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Ninh Thuận").row(
                    3,
                    1,
                    &["Ngày báo cáo", "", "05/04/2015"],
                ),
                6,
                &[
                    ("Tổng số TTHC", "thủ tục", "1500"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "450"),
                ],
            ),
            Read(1500, 450, None, &["value.implausible_date"]),
        ),
        // Only a near-miss where level 4 should be.
        case(
            "42-phu-yen.xlsx",
            "T54",
            lines(
                who(Sheet::new("Báo cáo"), 1, "Phú Yên"),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1500"),
                    ("Số DVCTT mức độ 4 có phát sinh hồ sơ", "dịch vụ", "120"),
                ],
            ),
            Rejected(&["value.missing", "label.unrecognised"]),
        ),
        // Last quarter's report hidden first, this quarter's visible.
        Case {
            file: "43-kon-tum.xlsx",
            code: "T62",
            sheets: vec![
                lines(
                    Sheet::new("Quý IV")
                        .row(1, 1, &["Tên đơn vị", "", "Kon Tum"])
                        .row(2, 1, &["Kỳ báo cáo", "", "Quý IV/2019"]),
                    5,
                    &[
                        ("Tổng số TTHC", "thủ tục", "1400"),
                        ("Số DVCTT mức độ 4", "dịch vụ", "100"),
                    ],
                )
                .hidden(),
                lines(
                    who(Sheet::new("Quý I"), 1, "Kon Tum"),
                    5,
                    &[
                        ("Tổng số TTHC", "thủ tục", "1420"),
                        ("Số DVCTT mức độ 4", "dịch vụ", "142"),
                    ],
                ),
            ],
            want: Read(1420, 142, None, &[]),
        },
        // Two sheets of this quarter that disagree.
        Case {
            file: "44-lai-chau.xlsx",
            code: "T12",
            sheets: vec![
                lines(
                    who(Sheet::new("Báo cáo"), 1, "Lai Châu"),
                    5,
                    &[
                        ("Tổng số TTHC", "thủ tục", "1300"),
                        ("Số DVCTT mức độ 4", "dịch vụ", "100"),
                    ],
                ),
                lines(
                    who(Sheet::new("Báo cáo (2)"), 1, "Lai Châu"),
                    5,
                    &[
                        ("Tổng số TTHC", "thủ tục", "1300"),
                        ("Số DVCTT mức độ 4", "dịch vụ", "210"),
                    ],
                ),
            ],
            want: Rejected(&["sheet.conflict"]),
        },
        // Two that agree are one report.
        Case {
            file: "45-lam-dong.xlsx",
            code: "T68",
            sheets: vec![
                lines(
                    who(Sheet::new("Báo cáo"), 1, "Lâm Đồng"),
                    5,
                    &[
                        ("Tổng số TTHC", "thủ tục", "1300"),
                        ("Số DVCTT mức độ 4", "dịch vụ", "260"),
                    ],
                ),
                lines(
                    who(Sheet::new("Bản sao"), 1, "Lâm Đồng"),
                    5,
                    &[
                        ("Tổng số TTHC", "thủ tục", "1300"),
                        ("Số DVCTT mức độ 4", "dịch vụ", "260"),
                    ],
                ),
            ],
            want: Read(1300, 260, None, &[]),
        },
        // A note beside the period that is not a cut-off date: the period cell still rules.
        case(
            "46-quang-ninh.xlsx",
            "T22",
            lines(
                Sheet::new("Báo cáo")
                    .row(1, 1, &["Tên đơn vị", "", "Quảng Ninh"])
                    .row(2, 1, &["Kỳ báo cáo", "", "Quý I/2020", "số liệu sơ bộ"]),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1650"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "660"),
                ],
            ),
            Read(1650, 660, None, &[]),
        ),
        // The title names another quarter than the period cell.
        case(
            "47-quang-tri.xlsx",
            "T45",
            lines(
                Sheet::new("Báo cáo")
                    .merge(0, 0, 0, 4, "BÁO CÁO KẾT QUẢ CUNG CẤP DVCTT QUÝ IV NĂM 2019")
                    .row(1, 1, &["Tên đơn vị", "", "Quảng Trị"])
                    .row(2, 1, &["Kỳ báo cáo", "", "Quý I/2020"]),
                5,
                &[
                    ("Tổng số TTHC", "thủ tục", "1450"),
                    ("Số DVCTT mức độ 4", "dịch vụ", "290"),
                ],
            ),
            Rejected(&["value.conflict"]),
        ),
    ]
}

fn check_case(s: &serde_json::Value, case: &Case) -> Result<(), String> {
    let u = unit(s, case.code);
    let mut rules = rules_for(s, case.file);
    rules.retain(|r| r != "unit.from_file_name");
    let sorted = |v: &[&str]| {
        let mut v: Vec<String> = v.iter().map(|r| r.to_string()).collect();
        v.sort();
        v
    };
    let mut got = rules.clone();
    got.sort();
    let problem = match &case.want {
        Want::Read(total, level4, level3, want_rules) => {
            let figures = (
                u["total"].as_u64(),
                u["level4"].as_u64(),
                u["level3"].as_u64(),
            );
            if u["status"] != "accepted" || u["file"] != case.file {
                Some(format!(
                    "{} not accepted: {:?}",
                    u["status"],
                    findings_of(s, case.file)
                ))
            } else if figures != (Some(*total), Some(*level4), *level3) {
                Some(format!(
                    "read {figures:?}, want {:?}",
                    (total, level4, level3)
                ))
            } else if got != sorted(want_rules) {
                Some(format!("findings {:?}", findings_of(s, case.file)))
            } else {
                None
            }
        }
        Want::Rejected(want_rules) => {
            if u["status"] != "rejected" {
                Some(format!(
                    "{} with {:?}",
                    u["status"],
                    findings_of(s, case.file)
                ))
            } else if got != sorted(want_rules) {
                Some(format!("findings {:?}", findings_of(s, case.file)))
            } else {
                None
            }
        }
    };
    match problem {
        Some(p) => Err(format!("{}: {p}", case.file)),
        None => Ok(()),
    }
}

fn findings_of(s: &serde_json::Value, file: &str) -> Vec<String> {
    s["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["file"] == file)
        .map(|f| format!("{} {}: {}", f["rule"], f["cell"], f["message"]))
        .collect()
}

/// Writes the corpus to `submissions/` and runs the quarter.
fn run_corpus(wd: &Workdir, cases: &[Case]) -> serde_json::Value {
    for case in cases {
        wd.write(&format!("submissions/{}", case.file), &book(&case.sheets));
    }
    let out = wd.run_quarter("2020-Q1", &[]);
    assert!(matches!(code(&out), 0 | 3), "{}", stderr(&out));
    wd.summary("2020-Q1")
}

#[test]
fn every_layout_of_the_corpus_reads_its_figures_or_its_finding() {
    let wd = Workdir::new();
    let cases = corpus();
    assert!(
        cases.len() >= 40,
        "the corpus holds {} layouts",
        cases.len()
    );
    let s = run_corpus(&wd, &cases);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check_case(&s, c).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} layouts misread:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
