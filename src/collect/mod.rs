//! The files of a submissions folder, gathered the way operators collect
//! them: one sub-folder per unit, zipped attachments, saved e-mails. Each
//! thing found is a file to read, named by its path relative to the folder
//! (`Hà Nội/bao-cao.xlsx`, `bao-cao.zip/inner.xlsx`), or a decision already
//! made about it (a pipe, a link out of the folder, an archive too large).
//! Nothing found is passed over: every item ends as one outcome.

mod archive;
mod kind;
mod mail;
pub mod names;
mod walk;

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::config::LimitsConfig;
use crate::finding::Rule;
use kind::{Kind, kind, still_regular};

pub use walk::{MAX_DEPTH, not_regular, walk};

/// At most this many entries in one archive, attachments in one e-mail.
pub const MAX_ENTRIES: usize = 1000;
/// Containers (archives, e-mails) opened one inside the other: a zip inside
/// a zip or an e-mail is opened, one inside that is not.
pub const MAX_NESTING: usize = 2;

/// Vietnam time, UTC+7: the zone dates without one are read in.
pub const VIETNAM_OFFSET_SECONDS: i32 = 7 * 3600;

/// A name that may say whose a file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub text: String,
    pub kind: HintKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintKind {
    /// A file's, an archive's or an e-mail's name.
    File,
    Folder,
}

/// Where a thing found came from.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The name shown everywhere: the path relative to the submissions
    /// folder, each part escaped (`names::escape`).
    pub name: String,
    /// Names that may say whose it is, the nearest first: its own, the
    /// archive's or e-mail's it came in, the folders'.
    pub hints: Vec<Hint>,
    /// The date (Vietnam time) of the e-mail it was attached to.
    pub received: Option<NaiveDate>,
    /// The time an archive entry was last saved, standing for the file's own.
    pub modified: Option<SystemTime>,
    /// Taken out of an archive or e-mail into a temporary file: that file's
    /// own modification time is the extraction's, never the report's, so
    /// `modified` (the entry's time, else the container's) is all there is.
    pub extracted: bool,
}

impl Origin {
    /// Something inside this one (an archive's entry, a folder's file) named
    /// `part` (escaped), with `folders` between (escaped, outermost first).
    fn inside(&self, folders: &[String], part: &str) -> Origin {
        let mut name = self.name.clone();
        let mut hints: Vec<Hint> = Vec::new();
        for folder in folders {
            push_part(&mut name, folder);
            hints.insert(0, hint(folder, HintKind::Folder));
        }
        push_part(&mut name, part);
        let name = names::bounded(name);
        hints.insert(0, hint(part, HintKind::File));
        hints.extend(self.hints.iter().cloned());
        Origin {
            name,
            hints,
            received: self.received,
            modified: self.modified,
            extracted: self.extracted,
        }
    }
}

fn push_part(name: &mut String, part: &str) {
    if !name.is_empty() {
        name.push('/');
    }
    name.push_str(part);
}

fn hint(text: &str, kind: HintKind) -> Hint {
    Hint {
        text: text.to_string(),
        kind,
    }
}

/// One thing found.
#[derive(Debug)]
pub enum Item {
    /// A regular file to read.
    File { path: PathBuf, origin: Origin },
    /// Not read; `rule` says why (an error rejects it and charges it to the
    /// unit its names give, a warning makes it not a submission).
    Decided {
        origin: Origin,
        rule: Rule,
        message: String,
    },
}

impl Item {
    pub fn origin(&self) -> &Origin {
        match self {
            Item::File { origin, .. } | Item::Decided { origin, .. } => origin,
        }
    }

    fn decided(origin: Origin, rule: Rule, message: impl Into<String>) -> Item {
        Item::Decided {
            origin,
            rule,
            message: message.into(),
        }
    }
}

/// The files an archive or e-mail held, extracted into `folder`, which
/// lives as long as this does.
pub struct Opened {
    pub items: Vec<Item>,
    _folders: Vec<tempfile::TempDir>,
}

impl Opened {
    /// Whether files were unpacked into a temporary folder for this.
    pub fn unpacked(&self) -> bool {
        !self._folders.is_empty()
    }

    /// A thing found that holds nothing else (a decision already taken).
    pub fn single(item: Item) -> Opened {
        Opened {
            items: vec![item],
            _folders: Vec::new(),
        }
    }
}

/// A file found: itself to read, or, for an archive or e-mail, a decision on
/// the container and what it held (recursively, `MAX_NESTING` deep).
pub fn open(path: &Path, origin: Origin, limits: &LimitsConfig) -> Opened {
    let mut budget = Budget {
        bytes: limits.max_unzipped_bytes,
        entries: MAX_ENTRIES,
    };
    open_at(path, origin, limits, &mut budget, 0)
}

/// What the whole tree of containers opened from one file (zip in zip, zip
/// in e-mail, e-mail in zip) may still unpack: one `max_unzipped_bytes` and
/// one `MAX_ENTRIES`, shared, so that nesting never multiplies them.
pub(crate) struct Budget {
    pub bytes: u64,
    pub entries: usize,
}

impl Budget {
    /// Takes `bytes` unpacked in `entries` files, or says why not.
    fn take(
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

fn open_at(
    path: &Path,
    origin: Origin,
    limits: &LimitsConfig,
    budget: &mut Budget,
    depth: usize,
) -> Opened {
    // The walk saw a regular file; it may have been swapped for a pipe
    // since, and opening a pipe waits for a writer forever.
    match still_regular(path) {
        Ok(true) => {}
        Ok(false) => {
            let file_type = std::fs::metadata(path).map(|m| m.file_type());
            return match file_type {
                Ok(file_type) => alone(not_regular(origin, &file_type)),
                Err(e) => alone(Item::decided(
                    origin,
                    Rule::FileUnreadable,
                    format!("Không đọc được tệp: {e}."),
                )),
            };
        }
        Err(e) => {
            let message = format!("Không đọc được tệp: {e}.");
            return alone(Item::decided(origin, Rule::FileUnreadable, message));
        }
    }
    let what = kind(path, &origin.name, limits.max_file_bytes);
    if what == Kind::Other {
        return alone(Item::File {
            path: path.to_path_buf(),
            origin,
        });
    }
    if let Kind::Unsupported(format) = what {
        let message = format!(
            "Tệp nén {format}: chương trình không mở được loại tệp nén này, nên báo cáo bên trong (nếu có) chưa được đọc. Đề nghị gửi bảng tính Excel, hoặc nén bằng .zip."
        );
        return alone(Item::decided(origin, Rule::ArchiveRefused, message));
    }
    if depth >= MAX_NESTING {
        let message = "Tệp nén nằm trong một tệp nén khác quá một cấp: không được mở. Đề nghị gửi trực tiếp bảng tính Excel.";
        return alone(Item::decided(origin, Rule::ArchiveRefused, message));
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > limits.max_file_bytes {
        return alone(too_large(origin, size, limits));
    }
    // What the container holds, when it says no time of its own, was
    // saved no later than the container: its time stands for theirs. A
    // container that was itself extracted already carries its entry's time.
    let mut origin = origin;
    if !origin.extracted && origin.modified.is_none() {
        origin.modified = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|time| crate::read::plausible(time).ok());
    }
    let folder = match tempfile::Builder::new().prefix("dvctt-open").tempdir() {
        Ok(folder) => folder,
        Err(e) => {
            let message = format!("Không giải nén được tệp (thư mục tạm: {e}).");
            return alone(Item::decided(origin, Rule::FileUnreadable, message));
        }
    };
    let opened = match what {
        Kind::Mail => mail::open(path, &origin, folder.path(), limits, budget),
        _ => archive::open(path, &origin, folder.path(), limits, budget),
    };
    let (container, inner) = match opened {
        Ok(parts) => parts,
        Err(refused) => return alone(refused.into_item(origin)),
    };
    let mut items = vec![container];
    let mut folders = vec![folder];
    for item in inner {
        match item {
            Item::File { path, origin } => {
                let nested = open_at(&path, origin, limits, budget, depth + 1);
                items.extend(nested.items);
                folders.extend(nested._folders);
            }
            decided => items.push(decided),
        }
    }
    Opened {
        items,
        _folders: folders,
    }
}

/// The decision on an archive or e-mail that was opened: `what` it is, and
/// how many files it held, each given an outcome of its own.
fn opened(origin: &Origin, what: &str, inner: &[Item]) -> Item {
    Item::decided(
        origin.clone(),
        Rule::ArchiveOpened,
        format!(
            "{what}: chứa {} tệp, mỗi tệp được xét riêng (tên “{}/…”).",
            crate::text::vn_count(inner.len() as u64),
            origin.name
        ),
    )
}

/// A macOS companion file (`names::is_mac_companion`): not a submission,
/// and never read (it bears the report's name and would be rejected).
fn mac_companion(origin: Origin) -> Item {
    Item::decided(
        origin,
        Rule::FileNotSubmission,
        "Tệp phụ do máy Mac tạo kèm tệp thật (tên bắt đầu bằng “._” hoặc trong thư mục “__MACOSX”), không phải báo cáo.",
    )
}

/// A file over `limits.max_file_bytes`, never opened.
fn too_large(origin: Origin, size: u64, limits: &LimitsConfig) -> Item {
    let message = format!(
        "Tệp dung lượng {} byte, vượt giới hạn {} byte (limits.max_file_bytes) nên không được mở.",
        crate::text::vn_count(size),
        crate::text::vn_count(limits.max_file_bytes)
    );
    Item::decided(origin, Rule::FileTooLarge, message)
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

fn alone(item: Item) -> Opened {
    Opened {
        items: vec![item],
        _folders: Vec::new(),
    }
}

/// Why a container was not opened at all.
pub(crate) struct Refused {
    rule: Rule,
    message: String,
}

impl Refused {
    fn new(rule: Rule, message: impl Into<String>) -> Refused {
        Refused {
            rule,
            message: message.into(),
        }
    }

    /// More files inside than the `left` of `MAX_ENTRIES` still allowed;
    /// `holds` says what holds them.
    fn too_many(holds: &str, count: usize, left: usize) -> Refused {
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

    fn into_item(self, origin: Origin) -> Item {
        Item::decided(origin, self.rule, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_is_told_from_a_file_without_waiting_for_a_writer() {
        let folder = tempfile::tempdir().unwrap();
        let pipe = folder.path().join("bao-cao.xlsx");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.unwrap().success());
        // Opening the pipe the ordinary way would block this test forever.
        assert!(!still_regular(&pipe).unwrap());
        let opened = open(&pipe, Origin::default(), &LimitsConfig::default());
        assert!(matches!(
            opened.items.as_slice(),
            [Item::Decided {
                rule: Rule::FileNotRegular,
                ..
            }]
        ));
        let file = folder.path().join("an-giang.xlsx");
        std::fs::write(&file, b"PK").unwrap();
        assert!(still_regular(&file).unwrap());
    }
}
