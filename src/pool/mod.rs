//! Every file from outside is read by a pool of long-lived reader
//! processes: whatever a crafted file does to the parser (calamine aborts
//! the whole process on some, and no parser bounds its own memory), only the
//! worker holding it dies, and only that file gets a finding naming the
//! limit. Starting a process per file cost about a millisecond a file; a
//! worker reads many files in turn.
//!
//! The workers run the executable pinned at start (`/proc/self/exe`, opened
//! once), so renaming or replacing the binary during a run changes nothing.
//! Each bounds its address space; the parent gives each file a wall-clock
//! deadline, and kills and replaces a worker that dies, overruns or answers
//! garbage. Workers get SIGKILL when the parent dies (`PR_SET_PDEATHSIG`).
//! There is no fallback to reading in-process: only `limits.isolate = false`
//! reads there.

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::collect::unpack::{Unpack, Unpacked};
use crate::config::LimitsConfig;
use crate::finding::Rule;
use crate::read::{CellValue, ReadContext, Reading, read_path, read_table_rows};
use crate::text::vn_count;
use protocol::{Request, Response};
use replies::Trouble;

pub mod protocol;
mod replies;
mod worker;
mod workers;

pub use worker::worker_main;
use workers::Workers;

/// The hidden subcommand a worker runs (no other argument, ever).
pub const WORKER_COMMAND: &str = "reader";

/// The executable this process runs, opened once at start.
static PINNED: OnceLock<io::Result<File>> = OnceLock::new();

/// Opens the running executable so that workers started later run this very
/// binary even if its file is renamed or replaced meanwhile. `main` calls it
/// first thing.
pub fn pin_executable() {
    PINNED.get_or_init(|| File::open("/proc/self/exe"));
}

/// How the files of one command are read.
pub struct Pool {
    limits: LimitsConfig,
    workers: Option<Workers>,
}

/// Why the pool could not start: the run stops (exit 1) rather than read
/// in-process behind the operator's back.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartError(String);

impl Pool {
    /// The pool `limits` ask for: `limits.readers` workers (0: one per
    /// core), or none with `limits.isolate = false`.
    pub fn start(limits: &LimitsConfig) -> Result<Pool, StartError> {
        if !limits.isolate {
            return Ok(Pool {
                limits: limits.clone(),
                workers: None,
            });
        }
        let pinned = PINNED.get_or_init(|| File::open("/proc/self/exe"));
        let exe = match pinned {
            Ok(file) => PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd())),
            Err(e) => {
                return Err(StartError(format!(
                    "không mở được chính tệp chương trình để chạy các tiến trình đọc tệp: {e} (limits.isolate = false đọc ngay trong tiến trình chính, không có các giới hạn)"
                )));
            }
        };
        let size = match limits.readers {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n as usize,
        };
        Pool::of(exe, size, limits).map_err(|e| {
            StartError(format!(
                "không chạy được tiến trình đọc tệp: {e} (limits.isolate = false đọc ngay trong tiến trình chính, không có các giới hạn)"
            ))
        })
    }

    /// `size` workers running `exe`.
    fn of(exe: PathBuf, size: usize, limits: &LimitsConfig) -> io::Result<Pool> {
        let workers = Workers::start(exe, size, limits)?;
        Ok(Pool {
            limits: limits.clone(),
            workers: Some(workers),
        })
    }

    /// A file of the submissions folder, known to users as `name`, read for
    /// the run `context` describes.
    pub fn read(&self, path: &Path, name: &str, context: &ReadContext) -> Reading {
        self.read_all(&[(path, name)], context)
            .pop()
            .expect("one reading a file")
    }

    /// Files of the submissions folder (each with the name users know it
    /// by), read for the run `context` describes: a reading each, in order.
    pub fn read_all(&self, files: &[(&Path, &str)], context: &ReadContext) -> Vec<Reading> {
        let Some(workers) = &self.workers else {
            return files
                .par_iter()
                .map(|(path, name)| read_path(path, name, &self.limits, context))
                .collect();
        };
        let requests: Vec<Request> = files
            .iter()
            .map(|(path, name)| Request::Submission {
                path: protocol::path_bytes(path),
                name: name.to_string(),
                context: context.clone(),
            })
            .collect();
        workers
            .ask_all(&requests)
            .into_iter()
            .zip(files)
            .map(|(answer, (_, name))| match answer {
                Ok(Response::Reading(reading)) => *reading,
                Ok(_) | Err(Trouble::Garbled) => {
                    tracing::warn!(file = name, "a reader process answered garbage");
                    Reading::failed(name, Rule::FileUnreadable, garbled())
                }
                Err(trouble) => {
                    tracing::warn!(file = name, ?trouble, "a reader process was stopped");
                    Reading::failed(name, Rule::FileTooLarge, over_limits(&self.limits))
                }
            })
            .collect()
    }

    /// The archive or e-mail `request` names (known to users as `name`),
    /// taken apart by a reader within its memory cap and deadline: a reader
    /// that dies or overruns on it makes it `file.too_large`, one that
    /// answers garbage `file.unreadable`, as for a workbook.
    pub fn unpack(&self, request: &Unpack, name: &str) -> Unpacked {
        let Some(workers) = &self.workers else {
            return crate::collect::unpack(request, &self.limits);
        };
        match workers.ask(&Request::Unpack(request.clone())) {
            Ok(Response::Unpacked(unpacked)) => unpacked,
            Ok(_) | Err(Trouble::Garbled) => {
                tracing::warn!(file = name, "a reader process answered garbage");
                Unpacked::Refused {
                    rule: Rule::FileUnreadable,
                    message: garbled(),
                }
            }
            Err(trouble) => {
                tracing::warn!(file = name, ?trouble, "a reader process was stopped");
                Unpacked::Refused {
                    rule: Rule::FileTooLarge,
                    message: over_limits(&self.limits),
                }
            }
        }
    }

    /// The rows of a published table's sheet named like `sheet` (else its
    /// first sheet); an error says why not, for the operator.
    pub fn read_table(&self, path: &Path, sheet: &str) -> Result<Vec<Vec<CellValue>>, String> {
        let Some(workers) = &self.workers else {
            return read_table_rows(path, sheet, &self.limits);
        };
        let request = Request::Table {
            path: protocol::path_bytes(path),
            sheet: sheet.to_string(),
        };
        match workers.ask(&request) {
            Ok(Response::Table(rows)) => rows,
            Ok(_) | Err(Trouble::Garbled) => Err("tiến trình đọc trả lời không hợp lệ".into()),
            Err(trouble) => Err(format!(
                "đọc tệp vượt giới hạn bộ nhớ {} byte (limits.max_memory_bytes) hoặc thời gian {} giây (limits.max_seconds) ({trouble:?})",
                vn_count(self.limits.max_memory_bytes),
                self.limits.max_seconds
            )),
        }
    }
}

fn garbled() -> String {
    "Tệp bị hỏng: trình đọc bảng tính không đọc được nội dung.".to_string()
}

fn over_limits(limits: &LimitsConfig) -> String {
    format!(
        "Đọc tệp này vượt giới hạn bộ nhớ {} byte (limits.max_memory_bytes) hoặc thời gian {} giây (limits.max_seconds): tệp quá lớn hoặc bị hỏng. Đề nghị kiểm tra, lưu lại bằng Excel và gửi lại.",
        vn_count(limits.max_memory_bytes),
        limits.max_seconds
    )
}

#[cfg(test)]
mod tests {
    use super::protocol::{VERSION, write_frame};
    use super::*;
    use std::process::{Command, Stdio};

    /// Writes an executable script from another process: a write handle
    /// held by this one would be inherited by a child another test thread
    /// forks meanwhile, and executing the script would then fail with
    /// "Text file busy" (ETXTBSY; seen once in CI).
    fn write_script(path: &Path, script: &str) {
        use std::io::Write;
        let mut writer = Command::new("sh")
            .args(["-c", "cat > \"$1\" && chmod 755 \"$1\"", "sh"])
            .arg(path)
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        writer
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .unwrap();
        assert!(writer.wait().unwrap().success());
    }

    /// A worker that says its hello right, then `then` (shell).
    fn fake_worker(dir: &Path, name: &str, then: &str) -> PathBuf {
        let path = dir.join(name);
        let ready = format!(r#"{{"Ready":{{"version":{VERSION}}}}}"#);
        let script = format!(
            "#!/bin/sh\nprintf '\\{:03o}\\000\\000\\000{ready}'\n{then}\n",
            ready.len()
        );
        write_script(&path, &script);
        path
    }

    fn rules(reading: &Reading) -> Vec<Rule> {
        reading.findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn a_worker_that_dies_overruns_or_babbles_is_replaced_and_only_its_file_charged() {
        let dir = tempfile::tempdir().unwrap();
        let limits = LimitsConfig {
            max_seconds: 1,
            ..LimitsConfig::default()
        };
        let mut hello = Vec::new();
        let version = VERSION;
        write_frame(
            &mut hello,
            &Request::Hello {
                version,
                limits: limits.clone(),
            },
        )
        .unwrap();
        // Reads its hello and the first byte of a request, then dies.
        let dies = format!(
            "head -c {} >/dev/null; head -c 1 >/dev/null; exit 0",
            hello.len()
        );
        let cases = [
            ("dies", dies.as_str(), Rule::FileTooLarge),
            ("overruns", "exec sleep 30", Rule::FileTooLarge),
            (
                "babbles",
                "printf '\\005\\000\\000\\000hello'; exec sleep 30",
                Rule::FileUnreadable,
            ),
            // Half a frame, then nothing: the wait still ends at the deadline.
            (
                "stalls",
                "printf '\\100\\000\\000\\000{\"Rea'; exec sleep 30",
                Rule::FileTooLarge,
            ),
        ];
        for (name, then, rule) in cases {
            let exe = fake_worker(dir.path(), name, then);
            let pool = Pool::of(exe, 1, &limits).expect("the fake worker says hello");
            let context =
                ReadContext::new(None, chrono::NaiveDate::from_ymd_opt(2020, 4, 20).unwrap());
            let reading = pool.read(Path::new("x.xlsx"), "x.xlsx", &context);
            assert_eq!(rules(&reading), [rule], "{name}");
            assert!(reading.submission.is_none());
            let workers = pool.workers.as_ref().unwrap();
            assert_eq!(workers.idle_counts(), (0, 1), "{name}: killed");
            // The next file starts a new worker, which fails the same way.
            let again = pool.read(Path::new("y.xlsx"), "y.xlsx", &context);
            assert_eq!(rules(&again), [rule], "{name}: replaced");
        }
    }

    #[test]
    fn a_worker_of_another_protocol_is_refused_at_start() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("cat-like");
        write_script(&exe, "#!/bin/sh\nexec cat\n");
        // It echoes the hello back: not a Ready.
        assert!(Pool::of(exe, 1, &LimitsConfig::default()).is_err());
    }
}
