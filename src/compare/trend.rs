//! Every quarter under `reports/` side by side — each unit's ratio, each
//! group's and the nation's pooled ratio — and, for each unit under target,
//! when it would reach the target at its recent pace (`Diễn biến` prints it).

use std::collections::BTreeMap;

use super::{Previous, UnitReport};
use crate::history::History;
use crate::quarter::Quarter;
use crate::roster::{Group, Lineage, Roster};

/// How many quarter-on-quarter changes the pace is taken over.
pub const PACE_CHANGES: usize = 4;

#[derive(Debug, Default)]
pub struct Trend {
    /// Oldest first; the last is the report's quarter.
    pub quarters: Vec<Quarter>,
    /// Per unit of the report, its ratio in each quarter.
    pub ratios: Vec<Vec<Option<f64>>>,
    /// Per unit, when it reaches the target at its pace (None: at or over it, or no figure).
    pub projections: Vec<Option<Projection>>,
    /// Per unit, how its past follows its lineage: the quarters shown as its
    /// predecessors' sums, or where a split broke its series.
    pub lineage_notes: Vec<Option<String>>,
    /// Pooled ratio per quarter: group I, group II, nationally.
    pub pooled: Vec<(Option<Group>, Vec<Option<f64>>)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Projection {
    /// The quarter the target is reached, at the pace in points per quarter.
    Reaches(Quarter, f64),
    /// The ratio is not rising.
    NotAtThisPace,
    /// Fewer than `PACE_CHANGES` quarter-on-quarter changes to take a pace from.
    TooLittleHistory,
}

impl Projection {
    pub fn vietnamese(self) -> String {
        match self {
            Projection::Reaches(q, pace) => format!("{} (tăng {pace:.2} điểm/quý)", q.vietnamese()),
            Projection::NotAtThisPace => "Không đạt với tốc độ hiện nay".to_string(),
            Projection::TooLittleHistory => "Chưa đủ số liệu".to_string(),
        }
    }
}

impl Trend {
    pub fn build(
        quarter: Quarter,
        units: &[UnitReport],
        history: &History,
        roster: &Roster,
        target: Option<f64>,
    ) -> Trend {
        let mut quarters: Vec<Quarter> = history
            .quarters()
            .into_iter()
            .filter(|q| *q < quarter)
            .collect();
        quarters.push(quarter);
        let figures = |u: &UnitReport, q: Quarter| -> Option<Previous> {
            if q == quarter {
                u.figures.map(|f| Previous {
                    total: f.total,
                    level4: f.level4,
                })
            } else {
                history.along_lineage(roster, &u.code, q).map(|(f, _)| f)
            }
        };
        let ratios: Vec<Vec<Option<f64>>> = units
            .iter()
            .map(|u| {
                quarters
                    .iter()
                    .map(|q| figures(u, *q).and_then(|f| f.ratio()))
                    .collect()
            })
            .collect();
        let projections = units
            .iter()
            .zip(&ratios)
            .map(|(u, r)| {
                // No target this year: nothing to reach, no projection.
                let target = target?;
                project(quarter, &quarters, r, target)
                    .filter(|_| u.ratio().is_some_and(|x| x < target))
            })
            .collect();
        let past = &quarters[..quarters.len() - 1];
        let lineage_notes = units
            .iter()
            .map(|u| lineage_note(u, past, history, roster))
            .collect();
        let mut pooled = Vec::new();
        for group in [Some(Group::I), Some(Group::II), None] {
            let series = quarters
                .iter()
                .map(|q| {
                    let in_group = |g: Group| group.is_none_or(|want| want == g);
                    // The figures each quarter published: this quarter's
                    // pooled units (`UnitReport::pooled`, as the totals
                    // count them); a past quarter's, every unit pooled then
                    // (those merged away since included, those its summary
                    // left out awaiting confirmation not).
                    let counted: Vec<Previous> = if *q == quarter {
                        units
                            .iter()
                            .filter(|u| in_group(u.group) && u.pooled)
                            .filter_map(|u| figures(u, *q))
                            .collect()
                    } else {
                        history
                            .units()
                            .filter(|(code, _)| {
                                roster.by_code(code).is_some_and(|u| in_group(u.group))
                                    && history.pooled_then(code, *q)
                            })
                            .filter_map(|(_, by_quarter)| by_quarter.get(q).copied())
                            .collect()
                    };
                    let total: u64 = counted.iter().map(|f| f.total).sum();
                    let level4: u64 = counted.iter().map(|f| f.level4).sum();
                    (total > 0).then(|| level4 as f64 / total as f64)
                })
                .collect();
            pooled.push((group, series));
        }
        Trend {
            quarters,
            ratios,
            projections,
            lineage_notes,
            pooled,
        }
    }
}

/// "Quý I/2025 - Quý II/2025: tổng của Lào Cai, Yên Bái", or where the series
/// breaks because a part of another unit passed to this one.
fn lineage_note(
    unit: &UnitReport,
    past: &[Quarter],
    history: &History,
    roster: &Roster,
) -> Option<String> {
    let mut notes = Vec::new();
    let summed: Vec<Quarter> = past
        .iter()
        .copied()
        .filter(|q| {
            history
                .along_lineage(roster, &unit.code, *q)
                .is_some_and(|(_, s)| s)
        })
        .collect();
    if let (Some(first), Some(last)) = (summed.first(), summed.last()) {
        let Lineage::Sum(units) = roster.lineage(&unit.code, *last) else {
            unreachable!("a summed quarter has a sum lineage")
        };
        let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
        let span = match first == last {
            true => first.vietnamese(),
            false => format!("{} - {}", first.vietnamese(), last.vietnamese()),
        };
        notes.push(format!("{span}: tổng của {}", names.join(", ")));
    }
    let broken = past.iter().rev().find(|q| {
        matches!(
            roster.lineage(&unit.code, **q),
            Lineage::StructureChanged(_)
        )
    });
    if let Some(q) = broken {
        notes.push(format!(
            "Chuỗi số liệu ngắt sau {}: cơ cấu đơn vị thay đổi (sắp xếp tổ chức)",
            q.vietnamese()
        ));
    }
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// The quarter the ratio reaches `target` at the mean of its last
/// `PACE_CHANGES` quarter-on-quarter changes; with fewer, none is guessed.
fn project(
    now: Quarter,
    quarters: &[Quarter],
    ratios: &[Option<f64>],
    target: f64,
) -> Option<Projection> {
    let by_quarter: BTreeMap<Quarter, f64> = quarters
        .iter()
        .zip(ratios)
        .filter_map(|(q, r)| Some((*q, (*r)?)))
        .collect();
    let current = *by_quarter.get(&now)?;
    let changes: Vec<f64> = (0u32..)
        .take(PACE_CHANGES)
        .filter_map(|k| {
            let later = quarters_back(now, k);
            let earlier = quarters_back(now, k + 1);
            Some(by_quarter.get(&later)? - by_quarter.get(&earlier)?)
        })
        .collect();
    // A pace from one or two changes is noise (one change gave "Quý II/2044").
    if changes.len() < PACE_CHANGES {
        return Some(Projection::TooLittleHistory);
    }
    let pace = changes.iter().sum::<f64>() / changes.len() as f64;
    if pace <= 0.0 {
        return Some(Projection::NotAtThisPace);
    }
    // The epsilon keeps 6.000000001 quarters (float noise) at 6.
    let needed = ((target - current) / pace - 1e-9).ceil().max(1.0);
    if needed > 400.0 {
        return Some(Projection::NotAtThisPace);
    }
    // A whole number of quarters from 1 to 400, checked above.
    #[allow(clippy::cast_possible_truncation)]
    let needed = needed as u32;
    Some(Projection::Reaches(now.plus(needed), pace * 100.0))
}

fn quarters_back(q: Quarter, k: u32) -> Quarter {
    (0..k).fold(q, |q, _| q.previous())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(y: i32, n: u8) -> Quarter {
        Quarter::new(y, n).unwrap()
    }

    #[test]
    fn projects_at_the_mean_pace_of_the_last_four_changes() {
        let quarters = [q(2019, 1), q(2019, 2), q(2019, 3), q(2019, 4), q(2020, 1)];
        let r = |v: &[f64]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
        // +2 points a quarter from 10% to 18%: 30% needs 6 more quarters.
        let p = project(
            q(2020, 1),
            &quarters,
            &r(&[0.10, 0.12, 0.14, 0.16, 0.18]),
            0.30,
        );
        match p {
            Some(Projection::Reaches(at, pace)) => {
                assert_eq!(at, q(2021, 3));
                assert!((pace - 2.0).abs() < 1e-9);
            }
            other => panic!("{other:?}"),
        }
        let falling = project(
            q(2020, 1),
            &quarters,
            &r(&[0.2, 0.2, 0.19, 0.18, 0.18]),
            0.30,
        );
        assert_eq!(falling, Some(Projection::NotAtThisPace));
        let alone = project(q(2020, 1), &quarters[4..], &r(&[0.18]), 0.30);
        assert_eq!(alone, Some(Projection::TooLittleHistory));
        // One change, however steep, is no pace.
        let one = project(q(2020, 1), &quarters[3..], &r(&[0.10, 0.11]), 0.30);
        assert_eq!(one, Some(Projection::TooLittleHistory));
        let three = project(
            q(2020, 1),
            &quarters[1..],
            &r(&[0.12, 0.14, 0.16, 0.18]),
            0.30,
        );
        assert_eq!(three, Some(Projection::TooLittleHistory));
    }
}
