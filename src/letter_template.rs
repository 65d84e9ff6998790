//! The words of the draft letter (công văn) that goes out with the quarter's
//! appendix, from `templates/cong-van.j2`: the Authority edits them without a
//! rebuild (`letter.template` points at its own copy). The template holds
//! words only; the figures come in a typed `Context` the code fills from the
//! finished report, already written the Vietnamese way (`14,18%`, `1.961`).
//! Each part of the letter is a named block; `report::letter` lays the
//! blocks out as a Decree 30/2020/NĐ-CP document.

use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;
use std::collections::BTreeMap;

const SHIPPED: &str = include_str!("../templates/cong-van.j2");

/// A template larger than this is not a letter's words: refused.
pub const MAX_TEMPLATE_BYTES: usize = 256 * 1024;
/// Instructions one rendering may run: a template that loops without end
/// stops with an error instead of hanging the run.
const FUEL: u64 = 2_000_000;
/// Characters one block may render to.
pub const MAX_BLOCK_CHARS: usize = 200_000;

/// The parts of the letter, in the order of the page. Every one must be in
/// the template; each renders to lines, one paragraph (or line) each.
pub const BLOCKS: [&str; 9] = [
    "co_quan",
    "so",
    "quoc_hieu",
    "dia_danh",
    "trich_yeu",
    "kinh_gui",
    "noi_dung",
    "noi_nhan",
    "chuc_vu",
];

/// What the template is given. Figures are text, already formatted; counts
/// are numbers; lists of names are in roster order.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    /// `Quý I/2020`, and its parts.
    pub quarter: String,
    pub quarter_number: String,
    pub year: i32,
    /// The period's word for level 4: `mức độ 4`, `toàn trình`.
    pub level4: String,
    pub issuer: Vec<String>,
    pub nation: Vec<String>,
    /// The ministry in running text, and the letter's number code.
    pub ministry: String,
    pub letter_code: String,
    /// `30%`; none when the year has no target.
    pub target: Option<String>,
    /// `5%`.
    pub very_low: String,
    /// The nation's pooled ratio (Σ level-4 ÷ Σ procedures of the accepted
    /// reports), `11,50%`; none when no report was accepted.
    pub pooled: Option<String>,
    pub previous: Option<PreviousContext>,
    pub expected: usize,
    pub accepted: usize,
    pub ministries: GroupContext,
    pub provinces: GroupContext,
    /// The appendix's file name (`phu-luc-2020-Q1.xlsx`): the appendix alone.
    pub appendix_file: String,
    /// The year the letter goes out: the quarter after the report's.
    pub letter_year: i32,
    /// The drafting unit, after the `-` of `letter_code` (`THH`).
    pub drafter: String,
    /// The units whose flagged change awaits confirmation, roster order.
    pub unconfirmed: Vec<String>,
    /// Their figures are left out of `pooled` and the groups' lists
    /// (`compare.unconfirmed = "left_out"`), else counted.
    pub unconfirmed_left_out: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PreviousContext {
    /// `Quý IV/2019`.
    pub quarter: String,
    /// Its pooled ratio, `11,50%`.
    pub pooled: String,
    /// The change to this quarter, `0,74` (points, no sign); none when this
    /// quarter has no pooled ratio, or when its units are not the ones behind
    /// the previous quarter's (then `common` compares like with like).
    pub change: Option<String>,
    /// `tang`, `giam` or `khong_doi`, as the change reads to two decimals.
    pub direction: Option<&'static str>,
    /// Both quarters pooled over the units accepted now that had figures
    /// then, when those are not every unit of both quarters.
    pub common: Option<CommonContext>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommonContext {
    /// How many units.
    pub units: usize,
    /// Their pooled ratio in the previous quarter, `18,38%`.
    pub before: String,
    /// And now, `19,54%`.
    pub now: String,
    /// `tang`, `giam` or `khong_doi`, as the two read to two decimals.
    pub direction: &'static str,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GroupContext {
    pub expected: usize,
    pub accepted: usize,
    pub at_target: Vec<String>,
    pub very_low: Vec<String>,
    pub missing: Vec<String>,
    pub rejected: Vec<String>,
}

/// A letter template, checked: it compiles, has every block, and renders
/// with a full and an empty context (so a misspelt name fails `dvctt
/// config`, not a run).
#[derive(Debug, Clone)]
pub struct LetterTemplate {
    source: String,
}

/// Each block's lines: trimmed, blank lines dropped, NFC, no control characters.
pub type Blocks = BTreeMap<&'static str, Vec<String>>;

impl LetterTemplate {
    pub fn shipped() -> LetterTemplate {
        LetterTemplate::parse(SHIPPED.to_string()).expect("the shipped letter template is valid")
    }

    pub fn parse(source: String) -> Result<LetterTemplate, String> {
        if source.len() > MAX_TEMPLATE_BYTES {
            return Err(format!(
                "lớn hơn {} byte, không phải lời văn của một công văn",
                MAX_TEMPLATE_BYTES
            ));
        }
        let template = LetterTemplate { source };
        for sample in [Context::sample(true), Context::sample(false)] {
            template.render(&sample)?;
        }
        Ok(template)
    }

    /// The blocks rendered with `context`.
    pub fn render(&self, context: &Context) -> Result<Blocks, String> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        env.add_template("cong-van", &self.source)
            .map_err(describe)?;
        let template = env.get_template("cong-van").map_err(describe)?;
        let mut captured = template
            .render_captured(Value::from(minijinja::value::Serde(context)))
            .map_err(describe)?;
        let mut blocks = Blocks::new();
        for name in BLOCKS {
            let text = captured
                .with_state_mut(|state| state.render_block(name))
                .map_err(|e| format!("khối {name}: {}", describe(e)))?;
            if text.chars().count() > MAX_BLOCK_CHARS {
                return Err(format!("khối {name}: dài hơn {MAX_BLOCK_CHARS} ký tự"));
            }
            blocks.insert(name, lines(&text));
        }
        Ok(blocks)
    }
}

fn describe(e: minijinja::Error) -> String {
    match e.line() {
        Some(line) => format!("dòng {line}: {}", e.detail().unwrap_or(&e.to_string())),
        None => e.to_string(),
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let kept: String = l.chars().filter(|c| !c.is_control()).collect();
            crate::text::nfc(kept.trim())
        })
        .filter(|l| !l.is_empty())
        .collect()
}

impl Context {
    /// A context with every value set (`full`) or every optional value
    /// empty, to check a template against both.
    pub(crate) fn sample(full: bool) -> Context {
        let names = |n: usize| -> Vec<String> {
            match full {
                true => (1..=n).map(|i| format!("Đơn vị {i}")).collect(),
                false => Vec::new(),
            }
        };
        let group = GroupContext {
            expected: 3,
            accepted: if full { 3 } else { 0 },
            at_target: names(1),
            very_low: names(2),
            missing: names(1),
            rejected: names(1),
        };
        Context {
            quarter: "Quý I/2020".to_string(),
            quarter_number: "I".to_string(),
            year: 2020,
            level4: "mức độ 4".to_string(),
            issuer: vec!["BỘ".to_string(), "CỤC".to_string()],
            nation: vec!["CỘNG HÒA".to_string(), "Độc lập".to_string()],
            ministry: "Bộ".to_string(),
            letter_code: "B-C".to_string(),
            target: full.then(|| "30%".to_string()),
            very_low: "5%".to_string(),
            pooled: full.then(|| "12,00%".to_string()),
            previous: full.then(|| PreviousContext {
                quarter: "Quý IV/2019".to_string(),
                pooled: "11,50%".to_string(),
                change: Some("0,50".to_string()),
                direction: Some("tang"),
                common: Some(CommonContext {
                    units: 2,
                    before: "11,00%".to_string(),
                    now: "12,00%".to_string(),
                    direction: "tang",
                }),
            }),
            expected: 6,
            accepted: group.accepted * 2,
            ministries: group.clone(),
            provinces: group,
            appendix_file: "phu-luc-2020-Q1.xlsx".to_string(),
            letter_year: 2020,
            drafter: "C".to_string(),
            unconfirmed: names(1),
            unconfirmed_left_out: full,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_checked_before_any_run() {
        let cases = [
            ("{% block co_quan %}{{ nobody }}{% endblock %}", "undefined"),
            ("{% block co_quan %}x{% endblock %}", "so"),
            ("{% block co_quan %}{% for", "dòng"),
        ];
        for (source, said) in cases {
            let e = LetterTemplate::parse(source.to_string()).unwrap_err();
            assert!(e.contains(said), "{source}: {e}");
        }
        let huge = "x".repeat(MAX_TEMPLATE_BYTES + 1);
        assert!(LetterTemplate::parse(huge).is_err());
        LetterTemplate::shipped();
    }

    #[test]
    fn a_block_too_long_to_be_a_letter_is_refused() {
        let mut source: String = BLOCKS[1..]
            .iter()
            .map(|b| format!("{{% block {b} %}}{{% endblock %}}"))
            .collect();
        let within = format!(
            "{source}{{% block co_quan %}}{{{{ 'x' * {MAX_BLOCK_CHARS} }}}}{{% endblock %}}"
        );
        assert!(LetterTemplate::parse(within).is_ok());
        source.push_str(&format!(
            "{{% block co_quan %}}{{{{ 'x' * {} }}}}{{% endblock %}}",
            MAX_BLOCK_CHARS + 1
        ));
        let e = LetterTemplate::parse(source).unwrap_err();
        assert!(e.contains("khối co_quan: dài hơn"), "{e}");
    }

    #[test]
    fn a_template_that_never_ends_is_stopped() {
        let mut source: String = BLOCKS[1..]
            .iter()
            .map(|b| format!("{{% block {b} %}}{{% endblock %}}"))
            .collect();
        source.push_str(
            "{% block co_quan %}{% for a in range(100000) %}{% for b in range(100000) %}.{% endfor %}{% endfor %}{% endblock %}",
        );
        let e = LetterTemplate::parse(source).unwrap_err();
        assert!(e.contains("fuel"), "{e}");
    }
}
