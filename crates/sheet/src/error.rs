//! Why a file was refused, in Chinese and in English.

use std::fmt;

/// Why a spreadsheet could not be read. Every message names the file, and the sheet and cell
/// where they are known; [`SheetError::message_zh`] comes first in the user interface.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SheetError {
    /// Neither a workbook (.xlsx, .xls, .ods) nor a CSV text file.
    NotASpreadsheet {
        /// The file's name as given.
        file: String,
        /// What it looked like instead (English, short).
        reason: String,
    },
    /// A workbook whose structure could not be read (a broken zip, malformed XML, …).
    Corrupt {
        /// The file's name as given.
        file: String,
        /// The sheet where the damage was found, when known.
        sheet: Option<String>,
        /// What went wrong, as the underlying reader said it.
        reason: String,
    },
    /// Over one of the limits (input size, inflated size, sheets, rows, one cell's text).
    TooLarge {
        /// The file's name as given.
        file: String,
        /// The sheet, when the limit is per sheet.
        sheet: Option<String>,
        /// The cell (`B7`), when the limit is per cell.
        cell: Option<String>,
        /// What is too large (`input`, `uncompressed`, `sheets`, `rows`, `cell`, …).
        what: Limit,
        /// The limit that was passed.
        limit: u64,
    },
    /// A password-protected (encrypted) workbook.
    Encrypted {
        /// The file's name as given.
        file: String,
    },
    /// A spreadsheet format known but not read (.xlsb, .numbers, …).
    Unsupported {
        /// The file's name as given.
        file: String,
        /// The format.
        format: String,
    },
}

/// Which limit a [`SheetError::TooLarge`] passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The file's size in bytes.
    Input,
    /// The zip's content, inflated, in bytes.
    Uncompressed,
    /// The number of entries in the zip.
    Entries,
    /// The number of sheets.
    Sheets,
    /// The rows of one sheet.
    Rows,
    /// The cells of a workbook.
    Cells,
    /// One cell's text, in bytes.
    CellText,
    /// The text produced, in bytes.
    Output,
}

impl Limit {
    fn zh(self) -> &'static str {
        match self {
            Limit::Input => "文件大小",
            Limit::Uncompressed => "解压后的内容",
            Limit::Entries => "压缩包内的文件数",
            Limit::Sheets => "工作表数",
            Limit::Rows => "行数",
            Limit::Cells => "单元格数",
            Limit::CellText => "单元格文字",
            Limit::Output => "生成的文本",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Limit::Input => "file size",
            Limit::Uncompressed => "uncompressed content",
            Limit::Entries => "entries in the zip",
            Limit::Sheets => "number of sheets",
            Limit::Rows => "rows",
            Limit::Cells => "cells",
            Limit::CellText => "text of one cell",
            Limit::Output => "text produced",
        }
    }
    fn bytes(self) -> bool {
        matches!(
            self,
            Limit::Input | Limit::Uncompressed | Limit::CellText | Limit::Output
        )
    }
}

fn amount_zh(limit: u64, bytes: bool) -> String {
    if bytes {
        human(limit)
    } else {
        format!("{limit} 个")
    }
}

fn amount_en(limit: u64, bytes: bool) -> String {
    if bytes {
        human(limit)
    } else {
        limit.to_string()
    }
}

fn human(n: u64) -> String {
    if n >= 1 << 20 && n % (1 << 20) == 0 {
        format!("{} MiB", n >> 20)
    } else if n >= 1000 * 1000 && n % (1000 * 1000) == 0 {
        format!("{} MB", n / 1000 / 1000)
    } else {
        format!("{n} bytes")
    }
}

fn place_zh(sheet: &Option<String>, cell: &Option<String>) -> String {
    match (sheet, cell) {
        (Some(s), Some(c)) => format!("工作表“{s}”的单元格 {c}"),
        (Some(s), None) => format!("工作表“{s}”"),
        (None, Some(c)) => format!("单元格 {c}"),
        (None, None) => String::new(),
    }
}

fn place_en(sheet: &Option<String>, cell: &Option<String>) -> String {
    match (sheet, cell) {
        (Some(s), Some(c)) => format!("sheet “{s}”, cell {c}"),
        (Some(s), None) => format!("sheet “{s}”"),
        (None, Some(c)) => format!("cell {c}"),
        (None, None) => String::new(),
    }
}

impl SheetError {
    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            SheetError::NotASpreadsheet { file, reason } => format!(
                "“{file}”不是电子表格：既不是 .xlsx、.xls、.ods 工作簿，也不是 CSV 文本（{reason}）"
            ),
            SheetError::Corrupt {
                file,
                sheet,
                reason,
            } => match sheet {
                Some(s) => format!("“{file}”的工作表“{s}”已损坏，无法读取（{reason}）"),
                None => format!("“{file}”已损坏，无法读取（{reason}）"),
            },
            SheetError::TooLarge {
                file,
                sheet,
                cell,
                what,
                limit,
            } => {
                let place = place_zh(sheet, cell);
                let at = if place.is_empty() {
                    String::new()
                } else {
                    format!("{place}的")
                };
                format!(
                    "“{file}”{at}{}超过上限（最多 {}），不予读取",
                    what.zh(),
                    amount_zh(*limit, what.bytes())
                )
            }
            SheetError::Encrypted { file } => {
                format!("“{file}”设有密码（已加密），无法读取：请在表格软件中去掉密码后另存再打开")
            }
            SheetError::Unsupported { file, format } => {
                format!("“{file}”是 {format} 格式，暂不支持：请另存为 .xlsx、.xls、.ods 或 CSV")
            }
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            SheetError::NotASpreadsheet { file, reason } => format!(
                "“{file}” is not a spreadsheet: neither an .xlsx, .xls or .ods workbook nor CSV text ({reason})"
            ),
            SheetError::Corrupt {
                file,
                sheet,
                reason,
            } => match sheet {
                Some(s) => format!("“{file}”: sheet “{s}” is damaged and cannot be read ({reason})"),
                None => format!("“{file}” is damaged and cannot be read ({reason})"),
            },
            SheetError::TooLarge {
                file,
                sheet,
                cell,
                what,
                limit,
            } => {
                let place = place_en(sheet, cell);
                let at = if place.is_empty() {
                    String::new()
                } else {
                    format!(" at {place}")
                };
                format!(
                    "“{file}”{at}: the {} is over the limit (at most {}), so it is not read",
                    what.en(),
                    amount_en(*limit, what.bytes())
                )
            }
            SheetError::Encrypted { file } => format!(
                "“{file}” is password-protected (encrypted) and cannot be read: remove the password in a spreadsheet program, save, and open it again"
            ),
            SheetError::Unsupported { file, format } => format!(
                "“{file}” is in {format} format, which is not supported: save it as .xlsx, .xls, .ods or CSV"
            ),
        }
    }
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message_zh(), self.message_en())
    }
}

impl std::error::Error for SheetError {}
