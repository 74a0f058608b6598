//! The one error type of the core. Every variant says what is wrong and where, in Chinese
//! first (the message a budget officer reads, [`fmt::Display`]) and in English
//! ([`Error::english`]), with the same facts: file, line, table, row, column or field, and the
//! offending text.

use std::borrow::Cow;
use std::fmt;

/// A message in both languages. Names and offending text taken from the input stay as they
/// are in the English text too, quoted (`column “支出总计”`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The Chinese text.
    pub zh: Cow<'static, str>,
    /// The English text.
    pub en: Cow<'static, str>,
}

impl Message {
    /// A message built at run time.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            zh: Cow::Owned(zh.into()),
            en: Cow::Owned(en.into()),
        }
    }

    /// A fixed message (no allocation).
    pub const fn fixed(zh: &'static str, en: &'static str) -> Message {
        Message {
            zh: Cow::Borrowed(zh),
            en: Cow::Borrowed(en),
        }
    }

    /// The same text in both languages (a parser's message that is already language-neutral).
    pub fn same(text: impl Into<String>) -> Message {
        let text = text.into();
        Message {
            zh: Cow::Owned(text.clone()),
            en: Cow::Owned(text),
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh)
    }
}

/// Where in an input something went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file name as the user gave it.
    pub file: String,
    /// The 1-based line number, when the input is text.
    pub line: Option<usize>,
    /// The table (`表7 一般公共预算支出表（按功能分类）`) or narrative part (`第三部分`) the line
    /// belongs to, when known, in Chinese as published.
    pub within: Option<String>,
}

impl Place {
    /// The place in English: `budget.txt line 12 (table 7 “一般公共预算支出表”)`.
    pub fn english(&self) -> String {
        let mut out = self.file.clone();
        if let Some(line) = self.line {
            out.push_str(&format!(" line {line}"));
        }
        if let Some(within) = &self.within {
            out.push_str(&format!(" ({})", within_english(within)));
        }
        out
    }

    /// [`Place::within`] in English (`表7` → `table 7`, `第三部分` → `part 3`; a title that
    /// follows stays in Chinese, quoted).
    pub fn within_english(&self) -> Option<String> {
        self.within.as_deref().map(within_english)
    }
}

/// `表7 一般公共预算支出表` → `table 7 “一般公共预算支出表”`; `第三部分` → `part 3`;
/// `表格部分` → `the tables section`; anything else is quoted.
pub fn within_english(within: &str) -> String {
    let within = within.trim();
    let (head, title) = match within.split_once(' ') {
        Some((h, t)) => (h, t.trim()),
        None => (within, ""),
    };
    let named = if let Some(digits) = head
        .strip_prefix('表')
        .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
    {
        Some(format!("table {digits}"))
    } else if let Some(n) = head
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix("部分"))
        .and_then(crate::numerals::parse_chinese_numeral)
    {
        Some(format!("part {n}"))
    } else if head == "表格部分" {
        Some("the tables section".to_string())
    } else {
        None
    };
    match (named, title.is_empty()) {
        (Some(n), true) => n,
        (Some(n), false) => format!("{n} “{title}”"),
        (None, _) => format!("“{within}”"),
    }
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

/// An arithmetic operation, for [`Error::Overflow`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `+`
    Addition,
    /// `−`
    Subtraction,
    /// `×`
    Multiplication,
    /// `÷`
    Division,
}

impl Operation {
    /// `加法`, `减法`, `乘法`, `除法`.
    pub fn zh(self) -> &'static str {
        match self {
            Operation::Addition => "加法",
            Operation::Subtraction => "减法",
            Operation::Multiplication => "乘法",
            Operation::Division => "除法",
        }
    }

    /// `addition`, `subtraction`, `multiplication`, `division`.
    pub fn en(self) -> &'static str {
        match self {
            Operation::Addition => "addition",
            Operation::Subtraction => "subtraction",
            Operation::Multiplication => "multiplication",
            Operation::Division => "division",
        }
    }
}

/// Everything that can go wrong in the core.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Text that should be an amount is not one (`12abc`, `1e400`, `1,0,0`).
    InvalidAmount {
        /// The text as given (cut to 40 characters).
        text: String,
        /// Why it was refused.
        reason: Message,
    },
    /// An arithmetic result left the range of exact decimals (about ±7.9 × 10²⁸).
    Overflow {
        /// The operation that overflowed.
        operation: Operation,
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
        /// What is wrong.
        message: Message,
    },
    /// A scenario operation was refused (an unknown figure, a figure that is not editable).
    Scenario {
        /// What is wrong.
        message: Message,
    },
    /// Our JSON format could not be read.
    Json {
        /// The file name.
        file: String,
        /// The line of the JSON text, when the parser knows it.
        line: Option<usize>,
        /// What is wrong (a parser's message names the line and column).
        message: Message,
    },
}

impl Error {
    /// The message in English: a full sentence with the same facts as the Chinese one (file,
    /// line, table, row, column or field, the offending text, quoted as given).
    pub fn english(&self) -> String {
        match self {
            Error::InvalidAmount { .. } | Error::Overflow { .. } | Error::Scenario { .. } => {
                self.detail_english()
            }
            Error::TooLarge { bytes, limit } => format!(
                "the file is too large: input of {bytes} bytes is over the limit of {limit} bytes"
            ),
            Error::Import { place, message } => {
                format!("cannot read {}: {}", place.english(), message.en)
            }
            Error::Json { file, message, .. } => {
                format!("cannot read JSON {file}: {}", message.en)
            }
        }
    }

    /// The English message without the place (for an error quoted inside another message).
    pub fn detail_english(&self) -> String {
        match self {
            Error::InvalidAmount { text, reason } => {
                format!("“{text}” is not a valid amount: {}", reason.en)
            }
            Error::Overflow { operation } => format!(
                "the result of the {} is beyond the range of exact decimals",
                operation.en()
            ),
            Error::Scenario { message } => message.en.to_string(),
            Error::Import { message, .. } | Error::Json { message, .. } => message.en.to_string(),
            Error::TooLarge { .. } => self.english(),
        }
    }

    /// A stable name of the variant: `invalidAmount`, `overflow`, `tooLarge`, `import`,
    /// `json`, `scenario` (the `kind` of a JavaScript error).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidAmount { .. } => "invalidAmount",
            Error::Overflow { .. } => "overflow",
            Error::TooLarge { .. } => "tooLarge",
            Error::Import { .. } => "import",
            Error::Json { .. } => "json",
            Error::Scenario { .. } => "scenario",
        }
    }

    /// The file the error is in, when it is about an input file.
    pub fn file(&self) -> Option<&str> {
        match self {
            Error::Import { place, .. } => Some(&place.file),
            Error::Json { file, .. } => Some(file),
            _ => None,
        }
    }

    /// The 1-based line the error is on, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::Import { place, .. } => place.line,
            Error::Json { line, .. } => *line,
            _ => None,
        }
    }

    /// The table or narrative part (`表7 …`, `第三部分`), in Chinese, when known.
    pub fn within(&self) -> Option<&str> {
        match self {
            Error::Import { place, .. } => place.within.as_deref(),
            _ => None,
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
                write!(f, "{}结果超出可精确表示的范围", operation.zh())
            }
            Error::TooLarge { bytes, limit } => write!(
                f,
                "文件过大：{} 字节，上限为 {} 字节",
                crate::numerals::group_thousands(&bytes.to_string()),
                crate::numerals::group_thousands(&limit.to_string())
            ),
            Error::Import { place, message } => write!(f, "{place}：{message}"),
            Error::Json { file, message, .. } => write!(f, "{file}：JSON 格式错误：{message}"),
            Error::Scenario { message } => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {}
