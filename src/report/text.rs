//! The plain-text summary printed at the end of a run: cron mails it to the
//! operator, so it is in Vietnamese, says what was written and what needs a
//! person, gives each unit's findings as the unit is to be told them, and
//! ends with what to do next.
//! Rule ids stay in the logs and summary.json.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::QuarterReport;
use crate::compare::{Reason, Status};
use crate::finding::{Finding, Severity};
use crate::text::vn_percent;

pub fn plain_summary(report: &QuarterReport, actions: &[String]) -> String {
    let mut out = String::new();
    let t = report.totals(None);
    let files = report.file_counts();
    let q = report.quarter.vietnamese();
    let pct = |r: Option<f64>| r.map_or("-".to_string(), vn_percent);
    let meeting = match (t.meeting_target, report.target) {
        (Some(n), Some(target)) => format!(
            "{n} đơn vị đạt chỉ tiêu {}",
            vn_percent(target).replace(",00", "")
        ),
        _ => format!("năm {} {}", report.quarter.year, super::sheets::NO_TARGET),
    };
    let very_low = vn_percent(report.very_low).replace(",00", "");
    let _ = writeln!(
        out,
        "dvctt {q} ({}): {} đơn vị phải báo cáo",
        report.quarter, t.expected
    );
    let _ = writeln!(
        out,
        "  Đơn vị: {} hợp lệ, {} không hợp lệ, {} chưa nộp",
        t.accepted, t.rejected, t.missing
    );
    let _ = writeln!(
        out,
        "  Tệp: {} tệp trong thư mục: {} được chấp nhận, {} bị từ chối, {} không phải báo cáo",
        files.total, files.accepted, files.rejected, files.not_submission
    );
    let _ = writeln!(
        out,
        "  Tỷ lệ {}: chung {}, trung bình các đơn vị {}; {meeting}, {} đơn vị dưới {very_low}",
        report.wording.dvctt4(),
        pct(t.pooled_ratio),
        pct(t.mean_ratio),
        t.below_very_low,
    );
    let previous = report.quarter.previous().vietnamese();
    match &report.baseline {
        Some(source) => {
            let _ = writeln!(out, "  So sánh với {previous} ({source})");
        }
        None => {
            let _ = writeln!(
                out,
                "  CẢNH BÁO: không tìm thấy số liệu {previous}; chưa so sánh với quý trước"
            );
        }
    }
    let _ = writeln!(
        out,
        "  Nộp đúng hạn: {} đơn vị; nộp muộn: {} (hạn {})",
        t.on_time,
        t.late,
        report.due.format("%d/%m/%Y")
    );
    let _ = writeln!(out, "  {}", lagging_line(report));
    let review: Vec<String> = report
        .units
        .iter()
        .filter_map(|u| {
            let x = u.unusual.filter(|x| !x.accepted)?;
            Some(format!(
                "  {} {} ({}): {}",
                report.quarter,
                u.code,
                u.name,
                x.message(&report.wording.level4)
            ))
        })
        .collect();
    if !review.is_empty() {
        let _ = writeln!(
            out,
            "Thay đổi bất thường cần xem xét (chấp nhận bằng một dòng trong reports/{}):",
            crate::history::ACCEPTANCE_FILE,
        );
        for line in review {
            let _ = writeln!(out, "{line}");
        }
    }
    findings_by_unit(&mut out, report);
    to_do(&mut out, report);
    for action in actions {
        let _ = writeln!(out, "{action}");
    }
    out
}

/// The names of the units in `status`, roster order.
fn names_with(report: &QuarterReport, status: Status) -> Vec<&str> {
    report
        .units
        .iter()
        .filter(|u| u.status == status)
        .map(|u| u.name.as_str())
        .collect()
}

/// `Việc cần làm`: what the operator does next, only what applies.
fn to_do(out: &mut String, report: &QuarterReport) {
    let missing = names_with(report, Status::Missing);
    let rejected = names_with(report, Status::Rejected);
    let unusual = report
        .units
        .iter()
        .filter(|u| u.unusual.is_some_and(|x| !x.accepted))
        .count();
    let mut items = Vec::new();
    if !missing.is_empty() {
        items.push(format!(
            "Đôn đốc {} đơn vị chưa nộp báo cáo: {}.",
            missing.len(),
            missing.join(", ")
        ));
    }
    if !rejected.is_empty() {
        items.push(format!(
            "Gửi từng đơn vị có báo cáo không hợp lệ kết quả kiểm tra của đơn vị đó (tệp phản hồi của đơn vị ở thư mục {folder}/ của báo cáo; danh sách gửi, kèm thư điện tử: {folder}/danh-sach.csv) để sửa và gửi lại: {}.",
            rejected.join(", "),
            folder = super::feedback::FOLDER
        ));
    }
    if unusual > 0 {
        items.push(format!(
            "Xem xét {unusual} thay đổi bất thường (ở trên): hỏi lại đơn vị, hoặc chấp nhận bằng một dòng trong reports/{}.",
            crate::history::ACCEPTANCE_FILE
        ));
    }
    for what in &report.wording.unconfirmed {
        items.push(format!(
            "Kiểm tra lời văn chưa được xác nhận trước khi gửi: {what} (sửa trong templates/wording.toml)."
        ));
    }
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "Việc cần làm:");
    for item in items {
        let _ = writeln!(out, "  - {item}");
    }
}

/// `Đơn vị chưa đạt chỉ tiêu: 73 (chưa nộp 3, không hợp lệ 3, dưới chỉ
/// tiêu 67, trong đó dưới 5%: 4)`: each unit counted once, by its worst
/// reason. A year with no target lists the units to watch instead.
fn lagging_line(report: &QuarterReport) -> String {
    let lagging = report.lagging();
    let by = |r: Reason| lagging.iter().filter(|u| u.reasons[0] == r).count();
    let below = lagging
        .iter()
        .filter(|u| u.reasons.contains(&Reason::BelowTarget))
        .count();
    let very_low = vn_percent(report.very_low).replace(",00", "");
    if report.target.is_none() {
        return format!(
            "Đơn vị cần chú ý (năm {} {}): {} (chưa nộp {}, không hợp lệ {}, tỷ lệ dưới {very_low}: {})",
            report.quarter.year,
            super::sheets::NO_TARGET,
            lagging.len(),
            by(Reason::Missing),
            by(Reason::Rejected),
            by(Reason::VeryLow)
        );
    }
    format!(
        "Đơn vị chưa đạt chỉ tiêu: {} (chưa nộp {}, không hợp lệ {}, có tỷ lệ dưới chỉ tiêu {}, trong đó dưới {very_low}: {})",
        lagging.len(),
        by(Reason::Missing),
        by(Reason::Rejected),
        below,
        by(Reason::VeryLow)
    )
}

/// Every finding, grouped by unit (files naming no unit last), in the
/// words the unit is sent.
fn findings_by_unit(out: &mut String, report: &QuarterReport) {
    let mut groups: BTreeMap<(bool, String), Vec<&Finding>> = BTreeMap::new();
    for f in report.findings() {
        let unit = f
            .unit
            .as_deref()
            .and_then(|c| report.units.iter().find(|u| u.code == c));
        let key = match unit {
            Some(u) => (false, format!("{} ({})", u.name, u.code)),
            None => (true, format!("Tệp {}", f.file)),
        };
        groups.entry(key).or_default().push(f);
    }
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "Kết quả kiểm tra theo đơn vị (gửi đơn vị nội dung này; đủ chi tiết ở trang tính \"Kiểm tra dữ liệu\"):"
    );
    for ((_, who), findings) in groups {
        let _ = writeln!(out, "  {}:", shown(&who));
        for f in findings {
            let (level, cell) = (severity_word(f.severity), cell_suffix(f));
            let _ = writeln!(
                out,
                "    - {level}, tệp {}: {}{cell}",
                shown(&f.file),
                shown(&f.message)
            );
        }
    }
}

/// What a finding is, in the word people are shown.
pub fn severity_word(severity: Severity) -> &'static str {
    severity.vietnamese()
}

/// ` [Báo cáo!D8]`, the cell a finding is about, or nothing.
pub fn cell_suffix(finding: &Finding) -> String {
    finding
        .cell
        .as_deref()
        .map_or(String::new(), |c| format!(" [{}]", shown(c)))
}

/// Text as it may be printed in a workbook cell, the letter or a CSV cell:
/// bidirectional controls and zero-width characters (which reorder or hide
/// what a reader sees: `\u{202e}` makes `xslx.exe` read `exe.xlsx`) and
/// control characters written escaped as `shown` writes them, line breaks
/// kept (a cell may hold several lines, and they forge nothing there).
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c != '\n' && (c.is_control() || crate::collect::names::is_invisible(c));
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            c if hidden(c) => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// Text from a submission as it may reach a terminal: control characters
/// (which could move the cursor or recolour the screen) written escaped.
pub fn shown(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() || crate::collect::names::is_invisible(c) => {
                c.escape_default().to_string()
            }
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_reorders_or_hides_text_is_escaped_in_print_lines_are_kept() {
        let cases = [
            ("Hà Nội", "Hà Nội"),
            ("Tăng\u{202e}gnoc", "Tăng\\u{202e}gnoc"),
            ("a\u{200b}b\u{feff}", "a\\u{200b}b\\u{feff}"),
            ("hai\ndòng", "hai\ndòng"),
            ("tab\there\u{1b}[31m", "tab\\there\\u{1b}[31m"),
            ("x\u{2066}y\u{2069}", "x\\u{2066}y\\u{2069}"),
        ];
        for (text, want) in cases {
            assert_eq!(super::visible(text), want, "{text:?}");
        }
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(super::shown("a\u{1b}[31mb\tc"), "a\\u{1b}[31mb\\tc");
        assert_eq!(super::shown("Hà Nội"), "Hà Nội");
        // A line separator or a bidi override would forge or reorder a line.
        assert_eq!(
            super::shown("x\u{2028}HỢP LỆ\u{202e}y"),
            "x\\u{2028}HỢP LỆ\\u{202e}y"
        );
    }
}
