//! Reading the draft letter back (its paragraphs from `word/document.xml`)
//! and checking it against summary.json, both written independently of the
//! program: summary.json's units are summed and filtered here, and the
//! phrases are those of the shipped template.

use crate::support::*;

/// The letter's paragraphs as text, from `word/document.xml` (a tab as a space).
pub(super) fn letter(wd: &Workdir, quarter: &str) -> Vec<String> {
    let path = wd.path(&format!("reports/{quarter}/cong-van-{quarter}.docx"));
    paragraphs(&xml(&path, "word/document.xml"))
}

pub(super) fn paragraphs(document: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in document.split("</w:p>") {
        let mut text = String::new();
        let mut rest = p;
        while let Some(at) = rest.find("<w:") {
            rest = &rest[at..];
            let end = rest.find('>').expect("a tag ends");
            let tag = &rest[..=end];
            rest = &rest[end + 1..];
            if tag == "<w:tab />" || tag == "<w:tab/>" {
                text.push(' ');
            } else if tag.starts_with("<w:t ") || tag == "<w:t>" {
                let close = rest.find("</w:t>").expect("a text ends");
                text.push_str(&rest[..close]);
                rest = &rest[close..];
            }
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        if !text.trim().is_empty() {
            out.push(text);
        }
    }
    out
}

pub(super) fn whole(letter: &[String]) -> String {
    letter.join("\n")
}

/// `11,50%` from a fraction, written independently of the program.
pub(super) fn vn_percent(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0).replace('.', ",")
}

/// The units of `group` in summary.json (roster order) that `keep` selects, by name.
pub(super) fn names(
    summary: &serde_json::Value,
    group: &str,
    keep: impl Fn(&serde_json::Value) -> bool,
) -> Vec<String> {
    summary["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["group"] == group && keep(u))
        .map(|u| u["name"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .into_iter()
        .fold(Vec::new(), |mut names, name| {
            // The letter names units in Vietnamese alphabetical order (the
            // order itself is tested on literal lists in letter.rs).
            let at = names
                .binary_search_by(|n: &String| dvctt::collate::compare(n, &name))
                .unwrap_or_else(|at| at);
            names.insert(at, name);
            names
        })
}

pub(super) fn accepted_ratio(u: &serde_json::Value) -> Option<f64> {
    (u["status"] == "accepted")
        .then(|| u["ratio"].as_f64())
        .flatten()
}

/// The phrase the shipped template writes for a count and its names.
pub(super) fn counted(names: &[String], word: &str) -> String {
    match names.is_empty() {
        true => format!("0 {word}"),
        false => format!("{} {word} ({})", names.len(), names.join(", ")),
    }
}

/// Σ level-4 ÷ Σ total over the accepted units of summary.json.
pub(super) fn pooled(summary: &serde_json::Value) -> f64 {
    let accepted: Vec<&serde_json::Value> = summary["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] == "accepted")
        .collect();
    let sum = |key: &str| {
        accepted
            .iter()
            .map(|u| u[key].as_u64().unwrap())
            .sum::<u64>()
    };
    sum("level4") as f64 / sum("total") as f64
}

/// Checks every figure and list of the letter against summary.json.
pub(super) fn assert_letter_matches_summary(text: &str, summary: &serde_json::Value) {
    let target = summary["target_percent"].as_f64().expect("a target") / 100.0;
    let very_low = summary["very_low_percent"].as_f64().unwrap() / 100.0;
    let pooled = pooled(summary);
    assert_eq!(
        vn_percent(summary["totals"]["pooled_ratio"].as_f64().unwrap()),
        vn_percent(pooled)
    );
    assert!(
        text.contains(&format!("đạt {}", vn_percent(pooled))),
        "{text}"
    );
    for (group, word) in [("I", "bộ, cơ quan"), ("II", "tỉnh, thành phố")] {
        let at = names(summary, group, |u| {
            accepted_ratio(u).is_some_and(|r| r >= target)
        });
        let low = names(summary, group, |u| {
            accepted_ratio(u).is_some_and(|r| r < very_low)
        });
        let accepted = names(summary, group, |u| u["status"] == "accepted").len();
        let expected = names(summary, group, |_| true).len();
        assert!(
            text.contains(&counted(&at, word)),
            "{group} at target {at:?}: {text}"
        );
        assert!(
            text.contains(&counted(&low, word)),
            "{group} very low {low:?}: {text}"
        );
        assert!(
            text.contains(&format!("{accepted}/{expected} {word}")),
            "{group}: {accepted}/{expected}"
        );
    }
    let missing = [
        names(summary, "I", |u| u["status"] == "missing"),
        names(summary, "II", |u| u["status"] == "missing"),
    ]
    .concat();
    let rejected = [
        names(summary, "I", |u| u["status"] == "rejected"),
        names(summary, "II", |u| u["status"] == "rejected"),
    ]
    .concat();
    if !missing.is_empty() {
        assert!(
            text.contains(&format!(
                "Chưa gửi báo cáo: {}",
                counted(&missing, "đơn vị")
            )),
            "{text}"
        );
    }
    if !rejected.is_empty() {
        assert!(
            text.contains(&counted(&rejected, "đơn vị")),
            "{rejected:?}: {text}"
        );
    }
    if missing.is_empty() && rejected.is_empty() {
        assert!(
            text.contains("Tất cả các đơn vị đã gửi báo cáo hợp lệ"),
            "{text}"
        );
    }
}
