//! Spreadsheets as text for Yusuan: `.xlsx`, `.xls`, `.ods` (through calamine) and `.csv`
//! (UTF-8 or GB18030/GBK) become the tab-separated text Yusuan's text reader reads.
//!
//! - Each row is one line, its cells joined by a tab, empty cells empty between tabs, the
//!   columns counted from the sheet's first used column; a merged cell's value sits in its
//!   top-left cell and the cells it covers stay empty.
//! - A sheet is a table, or several where empty rows part its rows (a blank line between
//!   them). Its title is its title row (one text cell alone on the first row, such as a merged
//!   `2022年部门收支总表`); a sheet with none gets its name as a title line first.
//! - Sheets are parted by a line holding a form feed (`\x0c`).
//! - A number is the decimal its number format displays, as a printed table: `84578.99999999999`
//!   under `#,##0` is `84,579`; where the stored value differs from what is shown by more than
//!   float noise (`1838.5` shown `1,839`) a [`SheetNote`] says so.
//!
//! Limits (see [`limits`]) are checked before and while parsing; a bad file is refused with a
//! [`SheetError`], never a panic, a hang or unbounded memory.
#![forbid(unsafe_code)]

mod biffguard;
mod cfbguard;
mod csv;
mod detect;
mod error;
mod grid;
pub mod limits;
mod numfmt;
mod ods;
mod workbook;
mod write;
mod xlsformats;
mod zipguard;

pub use error::{Limit, SheetError};
pub use write::{write_xlsx, OutCell, OutSheet, WriteError};

use detect::Format;

/// A spreadsheet's text, and notes on numbers whose display differs from what is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetText {
    /// The text, in the tab dialect described in the crate's documentation.
    pub text: String,
    /// One note per number cell whose shown value differs from its stored value.
    pub notes: Vec<SheetNote>,
}

/// A number cell whose stored value differs from what its format shows (`1838.5` shown as
/// `1,839`), or an integer past 15 significant digits, which no spreadsheet shows exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetNote {
    /// The sheet's name.
    pub sheet: String,
    /// The cell, as `B7`.
    pub cell: String,
    /// The stored value, as a decimal at 15 significant digits (or the exact integer).
    pub stored: String,
    /// The value as shown, which the text gives.
    pub shown: String,
    /// The note in Chinese.
    pub message_zh: String,
    /// The note in English.
    pub message_en: String,
}

/// Reads a spreadsheet's bytes as text. The format is told by the bytes (a zip holding a
/// workbook is .xlsx or .ods by its content; an OLE file is .xls), then by the file's
/// extension; text that is no workbook is read as CSV. `file_name` names the file in messages.
///
/// # Errors
/// [`SheetError::NotASpreadsheet`] for other bytes, [`SheetError::Corrupt`] for a damaged
/// workbook, [`SheetError::TooLarge`] past a limit, [`SheetError::Encrypted`] for a password-
/// protected workbook, [`SheetError::Unsupported`] for .xlsb and Numbers files.
pub fn sheet_to_text(bytes: &[u8], file_name: &str) -> Result<SheetText, SheetError> {
    let file = file_name;
    if bytes.len() > limits::MAX_INPUT {
        return Err(SheetError::TooLarge {
            file: file.to_string(),
            sheet: None,
            cell: None,
            what: Limit::Input,
            limit: limits::MAX_INPUT as u64,
        });
    }
    let read = match detect::detect(bytes, file) {
        Format::Zip => {
            let checked = zipguard::check(bytes, file)?;
            match checked.format {
                Format::Xlsx => workbook::xlsx(bytes, file)?,
                Format::Ods => {
                    let content = checked.ods_content.ok_or_else(|| SheetError::Corrupt {
                        file: file.to_string(),
                        sheet: None,
                        reason: "no content.xml".to_string(),
                    })?;
                    let scan = ods::scan(&content, file)?;
                    drop(content);
                    workbook::ods(bytes, file, &scan)?
                }
                Format::Other(format) => {
                    return Err(SheetError::Unsupported {
                        file: file.to_string(),
                        format: format.to_string(),
                    })
                }
                _ => {
                    return Err(SheetError::NotASpreadsheet {
                        file: file.to_string(),
                        reason: "a zip that holds no workbook".to_string(),
                    })
                }
            }
        }
        Format::Cfb => {
            if is_encrypted_ooxml(bytes) {
                return Err(SheetError::Encrypted {
                    file: file.to_string(),
                });
            }
            let checked = cfbguard::check(bytes, file)?;
            let formats = xlsformats::read(&checked.stream);
            drop(checked.stream);
            workbook::xls(checked.patched.as_deref().unwrap_or(bytes), file, &formats)?
        }
        Format::Csv => workbook::Read {
            grids: vec![csv::read(bytes, file)?],
            notes: Vec::new(),
        },
        Format::Other(format) => {
            return Err(SheetError::Unsupported {
                file: file.to_string(),
                format: format.to_string(),
            })
        }
        Format::Xlsx | Format::Ods | Format::Unknown => {
            let ext = detect::extension(file);
            let reason = if matches!(ext.as_str(), "xlsx" | "xlsm" | "ods" | "xls") {
                format!("the name says .{ext}, but the bytes are not a workbook")
            } else {
                "binary bytes that are no workbook".to_string()
            };
            return Err(SheetError::NotASpreadsheet {
                file: file.to_string(),
                reason,
            });
        }
    };
    let mut text = String::new();
    let mut first = true;
    for mut grid in read.grids {
        if grid.cells.is_empty() {
            continue;
        }
        if !first {
            text.push_str("\x0c\n");
        }
        first = false;
        grid::write_text(&mut grid, &mut text, file)?;
    }
    Ok(SheetText {
        text,
        notes: read.notes,
    })
}

/// An encrypted .xlsx is an OLE file holding an `EncryptedPackage` stream (its directory
/// names are UTF-16).
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}
