//! SHA-256 of what a run reads and writes, for the run manifest: of bytes
//! already in memory, or of a file streamed from disk within a bound.

use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// The SHA-256 of `bytes`, as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A regular file's size and, when it is at most `max` bytes, its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    pub size: u64,
    /// None: larger than the bound, recorded by its size only.
    pub sha256: Option<String>,
}

/// Size and SHA-256 of the regular file at `path`, streamed (memory stays
/// small whatever the size). Opened without waiting (a pipe put there since
/// the walk answers at once) and its own type checked; a file over `max`
/// bytes is not read at all. None when nothing is there.
pub fn file(path: &Path, max: u64) -> std::io::Result<Option<FileDigest>> {
    let Some((file, meta)) = crate::regular_file::open_regular(path)? else {
        return Ok(None);
    };
    let size = meta.len();
    if size > max {
        return Ok(Some(FileDigest { size, sha256: None }));
    }
    let mut hasher = Sha256::new();
    let mut reader = file.take(max + 1);
    let mut buffer = vec![0u8; 64 * 1024];
    let mut read = 0u64;
    loop {
        let n = reader.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        read += n as u64;
        hasher.update(&buffer[..n]);
    }
    // Grew past the bound while being read: recorded by size only.
    if read > max {
        return Ok(Some(FileDigest {
            size: read,
            sha256: None,
        }));
    }
    Ok(Some(FileDigest {
        size: read,
        sha256: Some(hex(&hasher.finalize())),
    }))
}

/// A SHA-256 fed piece by piece (a file written as it is unpacked).
#[derive(Default)]
pub struct Hasher(Sha256);

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The digest, as 64 lowercase hex digits.
    pub fn hex(self) -> String {
        hex(&self.0.finalize())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        // FIPS 180-2 test vectors.
        let cases = [
            (
                &b""[..],
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(sha256_hex(input), expected, "{input:?}");
        }
    }

    #[test]
    fn a_file_over_the_bound_is_recorded_by_size_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"abc").unwrap();
        let whole = file(&path, 3).unwrap().unwrap();
        assert_eq!(whole.sha256.as_deref(), Some(sha256_hex(b"abc").as_str()));
        assert_eq!(whole.size, 3);
        let over = file(&path, 2).unwrap().unwrap();
        assert_eq!(
            over,
            FileDigest {
                size: 3,
                sha256: None
            }
        );
        assert_eq!(file(&dir.path().join("none"), 9).unwrap(), None);
    }
}
