//! The one error type of the core. Every variant says what is wrong and where, in Chinese
//! first (the message a budget officer reads), with an English gloss.

use std::fmt;

/// Where in an input something went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file name as the user gave it (or `内置样例` for the embedded seed).
    pub file: String,
    /// The 1-based line number, when the input is text.
    pub line: Option<usize>,
    /// The table (`表7`) or narrative part (`第三部分`) the line belongs to, when known.
    pub within: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, " 第 {line} 行")?;
        }
        if let Some(within) = &self.within {
            write!(f, "（{within}）")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in the core.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Text that should be an amount is not one (`12abc`, `1e400`, `1,0,0`).
    InvalidAmount {
        /// The text as given (cut to 40 characters).
        text: String,
        /// Why it was refused, in Chinese.
        reason: &'static str,
    },
    /// An arithmetic result left the range of exact decimals (about ±7.9 × 10²⁸).
    Overflow {
        /// The operation that overflowed, in Chinese (`加法`).
        operation: &'static str,
    },
    /// The input is larger than we read in a browser tab.
    TooLarge {
        /// The input's size in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The published text could not be read: the message says what was expected.
    Import {
        /// Where.
        place: Place,
        /// What is wrong, in Chinese.
        message: String,
    },
    /// A scenario operation was refused (an unknown figure, a figure that is not editable).
    Scenario {
        /// What is wrong, in Chinese.
        message: String,
    },
    /// Our JSON format could not be read.
    Json {
        /// The file name.
        file: String,
        /// The parser's message (line and column included).
        message: String,
    },
}

impl Error {
    /// A short English version of the message, for the English UI and logs.
    pub fn english(&self) -> String {
        match self {
            Error::InvalidAmount { text, .. } => format!("not an amount: {text:?}"),
            Error::Overflow { .. } => "arithmetic overflow: the amount is too large".to_string(),
            Error::TooLarge { bytes, limit } => {
                format!("input of {bytes} bytes is over the limit of {limit} bytes")
            }
            Error::Import { place, message } => format!("cannot read {place}: {message}"),
            Error::Json { file, message } => format!("cannot read JSON {file}: {message}"),
            Error::Scenario { message } => format!("scenario: {message}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidAmount { text, reason } => {
                write!(f, "“{text}”不是有效金额：{reason}")
            }
            Error::Overflow { operation } => {
                write!(f, "{operation}结果超出可精确表示的范围")
            }
            Error::TooLarge { bytes, limit } => write!(
                f,
                "文件过大：{} 字节，上限为 {} 字节",
                crate::amount::group_thousands(&bytes.to_string()),
                crate::amount::group_thousands(&limit.to_string())
            ),
            Error::Import { place, message } => write!(f, "{place}：{message}"),
            Error::Json { file, message } => write!(f, "{file}：JSON 格式错误：{message}"),
            Error::Scenario { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}
