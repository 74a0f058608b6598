//! The extracted text as clean lines: full-width digits and traditional characters read as
//! their plain forms, page numbers dropped, pages counted, and titles or headings that the
//! extraction glued to the end of a line put on a line of their own.

use crate::catalogue;

/// One line of the source, cleaned.
#[derive(Clone, Debug)]
pub(crate) struct SourceLine {
    /// The 1-based line number in the file.
    pub(crate) number: usize,
    /// The text, trailing spaces trimmed, leading spaces kept (they place columns).
    pub(crate) text: String,
    /// A line of one to three digits alone: a page number in running text or a layout table,
    /// a cell in a table copied one cell per line.
    pub(crate) bare_number: bool,
    /// The page, counted by form feeds from 0 (a text without them is one page).
    pub(crate) page: usize,
}

/// Splits, cleans and filters the text.
pub(crate) fn lines(text: &str) -> Vec<SourceLine> {
    let mut out = Vec::new();
    let mut page = 0usize;
    for (i, raw) in text.split('\n').enumerate() {
        let number = i.saturating_add(1);
        page = page.saturating_add(raw.matches('\u{c}').count());
        let cleaned: String = raw
            .chars()
            .filter(|c| *c != '\u{c}' && *c != '\r' && *c != '\u{feff}')
            .map(plain_char)
            .collect();
        let cleaned = cleaned.trim_end().to_string();
        let t = cleaned.trim();
        let bare_number = (1..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit());
        if !bare_number && is_page_furniture(t) {
            continue;
        }
        for piece in split_glued(&cleaned) {
            out.push(SourceLine {
                number,
                text: piece,
                bare_number,
                page,
            });
        }
    }
    out
}

/// Full-width digits and signs as ASCII, traditional characters as simplified, odd spaces as
/// spaces.
fn plain_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        '\t' => '\t',
        '\u{a0}' | '\u{3000}' | '\u{2002}' | '\u{2003}' => ' ',
        _ => catalogue::simplified(c),
    }
}

/// A page number or a bare page marker (`─ 7 ─`, `- 7 -`, `7`, `第 7 页`, `第7页 共20页`).
fn is_page_furniture(t: &str) -> bool {
    if t.is_empty() {
        return false;
    }
    let inner: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '─' | '—' | '-' | '–' | '－' | '·'))
        .collect();
    if inner.is_empty() {
        // A rule line: `────`.
        return t.chars().count() > 2;
    }
    let digits = inner.chars().all(|c| c.is_ascii_digit());
    if digits && inner.len() <= 3 {
        return true;
    }
    let stripped: String = inner
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '第' | '页' | '共' | '/'))
        .collect();
    stripped.is_empty() && inner.contains('页')
}

/// A line whose end is a table title or a section heading glued to what came before
/// (`合计 47,483,4582026年部门收入预算总表`, `…不单列预算。名词解释`) as two lines.
fn split_glued(line: &str) -> Vec<String> {
    let whole: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let prints_amount = whole
        .as_bytes()
        .windows(3)
        .any(|w| matches!(w, [x, b',' | b'.', y] if x.is_ascii_digit() && y.is_ascii_digit()));
    let sentence = whole.contains(['，', '。', '；']);
    let refers = whole.contains('见');
    if !prints_amount && !sentence && !refers && catalogue::role_of_title(&whole).is_some() {
        return vec![line.to_string()];
    }
    let chars: Vec<char> = line.chars().collect();
    for p in 1..chars.len() {
        let Some((head_chars, tail_chars)) = chars.split_at_checked(p) else {
            continue;
        };
        let (Some(&before), Some(&here)) = (head_chars.last(), tail_chars.first()) else {
            continue;
        };
        let after_number = before.is_ascii_digit()
            && !here.is_ascii_digit()
            && !matches!(here, '.' | ',' | '%' | '年' | '万' | '元')
            || before.is_ascii_digit() && starts_year(tail_chars) && number_ends_at(&chars, p);
        let after_sentence =
            (before == '。' && p >= 4) || (matches!(before, '）' | ')') && p >= 10);
        // `…故本表无数据2026年部门国有资本经营预算支出功能分类预算表`: a dated title after text.
        let dated_title =
            !before.is_ascii_digit() && !before.is_whitespace() && starts_year(tail_chars);
        // `详见单位的项目绩效目标表财政项目支出绩效目标申报表`: a title after a reference to one.
        let after_reference = before == '表' && head_chars.contains(&'见');
        if !(after_number || after_sentence || dated_title || after_reference)
            || here.is_whitespace()
        {
            continue;
        }
        let tail: String = tail_chars.iter().collect();
        let compact: String = tail.chars().filter(|c| !c.is_whitespace()).collect();
        let head: String = head_chars.iter().collect();
        if head.trim().is_empty() {
            continue;
        }
        if !closes_unopened(&compact)
            && (catalogue::role_of_title(&compact).is_some() || is_glued_heading(&compact))
        {
            return vec![head, tail];
        }
    }
    vec![line.to_string()]
}

/// Whether a text closes a bracket it did not open (`格）财政…表`: cut inside a bracket).
fn closes_unopened(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn starts_year(chars: &[char]) -> bool {
    matches!(chars, ['2', a, b, c, '年', ..] if [a, b, c].iter().all(|d| d.is_ascii_digit()))
}

/// Whether the digits before `p` end a complete printed number (`…,458` or `….25`).
fn number_ends_at(chars: &[char], p: usize) -> bool {
    let head = chars.get(..p).unwrap_or(&[]);
    let digits = head.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    match head.iter().rev().nth(digits) {
        Some(',') => digits == 3,
        Some('.') => digits <= 2,
        _ => false,
    }
}

/// A short section heading (`名词解释`, `其他相关情况说明`) that was glued to a line's end.
fn is_glued_heading(compact: &str) -> bool {
    let n = compact.chars().count();
    (4..=24).contains(&n)
        && !compact.contains(['，', '。', '；', '：', ':', '、'])
        && (compact.ends_with("说明")
            || compact.ends_with("名词解释")
            || compact.ends_with("主要职能")
            || compact.ends_with("机构设置"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        lines(t)
            .into_iter()
            .filter(|l| !l.bare_number)
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn page_numbers_dropped() {
        assert_eq!(texts("增长\n\n 4\n13.11%"), vec!["增长", "", "13.11%"]);
        assert_eq!(texts("a\n  ─ 12 ─\nb"), vec!["a", "b"]);
        assert_eq!(texts("第 3 页 共 9 页"), Vec::<String>::new());
    }

    #[test]
    fn glued_titles_split() {
        assert_eq!(
            texts("合计 47,483,458 47,483,4582026年部门收入预算总表"),
            vec!["合计 47,483,458 47,483,458", "2026年部门收入预算总表"]
        );
        assert_eq!(
            texts("不单列预算。名词解释"),
            vec!["不单列预算。", "名词解释"]
        );
        assert_eq!(
            texts("详见单位的项目绩效目标表财政项目支出绩效目标申报表"),
            vec!["详见单位的项目绩效目标表", "财政项目支出绩效目标申报表"]
        );
        assert_eq!(
            texts("（包括总目标、年度目标等，具体见表格）财政项目支出绩效目标申报表"),
            vec![
                "（包括总目标、年度目标等，具体见表格）",
                "财政项目支出绩效目标申报表"
            ]
        );
        assert_eq!(texts("财政拨款收支总表"), vec!["财政拨款收支总表"]);
        assert_eq!(
            texts("507.25其他相关情况说明"),
            vec!["507.25", "其他相关情况说明"]
        );
    }

    #[test]
    fn plain_forms() {
        assert_eq!(texts("預算１２３．５萬元"), vec!["预算123.5万元"]);
    }
}
