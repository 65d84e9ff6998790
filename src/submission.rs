//! The plain typed record a unit's workbook is read into. Everything after
//! reading (checks, comparison, reports) works on this, never on cells.

use chrono::NaiveDate;
use std::time::SystemTime;

use crate::quarter::Quarter;

/// A value and the cell it came from (`Báo cáo!D11`), for findings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub cell: String,
}

impl<T> Located<T> {
    /// The cell's name, as `Báo cáo!D11`.
    pub fn cell_ref(&self) -> String {
        self.cell.clone()
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Period {
    Quarter(Quarter),
    /// What was written, when it names no quarter.
    Unrecognised(String),
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Submission {
    /// The file's name inside the submissions folder.
    pub file: String,
    pub modified: Option<SystemTime>,
    pub unit_name: Option<Located<String>>,
    pub unit_code: Option<Located<String>>,
    pub period: Option<Located<Period>>,
    pub report_date: Option<Located<NaiveDate>>,
    pub counts: Counts,
    /// The unit's own level-4 ratio, as a fraction (0.3845 for 38,45%).
    pub ratio: Option<Located<f64>>,
    /// The `Danh mục` sheet's counts, when it lists any procedure (the list
    /// itself is checked where it is read, and not kept).
    pub list: Option<ListCounts>,
}

/// The figures of a report. Every one may be absent: reading records what
/// is there, and the checks decide what absence means.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub total: Option<Located<u64>>,
    pub level3: Option<Located<u64>>,
    pub level4: Option<Located<u64>>,
    pub dossier_services: Option<Located<u64>>,
    pub dossiers: Option<Located<u64>>,
    pub online_dossiers: Option<Located<u64>>,
}

/// The figures of an accepted submission, as the reports print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Figures {
    pub total: u64,
    pub level4: u64,
    pub level3: Option<u64>,
    pub dossier_services: Option<u64>,
    pub dossiers: Option<u64>,
    pub online_dossiers: Option<u64>,
}

impl Figures {
    /// Level-4 services ÷ total procedures, unrounded; None when there are no procedures.
    pub fn ratio(&self) -> Option<f64> {
        (self.total > 0).then(|| self.level4 as f64 / self.total as f64)
    }
}

impl Counts {
    /// The figures, when both required counts are there.
    pub fn figures(&self) -> Option<Figures> {
        let value = |f: &Option<Located<u64>>| f.as_ref().map(|l| l.value);
        Some(Figures {
            total: value(&self.total)?,
            level4: value(&self.level4)?,
            level3: value(&self.level3),
            dossier_services: value(&self.dossier_services),
            dossiers: value(&self.dossiers),
            online_dossiers: value(&self.online_dossiers),
        })
    }
}

/// How many procedures a list holds, per level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ListCounts {
    pub procedures: u64,
    /// Level 2 or below: not an online service.
    pub level2: u64,
    pub level3: u64,
    pub level4: u64,
}
