//! Published text (the text extracted from a 部门预算 PDF) → title, contents, narrative parts and
//! tables merged across page breaks.
//!
//! The layout this reads: a title line, `目 录` with the parts and the tables, `一、文字部分` with
//! `第N部分` headings and paragraphs (a paragraph may be cut by a page break and go on after a
//! blank line; 第七部分 holds a tab-separated project table), then `二、表格部分` with tables that
//! start at `表 N`, then a title, `部门名称：`, `单位：`, one or two header rows and tab-separated
//! rows. A table continued on the next page repeats `表 N`, the title lines and the header rows.

use crate::amount::is_amount;
use crate::error::{Error, Message, Place};
use crate::model::{ContentsEntry, Paragraph, Part, Row, Table};
use crate::numerals::{chinese_numeral, parse_chinese_numeral};

/// The largest input read, in bytes: a real publication is well under 1 MB.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// What the text layer recovers, before figures are read from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The title line.
    pub title: String,
    /// Its line number.
    pub title_line: usize,
    /// The tables the contents list.
    pub contents: Vec<ContentsEntry>,
    /// The narrative parts.
    pub parts: Vec<Part>,
    /// Every table, in order of appearance.
    pub tables: Vec<Table>,
}

/// Decodes bytes as UTF-8 text: refuses oversized input, invalid UTF-8 and NUL characters
/// (naming the line), drops a byte-order mark and turns Windows line endings into `\n`.
pub fn decode(bytes: &[u8], file: &str) -> Result<String, Error> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            bytes: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            return Err(Error::Import {
                place: place(file, line, None),
                message: Message::fixed(
                    "不是 UTF-8 编码的文本（可能是 GBK 或二进制文件），请另存为 UTF-8 后再导入",
                    "the text is not UTF-8 (perhaps GBK, or a binary file); save it as UTF-8 and import it again",
                ),
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(pos) = text.find('\0') {
        let line = text.get(..pos).map_or(0, |t| t.matches('\n').count()) + 1;
        return Err(Error::Import {
            place: place(file, line, None),
            message: Message::fixed(
                "含有空字符（NUL），这不是纯文本",
                "it holds a NUL character: this is not plain text",
            ),
        });
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn place(file: &str, line: usize, within: Option<&str>) -> Place {
    Place {
        file: file.to_string(),
        line: Some(line),
        within: within.map(str::to_string),
    }
}

/// Reads the document structure from decoded text.
pub fn read_document(text: &str, file: &str) -> Result<Document, Error> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut reader = Reader {
        file,
        lines: &lines,
        doc: Document {
            title: String::new(),
            title_line: 0,
            contents: Vec::new(),
            parts: Vec::new(),
            tables: Vec::new(),
        },
        section: Section::Preamble,
        table: None,
        last_nonblank_was_row: false,
        blank_since_row: false,
    };
    reader.run()?;
    Ok(reader.doc)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Preamble,
    Contents { tables: bool },
    Narrative,
    Tables,
}

struct Reader<'a> {
    file: &'a str,
    lines: &'a [&'a str],
    doc: Document,
    section: Section,
    table: Option<TableBuilder>,
    last_nonblank_was_row: bool,
    blank_since_row: bool,
}

impl Reader<'_> {
    fn run(&mut self) -> Result<(), Error> {
        for (index, raw) in self.lines.iter().enumerate() {
            let n = index + 1;
            let line = raw.trim_end();
            if line.trim().is_empty() {
                if self.last_nonblank_was_row {
                    self.blank_since_row = true;
                }
                continue;
            }
            if line.contains('\t') {
                self.row(line, n)?;
                self.last_nonblank_was_row = true;
                self.blank_since_row = false;
                continue;
            }
            self.text_line(line.trim(), n)?;
            self.last_nonblank_was_row = false;
            self.blank_since_row = false;
        }
        self.finish_table();
        if self.doc.title.is_empty() {
            return Err(Error::Import {
                place: place(self.file, 1, None),
                message: Message::fixed(
                    "文件为空，或没有标题行（应为“2022 年……部门预算”）",
                    "the file is empty, or has no title line (such as “2022 年……部门预算”, the year and the department's budget)",
                ),
            });
        }
        if self.doc.tables.is_empty() && self.doc.parts.is_empty() {
            return Err(Error::Import {
                place: place(self.file, self.lines.len(), None),
                message: Message::fixed(
                    "没有找到任何“第N部分”或“表 N”：这不像一份部门预算公开文本",
                    "no narrative part (“第N部分”) or table (“表 N”) found: this does not look like a published department budget",
                ),
            });
        }
        Ok(())
    }

    fn text_line(&mut self, line: &str, n: usize) -> Result<(), Error> {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if self.section == Section::Preamble {
            if !compact.contains("部门预算") {
                return Err(Error::Import {
                    place: place(self.file, n, None),
                    message: Message::new(
                        format!(
                            "第一行应是标题（“2022 年……部门预算”），读到的是“{}”",
                            clip(line, 40)
                        ),
                        format!(
                            "the first line should be the title (such as “2022 年……部门预算”), but it is “{}”",
                            clip(line, 40)
                        ),
                    ),
                });
            }
            self.doc.title = line.to_string();
            self.doc.title_line = n;
            self.section = Section::Contents { tables: false };
            return Ok(());
        }
        if let Section::Contents { tables } = self.section {
            if compact == "二、表格部分" {
                self.section = Section::Contents { tables: true };
                return Ok(());
            }
            if let Some(entry) = line.strip_prefix("- ").or_else(|| line.strip_prefix("-")) {
                if tables {
                    if let Some((number, title)) = contents_table_entry(entry.trim()) {
                        self.doc.contents.push(ContentsEntry {
                            number,
                            title,
                            line: n,
                        });
                    }
                }
                return Ok(());
            }
            if part_heading(line).is_some() {
                self.section = Section::Narrative;
            } else {
                return Ok(());
            }
        }
        if let Some(number) = table_heading(&compact) {
            self.start_table(number, n);
            self.section = Section::Tables;
            return Ok(());
        }
        if self.section == Section::Narrative {
            if compact == "二、表格部分" {
                self.finish_table();
                self.section = Section::Tables;
                return Ok(());
            }
            if let Some((number, title)) = part_heading(line) {
                self.finish_table();
                self.doc.parts.push(Part {
                    number,
                    title,
                    line: n,
                    paragraphs: Vec::new(),
                });
                return Ok(());
            }
            if let Some(table) = self.table.as_mut() {
                if compact.starts_with("备注") || compact.starts_with("注：") {
                    table.table.notes.push(line.to_string());
                    return Ok(());
                }
                self.finish_table();
            }
            self.paragraph(line, n);
            return Ok(());
        }
        // Section::Tables: title, department and unit lines, then notes.
        match self.table.as_mut() {
            Some(table) => table.text_line(line, &compact),
            None => {
                if compact != "二、表格部分" && compact != "一、文字部分" {
                    return Err(Error::Import {
                        place: place(self.file, n, Some("表格部分")),
                        message: Message::new(
                            format!("表格之外的文字“{}”，应以“表 N”开始一张表", clip(line, 30)),
                            format!(
                                "text “{}” outside any table: a table should start with “表 N”",
                                clip(line, 30)
                            ),
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, line: &str, n: usize) {
        let Some(part) = self.doc.parts.last_mut() else {
            return;
        };
        if let Some(last) = part.paragraphs.last_mut() {
            if continues(&last.text, line) {
                last.text.push_str(line);
                return;
            }
        }
        part.paragraphs.push(Paragraph {
            line: n,
            text: line.to_string(),
        });
    }

    fn start_table(&mut self, number: u8, n: usize) {
        let continued = self
            .table
            .as_ref()
            .is_some_and(|t| t.table.number == Some(number) && t.body_started);
        if continued {
            if let Some(table) = self.table.as_mut() {
                table.new_page();
            }
            return;
        }
        self.finish_table();
        let mut builder =
            TableBuilder::new(format!("t{number}"), Some(number), format!("表{number}"), n);
        builder.expect_title = true;
        self.table = Some(builder);
    }

    fn row(&mut self, line: &str, n: usize) -> Result<(), Error> {
        match self.section {
            Section::Narrative => {
                if self.table.is_none() {
                    let (number, title) = self
                        .doc
                        .parts
                        .last()
                        .map(|p| (p.number, p.title.clone()))
                        .unwrap_or((0, String::new()));
                    let mut builder = TableBuilder::new(
                        format!("p{number}"),
                        None,
                        format!("第{}部分", chinese_numeral(number)),
                        n,
                    );
                    builder.table.title = title;
                    builder.expect_title = false;
                    self.table = Some(builder);
                }
            }
            Section::Tables => {}
            _ => {
                return Err(Error::Import {
                    place: place(self.file, n, None),
                    message: Message::fixed(
                        "目录之前或之中出现了表格行（含制表符）",
                        "a table row (with tabs) before or within the table of contents",
                    ),
                });
            }
        }
        let Some(table) = self.table.as_mut() else {
            return Err(Error::Import {
                place: place(self.file, n, Some("表格部分")),
                message: Message::fixed(
                    "表格行之前没有“表 N”标题",
                    "a table row with no “表 N” heading before it",
                ),
            });
        };
        table.row(line, n, self.blank_since_row);
        Ok(())
    }

    fn finish_table(&mut self) {
        if let Some(builder) = self.table.take() {
            self.doc.tables.push(builder.finish());
        }
    }
}

struct TableBuilder {
    table: Table,
    expect_title: bool,
    header_done: bool,
    body_started: bool,
    /// On a continuation page: how many repeated header rows were skipped so far.
    repeat_skip: Option<usize>,
}

impl TableBuilder {
    fn new(key: String, number: Option<u8>, label: String, line: usize) -> TableBuilder {
        TableBuilder {
            table: Table {
                key,
                number,
                label,
                title: String::new(),
                department: None,
                unit: None,
                line,
                header: Vec::new(),
                rows: Vec::new(),
                notes: Vec::new(),
                role: None,
            },
            expect_title: false,
            header_done: false,
            body_started: false,
            repeat_skip: None,
        }
    }

    fn new_page(&mut self) {
        self.repeat_skip = Some(0);
    }

    fn text_line(&mut self, line: &str, compact: &str) {
        if let Some(rest) = compact.strip_prefix("部门名称：") {
            if self.table.department.is_none() {
                self.table.department = Some(rest.to_string());
            }
            return;
        }
        if let Some(rest) = compact.strip_prefix("单位：") {
            if self.table.unit.is_none() {
                self.table.unit = Some(rest.to_string());
            }
            return;
        }
        if self.repeat_skip.is_some() && !self.table.rows.is_empty() && self.table.notes.is_empty()
        {
            // The repeated title on a continuation page.
            if compact
                == self
                    .table
                    .title
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
            {
                return;
            }
        }
        if self.expect_title && self.table.title.is_empty() {
            self.table.title = line.to_string();
            return;
        }
        self.table.notes.push(line.to_string());
    }

    fn row(&mut self, line: &str, n: usize, after_break: bool) {
        let cells: Vec<String> = line.split('\t').map(clean_cell).collect();
        if cells
            .iter()
            .all(|c| c.is_empty() || c.chars().all(|ch| ch == '-'))
        {
            return; // `-- -- ---` separators and empty rows
        }
        let has_amount = cells.iter().any(|c| is_amount(c));
        if !self.header_done {
            if has_amount {
                self.header_done = true;
            } else {
                self.table.header.push(cells);
                return;
            }
        }
        if let Some(skipped) = self.repeat_skip {
            if self.table.header.get(skipped) == Some(&cells) {
                self.repeat_skip = Some(skipped + 1);
                return;
            }
            self.repeat_skip = None;
            if after_break && self.try_continue(&cells) {
                return;
            }
            self.push(cells, n);
            return;
        }
        if after_break && !has_amount && self.try_continue(&cells) {
            return;
        }
        self.push(cells, n);
    }

    fn push(&mut self, mut cells: Vec<String>, n: usize) {
        self.body_started = true;
        // The extraction shifts some rows right by one empty cell (表11): when this row's
        // amounts sit exactly one column right of the previous row's, shift it back.
        if let Some(prev) = self.table.rows.last() {
            let amounts = |cells: &[String]| -> Vec<usize> {
                cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| is_amount(c))
                    .map(|(j, _)| j)
                    .collect()
            };
            let before = amounts(&prev.cells);
            let now = amounts(&cells);
            let shifted = !now.is_empty()
                && now.len() == before.len()
                && now.iter().zip(&before).all(|(a, b)| *a == b + 1)
                && cells.first().is_some_and(String::is_empty);
            if shifted {
                cells.remove(0);
                cells.push(String::new());
            }
        }
        self.table.rows.push(Row { cells, line: n });
    }

    /// Joins a fragment cut off by a page break to the row it belongs to: the fragment has no
    /// amount, its first two cells are empty, and the row before it has an amount.
    fn try_continue(&mut self, cells: &[String]) -> bool {
        if cells.iter().any(|c| is_amount(c)) {
            return false;
        }
        if cells.iter().take(2).any(|c| !c.is_empty()) {
            return false;
        }
        let Some(prev) = self.table.rows.last_mut() else {
            return false;
        };
        if !prev.cells.iter().any(|c| is_amount(c)) {
            return false;
        }
        for (j, fragment) in cells.iter().enumerate() {
            if fragment.is_empty() {
                continue;
            }
            // The nearest text cell at or before this column takes the fragment.
            let target = (0..=j).rev().find(|k| {
                prev.cells
                    .get(*k)
                    .is_some_and(|c| !c.is_empty() && !is_amount(c))
            });
            let Some(k) = target else {
                return false;
            };
            if let Some(cell) = prev.cells.get_mut(k) {
                if ends_sentence(cell) {
                    cell.push('\n');
                }
                cell.push_str(fragment);
            }
        }
        true
    }

    fn finish(mut self) -> Table {
        self.table.role =
            crate::catalogue::role_of_title(&self.table.title).map(|r| r.id.to_string());
        let width = self
            .table
            .header
            .iter()
            .map(Vec::len)
            .chain(self.table.rows.iter().map(|r| r.cells.len()))
            .max()
            .unwrap_or(0);
        for header in &mut self.table.header {
            header.resize(width, String::new());
        }
        for row in &mut self.table.rows {
            row.cells.resize(width, String::new());
        }
        self.table
    }
}

/// Trims a cell and turns the `<p>…</p>` fragments of the PDF extraction into line breaks.
fn clean_cell(raw: &str) -> String {
    let text = raw.trim();
    if crate::catalogue::ZERO_MARKS.contains(&text) {
        return "0".to_string(); // a printed zero (`-`, `—`)
    }
    if !text.contains("<p>") && !text.contains("</p>") {
        return text.to_string();
    }
    let text = text.replace("</p>", "\n").replace("<p>", "\n");
    let lines: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| "。；;！!？?：:".contains(c))
}

/// A paragraph cut by a page break goes on in the next line: the first part does not end a
/// sentence and is not a heading.
fn continues(previous: &str, next: &str) -> bool {
    let prev = previous.trim_end();
    if ends_sentence(prev) || is_heading(prev) || is_heading(next) {
        return false;
    }
    !next.starts_with("- ")
}

fn is_heading(line: &str) -> bool {
    let short = line.chars().count() <= 30;
    let numbered = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        .iter()
        .any(|n| line.starts_with(&format!("{n}、")) || line.starts_with(&format!("（{n}）")));
    short && (numbered || part_heading(line).is_some())
}

/// `第三部分 部门预算支出具体情况` → (3, title).
fn part_heading(line: &str) -> Option<(u8, String)> {
    let rest = line.trim().strip_prefix('第')?;
    let (numeral, title) = rest.split_once("部分")?;
    let number = parse_chinese_numeral(numeral)?;
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 30 {
        return None;
    }
    Some((number, title.to_string()))
}

/// `表7`, `表 7` → 7.
fn table_heading(compact: &str) -> Option<u8> {
    let digits = compact.strip_prefix('表')?;
    if digits.is_empty() || digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `(七) 一般公共预算支出表（按功能分类）` → (7, title).
fn contents_table_entry(entry: &str) -> Option<(u8, String)> {
    let entry = entry.trim();
    let (open, close) = if entry.starts_with('(') {
        ('(', ')')
    } else if entry.starts_with('（') {
        ('（', '）')
    } else {
        return None;
    };
    let rest = entry.strip_prefix(open)?;
    let (numeral, title) = rest.split_once(close)?;
    let number = parse_chinese_numeral(numeral.trim()).or_else(|| numeral.trim().parse().ok())?;
    Some((number, title.trim().to_string()))
}

/// The first `max` characters of `text`, with `…` when cut.
pub fn clip(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}
