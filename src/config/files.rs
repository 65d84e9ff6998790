//! Which files the settings came from, for the run manifest: each one's
//! role, the path as written and the SHA-256 of the text used. Whatever
//! else a run reads as a template (a letter's) is recorded the same way, by
//! adding to `Settings::files`.

use std::path::Path;

/// One file the settings were read from, or the copy built into the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsFile {
    /// `config`, `roster`, `wording` (a stable name: the manifest's key).
    pub role: &'static str,
    /// The path as the operator wrote it (on the command line, in the
    /// config), or its file name only when that is absolute (machine
    /// specific); None: the built-in default.
    pub path: Option<String>,
    /// SHA-256 of the text used (the built-in copy's too); None only for
    /// the built-in config, which is no text.
    pub sha256: Option<String>,
}

impl SettingsFile {
    /// A file read from `path` (as the operator wrote it) whose bytes are
    /// `bytes` (a text's, or a binary template's).
    pub fn read(role: &'static str, path: &Path, bytes: &[u8]) -> SettingsFile {
        let shown = match path.is_absolute() {
            true => path.file_name().unwrap_or(path.as_os_str()),
            false => path.as_os_str(),
        };
        SettingsFile {
            role,
            path: Some(shown.to_string_lossy().into_owned()),
            sha256: Some(crate::digest::sha256_hex(bytes)),
        }
    }

    /// The copy built into the binary, or (`bytes` None) no file at all.
    pub fn built_in(role: &'static str, bytes: Option<&[u8]>) -> SettingsFile {
        SettingsFile {
            role,
            path: None,
            sha256: bytes.map(crate::digest::sha256_hex),
        }
    }
}
