//! Finding the claims in the narrative: a paragraph's sentence and clause boundaries
//! ([`Para`]), and the amounts, changes, percentages and counts read from it.

use crate::amount::Amount;
use crate::error::{Error, Message};
use crate::model::Budget;
use crate::numerals::{glued, parse_chinese_numeral};

use super::subjects::{project_of_paragraph, subject_of, Projects};
use super::{Claim, ClaimKind, MAX_SENTENCE_CHARS};

const UNITS: [&str; 6] = ["万元", "亿元", "元", "%", "％", "个"];

/// Characters quoted on each side of a claim in a sentence longer than [`MAX_SENTENCE_CHARS`].
const WINDOW_CHARS: usize = 100;

/// The words a subject is recognised by are looked for in at most this many characters before
/// the number (a real sentence is shorter).
const MAX_CONTEXT_CHARS: usize = 600;

/// A list (`下设 A、B、C 三个下属单位`) is at most this long.
const MAX_LIST_CHARS: usize = 1000;

/// A paragraph's characters with its sentence and clause boundaries, found once.
struct Para {
    chars: Vec<char>,
    /// For each position: where its sentence starts (after the last `。`/`；` before it).
    sentence_start: Vec<usize>,
    /// For each position: where its sentence ends (after the first `。`/`；` at or after it).
    sentence_end: Vec<usize>,
    /// For each position: where its clause starts (after the last `，。；：、,;` before it).
    clause_start: Vec<usize>,
    /// The first `原因`.
    reason_at: Option<usize>,
    /// Every `由此`, in order.
    hence: Vec<usize>,
    /// Every `下设`, in order.
    lists: Vec<usize>,
}

impl Para {
    fn new(text: &str) -> Para {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let ends_sentence = |c: char| c == '。' || c == '；';
        let ends_clause = |c: char| "，。；：、,;".contains(c);
        let mut sentence_start = Vec::with_capacity(n);
        let mut clause_start = Vec::with_capacity(n);
        let (mut s, mut k) = (0, 0);
        for (p, c) in chars.iter().enumerate() {
            sentence_start.push(s);
            clause_start.push(k);
            if ends_sentence(*c) {
                s = p + 1;
            }
            if ends_clause(*c) {
                k = p + 1;
            }
        }
        let mut sentence_end = vec![n; n];
        let mut e = n;
        for (p, c) in chars.iter().enumerate().rev() {
            if ends_sentence(*c) {
                e = p + 1;
            }
            if let Some(slot) = sentence_end.get_mut(p) {
                *slot = e;
            }
        }
        let find_all = |a: char, b: char| -> Vec<usize> {
            chars
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w.first() == Some(&a) && w.get(1) == Some(&b))
                .map(|(p, _)| p)
                .collect()
        };
        let reason_at = find_all('原', '因').first().copied();
        let hence = find_all('由', '此');
        let lists = find_all('下', '设');
        Para {
            chars,
            sentence_start,
            sentence_end,
            clause_start,
            reason_at,
            hence,
            lists,
        }
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars
            .get(from..to.min(self.chars.len()))
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    }

    /// The sentence around the claim at `start..end`, trimmed; a window of it when it is long.
    /// `anchor` is where the claim's number starts (its sentence is the number's).
    fn sentence(&self, anchor: usize, start: usize, end: usize) -> String {
        let from = self.sentence_start.get(anchor).copied().unwrap_or(0);
        let to = self
            .sentence_end
            .get(anchor)
            .copied()
            .unwrap_or(self.chars.len());
        if to.saturating_sub(from) <= MAX_SENTENCE_CHARS {
            return self.text(from, to).trim().to_string();
        }
        let a = from.max(start.saturating_sub(WINDOW_CHARS));
        let b = to.min(end.saturating_add(WINDOW_CHARS));
        let mut out = String::new();
        if a > from {
            out.push('…');
        }
        out.push_str(self.text(a, b).trim());
        if b < to {
            out.push('…');
        }
        out
    }

    /// The text from the start of `i`'s sentence (or clause) up to `i`, at most
    /// [`MAX_CONTEXT_CHARS`] long.
    fn before(&self, starts: &[usize], i: usize) -> String {
        let from = starts.get(i).copied().unwrap_or(0);
        self.text(from.max(i.saturating_sub(MAX_CONTEXT_CHARS)), i)
    }

    /// True when `word` (two characters, at the sorted `positions`) lies wholly in `from..to`.
    fn has(positions: &[usize], from: usize, to: usize) -> bool {
        let first = positions.partition_point(|p| *p < from);
        positions.get(first).is_some_and(|p| p + 2 <= to)
    }
}

pub(super) fn extract_with(budget: &Budget, projects: &Projects<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for part in budget.parts.iter() {
        let section = crate::catalogue::section_of_heading(&part.title);
        if section == Some("terms") {
            continue;
        }
        for (pi, p) in part.paragraphs.iter().enumerate() {
            let project = project_of_paragraph(projects, section, &p.text).or_else(|| {
                // 第五部分: `2.公务接待费。2022年预算数2万元…` speaks of its heading's item.
                let head = p.text.split('。').next().unwrap_or("");
                (section == Some("sanggong"))
                    .then(|| subject_of(projects, section, head, head))
                    .flatten()
            });
            let para = Para::new(&p.text);
            let chars = &para.chars;
            let at = At {
                part: part.number,
                section,
                line: p.line,
                paragraph: pi,
            };
            let mut subject: Option<String> = project.clone();
            let mut i = 0;
            while i < chars.len() {
                let c = chars.get(i).copied().unwrap_or(' ');
                if c == '。' || c == '；' {
                    subject = project.clone();
                }
                if let Some(claim) = count_at(&para, i, at) {
                    i = claim.end;
                    claims.push(claim);
                    continue;
                }
                if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                    if !glued(chars.get(..i).unwrap_or_default().iter().rev().copied()) {
                        if let Some((claim, next)) =
                            number_at(projects, &para, i, at, &project, &mut subject)
                        {
                            claims.push(claim);
                            i = next;
                            continue;
                        }
                    }
                    // Skip the whole digit run.
                    while chars.get(i).is_some_and(|c| {
                        c.is_ascii_digit() || matches!(c, ',' | '.') || ('０'..='９').contains(c)
                    }) {
                        i += 1;
                    }
                    continue;
                }
                if c == '持' && chars.get(i + 1) == Some(&'平') {
                    claims.push(Claim {
                        part: part.number,
                        line: p.line,
                        paragraph: pi,
                        start: i,
                        end: i + 2,
                        text: "持平".into(),
                        kind: ClaimKind::Change,
                        value: Amount::ZERO,
                        unit: budget.unit.name.clone(),
                        decimals: 0,
                        subject: subject.clone(),
                        reason: false,
                        sentence: para.sentence(i, i, i + 2),
                        unreadable: None,
                        unreadable_en: None,
                    });
                }
                i += 1;
            }
        }
    }
    claims
}

/// Where a paragraph is: its part, first line and index in the part.
#[derive(Clone, Copy)]
struct At {
    part: u8,
    /// The part's section by its heading (`expenditure`, `sanggong`…).
    section: Option<&'static str>,
    line: usize,
    paragraph: usize,
}

/// `三个下属单位` / `共14个科室` after a list separated by `、`.
fn count_at(para: &Para, i: usize, at: At) -> Option<Claim> {
    let chars = &para.chars;
    let mut j = i;
    if chars.get(j) == Some(&'共') {
        j += 1;
    }
    let numeral_start = j;
    while chars
        .get(j)
        .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十两".contains(*c))
    {
        j += 1;
    }
    if j == numeral_start || chars.get(j) != Some(&'个') {
        return None;
    }
    let noun: String = chars.get(j + 1..(j + 5).min(chars.len()))?.iter().collect();
    if !(noun.starts_with("下属单位") || noun.starts_with("科室")) {
        return None;
    }
    let numeral: String = chars.get(numeral_start..j)?.iter().collect();
    let n = numeral
        .parse::<u8>()
        .ok()
        .or_else(|| parse_chinese_numeral(&numeral.replace('两', "二")))?;
    // The list: from the last `下设` before the count up to the count.
    let before = para.lists.partition_point(|p| p + 2 <= i);
    let list_start = para.lists.get(before.checked_sub(1)?)? + 2;
    if i - list_start > MAX_LIST_CHARS {
        return None;
    }
    let list = para.text(list_start, i);
    let list = list.trim_end_matches(['，', ',', ' ']);
    let listed = list.split('、').filter(|s| !s.trim().is_empty()).count();
    let end = j
        + 1
        + if noun.starts_with("下属单位") {
            4
        } else {
            2
        };
    Some(Claim {
        part: at.part,
        line: at.line,
        paragraph: at.paragraph,
        start: i,
        end,
        text: chars.get(i..end)?.iter().collect(),
        kind: ClaimKind::Count,
        value: Amount::from_int(i64::from(n)),
        unit: "个".into(),
        decimals: 0,
        subject: Some(format!("listed:{listed}")),
        reason: false,
        sentence: para.sentence(i, i, end),
        unreadable: None,
        unreadable_en: None,
    })
}

/// `e30`, `E+30`, `e-5` at `j`: the end of the exponent.
fn exponent_end(chars: &[char], j: usize) -> Option<usize> {
    if !matches!(chars.get(j), Some('e' | 'E')) {
        return None;
    }
    let mut k = j + 1;
    if matches!(chars.get(k), Some('+' | '-')) {
        k += 1;
    }
    let digits = k;
    while chars.get(k).is_some_and(char::is_ascii_digit) {
        k += 1;
    }
    (k > digits).then_some(k)
}

fn number_at(
    projects: &Projects<'_>,
    para: &Para,
    i: usize,
    at: At,
    project: &Option<String>,
    subject: &mut Option<String>,
) -> Option<(Claim, usize)> {
    let chars = &para.chars;
    let mut j = i;
    let full_width = |c: Option<&char>| c.is_some_and(|c| ('０'..='９').contains(c));
    while chars
        .get(j)
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, ',' | '.') || ('０'..='９').contains(c))
        || (chars.get(j) == Some(&'，')
            && full_width(chars.get(j.wrapping_sub(1)))
            && full_width(chars.get(j + 1)))
    {
        j += 1;
    }
    let number: String = chars
        .get(i..j)?
        .iter()
        .collect::<String>()
        .trim_end_matches(['.', ','])
        .to_string();
    let mut j = i + number.chars().count();
    // `1e30万元`: scientific notation is no way to print a budget figure; read it whole.
    let exponent = exponent_end(chars, j);
    if let Some(e) = exponent {
        j = e;
    }
    let mut k = j;
    while chars.get(k) == Some(&' ') {
        k += 1;
    }
    let rest: String = chars.get(k..(k + 2).min(chars.len()))?.iter().collect();
    let unit = UNITS.iter().find(|u| rest.starts_with(**u))?;
    let after: String = chars
        .get(k + unit.chars().count()..(k + 8).min(chars.len()))?
        .iter()
        .collect();
    if *unit == "个" && !after.contains("绩效目标") {
        return None;
    }
    if after.starts_with("以上") || after.starts_with("以下") {
        return None; // a threshold (`单价 50 万元以上`), not a budget figure
    }
    let end = k + unit.chars().count();
    // A number that cannot be read (too many digits, beyond the exact range, an exponent) is a
    // claim nobody can check: it is reported, not dropped.
    let parsed = match exponent {
        Some(_) => Err(Message::fixed(
            "科学记数法，不是金额的写法",
            "scientific notation, which is no way to print an amount",
        )),
        None => Amount::parse(&number).map_err(|e| match e {
            Error::InvalidAmount { reason, .. } => reason,
            other => Message::new(other.to_string(), other.detail_english()),
        }),
    };
    let near = para.text(i.saturating_sub(4), i);
    let decrease = near.contains("减少") || near.contains("下降");
    let increase = near.contains("增加") || near.contains("增长");
    let sentence_start = para.sentence_start.get(i).copied().unwrap_or(0);
    let reason =
        para.reason_at.is_some_and(|p| p + 2 <= i) || Para::has(&para.hence, sentence_start, i);
    let kind = if *unit == "%" || *unit == "％" {
        ClaimKind::Percent
    } else if *unit == "个" {
        ClaimKind::Count
    } else if decrease || increase {
        ClaimKind::Change
    } else {
        ClaimKind::Amount
    };
    // A change or percentage starts at its verb (`增加 5 万元`).
    let mut start = i;
    if kind != ClaimKind::Amount {
        while start > 0 && chars.get(start - 1) == Some(&' ') {
            start -= 1;
        }
        start = start.saturating_sub(2);
    }
    let text: String = chars.get(start..end)?.iter().collect();
    let claim = |value: Amount,
                 decimals: u32,
                 subject: Option<String>,
                 unreadable: Option<Message>| Claim {
        part: at.part,
        line: at.line,
        paragraph: at.paragraph,
        start,
        end,
        text: text.clone(),
        kind,
        value,
        unit: (*unit).replace('％', "%"),
        decimals,
        subject,
        reason,
        sentence: para.sentence(i, start, end),
        unreadable: unreadable.as_ref().map(|m| m.zh.to_string()),
        unreadable_en: unreadable.map(|m| m.en.into_owned()),
    };
    let value = match parsed {
        Ok(value) => value,
        Err(why) => return Some((claim(Amount::ZERO, 0, None, Some(why)), end)),
    };
    let signed = if decrease {
        Amount::ZERO.checked_sub(value).ok()?
    } else {
        value
    };
    if kind == ClaimKind::Count {
        *subject = Some("project_count".to_string());
    } else if kind == ClaimKind::Amount && reason {
        *subject = None;
    } else if kind == ClaimKind::Amount {
        let clause = para.before(&para.clause_start, i);
        let sentence = para.before(&para.sentence_start, i);
        if let Some(s) = subject_of(projects, at.section, &clause, &sentence) {
            *subject = Some(s);
        } else if project.is_some()
            && (clause.contains("预算") || clause.contains("主要包括"))
            && !reason
        {
            *subject = project.clone();
        } else {
            *subject = None;
        }
    }
    let decimals = number
        .split_once('.')
        .map_or(0, |(_, f)| u32::try_from(f.len()).unwrap_or(0));
    Some((claim(signed, decimals, subject.clone(), None), end))
}
