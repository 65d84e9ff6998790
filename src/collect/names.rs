//! What names say: a file's, an archive's or a folder's name shown safely
//! (escaped, so a newline cannot forge a line of the cron mail and two
//! different byte strings never look the same), and which unit a name names.

use unicode_normalization::UnicodeNormalization;

use crate::quarter::Quarter;
use crate::roster::{Roster, Unit, name_key};
use crate::text::fold;

/// The units every report is addressed to (Bộ TT&TT, whose Cục Tin học hóa
/// collects the reports): named in a file name beside another unit, they are
/// the addressee, not the sender.
const ADDRESSEES: [&str; 1] = ["BTTTT"];

/// `parts` (a path inside an archive or e-mail, escaped) made unique among
/// the names already `taken`, and taken: a second `a.xlsx` is `a (2).xlsx`,
/// the extension kept, numbered on until no name shown is shown twice.
pub fn unique(
    mut parts: Vec<String>,
    taken: &mut std::collections::HashSet<String>,
) -> Vec<String> {
    let Some(last) = parts.last().cloned() else {
        return parts;
    };
    let mut copy = 1;
    while !taken.insert(parts.join("/")) {
        copy += 1;
        *parts.last_mut().expect("a last part") = numbered(&last, copy);
    }
    parts
}

/// `a.xlsx` as its `copy`th of one name: `a (2).xlsx`, the extension kept.
fn numbered(name: &str, copy: usize) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{stem} ({copy}).{extension}"),
        _ => format!("{name} ({copy})"),
    }
}

/// A file macOS adds beside the real one (`._bao-cao.xlsx`, anything under
/// `__MACOSX/` in a zip made on a Mac): its resource data, never a report,
/// though it carries the report's name.
pub fn is_mac_companion(parts: &[String]) -> bool {
    parts.first().is_some_and(|p| p == "__MACOSX")
        || parts.last().is_some_and(|p| p.starts_with("._"))
}

/// Whose a name says a file is.
#[derive(Debug)]
pub enum Named<'a> {
    Nobody,
    One(&'a Unit),
    /// Two reporting units or more: never a silent pick.
    Several(Vec<&'a Unit>),
}

/// The units a name (`BaoCao_AnGiang_Q1-2020.xlsx`, `Hà Nội`) names: every
/// roster name or alias whose words stand in it in order (CamelCase words
/// split), less those inside a longer name found there; the addressee counts
/// only when no other unit is named.
pub fn units_named<'a>(roster: &'a Roster, name: &str, quarter: Option<Quarter>) -> Named<'a> {
    let words = name_words(strip_extension(name));
    // (first word, word count, unit) of each name found.
    let mut found: Vec<(usize, usize, &Unit)> = Vec::new();
    for unit in roster.units() {
        if quarter.is_some_and(|q| !unit.valid_in(q)) {
            continue;
        }
        for alias in std::iter::once(&unit.name).chain(&unit.aliases) {
            // With no quarter, a name units held over time (Bộ Tài chính
            // before and after 2025) is its latest unit's, as `by_name` says.
            if quarter.is_none()
                && !roster
                    .by_name(alias, None)
                    .is_some_and(|u| std::ptr::eq(u, unit))
            {
                continue;
            }
            let wanted = name_words(&name_key(alias));
            if wanted.is_empty() || wanted.len() > words.len() {
                continue;
            }
            for start in 0..=words.len() - wanted.len() {
                if words[start..start + wanted.len()] == wanted[..] {
                    found.push((start, wanted.len(), unit));
                }
            }
        }
    }
    let inside_longer = |&(start, len, unit): &(usize, usize, &Unit)| {
        found
            .iter()
            .any(|&(s, l, u)| u.code != unit.code && l > len && s <= start && start + len <= s + l)
    };
    let mut units: Vec<&Unit> = found
        .iter()
        .filter(|f| !inside_longer(f))
        .map(|&(_, _, u)| u)
        .collect();
    units.sort_by(|a, b| a.code.cmp(&b.code));
    units.dedup_by(|a, b| a.code == b.code);
    if units.len() > 1 {
        units.retain(|u| !ADDRESSEES.contains(&u.code.as_str()));
    }
    match units.as_slice() {
        [] => Named::Nobody,
        [one] => Named::One(one),
        _ => Named::Several(units),
    }
}

/// A file name without its extension (`.xlsx`, `.zip`); a folder name such
/// as `TP. Hồ Chí Minh` keeps its last word.
fn strip_extension(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic()) =>
        {
            stem
        }
        _ => name,
    }
}

/// Folded words, CamelCase split (`AnGiang` is `an giang`), anything but
/// letters and digits a separator (`TT&TT` is `tt tt`).
fn name_words(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    // Composed first: a decomposed mark is no letter, and would split words.
    for c in text.nfc() {
        if c.is_uppercase() && previous.is_some_and(char::is_lowercase) {
            spaced.push(' ');
        }
        spaced.push(if c.is_alphanumeric() { c } else { ' ' });
        previous = Some(c);
    }
    fold(&spaced)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Roster {
        Roster::parse(include_str!("../../templates/roster.toml")).expect("shipped roster")
    }

    fn named(roster: &Roster, name: &str, quarter: Option<&str>) -> Vec<String> {
        let quarter = quarter.map(|q| q.parse::<Quarter>().expect("quarter"));
        match units_named(roster, name, quarter) {
            Named::Nobody => vec![],
            Named::One(u) => vec![u.code.clone()],
            Named::Several(us) => us.iter().map(|u| u.code.clone()).collect(),
        }
    }

    #[test]
    fn names_name_units() {
        let roster = shipped();
        let cases: &[(&str, &[&str])] = &[
            ("BaoCao_AnGiang_Q1-2020.xlsx", &["T89"]),
            ("bc-quang-ninh.xls", &["T22"]),
            ("bao cao Quảng Nam quy 1.xlsx", &["T49"]),
            ("TP_HCM_2020Q1.xlsx", &["T79"]),
            ("bao-cao-bo-tai-chinh.xlsx", &["BTC"]),
            ("bao-cao-q1.xlsx", &[]),
            ("cao-bang.xlsx", &["T04"]),
            ("TP. Hồ Chí Minh", &["T79"]),
            ("Hà Nội", &["T01"]),
            // The addressee beside a sender is the addressee.
            ("BaoCao_HaNam_gui_BoTTTT.xlsx", &["T35"]),
            ("Bao cao Ha Nam gui Bo TT&TT.xlsx", &["T35"]),
            ("bao-cao-bo-tttt.xlsx", &["BTTTT"]),
            // Two senders: both, for the caller to refuse.
            ("bao-cao-ha-nam-ha-noi.xlsx", &["T01", "T35"]),
        ];
        for (name, codes) in cases {
            assert_eq!(named(&roster, name, Some("2020-Q1")), *codes, "{name}");
        }
        // With no quarter, a name units held over time is its latest unit's:
        // never two units, and never the one merged away.
        assert_eq!(
            named(&roster, "bao-cao-bo-tai-chinh.xlsx", None),
            ["BTC-2025"]
        );
        assert_eq!(named(&roster, "bao-cao-ha-noi.xlsx", None), ["T01"]);
        // In a quarter after the 2025 merger, Hà Nam names nobody that reports.
        assert_eq!(
            named(&roster, "bao-cao-ha-nam.xlsx", Some("2026-Q3")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn names_made_unique_never_meet_one_already_taken() {
        let mut taken = std::collections::HashSet::new();
        let cases: &[(&[&str], &[&str])] = &[
            (&["bc.xlsx"], &["bc.xlsx"]),
            (&["bc (2).xlsx"], &["bc (2).xlsx"]),
            // The third of one name skips the one taken by a literal name.
            (&["bc.xlsx"], &["bc (3).xlsx"]),
            (&["bc.xlsx"], &["bc (4).xlsx"]),
            (&["x", "bc.xlsx"], &["x", "bc.xlsx"]),
            (&["ghi-chu"], &["ghi-chu"]),
            (&["ghi-chu"], &["ghi-chu (2)"]),
        ];
        for (parts, want) in cases {
            let parts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            assert_eq!(unique(parts.clone(), &mut taken), *want, "{parts:?}");
        }
    }
}
