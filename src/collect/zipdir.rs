//! A zip's central directory read whole, as `unzip` and Python's `zipfile`
//! read it: its entries are walked header by header from where it starts to
//! where the end record stands, whatever count the end record declares. The
//! zip crate reads as many entries as the end record says (an end record
//! saying 1 over a directory of 2 made the second unit's report vanish), so
//! an end record that disagrees is corrected in the copy the crate reads,
//! and said.

/// The end-of-central-directory record: its signature and fixed size.
const END_MAGIC: [u8; 4] = *b"PK\x05\x06";
const END_SIZE: usize = 22;
/// The zip64 end record, its locator (20 bytes, just before the end record).
const END64_MAGIC: [u8; 4] = *b"PK\x06\x06";
const LOCATOR_MAGIC: [u8; 4] = *b"PK\x06\x07";
const LOCATOR_SIZE: usize = 20;
const END64_SIZE: usize = 56;
/// A central directory header: its signature, fixed size, and where its
/// name, extra field and comment lengths are.
const HEADER_MAGIC: [u8; 4] = *b"PK\x01\x02";
const HEADER_SIZE: usize = 46;

/// What the directory holds against what the end record declares.
#[derive(Debug, PartialEq, Eq)]
pub struct Directory {
    /// Entries walked in the central directory.
    pub entries: u64,
    /// Entries the end record (or the zip64 record) declares.
    pub declared: u64,
}

/// The directory of the zip in `bytes`, and, when the end record disagrees
/// with it (count or size), `bytes` corrected to say what the directory
/// holds. None when no end record or directory can be found (the zip crate
/// then says the zip is damaged). Walking costs no memory: a header is at
/// least 46 bytes, so a file of the size limit holds a bounded number.
pub fn read(bytes: &[u8]) -> Option<(Directory, Option<Vec<u8>>)> {
    let end = end_record(bytes)?;
    let field = |at: usize, len: usize| -> u64 {
        bytes[end + at..end + at + len]
            .iter()
            .rev()
            .fold(0u64, |n, b| (n << 8) | u64::from(*b))
    };
    let mut declared = field(10, 2);
    let mut size = field(12, 4);
    let mut offset = field(16, 4);
    let mut end64 = None;
    if end >= LOCATOR_SIZE && bytes[end - LOCATOR_SIZE..end - LOCATOR_SIZE + 4] == LOCATOR_MAGIC {
        let at = read_u64(bytes, end - LOCATOR_SIZE + 8)?;
        let at = usize::try_from(at).ok()?;
        if bytes.get(at..at + 4) == Some(&END64_MAGIC[..]) && at + END64_SIZE <= bytes.len() {
            declared = read_u64(bytes, at + 32)?;
            size = read_u64(bytes, at + 40)?;
            offset = read_u64(bytes, at + 48)?;
            end64 = Some(at);
        }
    }
    let limit = end64.unwrap_or(end);
    // The directory starts where the record says, or, for a zip with bytes
    // before it (a self-extractor), right before the records at its end.
    let starts = [
        usize::try_from(offset).ok(),
        usize::try_from(size)
            .ok()
            .and_then(|s| limit.checked_sub(s)),
    ];
    let start = starts.into_iter().flatten().find(|&at| {
        at <= limit && (at == limit || bytes.get(at..at + 4) == Some(&HEADER_MAGIC[..]))
    })?;
    let (entries, walked) = walk(bytes, start, limit);
    let directory = Directory { entries, declared };
    if entries == declared && walked == size {
        return Some((directory, None));
    }
    let mut fixed = bytes.to_vec();
    match end64 {
        Some(at) => {
            fixed[at + 24..at + 32].copy_from_slice(&entries.to_le_bytes());
            fixed[at + 32..at + 40].copy_from_slice(&entries.to_le_bytes());
            fixed[at + 40..at + 48].copy_from_slice(&walked.to_le_bytes());
        }
        None => {
            let count = u16::try_from(entries).ok().filter(|&c| c != u16::MAX)?;
            let walked = u32::try_from(walked).ok().filter(|&s| s != u32::MAX)?;
            fixed[end + 8..end + 10].copy_from_slice(&count.to_le_bytes());
            fixed[end + 10..end + 12].copy_from_slice(&count.to_le_bytes());
            fixed[end + 12..end + 16].copy_from_slice(&walked.to_le_bytes());
        }
    }
    Some((directory, Some(fixed)))
}

/// The entries from `start` up to `limit`, header by header, and the bytes
/// they take.
fn walk(bytes: &[u8], start: usize, limit: usize) -> (u64, u64) {
    let mut at = start;
    let mut entries = 0u64;
    while at + HEADER_SIZE <= limit && bytes[at..at + 4] == HEADER_MAGIC {
        let len = |i: usize| usize::from(u16::from_le_bytes([bytes[at + i], bytes[at + i + 1]]));
        let next = at + HEADER_SIZE + len(28) + len(30) + len(32);
        if next > limit {
            break;
        }
        entries += 1;
        at = next;
    }
    (entries, (at - start) as u64)
}

/// Where the end record starts: the last signature whose comment runs to
/// the end of the file, else the last signature at all.
fn end_record(bytes: &[u8]) -> Option<usize> {
    let first = bytes.len().saturating_sub(END_SIZE + usize::from(u16::MAX));
    let last = bytes.len().checked_sub(END_SIZE)?;
    let candidates = (first..=last)
        .rev()
        .filter(|&at| bytes[at..at + 4] == END_MAGIC);
    let mut any = None;
    for at in candidates {
        let comment = usize::from(u16::from_le_bytes([bytes[at + 20], bytes[at + 21]]));
        if at + END_SIZE + comment == bytes.len() {
            return Some(at);
        }
        any.get_or_insert(at);
    }
    any
}

fn read_u64(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(names: &[&str]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for name in names {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(name.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    fn names(bytes: &[u8]) -> Vec<String> {
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        zip.file_names().map(|n| n.unwrap().into_owned()).collect()
    }

    #[test]
    fn an_end_record_that_undercounts_is_corrected_never_trusted() {
        let honest = zip_of(&["a.xlsx", "b.xlsx"]);
        let (directory, fixed) = read(&honest).unwrap();
        assert_eq!(
            directory,
            Directory {
                entries: 2,
                declared: 2
            }
        );
        assert!(fixed.is_none());
        // The end record says 1: the crate alone lists only a.xlsx.
        let mut lying = honest.clone();
        let end = end_record(&lying).unwrap();
        lying[end + 8] = 1;
        lying[end + 10] = 1;
        assert_eq!(names(&lying), ["a.xlsx"]);
        let (directory, fixed) = read(&lying).unwrap();
        assert_eq!(
            directory,
            Directory {
                entries: 2,
                declared: 1
            }
        );
        assert_eq!(names(&fixed.unwrap()), ["a.xlsx", "b.xlsx"]);
        // Says 3: what is there is read, not refused.
        lying[end + 8] = 3;
        lying[end + 10] = 3;
        let (directory, fixed) = read(&lying).unwrap();
        assert_eq!(
            directory,
            Directory {
                entries: 2,
                declared: 3
            }
        );
        assert_eq!(names(&fixed.unwrap()), ["a.xlsx", "b.xlsx"]);
    }

    /// `zip` as a zip64 tool writes it: the counts, size and offset in a
    /// zip64 end record (declaring `count` entries), the end record's own
    /// fields saying "see there".
    fn as_zip64(zip: &[u8], count: u64) -> Vec<u8> {
        let end = end_record(zip).unwrap();
        let field = |at: usize| u64::from(u32::from_le_bytes(zip[at..at + 4].try_into().unwrap()));
        let (size, offset) = (field(end + 12), field(end + 16));
        let mut out = zip[..end].to_vec();
        let record = out.len() as u64;
        out.extend_from_slice(&END64_MAGIC);
        out.extend_from_slice(&44u64.to_le_bytes());
        out.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for value in [count, count, size, offset] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        out.extend_from_slice(&LOCATOR_MAGIC);
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&record.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        out.extend_from_slice(&END_MAGIC);
        out.extend_from_slice(&[0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        out.extend_from_slice(&[0xFF; 8]);
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn a_zip64_record_that_undercounts_is_corrected_too() {
        let zip = zip_of(&["a.xlsx", "b.xlsx"]);
        let honest = as_zip64(&zip, 2);
        assert_eq!(names(&honest), ["a.xlsx", "b.xlsx"]);
        assert!(read(&honest).unwrap().1.is_none());
        let lying = as_zip64(&zip, 1);
        assert_eq!(names(&lying), ["a.xlsx"]);
        let (directory, fixed) = read(&lying).unwrap();
        assert_eq!(
            directory,
            Directory {
                entries: 2,
                declared: 1
            }
        );
        assert_eq!(names(&fixed.unwrap()), ["a.xlsx", "b.xlsx"]);
    }

    #[test]
    fn every_entry_is_counted_and_garbage_has_no_directory() {
        let many: Vec<String> = (0..20).map(|i| format!("{i}.txt")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let (directory, _) = read(&zip_of(&refs)).unwrap();
        assert_eq!(directory.entries, 20);
        assert!(read(b"PK\x03\x04 not a zip").is_none());
        assert!(read(b"").is_none());
    }
}
