//! The values read from a unit's file, as the feedback file lists them:
//! each with its label, the sheet, the cell and how it was found.

use crate::report::sheets::Out;
use crate::submission::{Given, Located, Period, Submission};
use crate::text::{vn_count, vn_percent};
use crate::wording::Wording;

/// The sheet, the cell (`D7`) and how the value was found.
pub type Place = (String, String, &'static str);

fn place<T>(l: &Located<T>) -> Option<Place> {
    let col = u16::try_from(l.col).unwrap_or(u16::MAX);
    Some((
        l.sheet.clone(),
        rust_xlsxwriter::utility::row_col_to_cell(l.row, col),
        l.how.vietnamese(),
    ))
}

/// Every value the file gave, in the form's order; one it lacks is listed
/// as "để trống" (as `check` says it), with no cell: "không có" is what a
/// unit writes for a figure that does not apply. Text from the file stays text.
pub fn read_values(s: &Submission, words: &Wording) -> Vec<(String, Out, Option<Place>)> {
    let none = || (Out::Text("để trống".into()), None);
    let text = |l: &Option<Located<String>>| {
        l.as_ref()
            .map_or_else(none, |l| (Out::Text(l.value.clone()), place(l)))
    };
    let count = |l: &Option<Located<u64>>| {
        l.as_ref()
            .map_or_else(none, |l| (Out::Count(l.value), place(l)))
    };
    let given = |l: &Option<Located<Given>>| {
        l.as_ref().map_or_else(none, |l| {
            let shown = match l.value {
                Given::Number(n) => Out::Count(n),
                Given::NotApplicable => Out::Text(crate::report::figures::NOT_APPLICABLE.into()),
            };
            (shown, place(l))
        })
    };
    let period = s.period.as_ref().map_or_else(none, |p| {
        let shown = match &p.value {
            Period::Quarter(q) => q.vietnamese(),
            Period::Unrecognised(t) => t.clone(),
        };
        (Out::Text(shown), place(p))
    });
    let date = s.report_date.as_ref().map_or_else(none, |d| {
        (Out::Text(d.value.format("%d/%m/%Y").to_string()), place(d))
    });
    let ratio = s
        .ratio
        .as_ref()
        .map_or_else(none, |r| (Out::Percent(r.value), place(r)));
    let c = &s.counts;
    let rows = [
        ("Tên đơn vị".to_string(), text(&s.unit_name)),
        ("Mã đơn vị".to_string(), text(&s.unit_code)),
        ("Kỳ báo cáo".to_string(), period),
        ("Ngày báo cáo".to_string(), date),
        ("Tổng số TTHC".to_string(), count(&c.total)),
        (format!("Số DVCTT {}", words.level3), given(&c.level3)),
        (format!("Số {}", words.dvctt4()), count(&c.level4)),
        (
            "Số DVCTT có phát sinh hồ sơ".to_string(),
            given(&c.dossier_services),
        ),
        ("Số hồ sơ tiếp nhận".to_string(), given(&c.dossiers)),
        ("Số hồ sơ trực tuyến".to_string(), given(&c.online_dossiers)),
        ("Tỷ lệ đơn vị ghi".to_string(), ratio),
    ];
    rows.into_iter()
        .map(|(label, (value, at))| (label, value, at))
        .collect()
}

/// What the unit typed in `cell` (`Báo cáo!D7`), when a value was read there.
pub fn typed_at(s: &Submission, cell: &str) -> Option<String> {
    fn at<T>(l: &Option<Located<T>>, cell: &str, shown: impl Fn(&T) -> String) -> Option<String> {
        let l = l.as_ref().filter(|l| l.cell_ref() == cell)?;
        Some(l.typed.clone().unwrap_or_else(|| shown(&l.value)))
    }
    let c = &s.counts;
    let given = |g: &Given| match g {
        Given::Number(n) => vn_count(*n),
        Given::NotApplicable => crate::report::figures::NOT_APPLICABLE.to_string(),
    };
    let optional = [
        &c.level3,
        &c.dossier_services,
        &c.dossiers,
        &c.online_dossiers,
    ];
    [&c.total, &c.level4]
        .into_iter()
        .find_map(|l| at(l, cell, |v| vn_count(*v)))
        .or_else(|| optional.into_iter().find_map(|l| at(l, cell, given)))
        .or_else(|| at(&s.ratio, cell, |r| vn_percent(*r)))
        .or_else(|| at(&s.unit_name, cell, String::clone))
        .or_else(|| at(&s.unit_code, cell, String::clone))
        .or_else(|| {
            at(&s.period, cell, |p| match p {
                Period::Quarter(q) => q.vietnamese(),
                Period::Unrecognised(t) => t.clone(),
            })
        })
        .or_else(|| at(&s.report_date, cell, |d| d.format("%d/%m/%Y").to_string()))
}
