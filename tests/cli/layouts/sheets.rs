//! Ratios, dates, periods and which sheet.

use super::{Case, Want::*, case};
use crate::support::*;

pub fn cases() -> Vec<Case> {
    vec![
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
        // Eighteen note sheets before the report (attacker review: the
        // report past the sixteenth sheet was never looked at and the unit
        // was told its figures were missing). `Báo cáo` is read wherever it
        // stands; the sheets past the sixteenth are named.
        Case {
            file: "49-tuyen-quang.xlsx",
            code: "T08",
            sheets: (1..=18)
                .map(|i| {
                    Sheet::new(&format!("Ghi chú {i}")).row(
                        0,
                        0,
                        &["Ghi chú", &format!("Nội dung số {i}")],
                    )
                })
                .chain([lines(
                    who(Sheet::new("Báo cáo"), 1, "Tuyên Quang"),
                    5,
                    &[
                        ("Tổng số TTHC", "thủ tục", "1210"),
                        ("Số DVCTT mức độ 4", "dịch vụ", "363"),
                    ],
                )])
                .collect(),
            want: Read(1210, 363, None, &["sheet.not_read"]),
        },
    ]
}
