//! What a catalogue may hold. A hostile or broken file is refused with a clear message
//! before it can exhaust the page's memory or time.

/// Files larger than this are refused before anything else is looked at.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// Data rows of one sheet (10,000 is the size the screening is tuned for).
pub const MAX_ROWS: usize = 100_000;
/// Columns of one sheet; a wider row is refused as soon as it is seen.
pub const MAX_COLUMNS: usize = 500;
/// Characters of one cell (Excel's own limit); longer cells are cut with a notice.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Sum of the uncompressed sizes an .xlsx declares; checked before decompressing.
pub const MAX_XLSX_UNCOMPRESSED_BYTES: u64 = 200 * 1024 * 1024;
/// Entries in an .xlsx archive (a real workbook has a few dozen).
pub const MAX_XLSX_ENTRIES: usize = 10_000;
/// Sheets read from one workbook.
pub const MAX_SHEETS: usize = 50;
/// Filled cells of one sheet (10,000 rows of 500 columns).
pub const MAX_CELLS: usize = 5_000_000;
