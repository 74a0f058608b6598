//! Which format a file is: by its magic bytes first, then by its extension.

/// A file's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Xlsx,
    Ods,
    Csv,
    /// A zip that holds neither a workbook.xml nor an ODF content.xml: decided after looking.
    Zip,
    /// An OLE compound file (D0 CF 11 E0): .xls, or an encrypted .xlsx.
    Cfb,
    /// .xlsb, .numbers, …: known, not read.
    Other(&'static str),
    /// Bytes that are no spreadsheet.
    Unknown,
}

const ZIP: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY: &[u8] = b"PK\x05\x06";
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The format by magic bytes, then extension. A zip's kind (xlsx or ods) is told by its
/// content in [`crate::zipguard`]; here it is [`Format::Zip`].
pub(crate) fn detect(bytes: &[u8], file_name: &str) -> Format {
    if bytes.starts_with(ZIP) || bytes.starts_with(ZIP_EMPTY) {
        return Format::Zip;
    }
    if bytes.starts_with(CFB) {
        return Format::Cfb;
    }
    let ext = extension(file_name);
    match ext.as_str() {
        "csv" | "txt" | "tsv" if looks_like_text(bytes) => Format::Csv,
        "xlsb" => Format::Other("xlsb"),
        "numbers" => Format::Other("Apple Numbers"),
        "xlsx" | "xlsm" | "ods" | "xls" => Format::Unknown, // a workbook's name, not its bytes
        _ if looks_like_text(bytes) => Format::Csv,
        _ => Format::Unknown,
    }
}

/// The lower-case extension of a file name.
pub(crate) fn extension(file_name: &str) -> String {
    file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether bytes could be a text file: no NUL, and few control characters besides tab,
/// line feed, carriage return and form feed.
pub(crate) fn looks_like_text(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    if head.contains(&0) {
        return false;
    }
    let controls = head
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls.saturating_mul(100) <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_before_extension() {
        assert_eq!(detect(b"PK\x03\x04rest", "a.csv"), Format::Zip);
        assert_eq!(detect(CFB, "a.xlsx"), Format::Cfb);
        assert_eq!(detect("项目,金额\n".as_bytes(), "a.csv"), Format::Csv);
        assert_eq!(detect(b"a,b\n", "noext"), Format::Csv);
        assert_eq!(detect(&[0, 1, 2, 3], "a.xlsx"), Format::Unknown);
        assert_eq!(detect(b"x", "a.xlsb"), Format::Other("xlsb"));
    }
}
