//! `tong-quan-<quarter>.html`: the quarter at a glance for the reviewers
//! and the Authority's leadership, one self-contained page (inline CSS, an
//! inline SVG map and charts, a small inline script that only sorts the
//! units' table; nothing fetched from anywhere, so it opens on an intranet
//! machine). It lays out what the finished report decided: the headline
//! figures as the draft letter states them, the map of the provinces by
//! status and band, the charts in the compare stage's order, the two lists,
//! the changes awaiting confirmation and every unit's figures, with links to
//! the report's other files. Prints on A4 landscape.

mod bars;
mod headline;
mod map;
mod provinces;
mod tables;

use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::compare::{Band, QuarterReport, Status, UnitReport};
use crate::roster::Group;
use crate::text::{vn_count, vn_percent};

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
    cards: Vec<headline::Card>,
    map: provinces::MapView,
    legend: Vec<provinces::LegendItem>,
    charts: Vec<ChartView>,
    lines_note: String,
    tables: tables::Tables,
    links: Vec<Link>,
    style: &'static str,
    script: &'static str,
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
        cards: headline::cards(report, target.as_deref(), &very_low),
        map: provinces::map_view(report, target.as_deref()),
        legend: provinces::legend(report, target.as_deref(), &very_low),
        charts,
        lines_note,
        tables: tables::tables(report, files),
        links: links(report, files),
        style: STYLE,
        script: SCRIPT,
    }
}

pub(super) fn group_name(group: Group) -> &'static str {
    match group {
        Group::I => "bộ, cơ quan ngang bộ (nhóm I)",
        Group::II => "tỉnh, thành phố (nhóm II)",
    }
}

/// The report's other files a reader opens from the page.
fn links(report: &QuarterReport, files: &[String]) -> Vec<Link> {
    let q = report.quarter;
    let wanted = [
        (format!("phu-luc-{q}.xlsx"), "Phụ lục gửi kèm công văn"),
        (
            format!("tong-hop-{q}.xlsx"),
            "Bảng tổng hợp nội bộ (Phụ lục và các bảng chi tiết)",
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
