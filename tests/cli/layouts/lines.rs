//! Labelled lines: the value right of its label, or in the label's own cell.

use super::{Case, Want::*, case};
use crate::support::*;

pub fn cases() -> Vec<Case> {
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
            Read(1800, 210, None, &["label.unrecognised"]),
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
        // A cut-off note inside the period's own cell: the quarter is the
        // words, never the date of the note (which falls in the next quarter).
        case(
            "13-soc-trang.xlsx",
            "T94",
            Sheet::new("Báo cáo")
                .text(0, 0, "Đơn vị báo cáo: UBND tỉnh Sóc Trăng")
                .text(
                    1,
                    0,
                    "Kỳ báo cáo: Quý I/2020 (Số liệu tính đến ngày 05/04/2020)",
                )
                .row(3, 0, &["Tổng số TTHC", "1620"])
                .row(4, 0, &["Số DVCTT mức độ 4", "405"]),
            Read(1620, 405, None, &[]),
        ),
        // The same note right of the label, after a dash.
        case(
            "14-thai-binh.xlsx",
            "T34",
            Sheet::new("Báo cáo")
                .row(0, 0, &["Tên đơn vị", "Tỉnh Thái Bình"])
                .row(
                    1,
                    0,
                    &["Kỳ báo cáo", "Quý I năm 2020 - tính đến ngày 31/3/2020"],
                )
                .row(3, 0, &["Tổng số TTHC", "1280"])
                .row(4, 0, &["Số DVCTT mức độ 4", "256"]),
            Read(1280, 256, None, &[]),
        ),
        // Words and dates that name two quarters: not guessed.
        case(
            "15-thai-nguyen.xlsx",
            "T19",
            Sheet::new("Báo cáo")
                .row(0, 0, &["Tên đơn vị", "Tỉnh Thái Nguyên"])
                .row(
                    1,
                    0,
                    &["Kỳ báo cáo", "Quý I/2020 (từ 01/04/2020 đến 30/06/2020)"],
                )
                .row(3, 0, &["Tổng số TTHC", "1100"])
                .row(4, 0, &["Số DVCTT mức độ 4", "220"]),
            Rejected(&["period.unrecognised"]),
        ),
        // The department names itself (new-user review: `unit.unknown`,
        // with three ministries offered as the nearest names).
        case(
            "16-thanh-hoa.xlsx",
            "T38",
            Sheet::new("Báo cáo")
                .row(
                    0,
                    0,
                    &["Tên đơn vị", "Sở Thông tin và Truyền thông tỉnh Thanh Hóa"],
                )
                .row(1, 0, &["Kỳ báo cáo", "Quý I/2020"])
                .row(3, 0, &["Tổng số TTHC", "1800"])
                .row(4, 0, &["Số DVCTT mức độ 3", "500"])
                .row(5, 0, &["Số DVCTT mức độ 4", "300"]),
            Read(1800, 300, Some(500), &[]),
        ),
        // … or heads its report with it on one line, the quarter in the title.
        case(
            "17-vinh-phuc.xlsx",
            "T26",
            Sheet::new("Báo cáo")
                .text(0, 0, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH VĨNH PHÚC")
                .text(2, 0, "BÁO CÁO SỐ LIỆU DVCTT QUÝ I NĂM 2020")
                .row(4, 0, &["Tổng số TTHC", "1520"])
                .row(5, 0, &["Số DVCTT mức độ 4", "304"]),
            Read(1520, 304, None, &[]),
        ),
        // Procedures offered online at a level are that level's services,
        // and the first three months of a year are its first quarter
        // (new-user review: value.missing and period.unrecognised).
        case(
            "18-tay-ninh.xlsx",
            "T72",
            Sheet::new("Báo cáo")
                .row(0, 0, &["Tên đơn vị", "Tây Ninh"])
                .row(1, 0, &["Kỳ báo cáo", "3 tháng đầu năm 2020"])
                .row(
                    3,
                    0,
                    &["Tổng số TTHC thuộc thẩm quyền giải quyết của tỉnh", "1700"],
                )
                .row(4, 0, &["Số TTHC đã cung cấp trực tuyến mức độ 3", "400"])
                .row(
                    5,
                    0,
                    &["Số thủ tục hành chính cung cấp trực tuyến mức độ 4", "250"],
                ),
            Read(1700, 250, Some(400), &[]),
        ),
        // A figure with its unit of measure in its own cell (new-user
        // review: value.not_number, though `Tổng số TTHC: 1.891 thủ tục` in
        // one cell was read) ...
        case(
            "19-tien-giang.xlsx",
            "T82",
            Sheet::new("Báo cáo")
                .row(0, 0, &["Tên đơn vị", "Tiền Giang"])
                .row(1, 0, &["Kỳ báo cáo", "Quý I/2020"])
                .row(3, 0, &["Tổng số TTHC", "1.800 thủ tục"])
                .row(4, 0, &["Số DVCTT mức độ 3", "500 dịch vụ"])
                .row(5, 0, &["Số DVCTT mức độ 4", "300 DVC"]),
            Read(1800, 300, Some(500), &[]),
        ),
        // ... but a number with any other word is no figure.
        case(
            "20-vinh-long.xlsx",
            "T86",
            Sheet::new("Báo cáo")
                .row(0, 0, &["Tên đơn vị", "Vĩnh Long"])
                .row(1, 0, &["Kỳ báo cáo", "Quý I/2020"])
                .row(3, 0, &["Tổng số TTHC", "1.800 dự kiến"])
                .row(4, 0, &["Số DVCTT mức độ 4", "300"]),
            Rejected(&["value.not_number"]),
        ),
        // Two numbers in one cell are no number (attacker review: `1907 163`
        // was read as 1.907.163 and the nation's ratio fell to 0,81%).
        case(
            "21-son-la.xlsx",
            "T14",
            Sheet::new("Báo cáo")
                .row(0, 0, &["Tên đơn vị", "Sơn La"])
                .row(1, 0, &["Kỳ báo cáo", "Quý I/2020"])
                .row(3, 0, &["Tổng số TTHC", "1907 163"])
                .row(4, 0, &["Số DVCTT mức độ 4", "300"]),
            Rejected(&["value.not_number"]),
        ),
        // Procedures offered online are part of the total, never the total
        // (attacker review: accepted at 37,8% with this as the total).
        case(
            "22-quang-binh.xlsx",
            "T44",
            Sheet::new("Báo cáo")
                .row(0, 0, &["Tên đơn vị", "Quảng Bình"])
                .row(1, 0, &["Kỳ báo cáo", "Quý I/2020"])
                .row(3, 0, &["Số TTHC cung cấp trực tuyến", "900"])
                .row(4, 0, &["Số DVCTT mức độ 4", "340"]),
            Rejected(&["value.missing"]),
        ),
        // In the label's own cell the same rule: a number and its unit of
        // measure is the number ...
        case(
            "23-thua-thien-hue.xlsx",
            "T46",
            Sheet::new("Báo cáo")
                .text(0, 0, "Tên đơn vị: Thừa Thiên Huế")
                .text(1, 0, "Kỳ báo cáo: Quý I/2020")
                .text(3, 0, "Tổng số TTHC: 1 961 TTHC")
                .text(4, 0, "Số DVCTT mức độ 4: 300 dịch vụ"),
            Read(1961, 300, None, &[]),
        ),
        // ... a number and other words is none (it was read as 1900).
        case(
            "24-binh-duong.xlsx",
            "T74",
            Sheet::new("Báo cáo")
                .text(0, 0, "Tên đơn vị: Bình Dương")
                .text(1, 0, "Kỳ báo cáo: Quý I/2020")
                .text(3, 0, "Tổng số TTHC: 1900 dự kiến")
                .text(4, 0, "Số DVCTT mức độ 4: 300"),
            Rejected(&["value.not_number"]),
        ),
        // The title says the quarter the way the period cell may: `3 tháng
        // đầu năm` (found by hand with an openpyxl form: period.missing).
        case(
            "25-ca-mau.xlsx",
            "T96",
            Sheet::new("BC quy 1")
                .text(0, 0, "ỦY BAN NHÂN DÂN")
                .text(1, 0, "TỈNH CÀ MAU")
                .text(
                    4,
                    0,
                    "BÁO CÁO TÌNH HÌNH CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN 3 THÁNG ĐẦU NĂM 2020",
                )
                .row(
                    7,
                    1,
                    &["Tổng số thủ tục hành chính thuộc thẩm quyền", "1 752 TTHC"],
                )
                .row(8, 1, &["Số TTHC cung cấp trực tuyến", "640"])
                .row(
                    9,
                    1,
                    &["Số TTHC đã cung cấp trực tuyến mức độ 3", "410 thủ tục"],
                )
                .row(
                    10,
                    1,
                    &["Số TTHC đã cung cấp trực tuyến mức độ 4", "230 thủ tục"],
                ),
            Read(1752, 230, Some(410), &[]),
        ),
    ]
}
