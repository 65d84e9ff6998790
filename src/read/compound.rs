//! An `.xls` file's workbook stream as calamine's reader gathers it, and
//! whether that reader can open the file without running away. Its chain walk (`Sectors::get_chain`) follows the FAT
//! until the end-of-chain mark, the stream's declared length or a sector
//! past the file's end; it keeps no record of the sectors it has seen, so a
//! FAT entry that points back into its own chain makes it append the same
//! sectors for ever: the directory chain is read with no length at all, a
//! stream's with the length its entry declares (up to 2⁶⁴). 7 KB found by
//! the fuzzer took a reader to 3 GB in a second. A chain that cycles is
//! damage, said as such before calamine sees the file.
//!
//! The walk mirrors calamine's reading of the header, the DIFAT and the FAT
//! (`calamine/src/cfb.rs`), so that it judges the chains calamine will
//! follow, whatever the `cfb` crate makes of the file.

const HEADER: usize = 512;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED: u32 = 0xFFFF_FFFA;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const MINI_SECTOR: usize = 64;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: u64 = 4096;
const DIR_ENTRY: usize = 128;

/// A chain calamine follows comes back to a sector it passed.
#[derive(Debug, PartialEq, Eq)]
pub struct Cycle;

/// The workbook stream (`Workbook`, else `Book`) as calamine gathers it;
/// None where calamine stops on its own first (a bad header, a sector past
/// the end, no such stream). `Cycle` when a chain it follows at open (the
/// directory, the mini FAT, the mini stream) or when reading a stream it
/// reads comes back on itself.
pub fn workbook_stream(bytes: &[u8]) -> Result<Option<Vec<u8>>, Cycle> {
    let Some(header) = bytes.get(..HEADER) else {
        return Ok(None);
    };
    let u16_at = |i: usize| u16::from_le_bytes([header[i], header[i + 1]]);
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let (size, start) = match u16_at(30) {
        9 => (512, HEADER),
        12 => (4096, 4096),
        _ => return Ok(None),
    };
    let sectors = Sectors {
        bytes,
        start,
        size,
        max_id: bytes.len() / size,
    };
    // The FAT's sectors: 109 in the header, the rest in the DIFAT chain,
    // whose last entry names its next sector (calamine bounds this walk).
    let mut difat: Vec<u32> = words(&header[76..]).collect();
    let mut next = u32_at(header, 68);
    let mut steps = 0;
    while next < RESERVED {
        steps += 1;
        if steps > sectors.max_id + 1 || next as usize > sectors.max_id {
            return Ok(None);
        }
        difat.extend(words(sectors.get(next)));
        match difat.pop() {
            Some(id) => next = id,
            None => return Ok(None),
        }
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        if id as usize > sectors.max_id {
            return Ok(None);
        }
        fat.extend(words(sectors.get(id)));
    }
    let directory = sectors.chain(u32_at(header, 48), &fat, u64::MAX)?;
    let entries: Vec<Entry> = directory
        .chunks_exact(DIR_ENTRY)
        .map(|e| Entry {
            // UTF-16 up to the first NUL, as calamine cuts it.
            name: String::from_utf16_lossy(
                &e[..64]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .take_while(|c| *c != 0)
                    .collect::<Vec<u16>>(),
            ),
            first: u32_at(e, 116),
            len: if size == 512 {
                u64::from(u32_at(e, 120))
            } else {
                u64::from(u32_at(e, 120)) | u64::from(u32_at(e, 124)) << 32
            },
        })
        .collect();
    let Some(root) = entries.first() else {
        return Ok(None);
    };
    let (root_start, root_len) = (root.first, root.len);
    let mini_fat_len = u64::from(u32_at(header, 64));
    let (mini_stream, mini_fat) = if mini_fat_len > 0 {
        let stream = sectors.chain(root_start, &fat, root_len)?;
        let fat_len = mini_fat_len.saturating_mul(size as u64);
        let mini_fat = sectors.chain(u32_at(header, 60), &fat, fat_len)?;
        (stream, words(&mini_fat).collect())
    } else {
        (Vec::new(), Vec::new())
    };
    let minis = Sectors {
        bytes: &mini_stream,
        start: 0,
        size: MINI_SECTOR,
        max_id: sectors.max_id * 8,
    };
    // The streams calamine's .xls reader opens: the first entry of each
    // name, in any case (other entries are never followed).
    let mut read = STREAMS.iter().map(|stream| {
        let Some(entry) = entries.iter().find(|e| e.name.eq_ignore_ascii_case(stream)) else {
            return Ok(None);
        };
        if entry.len < MINI_CUTOFF {
            minis.chain(entry.first, &mini_fat, entry.len).map(Some)
        } else {
            sectors.chain(entry.first, &fat, entry.len).map(Some)
        }
    });
    // Every stream is walked, the workbook's kept: `Workbook`, else `Book`.
    let (workbook, book) = (read.next().expect("Workbook")?, read.next().expect("Book")?);
    for properties in read {
        properties?;
    }
    Ok(workbook.or(book))
}

/// What calamine's .xls reader reads: the workbook under either name, and
/// the document's properties.
const STREAMS: [&str; 4] = [
    "Workbook",
    "Book",
    "\u{5}SummaryInformation",
    "\u{5}DocumentSummaryInformation",
];

/// A directory entry: its name, first sector and length.
struct Entry {
    name: String,
    first: u32,
    len: u64,
}

fn words(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

/// Sectors as calamine numbers them: from `start`, of `size` bytes, none
/// past `max_id`.
struct Sectors<'a> {
    bytes: &'a [u8],
    start: usize,
    size: usize,
    max_id: usize,
}

impl Sectors<'_> {
    /// The bytes of sector `id`, short or empty past the end of the data.
    fn get(&self, id: u32) -> &[u8] {
        let from = (self.start + id as usize * self.size).min(self.bytes.len());
        let to = (from + self.size).min(self.bytes.len());
        &self.bytes[from..to]
    }

    /// The `len` bytes of the chain from `first`, as calamine gathers them;
    /// `Cycle` when the chain comes back to a sector it passed (more steps than
    /// there are sectors), where calamine would go on for ever.
    fn chain(&self, first: u32, fat: &[u32], len: u64) -> Result<Vec<u8>, Cycle> {
        let mut chain = Vec::new();
        let mut id = first;
        for _ in 0..=self.max_id + 1 {
            // calamine stops with an error here, or panics (caught) on an
            // entry past the FAT's end.
            if id == END_OF_CHAIN || id as usize > self.max_id {
                return Ok(chain);
            }
            let remaining = len.saturating_sub(chain.len() as u64);
            let sector = self.get(id);
            let take = sector
                .len()
                .min(usize::try_from(remaining).unwrap_or(usize::MAX));
            chain.extend_from_slice(&sector[..take]);
            if chain.len() as u64 >= len {
                return Ok(chain);
            }
            match fat.get(id as usize) {
                Some(next) => id = *next,
                None => return Ok(chain),
            }
        }
        Err(Cycle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file of one directory sector (sector 1) and one FAT
    /// sector (sector 0), whose FAT gives the directory's next sector.
    fn compound(directory_next: u32) -> Vec<u8> {
        let mut file = vec![0u8; HEADER + 2 * 512];
        file[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        file[30..32].copy_from_slice(&9u16.to_le_bytes());
        file[32..34].copy_from_slice(&6u16.to_le_bytes());
        file[44..48].copy_from_slice(&1u32.to_le_bytes());
        file[48..52].copy_from_slice(&1u32.to_le_bytes());
        file[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        file[76..80].copy_from_slice(&0u32.to_le_bytes());
        for slot in file[80..HEADER].chunks_exact_mut(4) {
            slot.copy_from_slice(&u32::MAX.to_le_bytes());
        }
        let fat = HEADER;
        file[fat..fat + 4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        file[fat + 4..fat + 8].copy_from_slice(&directory_next.to_le_bytes());
        // The root entry: no mini stream.
        let root = HEADER + 512;
        file[root + 116..root + 120].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        file
    }

    #[test]
    fn a_chain_that_ends_is_read_and_one_that_comes_back_is_not() {
        assert_eq!(workbook_stream(&compound(END_OF_CHAIN)), Ok(None));
        // The directory's sector names itself as the next.
        assert_eq!(workbook_stream(&compound(1)), Err(Cycle));
        // Back to the FAT sector, then the directory again.
        let mut two = compound(0);
        two[HEADER..HEADER + 4].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(workbook_stream(&two), Err(Cycle));
    }

    #[test]
    fn what_calamine_refuses_itself_is_left_to_it() {
        assert_eq!(workbook_stream(b"short"), Ok(None));
        let mut other_shift = compound(1);
        other_shift[30] = 10;
        assert_eq!(workbook_stream(&other_shift), Ok(None));
    }
}
