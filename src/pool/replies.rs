//! A reader process's answers, read by the thread that asked: a frame at a
//! time, waiting with `poll` until the file's deadline.

use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::process::ChildStdout;
use std::time::Instant;

use super::protocol::{self, Response, read_frame};

/// What went wrong with the worker holding a file.
#[derive(Debug)]
pub enum Trouble {
    /// It could not be started, or died (its memory limit, a parser abort).
    Died,
    /// It was still reading at the file's deadline.
    Overran,
    /// It answered something that is not a frame of the protocol.
    Garbled,
}

/// The worker's stdout, read by the thread that asked, waiting with
/// `poll` until the file's deadline. (A thread per worker relaying frames
/// over a channel cost one more thread wake-up a file: 996 files took 2,800
/// voluntary context switches that way, 1,300 this way.)
pub struct Replies {
    /// Non-blocking: a worker that writes half a frame and stops cannot
    /// hold the reading thread past the deadline.
    stdout: ChildStdout,
    /// Bytes read and not yet taken as a frame.
    pending: Vec<u8>,
}

impl Replies {
    pub fn new(stdout: ChildStdout) -> io::Result<Replies> {
        let fd = stdout.as_raw_fd();
        // SAFETY: fcntl on a descriptor this process owns.
        let nonblocking = unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) == 0
        };
        if !nonblocking {
            return Err(io::Error::last_os_error());
        }
        Ok(Replies {
            stdout,
            pending: Vec::new(),
        })
    }

    /// The next frame, if it is whole by `deadline`.
    pub fn next(&mut self, deadline: Instant) -> Result<Response, Trouble> {
        loop {
            if let Some(frame) = self.whole_frame()? {
                return Ok(frame);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Trouble::Overran);
            }
            let mut poll = libc::pollfd {
                fd: self.stdout.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // Rounded up, so that a wait never ends just before the deadline.
            let millis = i32::try_from(left.as_millis().saturating_add(1)).unwrap_or(i32::MAX);
            // SAFETY: one pollfd, valid for the call.
            let ready = unsafe { libc::poll(&mut poll, 1, millis) };
            if ready < 0 {
                if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(Trouble::Died);
            }
            if ready == 0 {
                continue;
            }
            let mut chunk = [0u8; 16 * 1024];
            match self.stdout.read(&mut chunk) {
                // The worker closed its stdout: it died, mid-frame or not.
                Ok(0) => return Err(Trouble::Died),
                Ok(n) => self.pending.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
                    ) => {}
                Err(_) => return Err(Trouble::Died),
            }
        }
    }

    /// The first frame of `pending` when it is whole, taken out; a length
    /// over the limit or a frame that is not JSON of `Response` is garbage.
    fn whole_frame(&mut self) -> Result<Option<Response>, Trouble> {
        let Some(len) = self
            .pending
            .first_chunk::<4>()
            .map(|l| u32::from_le_bytes(*l))
        else {
            return Ok(None);
        };
        if len > protocol::MAX_FRAME_BYTES {
            return Err(Trouble::Garbled);
        }
        let end = 4 + len as usize;
        if self.pending.len() < end {
            return Ok(None);
        }
        let frame = read_frame::<Response>(&mut &self.pending[..end]);
        self.pending.drain(..end);
        match frame {
            Ok(Some(response)) => Ok(Some(response)),
            _ => Err(Trouble::Garbled),
        }
    }
}
