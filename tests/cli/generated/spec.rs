//! What a generated form is made of: its true figures and, drawn at random
//! and independently, the features people give their forms. A feature an
//! official could not read unambiguously is a `Fault`: such a form must be
//! refused.

use super::rng::Rng;
use super::units::{GenUnit, UNITS};

/// One quarter's figures.
#[derive(Clone, Copy, Debug)]
pub struct Figures {
    pub total: u64,
    pub level3: u64,
    pub level4: u64,
    /// Level-4 services added in the quarter (a part of `level4`).
    pub level4_new: u64,
    pub dossier_services: u64,
    pub dossiers: u64,
    pub online: u64,
}

impl Figures {
    pub fn ratio(&self) -> f64 {
        self.level4 as f64 / self.total as f64
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Geometry {
    /// `STT | Chỉ tiêu | ĐVT | value(s)`: one field a row.
    Rows,
    /// `Tổng số TTHC: 1.961`: label and value in one cell.
    InCell,
    /// A table: one field a column, one or more data rows.
    Columns,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Wording {
    Full,
    Abbreviated,
    Upper,
    NoDiacritics,
    /// Decree 42/2022: `toàn trình`, `một phần`.
    Decree42,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PeriodStyle {
    Label,
    InCellLabel,
    Title,
    /// `Quý: I` and `Năm: 2020` in two cells.
    QuarterYear,
    /// Decree 09/2019's window, `Từ ngày 15/12/2019 đến ngày 14/3/2020`.
    Window09,
    WindowCalendar,
    ThreeMonths,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum UnitStyle {
    Label,
    InCellLabel,
    Heading,
    /// `BÁO CÁO CỦA BỘ … VỀ …`.
    Title,
    /// The table's `Tên cơ quan, đơn vị` column, one data row.
    Column,
}

/// Two periods side by side: the headers' wording (an index into
/// `PERIOD_HEADERS`), which comes first, and a change column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SideBySide {
    pub style: usize,
    pub this_first: bool,
    pub change: bool,
}

/// (last quarter, this quarter, change) as column or group headers.
pub const PERIOD_HEADERS: &[(&str, &str, &str)] = &[
    ("Kỳ trước", "Kỳ này", "Tăng (+), giảm (-)"),
    ("Quý IV/2019", "Quý I/2020", "So sánh (%)"),
    ("Kỳ trước (Quý IV/2019)", "Kỳ này (Quý I/2020)", "Tăng/giảm"),
    (
        "Thực hiện Quý IV năm 2019",
        "Thực hiện Quý I năm 2020",
        "Chênh lệch",
    ),
    ("Quý trước", "Quý này", "So với quý trước"),
    ("Số liệu Quý IV/2019", "Số liệu kỳ báo cáo", "Tăng, giảm"),
];

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum HiddenOld {
    None,
    /// Last quarter's figures in a hidden column before the visible one.
    Column,
    /// Last quarter's figures in hidden rows.
    Rows,
    /// Last quarter's whole report on a hidden sheet before this one.
    Sheet,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DataRows {
    /// One data row.
    Single,
    /// Rows per sector or agency, closed by a total row.
    Sectors {
        count: usize,
        total_word: usize,
        total_first: bool,
    },
    /// `Cấp tỉnh | Cấp huyện | Cấp xã` and a total row.
    Levels { total_word: usize },
    /// A row per quarter: last quarter's and this one's.
    PeriodRows { this_first: bool },
}

/// The words of a table's total row; none is the prefix of a sector's name.
pub const TOTAL_WORDS: &[&str] = &[
    "Tổng cộng",
    "TỔNG CỘNG",
    "Cộng",
    "Cộng:",
    "Toàn tỉnh",
    "Tổng số",
    "Tổng",
    "Tổng cộng (1+2+3)",
    "Toàn ngành",
    "Toàn thành phố",
];

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Typing {
    Number,
    /// `1.961`, the Vietnamese thousands separator, as text.
    Dots,
    /// `1 961`.
    Spaces,
    /// `1.961 TTHC`.
    Measure,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RatioStyle {
    None,
    /// `13,02%` typed as text.
    PercentText,
    /// `0.1302` shown as a percentage.
    PercentFormat,
    /// `13,02` under a `(%)` label.
    Plain,
}

/// What makes a form one an official could not read unambiguously.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fault {
    None,
    /// Two periods side by side, this quarter's left blank.
    BlankThis,
    /// Level 4 only as the services added this quarter.
    OnlyNew,
    /// Sector rows and no total row.
    NoTotal,
    /// `37%` in the level-4 count.
    PercentInCount,
    /// A total no unit has.
    Implausible,
    /// The total's value merged down over the level-4 line.
    MergedAcross,
    /// A total row's formula whose saved result was never computed.
    StaleFormula,
    /// The level-4 figure only in a hidden column.
    OnlyHidden,
    /// A total row that is not the sum of the rows above it.
    TotalMismatch,
    /// Two total rows that disagree.
    TwoTotals,
}

impl Fault {
    pub fn name(self) -> &'static str {
        match self {
            Fault::None => "none",
            Fault::BlankThis => "blank_this",
            Fault::OnlyNew => "only_new",
            Fault::NoTotal => "no_total",
            Fault::PercentInCount => "percent_in_count",
            Fault::Implausible => "implausible",
            Fault::MergedAcross => "merged_across",
            Fault::StaleFormula => "stale_formula",
            Fault::OnlyHidden => "only_hidden",
            Fault::TotalMismatch => "total_mismatch",
            Fault::TwoTotals => "two_totals",
        }
    }
}

/// Every choice a form is built from.
#[derive(Clone, Debug)]
pub struct Spec {
    pub seed: u64,
    pub unit: usize,
    /// Which spelling of the unit's name, of its issuing body, of its office.
    pub name_pick: usize,
    pub now: Figures,
    pub previous: Figures,
    pub with_level3: bool,
    pub geometry: Geometry,
    pub wording: Wording,
    pub period_style: PeriodStyle,
    pub unit_style: UnitStyle,
    pub heading_block: bool,
    pub title: bool,
    pub side_by_side: Option<SideBySide>,
    pub hidden_old: HiddenOld,
    /// Level 4 split into `Mới trong quý` and `Lũy kế`.
    pub parts: bool,
    pub sub_lines: bool,
    pub data_rows: DataRows,
    /// The total row as `=SUM(…)` (or `SUBTOTAL`) of the rows above.
    pub total_formula: Option<&'static str>,
    /// The header band's depth for a table (1–3).
    pub header_depth: u32,
    pub typing: Typing,
    pub ratio: RatioStyle,
    pub measure_column: bool,
    pub numbering: bool,
    /// A `(1) (2) (3)` row under a table's header.
    pub column_numbers: bool,
    pub note_column: bool,
    pub notes_below: bool,
    pub signature: bool,
    pub cover_sheet: bool,
    pub merged_labels: bool,
    pub dossiers: bool,
    pub first_col: u16,
    pub gap_rows: u32,
    /// Level 4 before level 3, in lines and columns.
    pub level4_first: bool,
    /// Labels and headers broken over two lines in their cell.
    pub label_breaks: bool,
    /// Lines per level of government under the total (`- Cấp tỉnh`), or a
    /// table's `Trong đó` row under its whole.
    pub sub_rows: bool,
    /// A note in the period's cell (`Quý I/2020 (số liệu tính đến …)`).
    pub period_note: bool,
    /// A second table below, of dossiers received.
    pub second_block: bool,
    /// A `Mã đơn vị` line.
    pub unit_code: bool,
    /// The ratio as a formula over the table's own cells.
    pub ratio_formula: bool,
    pub fault: Fault,
}

impl Spec {
    pub fn unit(&self) -> &'static GenUnit {
        &UNITS[self.unit]
    }

    pub fn draw(seed: u64) -> Spec {
        let mut rng = Rng::new(seed);
        let unit = rng.index(UNITS.len());
        let (now, previous) = figures(&mut rng);
        let geometry = *rng.pick(&[
            Geometry::Rows,
            Geometry::Rows,
            Geometry::InCell,
            Geometry::Columns,
            Geometry::Columns,
        ]);
        let wording = *rng.pick(&[
            Wording::Full,
            Wording::Abbreviated,
            Wording::Abbreviated,
            Wording::Upper,
            Wording::NoDiacritics,
            Wording::Decree42,
        ]);
        let mut unit_style = *rng.pick(&[
            UnitStyle::Label,
            UnitStyle::InCellLabel,
            UnitStyle::Heading,
            UnitStyle::Heading,
            UnitStyle::Title,
            UnitStyle::Column,
        ]);
        let mut period_style = *rng.pick(&[
            PeriodStyle::Label,
            PeriodStyle::Label,
            PeriodStyle::InCellLabel,
            PeriodStyle::Title,
            PeriodStyle::Title,
            PeriodStyle::QuarterYear,
            PeriodStyle::Window09,
            PeriodStyle::WindowCalendar,
            PeriodStyle::ThreeMonths,
        ]);
        let side_by_side = (geometry != Geometry::InCell && rng.chance(30)).then(|| SideBySide {
            style: rng.index(PERIOD_HEADERS.len()),
            this_first: rng.chance(15),
            change: rng.chance(60),
        });
        let data_rows = if geometry != Geometry::Columns {
            DataRows::Single
        } else {
            match rng.range(0, 9) {
                0..=3 => DataRows::Single,
                4..=6 => DataRows::Sectors {
                    count: rng.range(2, 5) as usize,
                    total_word: rng.index(TOTAL_WORDS.len()),
                    total_first: rng.chance(20),
                },
                7 | 8 => DataRows::Levels {
                    total_word: rng.index(TOTAL_WORDS.len()),
                },
                _ if side_by_side.is_none() => DataRows::PeriodRows {
                    this_first: rng.chance(30),
                },
                _ => DataRows::Single,
            }
        };
        if unit_style == UnitStyle::Column && !matches!(data_rows, DataRows::Single) {
            unit_style = UnitStyle::Heading;
        }
        if unit_style == UnitStyle::Column && geometry != Geometry::Columns {
            unit_style = UnitStyle::Label;
        }
        let title = rng.chance(70)
            || matches!(period_style, PeriodStyle::Title | PeriodStyle::ThreeMonths)
            || unit_style == UnitStyle::Title;
        let heading_block = unit_style == UnitStyle::Heading || rng.chance(50);
        if !title && matches!(period_style, PeriodStyle::Title) {
            period_style = PeriodStyle::Label;
        }
        let hidden_old = match rng.range(0, 9) {
            0 => HiddenOld::Column,
            1 if geometry != Geometry::InCell => HiddenOld::Rows,
            2 => HiddenOld::Sheet,
            _ => HiddenOld::None,
        };
        let parts = geometry != Geometry::InCell && rng.chance(20);
        let header_depth = if side_by_side.is_some() && geometry == Geometry::Columns {
            2
        } else {
            rng.range(1, 3) as u32
        };
        let typing = *rng.pick(&[
            Typing::Number,
            Typing::Number,
            Typing::Dots,
            Typing::Spaces,
            Typing::Measure,
        ]);
        // A total's formula adds numbers: over figures typed as text it
        // would give 0, as it does in Excel.
        let total_formula = match data_rows {
            DataRows::Sectors { .. } | DataRows::Levels { .. } if typing == Typing::Number => {
                match rng.range(0, 3) {
                    0 => Some("SUM"),
                    1 => Some("SUBTOTAL"),
                    _ => None,
                }
            }
            _ => None,
        };
        let mut spec = Spec {
            seed,
            unit,
            name_pick: rng.index(16),
            now,
            previous,
            with_level3: rng.chance(70),
            geometry,
            wording,
            period_style,
            unit_style,
            heading_block,
            title,
            side_by_side,
            hidden_old,
            parts,
            sub_lines: rng.chance(40),
            data_rows,
            total_formula,
            header_depth,
            typing,
            ratio: *rng.pick(&[
                RatioStyle::None,
                RatioStyle::PercentText,
                RatioStyle::PercentFormat,
                RatioStyle::Plain,
            ]),
            measure_column: rng.chance(50),
            numbering: rng.chance(70),
            column_numbers: rng.chance(25),
            note_column: rng.chance(20),
            notes_below: rng.chance(50),
            signature: rng.chance(60),
            cover_sheet: rng.chance(10),
            merged_labels: rng.chance(25),
            dossiers: rng.chance(30),
            first_col: rng.range(0, 2) as u16,
            gap_rows: rng.range(0, 2) as u32,
            level4_first: rng.chance(20),
            label_breaks: rng.chance(15),
            sub_rows: rng.chance(20),
            period_note: rng.chance(15),
            second_block: rng.chance(15),
            unit_code: rng.chance(15),
            ratio_formula: rng.chance(25),
            fault: Fault::None,
        };
        spec.fault = fault(&mut rng, &spec);
        if matches!(
            spec.fault,
            Fault::TotalMismatch | Fault::PercentInCount | Fault::TwoTotals
        ) {
            // A formula's total always adds up, and gives a number.
            spec.total_formula = None;
        }
        if spec.fault == Fault::Implausible {
            spec.now.total += 2_000_000;
        }
        spec
    }
}

/// This quarter's figures and last quarter's, every one different, so a
/// figure taken from the wrong column is seen.
fn figures(rng: &mut Rng) -> (Figures, Figures) {
    let total = rng.range(150, 2600);
    let level4 = rng.range(20, total / 2);
    let level3 = rng.range(5, (total - level4).min(900));
    let dossier_services = rng.range(1, level4 - 1);
    let dossiers = rng.range(2000, 90_000);
    let online = rng.range(100, dossiers - 1);
    let previous_level4 = level4 - rng.range(1, level4 - 5);
    let now = Figures {
        total,
        level3,
        level4,
        level4_new: level4 - previous_level4,
        dossier_services,
        dossiers,
        online,
    };
    let previous_total = total - rng.range(1, 90);
    let previous_level3 = match level3 + rng.range(1, 40) {
        more if more + previous_level4 <= previous_total => more,
        _ => (level3 - 1).min(previous_total - previous_level4),
    };
    let previous = Figures {
        total: previous_total,
        level3: previous_level3,
        level4: previous_level4,
        level4_new: rng.range(1, previous_level4),
        dossier_services: dossier_services.saturating_sub(rng.range(1, 9)).max(1),
        dossiers: dossiers - rng.range(1, 1500),
        online: online.saturating_sub(rng.range(1, 90)).max(1),
    };
    (now, previous)
}

/// A fault the form's features allow, about one form in five.
fn fault(rng: &mut Rng, spec: &Spec) -> Fault {
    if !rng.chance(20) {
        return Fault::None;
    }
    let mut allowed = vec![Fault::PercentInCount, Fault::Implausible];
    if spec.side_by_side.is_some() {
        allowed.push(Fault::BlankThis);
    }
    if spec.geometry != Geometry::InCell {
        allowed.push(Fault::OnlyNew);
    }
    // A merge over a hidden line's value cannot be made in a spreadsheet.
    if spec.geometry == Geometry::Rows
        && spec.side_by_side.is_none()
        && spec.hidden_old != HiddenOld::Rows
    {
        allowed.push(Fault::MergedAcross);
    }
    if spec.hidden_old == HiddenOld::Column && spec.side_by_side.is_none() {
        allowed.push(Fault::OnlyHidden);
    }
    if matches!(spec.data_rows, DataRows::Sectors { .. }) {
        allowed.push(Fault::NoTotal);
        allowed.push(Fault::TwoTotals);
    }
    if matches!(
        spec.data_rows,
        DataRows::Sectors { .. } | DataRows::Levels { .. }
    ) {
        allowed.push(Fault::TotalMismatch);
        if spec.total_formula.is_some() {
            allowed.push(Fault::StaleFormula);
        }
    }
    *rng.pick(&allowed)
}
