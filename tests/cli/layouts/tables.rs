//! Official documents and tables: heading block, title, headers one to three rows deep, total rows.

use super::{Case, Want::*, case};
use crate::support::*;

pub fn cases() -> Vec<Case> {
    let q1 = "BÁO CÁO KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN QUÝ I NĂM 2020";
    vec![
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
        // `ỦY BAN NHÂN DÂN` on its own row, the province on the row under
        // it, and a file name that names nobody: the heading alone says whose.
        case(
            "49-bao-cao-quy-1.xlsx",
            "T15",
            two_row_table(
                official(&["ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI"], "Yên Bái", q1),
                6,
                "Dịch vụ công trực tuyến",
                ["Mức độ 3", "Mức độ 4"],
                &["1", "Toàn tỉnh", "2076", "700", "620"],
            ),
            Read(2076, 620, Some(700), &[]),
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
        // The title right above a two-row header, a note on the title's row.
        case(
            "48-tra-vinh.xlsx",
            "T84",
            two_row_table(
                official(&["UBND TỈNH TRÀ VINH"], "Trà Vinh", q1).text(4, 8, "Số liệu sơ bộ"),
                5,
                "Dịch vụ công trực tuyến",
                ["Mức độ 3", "Mức độ 4"],
                &["1", "Tỉnh Trà Vinh", "1550", "380", "310"],
            ),
            Read(1550, 310, Some(380), &[]),
        ),
    ]
}
