//! The files of a submissions folder, gathered the way operators collect
//! them: one sub-folder per unit, zipped attachments, saved e-mails. Each
//! thing found is a file to read, named by its path relative to the folder
//! (`Hà Nội/bao-cao.xlsx`, `bao-cao.zip/inner.xlsx`), or a decision already
//! made about it (a pipe, a link out of the folder, an archive too large).
//! Nothing found is passed over: every item ends as one outcome.
//!
//! The run never parses an archive or e-mail: it tells one by name and first
//! bytes, makes the temporary folder, and has a reader process take it apart
//! (`unpack`, the reader's side); what comes back is made into things found
//! (`entries`), each charged to the one budget of the run (`RunBudget`).

mod archive;
mod budget;
mod entries;
mod kind;
mod mail;
pub mod names;
pub mod unpack;
mod walk;
mod zipdir;

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::config::LimitsConfig;
use crate::finding::Rule;
use crate::pool::Pool;
use crate::read::ReadContext;
use kind::{Kind, kind, still_regular};
use unpack::{Unpack, Unpacked};

pub(crate) use budget::Refused;
pub use budget::{Budget, RunBudget};
pub use unpack::unpack;
pub use walk::{MAX_DEPTH, not_regular, walk};

/// At most this many entries in one archive, attachments in one e-mail.
pub const MAX_ENTRIES: usize = 1000;
/// Containers (archives, e-mails) opened one inside the other: a zip inside
/// a zip or an e-mail is opened, one inside that is not.
pub const MAX_NESTING: usize = 2;

/// The folder a run (or `check`) is given cannot be taken in: it is not
/// there, cannot be listed, or holds more than a quarter's submissions can.
/// Exit 1 whichever command met it: the folder, not the command line.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("không có thư mục báo cáo của các đơn vị {}: không ghi báo cáo", .0.display())]
    Missing(PathBuf),
    #[error("không đọc được thư mục báo cáo của các đơn vị {}: {source}", .path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "thư mục báo cáo của các đơn vị {} có hơn {max} tệp (limits.max_files): không phải báo cáo của một quý",
        .path.display()
    )]
    TooManyFiles { path: PathBuf, max: u64 },
    #[error(
        "thư mục báo cáo của các đơn vị {} có hơn {} byte (limits.max_total_bytes): không phải báo cáo của một quý",
        .path.display(),
        crate::text::vn_count(*.max)
    )]
    TooManyBytes { path: PathBuf, max: u64 },
}

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
    /// folder, each part escaped (`text::escape`).
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
    /// The size and SHA-256 of the bytes a reader took out of the archive
    /// or e-mail (for the manifest).
    pub digest: Option<(u64, String)>,
    /// Dates that could have judged timeliness and were not believed (a
    /// zip's zero date, an e-mail dated after the run): said on the file
    /// when it gives no report date of its own.
    pub doubtful: Vec<String>,
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
        let name = crate::text::bounded(name);
        hints.insert(0, hint(part, HintKind::File));
        hints.extend(self.hints.iter().cloned());
        Origin {
            name,
            hints,
            received: self.received,
            modified: self.modified,
            extracted: self.extracted,
            digest: None,
            doubtful: self.doubtful.clone(),
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
    /// Not read; `rule` says why, and `more` anything else to say of it (an
    /// error among them rejects it and charges it to the unit its names
    /// give; warnings alone make it not a submission).
    Decided {
        origin: Origin,
        rule: Rule,
        message: String,
        more: Vec<(Rule, String)>,
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
            more: Vec::new(),
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

/// The job's own trouble taking a file apart: its temporary folder could
/// not be made or written (no space, no permission, no `$TMPDIR`). Never a
/// unit's: the run stops (exit 1) naming the path and the reason.
#[derive(Debug)]
pub struct Trouble {
    pub path: PathBuf,
    pub reason: String,
}

/// A file found: itself to read, or, for an archive or e-mail, a decision on
/// the container and what it held (recursively, `MAX_NESTING` deep), each
/// container opened by a reader of `pool`.
pub fn open(
    pool: &Pool,
    path: &Path,
    origin: Origin,
    limits: &LimitsConfig,
    run: &mut RunBudget,
    context: &ReadContext,
) -> Result<Opened, Trouble> {
    let mut tree = Budget {
        bytes: limits.max_unzipped_bytes,
        entries: MAX_ENTRIES,
    };
    let mut opening = Opening {
        pool,
        limits,
        run,
        tree: &mut tree,
        context,
    };
    opening.open_at(path, origin, 0)
}

/// One file's tree of containers being opened.
struct Opening<'a> {
    pool: &'a Pool,
    limits: &'a LimitsConfig,
    run: &'a mut RunBudget,
    tree: &'a mut Budget,
    context: &'a ReadContext,
}

impl Opening<'_> {
    fn open_at(&mut self, path: &Path, origin: Origin, depth: usize) -> Result<Opened, Trouble> {
        let limits = self.limits;
        // The walk saw a regular file; it may have been swapped for a pipe
        // since, and opening a pipe waits for a writer forever.
        match still_regular(path) {
            Ok(true) => {}
            Ok(false) => {
                let file_type = std::fs::metadata(path).map(|m| m.file_type());
                return Ok(match file_type {
                    Ok(file_type) => alone(not_regular(origin, &file_type)),
                    Err(e) => alone(Item::decided(
                        origin,
                        Rule::FileUnreadable,
                        format!("Không đọc được tệp: {e}."),
                    )),
                });
            }
            Err(e) => {
                let message = format!("Không đọc được tệp: {e}.");
                return Ok(alone(Item::decided(origin, Rule::FileUnreadable, message)));
            }
        }
        let what = kind(path, &origin.name);
        if what == Kind::Other {
            return Ok(alone(Item::File {
                path: path.to_path_buf(),
                origin,
            }));
        }
        if let Kind::Unsupported(format) = what {
            let message = format!(
                "Tệp nén {format}: chương trình không mở được loại tệp nén này, nên báo cáo bên trong (nếu có) chưa được đọc. Đề nghị gửi bảng tính Excel, hoặc nén bằng .zip."
            );
            return Ok(alone(Item::decided(origin, Rule::ArchiveRefused, message)));
        }
        if depth >= MAX_NESTING {
            let message = "Tệp nén nằm trong một tệp nén khác quá một cấp: không được mở. Đề nghị gửi trực tiếp bảng tính Excel.";
            return Ok(alone(Item::decided(origin, Rule::ArchiveRefused, message)));
        }
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > limits.max_file_bytes {
            return Ok(alone(too_large(origin, size, limits)));
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
        let folder = tempfile::Builder::new()
            .prefix("dvctt-open")
            .tempdir()
            .map_err(|e| Trouble {
                path: std::env::temp_dir(),
                // The system's words, without the random name tried.
                reason: e.raw_os_error().map_or(e.kind().to_string(), |code| {
                    std::io::Error::from_raw_os_error(code).to_string()
                }),
            })?;
        let request = Unpack {
            path: crate::pool::protocol::path_bytes(path),
            folder: crate::pool::protocol::path_bytes(folder.path()),
            mail: what == Kind::Mail,
            named_zip: origin.name.to_ascii_lowercase().ends_with(".zip"),
            budget: self.tree.clone(),
            run_items: self.run.items,
            run_bytes: self.run.bytes,
        };
        let listing = match self.pool.unpack(&request, &origin.name) {
            Unpacked::NotContainer => {
                return Ok(alone(Item::File {
                    path: path.to_path_buf(),
                    origin,
                }));
            }
            Unpacked::Refused { rule, message } => {
                return Ok(alone(Item::decided(origin, rule, message)));
            }
            Unpacked::Trouble { path, reason } => {
                return Err(Trouble {
                    path: crate::pool::protocol::path_of(&path),
                    reason,
                });
            }
            Unpacked::Opened(listing) => listing,
        };
        self.tree.bytes = self.tree.bytes.saturating_sub(listing.used.bytes);
        self.tree.entries = self.tree.entries.saturating_sub(listing.used.entries);
        self.run.items = self.run.items.saturating_sub(listing.taken_items);
        self.run.bytes = self.run.bytes.saturating_sub(listing.taken_bytes);
        let (container, inner) = entries::items(
            &listing,
            &origin,
            folder.path(),
            self.context,
            limits,
            request.mail,
        );
        let mut items = vec![container];
        let mut folders = vec![folder];
        for item in inner {
            match item {
                Item::File { path, origin } => {
                    let nested = self.open_at(&path, origin, depth + 1)?;
                    items.extend(nested.items);
                    folders.extend(nested._folders);
                }
                decided => items.push(decided),
            }
        }
        Ok(Opened {
            items,
            _folders: folders,
        })
    }
}

/// What a macOS companion file (`names::is_mac_companion`) is: not a
/// submission, and never read (it bears the report's name and would be
/// rejected).
const MAC_COMPANION: &str = "Tệp phụ do máy Mac tạo kèm tệp thật (tên bắt đầu bằng “._” hoặc trong thư mục “__MACOSX”), không phải báo cáo.";

fn mac_companion(origin: Origin) -> Item {
    Item::decided(origin, Rule::FileNotSubmission, MAC_COMPANION)
}

/// Why a file over `limits.max_file_bytes` is never opened.
fn too_large_message(size: u64, limits: &LimitsConfig) -> String {
    format!(
        "Tệp dung lượng {} byte, vượt giới hạn {} byte (limits.max_file_bytes) nên không được mở.",
        crate::text::vn_count(size),
        crate::text::vn_count(limits.max_file_bytes)
    )
}

fn too_large(origin: Origin, size: u64, limits: &LimitsConfig) -> Item {
    Item::decided(origin, Rule::FileTooLarge, too_large_message(size, limits))
}

fn alone(item: Item) -> Opened {
    Opened {
        items: vec![item],
        _folders: Vec::new(),
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
        let limits = LimitsConfig {
            isolate: false,
            ..LimitsConfig::default()
        };
        let pool = Pool::start(&limits).unwrap();
        let mut run = RunBudget {
            items: 10,
            bytes: 1000,
        };
        let today = chrono::NaiveDate::from_ymd_opt(2020, 4, 15).unwrap();
        let context = ReadContext::new(None, today);
        let opened = open(&pool, &pipe, Origin::default(), &limits, &mut run, &context).unwrap();
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
