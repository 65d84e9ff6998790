//! The roster checks that keep a unit from being counted twice or chained to
//! itself: ids, (GSO code, quarter) pairs, predecessors.

use std::collections::HashMap;

use super::{Group, Unit, code_key};

/// Refuses a (GSO code, quarter) pair that names two units.
pub(super) fn check_gso_codes(units: &[Unit]) -> Result<(), String> {
    for (i, a) in units.iter().enumerate() {
        let Some(gso) = &a.gso else { continue };
        if gso.len() != 2 || !gso.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{}: mã GSO '{gso}' không phải hai chữ số", a.code));
        }
        if let Some(b) = units[i + 1..]
            .iter()
            .find(|b| b.gso.as_ref() == Some(gso) && a.overlaps(b))
        {
            return Err(format!(
                "mã GSO {gso} ứng với hai đơn vị trong cùng các quý: {} ({}) và {} ({})",
                a.code, a.name, b.code, b.name
            ));
        }
    }
    Ok(())
}

/// The longest address accepted (RFC 5321's limit on a path).
const MAX_EMAIL_CHARS: usize = 254;

/// Refuses a unit name holding a control character: the name is printed in
/// the cron mail, the workbooks and the letter, and a BEL or an escape
/// sequence would reach the operator's terminal raw.
pub(super) fn check_names(units: &[Unit]) -> Result<(), String> {
    for unit in units {
        if unit.name.trim().is_empty() || unit.name.chars().any(char::is_control) {
            return Err(format!(
                "{}: tên đơn vị '{}' trống hoặc có ký tự điều khiển",
                unit.code,
                unit.name.escape_debug()
            ));
        }
    }
    Ok(())
}

/// Refuses an addressee the feedback could not print as it stands (empty,
/// not in NFC, holding a control or an invisible character), and a unit
/// whose `city` says other than its name or group: a ministry is no city,
/// and `Thành phố …` is one (else it would be written to as a province).
pub(super) fn check_addressees(units: &[Unit]) -> Result<(), String> {
    for unit in units {
        let who = format!("{} ({})", unit.code, unit.name);
        if let Some(addressee) = &unit.addressee {
            // Shown as names are: escaped, and marked when decomposed
            // (it would look the same as the composed text otherwise).
            let shown = crate::text::escape(addressee.as_bytes());
            let problem = if addressee.trim().is_empty() {
                Some("trống")
            } else if addressee
                .chars()
                .any(|c| c.is_control() || crate::text::is_invisible(c))
            {
                Some("có ký tự điều khiển hoặc ký tự ẩn")
            } else if !unicode_normalization::is_nfc(addressee) {
                Some(
                    "không ở dạng Unicode NFC (chữ có dấu gõ tổ hợp, đánh dấu \\{NFD}): gõ lại bằng bộ gõ tiếng Việt ở dạng dựng sẵn",
                )
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(format!("{who}: addressee (Kính gửi) '{shown}' {problem}"));
            }
        }
        let refused = match (unit.group, unit.city) {
            (Group::I, true) => Some(
                "city = true chỉ dùng cho thành phố trực thuộc Trung ương (nhóm II)".to_string(),
            ),
            (Group::II, false) if unit.name_begins("thành phố") => Some(format!(
                "tên '{}' là thành phố trực thuộc Trung ương nhưng thiếu city = true",
                unit.name
            )),
            (Group::II, true) if unit.name_begins("tỉnh") => Some(format!(
                "tên '{}' là một tỉnh nhưng có city = true",
                unit.name
            )),
            _ => None,
        };
        if let Some(problem) = refused {
            return Err(format!("{who}: {problem}"));
        }
    }
    Ok(())
}

/// Refuses a contact address that cannot be one: the sending list is read
/// by a mail merge, which would fail on it or, worse, send elsewhere.
pub(super) fn check_emails(units: &[Unit]) -> Result<(), String> {
    for unit in units {
        let Some(email) = &unit.email else { continue };
        if !plausible_email(email) {
            return Err(format!(
                "{}: thư điện tử '{}' không phải là một địa chỉ (dạng ten@co-quan.gov.vn)",
                unit.code,
                email.escape_debug()
            ));
        }
    }
    Ok(())
}

/// One `@`, a non-empty local part, a domain of dot-separated labels of
/// letters, digits and hyphens with at least one dot; printable ASCII only,
/// no spaces, commas or semicolons (which would make it two addresses).
pub(super) fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()));
    email.len() <= MAX_EMAIL_CHARS && local_ok && domain_ok
}

/// Refuses an unknown predecessor, one that still reports while its
/// successor does (its figures would count twice), and a chain of
/// predecessors that comes back to where it started.
pub(super) fn check_predecessors(
    units: &[Unit],
    by_code: &HashMap<String, usize>,
) -> Result<(), String> {
    let links = |u: &Unit| -> Vec<String> {
        u.predecessors
            .iter()
            .chain(&u.partial_predecessors)
            .cloned()
            .collect()
    };
    for unit in units {
        for p in links(unit) {
            let Some(&i) = by_code.get(&code_key(&p)) else {
                return Err(format!(
                    "{}: đơn vị tiền thân '{p}' không có trong danh mục",
                    unit.code
                ));
            };
            let before = &units[i];
            if before.overlaps(unit) {
                let from = [before.valid_from, unit.valid_from]
                    .into_iter()
                    .flatten()
                    .max();
                let when = from.map_or("trong cùng các quý".to_string(), |q| {
                    format!("trong {q}")
                });
                return Err(format!(
                    "{} ({}) là tiền thân của {} ({}) nhưng cả hai cùng báo cáo {when}: đặt valid_to của {} trước valid_from của {}",
                    before.code, before.name, unit.code, unit.name, before.code, unit.code
                ));
            }
        }
    }
    check_chains(units, by_code, links)
}

/// The most predecessors of predecessors a unit's lineage may reach back
/// through: fifty years of quarterly renames. A roster past it is refused
/// rather than walked (every run walks the lineage).
pub const MAX_LINEAGE_DEPTH: usize = 200;

fn too_long(unit: &Unit) -> String {
    format!(
        "chuỗi đơn vị tiền thân của {} ({}) dài hơn {MAX_LINEAGE_DEPTH} cấp (predecessors nối tiếp nhau): danh mục này không được dùng",
        unit.code, unit.name
    )
}

/// Refuses a chain of predecessors that comes back to where it started, or
/// that is longer than `MAX_LINEAGE_DEPTH`. One depth-first walk over the
/// whole roster, each unit finished once (a unit reached again through
/// another branch of a diamond is not walked again): linear in the roster,
/// where walking every path doubled with each level of diamonds.
fn check_chains(
    units: &[Unit],
    by_code: &HashMap<String, usize>,
    links: impl Fn(&Unit) -> Vec<String>,
) -> Result<(), String> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done(usize),
    }
    let mut state = vec![State::New; units.len()];
    for root in 0..units.len() {
        if state[root] != State::New {
            continue;
        }
        // The path from `root`, each unit with its predecessors still to see.
        let mut path: Vec<(usize, Vec<usize>)> = Vec::new();
        let predecessors = |i: usize| -> Vec<usize> {
            links(&units[i])
                .iter()
                .filter_map(|p| by_code.get(&code_key(p)).copied())
                .collect()
        };
        state[root] = State::Open;
        path.push((root, predecessors(root)));
        while let Some((unit, pending)) = path.last_mut() {
            let unit = *unit;
            let Some(next) = pending.pop() else {
                // Finished: as deep as its deepest predecessor, and one more.
                let deepest = predecessors(unit)
                    .into_iter()
                    .map(|p| match state[p] {
                        State::Done(depth) => depth + 1,
                        _ => 0,
                    })
                    .max()
                    .unwrap_or(0);
                if deepest > MAX_LINEAGE_DEPTH {
                    return Err(too_long(&units[unit]));
                }
                state[unit] = State::Done(deepest);
                path.pop();
                continue;
            };
            match state[next] {
                State::Done(_) => {}
                State::Open => {
                    let from = path.iter().position(|(i, _)| *i == next).unwrap_or(0);
                    let mut cycle: Vec<&str> = path[from..]
                        .iter()
                        .map(|(i, _)| units[*i].code.as_str())
                        .collect();
                    cycle.push(units[next].code.as_str());
                    return Err(format!(
                        "các đơn vị tiền thân tạo thành vòng: {}",
                        cycle.join(" → ")
                    ));
                }
                State::New => {
                    if path.len() > MAX_LINEAGE_DEPTH {
                        return Err(too_long(&units[path[0].0]));
                    }
                    state[next] = State::Open;
                    path.push((next, predecessors(next)));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::roster::Roster;

    #[test]
    fn plausible_addresses() {
        let cases = [
            ("vanthu@angiang.gov.vn", true),
            ("cuc.thh+q1@mic.gov.vn", true),
            ("a@b.vn", true),
            ("", false),
            ("angiang.gov.vn", false),
            ("a@b", false),
            ("a@@b.vn", false),
            ("a b@c.vn", false),
            ("a@c.vn, b@d.vn", false),
            ("a@c.vn;b@d.vn", false),
            (".a@c.vn", false),
            ("a..b@c.vn", false),
            ("a@-c.vn", false),
            ("a@c..vn", false),
            ("a@c.v1", false),
            ("vănthư@c.vn", false),
            ("=cmd|' /C calc'!A0@c.vn", false),
        ];
        for (email, want) in cases {
            assert_eq!(super::plausible_email(email), want, "{email:?}");
        }
    }

    #[test]
    fn refuses_broken_rosters_naming_the_units() {
        let unit = |code: &str, gso: &str, extra: &str| {
            format!(
                "[[unit]]\ncode='{code}'\nname='Tỉnh {code}'\ngroup='II'\ngso='{gso}'\n{extra}\n"
            )
        };
        let cases = [
            (
                unit("A", "01", "") + &unit("B", "02", "valid_from='2025-Q3'\npredecessors=['A']"),
                "A (Tỉnh A) là tiền thân của B (Tỉnh B) nhưng cả hai cùng báo cáo trong 2025-Q3",
            ),
            (
                unit("A", "01", "") + &unit("A", "02", ""),
                "mã 'A' dùng hai lần",
            ),
            (
                unit("A", "15", "valid_to='2025-Q3'") + &unit("B", "15", "valid_from='2025-Q3'"),
                "mã GSO 15 ứng với hai đơn vị trong cùng các quý: A (Tỉnh A) và B (Tỉnh B)",
            ),
            (
                unit("A", "01", "valid_to='2020-Q4'\npredecessors=['B']")
                    + &unit("B", "02", "valid_from='2021-Q1'\npredecessors=['A']"),
                "các đơn vị tiền thân tạo thành vòng: A → B → A",
            ),
        ];
        for (text, want) in cases {
            let err = Roster::parse(&text).unwrap_err();
            assert!(err.contains(want), "{text}\ngave: {err}");
        }
        let fine = unit("A", "15", "valid_to='2025-Q2'")
            + &unit("B", "15", "valid_from='2025-Q3'\npredecessors=['A']");
        assert!(Roster::parse(&fine).is_ok());
    }
}
