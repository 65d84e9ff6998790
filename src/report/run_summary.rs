//! The plain-text summary printed at the end of a run: cron mails it to the
//! operator, so it is in Vietnamese, says what was written and what needs a
//! person, gives each unit's findings as the unit is to be told them, and
//! ends with what to do next.
//! Rule ids stay in the logs and summary.json.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::QuarterReport;
use crate::compare::{Action, StatusChanges};
use crate::finding::{Finding, Severity};
use crate::quarter::Quarter;
use crate::text::{shown, vn_percent};

/// What the stdout summary says a rerun changes (`compare::StatusChanges`).
pub fn status_change_lines(changes: &StatusChanges, quarter: Quarter) -> Vec<String> {
    let mut lines = vec![format!("so với báo cáo {} đang có:", quarter.vietnamese())];
    let groups = [
        ("mới được chấp nhận", &changes.accepted),
        ("mới bị từ chối", &changes.rejected),
        ("mới thiếu báo cáo", &changes.missing),
    ];
    for (what, units) in groups {
        if !units.is_empty() {
            lines.push(format!("  {what} ({}): {}", units.len(), units.join(", ")));
        }
    }
    if lines.len() == 1 {
        lines.push("  không đơn vị nào đổi trạng thái".to_string());
    }
    lines
}

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
    awaiting(&mut out, report);
    let _ = writeln!(
        out,
        "  Đơn vị: {} hợp lệ, {} không hợp lệ, {} chưa nộp",
        t.accepted, t.rejected, t.missing
    );
    let _ = writeln!(
        out,
        "  Tệp: {} tệp trong thư mục: {} được chấp nhận, {} bị từ chối, {} không phải báo cáo{}",
        files.total,
        files.accepted,
        files.rejected,
        files.not_submission,
        match files.replaced {
            0 => String::new(),
            n => format!(", {n} đã thay bằng bản sửa"),
        }
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
    findings_by_unit(&mut out, report);
    to_do(&mut out, report);
    for action in actions {
        let _ = writeln!(out, "{action}");
    }
    out
}

/// The changes awaiting confirmation, first after the heading line: what
/// moved, and whether the pooled figures count them meanwhile.
fn awaiting(out: &mut String, report: &QuarterReport) {
    let units = report.awaiting_confirmation();
    if units.is_empty() {
        return;
    }
    let counted = match report.unconfirmed {
        crate::config::Unconfirmed::LeftOut => "chưa tính vào số liệu chung và công văn",
        crate::config::Unconfirmed::Included => "đã tính vào số liệu chung, công văn ghi rõ",
    };
    let _ = writeln!(
        out,
        "  Thay đổi bất thường cần xem xét, chờ xác nhận ({counted}; chấp nhận bằng một dòng trong reports/{}):",
        crate::history::ACCEPTANCE_FILE,
    );
    for u in units {
        let _ = writeln!(
            out,
            "    {} {} ({}): {}",
            report.quarter,
            u.code,
            shown(&u.name),
            shown(&u.change_message(&report.wording.level4).unwrap_or_default())
        );
    }
}

/// `Việc cần làm`: what the operator does next (`QuarterReport::actions`).
fn to_do(out: &mut String, report: &QuarterReport) {
    // Names and files come from the roster and the folder: escaped as
    // everything read on a terminal is (`text::shown`).
    let items: Vec<String> = report
        .actions()
        .iter()
        .map(|a| shown(&action_text(a)))
        .collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "Việc cần làm:");
    for item in items {
        let _ = writeln!(out, "  - {item}");
    }
}

fn action_text(action: &Action) -> String {
    match action {
        Action::ChaseMissing(names) => format!(
            "Đôn đốc {} đơn vị chưa nộp báo cáo: {}.",
            names.len(),
            names.join(", ")
        ),
        Action::SendFindings(names) => format!(
            "Gửi từng đơn vị có báo cáo không hợp lệ kết quả kiểm tra của đơn vị đó (tệp phản hồi của đơn vị ở thư mục {folder}/ của báo cáo; danh sách gửi, kèm thư điện tử: {folder}/danh-sach.csv) để sửa và gửi lại: {}.",
            names.join(", "),
            folder = super::feedback::FOLDER
        ),
        Action::ConfirmChanges(names) => format!(
            "Xác nhận {} thay đổi bất thường đang chờ (ở trên): hỏi lại đơn vị, hoặc chấp nhận bằng một dòng trong reports/{}: {}.",
            names.len(),
            crate::history::ACCEPTANCE_FILE,
            names.join(", ")
        ),
        Action::CheckWording(what) => format!(
            "Kiểm tra lời văn chưa được xác nhận trước khi gửi: {what} (sửa trong templates/wording.toml)."
        ),
    }
}

/// `Đơn vị chưa đạt chỉ tiêu: 73 (chưa nộp 3, không hợp lệ 3, dưới chỉ
/// tiêu 67, trong đó dưới 5%: 4)`: each unit counted once, by its worst
/// reason. A year with no target lists the units to watch instead.
fn lagging_line(report: &QuarterReport) -> String {
    let counts = report.lagging_counts();
    let very_low = vn_percent(report.very_low).replace(",00", "");
    // Listed because its figure waits: not under the target, not over it.
    let waiting = match counts.awaiting {
        0 => String::new(),
        n => format!("; có số liệu chờ xác nhận: {n}"),
    };
    if report.target.is_none() {
        return format!(
            "Đơn vị cần chú ý (năm {} {}): {} (chưa nộp {}, không hợp lệ {}, tỷ lệ dưới {very_low}: {}{waiting})",
            report.quarter.year,
            super::sheets::NO_TARGET,
            counts.units,
            counts.missing,
            counts.rejected,
            counts.very_low
        );
    }
    format!(
        "Đơn vị chưa đạt chỉ tiêu: {} (chưa nộp {}, không hợp lệ {}, có tỷ lệ dưới chỉ tiêu {}, trong đó dưới {very_low}: {}{waiting})",
        counts.units, counts.missing, counts.rejected, counts.below_target, counts.very_low
    )
}

/// Every finding, grouped by unit (files naming no unit last), in the
/// words the unit is sent.
fn findings_by_unit(out: &mut String, report: &QuarterReport) {
    // Units in Vietnamese alphabetical order, then files naming no unit.
    let mut groups: BTreeMap<(bool, crate::collate::Key, String), Vec<&Finding>> = BTreeMap::new();
    for f in report.findings() {
        let unit = f
            .unit
            .as_deref()
            .and_then(|c| report.units.iter().find(|u| u.code == c));
        let (last, label) = match unit {
            Some(u) => (false, format!("{} ({})", u.name, u.code)),
            None => (true, format!("Tệp {}", f.file)),
        };
        let key = (last, crate::collate::key(&label), label);
        groups.entry(key).or_default().push(f);
    }
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "Kết quả kiểm tra theo đơn vị (mỗi đơn vị nhận phần của mình trong tệp phản hồi ở phan-hoi/):"
    );
    for ((_, _, who), findings) in groups {
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
