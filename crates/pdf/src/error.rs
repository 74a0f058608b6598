//! Errors: every refusal carries a reason, in Chinese and in English.

use std::fmt;

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The document has pages but no text layer (typically a scan).
    NoText,
    /// The document is encrypted and cannot be opened without a password.
    Encrypted,
    /// The input is not a PDF, or its structure is broken beyond repair.
    Corrupt {
        /// 1-based page number where the problem was met, if it belongs to a page.
        page: Option<usize>,
        /// A short English description of the problem.
        reason: String,
    },
    /// The input exceeds one of the reader's limits (size, pages, content).
    TooLarge {
        /// Which limit was exceeded, in English.
        what: String,
    },
}

impl PdfError {
    pub(crate) fn corrupt(reason: impl Into<String>) -> Self {
        PdfError::Corrupt {
            page: None,
            reason: reason.into(),
        }
    }

    pub(crate) fn too_large(what: impl Into<String>) -> Self {
        PdfError::TooLarge { what: what.into() }
    }

    /// Attach a page number to a `Corrupt` error that has none.
    pub(crate) fn on_page(self, page: usize) -> Self {
        match self {
            PdfError::Corrupt { page: None, reason } => PdfError::Corrupt {
                page: Some(page),
                reason,
            },
            other => other,
        }
    }

    /// A stable machine-readable name of the error kind.
    pub fn kind(&self) -> &'static str {
        match self {
            PdfError::NoText => "no_text",
            PdfError::Encrypted => "encrypted",
            PdfError::Corrupt { .. } => "corrupt",
            PdfError::TooLarge { .. } => "too_large",
        }
    }

    /// The message in Chinese, for the user.
    pub fn message_zh(&self) -> String {
        match self {
            PdfError::NoText => {
                "这个 PDF 没有文字层（可能是扫描件），无法读取其中的数字".to_string()
            }
            PdfError::Encrypted => {
                "这个 PDF 已加密，无法读取；请先用阅读器另存为未加密的 PDF".to_string()
            }
            PdfError::Corrupt {
                page: Some(p),
                reason,
            } => {
                format!("这个 PDF 的第 {p} 页已损坏，无法读取（{reason}）")
            }
            PdfError::Corrupt { page: None, reason } => {
                format!("这个文件不是有效的 PDF，或已损坏，无法读取（{reason}）")
            }
            PdfError::TooLarge { what } => format!("这个 PDF 超出了读取限制（{what}），无法读取"),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            PdfError::NoText => {
                "this PDF has no text layer (perhaps a scan); its figures cannot be read"
                    .to_string()
            }
            PdfError::Encrypted => {
                "this PDF is encrypted and cannot be read; save it as an unencrypted PDF first"
                    .to_string()
            }
            PdfError::Corrupt {
                page: Some(p),
                reason,
            } => {
                format!("page {p} of this PDF is damaged and cannot be read ({reason})")
            }
            PdfError::Corrupt { page: None, reason } => {
                format!("this file is not a valid PDF or is damaged ({reason})")
            }
            PdfError::TooLarge { what } => format!("this PDF exceeds a reading limit ({what})"),
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for PdfError {}
