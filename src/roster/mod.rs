//! The units expected to report, loaded from `templates/roster.toml`: data, not
//! code, because ministries and provinces merge and split.

use serde::Deserialize;
use std::collections::HashMap;

use crate::quarter::Quarter;
use crate::text::fold;

mod lineage;
mod validate;

pub use lineage::Lineage;
use validate::{check_addressees, check_emails, check_gso_codes, check_names, check_predecessors};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
pub enum Group {
    /// Ministries, ministry-level agencies and Vietnam Social Security.
    I,
    /// Provinces and centrally-run cities.
    II,
}

impl Group {
    pub const ALL: [Group; 2] = [Group::I, Group::II];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::I => "I",
            Group::II => "II",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The stable id: never reused, never changed, separate from the GSO code
    /// (the 2019-2020 ids are `T` + the GSO code of then; see docs/roster.md).
    pub code: String,
    /// The GSO (Tổng cục Thống kê) code of a province, two digits. The same
    /// code can name another province in another period: resolved by quarter.
    #[serde(default)]
    pub gso: Option<String>,
    pub name: String,
    pub group: Group,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The first quarter the unit reports in; unset: always has.
    #[serde(default)]
    pub valid_from: Option<Quarter>,
    /// The last quarter the unit reports in (merged away after it); unset: still reports.
    #[serde(default)]
    pub valid_to: Option<Quarter>,
    /// Ids of the units merged whole into this one (one: a rename). Their
    /// figures are summed to compare with the quarters before.
    #[serde(default)]
    pub predecessors: Vec<String>,
    /// Ids of the units a part of which passed to this one (a split, or a
    /// function moved between ministries): no figure before is comparable.
    #[serde(default)]
    pub partial_predecessors: Vec<String>,
    /// Where the unit's feedback is sent (the sending list's last column);
    /// dvctt itself sends nothing.
    #[serde(default)]
    pub email: Option<String>,
    /// A centrally-run city (thành phố trực thuộc Trung ương), group II
    /// only: addressed through "Ủy ban nhân dân thành phố …", not "tỉnh".
    #[serde(default)]
    pub city: bool,
    /// The body the unit is written to ("Kính gửi: …") when the one
    /// derived from its name and group is not it (`Unit::addressee`).
    #[serde(default)]
    pub addressee: Option<String>,
}

impl Unit {
    /// The body an official writes to for this unit: the roster's
    /// `addressee` when it gives one; else a ministry or agency by its own
    /// name (`Bộ Công an`), a province through its people's committee
    /// (`Ủy ban nhân dân tỉnh Hà Giang`), a centrally-run city likewise
    /// (`Ủy ban nhân dân thành phố Hà Nội`). A city whose official name
    /// carries the word (`Thành phố Hồ Chí Minh`) keeps it as written, never
    /// "thành phố Thành phố"; a province named `Tỉnh …` is "tỉnh …".
    pub fn addressee(&self) -> String {
        if let Some(addressee) = &self.addressee {
            return addressee.clone();
        }
        const COMMITTEE: &str = "Ủy ban nhân dân";
        match self.group {
            Group::I => self.name.clone(),
            Group::II if self.name_begins("thành phố") => format!("{COMMITTEE} {}", self.name),
            Group::II if self.name_begins("tỉnh") => {
                let words: Vec<&str> = self.name.split_whitespace().collect();
                format!("{COMMITTEE} tỉnh {}", words[1..].join(" "))
            }
            Group::II if self.city => format!("{COMMITTEE} thành phố {}", self.name),
            Group::II => format!("{COMMITTEE} tỉnh {}", self.name),
        }
    }

    /// The name begins with `kind` (lower case), whatever its case and
    /// Unicode form: `Thành phố Hồ Chí Minh` with "thành phố".
    pub(crate) fn name_begins(&self, kind: &str) -> bool {
        crate::text::nfc(&self.name)
            .to_lowercase()
            .strip_prefix(kind)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    }

    pub fn valid_in(&self, quarter: Quarter) -> bool {
        self.valid_from.is_none_or(|from| from <= quarter)
            && self.valid_to.is_none_or(|to| quarter <= to)
    }

    fn overlaps(&self, other: &Unit) -> bool {
        let starts_before_other_ends = match (self.valid_from, other.valid_to) {
            (Some(from), Some(to)) => from <= to,
            _ => true,
        };
        let other_starts_before_self_ends = match (other.valid_from, self.valid_to) {
            (Some(from), Some(to)) => from <= to,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_self_ends
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RosterFile {
    unit: Vec<Unit>,
}

#[derive(Debug)]
pub struct Roster {
    units: Vec<Unit>,
    by_code: HashMap<String, usize>,
    /// Several units may share a name at different times (a province that
    /// absorbed another keeps its name): lookups choose by quarter.
    by_name: HashMap<String, Vec<usize>>,
}

impl Roster {
    /// Parses and validates a roster; the error names the problem in one line.
    pub fn parse(text: &str) -> Result<Roster, String> {
        let file: RosterFile =
            toml::from_str(text).map_err(|e| crate::text::toml_problem(text, &e))?;
        Roster::new(file.unit)
    }

    pub fn new(units: Vec<Unit>) -> Result<Roster, String> {
        if units.is_empty() {
            return Err("danh mục không có đơn vị nào".to_string());
        }
        let mut by_code = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, unit) in units.iter().enumerate() {
            if unit.code.trim().is_empty() || unit.name.trim().is_empty() {
                return Err(format!("đơn vị thứ {} thiếu mã hoặc tên", i + 1));
            }
            // The id names the unit's feedback file, sent by e-mail: ASCII only.
            if !unit
                .code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(format!(
                    "mã '{}' ({}): chỉ được dùng chữ cái không dấu, chữ số, '-' và '_' (mã đặt tên tệp phản hồi gửi đơn vị)",
                    unit.code.escape_debug(),
                    unit.name
                ));
            }
            if let (Some(from), Some(to)) = (unit.valid_from, unit.valid_to)
                && to < from
            {
                return Err(format!(
                    "{}: valid_to {to} trước valid_from {from}",
                    unit.code
                ));
            }
            if let Some(other) = by_code.insert(code_key(&unit.code), i) {
                return Err(format!(
                    "mã '{}' dùng hai lần: {} và {}",
                    unit.code, units[other].name, unit.name
                ));
            }
            for name in std::iter::once(&unit.name).chain(&unit.aliases) {
                let same = by_name.entry(name_key(name)).or_default();
                if let Some(&other) = same.iter().find(|&&o| o != i && units[o].overlaps(unit)) {
                    return Err(format!(
                        "tên '{}' của {} không phân biệt được với {}: cả hai cùng báo cáo trong những quý như nhau",
                        name, unit.code, units[other].code
                    ));
                }
                if !same.contains(&i) {
                    same.push(i);
                }
            }
        }
        check_gso_codes(&units)?;
        check_names(&units)?;
        check_emails(&units)?;
        check_addressees(&units)?;
        check_predecessors(&units, &by_code)?;
        Ok(Roster {
            units,
            by_code,
            by_name,
        })
    }

    /// Every unit, in the roster's order (the appendix's order).
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    pub fn by_code(&self, code: &str) -> Option<&Unit> {
        self.by_code.get(&code_key(code)).map(|&i| &self.units[i])
    }

    /// The unit a name stands for in `quarter`; with no quarter, or none
    /// valid then, the latest unit of that name (so a unit that no longer
    /// reports is still recognised, and told so).
    pub fn by_name(&self, name: &str, quarter: Option<Quarter>) -> Option<&Unit> {
        let candidates = self.by_name.get(&name_key(name))?;
        let units = candidates.iter().map(|&i| &self.units[i]);
        quarter
            .and_then(|q| units.clone().find(|u| u.valid_in(q)))
            .or_else(|| units.max_by_key(|u| (u.valid_to.is_none(), u.valid_to, u.valid_from)))
    }

    /// The units expected to report in `quarter`, in roster order.
    pub fn units_in(&self, quarter: Quarter) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(move |u| u.valid_in(quarter))
    }

    /// The unit a code written in a submission (`Mã đơn vị`) stands for in
    /// `quarter`: a stable id valid then, else a GSO code (`15`, `T15`) valid
    /// then, else the id even if no longer valid (the check says so). With no
    /// quarter, the id, else the latest unit with that GSO code.
    pub fn by_written_code(&self, written: &str, quarter: Option<Quarter>) -> Option<&Unit> {
        let by_id = self.by_code(written);
        if let Some(unit) = by_id.filter(|u| quarter.is_none_or(|q| u.valid_in(q))) {
            return Some(unit);
        }
        let key = code_key(written);
        let digits = key.strip_prefix('T').unwrap_or(&key);
        if !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let gso = format!("{digits:0>2}");
            let mut same = self
                .units
                .iter()
                .filter(|u| u.gso.as_deref() == Some(gso.as_str()));
            let found = match quarter {
                Some(q) => same.find(|u| u.valid_in(q)),
                None => same.max_by_key(|u| (u.valid_to.is_none(), u.valid_to, u.valid_from)),
            };
            if found.is_some() {
                return found;
            }
        }
        by_id
    }

    /// Today's units: those the roster gives no end (what a form with no
    /// quarter is for).
    pub fn current(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.valid_to.is_none())
    }

    /// The unit that took `code` over, if one did: the one it merged into
    /// whole, else the one that kept its name, else one that took a part of it.
    pub fn successor_of(&self, code: &str) -> Option<&Unit> {
        let key = code_key(code);
        let lists = |ids: &[String]| ids.iter().any(|p| code_key(p) == key);
        let name = self.by_code(code).map(|u| name_key(&u.name));
        self.units
            .iter()
            .find(|u| lists(&u.predecessors))
            .or_else(|| {
                self.units
                    .iter()
                    .find(|u| lists(&u.partial_predecessors) && Some(name_key(&u.name)) == name)
            })
            .or_else(|| self.units.iter().find(|u| lists(&u.partial_predecessors)))
    }

    /// The roster names nearest to an unknown name, best first.
    /// Only units that report in `when` are offered (all, with no quarter),
    /// each name once.
    pub fn closest(&self, name: &str, count: usize, when: Option<Quarter>) -> Vec<&Unit> {
        let key = name_key(name);
        let mut scored: Vec<(f64, usize)> = self
            .by_name
            .iter()
            .flat_map(|(k, is)| is.iter().map(move |&i| (k, i)))
            .filter(|(_, i)| when.is_none_or(|q| self.units[*i].valid_in(q)))
            .map(|(k, i)| (strsim::normalized_levenshtein(&key, k), i))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<&Unit> = Vec::new();
        for (_, i) in scored {
            let unit = &self.units[i];
            if !out
                .iter()
                .any(|u| u.code == unit.code || u.name == unit.name)
            {
                out.push(unit);
            }
            if out.len() == count {
                break;
            }
        }
        out
    }
}

pub(crate) fn code_key(code: &str) -> String {
    code.trim().to_uppercase()
}

/// How unit names are compared: folded, punctuation as spaces, and without a
/// leading "Tỉnh", "Thành phố", "TP.", "UBND", "Sở Thông tin và Truyền
/// thông" (or "Sở TT&TT", "Sở Khoa học và Công nghệ") or "Văn phòng UBND".
pub fn name_key(name: &str) -> String {
    let spaced: String = fold(name)
        .chars()
        .map(|c| match c {
            // Quotes and an ellipsis around a name are punctuation too
            // (`“Cà Mau”`, `Tây Ninh…`); `&` belongs to `Bộ TT&TT`.
            c if c != '&' && !c.is_alphanumeric() => ' ',
            c => c,
        })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    loop {
        let dropped = match words.as_slice() {
            ["ubnd", ..] | ["tinh", ..] | ["tp", ..] => 1,
            // `T.P Hà Nội`, `T. P. Hồ Chí Minh`.
            ["t", "p", ..] => 2,
            // The ministry's office reports for it: `Văn phòng Bộ Kế
            // hoạch và Đầu tư`.
            ["van", "phong", "bo", ..] => 2,
            ["uy", "ban", "nhan", "dan", ..] => 4,
            // The department that writes a province's report names itself:
            // `Sở Thông tin và Truyền thông tỉnh Bắc Ninh`, `Sở TT&TT Hà
            // Nội`, and since 2025 `Sở Khoa học và Công nghệ …`; its
            // office: `Văn phòng UBND tỉnh …`.
            ["so", "thong", "tin", "va", "truyen", "thong", ..]
            | ["so", "khoa", "hoc", "va", "cong", "nghe", ..] => 6,
            ["so", "tt&tt" | "tttt" | "kh&cn" | "khcn", ..] => 2,
            ["van", "phong", "ubnd", ..] => 2,
            ["van", "phong", "uy", "ban", "nhan", "dan", ..] => 2,
            ["thanh", "pho", _, ..] => 2,
            _ => 0,
        };
        if dropped == 0 || words.len() <= dropped {
            break;
        }
        words.drain(..dropped);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn shipped() -> Roster {
        Roster::parse(include_str!("../../templates/roster.toml")).expect("shipped roster")
    }

    pub(super) fn q(s: &str) -> Quarter {
        s.parse().unwrap()
    }

    #[test]
    fn shipped_roster_has_every_period_s_units() {
        let roster = shipped();
        let count = |quarter: &str, g| roster.units_in(q(quarter)).filter(|u| u.group == g).count();
        // The appendix of Letter 929; then 14 ministries (Bộ Quốc phòng, Bộ Công an, Bộ Ngoại
        // giao and Bộ Dân tộc và Tôn giáo included), Ngân hàng Nhà nước and Bảo hiểm xã hội.
        let cases = [
            ("2020-Q1", 20, 63),
            ("2025-Q1", 20, 63),
            ("2025-Q2", 16, 63),
            ("2025-Q3", 16, 34),
            ("2026-Q3", 16, 34),
        ];
        for (quarter, ministries, provinces) in cases {
            assert_eq!(
                (count(quarter, Group::I), count(quarter, Group::II)),
                (ministries, provinces),
                "{quarter}"
            );
        }
    }

    #[test]
    fn written_codes_resolve_by_period() {
        let roster = shipped();
        let cases = [
            ("15", "2020-Q1", "Yên Bái"),
            ("15", "2026-Q3", "Lào Cai"),
            ("T15", "2026-Q3", "Lào Cai"),
            ("T15", "2020-Q1", "Yên Bái"),
            ("24", "2025-Q2", "Bắc Giang"),
            ("24", "2025-Q3", "Bắc Ninh"),
            ("27", "2025-Q2", "Bắc Ninh"),
            ("LAOCAI-2025", "2026-Q3", "Lào Cai"),
            ("BTC", "2020-Q1", "Bộ Tài chính"),
            ("BTC-2025", "2026-Q3", "Bộ Tài chính"),
        ];
        for (code, quarter, name) in cases {
            let unit = roster.by_written_code(code, Some(q(quarter)));
            assert_eq!(
                unit.map(|u| u.name.as_str()),
                Some(name),
                "{code} in {quarter}"
            );
        }
        // An id no longer valid still names its unit, so the check can say it merged away.
        let gone = roster.by_written_code("BKHDT", Some(q("2026-Q3")));
        assert_eq!(gone.map(|u| u.code.as_str()), Some("BKHDT"));
    }

    #[test]
    fn names_people_write_resolve() {
        let roster = shipped();
        let cases = [
            ("TP. Hồ Chí Minh", "T79"),
            ("Thành phố Hồ Chí Minh", "T79"),
            ("TP.HCM", "T79"),
            ("Thừa Thiên - Huế", "T46"),
            ("Thừa Thiên Huế", "T46"),
            ("Thừa Thiên-Huế", "T46"),
            ("Bà Rịa-Vũng Tàu", "T77"),
            ("Bộ TT&TT", "BTTTT"),
            ("BHXH Việt Nam", "BHXH"),
            ("Tỉnh An Giang", "T89"),
            ("UBND tỉnh Quảng Ninh", "T22"),
            ("Sở Thông tin và Truyền thông tỉnh Bắc Ninh", "T27"),
            ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH BẮC NINH", "T27"),
            ("Sở TT&TT thành phố Hà Nội", "T01"),
            ("Sở TTTT Hà Nội", "T01"),
            ("Văn phòng UBND tỉnh Quảng Ninh", "T22"),
            ("Văn phòng Ủy ban nhân dân tỉnh Quảng Ninh", "T22"),
            ("Thành phố Cần Thơ", "T92"),
            ("TP. Đà Nẵng", "T48"),
            ("HÀ NỘI", "T01"),
            ("“Cà Mau”", "T96"),
            ("\"Tây Ninh\"", "T72"),
            ("Tây Ninh…", "T72"),
            ("UBND T.P HÀ NỘI", "T01"),
            ("T.P Hà Nội", "T01"),
            ("UBND Tp.HCM", "T79"),
            ("Văn phòng Bộ Kế hoạch và Đầu tư", "BKHDT"),
            ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "BLDTBXH"),
            ("Bộ Lao động – Thương binh và Xã hội", "BLDTBXH"),
            ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "BNNPTNT"),
        ];
        for (name, code) in cases {
            assert_eq!(
                roster
                    .by_name(name, Some(q("2020-Q1")))
                    .map(|u| u.code.as_str()),
                Some(code),
                "{name}"
            );
        }
        assert!(roster.by_name("Tỉnh Hà Tây", None).is_none());
        // The old names still write today name today's units.
        let today = |name| {
            roster
                .by_name(name, Some(q("2026-Q3")))
                .map(|u| u.code.as_str())
        };
        assert_eq!(today("Thừa Thiên - Huế"), Some("HUE-2025"));
        assert_eq!(today("TP.HCM"), Some("HCM-2025"));
        assert_eq!(today("Bộ Tài chính"), Some("BTC-2025"));
    }

    #[test]
    fn closest_names_an_unknown_unit_s_neighbours() {
        let roster = shipped();
        let near: Vec<&str> = roster
            .closest("Quảng Nghãi", 3, Some(q("2020-Q1")))
            .iter()
            .map(|u| u.code.as_str())
            .collect();
        assert_eq!(near.first(), Some(&"T51"));
        // A unit of another period is not offered, and a name once.
        let near = roster.closest("Văn phòng UBND tỉnh", 3, Some(q("2020-Q1")));
        let names: Vec<&str> = near.iter().map(|u| u.name.as_str()).collect();
        assert!(near.iter().all(|u| u.valid_in(q("2020-Q1"))), "{names:?}");
        let mut unique = names.clone();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    }

    #[test]
    fn a_name_can_pass_to_a_merged_unit() {
        let text = "[[unit]]\ncode='T08'\nname='Tuyên Quang'\ngroup='II'\nvalid_to='2025-Q2'\n\
                    [[unit]]\ncode='T02'\nname='Hà Giang'\ngroup='II'\nvalid_to='2025-Q2'\n\
                    [[unit]]\ncode='T08M'\nname='Tuyên Quang'\ngroup='II'\nvalid_from='2025-Q3'\npredecessors=['T08','T02']\n";
        let roster = Roster::parse(text).unwrap();
        let q = |s: &str| Some(s.parse::<Quarter>().unwrap());
        let code = |name, when| roster.by_name(name, when).map(|u| u.code.clone());
        assert_eq!(code("Tuyên Quang", q("2025-Q2")), Some("T08".into()));
        assert_eq!(code("Tuyên Quang", q("2025-Q3")), Some("T08M".into()));
        assert_eq!(code("Tuyên Quang", None), Some("T08M".into()));
        assert_eq!(roster.units_in(q("2025-Q3").unwrap()).count(), 1);
        assert_eq!(
            roster.successor_of("T02").map(|u| u.code.as_str()),
            Some("T08M")
        );
    }

    #[test]
    fn the_cities_of_each_period() {
        let roster = shipped();
        let cities = |quarter: &str| -> Vec<&str> {
            roster
                .units_in(q(quarter))
                .filter(|u| u.city)
                .map(|u| u.name.as_str())
                .collect()
        };
        let five = [
            "Cần Thơ",
            "Đà Nẵng",
            "Hà Nội",
            "Hải Phòng",
            "Thành phố Hồ Chí Minh",
        ];
        let six = [
            "Cần Thơ",
            "Đà Nẵng",
            "Hà Nội",
            "Hải Phòng",
            "Huế",
            "Thành phố Hồ Chí Minh",
        ];
        let cases: [(&str, &[&str]); 5] = [
            ("2020-Q1", &five),
            ("2024-Q4", &five),
            ("2025-Q1", &six),
            ("2025-Q2", &six),
            ("2025-Q3", &six),
        ];
        for (quarter, want) in cases {
            assert_eq!(cities(quarter), want, "{quarter}");
        }
    }

    #[test]
    fn each_unit_is_addressed_as_its_body() {
        let roster = shipped();
        let cases = [
            ("T02", "Ủy ban nhân dân tỉnh Hà Giang"),
            ("T01", "Ủy ban nhân dân thành phố Hà Nội"),
            ("T79", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
            ("HCM-2025", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
            ("T46", "Ủy ban nhân dân tỉnh Thừa Thiên Huế"),
            ("HUE-2025", "Ủy ban nhân dân thành phố Huế"),
            ("HAIPHONG-2025", "Ủy ban nhân dân thành phố Hải Phòng"),
            ("LAOCAI-2025", "Ủy ban nhân dân tỉnh Lào Cai"),
            ("BCA", "Bộ Công an"),
            ("BHXH", "Bảo hiểm xã hội Việt Nam"),
            ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
        ];
        for (code, want) in cases {
            let unit = roster.by_code(code).unwrap_or_else(|| panic!("{code}"));
            assert_eq!(unit.addressee(), want, "{code}");
        }
        let unit = |extra: &str| {
            let text = format!("[[unit]]\ncode='A'\nname='Tỉnh Hà  Giang'\ngroup='II'\n{extra}\n");
            Roster::parse(&text).unwrap().units()[0].addressee()
        };
        assert_eq!(unit(""), "Ủy ban nhân dân tỉnh Hà Giang");
        assert_eq!(
            unit("addressee='Sở Khoa học và Công nghệ tỉnh Hà Giang'"),
            "Sở Khoa học và Công nghệ tỉnh Hà Giang"
        );
    }

    #[test]
    fn rejects_ambiguous_rosters() {
        let text = "[[unit]]\ncode='A'\nname='An Giang'\ngroup='II'\n[[unit]]\ncode='B'\nname='Tỉnh An Giang'\ngroup='II'\n";
        assert!(
            Roster::parse(text)
                .unwrap_err()
                .contains("không phân biệt được")
        );
    }
}
