//! The reader process's side of the pool.

use std::io::{self, BufReader, BufWriter};

use super::protocol::{self, Request, Response, VERSION, read_frame, write_frame};
use crate::read::{read_path, read_table_rows};

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
            Request::Unpack(request) => {
                Response::Unpacked(crate::collect::unpack(&request, &limits))
            }
            Request::Hello { .. } => return Err(io::Error::other("a second hello")),
        };
        write_frame(&mut output, &response)?;
    }
    Ok(())
}
