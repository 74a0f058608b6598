//! A table line as tokens: amounts, classification codes and text, with their character
//! columns, whatever the extraction's dialect (tabs, runs of spaces, single spaces, `|`).

use crate::amount::Amount;
use crate::catalogue;

/// The most integer digits an amount may print.
const MAX_INTEGER_DIGITS: usize = 15;
/// The most decimals an amount may print.
const MAX_DECIMALS: usize = 6;

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A printed amount (a zero mark reads as zero).
    Amount(Amount),
    /// Text.
    Text,
}

/// One token.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    /// As printed.
    pub(crate) text: String,
    /// What it is.
    pub(crate) kind: Kind,
    /// First character column.
    pub(crate) start: usize,
    /// One past the last character column.
    pub(crate) end: usize,
    /// Index of the tab-separated cell, when the line is tab-separated.
    pub(crate) cell: Option<usize>,
    /// Whether a wide gap (two spaces or more, a tab or `|`) precedes it.
    pub(crate) gap_before: bool,
}

impl Token {
    /// The amount, when the token is one.
    pub(crate) fn amount(&self) -> Option<Amount> {
        match &self.kind {
            Kind::Amount(a) => Some(*a),
            Kind::Text => None,
        }
    }

    /// The middle column.
    pub(crate) fn center2(&self) -> usize {
        self.start.saturating_add(self.end)
    }
}

/// Splits a line into tokens.
pub(crate) fn tokens(line: &str) -> Vec<Token> {
    // Tab- or `|`-separated text: a cell is a token, spaces inside it kept.
    let tabbed = line.contains('\t') || line.contains('|') || line.contains('｜');
    let mut out = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut cell = 0usize;
    let mut gap = true;
    while let Some(&c) = chars.get(i) {
        if c == '\t' || c == '|' || c == '｜' {
            cell = cell.saturating_add(1);
            gap = true;
            i += 1;
            continue;
        }
        if c == ' ' {
            if chars.get(i + 1) == Some(&' ') {
                gap = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        while chars
            .get(i)
            .is_some_and(|&ch| !matches!(ch, '\t' | '|' | '｜') && (tabbed || ch != ' '))
        {
            i += 1;
        }
        let word: String = chars
            .get(start..i)
            .unwrap_or(&[])
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string();
        for (offset, piece) in split_word(&word) {
            let kind = match amount_of(&piece) {
                Some(a) => Kind::Amount(a),
                None => Kind::Text,
            };
            let s = start.saturating_add(offset);
            let len = piece.chars().count();
            out.push(Token {
                text: piece,
                kind,
                start: s,
                end: s.saturating_add(len),
                cell: tabbed.then_some(cell),
                gap_before: gap,
            });
            gap = false;
        }
    }
    years_as_text(&mut out);
    out
}

/// A year printed before 年 (`2022 年预算数`) is text, not an amount.
fn years_as_text(tokens: &mut [Token]) {
    for k in 0..tokens.len() {
        let before_year_word = tokens.get(k + 1).is_some_and(|n| n.text.starts_with('年'));
        let Some(token) = tokens.get_mut(k) else {
            continue;
        };
        let year_like = token.text.len() == 4
            && token.text.chars().all(|c| c.is_ascii_digit())
            && (token.text.starts_with("19") || token.text.starts_with("20"));
        if year_like && before_year_word {
            token.kind = Kind::Text;
        }
    }
}

/// Splits a word where a printed amount meets text (`47,483,458一、社会`, `10,000302`):
/// only a grouped or decimal amount is split off, so `2026年` stays whole.
fn split_word(word: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    // `310资本性支出`: a classification code glued to its name.
    let lead = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let code_and_name = chars
        .split_at_checked(lead)
        .filter(|(_, name)| matches!(lead, 3 | 5 | 7) && name.first().is_some_and(|c| is_cjk(*c)));
    if let Some((code, name)) = code_and_name {
        let rest: String = name.iter().collect();
        let mut tail = split_word(&rest);
        for t in &mut tail {
            t.0 = t.0.saturating_add(lead);
        }
        out.push((0, code.iter().collect()));
        out.extend(tail);
        return out;
    }
    let mut piece_start = 0;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let before = i.checked_sub(1).and_then(|k| chars.get(k));
        let at_number_start = (c.is_ascii_digit()
            || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            && before.is_none_or(|b| !b.is_ascii_digit() && !matches!(b, '.' | ','));
        if at_number_start {
            if let Some(end) = formatted_number_end(&chars, i) {
                // `15.38%`: the sign of a percentage stays with its number.
                let end = if matches!(chars.get(end), Some('%' | '％')) {
                    end + 1
                } else {
                    end
                };
                let number = chars.get(i..end).unwrap_or(&[]);
                let grouped_or_decimal = number.iter().any(|c| matches!(c, ',' | '.'));
                if grouped_or_decimal && (i > piece_start || end < chars.len()) {
                    if i > piece_start {
                        let text = chars.get(piece_start..i).unwrap_or(&[]);
                        out.push((piece_start, text.iter().collect()));
                    }
                    out.push((i, number.iter().collect()));
                    piece_start = end;
                    i = end;
                    continue;
                }
                i = end.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    if let Some(rest) = chars.get(piece_start..).filter(|r| !r.is_empty()) {
        out.push((piece_start, rest.iter().collect()));
    }
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The end of a printed number starting at `i`: digits with 3-digit comma groups, then an
/// optional decimal part.
fn formatted_number_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if chars.get(j) == Some(&'-') {
        j += 1;
    }
    let lead = j;
    while chars.get(j).is_some_and(char::is_ascii_digit) {
        j += 1;
    }
    let lead_len = j - lead;
    if lead_len == 0 {
        return None;
    }
    let mut grouped = false;
    while chars.get(j) == Some(&',')
        && chars
            .get(j + 1..j + 4)
            .is_some_and(|g| g.iter().all(|c| c.is_ascii_digit()))
        && lead_len <= 3
    {
        grouped = true;
        j += 4;
    }
    // `10,000302`: a group ends after three digits; what follows is the next word.
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
        let frac = j;
        while chars.get(j).is_some_and(char::is_ascii_digit) && j - frac < 2 {
            j += 1;
        }
        let mut k = j;
        while chars.get(k).is_some_and(char::is_ascii_digit) && !grouped {
            k += 1;
        }
        // `0.000.00` is two amounts glued (`0.00`, `0.00`), not 0.000 and 0.00; `0.00212`
        // is an amount and a code glued (`0.00`, `212`).
        let fraction = k - j;
        if chars.get(k) != Some(&'.') && !matches!(fraction, 3 | 5 | 7) {
            j = k;
        }
    }
    Some(j)
}

/// The amount a token prints, if it is one: `84,579`, `18,330.37`, `-21`, `0.00`, a zero
/// mark. A percentage or a year is not an amount.
pub(crate) fn amount_of(text: &str) -> Option<Amount> {
    let t = text.trim();
    // A percentage cell of a table (`12.5%`) is its number; the column says it is a percentage.
    if let Some(number) = t.strip_suffix('%').or_else(|| t.strip_suffix('％')) {
        if !number.is_empty() && !number.ends_with('%') {
            return amount_of(number);
        }
        return None;
    }
    if catalogue::ZERO_MARKS.contains(&t) {
        return Some(Amount::ZERO);
    }
    let body = t.strip_prefix('-').unwrap_or(t);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    if !body.starts_with(|c: char| c.is_ascii_digit()) || body.ends_with(['.', ',']) {
        return None;
    }
    if body.contains(',') {
        let int = body.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int.split(',').collect();
        let first_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || groups.iter().skip(1).any(|g| g.len() != 3) {
            return None;
        }
    }
    if body.matches('.').count() > 1 {
        return None;
    }
    // Past 15 integer digits (a thousand trillion) a figure is not a budget amount, and sums of
    // such figures could leave the exact range.
    let integer_digits = body
        .split('.')
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let decimals = body.split_once('.').map_or(0, |(_, f)| f.len());
    if integer_digits > MAX_INTEGER_DIGITS || decimals > MAX_DECIMALS {
        return None;
    }
    Amount::parse(&t.replace(',', "")).ok()
}

/// The number of decimals an amount token prints.
pub(crate) fn decimals(text: &str) -> u32 {
    text.split_once('.')
        .map(|(_, f)| u32::try_from(f.len()).unwrap_or(0))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        tokens(line).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn glued_numbers_split() {
        assert_eq!(
            words("一、财政拨款收入 47,483,458一、社会保障和就业支出 6,397,096"),
            vec![
                "一、财政拨款收入",
                "47,483,458",
                "一、社会保障和就业支出",
                "6,397,096"
            ]
        );
        assert_eq!(
            words("302 05 水费 10,000 10,000302 06 电费"),
            vec!["302", "05", "水费", "10,000", "10,000", "302", "06", "电费"]
        );
        assert_eq!(words("2026年部门"), vec!["2026年部门"]);
    }

    #[test]
    fn amounts() {
        assert!(amount_of("84,579").is_some());
        assert!(amount_of("18,330.37").is_some());
        assert_eq!(amount_of("-"), Some(Amount::ZERO));
        assert_eq!(amount_of("－"), Some(Amount::ZERO));
        assert!(amount_of("1,2345").is_none());
        assert_eq!(amount_of("15.3%"), Amount::parse("15.3").ok());
        assert!(amount_of("%").is_none());
        assert!(amount_of("一、").is_none());
    }

    #[test]
    fn columns_and_gaps() {
        let t = tokens("201   一般公共服务支出  13,907.78");
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].start, 6);
        assert!(t[2].gap_before);
        let tabbed = tokens("\t201\t一般公共服务支出\t9,207");
        assert_eq!(tabbed[0].cell, Some(1));
        assert_eq!(tabbed[2].cell, Some(3));
    }
}
