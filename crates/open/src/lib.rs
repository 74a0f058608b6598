//! Opening the files people have: a budget's published PDF and its workbooks, turned into the
//! text Yusuan's core reads (its genre reader: tab-separated cells, or `pdftotext -layout`
//! columns), with the readers' remarks. Plain text and Yusuan JSON are not converted: the core
//! reads them as they are.
//!
//! The page loads this crate as a second wasm module only when the reader opens such a file,
//! so readers who never do download nothing of it; the CLI links it natively. Both call
//! [`to_text`], so a file reads the same in both.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// What kind of file the bytes are, by their first bytes and then their name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text or JSON: the core reads it as it is.
    Text,
    /// A PDF.
    Pdf,
    /// A workbook (.xlsx, .xls, .ods) or a CSV file.
    Sheet,
}

/// The kind of file `bytes` are (`name` decides only where the bytes do not: `.csv`).
pub fn kind_of(bytes: &[u8], name: &str) -> Kind {
    let lower = name.to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") || (lower.ends_with(".pdf") && !looks_like_text(bytes)) {
        Kind::Pdf
    } else if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        || [
            ".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb", ".numbers",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        Kind::Sheet
    } else {
        Kind::Text
    }
}

/// Whether the first bytes read as text (no NUL, mostly printable).
fn looks_like_text(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(512)).unwrap_or(bytes);
    !head.contains(&0)
}

/// A file turned into text, and what its reader remarked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Opened {
    /// The text for the core.
    pub text: String,
    /// The reader's remarks (a number cell whose stored value differs from its display).
    pub notes: Vec<Note>,
}

/// A reader's remark, with its place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Where: `表7!D12` (sheet and cell), `第 3 页`.
    pub place: String,
    /// In Chinese.
    pub message_zh: String,
    /// In English.
    pub message_en: String,
}

/// Why a file could not be opened, in both languages; the messages name the file (and the
/// page, sheet or cell where known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenError {
    /// In Chinese.
    pub message_zh: String,
    /// In English.
    pub message_en: String,
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh)
    }
}

impl std::error::Error for OpenError {}

/// Turns a PDF or a workbook into the core's text; `Ok(None)` for text and JSON, which the
/// core reads as they are.
///
/// # Errors
/// An [`OpenError`] saying why the file cannot be read (a scan with no text layer, an
/// encrypted or damaged file, a file past a size limit), naming the file.
pub fn to_text(bytes: &[u8], name: &str) -> Result<Option<Opened>, OpenError> {
    match kind_of(bytes, name) {
        Kind::Text => Ok(None),
        Kind::Sheet => sheet(bytes, name).map(Some),
        Kind::Pdf => pdf(bytes, name).map(Some),
    }
}

/// A PDF's text layer, laid out as `pdftotext -layout` lays it out (crates/pdf).
fn pdf(bytes: &[u8], name: &str) -> Result<Opened, OpenError> {
    let read = yusuan_pdf::pdf_to_text_joining_tiles(bytes).map_err(|e| OpenError {
        message_zh: format!("“{name}”：{}", e.message_zh()),
        message_en: format!("“{name}”: {}", e.message_en()),
    })?;
    // Said, not done silently: a page read as the right-hand part of the page before it.
    let notes = read
        .joined
        .iter()
        .map(|page| Note {
            place: format!("第 {page} 页"),
            message_zh: format!(
                "第 {page} 页是第 {} 页表格右侧的列（电子表格分页打印），已接在该页右侧逐行读取",
                page - 1
            ),
            message_en: format!(
                "page {page} holds the columns to the right of page {}'s table (a spreadsheet printed over pages) and was read beside it, row by row",
                page - 1
            ),
        })
        .collect();
    Ok(Opened {
        text: read.text,
        notes,
    })
}

fn sheet(bytes: &[u8], name: &str) -> Result<Opened, OpenError> {
    let read = yusuan_sheet::sheet_to_text(bytes, name).map_err(|e| OpenError {
        message_zh: e.message_zh(),
        message_en: e.message_en(),
    })?;
    Ok(Opened {
        text: read.text,
        notes: read
            .notes
            .into_iter()
            .map(|n| Note {
                place: format!("{}!{}", n.sheet, n.cell),
                message_zh: n.message_zh,
                message_en: n.message_en,
            })
            .collect(),
    })
}

/// The scenario's tables (the core's `Calculator.exportTables()` JSON: `{ decimals, sheets:
/// [{ name, rows: [[{ t: "s" | "n", v }]] }] }`) as an `.xlsx` workbook: text as text, amounts
/// as numbers with the publication's number format.
pub fn export_xlsx(json: &str) -> Result<Vec<u8>, OpenError> {
    let bad = |what: &str| OpenError {
        message_zh: format!("导出数据不完整（{what}）"),
        message_en: format!("the export data is incomplete ({what})"),
    };
    let value: serde_json::Value = serde_json::from_str(json).map_err(|_| bad("JSON"))?;
    let decimals = value
        .get("decimals")
        .and_then(serde_json::Value::as_u64)
        .and_then(|d| u32::try_from(d).ok())
        .unwrap_or(0);
    let mut sheets = Vec::new();
    for sheet in value
        .get("sheets")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| bad("sheets"))?
    {
        let name = sheet
            .get("name")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("Sheet")
            .to_string();
        let mut rows = Vec::new();
        for row in sheet
            .get("rows")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| bad("rows"))?
        {
            let mut cells = Vec::new();
            for cell in row.as_array().ok_or_else(|| bad("row"))? {
                let v = cell
                    .get("v")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                cells.push(match cell.get("t").and_then(serde_json::Value::as_str) {
                    Some("n") => yusuan_sheet::OutCell::Number(v),
                    _ => yusuan_sheet::OutCell::Text(v),
                });
            }
            rows.push(cells);
        }
        sheets.push(yusuan_sheet::OutSheet { name, rows });
    }
    yusuan_sheet::write_xlsx(&sheets, decimals).map_err(|e| OpenError {
        message_zh: e.message_zh,
        message_en: e.message_en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_bytes_then_name() {
        assert_eq!(kind_of(b"%PDF-1.7\n", "x.txt"), Kind::Pdf);
        assert_eq!(kind_of(b"PK\x03\x04....", "budget"), Kind::Sheet);
        assert_eq!(kind_of(b"a,b\n1,2\n", "budget.CSV"), Kind::Sheet);
        assert_eq!(
            kind_of("2022年部门预算\n".as_bytes(), "budget.txt"),
            Kind::Text
        );
        assert_eq!(kind_of(b"{\"title\":1}", "b.json"), Kind::Text);
        // A text file misnamed .pdf is still text.
        assert_eq!(kind_of("部门预算".as_bytes(), "b.pdf"), Kind::Text);
    }

    #[test]
    fn text_is_not_converted() {
        assert_eq!(to_text("部门预算".as_bytes(), "a.txt"), Ok(None));
    }
}
