//! A workbook written from rows of text and exact decimals (rust_xlsxwriter, a well-kept
//! writer of the format, rather than hand-written XML): the scenario's tables as the core
//! lays them out (`yusuan::export`). A workbook stores numbers as doubles; each amount is
//! stored as the double nearest its exact decimal and shown with the publication's number
//! format (`#,##0` or `#,##0.00`), so that it displays as the decimal, digit for digit (the
//! amounts of a budget are far inside the 15 significant digits a double keeps).

use rust_xlsxwriter::{Format, Workbook};

/// A cell to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutCell {
    /// Text.
    Text(String),
    /// An amount, as a plain decimal (`84579`, `-100`).
    Number(String),
}

/// A sheet to write: its name and rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutSheet {
    /// The sheet's name (cut to Excel's 31 characters, made unique).
    pub name: String,
    /// Its rows.
    pub rows: Vec<Vec<OutCell>>,
}

/// Why a workbook could not be written, in Chinese and English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError {
    /// In Chinese.
    pub message_zh: String,
    /// In English.
    pub message_en: String,
}

fn failed(e: impl std::fmt::Display) -> WriteError {
    WriteError {
        message_zh: format!("无法写出工作簿：{e}"),
        message_en: format!("the workbook could not be written: {e}"),
    }
}

/// Excel refuses `[]:*?/\` in a sheet name and names over 31 characters.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let clean = if clean.trim().is_empty() {
        "Sheet".to_string()
    } else {
        clean
    };
    let mut candidate = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        candidate = format!("{clean}-{n}");
        n += 1;
    }
    candidate
}

/// The workbook's bytes: one sheet per [`OutSheet`], amounts with `decimals` decimals.
pub fn write_xlsx(sheets: &[OutSheet], decimals: u32) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let pattern = if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals.min(6) as usize))
    };
    let amount = Format::new().set_num_format(&pattern);
    let mut taken: Vec<String> = Vec::new();
    for sheet in sheets {
        let name = sheet_name(&sheet.name, &taken);
        taken.push(name.clone());
        let ws = workbook.add_worksheet();
        ws.set_name(&name).map_err(failed)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r).map_err(failed)?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).map_err(failed)?;
                match cell {
                    OutCell::Text(t) if t.is_empty() => {}
                    OutCell::Text(t) => {
                        ws.write_string(r, c, t).map_err(failed)?;
                    }
                    OutCell::Number(n) => {
                        let value: f64 = n
                            .parse()
                            .map_err(|_| failed(format!("“{n}” is not a number")))?;
                        ws.write_number_with_format(r, c, value, &amount)
                            .map_err(failed)?;
                    }
                }
            }
        }
    }
    workbook.save_to_buffer().map_err(failed)
}
