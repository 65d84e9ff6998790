//! An archive or e-mail opened the way a workbook is read: in a reader
//! process (`pool::Pool::unpack`), under its memory cap and deadline. The
//! run makes the folder the entries go to and sends the request; the reader
//! parses the container, writes each entry there and answers with names,
//! sizes, dates and the digests of the bytes it wrote: nothing a crafted
//! zip or message does in the parser can reach the run.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::Path;

use crate::config::LimitsConfig;
use crate::finding::Rule;

use super::{Budget, Refused, archive, mail};

/// What the run asks a reader to open.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unpack {
    /// The container's path, as bytes.
    pub path: Vec<u8>,
    /// The folder (made by the run) its entries are written into.
    pub folder: Vec<u8>,
    /// A saved e-mail; else a zip (or a workbook package sent as one).
    pub mail: bool,
    /// The name says `.zip`: a damaged one is a damaged archive, not a file.
    pub named_zip: bool,
    /// What the tree of containers opened from one file may still unpack.
    pub budget: Budget,
    /// What the run may still take: entries (`limits.max_files`) and bytes
    /// (`limits.max_total_bytes`). Entries past either are listed unread.
    pub run_items: u64,
    pub run_bytes: u64,
}

/// What a reader made of a container.
#[derive(Debug, Serialize, Deserialize)]
pub enum Unpacked {
    /// Not an archive after all (a workbook package, a damaged zip not
    /// named `.zip`): read as a file.
    NotContainer,
    /// Not opened: why, for the unit.
    Refused {
        rule: Rule,
        message: String,
    },
    Opened(Box<Listing>),
    /// The job's own trouble: an entry could not be written into the run's
    /// temporary folder (no space, no permission). Never the unit's.
    Trouble {
        path: Vec<u8>,
        reason: String,
    },
}

/// A container opened: each entry in its order, and what it used.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Listing {
    /// An e-mail's `Date:`, in seconds since 1970; None when it has none
    /// that parses (or for a zip).
    pub sent: Option<i64>,
    pub entries: Vec<Listed>,
    /// Said about the container itself (an end record that disagrees with
    /// the directory).
    pub notes: Vec<(Rule, String)>,
    /// The entries past the run's budget, in order, named (escaped) and not
    /// read; `unread_count` counts them all, `unread` keeps the first ones.
    pub unread: Vec<String>,
    pub unread_count: u64,
    /// What the tree's budget and the run's were charged.
    pub used: Budget,
    pub taken_items: u64,
    pub taken_bytes: u64,
}

/// At most this many names of unread entries travel back (the finding
/// shows fewer).
pub const MAX_UNREAD_NAMED: usize = 20;

/// One entry or attachment.
#[derive(Debug, Serialize, Deserialize)]
pub struct Listed {
    /// Its path inside the container, each part escaped (`text::escape`),
    /// the last the file's name; unique within the container.
    pub parts: Vec<String>,
    /// A zip entry's saved time, as written (local time, no zone).
    pub saved: Option<NaiveDateTime>,
    /// Written into the folder under this name, with its size and SHA-256;
    /// None when it was not (`decided` says why).
    pub file: Option<String>,
    pub size: u64,
    pub sha256: Option<String>,
    pub decided: Option<(Rule, String)>,
}

impl Listed {
    /// An entry named by `parts`, not yet written or decided.
    pub(crate) fn new(parts: Vec<String>) -> Listed {
        Listed {
            parts,
            saved: None,
            file: None,
            size: 0,
            sha256: None,
            decided: None,
        }
    }

    pub(crate) fn decided(parts: Vec<String>, rule: Rule, message: impl Into<String>) -> Listed {
        Listed {
            decided: Some((rule, message.into())),
            ..Listed::new(parts)
        }
    }
}

/// In the reader: opens the container `request` names within `limits`.
pub fn unpack(request: &Unpack, limits: &LimitsConfig) -> Unpacked {
    let path = crate::pool::protocol::path_of(&request.path);
    let bytes = match read_bounded(&path, limits.max_file_bytes) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Unpacked::Refused {
                rule: Rule::FileUnreadable,
                message: format!("Không đọc được tệp: {e}."),
            };
        }
    };
    let folder = crate::pool::protocol::path_of(&request.folder);
    let mut out = Extractor {
        folder: &folder,
        run_items: request.run_items,
        run_bytes: request.run_bytes,
        listing: Listing::default(),
        trouble: None,
    };
    // A panic inside a parser is the file's, as for a workbook.
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if request.mail {
            mail::open(&bytes, request, limits, &mut out)
        } else {
            archive::open(&bytes, request, limits, &mut out)
        }
    }));
    if let Some((path, reason)) = out.trouble {
        return Unpacked::Trouble { path, reason };
    }
    match opened {
        Ok(Ok(true)) => Unpacked::Opened(Box::new(out.listing)),
        Ok(Ok(false)) => Unpacked::NotContainer,
        Ok(Err(Refused { rule, message })) => Unpacked::Refused { rule, message },
        Err(_) => Unpacked::Refused {
            rule: Rule::ArchiveRefused,
            message: "Tệp nén hoặc thư bị hỏng: trình đọc không đọc được nội dung.".to_string(),
        },
    }
}

/// Where a reader writes what it takes out, charging the run's budget.
pub(crate) struct Extractor<'a> {
    folder: &'a Path,
    run_items: u64,
    run_bytes: u64,
    pub(crate) listing: Listing,
    /// The first write that failed: the run stops on it.
    trouble: Option<(Vec<u8>, String)>,
}

impl Extractor<'_> {
    /// Whether the run's budget still has room for an entry of `size`
    /// bytes (0: an entry not written); once it has not, no later entry is
    /// taken either, so the unread ones are the last ones.
    pub(crate) fn room(&mut self, size: u64) -> bool {
        let listing = &self.listing;
        listing.unread_count == 0
            && listing.taken_items < self.run_items
            && listing.taken_bytes.saturating_add(size) <= self.run_bytes
    }

    /// Counts an entry past the budget, named `shown`.
    pub(crate) fn unread(&mut self, shown: &str) {
        if self.listing.unread.len() < MAX_UNREAD_NAMED {
            self.listing.unread.push(shown.to_string());
        }
        self.listing.unread_count += 1;
    }

    /// Lists an entry not written (`listed.decided` says why).
    pub(crate) fn push(&mut self, listed: Listed) {
        self.listing.taken_items += 1;
        self.listing.entries.push(listed);
    }

    /// Writes the entry `content` as the `index`th file, at most `declared`
    /// bytes: its size and digest, or why it was refused. A failure to read
    /// `content` is the entry's (damaged); a failure to write is the job's
    /// (kept in `trouble`, and the entry is not listed).
    pub(crate) fn write(
        &mut self,
        index: usize,
        mut content: impl Read,
        declared: u64,
        mut listed: Listed,
    ) {
        if self.trouble.is_some() {
            return;
        }
        let name = index.to_string();
        let target = self.folder.join(&name);
        let trouble =
            |e: std::io::Error| (crate::pool::protocol::path_bytes(&target), e.to_string());
        let mut file = match std::fs::File::create(&target) {
            Ok(file) => file,
            Err(e) => {
                self.trouble = Some(trouble(e));
                return;
            }
        };
        let mut hasher = crate::digest::Hasher::default();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut written = 0u64;
        loop {
            let n = match content.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => {
                    listed.decided = Some((
                        Rule::FileUnreadable,
                        format!("Tệp trong tệp nén bị hỏng, không giải nén được ({e})."),
                    ));
                    break;
                }
            };
            written += n as u64;
            if written > declared {
                listed.decided = Some((
                    Rule::ArchiveRefused,
                    "Tệp trong tệp nén bung ra nhiều hơn dung lượng khai báo: tệp nén bị hỏng hoặc được làm giả, không được đọc.".into(),
                ));
                break;
            }
            hasher.update(&buffer[..n]);
            if let Err(e) = file.write_all(&buffer[..n]) {
                self.trouble = Some(trouble(e));
                return;
            }
        }
        if let Err(e) = file.flush() {
            self.trouble = Some(trouble(e));
            return;
        }
        self.listing.taken_bytes += written.min(declared);
        if listed.decided.is_none() {
            listed.file = Some(name);
            listed.size = written;
            listed.sha256 = Some(hasher.hex());
        } else {
            drop(file);
            let _ = std::fs::remove_file(&target);
        }
        self.push(listed);
    }
}

/// The file's bytes, at most `max` (the run checked the size already; a
/// file grown since is cut and so read as damaged).
fn read_bounded(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::other(format!(
            "lớn hơn {} byte (limits.max_file_bytes)",
            crate::text::vn_count(max)
        )));
    }
    Ok(bytes)
}
