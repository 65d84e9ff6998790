//! The words printed in the workbooks and forms, from `templates/wording.toml`,
//! so the Authority can change a title or a note without a rebuild. Words
//! change with the period (Decree 42/2022/NĐ-CP renamed level 4 "toàn trình";
//! the Authority moved ministry in 2025): `[[period]]` tables override the
//! base words for the quarters they cover, and `in_quarter` picks them.

use serde::Deserialize;
use std::collections::BTreeMap;

use crate::quarter::Quarter;
use crate::roster::Group;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    /// The name of a level-4 (end-to-end) online service, after "DVCTT":
    /// "mức độ 4", "toàn trình".
    pub level4: String,
    /// The same for level 3: "mức độ 3", "một phần".
    pub level3: String,
    pub issuer: Vec<String>,
    pub nation: Vec<String>,
    pub appendix: String,
    pub title: String,
    pub attached_to: String,
    /// The ministry in running text ("Bộ Thông tin và Truyền thông"): the
    /// draft letter's sender. Unset in an older copy: the 2020 words.
    #[serde(default = "default_ministry")]
    pub ministry: String,
    /// What follows "Số: …/" in the draft letter's number ("BTTTT-THH").
    #[serde(default = "default_letter_code")]
    pub letter_code: String,
    pub group: BTreeMap<Group, GroupWording>,
    /// Words for some quarters only, applied in order over the base words.
    #[serde(default)]
    pub period: Vec<PeriodWording>,
    /// What the periods in force say is not confirmed yet (their
    /// `unconfirmed` keys): the run tells the operator to check it.
    #[serde(default, skip_deserializing)]
    pub unconfirmed: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupWording {
    pub heading: String,
    pub name_column: String,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Words in force from `from` to `until` (inclusive; unset: open).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodWording {
    pub from: Option<Quarter>,
    pub until: Option<Quarter>,
    pub level4: Option<String>,
    pub level3: Option<String>,
    pub issuer: Option<Vec<String>>,
    pub title: Option<String>,
    pub attached_to: Option<String>,
    pub ministry: Option<String>,
    pub letter_code: Option<String>,
    /// Words of this period not confirmed by the Authority's own letters,
    /// named in Vietnamese for the operator ("tên Cục … và số hiệu …").
    pub unconfirmed: Option<String>,
    #[serde(default)]
    pub group: BTreeMap<Group, GroupOverride>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupOverride {
    pub heading: Option<String>,
    pub notes: Option<Vec<String>>,
}

impl PeriodWording {
    fn covers(&self, quarter: Quarter) -> bool {
        self.from.is_none_or(|f| f <= quarter) && self.until.is_none_or(|u| quarter <= u)
    }
}

impl Wording {
    pub fn parse(text: &str) -> Result<Wording, String> {
        let wording: Wording =
            toml::from_str(text).map_err(|e| crate::text::toml_problem(text, &e))?;
        for group in Group::ALL {
            if !wording.group.contains_key(&group) {
                return Err(format!("thiếu [group.{}]", group.as_str()));
            }
        }
        for (i, p) in wording.period.iter().enumerate() {
            if let (Some(from), Some(until)) = (p.from, p.until)
                && until < from
            {
                return Err(format!(
                    "[[period]] thứ {}: until {until} trước from {from}",
                    i + 1
                ));
            }
        }
        Ok(wording)
    }

    /// The words in force in `quarter`: the base words with every period
    /// that covers it applied, in the file's order.
    pub fn in_quarter(&self, quarter: Quarter) -> Wording {
        self.applying(|p| p.covers(quarter))
    }

    /// The words in force today: every period with no end applied (a blank
    /// form, whose quarter the unit writes).
    pub fn latest(&self) -> Wording {
        self.applying(|p| p.until.is_none())
    }

    fn applying(&self, applies: impl Fn(&PeriodWording) -> bool) -> Wording {
        let mut out = self.clone();
        out.period = Vec::new();
        for p in self.period.iter().filter(|p| applies(p)) {
            let set = |field: &mut String, value: &Option<String>| {
                if let Some(v) = value {
                    field.clone_from(v);
                }
            };
            set(&mut out.level4, &p.level4);
            set(&mut out.level3, &p.level3);
            set(&mut out.title, &p.title);
            set(&mut out.attached_to, &p.attached_to);
            set(&mut out.ministry, &p.ministry);
            set(&mut out.letter_code, &p.letter_code);
            if let Some(what) = &p.unconfirmed {
                out.unconfirmed.push(what.clone());
            }
            if let Some(issuer) = &p.issuer {
                out.issuer.clone_from(issuer);
            }
            for (group, over) in &p.group {
                let target = out.group.get_mut(group).expect("checked on parse");
                set(&mut target.heading, &over.heading);
                if let Some(notes) = &over.notes {
                    target.notes.clone_from(notes);
                }
            }
        }
        out
    }

    /// The words of a form for `quarter`; with none, today's.
    pub fn for_form(&self, quarter: Option<Quarter>) -> Wording {
        quarter.map_or_else(|| self.latest(), |q| self.in_quarter(q))
    }

    pub fn for_group(&self, group: Group) -> &GroupWording {
        &self.group[&group]
    }

    /// The names of the levels in these words.
    pub fn levels(&self) -> Levels {
        Levels {
            level3: self.level3.clone(),
            level4: self.level4.clone(),
        }
    }

    /// "DVCTT mức độ 4" / "DVCTT toàn trình".
    pub fn dvctt4(&self) -> String {
        format!("DVCTT {}", self.level4)
    }

    /// The drafting unit, what follows the last `-` of the letter code
    /// (`THH` of `BTTTT-THH`): the letter keeps a copy there (`Lưu: VT, THH`).
    pub fn drafter(&self) -> &str {
        self.letter_code.rsplit('-').next().unwrap_or_default()
    }
}

fn default_ministry() -> String {
    "Bộ Thông tin và Truyền thông".to_string()
}

fn default_letter_code() -> String {
    "BTTTT-THH".to_string()
}

/// The period's names of the two service levels ("mức độ 3" / "mức độ 4",
/// "một phần" / "toàn trình"): every message a person reads names the
/// levels as the period's form does (`Field::label_in`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Levels {
    pub level3: String,
    pub level4: String,
}

impl Default for Levels {
    /// The base words of `templates/wording.toml` (Letter 929/BTTTT-THH).
    fn default() -> Levels {
        Levels {
            level3: "mức độ 3".to_string(),
            level4: "mức độ 4".to_string(),
        }
    }
}

impl Levels {
    /// "mức độ 3 và mức độ 4", "một phần và toàn trình": both levels together.
    pub fn both(&self) -> String {
        format!("{} và {}", self.level3, self.level4)
    }
}

/// Replaces `{quarter}` with `Quý I/2020`.
pub fn fill(text: &str, quarter: Quarter) -> String {
    text.replace("{quarter}", &quarter.vietnamese())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quarter {
        s.parse().unwrap()
    }

    #[test]
    fn shipped_words_switch_at_2022_q3_and_2025_q1() {
        let w = Wording::parse(include_str!("../templates/wording.toml")).unwrap();
        let cases = [
            ("2020-Q1", "mức độ 4", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"),
            ("2022-Q2", "mức độ 4", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"),
            ("2022-Q3", "toàn trình", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"),
            ("2024-Q4", "toàn trình", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"),
            ("2025-Q1", "toàn trình", "BỘ KHOA HỌC VÀ CÔNG NGHỆ"),
            ("2025-Q2", "toàn trình", "BỘ KHOA HỌC VÀ CÔNG NGHỆ"),
        ];
        for (quarter, level4, issuer) in cases {
            let words = w.in_quarter(q(quarter));
            assert_eq!(
                (words.level4.as_str(), words.issuer[0].as_str()),
                (level4, issuer),
                "{quarter}"
            );
            assert_eq!(
                words.title.contains("MỨC ĐỘ 4"),
                level4 == "mức độ 4",
                "{quarter}: {}",
                words.title
            );
        }
        assert_eq!(w.latest().level4, "toàn trình");
    }
}
