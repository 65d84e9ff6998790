//! Test helpers: a scratch folder per test, submission workbooks written with
//! rust_xlsxwriter the way units fill them, the binary, and its outputs read
//! back with calamine and serde_json.

mod form;
mod layout;
mod packed;
mod runs;
pub use form::*;
pub use layout::*;
pub use packed::*;
pub use runs::*;

pub use calamine::DataType;
use calamine::{Data, Reader, open_workbook_auto};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_dvctt");
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A scratch folder; `run` starts the binary inside it.
pub struct Workdir {
    dir: tempfile::TempDir,
}

/// Where scratch folders go: `/dev/shm` when it is a tmpfs with room, else
/// the system's temporary folder. Every run the tests start writes its
/// report with an `fsync` per file, as it must; on a disk those waits, not
/// the work, were most of the suite's time (measured in the README).
/// `DVCTT_TEST_SCRATCH` names another folder.
fn scratch_root() -> &'static Path {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        if let Some(dir) = std::env::var_os("DVCTT_TEST_SCRATCH") {
            return PathBuf::from(dir);
        }
        let shm = Path::new("/dev/shm");
        let on_tmpfs = std::fs::read_to_string("/proc/self/mounts")
            .is_ok_and(|m| m.lines().any(|l| l.starts_with("tmpfs /dev/shm tmpfs ")));
        if on_tmpfs && free_bytes(shm).is_some_and(|free| free >= 2 << 30) {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        }
    })
}

fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a NUL-terminated path and a statvfs the call fills in.
    let ok = unsafe { libc::statvfs(path.as_ptr(), &mut stat) } == 0;
    ok.then(|| stat.f_bavail.saturating_mul(stat.f_frsize))
}

/// The binary at `bin`, not started, its temporary files (archives opened,
/// e-mails unpacked) in the scratch root too. A test that sets `TMPDIR`
/// itself overrides it.
pub fn dvctt_command(bin: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(bin);
    command.env("TMPDIR", scratch_root());
    command
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::Builder::new()
                .prefix("dvctt-test")
                .tempdir_in(scratch_root())
                .expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// A folder inside the workdir, created.
    pub fn folder(&self, rel: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(&p).expect("mkdir");
        p
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write");
        p
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_logging(args, "warn")
    }

    /// `run` with RUST_LOG set to `level`.
    pub fn run_logging(&self, args: &[&str], level: &str) -> Output {
        dvctt_command(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .env("RUST_LOG", level)
            .output()
            .expect("run dvctt")
    }

    /// `dvctt args` with the run's date fixed (`DVCTT_TODAY`).
    pub fn on_day(&self, today: &str, args: &[&str]) -> Output {
        dvctt_command(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .env("RUST_LOG", "warn")
            .env("DVCTT_TODAY", today)
            .output()
            .expect("run dvctt")
    }

    /// `dvctt run --quarter Q --submissions FOLDER --reports reports`.
    pub fn run_folder(&self, quarter: &str, folder: &str) -> Output {
        self.run(&[
            "run",
            "--quarter",
            quarter,
            "--submissions",
            folder,
            "--reports",
            "reports",
        ])
    }

    /// `dvctt run --quarter Q --submissions submissions --reports reports` plus `extra`.
    pub fn run_quarter(&self, quarter: &str, extra: &[&str]) -> Output {
        self.run(&quarter_args(quarter, extra))
    }

    /// `run_quarter` on the day `today` (`DVCTT_TODAY`).
    pub fn run_quarter_on(&self, today: &str, quarter: &str, extra: &[&str]) -> Output {
        self.on_day(today, &quarter_args(quarter, extra))
    }

    /// The command `run_quarter` runs, from the binary at `bin`, not started.
    pub fn quarter_command(&self, bin: &Path, quarter: &str, extra: &[&str]) -> Command {
        let mut command = dvctt_command(bin);
        command
            .args(["run", "--quarter", quarter])
            .args(["--submissions", "submissions", "--reports", "reports"])
            .args(extra)
            .current_dir(self.dir.path())
            .env("RUST_LOG", "warn");
        command
    }

    /// A quarter's summary.json, checked against docs/summary.schema.json:
    /// every summary a test reads is validated.
    pub fn summary(&self, quarter: &str) -> serde_json::Value {
        let path = self.path(&format!("reports/{quarter}/summary.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let summary = serde_json::from_str(&text).expect("summary.json parses");
        assert_valid_summary(&summary);
        summary
    }

    /// The unit `code`'s feedback file of `quarter` (`phan-hoi/<code>-<quarter>.xlsx`).
    pub fn feedback_path(&self, quarter: &str, code: &str) -> PathBuf {
        self.path(&format!("reports/{quarter}/phan-hoi/{code}-{quarter}.xlsx"))
    }
}

/// The arguments of `run_quarter`.
fn quarter_args<'a>(quarter: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "run",
        "--quarter",
        quarter,
        "--submissions",
        "submissions",
        "--reports",
        "reports",
    ];
    args.extend_from_slice(extra);
    args
}

/// Fails with every violation when `summary` does not follow the schema.
pub fn assert_valid_summary(summary: &serde_json::Value) {
    let errors = summary_schema_errors(summary);
    assert!(
        errors.is_empty(),
        "summary.json breaks its schema:\n{}",
        errors.join("\n")
    );
}

/// What is wrong with `summary` by docs/summary.schema.json.
pub fn summary_schema_errors(summary: &serde_json::Value) -> Vec<String> {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../docs/summary.schema.json")).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    validator
        .iter_errors(summary)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Sets a file's modification time to `secs` after the Unix epoch.
pub fn set_modified(path: &Path, secs: u64) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
        .unwrap();
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every cell of a sheet, as calamine reads it.
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

pub fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The name of every file in summary.json, in its order.
pub fn file_names(s: &serde_json::Value) -> Vec<String> {
    s["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["file"].as_str().expect("name").to_string())
        .collect()
}

/// The rules found in one file, from summary.json.
pub fn rules_for(summary: &serde_json::Value, file: &str) -> Vec<String> {
    summary["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["file"] == file)
        .map(|f| f["rule"].as_str().expect("rule").to_string())
        .collect()
}

/// A file's verdict in summary.json.
pub fn verdict<'a>(s: &'a serde_json::Value, file: &str) -> &'a serde_json::Value {
    &s["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["file"] == file)
        .unwrap_or_else(|| panic!("{file} in files: {}", s["files"]))["verdict"]
}

/// The message of the finding of `rule` on `file`, from summary.json.
pub fn message_for(s: &serde_json::Value, file: &str, rule: &str) -> String {
    s["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["file"] == file && f["rule"] == rule)
        .unwrap_or_else(|| panic!("{rule} on {file}: {}", s["findings"]))["message"]
        .as_str()
        .expect("message")
        .to_string()
}

pub fn unit<'a>(summary: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    summary["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["code"] == code)
        .unwrap_or_else(|| panic!("unit {code} in summary"))
}

impl Form {
    pub fn save(&self, wd: &Workdir, rel: &str) -> PathBuf {
        let path = wd.path(rel);
        self.write_to(&path);
        path
    }
}

/// One part of a workbook's zip, as text: what calamine cannot see
/// (formats, print settings, validations, protection, charts).
pub fn xml(path: &Path, part: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut text = String::new();
    zip.by_name(part)
        .unwrap_or_else(|e| panic!("{part}: {e}"))
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

/// The parts of a workbook's zip.
pub fn parts(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).expect("open");
    let zip = zip::ZipArchive::new(file).expect("a zip");
    zip.file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect()
}

/// A compound file (Office's pre-2007 container) holding `streams` at its
/// root: what Office writes for an .xls (`Workbook`), a .doc
/// (`WordDocument`) or a password-protected .xlsx (`EncryptionInfo`,
/// `EncryptedPackage`).
pub fn compound_file(streams: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    for (name, content) in streams {
        let mut stream = file.create_stream(format!("/{name}")).expect("stream");
        stream.write_all(content).expect("write stream");
    }
    file.into_inner().into_inner()
}

/// The codes of the units whose change awaits confirmation (a run with any
/// exits 3: something waits for a person).
pub fn waiting(summary: &serde_json::Value) -> Vec<String> {
    summary["units"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|u| u["awaiting_confirmation"] == true)
        .filter_map(|u| Some(u["code"].as_str()?.to_string()))
        .collect()
}
