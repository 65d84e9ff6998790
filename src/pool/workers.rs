//! The parent's side of the pool: starting reader processes, handing them
//! files, and reading their answers within each file's deadline.

use std::collections::VecDeque;
use std::io::{self, BufWriter};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::WORKER_COMMAND;
use super::protocol::{Request, Response, VERSION, write_frame};
use super::replies::{Replies, Trouble};
use crate::config::LimitsConfig;

pub(super) struct Workers {
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

pub(super) struct Idle {
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
    /// `size` workers running `exe`, and a feeder thread for each.
    pub(super) fn start(exe: PathBuf, size: usize, limits: &LimitsConfig) -> io::Result<Workers> {
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
        Ok(workers)
    }

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

    /// (workers ready, workers killed and not yet replaced)
    #[cfg(test)]
    pub(super) fn idle_counts(&self) -> (usize, usize) {
        let idle = self.idle.lock().expect("pool lock");
        (idle.ready.len(), idle.unstarted)
    }

    /// Sends `request` to an idle worker and waits for its answer until the
    /// file's deadline; a worker in trouble is killed, and replaced on the
    /// next request.
    pub(super) fn ask(&self, request: &Request) -> Result<Response, Trouble> {
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
    pub(super) fn ask_all(&self, requests: &[Request]) -> Vec<Result<Response, Trouble>> {
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
            | (Request::Unpack(_), Response::Unpacked(_))
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
