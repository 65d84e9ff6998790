//! The run manifest, `reports/<quarter>/manifest.json`: which bytes a report
//! was made from and which it is. Every input (each file of the submissions
//! folder, the earlier quarters and the reviewer's file read from the
//! reports folder, the settings), the run's date, the program's and the
//! rules' versions, and the SHA-256 of every other output. Written with the
//! report as one of its files; `dvctt verify` reads it back (`diff`).
//!
//! Deterministic: no clock (the run's date is the `today` the run used, an
//! input), lists in name order, no absolute path and nothing else that
//! belongs to one machine.

mod build;
mod diff;

use serde::{Deserialize, Serialize};

pub use build::{RunInputs, manifest_bytes, submitted_files};
pub use diff::{Differences, MAX_LINES_SHOWN, differences};

pub use crate::reports_dir::MANIFEST;

/// The layout of manifest.json; a manifest of another version is not read.
pub const MANIFEST_VERSION: u32 = 1;

/// The meaning of the rules: bump it whenever a rule's meaning changes (a
/// rule added, removed, made stricter or looser, a threshold's meaning or a
/// decision of the compare stage changed), so that a report can be told
/// from one the same inputs would give under other rules. Documented in
/// docs/rules.md.
/// 2: the lagging reason `under_target_in_a_row`.
/// 3: `value.not_applicable`; an optional figure written as not applicable is no
/// longer `value.not_number`.
/// 4: `sheet.not_read`; a figure over 10^15 or two numbers in one cell is
/// `value.not_number`; procedures offered online are never the total.
/// 5: a figure is its row and its column (#21): candidates qualified by
/// period, part and visibility; `value.other_period`, `value.part`,
/// `value.merged`, `value.hidden`, `value.percentage`, `value.formula_stale`,
/// `value.implausible`, `table.total_mismatch`. And (#22)
/// `archive.directory_mismatch`, `file.over_budget`, `file.implausible_time`;
/// a zip entry's or an e-mail's date that says "unknown" no longer decides
/// lateness.
pub const RULESET_VERSION: u32 = 6;

/// The largest manifest read back with these limits: one the job wrote
/// always fits. Each of the `limits.max_files` items is one line of it (a
/// name of at most 1,024 characters, at most 4 bytes each, a unit code, a
/// verdict, a time, a size and a digest: under 5 KiB; 9,801 submissions
/// gave 1.6 MB), and the rest (settings, earlier quarters, outputs) is small.
pub fn max_bytes(limits: &crate::config::LimitsConfig) -> u64 {
    const PER_ITEM: u64 = 16 << 10;
    (64u64 << 20).max(limits.max_files.saturating_mul(PER_ITEM))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub manifest_version: u32,
    pub dvctt_version: String,
    pub ruleset_version: u32,
    pub quarter: String,
    /// The `today` the run used (`DVCTT_TODAY`, or the date in Vietnam),
    /// `YYYY-MM-DD`.
    pub run_date: String,
    pub submissions: Vec<SubmittedFile>,
    pub reports_inputs: Vec<ReportsInput>,
    pub settings: Vec<SettingsInput>,
    pub outputs: Vec<OutputFile>,
}

/// One entry of the submissions folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedFile {
    /// Relative to the submissions folder, escaped as everywhere.
    pub name: String,
    /// None: not a regular file (a pipe, a link out of the folder), or it
    /// could not be read.
    pub size: Option<u64>,
    /// None as `size`, or larger than `limits.max_file_bytes` (never
    /// opened, recorded by size only).
    pub sha256: Option<String>,
    /// The file's own outcome (`accepted`, `rejected`, `not_submission`).
    pub verdict: Option<String>,
    pub unit: Option<String>,
    /// The modification time (Vietnam time) when the run may have judged the
    /// file by it: the file gives no report date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// What an archive or e-mail held, as the intake names it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
}

/// A file inside an archive or e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: String,
    pub verdict: String,
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The size and SHA-256 of the bytes the reader took out (none for an
    /// entry not taken out: refused, or past the run's budget).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// A file read from the reports folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportsInput {
    /// `baseline` (the previous quarter), `history` (an earlier one),
    /// `acceptances` (the reviewer's unusual-accepted.txt), or
    /// `baseline_file` (given with `--baseline`, path as given).
    pub role: String,
    /// Relative to the reports folder (`baseline_file`: as given, its file
    /// name only when absolute).
    pub path: String,
    pub sha256: String,
}

/// The config, roster or wording used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsInput {
    pub role: String,
    /// As the operator wrote it; None: the copy built into the binary.
    pub path: Option<String>,
    pub built_in: bool,
    /// None only for the built-in config (every key at its default).
    pub sha256: Option<String>,
}

/// Another file of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

impl Manifest {
    /// A manifest read back; `Err` says, in Vietnamese, why it cannot be
    /// used. The version is checked before the rest is read.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, String> {
        // The version first, skipping the rest unbuilt (no JSON tree of a
        // 64 MB file in memory); then the manifest itself, once.
        #[derive(Deserialize)]
        struct Version {
            manifest_version: Option<serde_json::Value>,
        }
        if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
            return Err(format!("không phải JSON hợp lệ ({e})"));
        }
        let is_object = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
        let version = match is_object {
            true => serde_json::from_slice::<Version>(bytes).ok(),
            false => None,
        };
        match version
            .and_then(|v| v.manifest_version)
            .and_then(|v| v.as_u64())
        {
            Some(v) if v == u64::from(MANIFEST_VERSION) => {}
            Some(v) => {
                return Err(format!(
                    "phiên bản manifest {v}, chương trình này chỉ đọc phiên bản {MANIFEST_VERSION}"
                ));
            }
            None => return Err("không có trường manifest_version".to_string()),
        }
        let manifest: Manifest = serde_json::from_slice(bytes)
            .map_err(|e| format!("không đúng cấu trúc manifest ({e})"))?;
        manifest.check_names()?;
        Ok(manifest)
    }

    /// Every name verify opens is a plain name inside the folder it belongs
    /// to: a hand-edited `/etc/passwd` or `../../x` is refused, never read.
    fn check_names(&self) -> Result<(), String> {
        let plain = |name: &str| {
            !name.is_empty()
                && !name.starts_with('/')
                && name
                    .split('/')
                    .all(|part| !part.is_empty() && part != "." && part != "..")
        };
        let outputs = self.outputs.iter().map(|o| ("outputs", o.name.as_str()));
        let inputs = self
            .reports_inputs
            .iter()
            .map(|i| ("reports_inputs", i.path.as_str()));
        match outputs.chain(inputs).find(|(_, name)| !plain(name)) {
            Some((field, name)) => Err(format!(
                "manifest không hợp lệ: {field} ghi '{}', không phải một tên tệp nằm trong thư mục của nó",
                name.escape_debug()
            )),
            None => Ok(()),
        }
    }

    pub fn run_date(&self) -> Result<chrono::NaiveDate, String> {
        chrono::NaiveDate::parse_from_str(&self.run_date, "%Y-%m-%d").map_err(|_| {
            format!(
                "ngày chạy '{}' không phải ngày dạng 2020-04-15",
                self.run_date.escape_debug()
            )
        })
    }

    /// The same manifest but for the run's date: a rerun on another day
    /// that changes nothing else leaves the report in place untouched.
    pub fn same_but_date(&self, other: &Manifest) -> bool {
        let mut other = other.clone();
        other.run_date.clone_from(&self.run_date);
        *self == other
    }
}
