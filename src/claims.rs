//! Numbers in the narrative (第一部分 to 第八部分), linked to the figures they speak of and
//! checked with the rounding rule: `比2021年增加15,118万元，增长22%` is three claims — the
//! amount, the change, the percentage — about the total.
//!
//! Extraction and checking are linear in the narrative's length: the sentence and clause
//! boundaries of a paragraph are found once, projects are looked up by name and id through
//! indices, and the amount a change is measured from is carried along rather than searched for.

use std::collections::HashMap;

use serde::Serialize;

use crate::amount::Amount;
use crate::english;
use crate::error::{Error, Message};
use crate::finding::{Finding, Value};
use crate::model::{Budget, Figure, Location, Project};
use crate::numerals::{glued, parse_chinese_numeral};
use crate::rounding::{check_percent, Interval, Status};

/// What a claim states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// An amount (`84,579万元`).
    Amount,
    /// A change against the prior year (`增加 1,505 万元`), signed.
    Change,
    /// A percentage change (`增长 8%`), signed.
    Percent,
    /// A count that the text itself lists (`三个下属单位`).
    Count,
}

/// One numeric statement of the narrative.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// The part (1–8).
    pub part: u8,
    /// The paragraph's first line.
    pub line: usize,
    /// Index of the paragraph within its part.
    pub paragraph: usize,
    /// Character span of the claim in the paragraph text.
    pub start: usize,
    /// End of the span (exclusive, in characters).
    pub end: usize,
    /// The claim's words (`增长22%`).
    pub text: String,
    /// Amount, change, percentage or count.
    pub kind: ClaimKind,
    /// The stated value, signed for changes and percentages (zero when [`Claim::unreadable`]).
    pub value: Amount,
    /// The unit as printed (`万元`, `亿元`, `元`, `%`, `个`).
    pub unit: String,
    /// Decimals printed.
    pub decimals: u32,
    /// The key of the figure it speaks of (`total`, `project:p03`, `sanggong:reception`).
    pub subject: Option<String>,
    /// True when the claim sits in a `主要原因` clause (an explanation, not a budget figure).
    pub reason: bool,
    /// The sentence the claim is in (a window of it around the claim when the sentence is
    /// longer than [`MAX_SENTENCE_CHARS`]).
    pub sentence: String,
    /// Why the number cannot be read, when it cannot (`1e30万元`, forty digits): such a claim
    /// is reported as unverifiable, never dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
    /// [`Claim::unreadable`] in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable_en: Option<String>,
}

const UNITS: [&str; 6] = ["万元", "亿元", "元", "%", "％", "个"];

/// A sentence longer than this is quoted as a window around the claim.
pub const MAX_SENTENCE_CHARS: usize = 600;

/// Characters quoted on each side of a claim in a sentence longer than [`MAX_SENTENCE_CHARS`].
const WINDOW_CHARS: usize = 100;

/// The words a subject is recognised by are looked for in at most this many characters before
/// the number (a real sentence is shorter).
const MAX_CONTEXT_CHARS: usize = 600;

/// A list (`下设 A、B、C 三个下属单位`) is at most this long.
const MAX_LIST_CHARS: usize = 1000;

/// Project names up to this many characters are found through the name index; longer ones
/// (possible only in our JSON format) are compared one by one.
const INDEXED_NAME_CHARS: usize = 40;

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

/// The projects by id and by name, for lookups in O(1) per candidate.
struct Projects<'a> {
    list: &'a [Project],
    by_id: HashMap<&'a str, usize>,
    /// Name → the last project with that name (the one a scan keeping the last match finds).
    by_name: HashMap<&'a str, usize>,
    /// Projects whose names are longer than [`INDEXED_NAME_CHARS`].
    long: Vec<usize>,
}

impl<'a> Projects<'a> {
    fn new(list: &'a [Project]) -> Projects<'a> {
        let mut by_id = HashMap::new();
        let mut by_name = HashMap::new();
        let mut long = Vec::new();
        for (i, p) in list.iter().enumerate() {
            by_id.entry(p.id.as_str()).or_insert(i);
            if p.name.chars().count() > INDEXED_NAME_CHARS {
                long.push(i);
            } else {
                by_name.insert(p.name.as_str(), i);
            }
        }
        Projects {
            list,
            by_id,
            by_name,
            long,
        }
    }

    /// The project with this id (the first, as a scan would find).
    fn by_id(&self, id: &str) -> Option<&'a Project> {
        self.by_id.get(id).and_then(|i| self.list.get(*i))
    }

    /// The project for a subject key `project:<id>`.
    fn of_subject(&self, subject: &str) -> Option<&'a Project> {
        self.by_id(subject.strip_prefix("project:")?)
    }

    /// Of the projects whose name is followed by `预算` somewhere in `text` (or, with
    /// `prefix`, with which `prefix` starts), the one with the longest name (the last of equals).
    fn named_in(&self, text: &str, prefix: Option<&str>) -> Option<&'a Project> {
        let mut best: Option<(usize, usize)> = None;
        let mut consider = |i: usize| {
            let len = self.list.get(i).map_or(0, |p| p.name.len());
            if best.is_none_or(|(l, j)| (len, i) > (l, j)) {
                best = Some((len, i));
            }
        };
        for (q, _) in text.match_indices("预算") {
            let head = text.get(..q).unwrap_or("");
            let mut starts: Vec<usize> = head
                .char_indices()
                .rev()
                .take(INDEXED_NAME_CHARS)
                .map(|(s, _)| s)
                .collect();
            starts.push(q);
            for s in starts {
                if let Some(i) = head.get(s..).and_then(|name| self.by_name.get(name)) {
                    consider(*i);
                }
            }
        }
        if let Some(prefix) = prefix {
            let mut ends: Vec<usize> = prefix
                .char_indices()
                .map(|(e, _)| e)
                .take(INDEXED_NAME_CHARS + 1)
                .collect();
            if prefix.chars().count() <= INDEXED_NAME_CHARS {
                ends.push(prefix.len());
            }
            for e in ends {
                if let Some(i) = prefix.get(..e).and_then(|name| self.by_name.get(name)) {
                    consider(*i);
                }
            }
        }
        for &i in &self.long {
            let Some(p) = self.list.get(i) else {
                continue;
            };
            if text.contains(&format!("{}预算", p.name))
                || prefix.is_some_and(|x| x.starts_with(p.name.as_str()))
            {
                consider(i);
            }
        }
        best.and_then(|(_, i)| self.list.get(i))
    }
}

/// Extracts every claim of parts 1–8.
pub fn extract(budget: &Budget) -> Vec<Claim> {
    extract_with(budget, &Projects::new(&budget.figures.projects))
}

fn extract_with(budget: &Budget, projects: &Projects<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for part in budget.parts.iter().filter(|p| (1..=8).contains(&p.number)) {
        for (pi, p) in part.paragraphs.iter().enumerate() {
            let project = project_of_paragraph(projects, part.number, &p.text).or_else(|| {
                // 第五部分: `2.公务接待费。2022年预算数2万元…` speaks of its heading's item.
                let head = p.text.split('。').next().unwrap_or("");
                (part.number == 5)
                    .then(|| subject_of(projects, 5, head, head))
                    .flatten()
            });
            let para = Para::new(&p.text);
            let chars = &para.chars;
            let at = At {
                part: part.number,
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
    line: usize,
    paragraph: usize,
}

/// In 第三部分, a numbered paragraph speaks of one project.
fn project_of_paragraph(projects: &Projects<'_>, part: u8, text: &str) -> Option<String> {
    if part != 3 {
        return None;
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    projects
        .named_in(text, None)
        .map(|p| format!("project:{}", p.id))
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
        if let Some(s) = subject_of(projects, at.part, &clause, &sentence) {
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

/// The figure a clause speaks of, by its words.
fn subject_of(projects: &Projects<'_>, part: u8, clause: &str, sentence: &str) -> Option<String> {
    let has = |w: &str| clause.contains(w);
    let rules: &[(&str, &str)] = &[
        ("预算收入", "income:total"),
        ("预算支出", "total"),
        ("本级预算", "total"),
        ("人员支出", "economic:0"),
        ("公用支出", "economic:1"),
        ("补助", "economic:2"),
        ("项目支出", "project"),
        ("涉及预算资金", "project"),
        ("货物采购", "procurement:goods"),
        ("工程采购", "procurement:works"),
        ("服务采购", "procurement:services"),
        ("共计", "procurement:total"),
        ("机关运行经费", "operating_funds"),
        ("项目绩效目标", "project_count"),
    ];
    for (word, key) in rules {
        if has(word) {
            return Some((*key).to_string());
        }
    }
    if part == 5 {
        let s = sentence;
        for (word, key) in [
            ("公务用车购置和运行维护费", "sanggong:vehicles"),
            ("公务用车购置费", "sanggong:purchase"),
            ("公务用车运行维护费", "sanggong:operation"),
            ("因公出国", "sanggong:abroad"),
            ("公务接待费", "sanggong:reception"),
            ("三公", "sanggong:total"),
        ] {
            if s.contains(word) {
                return Some(key.to_string());
            }
        }
    }
    if part == 3 {
        let prefix =
            clause.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
        return projects
            .named_in(clause, Some(prefix))
            .map(|p| format!("project:{}", p.id));
    }
    None
}

/// The published figure (in a table where possible) for a subject key, and the prior year's.
#[derive(Clone)]
struct Target {
    label: String,
    label_en: String,
    current: Option<Figure>,
    prior: Option<Amount>,
    change_row: Option<Figure>,
}

fn target(budget: &Budget, projects: &Projects<'_>, key: &str) -> Option<Target> {
    let f = &budget.figures;
    let table_cell = |table: &str, row_word: &str, col: usize| -> Option<Figure> {
        let t = budget.tables.iter().find(|t| t.key == table)?;
        let r = t.rows.iter().position(|r| {
            r.cells
                .iter()
                .any(|c| c.replace(' ', "").contains(row_word))
        })?;
        let text = t.rows.get(r)?.cells.get(col)?;
        Some(Figure {
            amount: Amount::parse(text).ok()?,
            at: Location::Cell {
                table: table.into(),
                row: r,
                col,
            },
        })
    };
    let t3 = |name: &str| -> Option<Figure> {
        let t = budget.tables.iter().find(|t| t.key == "t3")?;
        let col = t.column_names().iter().position(|c| c.contains(name))?;
        Some(Figure {
            amount: Amount::parse(t.rows.first()?.cells.get(col)?).ok()?,
            at: Location::Cell {
                table: "t3".into(),
                row: 0,
                col,
            },
        })
    };
    let plain = |label: &str, label_en: String, current: Option<Figure>| Target {
        label: label.to_string(),
        label_en,
        current,
        prior: None,
        change_row: None,
    };
    let sanggong =
        |pick: fn(&crate::model::SanggongRow) -> &Figure, label: &str, label_en: &str| -> Target {
            let year = |y: u16| {
                f.sanggong
                    .iter()
                    .find(|r| r.label.replace(' ', "").starts_with(&y.to_string()))
            };
            let change = f.sanggong.iter().find(|r| r.label.contains("增减"));
            Target {
                label: format!("表8 {label}"),
                label_en: format!("table 8 {label_en}"),
                current: year(budget.year).map(|r| pick(r).clone()),
                prior: year(budget.prior_year).map(|r| pick(r).amount),
                change_row: change.map(|r| pick(r).clone()),
            }
        };
    let en = |text: &str| text.to_string();
    Some(match key {
        "income:total" => plain(
            "表1 本年收入合计",
            en("table 1 “本年收入合计” (income of the year)"),
            table_cell("t1", "本年收入合计", 1),
        ),
        "total" => plain(
            "表3 支出总计",
            en("table 3 “支出总计” (total expenditure)"),
            t3("支出总计"),
        ),
        "project" => plain(
            "表3 项目支出",
            en("table 3 “项目支出” (project expenditure)"),
            t3("项目支出"),
        ),
        "procurement:total" => plain(
            "表3 政府采购小计",
            en("table 3 government procurement subtotal"),
            f.procurement.as_ref().and_then(|p| p.total.clone()),
        ),
        "sanggong:total" => sanggong(
            |r| &r.total,
            "“三公”经费总计",
            "total of the “three public expenses”",
        ),
        "sanggong:abroad" => sanggong(|r| &r.abroad, "因公出国(境)费", "travel abroad"),
        "sanggong:reception" => sanggong(|r| &r.reception, "公务接待费", "official reception"),
        "sanggong:vehicles" => sanggong(
            |r| &r.vehicles,
            "公务用车购置及运行维护费",
            "official vehicle purchase and operation",
        ),
        "sanggong:purchase" => sanggong(
            |r| &r.vehicle_purchase,
            "公务用车购置费",
            "official vehicle purchase",
        ),
        "sanggong:operation" => sanggong(
            |r| &r.vehicle_operation,
            "公务用车运行维护费",
            "official vehicle operation and maintenance",
        ),
        k if k.starts_with("project:") => {
            let p = projects.of_subject(k)?;
            plain(
                &format!("第七部分 项目“{}”", p.name),
                format!("part 7 project “{}”", p.name),
                p.listed.clone(),
            )
        }
        _ => plain("", String::new(), None),
    })
}

/// A claim and its verdict, for the page.
#[derive(Clone, Debug, Serialize)]
pub struct Checked {
    /// The claim.
    pub claim: Claim,
    /// The finding about it.
    pub finding: Finding,
}

/// What the verdicts look up, indexed once per check.
struct Ctx<'a> {
    budget: &'a Budget,
    projects: Projects<'a>,
    /// The target of each subject key, computed on first use.
    targets: HashMap<String, Option<Target>>,
    /// Per (part, paragraph): the first two changes outside a reason clause with distinct
    /// starts (what [`other_change`] picks from).
    changes: HashMap<(u8, usize), Vec<usize>>,
}

impl Ctx<'_> {
    fn target(&mut self, key: &str) -> Option<Target> {
        if let Some(t) = self.targets.get(key) {
            return t.clone();
        }
        let t = target(self.budget, &self.projects, key);
        self.targets.insert(key.to_string(), t.clone());
        t
    }
}

/// Extracts and checks every claim.
pub fn check(budget: &Budget) -> Result<Vec<Checked>, Error> {
    let projects = Projects::new(&budget.figures.projects);
    let claims = extract_with(budget, &projects);
    let mut ctx = Ctx {
        budget,
        projects,
        targets: HashMap::new(),
        changes: HashMap::new(),
    };
    for (i, c) in claims.iter().enumerate() {
        if c.kind == ClaimKind::Change && !c.reason && c.unreadable.is_none() {
            let seen = ctx.changes.entry((c.part, c.paragraph)).or_default();
            let distinct = seen
                .iter()
                .all(|j| claims.get(*j).is_none_or(|o| o.start != c.start));
            if seen.len() < 2 && distinct {
                seen.push(i);
            }
        }
    }
    // The latest amount claimed for each subject so far: what a change is measured from.
    let mut latest: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(claims.len());
    for (i, claim) in claims.iter().enumerate() {
        let subject = claim.subject.as_deref().unwrap_or_default();
        let earlier = latest.get(subject).and_then(|j| claims.get(*j));
        let finding = match verdict(&mut ctx, &claims, i, claim, earlier) {
            Ok(finding) => finding,
            // A number so large that checking it overflows: it cannot be checked.
            Err(Error::Overflow { .. }) => beyond_range(claim),
            Err(e) => return Err(e),
        };
        if claim.kind == ClaimKind::Amount && claim.unreadable.is_none() {
            if let Some(s) = claim.subject.as_deref() {
                latest.insert(s, i);
            }
        }
        out.push(Checked {
            claim: claim.clone(),
            finding,
        });
    }
    Ok(out)
}

fn text_location(claim: &Claim) -> Location {
    Location::Text {
        part: claim.part,
        line: claim.line,
        text: claim.sentence.clone(),
        span: Some([claim.start, claim.end]),
    }
}

/// The finding for a number the checks cannot compute with.
fn beyond_range(claim: &Claim) -> Finding {
    not_checked(
        claim,
        "数值过大，超出可核对的范围",
        "the number is too large to be checked",
    )
}

/// An unverifiable `claim.unreadable` finding: the claim as written, and why it was not checked.
fn not_checked(claim: &Claim, why: &str, why_en: &str) -> Finding {
    Finding {
        rule: "claim.unreadable",
        status: Status::Unverifiable,
        message: format!("“{}”：{why}，未核对", claim.text),
        message_en: format!("“{}”: {why_en}, so it was not checked", claim.text),
        values: vec![Value {
            label: "所写".to_string(),
            value: claim.text.clone(),
        }],
        difference: None,
        tolerance: None,
        locations: vec![text_location(claim)],
    }
}

/// The claim's value in the budget's unit, and half its printed step in that unit.
fn in_budget_unit(budget: &Budget, claim: &Claim) -> Option<(Amount, Amount)> {
    let factor = match (claim.unit.as_str(), budget.unit.name.as_str()) {
        (a, b) if a == b => rust_decimal::Decimal::ONE,
        ("亿元", "万元") => rust_decimal::Decimal::from(10_000),
        ("元", "万元") => rust_decimal::Decimal::new(1, 4),
        ("万元", "元") => rust_decimal::Decimal::from(10_000),
        _ => return None,
    };
    let value = claim.value.decimal().checked_mul(factor)?;
    let half = rust_decimal::Decimal::new(5, claim.decimals.saturating_add(1).min(27))
        .checked_mul(factor)?;
    Some((Amount::from_decimal(value), Amount::from_decimal(half)))
}

/// The verdict on claim `index`; `earlier` is the latest amount claimed before it for the same
/// subject.
fn verdict(
    ctx: &mut Ctx<'_>,
    claims: &[Claim],
    index: usize,
    claim: &Claim,
    earlier: Option<&Claim>,
) -> Result<Finding, Error> {
    let budget = ctx.budget;
    let mut locations = vec![text_location(claim)];
    if let Some(why) = &claim.unreadable {
        let why_en = claim.unreadable_en.as_deref().unwrap_or(why);
        return Ok(not_checked(
            claim,
            &format!("数字无法读取（{why}）"),
            &format!("the number cannot be read ({why_en})"),
        ));
    }
    let step_half = Amount::from_decimal(budget.unit.step.decimal() / rust_decimal::Decimal::TWO);
    let shown = |c: &Claim| format!("{}{}", c.value.display(), c.unit);
    let shown_en = |c: &Claim| english::amount(&c.value.display(), &c.unit);
    let unit_en = english::unit(&budget.unit.name);
    let finding = |status: Status,
                   message: Message,
                   values: Vec<Value>,
                   difference: Option<Amount>,
                   tolerance: Option<Amount>,
                   locations: Vec<Location>| Finding {
        rule: match claim.kind {
            ClaimKind::Amount => "claim.amount",
            ClaimKind::Change => "claim.change",
            ClaimKind::Percent => "claim.percent",
            ClaimKind::Count => "claim.count",
        },
        status,
        message: message.zh.into_owned(),
        message_en: message.en.into_owned(),
        values,
        difference,
        tolerance,
        locations,
    };
    let value = |label: &str, v: String| Value {
        label: label.to_string(),
        value: v,
    };
    let subject = claim.subject.clone().unwrap_or_default();
    match claim.kind {
        ClaimKind::Count => {
            let expected = if let Some(n) = subject.strip_prefix("listed:") {
                n.parse::<i64>()
                    .ok()
                    .map(|n| (Amount::from_int(n), "文中列举", ("the text lists", "")))
            } else if subject == "project_count" {
                let n = i64::try_from(budget.figures.projects.len()).unwrap_or(0);
                Some((
                    Amount::from_int(n),
                    "第三部分列出的项目",
                    ("part 3 lists", " projects"),
                ))
            } else {
                None
            };
            let Some((n, what, (lists, things))) = expected else {
                return Ok(finding(
                    Status::Unverifiable,
                    Message::new(
                        format!("“{}”：文中没有可数的列举", claim.text),
                        format!("“{}”: the text holds no list to count", claim.text),
                    ),
                    vec![],
                    None,
                    None,
                    locations,
                ));
            };
            let status = if n == claim.value {
                Status::Ok
            } else {
                Status::Mismatch
            };
            Ok(finding(
                status,
                Message::new(
                    format!(
                        "“{}”：{what}共 {} 个{}",
                        claim.text,
                        n.display(),
                        if status == Status::Ok {
                            "，相符"
                        } else {
                            "，不符"
                        }
                    ),
                    format!(
                        "“{}”: {lists} {}{things}{}",
                        claim.text,
                        n.display(),
                        if status == Status::Ok {
                            ", which agrees"
                        } else {
                            ", which does not agree"
                        }
                    ),
                ),
                vec![value("所写", shown(claim)), value(what, n.display())],
                claim.value.checked_sub(n).ok(),
                Some(Amount::ZERO),
                locations,
            ))
        }
        ClaimKind::Amount => {
            let Some((claimed, half)) = in_budget_unit(budget, claim) else {
                return Ok(finding(
                    Status::Unverifiable,
                    Message::new(
                        format!("“{}”：单位无法换算", claim.text),
                        format!(
                            "“{}”: the unit cannot be converted to the budget's unit",
                            claim.text
                        ),
                    ),
                    vec![],
                    None,
                    None,
                    locations,
                ));
            };
            let t = ctx.target(&subject);
            let Some(Target {
                label,
                label_en,
                current: Some(fig),
                ..
            }) = t
            else {
                let (why, why_en) = if claim.reason {
                    REASON_WHY
                } else if subject.starts_with("economic:") {
                    (
                        "表4 基本支出总表未公开，无表可核（三项之和另行核对）",
                        "table 4 (basic expenditure) is not published, so no table can confirm it (the sum of the three is checked apart)",
                    )
                } else if subject.starts_with("procurement:") {
                    (
                        "表格只有政府采购合计，分项只在文字中出现（分项之和另行核对）",
                        "the tables give only the procurement total; its parts appear only in the text (their sum is checked apart)",
                    )
                } else if subject.is_empty() {
                    ("表格中没有对应的数字", "no table holds a matching figure")
                } else {
                    (
                        "表格中没有这个数字（只在文字中出现）",
                        "no table holds this figure (it appears only in the text)",
                    )
                };
                return Ok(finding(
                    Status::Unverifiable,
                    Message::new(
                        format!("“{}”：{why}", claim.text),
                        format!("“{}”: {why_en}", claim.text),
                    ),
                    vec![value("所写", shown(claim))],
                    None,
                    None,
                    locations,
                ));
            };
            locations.push(fig.at.clone());
            let difference = claimed.checked_sub(fig.amount)?;
            let tolerance = half.checked_add(step_half)?;
            let status = if difference.is_zero() {
                Status::Ok
            } else if difference.abs() <= tolerance {
                Status::Rounding
            } else if unit_slip(claimed, fig.amount, tolerance) {
                return Ok(Finding {
                    rule: "claim.unit",
                    status: Status::Note,
                    message: format!(
                        "“{}”：与{label} {} {} 相差 10 的整数次幂，单位应有误",
                        claim.text,
                        fig.amount.display(),
                        budget.unit.name
                    ),
                    message_en: format!(
                        "“{}”: differs from {label_en} {} by a power of 10: the unit must be wrong",
                        claim.text,
                        english::amount(&fig.amount.display(), &budget.unit.name)
                    ),
                    values: vec![
                        value("所写", shown(claim)),
                        value(&label, fig.amount.display()),
                    ],
                    difference: None,
                    tolerance: None,
                    locations,
                });
            } else {
                Status::Mismatch
            };
            let relation = if status == Status::Ok { "=" } else { "≠" };
            let mut message = format!(
                "“{}”：{} {relation} {label} {}",
                claim.text,
                shown(claim),
                fig.amount.display()
            );
            let mut message_en = format!(
                "“{}”: {} {relation} {label_en} {}",
                claim.text,
                shown_en(claim),
                fig.amount.display()
            );
            if status != Status::Ok {
                let (d, t) = (difference.display(), tolerance.display());
                message.push_str(&format!("，差 {d}，舍入容差 ±{t}"));
                message_en.push_str(&format!(", difference {d}, rounding tolerance ±{t}"));
            }
            Ok(finding(
                status,
                Message::new(message, message_en),
                vec![
                    value("所写", shown(claim)),
                    value(&label, fig.amount.display()),
                ],
                Some(difference),
                Some(tolerance),
                locations,
            ))
        }
        ClaimKind::Change => {
            let t = ctx.target(&subject);
            let current = current_of(ctx, earlier, &subject);
            let Some((claimed, half)) = in_budget_unit(budget, claim) else {
                return Ok(finding(
                    Status::Unverifiable,
                    Message::new(
                        format!("“{}”：单位无法换算", claim.text),
                        format!(
                            "“{}”: the unit cannot be converted to the budget's unit",
                            claim.text
                        ),
                    ),
                    vec![],
                    None,
                    None,
                    locations,
                ));
            };
            if let Some(Target {
                label,
                label_en,
                current: Some(now),
                prior: Some(prior),
                change_row,
            }) = &t
            {
                // 三公: the prior year is printed in 表8.
                let expected = now.amount.checked_sub(*prior)?;
                locations.push(now.at.clone());
                if let Some(row) = change_row {
                    locations.push(row.at.clone());
                }
                let difference = claimed.checked_sub(expected)?;
                let tolerance = half.checked_add(step_half)?.checked_add(step_half)?;
                let status = if difference.is_zero() {
                    Status::Ok
                } else if difference.abs() <= tolerance {
                    Status::Rounding
                } else {
                    Status::Mismatch
                };
                return Ok(finding(
                    status,
                    Message::new(
                        format!(
                            "“{}”：{label} {} − {} = {}{}",
                            claim.text,
                            now.amount.display(),
                            prior.display(),
                            expected.display(),
                            if status == Status::Ok {
                                "，相符".to_string()
                            } else {
                                format!("，所写 {}，不符", claimed.display())
                            }
                        ),
                        format!(
                            "“{}”: {label_en} {} − {} = {}{}",
                            claim.text,
                            now.amount.display(),
                            prior.display(),
                            expected.display(),
                            if status == Status::Ok {
                                ", which agrees".to_string()
                            } else {
                                format!(
                                    ", but {} is written, which does not agree",
                                    claimed.display()
                                )
                            }
                        ),
                    ),
                    vec![
                        value("所写", shown(claim)),
                        value(label, expected.display()),
                    ],
                    Some(difference),
                    Some(tolerance),
                    locations,
                ));
            }
            // Otherwise the change defines the prior year; the percentage (if any) checks it.
            let pct = claims.iter().skip(index + 1).take(2).find(|c| {
                c.kind == ClaimKind::Percent
                    && c.unreadable.is_none()
                    && c.paragraph == claim.paragraph
                    && c.part == claim.part
            });
            match (current, pct) {
                (Some(now), Some(p)) => {
                    let v = check_percent(now, claimed, p.value, p.decimals, budget.unit.step)?;
                    if v.status == Status::Mismatch && claim.unit != budget.unit.name {
                        // `增加 80 元`: in 元 the percentage does not fit; in 万元 it does.
                        let as_budget_unit =
                            check_percent(now, claim.value, p.value, p.decimals, budget.unit.step)?;
                        if as_budget_unit.status != Status::Mismatch {
                            let (name, name_en) = subject_name(&ctx.projects, &subject);
                            return Ok(Finding {
                                rule: "claim.unit",
                                status: Status::Note,
                                message: format!(
                                    "{}“{}”：写作{}，与所写 {}% 不符；按{}计才相符，单位应为{}",
                                    name,
                                    claim.text,
                                    claim.unit,
                                    p.value.display(),
                                    budget.unit.name,
                                    budget.unit.name
                                ),
                                message_en: format!(
                                    "{}“{}”: written in {}, it does not fit the {}% written beside it; it fits only in {unit_en}, so the unit should be {unit_en}",
                                    name_en,
                                    claim.text,
                                    english::unit(&claim.unit),
                                    p.value.display(),
                                ),
                                values: vec![value("所写", shown(claim))],
                                difference: None,
                                tolerance: None,
                                locations,
                            });
                        }
                    }
                    // The change defines the prior year; whether it fits is the percentage's
                    // verdict (one finding per discrepancy, at the percentage).
                    let prior = now.checked_sub(claimed)?;
                    Ok(finding(
                        Status::Ok,
                        Message::new(
                            format!(
                                "“{}”：上年数 = {} − ({}) = {}（由本年数和增减额推算；所写增减率 {}% 另行核对）",
                                claim.text,
                                now.display(),
                                claimed.display(),
                                prior.display(),
                                p.value.display(),
                            ),
                            format!(
                                "“{}”: prior year = {} − ({}) = {} (derived from this year's figure and the change; the rate written, {}%, is checked apart)",
                                claim.text,
                                now.display(),
                                claimed.display(),
                                prior.display(),
                                p.value.display(),
                            ),
                        ),
                        vec![
                            value("所写", shown(claim)),
                            value("推算上年数", prior.display()),
                        ],
                        None,
                        None,
                        locations,
                    ))
                }
                (Some(now), None) if claim.text == "持平" || claimed.is_zero() => Ok(finding(
                    Status::Ok,
                    Message::new(
                        format!("“{}”：与上年持平（本年 {}）", claim.text, now.display()),
                        format!(
                            "“{}”: the same as the prior year (this year {})",
                            claim.text,
                            now.display()
                        ),
                    ),
                    vec![],
                    None,
                    None,
                    locations,
                )),
                (Some(now), None) if new_project(&ctx.projects, &subject) => {
                    let status = if claimed == now {
                        Status::Ok
                    } else {
                        Status::Mismatch
                    };
                    Ok(finding(
                        status,
                        Message::new(
                            format!(
                                "“{}”：新设项目，增加额应等于本年 {}",
                                claim.text,
                                now.display()
                            ),
                            format!(
                                "“{}”: a new project, so the increase should equal this year's {}",
                                claim.text,
                                now.display()
                            ),
                        ),
                        vec![value("所写", shown(claim))],
                        claimed.checked_sub(now).ok(),
                        Some(Amount::ZERO),
                        locations,
                    ))
                }
                _ => {
                    let (why, why_en) = if claim.reason {
                        REASON_WHY
                    } else {
                        (
                            "没有上年数可核对",
                            "there is no prior-year figure to check it against",
                        )
                    };
                    let mut message = format!("“{}”：{why}", claim.text);
                    let mut message_en = format!("“{}”: {why_en}", claim.text);
                    if let Some((other, other_en)) = other_change(ctx, claims, claim) {
                        message.push_str(&format!("；同段所写增减额为 {}", other));
                        message_en.push_str(&format!(
                            "; the change written in the same paragraph is {other_en}"
                        ));
                    }
                    Ok(finding(
                        Status::Unverifiable,
                        Message::new(message, message_en),
                        vec![value("所写", shown(claim))],
                        None,
                        None,
                        locations,
                    ))
                }
            }
        }
        ClaimKind::Percent => {
            let t = ctx.target(&subject);
            if let Some(Target {
                current: Some(now),
                prior: Some(prior),
                label,
                label_en,
                ..
            }) = &t
            {
                let change = now.amount.checked_sub(*prior)?;
                locations.push(now.at.clone());
                let v = check_percent(
                    now.amount,
                    change,
                    claim.value,
                    claim.decimals,
                    budget.unit.step,
                )?;
                return Ok(finding(
                    v.status,
                    percent_message(claim, (label, label_en), now.amount, change, &v),
                    vec![value("所写", shown(claim))],
                    None,
                    None,
                    locations,
                ));
            }
            let change = claims
                .get(..index)
                .unwrap_or(&[])
                .iter()
                .rev()
                .take(2)
                .find(|c| {
                    c.kind == ClaimKind::Change
                        && c.unreadable.is_none()
                        && c.paragraph == claim.paragraph
                        && c.part == claim.part
                });
            let current = current_of(ctx, earlier, &subject);
            match (current, change) {
                (Some(now), Some(c)) => {
                    let in_unit = in_budget_unit(budget, c).map(|(v, _)| v);
                    let change_value = if c.unit == budget.unit.name {
                        in_unit
                    } else {
                        Some(c.value)
                    };
                    let Some(change_value) = change_value else {
                        return Ok(finding(
                            Status::Unverifiable,
                            Message::new(
                                format!("“{}”：增减额单位无法换算", claim.text),
                                format!(
                                    "“{}”: the unit of the change cannot be converted",
                                    claim.text
                                ),
                            ),
                            vec![],
                            None,
                            None,
                            locations,
                        ));
                    };
                    let v = check_percent(
                        now,
                        change_value,
                        claim.value,
                        claim.decimals,
                        budget.unit.step,
                    )?;
                    Ok(finding(
                        v.status,
                        percent_message(claim, ("", ""), now, change_value, &v),
                        vec![value("所写", shown(claim))],
                        None,
                        None,
                        locations,
                    ))
                }
                _ => Ok(finding(
                    Status::Unverifiable,
                    Message::new(
                        format!("“{}”：找不到本年数或增减额", claim.text),
                        format!(
                            "“{}”: this year's figure or the change cannot be found",
                            claim.text
                        ),
                    ),
                    vec![],
                    None,
                    None,
                    locations,
                )),
            }
        }
    }
}

fn percent_message(
    claim: &Claim,
    (label, label_en): (&str, &str),
    now: Amount,
    change: Amount,
    v: &crate::rounding::PercentVerdict,
) -> Message {
    let computed = v
        .computed
        .map(|c| format!("{}%", Amount::from_decimal(c.round_dp(2)).display()));
    let prior = now
        .checked_sub(change)
        .map(|p| p.display())
        .unwrap_or_default();
    let range = v.range.map(|r: Interval| {
        (
            Amount::from_decimal(r.lo.round_dp(2)).display(),
            Amount::from_decimal(r.hi.round_dp(2)).display(),
        )
    });
    let (relation, relation_en) = match v.status {
        Status::Ok => ("相符".to_string(), "which agrees".to_string()),
        Status::Rounding => (
            "仅在尾数误差范围内相符".to_string(),
            "which agrees only within rounding".to_string(),
        ),
        Status::Mismatch => match &range {
            Some((lo, hi)) => (
                format!("不符（可能范围 {lo}% 至 {hi}%）"),
                format!("which does not agree (possible range {lo}% to {hi}%)"),
            ),
            None => ("不符".to_string(), "which does not agree".to_string()),
        },
        _ => (
            "无法核对".to_string(),
            "which cannot be checked".to_string(),
        ),
    };
    let change = change.display();
    let label_en = if label_en.is_empty() {
        String::new()
    } else {
        format!("{label_en} ")
    };
    Message::new(
        format!(
            "“{}”：{label}{change} ÷ {prior} = {}，{relation}",
            claim.text,
            computed.as_deref().unwrap_or("无法计算")
        ),
        format!(
            "“{}”: {label_en}{change} ÷ {prior} = {}, {relation_en}",
            claim.text,
            computed.as_deref().unwrap_or("cannot be computed")
        ),
    )
}

/// Why a number in a `主要原因` clause is not checked, in both languages.
const REASON_WHY: (&str, &str) = (
    "原因说明中的数字，表格中没有对应数字",
    "a number in the explanation of a reason: no table holds a matching figure",
);

/// The current value a change or percentage is measured from: the amount claimed for its
/// subject earlier (`earlier`), or the subject's table figure.
fn current_of(ctx: &mut Ctx<'_>, earlier: Option<&Claim>, subject: &str) -> Option<Amount> {
    let budget = ctx.budget;
    let claimed = earlier.and_then(|c| in_budget_unit(budget, c).map(|(v, _)| v));
    if claimed.is_some() {
        return claimed;
    }
    if subject.starts_with("project:") {
        return ctx.projects.of_subject(subject).map(|p| p.amount.amount);
    }
    match subject {
        "operating_funds" => budget
            .figures
            .operating_funds
            .as_ref()
            .map(|o| o.value.amount),
        _ => ctx
            .target(subject)
            .and_then(|t| t.current)
            .map(|f| f.amount),
    }
}

/// `项目“扶贫支出”` (`project “扶贫支出” `) for a project subject, empty otherwise.
fn subject_name(projects: &Projects<'_>, subject: &str) -> (String, String) {
    projects
        .of_subject(subject)
        .map(|p| {
            (
                format!("项目“{}”", p.name),
                format!("project “{}” ", p.name),
            )
        })
        .unwrap_or_default()
}

fn new_project(projects: &Projects<'_>, subject: &str) -> bool {
    projects
        .of_subject(subject)
        .and_then(|p| p.change.as_ref())
        .is_some_and(|c| c.new)
}

/// Another change stated in the same paragraph (for a reader comparing a reason's number), in
/// Chinese and in English.
fn other_change(ctx: &Ctx<'_>, claims: &[Claim], claim: &Claim) -> Option<(String, String)> {
    let other = ctx
        .changes
        .get(&(claim.part, claim.paragraph))?
        .iter()
        .filter_map(|j| claims.get(*j))
        .find(|c| c.start != claim.start)?;
    let (v, _) = in_budget_unit(ctx.budget, other)?;
    let unit = &ctx.budget.unit.name;
    Some((
        format!("{} {unit}", v.display()),
        english::amount(&v.display(), unit),
    ))
}

/// True when the claim `a` (in the budget's unit) matches the table's `b` once moved by a
/// power of ten (10⁴ or 10⁸ either way): a 元/万元/亿元 slip.
fn unit_slip(a: Amount, b: Amount, tolerance: Amount) -> bool {
    let (a, b, t) = (a.decimal(), b.decimal(), tolerance.decimal());
    [
        rust_decimal::Decimal::from(10_000),
        rust_decimal::Decimal::from(100_000_000),
    ]
    .iter()
    .any(|f| {
        let up = a
            .checked_mul(*f)
            .zip(t.checked_mul(*f))
            .is_some_and(|(x, tf)| (x - b).abs() <= tf);
        let down = a.checked_div(*f).is_some_and(|x| (x - b).abs() <= t);
        up || down
    })
}
