//! The submissions folder walked, sub-folders included: only regular files
//! are read (a pipe would block its reader forever, a device never ends), a
//! symbolic link is followed only while it stays inside the folder, and
//! every name is escaped once here, so everything after shows it safely.

use std::collections::HashSet;
use std::fs::{FileType, Metadata};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use super::names::is_mac_companion;
use super::{FolderError, Item, Origin};
use crate::text::escape;

/// The walk stopped at `limits.max_files` (the number): no quarter's folder.
type Full = u64;
use crate::finding::Rule;

/// Folders inside folders past this are not read (a finding says so).
pub const MAX_DEPTH: usize = 8;

/// Everything in `root` and its sub-folders, in name order, named inside
/// `base` (the submissions folder's own origin: no name for `run`). Errors
/// only when `root` itself cannot be listed or holds more than `max_files`
/// (`limits.max_files`): then it is no quarter's submissions folder.
pub fn walk(root: &Path, base: &Origin, max_files: u64) -> Result<Vec<Item>, FolderError> {
    let unreadable = |source| FolderError::Unreadable {
        path: root.to_path_buf(),
        source,
    };
    let canonical = root.canonicalize().map_err(unreadable)?;
    let mut walker = Walker {
        root: canonical.clone(),
        seen: HashSet::from([canonical]),
        items: Vec::new(),
        links: HashSet::new(),
        max_files,
    };
    let entries = list(root).map_err(unreadable)?;
    walker
        .visit(entries, base, 0)
        .map_err(|max| FolderError::TooManyFiles {
            path: root.to_path_buf(),
            max,
        })?;
    let mut items = walker.items;
    items.sort_by(|a, b| a.origin().name.cmp(&b.origin().name));
    read_once(&mut items, &walker.links);
    Ok(items)
}

/// A file reached twice (a link to a file of the folder, a hard link) is
/// read once: under its own name when it is reached directly, else under
/// the first name; each other way to it is not a submission, naming it.
fn read_once(items: &mut [Item], links: &HashSet<String>) {
    use std::os::unix::fs::MetadataExt;
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Names reached directly first, each group in name order: deterministic.
    order.sort_by_key(|&i| links.contains(&items[i].origin().name));
    let mut first: std::collections::HashMap<(u64, u64), String> = Default::default();
    for i in order {
        let Item::File { path, origin } = &items[i] else {
            continue;
        };
        let Ok(meta) = std::fs::metadata(path) else {
            continue;
        };
        let name = origin.name.clone();
        match first.get(&(meta.dev(), meta.ino())) {
            None => {
                first.insert((meta.dev(), meta.ino()), name);
            }
            Some(read) => {
                let how = if links.contains(&name) {
                    "Liên kết (symlink) tới tệp"
                } else {
                    "Cùng một tệp (liên kết cứng) với tệp"
                };
                let message = format!(
                    "{how} “{read}” trong thư mục, tệp đó đã được đọc một lần: không đọc lại."
                );
                items[i] = Item::decided(origin.clone(), Rule::FileNotSubmission, message);
            }
        }
    }
}

struct Walker {
    /// The submissions folder, links resolved.
    root: PathBuf,
    /// Folders already walked (links resolved): a link back up is not a loop.
    seen: HashSet<PathBuf>,
    items: Vec<Item>,
    /// The names of the files reached through a symbolic link.
    links: HashSet<String>,
    max_files: u64,
}

fn list(dir: &Path) -> std::io::Result<Vec<(Vec<u8>, PathBuf)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        entries.push((entry.file_name().as_bytes().to_vec(), entry.path()));
    }
    entries.sort();
    Ok(entries)
}

impl Walker {
    fn visit(
        &mut self,
        entries: Vec<(Vec<u8>, PathBuf)>,
        folder: &Origin,
        depth: usize,
    ) -> Result<(), Full> {
        for (raw, path) in entries {
            self.room_for_one_more()?;
            let origin = folder.inside(&[], &escape(&raw));
            let Some((path, meta)) = self.resolve(&path, &origin) else {
                continue;
            };
            if meta.is_dir() {
                self.folder(&path, as_folder(origin), depth)?;
            } else if meta.is_file() && is_mac_companion(&[escape(&raw)]) {
                self.items.push(super::mac_companion(origin));
            } else if meta.is_file() {
                self.items.push(Item::File { path, origin });
            } else {
                self.items.push(not_regular(origin, &meta.file_type()));
            }
        }
        Ok(())
    }

    /// The path to read and what it is: a link followed when it stays inside
    /// the folder; None when a finding was made instead.
    fn resolve(&mut self, path: &Path, origin: &Origin) -> Option<(PathBuf, Metadata)> {
        let meta = match std::fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(e) => {
                self.unreadable(origin, &e);
                return None;
            }
        };
        if !meta.file_type().is_symlink() {
            return Some((path.to_path_buf(), meta));
        }
        let target = match path.canonicalize() {
            Ok(target) => target,
            Err(e) => {
                self.unreadable(origin, &e);
                return None;
            }
        };
        if !target.starts_with(&self.root) {
            self.items.push(Item::decided(
                origin.clone(),
                Rule::FileOutsideFolder,
                "Liên kết (symlink) trỏ ra ngoài thư mục báo cáo của quý: không được đọc. Đề nghị chép chính tệp báo cáo vào thư mục.",
            ));
            return None;
        }
        match std::fs::metadata(&target) {
            Ok(meta) => {
                self.links.insert(origin.name.clone());
                Some((target, meta))
            }
            Err(e) => {
                self.unreadable(origin, &e);
                None
            }
        }
    }

    fn folder(&mut self, path: &Path, origin: Origin, depth: usize) -> Result<(), Full> {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if !self.seen.insert(canonical) {
            self.items.push(Item::decided(
                origin,
                Rule::FileNotSubmission,
                "Liên kết tới một thư mục đã được đọc: các tệp trong đó đã được xét một lần.",
            ));
            return Ok(());
        }
        if depth + 1 > MAX_DEPTH {
            return self.too_deep(path, origin);
        }
        match list(path) {
            Ok(entries) => self.visit(entries, &origin, depth + 1),
            Err(e) => {
                self.unreadable(&origin, &e);
                Ok(())
            }
        }
    }

    /// `limits.max_files` bounds the items a walk may list: past it the
    /// folder is no quarter's submissions.
    fn room_for_one_more(&self) -> Result<(), Full> {
        if self.items.len() as u64 >= self.max_files {
            return Err(self.max_files);
        }
        Ok(())
    }

    /// A folder nested past `MAX_DEPTH`: nothing in it is read, but each
    /// file in it is named and charged to the unit its names give, so a unit
    /// that sent its report there is `rejected` with the reason, never
    /// `missing`. Links are not followed here; the folder itself is named
    /// when it holds nothing.
    fn too_deep(&mut self, path: &Path, origin: Origin) -> Result<(), Full> {
        const FURTHER: usize = 32;
        let message = format!(
            "Thư mục lồng quá {MAX_DEPTH} cấp: các tệp bên trong không được đọc. Đề nghị đặt báo cáo ở thư mục nông hơn."
        );
        let before = self.items.len();
        let mut stack = vec![(path.to_path_buf(), origin.clone(), 0usize)];
        while let Some((dir, folder, level)) = stack.pop() {
            let Ok(entries) = list(&dir) else { continue };
            for (raw, path) in entries {
                self.room_for_one_more()?;
                let inner = folder.inside(&[], &escape(&raw));
                match std::fs::symlink_metadata(&path) {
                    Ok(meta) if meta.is_dir() && level < FURTHER => {
                        stack.push((path, as_folder(inner), level + 1));
                    }
                    // A file, a link, a pipe, a folder nested further still:
                    // each named.
                    _ => {
                        self.items
                            .push(Item::decided(inner, Rule::FolderTooDeep, message.clone()));
                    }
                }
            }
        }
        if self.items.len() == before {
            self.items
                .push(Item::decided(origin, Rule::FolderTooDeep, message));
        }
        Ok(())
    }

    fn unreadable(&mut self, origin: &Origin, e: &std::io::Error) {
        self.items.push(Item::decided(
            origin.clone(),
            Rule::FileUnreadable,
            format!("Không đọc được: {e}."),
        ));
    }
}

/// A folder's origin: its name is a folder's hint, not a file's.
fn as_folder(mut origin: Origin) -> Origin {
    if let Some(first) = origin.hints.first_mut() {
        first.kind = super::HintKind::Folder;
    }
    origin
}

/// A pipe, socket or device: never opened (a pipe would block its reader).
pub fn not_regular(origin: Origin, file_type: &FileType) -> Item {
    let what = kind_of(file_type);
    Item::decided(
        origin,
        Rule::FileNotRegular,
        format!("Đây là {what}, không phải một tệp: không được đọc."),
    )
}

fn kind_of(file_type: &FileType) -> &'static str {
    if file_type.is_fifo() {
        "một đường ống (FIFO)"
    } else if file_type.is_socket() {
        "một socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "một thiết bị"
    } else {
        "một mục đặc biệt của hệ thống tệp"
    }
}
