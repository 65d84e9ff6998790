//! What the run and its reader processes say to each other over the
//! worker's stdin and stdout: length-prefixed JSON frames, opened by a hello
//! that carries the protocol version and the limits. A path travels as
//! bytes inside a frame, never as an argument, so no file name can reach an
//! argument parser.

use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};

use crate::collect::unpack::{Unpack, Unpacked};
use crate::config::LimitsConfig;
use crate::read::{CellValue, ReadContext, Reading};

/// Bumped whenever a message changes shape: a worker of another version is
/// refused at the hello. 2: a submission request carries its `ReadContext`.
/// 3: an optional figure is a `Given` (a number or not applicable).
/// 4: archives and e-mails are opened by readers (`Unpack`).
pub const VERSION: u32 = 4;

/// The largest frame either side accepts. A reading is a few kilobytes (its
/// texts are cut, see `MAX_TEXT_CHARS`); anything near this is garbage.
pub const MAX_FRAME_BYTES: u32 = 64 * 1024 * 1024;

/// The run's side of the conversation.
#[derive(Debug, Serialize, Deserialize)]
pub enum Request {
    /// The first frame: the worker bounds itself and answers `Ready`.
    Hello { version: u32, limits: LimitsConfig },
    /// A file of the submissions folder, known to users as `name`, read
    /// for the run `context` describes (the quarter chooses among sheets,
    /// the date judges report dates). Per request: the pool outlives no run,
    /// but a request is complete on its own.
    Submission {
        path: Vec<u8>,
        name: String,
        context: ReadContext,
    },
    /// A published table (`baseline.xlsx`): the rows of its sheet named
    /// like `sheet`, else of its first sheet.
    Table { path: Vec<u8>, sheet: String },
    /// An archive or e-mail, taken apart into the folder the request names.
    Unpack(Unpack),
}

/// The worker's side.
#[derive(Debug, Serialize, Deserialize)]
pub enum Response {
    Ready { version: u32 },
    Reading(Box<Reading>),
    Table(Result<Vec<Vec<CellValue>>, String>),
    Unpacked(Unpacked),
}

/// Writes one frame: a 4-byte little-endian length, then the JSON.
pub fn write_frame<T: Serialize>(out: &mut impl Write, message: &T) -> io::Result<()> {
    let json = serde_json::to_vec(message).map_err(io::Error::other)?;
    let len = u32::try_from(json.len())
        .ok()
        .filter(|l| *l <= MAX_FRAME_BYTES)
        .ok_or_else(|| io::Error::other("frame over the size limit"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&json)?;
    out.flush()
}

/// Reads one frame; None at a clean end of the stream (between frames).
/// A frame over the limit, cut short or not JSON of `T` is an error.
pub fn read_frame<T: for<'de> Deserialize<'de>>(input: &mut impl Read) -> io::Result<Option<T>> {
    let mut len = [0u8; 4];
    match input.read(&mut len[..1])? {
        0 => return Ok(None),
        _ => input.read_exact(&mut len[1..])?,
    }
    let len = u32::from_le_bytes(len);
    if len > MAX_FRAME_BYTES {
        return Err(io::Error::other(format!("a frame of {len} bytes")));
    }
    let mut json = vec![0u8; len as usize];
    input.read_exact(&mut json)?;
    serde_json::from_slice(&json)
        .map(Some)
        .map_err(io::Error::other)
}

/// A path as the bytes the OS names it by.
pub fn path_bytes(path: &std::path::Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

/// The path named by `bytes`.
pub fn path_of(bytes: &[u8]) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::path::PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_garbage_is_an_error() {
        let mut buf = Vec::new();
        let request = Request::Submission {
            path: b"-- Ha Noi\xff.xlsx".to_vec(),
            name: "--help.xlsx".into(),
            context: ReadContext::new(None, chrono::NaiveDate::from_ymd_opt(2020, 4, 20).unwrap()),
        };
        write_frame(&mut buf, &request).unwrap();
        let back: Request = read_frame(&mut buf.as_slice()).unwrap().unwrap();
        assert!(matches!(back, Request::Submission { path, .. } if path == b"-- Ha Noi\xff.xlsx"));
        assert!(read_frame::<Request>(&mut [].as_slice()).unwrap().is_none());
        let huge = (MAX_FRAME_BYTES + 1).to_le_bytes();
        assert!(read_frame::<Request>(&mut huge.as_slice()).is_err());
        let cut = [10u8, 0, 0, 0, b'{'];
        assert!(read_frame::<Request>(&mut cut.as_slice()).is_err());
        let mut not_json = 3u32.to_le_bytes().to_vec();
        not_json.extend_from_slice(b"abc");
        assert!(read_frame::<Request>(&mut not_json.as_slice()).is_err());
    }
}
