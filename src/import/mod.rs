//! Reading budgets: the published text (the seed format) and our own JSON format.

mod aligned;
pub mod figures;
pub mod genre;
pub mod json;
pub mod limits;
pub mod links;
pub mod phrases;
pub mod text;

use crate::amount::Amount;
use crate::error::{Error, Message, Place};
use crate::model::{Budget, Unit};

/// The seed publication, embedded in the native build (the CLI, the tests). The page's .wasm
/// does not carry it: the page fetches `data/longgang-iit-2022-budget.txt` (served
/// compressed) while the .wasm compiles.
#[cfg(not(target_arch = "wasm32"))]
pub const SEED_TEXT: &str = include_str!("../../data/longgang-iit-2022-budget.txt");

/// The seed's file name.
pub const SEED_NAME: &str = "longgang-iit-2022-budget.txt";

/// Reads the embedded seed publication.
#[cfg(not(target_arch = "wasm32"))]
pub fn seed() -> Result<Budget, Error> {
    published_text(SEED_TEXT.as_bytes(), SEED_NAME)
}

/// Reads a file in either format: our JSON (it starts with `{`) or published text.
pub fn any(bytes: &[u8], file: &str) -> Result<Budget, Error> {
    let first = bytes
        .iter()
        .find(|b| !(b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF));
    if first == Some(&b'{') {
        let text = text::decode(bytes, file)?;
        json::read(&text, file)
    } else {
        published_text(bytes, file)
    }
}

/// Reads one publication that comes as several files (Jiangsu's 公开文件 + 公开表): their
/// texts, in the order given, are read as one by the genre reader. Lines are numbered through
/// the files in turn (the second file's first line follows the first file's last).
pub fn publication(files: &[(Vec<u8>, String)]) -> Result<Budget, Error> {
    let mut joined = String::new();
    let mut names = Vec::new();
    for (bytes, file) in files {
        let text = text::decode(bytes, file)?;
        if !joined.is_empty() && !joined.ends_with('\n') {
            joined.push('\n');
        }
        joined.push_str(&text);
        names.push(file.as_str());
    }
    if joined.len() > text::MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            bytes: joined.len(),
            limit: text::MAX_INPUT_BYTES,
        });
    }
    genre::read(&joined, &names.join(" + "))
}

/// A file turned into text by a reader outside the core (a PDF's text layer, a workbook's
/// sheets): the text as it reads, and the reader's remarks on it.
#[derive(Clone, Debug, Default)]
pub struct Converted {
    /// The text, in a dialect the genre reader reads (tab-separated cells, `pdftotext -layout`).
    pub text: String,
    /// The reader's remarks, reported as notes.
    pub notes: Vec<crate::model::SourceNote>,
}

impl Converted {
    /// `file`'s text and its reader's remarks, each `(place, message, message_en)`.
    pub fn new(
        file: &str,
        text: String,
        notes: impl IntoIterator<Item = (String, String, String)>,
    ) -> Converted {
        Converted {
            text,
            notes: notes
                .into_iter()
                .map(|(place, message, message_en)| crate::model::SourceNote {
                    file: file.to_string(),
                    place,
                    message,
                    message_en,
                })
                .collect(),
        }
    }
}

/// Reads one publication from files some of which a reader outside the core turned into text
/// (`converted`, in the same order as `files`; `None` for a file read as it is). The texts are
/// read as one, as [`publication`] does, and the readers' remarks become notes.
pub fn converted_publication(
    files: &[(Vec<u8>, String)],
    converted: Vec<Option<Converted>>,
) -> Result<Budget, Error> {
    let mut notes = Vec::new();
    let mut texts = Vec::with_capacity(files.len());
    for ((bytes, file), c) in files
        .iter()
        .zip(converted.into_iter().chain(std::iter::repeat_with(|| None)))
    {
        match c {
            Some(c) => {
                notes.extend(c.notes);
                texts.push((c.text.into_bytes(), file.clone()));
            }
            None => texts.push((bytes.clone(), file.clone())),
        }
    }
    let mut budget = match texts.as_slice() {
        [(bytes, file)] => any(bytes, file)?,
        _ => publication(&texts)?,
    };
    budget.source_notes = notes;
    Ok(budget)
}

/// Reads a published budget text (the text extracted from the 部门预算 PDF): in the seed's
/// template when it follows it, otherwise by the genre's roles ([`genre`]).
pub fn published_text(bytes: &[u8], file: &str) -> Result<Budget, Error> {
    let decoded = text::decode(bytes, file)?;
    if follows_template(&decoded) {
        return template_text(&decoded, file);
    }
    // The template with its cells parted by spaces: read by the template when its rows, put
    // back in columns, are in the template's shape and read there.
    if let Some(tabbed) = numbered_like_template(&decoded)
        .then(|| aligned::tabify(&decoded))
        .flatten()
        .filter(|t| follows_template(t))
    {
        if let Ok(budget) = template_text(&tabbed, file) {
            return Ok(budget);
        }
    }
    genre::read(&decoded, file).or_else(|genre_error| {
        // A text that starts as the template does but holds nothing readable: the template
        // reader says what it expected.
        let template_title = decoded
            .lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.contains("部门预算"));
        if template_title {
            template_text(&decoded, file)
        } else {
            Err(genre_error)
        }
    })
}

/// Whether a text without tabs could be the template with its cells parted by spaces: its first
/// line is a 部门预算 title and a line is a table number (`表 7`). Only such a text is worth
/// putting back in columns.
fn numbered_like_template(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    lines.next().is_some_and(|l| l.contains("部门预算"))
        && lines.any(|l| {
            l.strip_prefix('表').map(str::trim).is_some_and(|n| {
                !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
            })
        })
}

/// Whether the text is in the seed's template: its first line is the title, its cells are
/// tab-separated and its tables are numbered (`表 7` then the title). The tables may come in
/// any order and numbering (the national template's 表5 is the seed's 表7): the reader and the
/// checks find them by the role their titles name. Only a numbered table whose title names no
/// role where the template expects one (the seed's numbering with unknown titles) sends the text
/// to the genre reader.
fn follows_template(text: &str) -> bool {
    if !text.contains('\t') {
        return false;
    }
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    if !lines.next().is_some_and(|l| l.contains("部门预算")) {
        return false;
    }
    let mut numbered = 0;
    let mut lines = lines.peekable();
    while let Some(line) = lines.next() {
        let Some(n) = line
            .strip_prefix('表')
            .map(str::trim)
            .and_then(|n| n.parse::<u8>().ok())
        else {
            continue;
        };
        let Some(title) = lines.peek() else {
            break;
        };
        numbered += 1;
        let expected = crate::catalogue::TEMPLATE_NUMBERS
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, role)| *role);
        let found = crate::catalogue::role_of_title(title).map(|r| r.id);
        if expected.is_some() && found != expected && found.is_none() {
            return false;
        }
    }
    numbered > 0
}

/// Reads a text in the seed's template (numbered 表 N, tab-separated cells, 第N部分 parts).
fn template_text(decoded: &str, file: &str) -> Result<Budget, Error> {
    let doc = text::read_document(decoded, file)?;
    let (year, department) = title_parts(&doc.title).ok_or_else(|| Error::Import {
        place: Place {
            file: file.to_string(),
            line: Some(doc.title_line),
            within: None,
        },
        message: Message::new(
            format!("标题“{}”中找不到年度和部门名称", text::clip(&doc.title, 40)),
            format!(
                "the title “{}” does not give the year and the department",
                text::clip(&doc.title, 40)
            ),
        ),
    })?;
    let unit_name = doc
        .tables
        .iter()
        .find_map(|t| t.unit.clone())
        .unwrap_or_else(|| "万元".to_string());
    let step = rounding_step(&doc);
    let unit = Unit {
        name: unit_name,
        step,
    };
    let mut figures = figures::read_figures(&doc, file, &unit)?;
    limits::tables_in_range(&doc.tables, file, limits::Source::Text)?;
    limits::figures_in_range(&figures, &doc.tables, file, limits::Source::Text)?;
    links::infer(&mut figures, unit.step);
    Ok(Budget {
        title: doc.title,
        department,
        year,
        prior_year: year.saturating_sub(1),
        unit,
        source: file.to_string(),
        contents: doc.contents,
        parts: doc.parts,
        tables: doc.tables,
        figures,
        reader: crate::model::Reader::Template,
        source_notes: Vec::new(),
    })
}

/// `2022 年深圳市龙岗区工业和信息化局 部门预算` → (2022, `深圳市龙岗区工业和信息化局`).
fn title_parts(title: &str) -> Option<(u16, String)> {
    let digits: String = title.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let year: u16 = digits.parse().ok()?;
    let rest = title.get(digits.len()..)?.trim_start();
    let rest = rest.strip_prefix('年')?.trim();
    let department = rest.strip_suffix("部门预算").unwrap_or(rest).trim();
    if department.is_empty() {
        return None;
    }
    Some((year, department.to_string()))
}

/// The printed step: 1 when the tables print whole numbers, 0.01 when they print two
/// decimals, and so on: the decimals most of the non-zero table amounts carry.
fn rounding_step(doc: &text::Document) -> Amount {
    let mut counts = [0usize; 7];
    for c in doc
        .tables
        .iter()
        .filter(|t| t.number.is_some())
        .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter()))
        .filter(|c| crate::amount::is_amount(c) && !Amount::parse(c).is_ok_and(Amount::is_zero))
    {
        let decimals = c.split_once('.').map_or(0, |(_, f)| f.len()).min(6);
        if let Some(slot) = counts.get_mut(decimals) {
            *slot += 1;
        }
    }
    let decimals = (0..counts.len())
        .max_by_key(|d| (counts.get(*d).copied().unwrap_or(0), usize::MAX - d))
        .unwrap_or(0);
    let step = if decimals == 0 {
        "1".to_string()
    } else {
        format!("0.{}1", "0".repeat(decimals - 1))
    };
    Amount::parse(&step).unwrap_or(Amount::from_int(1))
}
