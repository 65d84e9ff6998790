//! What a run may take in: one budget for the whole run (`limits.max_files`
//! items, `limits.max_total_bytes` bytes, what archives and e-mails hold
//! counted too), one for the tree of containers opened from one file (one
//! `limits.max_unzipped_bytes`, `MAX_ENTRIES`), and why a container was not
//! opened at all.

use crate::config::LimitsConfig;
use crate::finding::Rule;

use super::{Item, MAX_ENTRIES};

/// What one run may take in, inside archives and e-mails included: what
/// is left of `limits.max_files` items and `limits.max_total_bytes` bytes
/// once the submissions folder's own files are counted.
#[derive(Debug, Clone, Copy)]
pub struct RunBudget {
    pub items: u64,
    pub bytes: u64,
}

impl RunBudget {
    /// The budget left after the folder's own `found` items (each one item,
    /// each file its size); an error when they alone are over it: then the
    /// folder is no quarter's submissions.
    pub fn after(
        folder: &std::path::Path,
        found: &[Item],
        limits: &LimitsConfig,
    ) -> Result<RunBudget, super::FolderError> {
        let bytes: u64 = found
            .iter()
            .filter_map(|item| match item {
                Item::File { path, .. } => std::fs::metadata(path).ok().map(|m| m.len()),
                Item::Decided { .. } => None,
            })
            .fold(0, u64::saturating_add);
        if bytes > limits.max_total_bytes {
            return Err(super::FolderError::TooManyBytes {
                path: folder.to_path_buf(),
                max: limits.max_total_bytes,
            });
        }
        Ok(RunBudget {
            items: limits.max_files.saturating_sub(found.len() as u64),
            bytes: limits.max_total_bytes - bytes,
        })
    }
}

/// What the whole tree of containers opened from one file (zip in zip, zip
/// in e-mail, e-mail in zip) may still unpack: one `max_unzipped_bytes` and
/// one `MAX_ENTRIES`, shared, so that nesting never multiplies them.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Budget {
    pub bytes: u64,
    pub entries: usize,
}

impl Budget {
    /// Takes `bytes` unpacked in `entries` files, or says why not.
    pub(crate) fn take(
        &mut self,
        bytes: u64,
        entries: usize,
        holds: &str,
        limits: &LimitsConfig,
    ) -> Result<(), Refused> {
        if entries > self.entries {
            return Err(Refused::too_many(holds, entries, self.entries));
        }
        if bytes > self.bytes {
            let (limit, shared) = shared_wording(self.bytes < limits.max_unzipped_bytes);
            return Err(Refused::new(
                Rule::ArchiveRefused,
                format!(
                    "{holds} bung ra {} byte, vượt {limit} {} byte (limits.max_unzipped_bytes){shared}: không được mở.",
                    crate::text::vn_count(bytes),
                    crate::text::vn_count(self.bytes)
                ),
            ));
        }
        self.bytes -= bytes;
        self.entries -= entries;
        Ok(())
    }
}

/// How a limit is named: when containers opened before it in the same file
/// have used part of it, what is left of a limit they share.
fn shared_wording(used: bool) -> (&'static str, &'static str) {
    if used {
        (
            "phần giới hạn còn lại",
            " (giới hạn dùng chung cho mọi tệp nén, thư lồng nhau trong cùng một tệp)",
        )
    } else {
        ("giới hạn", "")
    }
}

/// Why a container was not opened at all.
#[derive(Debug)]
pub(crate) struct Refused {
    pub(crate) rule: Rule,
    pub(crate) message: String,
}

impl Refused {
    pub(crate) fn new(rule: Rule, message: impl Into<String>) -> Refused {
        Refused {
            rule,
            message: message.into(),
        }
    }

    /// More files inside than the `left` of `MAX_ENTRIES` still allowed;
    /// `holds` says what holds them.
    pub(crate) fn too_many(holds: &str, count: usize, left: usize) -> Refused {
        let (limit, shared) = shared_wording(left < MAX_ENTRIES);
        Refused::new(
            Rule::ArchiveRefused,
            format!(
                "{holds} {} tệp, vượt {limit} {} tệp{shared}: không được mở.",
                crate::text::vn_count(count as u64),
                crate::text::vn_count(left as u64)
            ),
        )
    }
}
