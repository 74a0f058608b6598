//! The narrative by its headings: sections whatever their numbering, paragraphs joined across
//! the extraction's line breaks.

use super::lines::SourceLine;
use super::tables::{compact, strip_numbering};
use crate::catalogue;
use crate::model::{Paragraph, Part};

/// Builds the parts from the lines outside tables.
pub(crate) fn parts(lines: &[&SourceLine]) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut paragraph: Option<Paragraph> = None;
    for l in lines {
        let text = l.text.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(title) = part_heading(text) {
            flush(&mut parts, &mut paragraph);
            let number = u8::try_from(parts.len().saturating_add(1)).unwrap_or(u8::MAX);
            parts.push(Part {
                number,
                title,
                line: l.number,
                paragraphs: Vec::new(),
            });
            continue;
        }
        let starts_new = starts_paragraph(text)
            || paragraph
                .as_ref()
                .is_some_and(|p| p.text.ends_with(['。', '：', ':', '；']));
        if starts_new {
            flush(&mut parts, &mut paragraph);
        }
        let heading = starts_paragraph(text)
            && text.chars().count() <= 40
            && !text.contains(['。', '，', '；']);
        match paragraph.as_mut() {
            Some(p) => push_joined(&mut p.text, text),
            None => {
                let mut t = String::new();
                push_joined(&mut t, text);
                paragraph = Some(Paragraph {
                    line: l.number,
                    text: t,
                });
            }
        }
        if heading {
            flush(&mut parts, &mut paragraph);
        }
    }
    flush(&mut parts, &mut paragraph);
    // A contents page lists the parts before they come: keep the parts that say something.
    parts.retain(|p| !p.paragraphs.is_empty());
    for (i, p) in parts.iter_mut().enumerate() {
        p.number = u8::try_from(i.saturating_add(1)).unwrap_or(u8::MAX);
    }
    parts
}

fn flush(parts: &mut Vec<Part>, paragraph: &mut Option<Paragraph>) {
    if let Some(p) = paragraph.take() {
        if parts.is_empty() {
            parts.push(Part {
                number: 1,
                title: String::new(),
                line: p.line,
                paragraphs: Vec::new(),
            });
        }
        if let Some(last) = parts.last_mut() {
            last.paragraphs.push(p);
        }
    }
}

/// Appends a line to a paragraph: the spaces a justified PDF line puts between characters
/// (`与 上 年 相 比`) are dropped; a space between two Latin words stays.
fn push_joined(out: &mut String, line: &str) {
    let chars: Vec<char> = line.trim().chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars.get(i + 1).copied();
            let latin = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
            if latin(prev) && latin(next) && prev != Some(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(*c);
    }
}

/// A part heading: `第三部分 …`, or a section heading the catalogue knows standing alone on
/// its line (`名词解释`, `其他相关情况说明`).
fn part_heading(text: &str) -> Option<String> {
    let c = compact(text);
    if let Some(rest) = c.strip_prefix('第') {
        if let Some(i) = rest.find("部分") {
            let num = &rest[..i];
            if !num.is_empty()
                && num
                    .chars()
                    .all(|x| "一二三四五六七八九十".contains(x) || x.is_ascii_digit())
            {
                return Some(rest[i + "部分".len()..].to_string());
            }
        }
    }
    let n = c.chars().count();
    let bare = !c.contains(['，', '。', '；', '：', ':', '、', '（', '(']);
    if bare && (4..=24).contains(&n) && catalogue::section_of_heading(&c).is_some() {
        let stripped = strip_numbering(&c);
        if stripped == c {
            return Some(c);
        }
    }
    None
}

/// A line that starts a paragraph: a numbered heading or item.
fn starts_paragraph(text: &str) -> bool {
    let c = compact(text);
    strip_numbering(&c) != c
        || c.starts_with('（') && c.chars().nth(2).is_some_and(|x| x == '）')
        || c.starts_with("其中")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_joining() {
        let src: Vec<SourceLine> = [
            "第三部分 情况说明",
            "  一、收支总体情况",
            "  本年收入 100 万元，与 上 年",
            "相 比 增 长 5%。",
            "名词解释",
            "一、基本支出：指…",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| SourceLine {
            number: i + 1,
            text: (*t).to_string(),
            bare_number: false,
            page: 0,
        })
        .collect();
        let refs: Vec<&SourceLine> = src.iter().collect();
        let parts = parts(&refs);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].title, "情况说明");
        assert_eq!(
            parts[0].paragraphs[1].text,
            "本年收入100万元，与上年相比增长5%。"
        );
        assert_eq!(parts[1].title, "名词解释");
    }
}
