//! The writers that print a quarter's finished result. They take a
//! `compare::QuarterReport` and nothing else: no reading, no deciding.

mod appendix;
mod atomic;
mod audit;
mod comparison;
mod consolidated;
mod csv;
mod feedback;
mod figures;
pub mod fit;
mod in_place;
mod lagging;
mod lagging_book;
mod letter;
mod lists;
mod overview;
mod page;
mod paging;
mod sheets;
mod summary;
mod swap;
mod text;
mod trend;

pub use atomic::{TEMP_PREFIX, write_atomically};
pub use in_place::{InPlace, StatusChanges};
pub use letter::context as letter_context;
pub use summary::summary_json;
pub use swap::{ARCHIVE, Installed, MARKER, install, is_own_name, recover, unchanged};
pub use text::{cell_suffix, plain_summary, severity_word, shown, visible};

use crate::compare::{DateBasis, FileCounts, Flag, QuarterReport, Reason, Totals, UnitReport};
use crate::quarter::Quarter;
use crate::wording::Wording;

/// How a unit's reasons and notes are worded in the sheets.
impl UnitReport {
    /// The lagging reasons in Vietnamese, worst first, short enough for the
    /// signed list: a rejection says why in a few words (the unit's full
    /// findings are in `Kiểm tra dữ liệu`).
    /// Under the target several quarters running is said once, with the
    /// target: `Chưa đạt chỉ tiêu 30% trong 3 quý liên tiếp` (both ids stay
    /// in summary.json).
    pub fn reason_texts(&self, target: Option<f64>, very_low: f64, words: &Wording) -> Vec<String> {
        let in_a_row = self.reasons.contains(&Reason::UnderTargetInARow);
        self.reasons
            .iter()
            .filter(|r| !(in_a_row && **r == Reason::BelowTarget))
            .map(|r| {
                let text = r.vietnamese(target, very_low, &words.level4);
                match (r, self.rejected_by, self.quarters_under_target) {
                    (Reason::Rejected, Some(rule), _) => {
                        format!("{text}: {}", rule.short_reason())
                    }
                    (Reason::UnderTargetInARow, _, Some(n)) => format!(
                        "{} trong {n} quý liên tiếp",
                        Reason::BelowTarget.vietnamese(target, very_low, &words.level4)
                    ),
                    _ => text,
                }
            })
            .collect()
    }

    /// What the comparison sheet notes for the unit.
    pub fn comparison_notes(&self, words: &Wording) -> Vec<String> {
        let mut notes: Vec<String> = self
            .flags
            .iter()
            .map(|f| match (f, self.unusual) {
                (Flag::UnusualChange, Some(u)) => format!(
                    "{}: {}{}",
                    f.vietnamese(&words.level4),
                    u.message(&words.level4),
                    if u.accepted {
                        " (đã xác nhận)"
                    } else {
                        ""
                    }
                ),
                _ => f.vietnamese(&words.level4),
            })
            .collect();
        let names = |units: &[(String, String)]| {
            let names: Vec<&str> = units.iter().map(|(_, n)| n.as_str()).collect();
            names.join(", ")
        };
        if !self.structure_changed.is_empty() {
            notes.push(format!(
                "Đơn vị được hình thành từ một phần của: {} (sắp xếp tổ chức bộ máy), nên số liệu không so sánh được với quý trước",
                names(&self.structure_changed)
            ));
        }
        if let [(code, name)] = self.previous_sources.as_slice()
            && *code != self.code
        {
            notes.push(format!("Số liệu quý trước là của {name} (tên trước đây)"));
        }
        if self.previous_sources.len() > 1 {
            notes.push(format!(
                "Số liệu quý trước là tổng của: {}",
                names(&self.previous_sources)
            ));
        }
        if let Some(y) = self.year_ago.as_ref().filter(|y| y.sources.len() > 1) {
            notes.push(format!(
                "Số liệu {} là tổng của: {}",
                y.quarter.vietnamese(),
                names(&y.sources)
            ));
        }
        notes
    }

    /// What the unit and the reviewer say about its figures, each marked
    /// with who says it: shown beside the flags, never in their place.
    pub fn explanation_texts(&self) -> Vec<String> {
        let unit = self.explanation.iter().map(|t| format!("Đơn vị: {t}"));
        let reviewer = self
            .reviewer_reason
            .iter()
            .map(|t| format!("Người rà soát xác nhận: {t}"));
        unit.chain(reviewer).collect()
    }
}

/// The entries a run writes into the quarter's folder: the files `render`
/// gives, in its order, the `phan-hoi` folder (one entry, replaced whole),
/// then the run manifest (made from them by the run). What the report swap
/// puts in place, compares and archives.
pub fn output_names(quarter: Quarter) -> [String; 7] {
    [
        format!("tong-hop-{quarter}.xlsx"),
        format!("don-vi-cham-{quarter}.xlsx"),
        format!("cong-van-{quarter}.docx"),
        page::file_name(quarter),
        "summary.json".to_string(),
        feedback::FOLDER.to_string(),
        crate::manifest::MANIFEST.to_string(),
    ]
}

/// The files a run writes, by name (`phan-hoi/…` inside the folder), with
/// their bytes; the manifest, which hashes every one of them, is added
/// after (`produce`).
pub fn render(report: &QuarterReport) -> Result<Vec<(String, Vec<u8>)>, String> {
    let [
        consolidated,
        lagging,
        letter,
        overview,
        summary,
        _,
        _manifest,
    ] = output_names(report.quarter);
    // The workbooks do not depend on one another: built side by side (a
    // quarter of thousands of files spends most of its writing time here).
    let (appendix, (list, feedback)) = rayon::join(
        || consolidated::workbook(report),
        || {
            rayon::join(
                || lagging_book::workbook(report),
                || feedback::render(report),
            )
        },
    );
    let mut files = vec![(consolidated, appendix?), (lagging, list?)];
    // A template that fails on this quarter's data costs the letter only,
    // never the appendix and the lists (`letter_problem` says why).
    if let Ok(bytes) = letter::document(report) {
        files.push((letter, bytes));
    }
    files.push((summary, summary_json(report)));
    files.extend(feedback?);
    // The overview page links to the files above: made last, from their names.
    let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    files.push((overview, page::render(report, &names)?));
    Ok(files)
}

/// Why the draft letter cannot be written for this report, when it cannot:
/// the template's error on this quarter's data.
pub fn letter_problem(report: &QuarterReport) -> Option<String> {
    letter::document(report).err()
}

impl DateBasis {
    /// What a submission date was taken from, in the lists' words.
    pub fn vietnamese(self) -> &'static str {
        match self {
            DateBasis::ReportDate => "Ngày ghi trong báo cáo",
            DateBasis::FileModified => "Ngày sửa tệp (báo cáo không ghi ngày)",
            DateBasis::EmailDate => "Ngày gửi thư điện tử (báo cáo không ghi ngày)",
        }
    }
}
