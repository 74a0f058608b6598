//! A workbook's zip checked before any reader inflates it: its entries counted, each one's
//! declared size added up, and then each entry inflated into a counter that stops at the cap,
//! so that a zip bomb whose headers lie is stopped as well as one whose headers are honest.

use std::io::{Cursor, Read};

use crate::detect::Format;
use crate::error::{Limit, SheetError};
use crate::limits;

/// What the zip turned out to be, and the entries a reader needs that were read on the way.
pub(crate) struct Checked {
    pub(crate) format: Format,
    /// An .ods's `content.xml`, inflated (its rows and repeats are checked before calamine
    /// builds its sheets).
    pub(crate) ods_content: Option<Vec<u8>>,
}

fn corrupt(file: &str, reason: impl std::fmt::Display) -> SheetError {
    SheetError::Corrupt {
        file: file.to_string(),
        sheet: None,
        reason: reason.to_string(),
    }
}

fn too_large(file: &str, what: Limit, limit: u64) -> SheetError {
    SheetError::TooLarge {
        file: file.to_string(),
        sheet: None,
        cell: None,
        what,
        limit,
    }
}

/// Checks the zip's sizes and tells an .xlsx from an .ods.
pub(crate) fn check(bytes: &[u8], file: &str) -> Result<Checked, SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(file, e))?;
    if zip.len() > limits::MAX_ZIP_ENTRIES {
        return Err(too_large(
            file,
            Limit::Entries,
            limits::MAX_ZIP_ENTRIES as u64,
        ));
    }
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| corrupt(file, e))?;
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let format = if names.iter().any(|n| n.starts_with("xl/")) {
        if has("xl/workbook.bin") {
            Format::Other("xlsb")
        } else {
            Format::Xlsx
        }
    } else if has("content.xml") || has("mimetype") {
        Format::Ods
    } else if has("Index/Document.iwa") {
        Format::Other("Apple Numbers")
    } else {
        return Err(SheetError::NotASpreadsheet {
            file: file.to_string(),
            reason: "a zip that holds no workbook".to_string(),
        });
    };
    // Declared sizes first: an honest bomb is refused without inflating anything.
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| corrupt(file, e))?;
        declared = declared.saturating_add(entry.size());
        if entry.encrypted() {
            return Err(SheetError::Encrypted {
                file: file.to_string(),
            });
        }
    }
    if declared > limits::MAX_UNCOMPRESSED {
        return Err(too_large(
            file,
            Limit::Uncompressed,
            limits::MAX_UNCOMPRESSED,
        ));
    }
    // Then every entry inflated into a counter: headers can lie.
    let mut total: u64 = 0;
    let mut ods_content = None;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("assword") => {
                return Err(SheetError::Encrypted {
                    file: file.to_string(),
                })
            }
            Err(e) => return Err(corrupt(file, e)),
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let keep = format == Format::Ods && name == "content.xml";
        let is_manifest = format == Format::Ods && name == "META-INF/manifest.xml";
        let is_styles = format == Format::Xlsx && name.to_ascii_lowercase().ends_with("styles.xml");
        let mut brackets = Brackets::default();
        let mut kept = Vec::new();
        loop {
            let n = entry.read(&mut buf).map_err(|e| corrupt(file, e))?;
            if n == 0 {
                break;
            }
            total = total.saturating_add(n as u64);
            if total > limits::MAX_UNCOMPRESSED {
                return Err(too_large(
                    file,
                    Limit::Uncompressed,
                    limits::MAX_UNCOMPRESSED,
                ));
            }
            if keep || is_manifest {
                kept.extend_from_slice(buf.get(..n).unwrap_or(&[]));
            }
            if is_styles && brackets.over(buf.get(..n).unwrap_or(&[])) {
                return Err(corrupt(file, "a number format with hundreds of brackets"));
            }
        }
        if is_manifest && contains(&kept, b"encryption-data") {
            return Err(SheetError::Encrypted {
                file: file.to_string(),
            });
        }
        if keep {
            ods_content = Some(kept);
        }
    }
    Ok(Checked {
        format,
        ods_content,
    })
}

/// calamine counts a number format's open brackets in a `u8` (`detect_custom_number_format`),
/// which overflows past 255. A format code is an attribute of one XML tag, and a `[` in it is
/// either itself or an entity starting with `&`: more than 254 of those in one tag of the
/// styles is refused.
#[derive(Default)]
struct Brackets(usize);

impl Brackets {
    fn over(&mut self, chunk: &[u8]) -> bool {
        for b in chunk {
            match b {
                b'<' => self.0 = 0,
                b'[' | b'&' => self.0 += 1,
                _ => (),
            }
            if self.0 >= 255 {
                return true;
            }
        }
        false
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
