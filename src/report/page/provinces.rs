//! The overview page's map section: each province of the quarter's roster
//! with its shape (`map::shape` of its territory), its colour class and
//! what the pointer shows, the archipelagos' names, the provinces the
//! outlines cannot draw, and the legend (each class's count, and by name
//! the provinces the draft letter names).

use serde::Serialize;

use super::{class_of, map, ratio_text};
use crate::compare::{QuarterReport, UnitReport};
use crate::roster::Group;

#[derive(Serialize)]
pub struct MapView {
    title: String,
    width: f64,
    height: f64,
    units: Vec<MapUnit>,
    /// Units of the quarter's roster the outlines cannot draw.
    not_drawn: Vec<String>,
    /// Whether some unit is drawn as several provinces of 2019.
    merged: bool,
    provinces: usize,
}

#[derive(Serialize)]
pub struct MapUnit {
    code: String,
    name: String,
    class: &'static str,
    /// What a pointer resting on it shows: name, ratio or status.
    tip: String,
    land: String,
    outline: String,
    islands: Vec<(f64, f64)>,
    islands_name: Option<String>,
    label_x: f64,
    label_y: f64,
}

#[derive(Serialize)]
pub struct LegendItem {
    class: &'static str,
    label: String,
    count: usize,
    /// The units' names, where the letter names them too.
    names: Vec<String>,
}

pub fn map_view(report: &QuarterReport, target: Option<&str>) -> MapView {
    let mut units = Vec::new();
    let mut not_drawn = Vec::new();
    let provinces: Vec<&UnitReport> = report
        .units
        .iter()
        .filter(|u| u.group == Group::II)
        .collect();
    for unit in &provinces {
        let shape = map::shape(&unit.territory);
        if !shape.missing.is_empty() {
            not_drawn.push(unit.name.clone());
            continue;
        }
        let tip = match ratio_text(unit) {
            Some(ratio) => format!("{}: {ratio}", unit.name),
            None => format!("{}: {}", unit.name, unit.status.vietnamese().to_lowercase()),
        };
        let (label_x, label_y) = shape
            .islands
            .as_ref()
            .map(|i| label_point(&i.points))
            .unwrap_or_default();
        units.push(MapUnit {
            code: unit.code.clone(),
            name: unit.name.clone(),
            class: class_of(unit),
            tip,
            land: shape.land,
            outline: shape.outline,
            islands: shape
                .islands
                .as_ref()
                .map(|i| {
                    i.points
                        .iter()
                        .map(|(x, y)| (round(*x), round(*y)))
                        .collect()
                })
                .unwrap_or_default(),
            islands_name: shape.islands.map(|i| i.name),
            label_x,
            label_y,
        });
    }
    let title = match target {
        Some(t) => format!(
            "Tỷ lệ {} của các tỉnh, thành phố, {} (chỉ tiêu {t})",
            report.wording.dvctt4(),
            report.quarter.vietnamese()
        ),
        None => format!(
            "Tỷ lệ {} của các tỉnh, thành phố, {} (năm {} chưa có chỉ tiêu)",
            report.wording.dvctt4(),
            report.quarter.vietnamese(),
            report.quarter.year
        ),
    };
    MapView {
        title,
        width: map::WIDTH,
        height: map::height(),
        merged: provinces.iter().any(|u| u.territory.len() > 1),
        provinces: provinces.len(),
        units,
        not_drawn,
    }
}

/// Where an archipelago's name ends: over its northernmost island, at its
/// easternmost (the name runs west from there, over the sea).
fn label_point(points: &[(f64, f64)]) -> (f64, f64) {
    let east = points.iter().map(|p| p.0).fold(f64::MIN, f64::max);
    let north = points.iter().map(|p| p.1).fold(f64::MAX, f64::min);
    (round(east + 5.0), round(north - 14.0))
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// What each colour of the map means, how many provinces it covers, and
/// by name those the draft letter names (at the target, very low, missing,
/// rejected).
pub fn legend(report: &QuarterReport, target: Option<&str>, very_low: &str) -> Vec<LegendItem> {
    let provinces: Vec<&UnitReport> = report
        .units
        .iter()
        .filter(|u| u.group == Group::II)
        .collect();
    let standing = report.standing(Group::II);
    let none: Vec<&UnitReport> = Vec::new();
    // Named as the overview's list of changes to review names them.
    let mut waiting: Vec<&UnitReport> = provinces
        .iter()
        .copied()
        .filter(|u| class_of(u) == "awaiting")
        .collect();
    waiting.sort_by(|a, b| crate::collate::compare(&a.name, &b.name));
    // (class, what it means, the units named)
    let mut classes: Vec<(&'static str, String, &Vec<&UnitReport>)> = match target {
        Some(t) => vec![
            (
                "at-target",
                format!("Đạt chỉ tiêu (từ {t} trở lên)"),
                &standing.at_target,
            ),
            (
                "below-target",
                format!("Chưa đạt chỉ tiêu (từ {very_low} đến dưới {t})"),
                &none,
            ),
        ],
        None => vec![(
            "unjudged",
            format!("Từ {very_low} trở lên (chưa có chỉ tiêu)"),
            &none,
        )],
    };
    classes.extend([
        (
            "very-low",
            format!("Rất thấp (dưới {very_low})"),
            &standing.very_low,
        ),
        (
            "awaiting",
            "Chờ xác nhận (thay đổi bất thường, chưa tính vào số liệu chung)".to_string(),
            &waiting,
        ),
        ("missing", "Chưa nộp báo cáo".to_string(), &standing.missing),
        (
            "rejected",
            "Báo cáo không hợp lệ".to_string(),
            &standing.rejected,
        ),
    ]);
    classes
        .into_iter()
        // "Chờ xác nhận" only when some province waits.
        .filter(|(class, _, named)| *class != "awaiting" || !named.is_empty())
        .map(|(class, label, named)| LegendItem {
            class,
            label,
            count: provinces.iter().filter(|u| class_of(u) == class).count(),
            names: named.iter().map(|u| u.name.clone()).collect(),
        })
        .collect()
}
