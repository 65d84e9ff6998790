//! The job's settings: targets per year, comparison thresholds, and where the
//! roster and wording live. Read from `dvctt.toml`; every key has a default.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::letter_template::LetterTemplate;
use crate::roster::Roster;

mod files;
mod load;
mod validate;
use crate::wording::Wording;
pub use files::SettingsFile;
pub use load::{ConfigError, load};

const SHIPPED_ROSTER: &str = include_str!("../../templates/roster.toml");
const SHIPPED_WORDING: &str = include_str!("../../templates/wording.toml");
const SHIPPED_LETTER: &str = include_str!("../../templates/cong-van.j2");

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The roster file; relative paths are taken from the config file's folder.
    /// Unset: the roster built into the binary (a copy of templates/roster.toml).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roster: Option<PathBuf>,
    /// The wording of the workbooks; unset: the built-in copy of templates/wording.toml.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wording: Option<PathBuf>,
    /// Level-4 ratio target in percent, per year; only the years listed have
    /// one (a quarter of another year is reported with "chưa có chỉ tiêu").
    pub targets: BTreeMap<String, f64>,
    pub compare: CompareConfig,
    pub checks: ChecksConfig,
    pub lagging: LaggingConfig,
    pub deadline: DeadlineConfig,
    pub feedback: FeedbackConfig,
    pub limits: LimitsConfig,
    pub history: HistoryConfig,
    pub letter: LetterConfig,
    pub reports: ReportsConfig,
}

/// The reports folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportsConfig {
    /// How many replaced reports each quarter keeps under `truoc/`, the
    /// latest; older ones are removed when a report is replaced.
    pub keep_replaced: u32,
}

impl Default for ReportsConfig {
    fn default() -> ReportsConfig {
        ReportsConfig { keep_replaced: 20 }
    }
}

/// The draft letter (`cong-van-<quarter>.docx`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LetterConfig {
    /// The letter's words; unset: the built-in copy of templates/cong-van.j2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedbackConfig {
    /// A unit sent a feedback file is asked for its corrected report within
    /// this many days of the day the quarter's feedback was first issued.
    pub resubmit_days: u32,
    /// The day of the month after a quarter on which its report is run
    /// (the cron line's 15): a run of an older quarter (a replay) issues its
    /// feedback on that day of that month, never on the replay's own date.
    pub run_day: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeadlineConfig {
    /// A report is due this many days after the quarter's last day
    /// (10: the 10th of April for the first quarter).
    pub days_after_quarter_end: u32,
    /// A unit whose first report came in on time and whose correction came
    /// within this many days after the deadline is on time (0: the
    /// correction must come by the deadline itself).
    pub correction_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// A file larger than this is not opened (`file.too_large`).
    pub max_file_bytes: u64,
    /// A workbook whose parts, unzipped, would exceed this is not opened.
    pub max_unzipped_bytes: u64,
    /// A sheet with more cells than this is not read.
    pub max_cells: u64,
    /// Items one run takes in: the submissions folder's files (sub-folders
    /// included; past this the folder is no quarter's and the run stops)
    /// and what its archives and e-mails hold (past this, named unread).
    pub max_files: u64,
    /// Bytes one run takes in: the folder's files and what archives and
    /// e-mails unpack, together; the same two outcomes past it.
    pub max_total_bytes: u64,
    /// Memory one file's reader may take (its own process is limited to it).
    pub max_memory_bytes: u64,
    /// Time one file's reader may take, in seconds.
    pub max_seconds: u64,
    /// Read every file in a pool of reader processes, each bounded by the
    /// two limits above. Off: a file that makes the parser abort stops the run.
    pub isolate: bool,
    /// How many reader processes: 0 is one per core.
    pub readers: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HistoryConfig {
    /// Flag a ratio change whose modified z-score against the unit's past
    /// quarter-on-quarter changes (median and MAD) is above this. Read from
    /// the former key `unusual_sigma` too, so older config files still load.
    #[serde(alias = "unusual_sigma")]
    pub unusual_threshold: f64,
    /// ...once the unit has at least this many past changes.
    pub unusual_min_changes: u32,
    /// A change smaller than this many points, itself or away from the
    /// unit's median change, is never unusual (0: the score alone decides).
    pub unusual_min_points: f64,
    /// ...nor one where neither count (procedures, level-4 services) moved
    /// by at least this many: on a small unit a few services are many
    /// points (2 of 27 is 7 points), and ordinary growth (0: the points
    /// alone decide).
    pub unusual_min_count: u64,
    /// The MAD is taken as at least this many points, so that a unit whose
    /// changes were all alike is not flagged for any small difference.
    pub unusual_mad_floor_points: f64,
}

impl Default for DeadlineConfig {
    fn default() -> DeadlineConfig {
        DeadlineConfig {
            days_after_quarter_end: 10,
            correction_days: 10,
        }
    }
}

impl Default for FeedbackConfig {
    fn default() -> FeedbackConfig {
        FeedbackConfig {
            resubmit_days: 10,
            run_day: 15,
        }
    }
}

impl Default for LimitsConfig {
    fn default() -> LimitsConfig {
        LimitsConfig {
            max_file_bytes: 20 * 1024 * 1024,
            max_unzipped_bytes: 200 * 1024 * 1024,
            max_cells: 200_000,
            max_files: 10_000,
            max_total_bytes: 4 << 30,
            max_memory_bytes: 1024 * 1024 * 1024,
            max_seconds: 60,
            isolate: true,
            readers: 0,
        }
    }
}

impl Default for HistoryConfig {
    fn default() -> HistoryConfig {
        HistoryConfig {
            unusual_threshold: 3.5,
            unusual_min_changes: 4,
            unusual_min_points: 5.0,
            unusual_min_count: 5,
            unusual_mad_floor_points: 0.5,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CompareConfig {
    /// Flag a total number of procedures that changed by more than this many percent.
    pub total_change_percent: f64,
    /// Flag a ratio that rose by more than this many percentage points.
    pub ratio_rise_points: f64,
    /// What the pooled figures and the letter do with a unit whose flagged
    /// change (`ratio_jump`, `unusual_change`) awaits confirmation.
    pub unconfirmed: Unconfirmed,
}

/// A flagged change no reviewer accepted and the unit did not explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unconfirmed {
    /// The unit's figures stay out of the pooled figures and the letter's
    /// lists until confirmed; the letter says so.
    LeftOut,
    /// They are counted; the letter says they await confirmation.
    Included,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChecksConfig {
    /// How far a unit's own ratio may be from level-4 ÷ total, in percentage points.
    pub ratio_tolerance_points: f64,
    /// The most procedures (and services) a unit can have: a figure above
    /// is `value.implausible` (a digit too many, a code typed as a count).
    pub max_procedures: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LaggingConfig {
    /// Under this ratio (percent) a unit is "very low".
    pub very_low_percent: f64,
    /// Under the target this many quarters in a row (this one counted) is a
    /// lagging reason of its own, `under_target_in_a_row`.
    pub quarters_under_target: u32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            roster: None,
            wording: None,
            // Resolution 17/NQ-CP (7/3/2019): 30% by 2020; Letter 929/BTTTT-THH judged
            // the 2019 figures against the same 30%. No later target has a source
            // for this ratio (Letter 1145's 100% is of eligible services).
            targets: BTreeMap::from([("2019".to_string(), 30.0), ("2020".to_string(), 30.0)]),
            compare: CompareConfig::default(),
            checks: ChecksConfig::default(),
            lagging: LaggingConfig::default(),
            deadline: DeadlineConfig::default(),
            feedback: FeedbackConfig::default(),
            limits: LimitsConfig::default(),
            history: HistoryConfig::default(),
            letter: LetterConfig::default(),
            reports: ReportsConfig::default(),
        }
    }
}

impl Default for CompareConfig {
    fn default() -> CompareConfig {
        CompareConfig {
            total_change_percent: 10.0,
            ratio_rise_points: 25.0,
            unconfirmed: Unconfirmed::LeftOut,
        }
    }
}

impl Default for ChecksConfig {
    fn default() -> ChecksConfig {
        ChecksConfig {
            ratio_tolerance_points: 0.01,
            // The largest provinces count about 2,000 (all three levels of
            // government, April 2021): five times that is no unit's.
            max_procedures: 10_000,
        }
    }
}

impl Default for LaggingConfig {
    fn default() -> LaggingConfig {
        LaggingConfig {
            very_low_percent: 5.0,
            quarters_under_target: 2,
        }
    }
}

/// Everything the job needs from its settings, loaded and checked.
#[derive(Debug)]
pub struct Settings {
    pub config: Config,
    pub roster: Roster,
    pub wording: Wording,
    pub letter: LetterTemplate,
    /// The files the settings came from (config, roster, wording, letter
    /// template), for the run manifest.
    pub files: Vec<SettingsFile>,
}

impl Config {
    /// Parses and validates; an error names the key and its line, in one line.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config =
            toml::from_str(text).map_err(|e| crate::text::toml_problem(text, &e))?;
        config
            .validate()
            .map_err(|(key, message)| match line_of_key(text, &key) {
                Some(line) => format!("dòng {line}: {key}: {message}"),
                None => format!("{key}: {message}"),
            })?;
        Ok(config)
    }

    /// The effective config as TOML, every default filled in.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        if self.roster.is_none() {
            out.push_str("# roster: the built-in copy of templates/roster.toml\n");
        }
        if self.wording.is_none() {
            out.push_str("# wording: the built-in copy of templates/wording.toml\n");
        }
        if self.letter.template.is_none() {
            out.push_str("# letter.template: the built-in copy of templates/cong-van.j2\n");
        }
        out + &toml::to_string_pretty(self).expect("the config serializes")
    }

    /// The target for a year, as a fraction (0.3 for 30%): only a year
    /// configured has one; a target is never carried into a later year.
    pub fn target_for(&self, year: i32) -> Option<f64> {
        self.targets
            .iter()
            .find(|(y, _)| y.parse::<i32>().ok() == Some(year))
            .map(|(_, t)| t / 100.0)
    }
}

/// Keys renamed since they were first documented, (current, former): both
/// are read (serde aliases), so an error must find either in the file.
const FORMER_KEYS: [(&str, &str); 1] = [("history.unusual_threshold", "history.unusual_sigma")];

/// The line where a dotted key (`targets.2020`) is set, if it is.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let (section, name) = key.rsplit_once('.').unwrap_or(("", key));
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = header.trim().to_string();
            continue;
        }
        let Some((k, _)) = line.split_once('=') else {
            continue;
        };
        let k = k.trim().trim_matches('"');
        // A key still read under its former name is found under that name too.
        let former = FORMER_KEYS.iter().any(|(now, then)| {
            *now == key && current == section && then.ends_with(&format!(".{k}"))
        });
        if current == section && (k == name || former) {
            return Some(i + 1);
        }
        if current.is_empty() && k == key {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_is_only_the_year_s_it_is_set_for() {
        let config = Config::default();
        assert_eq!(config.target_for(2020), Some(0.3));
        assert_eq!(config.target_for(2023), None);
        assert_eq!(config.target_for(2010), None);
    }

    #[test]
    fn rejects_impossible_values_and_unknown_keys() {
        let cases = [
            ("[targets]\n2020 = 130\n", "targets.2020"),
            (
                "[compare]\nratio_rise_points = -1\n",
                "compare.ratio_rise_points",
            ),
            ("[compare]\nratio_rise = 3\n", "unknown field"),
            ("[lagging]\nvery_low_percent = \"5\"\n", "invalid type"),
        ];
        for (text, want) in cases {
            let err = Config::parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?} gave {err}");
        }
    }

    #[test]
    fn printed_config_reads_back_the_same() {
        let config = Config::default();
        let again = Config::parse(&config.to_toml()).expect("printed config parses");
        assert_eq!(again.to_toml(), config.to_toml());
    }

    #[test]
    fn shipped_config_file_is_valid() {
        let text = include_str!("../../dvctt.toml");
        let config = Config::parse(text).expect("dvctt.toml");
        assert_eq!(config.target_for(2020), Some(0.3));
    }
}
