//! The overview page's headline figures: units reporting and accepted, the
//! nation's and each group's pooled ratio with its change on like-for-like
//! units in the draft letter's words, the target, the very-low line, the
//! changes awaiting confirmation, timeliness. Counts and ratios are the report's.

use serde::Serialize;

use super::group_name;
use crate::compare::QuarterReport;
use crate::roster::Group;
use crate::text::vn_percent;

/// A headline figure: what it is, the figure, and a line under it.
#[derive(Serialize)]
pub struct Card {
    label: String,
    value: String,
    note: String,
}

/// The headline figures, in the words of the draft letter.
pub fn cards(report: &QuarterReport, target: Option<&str>, very_low: &str) -> Vec<Card> {
    let all = report.totals(None);
    let groups = Group::ALL.map(|g| report.totals(Some(g)));
    let ratio = |r: Option<f64>| r.map_or("-".to_string(), vn_percent);
    let change = |group: Option<Group>| change_phrase(report, group);
    let mut cards = vec![
        Card {
            label: "Báo cáo hợp lệ".to_string(),
            value: format!("{}/{} đơn vị", all.accepted, all.expected),
            note: format!(
                "Đã nộp {}; không hợp lệ {}; chưa nộp {}",
                all.submitted, all.rejected, all.missing
            ),
        },
        Card {
            label: format!("Tỷ lệ {} chung cả nước", report.wording.dvctt4()),
            value: ratio(all.pooled_ratio),
            note: change(None),
        },
    ];
    for (group, totals) in Group::ALL.iter().zip(&groups) {
        cards.push(Card {
            label: format!(
                "{} {}/{} hợp lệ",
                capitalised(group_name(*group)),
                totals.accepted,
                totals.expected
            ),
            value: ratio(totals.pooled_ratio),
            note: change(Some(*group)),
        });
    }
    cards.push(match (target, all.meeting_target) {
        (Some(t), Some(n)) => Card {
            label: format!("Đạt chỉ tiêu {t}"),
            value: format!("{n} đơn vị"),
            note: format!(
                "Nhóm I: {}; nhóm II: {}",
                groups[0].meeting_target.unwrap_or(0),
                groups[1].meeting_target.unwrap_or(0)
            ),
        },
        _ => Card {
            label: "Chỉ tiêu".to_string(),
            value: "Chưa có".to_string(),
            note: format!("Năm {} chưa có chỉ tiêu", report.quarter.year),
        },
    });
    cards.push(Card {
        label: format!("Tỷ lệ rất thấp (dưới {very_low})"),
        value: format!("{} đơn vị", all.below_very_low),
        note: format!(
            "Nhóm I: {}; nhóm II: {}",
            groups[0].below_very_low, groups[1].below_very_low
        ),
    });
    let waiting = report.awaiting_confirmation().len();
    cards.push(Card {
        label: "Thay đổi bất thường chờ xác nhận".to_string(),
        value: format!("{waiting} đơn vị"),
        note: match waiting {
            0 => "Không có thay đổi nào chờ xác nhận".to_string(),
            _ => "Xem danh sách bên dưới".to_string(),
        },
    });
    cards.push(Card {
        label: "Nộp đúng hạn".to_string(),
        value: format!("{}/{} đơn vị", all.on_time, all.expected),
        note: format!(
            "Nộp muộn: {}; hạn nộp {}",
            all.late,
            report.due.format("%d/%m/%Y")
        ),
    });
    cards
}

/// `Thừa…` from `thừa…`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// A pooled ratio against the previous quarter's, on like-for-like units,
/// as the draft letter says the nation's.
fn change_phrase(report: &QuarterReport, group: Option<Group>) -> String {
    let Some(previous) = report.previous_pooled_in(group) else {
        return format!(
            "Chưa có số liệu {} để so sánh",
            report.quarter.previous().vietnamese()
        );
    };
    let p = crate::report::letter::previous_context(previous);
    match (&p.change, p.direction, &p.common) {
        (Some(change), Some("tang"), _) => {
            format!("Tăng {change} điểm % so với {} ({})", p.quarter, p.pooled)
        }
        (Some(change), Some("giam"), _) => {
            format!("Giảm {change} điểm % so với {} ({})", p.quarter, p.pooled)
        }
        (Some(_), _, _) => format!("Không thay đổi so với {} ({})", p.quarter, p.pooled),
        (None, _, Some(common)) => {
            let moved = match common.direction {
                "tang" => format!("tăng từ {} lên {}", common.before, common.now),
                "giam" => format!("giảm từ {} xuống {}", common.before, common.now),
                _ => format!("không thay đổi ({})", common.now),
            };
            format!(
                "{}: {} (khác các đơn vị quý này); trên cùng {} đơn vị hợp lệ cả hai quý: {moved}",
                p.quarter, p.pooled, common.units
            )
        }
        (None, _, None) => format!("{}: {} (khác các đơn vị quý này)", p.quarter, p.pooled),
    }
}
