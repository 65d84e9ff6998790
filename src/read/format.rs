//! What a workbook's bytes are, and why its content may be refused: the two
//! words `sniff` (the bytes, before parsing), `extent` (how far a sheet
//! spreads) and `workbook` (calamine) share, kept apart from all three so
//! that none of them needs another for its types.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

/// Why a workbook's content could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Damaged or not what it claims; the text says how, in Vietnamese.
    Damaged(String),
    Encrypted,
    /// Over a limit; the text names it.
    TooLarge(String),
}
