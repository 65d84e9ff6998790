//! The ordered rules that take a field's value among its candidates, each
//! saying why the others were left. A figure is its row and its column:
//!
//! 1. a change or a plan (`Tăng, giảm`, `So sánh`, `Kế hoạch`) is no figure;
//! 2. the period: candidates for the report's quarter (or that name none)
//!    are kept; only other periods' figures found is `OtherPeriod`; where a
//!    whole is marked as the quarter's (`Kỳ này`, even left blank), the
//!    unmarked ones are left (another period's in words the reader does
//!    not know);
//! 3. the scope: the whole is kept; only parts (`mới trong quý`, a sector's
//!    row, `Cấp huyện`) is `OnlyPart`;
//! 4. a merged cell that begins on another field's line belongs to that
//!    field (`Merged`);
//! 5. what a person sees: hidden rows, columns and sheets give way to
//!    visible cells; a figure only in hidden cells is `OnlyHidden`, this
//!    quarter's place left blank is `Blank`;
//! 6. a count is never a percentage (`Percent`);
//! 7. what is left must agree: one value, or `Conflict` naming two cells.

use super::labels::Field;
use super::locate::{Candidate, Value};
use super::marks::{Relation, Scope};
use super::settle::same_value;
use crate::quarter::Quarter;

/// What the rules made of a field's candidates.
#[derive(Debug)]
pub enum Decision<'a> {
    /// The value, with the candidate that gives it.
    Found(&'a Candidate),
    /// No candidate at all: no label, no column.
    Missing,
    /// The field's place, left blank (a label with nothing right of it, a
    /// `Kỳ này` column left empty); with another period's figure found, if any.
    Blank(&'a Candidate, Option<&'a Candidate>),
    /// Only another period's figures.
    OtherPeriod(&'a Candidate),
    /// Only parts of the whole.
    OnlyPart(&'a Candidate),
    /// Only a merged cell begun on another field's line.
    Merged(&'a Candidate),
    /// Only hidden cells hold the figure.
    OnlyHidden(&'a Candidate),
    /// A count given only as a percentage.
    Percent(&'a Candidate),
    /// Two values: the first taken and the one that disagrees.
    Conflict(&'a Candidate, &'a Candidate),
}

/// The strongest thing a candidate's marks say of its period.
pub fn relation(candidate: &Candidate, quarter: Quarter) -> Relation {
    candidate
        .marks
        .iter()
        .filter_map(|m| m.said.period.map(|p| p.relation(quarter)))
        .max()
        .unwrap_or(Relation::Unmarked)
}

/// The mark that makes a candidate a part of its field's whole, if one
/// does. What the quarter added is a part of what a unit has (procedures,
/// services), and the very figure of what the quarter brought (dossiers).
pub fn part(candidate: &Candidate) -> Option<&str> {
    part_among(candidate, false)
}

/// `part`, where `revision` says the field's candidates include another
/// period's: a bare `Mới` beside `Cũ` is the revised figure, no part.
fn part_among(candidate: &Candidate, revision: bool) -> Option<&str> {
    let stock = matches!(
        candidate.field,
        Field::Total | Field::Level3 | Field::Level4
    );
    candidate.marks.iter().find_map(|m| match &m.said.scope {
        Some(Scope::Part(words)) => Some(words.as_str()),
        Some(Scope::Added(words)) if stock => Some(words.as_str()),
        Some(Scope::New(words)) if stock && !revision => Some(words.as_str()),
        _ => None,
    })
}

/// `relation`, where `revision` (as in `part_among`) makes a bare `Mới`
/// this quarter's.
fn relation_among(candidate: &Candidate, quarter: Quarter, revision: bool) -> Relation {
    let said = relation(candidate, quarter);
    let new = candidate
        .marks
        .iter()
        .any(|m| matches!(m.said.scope, Some(Scope::New(_))));
    if revision && new && said == Relation::Unmarked {
        Relation::This
    } else {
        said
    }
}

/// The mark that gives a candidate's period, if one does.
pub fn period_mark(candidate: &Candidate, quarter: Quarter) -> Option<&super::locate::Mark> {
    let strongest = relation(candidate, quarter);
    candidate
        .marks
        .iter()
        .find(|m| m.said.period.map(|p| p.relation(quarter)) == Some(strongest))
}

fn valued(c: &&Candidate) -> bool {
    c.value.is_some()
}

fn first_valued<'a>(candidates: &[&'a Candidate]) -> Option<&'a Candidate> {
    candidates.iter().copied().find(|c| c.value.is_some())
}

/// Decides `field` among `candidates` (already those of the rules to be
/// used, in order of trust), for a report of `quarter`.
pub fn decide<'a>(field: Field, candidates: &[&'a Candidate], quarter: Quarter) -> Decision<'a> {
    let Some(first) = candidates.first().copied() else {
        return Decision::Missing;
    };
    // A bare `Mới` beside another period's figure is the revised one.
    let revision = candidates
        .iter()
        .any(|c| relation(c, quarter) == Relation::Other);
    let relation = |c: &Candidate| relation_among(c, quarter, revision);
    let part = |c: &Candidate| part_among(c, revision).is_some();
    // 1. A change or a plan is no figure.
    let figures: Vec<&Candidate> = candidates
        .iter()
        .copied()
        .filter(|c| relation(c) != Relation::NoFigure)
        .collect();
    if figures.is_empty() {
        return Decision::Blank(first, None);
    }
    // 2. This quarter's, or unmarked.
    let (mut this, other): (Vec<&Candidate>, Vec<&Candidate>) = figures
        .iter()
        .copied()
        .partition(|c| relation(c) != Relation::Other);
    let other_valued = first_valued(&other);
    if this.is_empty() {
        return match other_valued {
            Some(c) => Decision::OtherPeriod(c),
            None => Decision::Blank(other[0], None),
        };
    }
    // Where a whole is marked as this quarter's (`Kỳ này`, even left
    // blank), it is the figure: an unmarked one beside it is another
    // period's in words the reader does not know.
    if this
        .iter()
        .any(|c| relation(c) == Relation::This && !part(c))
    {
        this.retain(|c| relation(c) == Relation::This);
    }
    // 3. The whole.
    let whole: Vec<&Candidate> = this.iter().copied().filter(|c| !part(c)).collect();
    if whole.is_empty() {
        let shown = first_valued(&this).unwrap_or(this[0]);
        return Decision::OnlyPart(shown);
    }
    // 4. A merged cell is its own line's.
    let own: Vec<&Candidate> = whole
        .iter()
        .copied()
        .filter(|c| c.merged_from.is_none())
        .collect();
    if own.is_empty() {
        return Decision::Merged(whole[0]);
    }
    // 5. What a person sees.
    let visible: Vec<&Candidate> = own.iter().copied().filter(|c| c.hidden.is_none()).collect();
    let shown: Vec<&Candidate> = visible.iter().copied().filter(valued).collect();
    if shown.is_empty() {
        if let Some(hidden) = own
            .iter()
            .copied()
            .find(|c| c.hidden.is_some() && valued(c))
        {
            return Decision::OnlyHidden(hidden);
        }
        let blank = visible.first().copied().unwrap_or(own[0]);
        return Decision::Blank(blank, other_valued);
    }
    // 6. A count is no percentage.
    let kinds: Vec<&Candidate> = if field.is_number() && field != Field::Ratio {
        let counts: Vec<&Candidate> = shown
            .iter()
            .copied()
            .filter(|c| !is_percentage(c))
            .collect();
        if counts.is_empty() {
            return Decision::Percent(shown[0]);
        }
        counts
    } else {
        shown
    };
    // 7. One value: the first found, which the others must agree with.
    let ordered = kinds;
    let taken = ordered[0];
    let (value, _, _) = taken.value.as_ref().expect("valued");
    if let Some(other) = ordered.iter().skip(1).find(|c| {
        let (v, _, _) = c.value.as_ref().expect("valued");
        !same_value(field, value, v)
    }) {
        return Decision::Conflict(taken, other);
    }
    Decision::Found(taken)
}

/// A value typed or formatted as a percentage.
fn is_percentage(c: &Candidate) -> bool {
    matches!(c.value, Some((Value::Number { percent: true, .. }, _, _)))
}
