//! #21, the second attack: classes of forms that still gave a wrong figure
//! or a needless refusal after the first review (percentages by their unit
//! of measure, their label or their column; a number format that shows
//! nothing or a per cent sign; formulas of one cell, MAX, INT; several
//! total rows; hidden sectors; a group row right
//! under the header; float noise; a row's figures by period). Each read
//! through one `dvctt run` with its exact figures or its exact findings.

use super::{Case, Want::*, assert_read_as_wanted, case};
use crate::support::*;

/// `TT | Lĩnh vực | Tổng số TTHC | Số DVCTT mức độ 3 | Số DVCTT mức độ 4`
/// from `row` (the sector's column headed `label_head`), `rows` under it.
fn sector_table(sheet: Sheet, row: u32, label_head: &str, rows: &[&[&str]]) -> Sheet {
    let mut sheet = sheet.row(
        row,
        0,
        &[
            "TT",
            label_head,
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

/// The usual lines: total in D4, level 4 in D5 (`value` as typed).
fn two_lines(unit: &str, level4_label: &str, measure: &str, level4: &str) -> Sheet {
    lines(
        who(Sheet::new("Báo cáo"), 0, unit),
        4,
        &[
            ("Tổng số TTHC", "thủ tục", "1961"),
            (level4_label, measure, level4),
        ],
    )
}

/// Province groups with a `Cộng` under each and the grand total last.
const GROUPS: &[&[&str]] = &[
    &["I", "Cấp tỉnh", "1500", "380", "610"],
    &["1", "Tư pháp", "900", "200", "400"],
    &["2", "Công Thương", "600", "180", "210"],
    &["", "Cộng", "1500", "380", "610"],
    &["II", "Cấp huyện", "461", "120", "144"],
    &["1", "Tư pháp", "300", "80", "100"],
    &["2", "Công Thương", "161", "40", "44"],
    &["", "Cộng", "461", "120", "144"],
];

pub fn cases() -> Vec<Case> {
    let sectors: &[&[&str]] = &[
        &["1", "Tư pháp", "900", "200", "400"],
        &["2", "Công Thương", "600", "150", "250"],
        &["3", "Y tế", "300", "80", "60"],
        &["4", "Giáo dục", "161", "70", "44"],
    ];
    let mut with_groups: Vec<&[&str]> = GROUPS.to_vec();
    with_groups.push(&["", "Tổng cộng", "1961", "500", "754"]);
    let mut grand_first: Vec<&[&str]> = vec![&["", "Cộng chung", "1961", "500", "754"]];
    grand_first.extend(GROUPS);
    let mut sectors_sigma: Vec<&[&str]> = sectors.to_vec();
    sectors_sigma.push(&["", "Σ", "1961", "500", "754"]);
    let mut sectors_total: Vec<&[&str]> = sectors.to_vec();
    sectors_total.push(&["", "Tổng số chung", "1961", "500", "754"]);
    let mut grand_wrong: Vec<&[&str]> = GROUPS.to_vec();
    grand_wrong.push(&["", "Tổng cộng", "1961", "500", "700"]);
    let mut two_wholes: Vec<&[&str]> = vec![&["", "Toàn tỉnh", "1961", "500", "754"]];
    two_wholes.extend(sectors);
    two_wholes.push(&["", "Tổng cộng", "1961", "500", "700"]);
    vec![
        // The third attack: the grand total against its groups' `Cộng`.
        case(
            "23-01-tong-cong-sai.xlsx",
            "T33",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Hưng Yên"),
                3,
                "Cơ quan, đơn vị",
                &grand_wrong,
            ),
            Rejected(&["table.total_mismatch"]),
        ),
        // `Toàn tỉnh` first and `Tổng cộng` last disagree: two wholes.
        case(
            "23-02-hai-tong.xlsx",
            "T35",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Hà Nam"),
                3,
                "Lĩnh vực",
                &two_wholes,
            ),
            Rejected(&["value.conflict"]),
        ),
        // The unit of measure after the figure, and in words.
        case(
            "23-03-dvt-sau.xlsx",
            "T42",
            who(Sheet::new("Báo cáo"), 0, "Hà Tĩnh")
                .row(3, 0, &["TT", "Chỉ tiêu", "Số liệu", "Đơn vị tính"])
                .row(4, 0, &["1", "Tổng số TTHC", "1961", "thủ tục"])
                .row(5, 0, &["2", "Số DVCTT mức độ 4", "38", "%"]),
            Rejected(&["value.percentage"]),
        ),
        case(
            "23-04-phan-tram.xlsx",
            "T30",
            two_lines("Hải Dương", "Số DVCTT mức độ 4", "phần trăm", "38"),
            Rejected(&["value.percentage"]),
        ),
        // `"";""`: a format that shows nothing.
        case(
            "23-05-dinh-dang-rong.xlsx",
            "T31",
            two_lines("Hải Phòng", "Số DVCTT mức độ 4", "dịch vụ", "754").num_format(
                5,
                3,
                "\"\";\"\"",
            ),
            Rejected(&["value.hidden"]),
        ),
        // A blank row between the table's numbered rows.
        case(
            "23-07-dong-trong-giua.xlsx",
            "T17",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Hòa Bình"),
                3,
                "Lĩnh vực",
                &[
                    &["1", "Tư pháp", "900", "200", "400"],
                    &[],
                    &["2", "Công Thương", "600", "150", "250"],
                    &["3", "Y tế", "461", "150", "104"],
                    &["", "Tổng cộng", "1961", "500", "754"],
                ],
            ),
            Read(1961, 754, Some(500), &[]),
        ),
        // A period in brackets after its figure.
        case(
            "23-06-ky-sau-so.xlsx",
            "T93",
            who(Sheet::new("Báo cáo"), 0, "Hậu Giang")
                .row(
                    3,
                    0,
                    &[
                        "1",
                        "Tổng số TTHC",
                        "1800",
                        "(kỳ trước)",
                        "1961",
                        "(kỳ này)",
                    ],
                )
                .row(
                    4,
                    0,
                    &[
                        "2",
                        "Số DVCTT mức độ 4",
                        "700",
                        "(kỳ trước)",
                        "754",
                        "(kỳ này)",
                    ],
                ),
            Read(1961, 754, None, &[]),
        ),
        // `%` as the level-4 line's unit of measure: 38 is a ratio.
        case(
            "22-01-dvt-phan-tram.xlsx",
            "T89",
            two_lines("An Giang", "Số DVCTT mức độ 4", "%", "38"),
            Rejected(&["value.percentage"]),
        ),
        // The label says it is a percentage, in its brackets.
        case(
            "22-02-nhan-phan-tram.xlsx",
            "T77",
            two_lines("Bà Rịa - Vũng Tàu", "Số DVCTT mức độ 4 (%)", "", "38"),
            Rejected(&["value.missing"]),
        ),
        case(
            "22-03-nhan-ty-le.xlsx",
            "T24",
            two_lines("Bắc Giang", "Số DVCTT mức độ 4 (tỷ lệ %)", "", "38"),
            Rejected(&["value.missing"]),
        ),
        // `DVCTT mức độ 4 › Số lượng | Đạt (%)`, the count left blank.
        case(
            "22-04-cot-dat-phan-tram.xlsx",
            "T06",
            who(Sheet::new("Báo cáo"), 0, "Bắc Kạn")
                .merge(3, 0, 4, 0, "TT")
                .merge(3, 1, 4, 1, "Đơn vị")
                .merge(3, 2, 4, 2, "Tổng số TTHC")
                .merge(3, 3, 3, 4, "DVCTT mức độ 4")
                .row(4, 3, &["Số lượng", "Đạt (%)"])
                .row(5, 0, &["1", "Tỉnh Bắc Kạn", "1961", "", "38"]),
            Rejected(&["value.missing"]),
        ),
        // A number format that shows nothing (`;;;`): no one sees 754.
        case(
            "22-05-dinh-dang-an.xlsx",
            "T95",
            two_lines("Bạc Liêu", "Số DVCTT mức độ 4", "dịch vụ", "754").num_format(5, 3, ";;;"),
            Rejected(&["value.hidden"]),
        ),
        // `0"%"`: 38 shows as 38%.
        case(
            "22-06-dinh-dang-dau-phan-tram.xlsx",
            "T27",
            two_lines("Bắc Ninh", "Số DVCTT mức độ 4", "dịch vụ", "38").num_format(5, 3, "0\"%\""),
            Rejected(&["value.percentage"]),
        ),
        // A formula of one cell, saved before that cell changed.
        case(
            "22-07-cong-thuc-mot-o.xlsx",
            "T83",
            lines(
                who(Sheet::new("Báo cáo"), 0, "Bến Tre"),
                4,
                &[("Tổng số TTHC", "thủ tục", "1961")],
            )
            .row(5, 0, &["2", "Số DVCTT mức độ 4", "dịch vụ"])
            .at(5, 3, V::F("=$F$10".into(), 700.0))
            .num(9, 5, 754.0),
            Rejected(&["value.formula_stale"]),
        ),
        // MAX and INT over the sectors, saved before they changed.
        case(
            "22-08-cong-thuc-max-int.xlsx",
            "T52",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Bình Định"),
                3,
                "Lĩnh vực",
                sectors,
            )
            .text(8, 1, "Tổng cộng")
            .at(8, 2, V::F("=INT(SUM(C5:C8))".into(), 1900.0))
            .at(8, 3, V::F("=SUM(D5:D8)".into(), 500.0))
            .at(8, 4, V::F("=(MAX(E5:E8)+E6+E7+E8)".into(), 754.0)),
            Rejected(&["value.formula_stale"]),
        ),
        // Groups, each closed by `Cộng`, then the table's `Tổng cộng`.
        case(
            "22-09-cong-va-tong-cong.xlsx",
            "T74",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Bình Dương"),
                3,
                "Cơ quan, đơn vị",
                &with_groups,
            ),
            Read(1961, 754, Some(500), &[]),
        ),
        // The grand total first (`Cộng chung`), the groups' `Cộng` under.
        case(
            "22-10-cong-chung-truoc.xlsx",
            "T70",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Bình Phước"),
                3,
                "Cơ quan, đơn vị",
                &grand_first,
            ),
            Read(1961, 754, Some(500), &[]),
        ),
        // The grand total's words merged over the number and label columns,
        // a group's row right under the header.
        case(
            "22-11-tong-cong-gop-o.xlsx",
            "T60",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Bình Thuận"),
                3,
                "Cơ quan, đơn vị",
                GROUPS,
            )
            .merge(12, 0, 12, 1, "TỔNG CỘNG")
            .row(12, 2, &["1961", "500", "754"]),
            Read(1961, 754, Some(500), &[]),
        ),
        case(
            "22-12-sigma.xlsx",
            "T96",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Cà Mau"),
                3,
                "Lĩnh vực",
                &sectors_sigma,
            ),
            Read(1961, 754, Some(500), &[]),
        ),
        case(
            "22-13-tong-so-chung.xlsx",
            "T92",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Cần Thơ"),
                3,
                "Lĩnh vực",
                &sectors_total,
            ),
            Read(1961, 754, Some(500), &[]),
        ),
        // A sector hidden from print still counts in the total over it.
        case(
            "22-14-linh-vuc-an.xlsx",
            "T04",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Cao Bằng"),
                3,
                "Lĩnh vực",
                &sectors_total,
            )
            .hide_row(5),
            Read(1961, 754, Some(500), &[]),
        ),
        // Three sectors hidden, one shown, no total: the one in view is a
        // share, not the province's whole.
        case(
            "22-15-mot-linh-vuc-hien.xlsx",
            "T48",
            sector_table(
                who(Sheet::new("Báo cáo"), 0, "Đà Nẵng"),
                3,
                "Lĩnh vực",
                sectors,
            )
            .hide_row(5)
            .hide_row(6)
            .hide_row(7),
            Rejected(&["table.total_missing"]),
        ),
        // 753.9999999 (a computation's float noise) shows as 754.
        case(
            "22-17-so-le-nhieu.xlsx",
            "T67",
            two_lines("Đắk Nông", "Số DVCTT mức độ 4", "dịch vụ", "753.9999999"),
            Read(1961, 754, None, &[]),
        ),
        // A line's two periods on the line itself.
        case(
            "22-18-ky-tren-dong.xlsx",
            "T11",
            who(Sheet::new("Báo cáo"), 0, "Điện Biên")
                .row(
                    3,
                    0,
                    &["1", "Tổng số TTHC", "Kỳ trước", "1800", "Kỳ này", "1961"],
                )
                .row(
                    4,
                    0,
                    &["2", "Số DVCTT mức độ 4", "Kỳ trước", "700", "Kỳ này", "754"],
                ),
            Read(1961, 754, None, &[]),
        ),
    ]
}

#[test]
fn every_case_of_the_second_attack_reads_its_figure_or_its_finding() {
    assert_read_as_wanted(&Workdir::new(), &cases());
}
