//! Where the settings come from: `dvctt.toml` (or `--config`), and the
//! roster, wording and letter template it names, each read bounded.

use std::path::{Path, PathBuf};

use super::{Config, SHIPPED_LETTER, SHIPPED_ROSTER, SHIPPED_WORDING, Settings, SettingsFile};
use crate::letter_template::LetterTemplate;
use crate::roster::Roster;
use crate::wording::Wording;

/// A config, roster, wording or template file larger than this is refused
/// unread (by its size; one that grows while read is cut at this plus one).
const MAX_SETTINGS_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A settings file's text. Opened without waiting and only when it is a
/// regular file: a pipe named as the roster would hang every cron run
/// before the lock, with nothing said.
fn read_bounded(path: &Path) -> Result<String, String> {
    let bytes = crate::regular_file::read(path, MAX_SETTINGS_FILE_BYTES)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "không có tệp này".to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "không phải văn bản UTF-8 (byte lạ ở vị trí {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Why the settings cannot be loaded: exit 2. Each names the file and says
/// what is wrong with it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config file itself cannot be read.
    #[error("không đọc được tệp cấu hình {}: {problem}", .path.display())]
    ConfigUnreadable { path: PathBuf, problem: String },
    /// The config file is no valid config: a key, a value, a range.
    #[error("tệp cấu hình {}: {problem}", .path.display())]
    ConfigInvalid { path: PathBuf, problem: String },
    /// A file the config names (roster, wording, letter template) cannot be read.
    #[error("không đọc được {}: {problem}", .path.display())]
    FileUnreadable { path: PathBuf, problem: String },
    /// The roster (`name`: its path, or the shipped one) is not valid.
    #[error("danh mục đơn vị {name}: {problem}")]
    Roster { name: String, problem: String },
    #[error("tệp lời văn (wording) {name}: {problem}")]
    Wording { name: String, problem: String },
    #[error("mẫu công văn (letter.template) {name}: {problem}")]
    Letter { name: String, problem: String },
}

/// Loads the config (from `path`, else `dvctt.toml` in the working folder if
/// there is one, else the defaults) and the roster and wording it names.
pub fn load(path: Option<&Path>) -> Result<Settings, ConfigError> {
    let default_path = Path::new("dvctt.toml");
    let chosen = match path {
        Some(p) => Some(p),
        None if default_path.is_file() => Some(default_path),
        None => None,
    };
    let mut files = Vec::new();
    let (config, base) = match chosen {
        Some(p) => {
            let text = read_bounded(p).map_err(|problem| ConfigError::ConfigUnreadable {
                path: p.to_path_buf(),
                problem,
            })?;
            let config = Config::parse(&text).map_err(|problem| ConfigError::ConfigInvalid {
                path: p.to_path_buf(),
                problem,
            })?;
            files.push(SettingsFile::read("config", p, text.as_bytes()));
            (
                config,
                p.parent().map(Path::to_path_buf).unwrap_or_default(),
            )
        }
        None => {
            files.push(SettingsFile::built_in("config", None));
            (Config::default(), PathBuf::new())
        }
    };
    let mut read = |role: &'static str,
                    file: &Option<PathBuf>,
                    shipped: &'static str|
     -> Result<(String, String), ConfigError> {
        match file {
            Some(f) => {
                let full = base.join(f);
                let text = read_bounded(&full).map_err(|problem| ConfigError::FileUnreadable {
                    path: full.clone(),
                    problem,
                })?;
                files.push(SettingsFile::read(role, f, text.as_bytes()));
                Ok((text, full.display().to_string()))
            }
            None => {
                files.push(SettingsFile::built_in(role, Some(shipped.as_bytes())));
                Ok((shipped.to_string(), "có sẵn".to_string()))
            }
        }
    };
    let (roster_text, roster_name) = read("roster", &config.roster, SHIPPED_ROSTER)?;
    let roster = Roster::parse(&roster_text).map_err(|problem| ConfigError::Roster {
        name: roster_name,
        problem,
    })?;
    let (wording_text, wording_name) = read("wording", &config.wording, SHIPPED_WORDING)?;
    let wording = Wording::parse(&wording_text).map_err(|problem| ConfigError::Wording {
        name: wording_name,
        problem,
    })?;
    let (letter_text, letter_name) = read("letter", &config.letter.template, SHIPPED_LETTER)?;
    let letter = LetterTemplate::parse(letter_text).map_err(|problem| ConfigError::Letter {
        name: letter_name,
        problem,
    })?;
    Ok(Settings {
        config,
        roster,
        wording,
        letter,
        files,
    })
}
