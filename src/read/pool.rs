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

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, BufWriter};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::protocol::{self, Request, Response, VERSION, read_frame, write_frame};
use super::replies::{Replies, Trouble};
use super::{CellValue, ReadContext, Reading, read_path, read_table_rows};
use crate::config::LimitsConfig;
use crate::finding::Rule;
use crate::text::vn_count;

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
#[derive(Debug)]
pub struct StartError(pub String);

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
        let feeders = rayon::ThreadPoolBuilder::new()
            .num_threads(size)
            .thread_name(|i| format!("dvctt-feeder-{i}"))
            .build()
            .map_err(io::Error::other)?;
        let workers = Workers {
            exe,
            limits: limits.clone(),
            feeders,
            idle: Mutex::new(Idle {
                ready: Vec::new(),
                unstarted: 0,
            }),
            returned: Condvar::new(),
        };
        let started = (0..size)
            .map(|_| workers.spawn())
            .collect::<io::Result<Vec<Worker>>>()?;
        workers.idle.lock().expect("pool lock").ready = started;
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
                context: *context,
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

struct Workers {
    /// `/proc/self/fd/N` of the pinned executable.
    exe: PathBuf,
    limits: LimitsConfig,
    /// A thread a worker, feeding it files in `ask_all`. They live as long
    /// as the pool: a worker they start gets its SIGKILL when the thread
    /// that started it ends (`PR_SET_PDEATHSIG`).
    feeders: rayon::ThreadPool,
    idle: Mutex<Idle>,
    returned: Condvar,
}

struct Idle {
    ready: Vec<Worker>,
    /// Workers killed and not yet replaced: started again when needed.
    unstarted: usize,
}

struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    replies: Replies,
}

impl Workers {
    fn spawn(&self) -> io::Result<Worker> {
        let mut command = Command::new(&self.exe);
        command
            .arg(WORKER_COMMAND)
            .env_clear()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        // The signal comes when the *thread* that spawned the worker ends:
        // workers are spawned by the main thread or rayon's, which live as
        // long as the process.
        // SAFETY: prctl and getppid are async-signal-safe and touch no
        // memory of the parent.
        unsafe {
            let parent = libc::getpid();
            command.pre_exec(move || {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(io::Error::last_os_error());
                }
                // The parent died before the line above: nobody would kill us.
                if libc::getppid() != parent {
                    return Err(io::Error::other("the parent is gone"));
                }
                Ok(())
            });
        }
        let mut child = command.spawn()?;
        let replies = match Replies::new(child.stdout.take().expect("piped stdout")) {
            Ok(replies) => replies,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        };
        let mut worker = Worker {
            stdin: BufWriter::new(child.stdin.take().expect("piped stdin")),
            child,
            replies,
        };
        let hello = Request::Hello {
            version: VERSION,
            limits: self.limits.clone(),
        };
        let answer = write_frame(&mut worker.stdin, &hello).and_then(|()| {
            match worker.replies.next(Instant::now() + START_TIMEOUT) {
                Ok(Response::Ready { version }) if version == VERSION => Ok(()),
                Ok(_) => Err(io::Error::other("the reader speaks another protocol")),
                Err(trouble) => Err(io::Error::other(format!(
                    "the reader did not answer its hello ({trouble:?})"
                ))),
            }
        });
        match answer {
            Ok(()) => Ok(worker),
            Err(e) => {
                worker.kill();
                Err(e)
            }
        }
    }

    /// Sends `request` to an idle worker and waits for its answer until the
    /// file's deadline; a worker in trouble is killed, and replaced on the
    /// next request.
    fn ask(&self, request: &Request) -> Result<Response, Trouble> {
        let mut worker = self.take()?;
        let deadline = Instant::now() + Duration::from_secs(self.limits.max_seconds);
        let answer = match write_frame(&mut worker.stdin, request) {
            Err(_) => Err(Trouble::Died),
            Ok(()) => match worker.replies.next(deadline) {
                Ok(response) if answers_kind(request, &response) => Ok(response),
                Ok(_) => Err(Trouble::Garbled),
                Err(trouble) => Err(trouble),
            },
        };
        let mut idle = self.idle.lock().expect("pool lock");
        match answer {
            Ok(_) => idle.ready.push(worker),
            Err(_) => {
                worker.kill();
                idle.unstarted += 1;
            }
        }
        self.returned.notify_one();
        answer
    }

    /// Sends every request to the workers and gathers the answers, in
    /// order. Each worker has the next file waiting in its pipe while it
    /// reads one (`QUEUED`), so it never sits idle while the run takes in
    /// its last answer: a file cost two thread wake-ups when a worker was
    /// handed one file at a time.
    fn ask_all(&self, requests: &[Request]) -> Vec<Result<Response, Trouble>> {
        let next = AtomicUsize::new(0);
        let answers: Vec<OnceLock<Result<Response, Trouble>>> =
            requests.iter().map(|_| OnceLock::new()).collect();
        if requests.is_empty() {
            return Vec::new();
        }
        if requests.len() == 1 {
            // One file (a check, a table): no thread to wake.
            let _ = answers[0].set(self.ask(&requests[0]));
        } else {
            self.feeders
                .broadcast(|_| self.feed(requests, &next, &answers));
        }
        answers
            .into_iter()
            .map(|a| a.into_inner().unwrap_or(Err(Trouble::Died)))
            .collect()
    }

    /// One feeder's share of `ask_all`: takes a worker and keeps `QUEUED`
    /// requests at it, the next ones from `next`, until none is left. The
    /// file at the front of its queue is the one it is reading; its deadline
    /// runs from the answer before it. When a worker dies, overruns or
    /// babbles, only that file is charged: the ones queued behind it are
    /// sent again to its replacement.
    fn feed(
        &self,
        requests: &[Request],
        next: &AtomicUsize,
        answers: &[OnceLock<Result<Response, Trouble>>],
    ) {
        let mut queued: VecDeque<usize> = VecDeque::new();
        let mut worker: Option<Worker> = None;
        let mut front_since = Instant::now();
        let limit = Duration::from_secs(self.limits.max_seconds);
        loop {
            let w = match worker.as_mut() {
                Some(w) => w,
                None => match self.take() {
                    Ok(w) => {
                        let w = worker.insert(w);
                        front_since = Instant::now();
                        // Sent again: a dead worker's queue was never read.
                        for &i in &queued {
                            let _ = write_frame(&mut w.stdin, &requests[i]);
                        }
                        w
                    }
                    Err(trouble) => {
                        // No worker can be started: the file waiting longest
                        // is charged, as `ask` charges it.
                        let Some(i) = queued.pop_front().or_else(|| claim(next, requests.len()))
                        else {
                            return;
                        };
                        let _ = answers[i].set(Err(trouble));
                        continue;
                    }
                },
            };
            while queued.len() < QUEUED {
                let Some(i) = claim(next, requests.len()) else {
                    break;
                };
                if queued.is_empty() {
                    front_since = Instant::now();
                }
                // A failed write means the worker is gone: reading its
                // answer says so, and charges the file it held.
                let _ = write_frame(&mut w.stdin, &requests[i]);
                queued.push_back(i);
            }
            let Some(&front) = queued.front() else {
                break;
            };
            let answer = match w.replies.next(front_since + limit) {
                Ok(response) if answers_kind(&requests[front], &response) => Ok(response),
                Ok(_) => Err(Trouble::Garbled),
                Err(trouble) => Err(trouble),
            };
            queued.pop_front();
            front_since = Instant::now();
            if answer.is_err() {
                if let Some(mut dead) = worker.take() {
                    dead.kill();
                }
                self.idle.lock().expect("pool lock").unstarted += 1;
            }
            let _ = answers[front].set(answer);
        }
        if let Some(worker) = worker {
            self.idle.lock().expect("pool lock").ready.push(worker);
            self.returned.notify_one();
        }
    }

    /// An idle worker, started if one was killed; waits while all are busy.
    fn take(&self) -> Result<Worker, Trouble> {
        let mut idle = self.idle.lock().expect("pool lock");
        loop {
            if let Some(worker) = idle.ready.pop() {
                return Ok(worker);
            }
            if idle.unstarted > 0 {
                idle.unstarted -= 1;
                drop(idle);
                return self.spawn().map_err(|e| {
                    tracing::warn!(error = %e, "cannot start a reader process");
                    self.idle.lock().expect("pool lock").unstarted += 1;
                    self.returned.notify_one();
                    Trouble::Died
                });
            }
            idle = self.returned.wait(idle).expect("pool lock");
        }
    }
}

/// How many requests a feeder keeps at its worker: the one it reads and
/// the next.
const QUEUED: usize = 2;

/// The index of the next request nobody has taken, if any is left.
fn claim(next: &AtomicUsize, count: usize) -> Option<usize> {
    let i = next.fetch_add(1, Ordering::Relaxed);
    (i < count).then_some(i)
}

/// Whether `response` is the kind of answer `request` asks for.
fn answers_kind(request: &Request, response: &Response) -> bool {
    matches!(
        (request, response),
        (Request::Submission { .. }, Response::Reading(_))
            | (Request::Table { .. }, Response::Table(_))
    )
}

/// How long a new worker has to answer its hello.
const START_TIMEOUT: Duration = Duration::from_secs(10);

impl Worker {
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        // Closing a worker's stdin ends it; kill in case it is still reading.
        for mut worker in self.idle.get_mut().expect("pool lock").ready.drain(..) {
            worker.kill();
        }
    }
}

/// In a worker: bounds this process as the hello says, then reads each
/// file asked for and answers with what was read, until stdin closes.
pub fn worker_main() -> io::Result<()> {
    // Started as `/proc/self/fd/N`, a worker would show in `ps` and `top`
    // as `N`.
    // SAFETY: PR_SET_NAME copies at most 16 bytes of a NUL-terminated name.
    unsafe {
        libc::prctl(libc::PR_SET_NAME, c"dvctt-reader".as_ptr());
    }
    let mut input = BufReader::new(io::stdin().lock());
    let mut output = BufWriter::new(io::stdout().lock());
    let limits = match read_frame::<Request>(&mut input)? {
        Some(Request::Hello { version, limits }) if version == VERSION => limits,
        _ => return Err(io::Error::other("no hello of this protocol version")),
    };
    // Over this, an allocation fails and the worker aborts: the parent sees
    // it die and charges the file it held.
    // A lower limit set from outside (ulimit -v) stays.
    let (_, hard) = rlimit::Resource::AS.get()?;
    let cap = limits.max_memory_bytes.min(hard);
    rlimit::Resource::AS.set(cap, cap)?;
    write_frame(&mut output, &Response::Ready { version: VERSION })?;
    while let Some(request) = read_frame::<Request>(&mut input)? {
        let response = match request {
            Request::Submission {
                path,
                name,
                context,
            } => Response::Reading(Box::new(read_path(
                &protocol::path_of(&path),
                &name,
                &limits,
                &context,
            ))),
            Request::Table { path, sheet } => {
                Response::Table(read_table_rows(&protocol::path_of(&path), &sheet, &limits))
            }
            Request::Hello { .. } => return Err(io::Error::other("a second hello")),
        };
        write_frame(&mut output, &response)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let idle = workers.idle.lock().unwrap();
            assert_eq!((idle.ready.len(), idle.unstarted), (0, 1), "{name}: killed");
            drop(idle);
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
