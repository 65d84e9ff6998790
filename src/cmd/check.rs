//! `dvctt check`: the same reading and checks a run makes, on the files,
//! folders, archives and e-mails given, writing nothing; and what it prints
//! for each file, in Vietnamese for the unit that runs it: what was read
//! (unit, period, each figure and the cell it came from), the verdict, and
//! every finding with what to do about it.

use std::fmt::Write;

use super::{Failure, Outcome};
use crate::cli::CheckArgs;
use crate::config::Settings;
use crate::intake::{FileOutcome, Verdict, take_argument};
use crate::quarter::Quarter;
use crate::report::{cell_suffix, severity_word};
use crate::submission::{Counts, Given, Located, Period};
use crate::text::shown;
use crate::text::{vn_count, vn_percent};

pub fn check(
    args: &CheckArgs,
    settings: &Settings,
    today: chrono::NaiveDate,
) -> Result<Outcome, Failure> {
    args.quarter.map(crate::cli::within_bounds).transpose()?;
    let pool = super::start_pool(settings)?;
    let mut outcome = Outcome::Clean;
    for path in &args.files {
        // No log lines here: a unit reads check's own Vietnamese output.
        let files = take_argument(&pool, path, settings, args.quarter, today)?;
        let now = Quarter::last_ended(today);
        for file in &files {
            print!("{}", describe(file, settings, args.quarter, now));
        }
        // A rejected file, or nothing accepted (a PDF, an empty archive), fails.
        if files.iter().any(|f| f.verdict == Verdict::Rejected)
            || !files.iter().any(|f| f.verdict == Verdict::Accepted)
        {
            outcome = Outcome::Rejected;
        }
    }
    Ok(outcome)
}

/// `asked`: the `--quarter` given; `now`: the reporting quarter today (the
/// last that ended). Without `--quarter` a period other than `now` is warned
/// about. The levels are named in the words of the file's own period, else
/// of the quarter asked, else of `now`.
pub fn describe(
    file: &FileOutcome,
    settings: &Settings,
    asked: Option<Quarter>,
    now: Quarter,
) -> String {
    let current = asked.is_none().then_some(now);
    let mut out = String::new();
    let verdict = match file.verdict {
        Verdict::Accepted => "HỢP LỆ",
        Verdict::Rejected => "KHÔNG HỢP LỆ",
        Verdict::NotSubmission => "KHÔNG PHẢI BÁO CÁO",
        Verdict::Replaced => "ĐÃ THAY BẰNG BẢN SỬA",
    };
    let _ = writeln!(out, "{}: {verdict}", shown(&file.file));
    if let Some(s) = &file.submission {
        let roster_unit = file
            .unit
            .as_deref()
            .and_then(|c| settings.roster.by_code(c));
        let unit = match roster_unit {
            Some(u) => format!("{} (mã {})", u.name, u.code),
            None => "chưa xác định được đơn vị".to_string(),
        };
        let at = s
            .unit_name
            .as_ref()
            .map(Located::cell_ref)
            .or_else(|| s.unit_code.as_ref().map(Located::cell_ref));
        line(&mut out, "Đơn vị", &unit, at);
        match &s.period {
            Some(p) => {
                let text = match &p.value {
                    Period::Quarter(q) => q.vietnamese(),
                    Period::Unrecognised(t) => format!("“{}” (không nhận ra quý)", shown(t)),
                };
                line(&mut out, "Kỳ báo cáo", &text, Some(p.cell_ref()));
                if let (Some(now), Period::Quarter(q)) = (current, &p.value)
                    && *q != now
                {
                    let _ = writeln!(
                        out,
                        "  CẢNH BÁO: báo cáo ghi {}, nhưng kỳ báo cáo hiện nay là {} (quý vừa kết thúc). Kiểm tra lại kỳ báo cáo, hoặc chạy lại với --quarter nếu đúng là báo cáo kỳ khác.",
                        q.vietnamese(),
                        now.vietnamese()
                    );
                }
            }
            None => line(&mut out, "Kỳ báo cáo", "không tìm thấy", None),
        }
        match &s.report_date {
            Some(d) => {
                let date = d.value.format("%d/%m/%Y").to_string();
                line(&mut out, "Ngày báo cáo", &date, Some(d.cell_ref()));
            }
            None => line(&mut out, "Ngày báo cáo", "không có", None),
        }
        // The levels in the words of the quarter the file reports.
        let reported = match s.period.as_ref().map(|p| &p.value) {
            Some(Period::Quarter(q)) => *q,
            _ => asked.unwrap_or(now),
        };
        figures(
            &mut out,
            &s.counts,
            &settings.wording.for_form(Some(reported)),
        );
        if let Some(e) = &s.explanation {
            line(&mut out, "Giải trình", &shown(&e.value), Some(e.cell_ref()));
        }
        if let Some(r) = &s.ratio {
            line(
                &mut out,
                "Tỷ lệ đơn vị ghi",
                &vn_percent(r.value),
                Some(r.cell_ref()),
            );
        }
        if let Some(f) = file.figures().or_else(|| s.counts.figures())
            && let Some(ratio) = f.ratio()
        {
            let text = format!(
                "{} ({} / {})",
                vn_percent(ratio),
                vn_count(f.level4),
                vn_count(f.total)
            );
            line(&mut out, "Tỷ lệ tính từ số liệu", &text, None);
        }
    }
    for f in &file.findings {
        let (level, cell) = (severity_word(f.severity), cell_suffix(f));
        let _ = writeln!(out, "  {level}{cell}: {} ({})", shown(&f.message), f.rule);
    }
    out
}

fn figures(out: &mut String, counts: &Counts, words: &crate::wording::Wording) {
    let (level3, level4) = (
        format!("Số DVCTT {}", words.level3),
        format!("Số {}", words.dvctt4()),
    );
    let number = |l: &Option<Located<u64>>| l.as_ref().map(|l| l.clone().map(Given::Number));
    let rows = [
        ("Tổng số TTHC", number(&counts.total)),
        (level3.as_str(), counts.level3.clone()),
        (level4.as_str(), number(&counts.level4)),
        (
            "Số DVCTT có phát sinh hồ sơ",
            counts.dossier_services.clone(),
        ),
        ("Số hồ sơ tiếp nhận", counts.dossiers.clone()),
        ("Số hồ sơ trực tuyến", counts.online_dossiers.clone()),
    ];
    for (label, value) in rows {
        match value {
            Some(v) => {
                let shown = match v.value {
                    Given::Number(n) => vn_count(n),
                    Given::NotApplicable => "không áp dụng".to_string(),
                };
                line(out, label, &shown, Some(v.cell_ref()));
            }
            None => line(out, label, "để trống", None),
        }
    }
}

fn line(out: &mut String, label: &str, value: &str, cell: Option<String>) {
    let cell = cell.map_or(String::new(), |c| format!("  [{}]", shown(&c)));
    let _ = writeln!(out, "  {label}: {value}{cell}");
}
