//! The few things a run reads back from a `summary.json` (the report in
//! place, an earlier quarter's): each unit's code, status and two counts,
//! and the day feedback was issued. Streamed as it is parsed, keeping only
//! those: what the file also holds (every file and finding of a quarter of
//! thousands of archive entries: 166 MB once) costs time, never memory, so
//! a summary the job wrote is always one it can read back.

use serde::Deserialize;
use serde::de::{IgnoredAny, SeqAccess, Visitor};
use std::io::{BufReader, Read};
use std::path::Path;

/// The largest summary read: far above what `limits.max_files` items can
/// make, a bound on time only (the file is streamed).
pub const MAX_SUMMARY_BYTES: u64 = 4 << 30;

/// More units than any roster holds: the rest of the list is not kept.
pub const MAX_UNITS: usize = 10_000;

/// A unit's line, as far as a run needs it; a field of another type is none.
#[derive(Debug, Default, Deserialize)]
pub struct SummaryUnit {
    #[serde(default, deserialize_with = "lenient")]
    pub code: Option<String>,
    /// The same type the summary is written with; another value is none.
    #[serde(default, deserialize_with = "lenient")]
    pub status: Option<crate::submission::Status>,
    #[serde(default, deserialize_with = "lenient")]
    pub total: Option<u64>,
    #[serde(default, deserialize_with = "lenient")]
    pub level4: Option<u64>,
    /// The figure was awaiting confirmation that quarter (none in summaries
    /// written before it was recorded: confirmed).
    #[serde(default, deserialize_with = "lenient")]
    pub awaiting_confirmation: Option<bool>,
    /// The figure counted in that quarter's pooled figures (none: it did,
    /// as every accepted figure did before it was recorded).
    #[serde(default, deserialize_with = "lenient")]
    pub pooled: Option<bool>,
}

/// What a run reads back of a summary.
#[derive(Debug, Default)]
pub struct Summary {
    /// None: no `units` list at all.
    pub units: Option<Vec<SummaryUnit>>,
    /// `feedback.issued`, when it is a date.
    pub feedback_issued: Option<chrono::NaiveDate>,
    /// The SHA-256 of the file's bytes, taken as they were parsed.
    pub sha256: String,
}

/// Summaries up to this size are read whole and parsed from memory, which
/// is several times faster than parsing from a reader; larger ones are
/// streamed.
const READ_WHOLE_BYTES: u64 = 64 << 20;

/// The summary at `path`: None when nothing is there; an error (in
/// Vietnamese) when something else is, or it is no JSON of a summary.
pub fn read(path: &Path) -> Result<Option<Summary>, String> {
    read_with(path, READ_WHOLE_BYTES)
}

/// `read`, reading whole a summary of at most `whole_bytes`.
fn read_with(path: &Path, whole_bytes: u64) -> Result<Option<Summary>, String> {
    let Some((file, meta)) = crate::regular_file::open_regular(path).map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    if meta.len() > MAX_SUMMARY_BYTES {
        return Err(format!(
            "{} byte, lớn hơn giới hạn {} byte của tệp này",
            crate::text::vn_count(meta.len()),
            crate::text::vn_count(MAX_SUMMARY_BYTES)
        ));
    }
    // Hashed a buffer at a time as it is filled (the streaming parser takes
    // a byte at a time, and hashing each alone was most of a run's reading
    // time).
    let mut reader = BufReader::with_capacity(
        1 << 16,
        Hashing {
            inner: file.take(MAX_SUMMARY_BYTES),
            hasher: crate::digest::Hasher::default(),
        },
    );
    let not_ours = |e: serde_json::Error| format!("không phải summary.json của dvctt: {e}");
    // Decided by what is read, not by the size the file had when opened
    // (it could grow meanwhile): the rest of a larger one is streamed.
    let mut head = Vec::new();
    (&mut reader)
        .take(whole_bytes.saturating_add(1))
        .read_to_end(&mut head)
        .map_err(|e| e.to_string())?;
    let raw: Raw = if head.len() as u64 <= whole_bytes {
        serde_json::from_slice(&head).map_err(not_ours)?
    } else {
        let mut rest = std::io::Cursor::new(head).chain(&mut reader);
        let raw = serde_json::from_reader(&mut rest).map_err(not_ours)?;
        // Whatever follows the JSON (whitespace) is hashed too.
        std::io::copy(&mut rest, &mut std::io::sink()).map_err(|e| e.to_string())?;
        raw
    };
    let hashing = reader.into_inner();
    Ok(Some(Summary {
        units: raw.units.map(|u| u.0),
        feedback_issued: raw
            .feedback
            .and_then(|f| f.issued)
            .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        sha256: hashing.hasher.hex(),
    }))
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default, deserialize_with = "lenient")]
    units: Option<FirstUnits>,
    #[serde(default, deserialize_with = "lenient")]
    feedback: Option<Feedback>,
}

#[derive(Deserialize)]
struct Feedback {
    #[serde(default, deserialize_with = "lenient")]
    issued: Option<String>,
}

/// The first `MAX_UNITS` units of the list; the rest skipped unbuilt.
struct FirstUnits(Vec<SummaryUnit>);

impl<'de> Deserialize<'de> for FirstUnits {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FirstUnits, D::Error> {
        struct First;
        impl<'de> Visitor<'de> for First {
            type Value = FirstUnits;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of units")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FirstUnits, A::Error> {
                let mut units = Vec::new();
                while units.len() < MAX_UNITS {
                    match seq.next_element::<Lenient<SummaryUnit>>()? {
                        Some(unit) => units.push(unit.0.unwrap_or_default()),
                        None => return Ok(FirstUnits(units)),
                    }
                }
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FirstUnits(units))
            }
        }
        d.deserialize_seq(First)
    }
}

/// A value of the wanted type, or none when it is of another (a unit whose
/// `total` is a string is read as one without a total, never an error).
struct Lenient<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lenient<T>, D::Error> {
        // Buffered as a JSON value only for the small fields read here; a
        // large one (a list) is given its own type above.
        let value = serde_json::Value::deserialize(d)?;
        Ok(Lenient(T::deserialize(value).ok()))
    }
}

fn lenient<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    Ok(Lenient::<T>::deserialize(d)?.0)
}

/// Hashes the bytes as they are read.
struct Hashing<R> {
    inner: R,
    hasher: crate::digest::Hasher,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_units_and_the_issue_day_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(super::super::SUMMARY);
        let findings: Vec<String> = (0..2000)
            .map(|i| format!(r#"{{"file":"x{i}.xlsx","message":"{}"}}"#, "m".repeat(100)))
            .collect();
        let text = format!(
            r#"{{"units":[{{"code":"T01","status":"accepted","total":10,"level4":"x"}},7],"findings":[{}],"feedback":{{"issued":"2020-04-15"}}}}"#,
            findings.join(",")
        );
        std::fs::write(&path, &text).unwrap();
        // Streamed, as a summary over READ_WHOLE_BYTES is, and read whole:
        // the same.
        let streamed = read_with(&path, 0).unwrap().unwrap();
        let summary = read(&path).unwrap().unwrap();
        assert_eq!(format!("{streamed:?}"), format!("{summary:?}"));
        let units = summary.units.unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].code.as_deref(), Some("T01"));
        assert_eq!(units[0].status, Some(crate::submission::Status::Accepted));
        assert_eq!((units[0].total, units[0].level4), (Some(10), None));
        assert!(units[1].code.is_none());
        assert_eq!(summary.feedback_issued.unwrap().to_string(), "2020-04-15");
        assert_eq!(summary.sha256, crate::digest::sha256_hex(text.as_bytes()));
        std::fs::write(&path, "{\"units\": [").unwrap();
        assert!(read(&path).is_err());
        assert!(read_with(&path, 0).is_err());
        std::fs::write(&path, "{} x").unwrap();
        assert!(read(&path).is_err(), "trailing characters");
        assert!(read_with(&path, 0).is_err(), "trailing characters");
        assert!(read(&dir.path().join("none.json")).unwrap().is_none());
    }
}
