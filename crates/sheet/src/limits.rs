//! The caps, enforced before and while parsing.

/// The largest file read: 32 MiB.
pub const MAX_INPUT: usize = 32 << 20;
/// The most a workbook's zip may inflate to, all entries together: 64 MiB.
pub const MAX_UNCOMPRESSED: u64 = 64 << 20;
/// The most entries a workbook's zip may hold.
pub const MAX_ZIP_ENTRIES: usize = 4096;
/// The most sheets a workbook may have.
pub const MAX_SHEETS: usize = 256;
/// The most rows one sheet may have (counted to its last row with a value).
pub const MAX_ROWS: u32 = 100_000;
/// The most text one cell may hold: 1 MB.
pub const MAX_CELL_TEXT: usize = 1_000_000;
/// The most cells with a value a workbook may have, and the most an .ods may spread its
/// repeated cells over (calamine builds each .ods sheet's full rectangle).
pub const MAX_CELLS: u64 = 2_000_000;
/// The most text produced: 64 MiB.
pub const MAX_OUTPUT: usize = 64 << 20;
