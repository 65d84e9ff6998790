//! The writers that print a quarter's finished result. They take a
//! `compare::QuarterReport` and nothing else: no reading, no deciding.

// Truncating casts here are sheet rows and columns and pixel sizes: a sheet
// lists the roster's units (hundreds) or the findings of at most
// `limits.max_files` files, far under Excel's 1,048,576 rows, and
// rust_xlsxwriter refuses an index past its limits rather than wrap.
#![allow(clippy::cast_possible_truncation)]

mod appendix;
mod audit;
mod comparison;
mod consolidated;
mod csv;
mod feedback;
mod figures;
pub mod fit;
mod heading;
mod lagging;
mod lagging_book;
mod letter;
mod lists;
mod overview;
mod page;
mod paging;
mod run_summary;
mod sheets;
mod summary;
mod trend;

pub use letter::context as letter_context;
pub use run_summary::{cell_suffix, plain_summary, severity_word, status_change_lines};
pub use summary::summary_json;

use crate::compare::{
    DateBasis, FileCounts, Flag, PreviousSource, QuarterReport, Reason, Totals, UnitReport,
};
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
        self.listed_reasons
            .iter()
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

    /// What the comparison sheet notes for the unit, but the flags in
    /// `said` (the text around the notes says them in its own words).
    pub fn comparison_notes(&self, words: &Wording, said: &[Flag]) -> Vec<String> {
        let mut notes: Vec<String> = self
            .flags
            .iter()
            .filter(|f| !said.contains(f))
            .map(|f| match (f, self.unusual, self.change_points) {
                (Flag::UnusualChange, Some(u), Some(points)) => format!(
                    "{}: {}{}",
                    f.vietnamese(&words.level4),
                    u.message(&words.level4, points),
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
        // Whose the previous figure is, only when there is one (no figure
        // is said by the flag, naming the previous name there).
        match self.previous.map(|_| &self.previous_source) {
            Some(PreviousSource::Renamed { name, .. }) => {
                notes.push(format!("Số liệu quý trước là của {name} (tên trước đây)"));
            }
            Some(PreviousSource::Summed(units)) => {
                notes.push(format!("Số liệu quý trước là tổng của: {}", names(units)));
            }
            _ => {}
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

/// What `render` gives: the files a run writes, by name (`phan-hoi/…`
/// inside the folder), with their bytes, and why the draft letter is not
/// among them when it is not.
pub struct Rendered {
    pub files: Vec<(String, Vec<u8>)>,
    pub letter_problem: Option<String>,
}

/// A file of the report could not be made (exit 1): which, and why.
#[derive(Debug, thiserror::Error)]
#[error("không lập được {file}: {reason}")]
pub struct RenderError {
    pub file: String,
    pub reason: String,
}

/// The files a run writes; the manifest, which hashes every one of them,
/// is added after (`pipeline`).
pub fn render(report: &QuarterReport) -> Result<Rendered, RenderError> {
    let [
        consolidated,
        attached,
        lagging,
        letter,
        overview,
        summary,
        _,
        _manifest,
    ] = crate::reports_dir::output_names(report.quarter);
    // The workbooks do not depend on one another: built side by side (a
    // quarter of thousands of files spends most of its writing time here).
    let ((appendix, attached_book), (list, feedback)) = rayon::join(
        || {
            rayon::join(
                || consolidated::workbook(report),
                || consolidated::appendix_workbook(report),
            )
        },
        || {
            rayon::join(
                || lagging_book::workbook(report),
                || feedback::render(report),
            )
        },
    );
    let failed = |file: &str| {
        let file = file.to_string();
        move |reason| RenderError { file, reason }
    };
    let appendix = appendix.map_err(failed(&consolidated))?;
    let list = list.map_err(failed(&lagging))?;
    let feedback = feedback.map_err(failed(crate::reports_dir::FEEDBACK))?;
    let attached_book = attached_book.map_err(failed(&attached))?;
    let mut files = vec![
        (consolidated, appendix),
        (attached, attached_book),
        (lagging, list),
    ];
    // A template that fails on this quarter's data costs the letter only,
    // never the appendix and the lists (`letter_problem` says why).
    let letter_problem = match letter::document(report) {
        Ok(bytes) => {
            files.push((letter, bytes));
            None
        }
        Err(problem) => Some(problem),
    };
    files.push((summary, summary_json(report)));
    files.extend(feedback);
    // The overview page links to the files above: made last, from their names.
    let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    let page = page::render(report, &names).map_err(failed(&overview))?;
    files.push((overview, page));
    Ok(Rendered {
        files,
        letter_problem,
    })
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
