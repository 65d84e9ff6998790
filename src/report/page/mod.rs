//! `tong-quan-<quarter>.html`: the quarter at a glance for the reviewers
//! and the Authority's leadership, one self-contained page (inline CSS, an
//! inline SVG map and charts, a small inline script that only sorts the
//! units' table; nothing fetched from anywhere, so it opens on an intranet
//! machine). It lays out what the finished report decided: the headline
//! figures as the draft letter states them, the map of the provinces by
//! status and band, the charts in the compare stage's order, the two lists,
//! the unusual changes to review and every unit's figures, with links to
//! the report's other files. Prints on A4 landscape.

mod bars;
mod map;
mod tables;

use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::compare::{Band, QuarterReport, Status, UnitReport};
use crate::roster::Group;
use crate::text::{vn_count, vn_percent};

/// The page's name in the quarter's folder.
pub fn file_name(quarter: crate::quarter::Quarter) -> String {
    format!("tong-quan-{quarter}.html")
}

const TEMPLATE: &str = include_str!("tong-quan.html");
const STYLE: &str = include_str!("tong-quan.css");
const SCRIPT: &str = include_str!("sort.js");

/// The page's bytes. `files` are the names of the other files the run
/// writes (`phan-hoi/…` included): the page links only to those.
pub fn render(report: &QuarterReport, files: &[String]) -> Result<Vec<u8>, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // The name ends in .html: every value is escaped as HTML.
    env.add_template("tong-quan.html", TEMPLATE)
        .map_err(|e| format!("tong-quan.html: {e}"))?;
    let page = context(report, files);
    let html = env
        .get_template("tong-quan.html")
        .and_then(|t| t.render(Value::from(minijinja::value::Serde(&page))))
        .map_err(|e| format!("tong-quan.html: {e}"))?;
    Ok(html.into_bytes())
}

/// The CSS class a unit is coloured by on the map and in the charts: its
/// status, else its band.
pub(super) fn class_of(unit: &UnitReport) -> &'static str {
    match (unit.status, unit.band) {
        (Status::Missing, _) => "missing",
        (Status::Rejected, _) => "rejected",
        (Status::Accepted, Band::AtTarget) => "at-target",
        (Status::Accepted, Band::BelowTarget) => "below-target",
        (Status::Accepted, Band::VeryLow) => "very-low",
        (Status::Accepted, Band::Unjudged) => "unjudged",
    }
}

#[derive(Serialize)]
struct Page {
    lang_title: String,
    issuer: Vec<String>,
    heading: String,
    quarter: String,
    measure: String,
    dvctt4: String,
    cards: Vec<Card>,
    map: MapView,
    legend: Vec<LegendItem>,
    charts: Vec<ChartView>,
    lines_note: String,
    tables: tables::Tables,
    links: Vec<Link>,
    style: &'static str,
    script: &'static str,
}

/// A headline figure: what it is, the figure, and a line under it.
#[derive(Serialize)]
struct Card {
    label: String,
    value: String,
    note: String,
}

#[derive(Serialize)]
struct MapView {
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
struct MapUnit {
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
struct LegendItem {
    class: &'static str,
    label: String,
    count: usize,
    /// The units' names, where the letter names them too.
    names: Vec<String>,
}

#[derive(Serialize)]
struct ChartView {
    title: String,
    chart: bars::Chart,
}

#[derive(Serialize)]
struct Link {
    href: String,
    label: String,
}

fn context(report: &QuarterReport, files: &[String]) -> Page {
    let words = &report.wording;
    let quarter = report.quarter.vietnamese();
    let target = report.target.map(|t| vn_percent(t).replace(",00", ""));
    let very_low = vn_percent(report.very_low).replace(",00", "");
    let measure = match &target {
        Some(t) => format!(
            "Chỉ tiêu năm {}: tỷ lệ DVCTT {} trên tổng số thủ tục hành chính đạt {t}; ngưỡng rất thấp: dưới {very_low}. Hạn nộp báo cáo: {}.",
            report.quarter.year,
            words.level4,
            report.due.format("%d/%m/%Y")
        ),
        None => format!(
            "Năm {} chưa có chỉ tiêu về tỷ lệ DVCTT {}; ngưỡng rất thấp: dưới {very_low}. Hạn nộp báo cáo: {}.",
            report.quarter.year,
            words.level4,
            report.due.format("%d/%m/%Y")
        ),
    };
    let lines_note = match &target {
        Some(t) => format!(
            "Vạch xanh đậm: chỉ tiêu {t}; vạch đỏ: ngưỡng rất thấp {very_low}. Thấp nhất ở trên; đơn vị chưa nộp hoặc báo cáo không hợp lệ ở đầu."
        ),
        None => format!(
            "Vạch đỏ: ngưỡng rất thấp {very_low} (năm {} chưa có chỉ tiêu). Thấp nhất ở trên; đơn vị chưa nộp hoặc báo cáo không hợp lệ ở đầu.",
            report.quarter.year
        ),
    };
    let charts = Group::ALL
        .iter()
        .map(|g| ChartView {
            title: format!("Tỷ lệ {} {quarter}, {}", words.dvctt4(), group_name(*g)),
            chart: bars::chart(report, *g),
        })
        .collect();
    Page {
        lang_title: format!("Tổng quan {quarter} - tỷ lệ {}", words.dvctt4()),
        issuer: words.issuer.clone(),
        heading: format!(
            "TỔNG QUAN CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN {}",
            words.level4.to_uppercase()
        ),
        quarter: quarter.clone(),
        measure,
        dvctt4: words.dvctt4(),
        cards: cards(report, target.as_deref(), &very_low),
        map: map_view(report, target.as_deref()),
        legend: legend(report, target.as_deref(), &very_low),
        charts,
        lines_note,
        tables: tables::tables(report, files),
        links: links(report, files),
        style: STYLE,
        script: SCRIPT,
    }
}

fn group_name(group: Group) -> &'static str {
    match group {
        Group::I => "bộ, cơ quan ngang bộ (nhóm I)",
        Group::II => "tỉnh, thành phố (nhóm II)",
    }
}

/// The headline figures, in the words of the draft letter.
fn cards(report: &QuarterReport, target: Option<&str>, very_low: &str) -> Vec<Card> {
    let all = report.totals(None);
    let groups = Group::ALL.map(|g| report.totals(Some(g)));
    let ratio = |r: Option<f64>| r.map_or("-".to_string(), vn_percent);
    let change = |group: Option<Group>, now: Option<f64>| change_phrase(report, group, now);
    let mut cards = vec![
        Card {
            label: "Báo cáo hợp lệ".to_string(),
            value: format!("{}/{} đơn vị", all.accepted, all.expected),
            note: format!(
                "Đã nộp {}; không hợp lệ {}; chưa nộp {}",
                all.submitted, all.rejected, all.missing
            ),
        },
        Card {
            label: format!("Tỷ lệ {} chung cả nước", report.wording.dvctt4()),
            value: ratio(all.pooled_ratio),
            note: change(None, all.pooled_ratio),
        },
    ];
    for (group, totals) in Group::ALL.iter().zip(&groups) {
        cards.push(Card {
            label: format!(
                "{} {}/{} hợp lệ",
                capitalised(group_name(*group)),
                totals.accepted,
                totals.expected
            ),
            value: ratio(totals.pooled_ratio),
            note: change(Some(*group), totals.pooled_ratio),
        });
    }
    cards.push(match (target, all.meeting_target) {
        (Some(t), Some(n)) => Card {
            label: format!("Đạt chỉ tiêu {t}"),
            value: format!("{n} đơn vị"),
            note: format!(
                "Nhóm I: {}; nhóm II: {}",
                groups[0].meeting_target.unwrap_or(0),
                groups[1].meeting_target.unwrap_or(0)
            ),
        },
        _ => Card {
            label: "Chỉ tiêu".to_string(),
            value: "Chưa có".to_string(),
            note: format!("Năm {} chưa có chỉ tiêu", report.quarter.year),
        },
    });
    cards.push(Card {
        label: format!("Tỷ lệ rất thấp (dưới {very_low})"),
        value: format!("{} đơn vị", all.below_very_low),
        note: format!(
            "Nhóm I: {}; nhóm II: {}",
            groups[0].below_very_low, groups[1].below_very_low
        ),
    });
    let unusual = report.unusual_to_review().len();
    cards.push(Card {
        label: "Thay đổi bất thường chờ xem xét".to_string(),
        value: format!("{unusual} đơn vị"),
        note: match unusual {
            0 => "Không có thay đổi nào chờ người rà soát".to_string(),
            _ => "Xem danh sách bên dưới".to_string(),
        },
    });
    cards.push(Card {
        label: "Nộp đúng hạn".to_string(),
        value: format!("{}/{} đơn vị", all.on_time, all.expected),
        note: format!(
            "Nộp muộn: {}; hạn nộp {}",
            all.late,
            report.due.format("%d/%m/%Y")
        ),
    });
    cards
}

/// `Thừa…` from `thừa…`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// A pooled ratio against the previous quarter's, on like-for-like units,
/// as the draft letter says the nation's.
fn change_phrase(report: &QuarterReport, group: Option<Group>, now: Option<f64>) -> String {
    let Some(previous) = report.previous_pooled_in(group) else {
        return format!(
            "Chưa có số liệu {} để so sánh",
            report.quarter.previous().vietnamese()
        );
    };
    let p = super::letter::previous_context(previous, now);
    match (&p.change, p.direction, &p.common) {
        (Some(change), Some("tang"), _) => {
            format!("Tăng {change} điểm % so với {} ({})", p.quarter, p.pooled)
        }
        (Some(change), Some("giam"), _) => {
            format!("Giảm {change} điểm % so với {} ({})", p.quarter, p.pooled)
        }
        (Some(_), _, _) => format!("Không thay đổi so với {} ({})", p.quarter, p.pooled),
        (None, _, Some(common)) => {
            let moved = match common.direction {
                "tang" => format!("tăng từ {} lên {}", common.before, common.now),
                "giam" => format!("giảm từ {} xuống {}", common.before, common.now),
                _ => format!("không thay đổi ({})", common.now),
            };
            format!(
                "{}: {} (khác các đơn vị quý này); trên cùng {} đơn vị hợp lệ cả hai quý: {moved}",
                p.quarter, p.pooled, common.units
            )
        }
        (None, _, None) => format!("{}: {} (khác các đơn vị quý này)", p.quarter, p.pooled),
    }
}

fn map_view(report: &QuarterReport, target: Option<&str>) -> MapView {
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
        let tip = match (unit.status, unit.ratio()) {
            (Status::Accepted, Some(r)) => format!("{}: {}", unit.name, vn_percent(r)),
            (status, _) => format!("{}: {}", unit.name, status.vietnamese().to_lowercase()),
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
fn legend(report: &QuarterReport, target: Option<&str>, very_low: &str) -> Vec<LegendItem> {
    let provinces: Vec<&UnitReport> = report
        .units
        .iter()
        .filter(|u| u.group == Group::II)
        .collect();
    let standing = report.standing(Group::II);
    let none: Vec<&UnitReport> = Vec::new();
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
        ("missing", "Chưa nộp báo cáo".to_string(), &standing.missing),
        (
            "rejected",
            "Báo cáo không hợp lệ".to_string(),
            &standing.rejected,
        ),
    ]);
    classes
        .into_iter()
        .map(|(class, label, named)| LegendItem {
            class,
            label,
            count: provinces.iter().filter(|u| class_of(u) == class).count(),
            names: named.iter().map(|u| u.name.clone()).collect(),
        })
        .collect()
}

/// The report's other files a reader opens from the page.
fn links(report: &QuarterReport, files: &[String]) -> Vec<Link> {
    let q = report.quarter;
    let wanted = [
        (
            format!("tong-hop-{q}.xlsx"),
            "Bảng tổng hợp (Phụ lục và các bảng chi tiết)",
        ),
        (
            format!("don-vi-cham-{q}.xlsx"),
            "Danh sách đơn vị chưa đạt chỉ tiêu và nộp muộn (bản in)",
        ),
        (format!("cong-van-{q}.docx"), "Dự thảo công văn"),
        (
            super::feedback::list_name(),
            "Danh sách gửi phản hồi cho các đơn vị",
        ),
    ];
    wanted
        .into_iter()
        .filter(|(name, _)| files.contains(name))
        .map(|(href, label)| Link {
            label: format!("{label}: {href}"),
            href,
        })
        .collect()
}

/// `1.961`, or `-` for none.
fn count_text(n: Option<u64>) -> String {
    n.map_or("-".to_string(), vn_count)
}
