//! The overview page's map: the provinces of the quarter's roster, each drawn
//! as the union of the 2019 provinces it was formed from (its `territory`,
//! decided on the compare side), from the outlines in
//! `templates/map/provinces.topojson` (Natural Earth, public domain; see
//! templates/map/SOURCE.md). Geometry only: which class colours a unit is
//! its status and band, decided before.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// The outlines, built into the binary: the page never reads a file.
const TOPOLOGY: &str = include_str!("../../../templates/map/provinces.topojson");

/// The drawing's width in SVG units; its height follows the country's.
pub const WIDTH: f64 = 1000.0;
/// The parallel the projection is true at (equirectangular): the middle of
/// the country's length, so that neither end looks squeezed.
const TRUE_AT_LATITUDE: f64 = 16.0;
/// Room around the land and the archipelagos, in SVG units.
const MARGIN: f64 = 12.0;

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    objects: Objects,
    arcs: Vec<Vec<[i64; 2]>>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    provinces: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        id: String,
        arcs: Vec<Vec<i64>>,
    },
    MultiPolygon {
        id: String,
        arcs: Vec<Vec<Vec<i64>>>,
    },
    MultiPoint {
        id: String,
        properties: PointProperties,
        coordinates: Vec<[i64; 2]>,
    },
}

#[derive(Deserialize)]
struct PointProperties {
    name: String,
}

/// The outlines projected onto the page, once.
struct Map {
    /// Each arc's points, in SVG units (y down).
    arcs: Vec<Vec<(f64, f64)>>,
    /// Each 2019 province's rings, as arc references (negative: reversed).
    rings: BTreeMap<String, Vec<Vec<i64>>>,
    /// The archipelagos, by the province they belong to.
    islands: BTreeMap<String, Islands>,
    height: f64,
}

/// An archipelago: its name and its main islands, in SVG units.
#[derive(Clone)]
pub struct Islands {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

static MAP: LazyLock<Map> = LazyLock::new(|| {
    let topology: Topology =
        serde_json::from_str(TOPOLOGY).expect("templates/map/provinces.topojson is TopoJSON");
    Map::project(topology)
});

impl Map {
    fn project(topology: Topology) -> Map {
        let Transform { scale, translate } = topology.transform;
        let to_degrees = |(x, y): (i64, i64)| {
            (
                x as f64 * scale[0] + translate[0],
                y as f64 * scale[1] + translate[1],
            )
        };
        let arcs_degrees: Vec<Vec<(f64, f64)>> = topology
            .arcs
            .iter()
            .map(|arc| {
                let (mut x, mut y) = (0, 0);
                arc.iter()
                    .map(|[dx, dy]| {
                        x += dx;
                        y += dy;
                        to_degrees((x, y))
                    })
                    .collect()
            })
            .collect();
        let mut rings = BTreeMap::new();
        let mut islands_degrees = BTreeMap::new();
        for geometry in topology.objects.provinces.geometries {
            match geometry {
                Geometry::Polygon { id, arcs } => {
                    rings.insert(id, arcs);
                }
                Geometry::MultiPolygon { id, arcs } => {
                    rings.insert(id, arcs.into_iter().flatten().collect());
                }
                Geometry::MultiPoint {
                    id,
                    properties,
                    coordinates,
                } => {
                    let points: Vec<(f64, f64)> = coordinates
                        .iter()
                        .map(|[x, y]| to_degrees((*x, *y)))
                        .collect();
                    islands_degrees.insert(id, (properties.name, points));
                }
            }
        }
        // The frame: every point of land and sea marks, plus the margin.
        let all = arcs_degrees
            .iter()
            .flatten()
            .chain(islands_degrees.values().flat_map(|(_, p)| p));
        let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (lon, lat) in all {
            west = west.min(*lon);
            east = east.max(*lon);
            south = south.min(*lat);
            north = north.max(*lat);
        }
        let squeeze = TRUE_AT_LATITUDE.to_radians().cos();
        let k = (WIDTH - 2.0 * MARGIN) / ((east - west) * squeeze);
        let place = |(lon, lat): (f64, f64)| {
            (
                MARGIN + (lon - west) * squeeze * k,
                MARGIN + (north - lat) * k,
            )
        };
        Map {
            arcs: arcs_degrees
                .iter()
                .map(|a| a.iter().map(|p| place(*p)).collect())
                .collect(),
            rings,
            islands: islands_degrees
                .into_iter()
                .map(|(id, (name, points))| {
                    let points = points.into_iter().map(place).collect();
                    (id, Islands { name, points })
                })
                .collect(),
            height: (2.0 * MARGIN + (north - south) * k).ceil(),
        }
    }

    fn arc(&self, reference: i64) -> Vec<(f64, f64)> {
        if reference >= 0 {
            self.arcs[reference as usize].clone()
        } else {
            let mut points = self.arcs[!reference as usize].clone();
            points.reverse();
            points
        }
    }
}

/// The drawing's height in SVG units.
pub fn height() -> f64 {
    MAP.height
}

/// How a unit is drawn: its land (every ring of every province it was
/// formed from), its outline (only the borders it does not share with
/// itself, so a merged province reads as one), and its archipelago.
#[derive(Debug, Default)]
pub struct Shape {
    pub land: String,
    pub outline: String,
    pub islands: Option<Islands>,
    /// The provinces of `territory` the map has no outline for.
    pub missing: Vec<String>,
}

impl std::fmt::Debug for Islands {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({} islands)", self.name, self.points.len())
    }
}

/// The shape of a unit formed from the provinces `territory` (ids of 2019).
pub fn shape(territory: &[String]) -> Shape {
    let map = &*MAP;
    let mut shape = Shape::default();
    // How often each arc borders the unit: once on its outline, twice
    // between two of its own provinces.
    let mut uses: BTreeMap<usize, usize> = BTreeMap::new();
    for id in territory {
        let Some(rings) = map.rings.get(id) else {
            shape.missing.push(id.clone());
            continue;
        };
        for ring in rings {
            let mut points: Vec<(f64, f64)> = Vec::new();
            for reference in ring {
                let arc = map.arc(*reference);
                let skip = usize::from(!points.is_empty());
                points.extend(arc.into_iter().skip(skip));
                let index = if *reference >= 0 {
                    *reference as usize
                } else {
                    !*reference as usize
                };
                *uses.entry(index).or_default() += 1;
            }
            shape.land.push_str(&path(&points, true));
        }
        if let Some(islands) = map.islands.get(id) {
            shape.islands = Some(islands.clone());
        }
    }
    for (index, _) in uses.iter().filter(|(_, n)| **n == 1) {
        shape.outline.push_str(&path(&map.arcs[*index], false));
    }
    shape
}

/// Points as SVG path data, to a tenth of a unit, each step relative to
/// the last (the page stays small); steps that round to nothing are left
/// out.
fn path(points: &[(f64, f64)], closed: bool) -> String {
    let round = |v: f64| (v * 10.0).round() as i64;
    let mut out = String::new();
    let mut last: Option<(i64, i64)> = None;
    for (x, y) in points {
        let p = (round(*x), round(*y));
        match last {
            None => out.push_str(&format!("M{} {}", tenths(p.0), tenths(p.1))),
            Some(l) if l == p => continue,
            Some(l) => {
                // `l` once, after the move; the steps after it repeat it.
                out.push(if out.contains('l') { ' ' } else { 'l' });
                out.push_str(&format!("{} {}", tenths(p.0 - l.0), tenths(p.1 - l.1)));
            }
        }
        last = Some(p);
    }
    if closed && last.is_some() {
        out.push('z');
    }
    out
}

/// `12.3`, `-0.5`, `7` from tenths.
fn tenths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let v = v.abs();
    match v % 10 {
        0 => format!("{sign}{}", v / 10),
        d => format!("{sign}{}.{d}", v / 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn every_province_of_2019_has_an_outline() {
        let roster = crate::roster::Roster::parse(include_str!("../../../templates/roster.toml"))
            .expect("the shipped roster");
        let quarter = "2020-Q1".parse().expect("a quarter");
        let provinces: Vec<&crate::roster::Unit> = roster
            .units_in(quarter)
            .filter(|u| u.group == crate::roster::Group::II)
            .collect();
        assert_eq!(provinces.len(), 63);
        for unit in provinces {
            let shape = shape(std::slice::from_ref(&unit.code));
            assert!(shape.missing.is_empty(), "{}", unit.code);
            assert!(shape.land.starts_with('M'), "{}", unit.code);
            assert!(!shape.outline.is_empty(), "{}", unit.code);
        }
    }

    #[test]
    fn a_merged_province_has_no_border_inside() {
        // Hồ Chí Minh City of 2025: three provinces of 2019, whose shared
        // borders are drawn for none of them.
        let merged = shape(&ids(&["T79", "T77", "T74"]));
        let apart: usize = ["T79", "T77", "T74"]
            .iter()
            .map(|c| shape(&ids(&[c])).outline.matches('M').count())
            .sum();
        let inside = merged.outline.matches('M').count();
        assert!(merged.missing.is_empty());
        assert!(inside < apart, "{inside} outline pieces, {apart} apart");
        // Its land is all three provinces' rings.
        let rings: usize = ["T79", "T77", "T74"]
            .iter()
            .map(|c| shape(&ids(&[c])).land.matches('M').count())
            .sum();
        assert_eq!(merged.land.matches('M').count(), rings);
    }

    #[test]
    fn the_archipelagos_go_with_their_provinces() {
        let da_nang = shape(&ids(&["T48", "T49"]));
        assert_eq!(da_nang.islands.expect("Hoàng Sa").name, "Quần đảo Hoàng Sa");
        let khanh_hoa = shape(&ids(&["T56", "T58"]));
        assert_eq!(
            khanh_hoa.islands.expect("Trường Sa").name,
            "Quần đảo Trường Sa"
        );
        assert!(shape(&ids(&["T01"])).islands.is_none());
    }

    #[test]
    fn a_unit_the_map_does_not_know_is_named() {
        let shape = shape(&ids(&["BNV-2025"]));
        assert_eq!(shape.missing, ids(&["BNV-2025"]));
        assert!(shape.land.is_empty());
    }

    #[test]
    fn path_data_is_relative_and_skips_nothing_steps() {
        let points = [(1.0, 2.0), (1.04, 2.0), (3.0, 2.5), (3.0, 2.5), (1.0, 2.0)];
        assert_eq!(path(&points, true), "M1 2l2 0.5 -2 -0.5z");
        assert_eq!(tenths(-5), "-0.5");
        assert_eq!(tenths(120), "12");
    }
}
