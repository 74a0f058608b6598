//! The narrative's statements checked against each other, with no table needed.
//!
//! Four families, one rule each:
//!
//! - `statement.change_percent`: `A万元，与上年相比增加B万元，增长C%` — C against
//!   B ÷ (A − B) at C's printed decimals; the direction words must agree; a percentage of a
//!   growth from zero (A = B) is a mismatch, since it has none.
//! - `statement.prior`: the same with `上年预算数为X万元` — A − B = X.
//! - `statement.parts`: `收入预算T万元，其中：甲a万元；乙b万元` — the parts against the total,
//!   in the same sentence or in the numbered paragraphs that follow.
//! - `statement.shares`: `甲a万元，占Y%` — Y against a ÷ T, and the shares of a complete
//!   enumeration against 100%.
//!
//! Amounts in 亿元, 万元 and 元 are converted exactly to the unit of the statement's first
//! figure before they are compared. A printed figure with d decimals stands for ± half of
//! 10^-d of its unit; the verdicts come from [`check_sum`] and [`check_percent`] with the
//! coarser step of the figures compared (a zero printed bare, next to figures with decimals,
//! is taken as exact), and from the same interval rule, figure by figure, for shares.
//!
//! The text is read conservatively: a list is checked only when it is clearly an enumeration
//! of its total (introduced by 其中 / 包括, separated by ；, ，, 、 or numbered items). Where
//! the reading is uncertain (a nested 其中 inside a part, a part whose amount is not the only
//! one of its clause), only agreement is reported, never a mismatch; a 其中 list whose parts
//! add up to less than the total is a subset, not a mismatch.

use std::collections::{HashMap, HashSet};

use rust_decimal::{Decimal, RoundingStrategy};

use crate::amount::Amount;
use crate::english;
use crate::error::{Error, Message, Operation};
use crate::finding::{Finding, Value};
use crate::model::{Budget, Location, Part};
use crate::rounding::{check_percent, check_sum, Interval, Status, Verdict};

/// Rule id: a stated percentage change against its two amounts.
const RULE_CHANGE: &str = "statement.change_percent";
/// Rule id: a stated prior-year amount against the current amount and the change.
const RULE_PRIOR: &str = "statement.prior";
/// Rule id: the parts of a list against its stated total.
const RULE_PARTS: &str = "statement.parts";
/// Rule id: the shares (占Y%) of a list.
const RULE_SHARES: &str = "statement.shares";

/// The current amount of a change, or a list's total, is looked for this many characters back.
const LOOK_BACK: usize = 300;
/// At most this many characters between a comparison (比上年) and its change amount.
const CHANGE_GAP: usize = 40;
/// At most this many characters between a change amount and its percentage.
const PERCENT_GAP: usize = 12;
/// A list has at most this many parts.
const MAX_ITEMS: usize = 200;
/// A list spans at most this many characters.
const MAX_LIST_CHARS: usize = 20_000;
/// A list within one sentence spans at most this many characters.
const MAX_INLINE_CHARS: usize = 5_000;
/// A quoted statement is clipped to this many characters.
const MAX_QUOTE: usize = 120;
/// A sum in a message shows at most this many terms.
const MAX_TERMS_SHOWN: usize = 24;
/// A finding points at most at this many paragraphs.
const MAX_LOCATIONS: usize = 50;

/// Words of an increase.
/// Whole words only: the characters alone occur in names (`节能减排`, `防灾减灾`, `增值税`).
const UP_WORDS: [&str; 5] = ["增加", "增长", "上升", "提高", "调增"];
/// Words of a decrease.
const DOWN_WORDS: [&str; 7] = ["减少", "下降", "降低", "调减", "压减", "核减", "削减"];
/// Words that make an amount a change rather than a level (`增加5万元`, `小于上年5万元`), with
/// [`UP_WORDS`], [`DOWN_WORDS`] and a comparison's `比` / `较`.
const CHANGE_WORDS: [&str; 7] = ["增减", "节约", "小于", "大于", "多于", "少于", "超过"];
/// Words of no change.
const FLAT_WORDS: [&str; 8] = [
    "基本持平",
    "持平",
    "一致",
    "相同",
    "无变化",
    "没有变化",
    "未变化",
    "不变",
];
/// Words after which the figures of a clause explain something else.
const STOP_WORDS: [&str; 4] = ["原因", "其中", "占", "用于"];
/// A clause that starts with one of these comments on the part before it.
const ATTACHED_WORDS: [&str; 14] = [
    "比", "较", "与", "同比", "增", "减", "主要", "原因", "用于", "其", "占", "为", "是", "按",
];
/// A part named like this (`合计8万元`, `两项小计`) is a sum of other parts, not a part.
const SUM_WORDS: [&str; 3] = ["合计", "小计", "共计"];
/// The total of a list that speaks of income and expenditure at once is not checked.
const BOTH_SIDES: [&str; 4] = ["收、支", "收入、支出", "收支", "收入和支出"];

/// Checks the figures every sentence of the narrative states against each other.
pub(crate) fn check(budget: &Budget) -> Result<Vec<Finding>, Error> {
    let mut out = Vec::new();
    for part in &budget.parts {
        let flat = Flat::new(part);
        let nums = scan_numbers(&flat, budget.year);
        let mut ctx = Ctx {
            f: &flat,
            nums: &nums,
            anchors: anchors(&flat),
            intros: intros(&flat),
            found: Vec::new(),
        };
        ctx.changes()?;
        ctx.lists()?;
        let mut found = ctx.found;
        found.sort_by_key(|(at, _)| *at);
        out.extend(found.into_iter().map(|(_, f)| f));
    }
    Ok(out)
}

// ----- the text --------------------------------------------------------------------------

/// A part's paragraphs as one run of characters: whitespace dropped (a run between two digits
/// becomes one space, so that it still separates numbers), a `\n` after each paragraph.
struct Flat<'a> {
    part: &'a Part,
    chars: Vec<char>,
    /// For each character: its byte offset in its paragraph.
    byte: Vec<usize>,
    /// For each character: its character index in its paragraph.
    index: Vec<usize>,
    /// Where each paragraph starts in `chars`.
    starts: Vec<usize>,
    /// The characters that end a sentence (`。`, or a paragraph end not after `；：，、`).
    hard_ends: Vec<usize>,
    /// The sentence ends and every `；`.
    clause_ends: Vec<usize>,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A paragraph ending with one of these goes on in the next.
fn is_soft_end(c: char) -> bool {
    matches!(c, '；' | ';' | '：' | ':' | '，' | ',' | '、')
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// A clause boundary inside a sentence.
fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '、' | '\n' | '！' | '？'
    )
}

impl<'a> Flat<'a> {
    fn new(part: &'a Part) -> Flat<'a> {
        let mut f = Flat {
            part,
            chars: Vec::new(),
            byte: Vec::new(),
            index: Vec::new(),
            starts: Vec::new(),
            hard_ends: Vec::new(),
            clause_ends: Vec::new(),
        };
        for para in &part.paragraphs {
            f.starts.push(f.chars.len());
            f.push_paragraph(&para.text);
        }
        f.find_ends();
        f
    }

    fn push_paragraph(&mut self, text: &str) {
        let start = self.chars.len();
        let mut space: Option<(usize, usize)> = None;
        let mut count = 0;
        for (b, c) in text.char_indices() {
            if c.is_whitespace() {
                space = space.or(Some((b, count)));
            } else {
                let after_digit =
                    self.chars.len() > start && self.chars.last().is_some_and(|p| is_digit(*p));
                if let Some((sb, sc)) = space.take() {
                    if after_digit && is_digit(c) {
                        self.push(' ', sb, sc);
                    }
                }
                self.push(c, b, count);
            }
            count += 1;
        }
        self.push('\n', text.len(), count);
    }

    fn push(&mut self, c: char, byte: usize, index: usize) {
        self.chars.push(c);
        self.byte.push(byte);
        self.index.push(index);
    }

    fn find_ends(&mut self) {
        let mut prev = '\n';
        for (i, &c) in self.chars.iter().enumerate() {
            // A paragraph's end ends its sentence unless `；：，、` carry it on, or `。` ended it.
            let ended = is_sentence_end(prev) || c == prev;
            let hard = is_sentence_end(c) || (c == '\n' && !is_soft_end(prev) && !ended);
            if hard {
                self.hard_ends.push(i);
            }
            let clause_ended = ended || matches!(prev, '；' | ';');
            if hard || matches!(c, '；' | ';') || (c == '\n' && !is_soft_end(prev) && !clause_ended)
            {
                self.clause_ends.push(i);
            }
            prev = c;
        }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    fn ch(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    /// The character before `i`.
    fn prev(&self, i: usize) -> char {
        i.checked_sub(1).map_or('\0', |j| self.ch(j))
    }

    /// True when `word` starts at `i`.
    fn at(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, c)| self.ch(i + k) == c)
    }

    /// The first position in `[from, to)` where one of `words` starts.
    fn find_any(&self, from: usize, to: usize, words: &[&str]) -> Option<usize> {
        (from..to.min(self.len())).find(|&i| words.iter().any(|w| self.at(i, w)))
    }

    fn contains_any(&self, from: usize, to: usize, words: &[&str]) -> bool {
        self.find_any(from, to, words).is_some()
    }

    /// The text of `[from, to)`, paragraph breaks dropped.
    fn text(&self, from: usize, to: usize) -> String {
        self.chars
            .get(from..to.min(self.len()))
            .unwrap_or_default()
            .iter()
            .filter(|c| **c != '\n')
            .collect()
    }

    /// The sentence or clause around `i` (`ends` is [`Flat::hard_ends`] or
    /// [`Flat::clause_ends`]): its start and the position of its end mark.
    fn group(&self, ends: &[usize], i: usize) -> (usize, usize) {
        let k = ends.partition_point(|&e| e < i);
        let end = ends.get(k).copied().unwrap_or(self.len());
        let start = k
            .checked_sub(1)
            .and_then(|j| ends.get(j))
            .map_or(0, |e| e + 1);
        (start, end)
    }

    fn sentence(&self, i: usize) -> (usize, usize) {
        self.group(&self.hard_ends, i)
    }

    fn clause(&self, i: usize) -> (usize, usize) {
        self.group(&self.clause_ends, i)
    }

    fn is_hard_end(&self, i: usize) -> bool {
        self.hard_ends.binary_search(&i).is_ok()
    }

    /// True where an item of a list can start: a paragraph's start, or after `。；：`.
    fn is_boundary(&self, p: usize) -> bool {
        p == 0
            || matches!(
                self.prev(p),
                '。' | '；' | ';' | '：' | ':' | '\n' | '！' | '？'
            )
    }

    fn paragraph_of(&self, i: usize) -> usize {
        self.starts.partition_point(|&s| s <= i).saturating_sub(1)
    }

    /// `[from, to)` as the statement a message quotes, clipped.
    fn quote(&self, from: usize, to: usize) -> String {
        let text = self.text(from, to);
        if text.chars().count() <= MAX_QUOTE {
            return text;
        }
        let mut clipped: String = text.chars().take(MAX_QUOTE).collect();
        clipped.push('…');
        clipped
    }

    /// Where `[from, to)` is printed: one location per paragraph it touches.
    fn locations(&self, from: usize, to: usize) -> Vec<Location> {
        let mut out = Vec::new();
        if to <= from {
            return out;
        }
        let first = self.paragraph_of(from);
        let last = self.paragraph_of(to.saturating_sub(1));
        for p in first..=last.min(first.saturating_add(MAX_LOCATIONS)) {
            if let Some(loc) = self.location_in(p, from, to) {
                out.push(loc);
            }
        }
        out
    }

    /// The part of `[from, to)` inside paragraph `p`.
    fn location_in(&self, p: usize, from: usize, to: usize) -> Option<Location> {
        let para = self.part.paragraphs.get(p)?;
        let pstart = self.starts.get(p).copied()?;
        let pend = self.starts.get(p + 1).copied().unwrap_or(self.len());
        let (a, b) = (from.max(pstart), to.min(pend));
        let s = (a..b).find(|&i| self.ch(i) != '\n')?;
        let e = (a..b).rev().find(|&i| self.ch(i) != '\n')?;
        let bs = self.byte.get(s).copied()?;
        let be = self.byte.get(e).copied()? + self.ch(e).len_utf8();
        let cs = self.index.get(s).copied()?;
        let ce = self.index.get(e).copied()? + 1;
        Some(Location::Text {
            part: self.part.number,
            line: para.line,
            text: para.text.get(bs..be).unwrap_or_default().to_string(),
            span: Some([cs, ce]),
        })
    }
}

// ----- numbers ---------------------------------------------------------------------------

/// A money unit: the power of ten of a yuan it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Money {
    Yuan,
    Wan,
    Yi,
}

impl Money {
    fn exponent(self) -> u32 {
        match self {
            Money::Yuan => 0,
            Money::Wan => 4,
            Money::Yi => 8,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Money::Yuan => "元",
            Money::Wan => "万元",
            Money::Yi => "亿元",
        }
    }
}

/// What a number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Money(Money),
    Percent,
    /// `54辆`, `14个`: counts, which only tell where an amount's sentence goes on.
    Count,
}

/// A number of the text with its unit.
#[derive(Clone, Debug)]
struct Num {
    start: usize,
    end: usize,
    /// Signed as printed.
    value: Amount,
    decimals: u32,
    kind: Kind,
    /// As printed (`9,146.79万元`).
    printed: String,
    /// A money amount that is a level, not a change (`支出100万元`, not `增加100万元`).
    level: bool,
    /// A prior-year amount (`上年预算数为X万元`), with the year it names if any.
    prior: Option<Option<u16>>,
    /// For a share (`占“三公”经费的25.96%`): the whole it names (`“三公”经费`).
    share: Option<String>,
}

impl Num {
    fn money(&self) -> Option<Money> {
        match self.kind {
            Kind::Money(m) => Some(m),
            _ => None,
        }
    }

    fn is_money(&self) -> bool {
        self.money().is_some()
    }
}

fn scan_numbers(f: &Flat<'_>, year: u16) -> Vec<Num> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < f.len() {
        if is_digit(f.ch(i)) && !glued(f, i) {
            let run_end = digit_run_end(f, i);
            match read_number(f, i, run_end, year) {
                Some(num) => {
                    i = num.end.max(i + 1);
                    out.push(num);
                }
                None => i = run_end.max(i + 1),
            }
        } else {
            i += 1;
        }
    }
    out
}

/// True when the digit at `i` continues a token that is not a number of ours (`GDP2`, `v1.2`).
fn glued(f: &Flat<'_>, i: usize) -> bool {
    let before = (0..i).rev().map(|j| f.ch(j)).take(2);
    crate::numerals::glued(before)
}

/// The end of the digits (with `,` and `.` between digits) starting at `i`.
fn digit_run_end(f: &Flat<'_>, i: usize) -> usize {
    let mut j = i;
    while j < f.len() {
        let c = f.ch(j);
        let joins = matches!(c, ',' | '.') && is_digit(f.ch(j + 1)) && j > i;
        if !(is_digit(c) || joins) {
            break;
        }
        j += 1;
    }
    j
}

/// The unit printed at `j`, and its length.
fn unit_at(f: &Flat<'_>, j: usize) -> Option<(Kind, usize)> {
    if f.at(j, "万元") {
        return Some((Kind::Money(Money::Wan), 2));
    }
    if f.at(j, "亿元") {
        return Some((Kind::Money(Money::Yi), 2));
    }
    match f.ch(j) {
        '元' => Some((Kind::Money(Money::Yuan), 1)),
        '%' | '％' => Some((Kind::Percent, 1)),
        c if "辆台套个人项名家处所户件次".contains(c) => Some((Kind::Count, 1)),
        _ => None,
    }
}

fn read_number(f: &Flat<'_>, i: usize, run_end: usize, year: u16) -> Option<Num> {
    let (kind, unit_len) = unit_at(f, run_end)?;
    let signed = matches!(f.prev(i), '-' | '−' | '－')
        && !i
            .checked_sub(2)
            .is_some_and(|j| f.ch(j).is_alphanumeric() && !is_cjk(f.ch(j)));
    let start = if signed { i.saturating_sub(1) } else { i };
    let digits = f.text(i, run_end);
    let text = if signed {
        format!("-{digits}")
    } else {
        digits.clone()
    };
    let value = Amount::parse(&text).ok()?;
    let decimals = digits
        .split_once('.')
        .map_or(0, |(_, d)| u32::try_from(d.chars().count()).unwrap_or(0));
    let end = run_end + unit_len;
    let mut num = Num {
        start,
        end,
        value,
        decimals,
        kind,
        printed: f.text(start, end),
        level: false,
        prior: None,
        share: None,
    };
    match kind {
        Kind::Money(_) => {
            num.prior = prior_phrase(f, start, year);
            num.level = num.prior.is_none() && !is_change_amount(f, start);
        }
        Kind::Percent => num.share = share_whole(f, start),
        Kind::Count => {}
    }
    Some(num)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The text of the clause before `start`, at most `max` characters.
fn clause_before(f: &Flat<'_>, start: usize, max: usize) -> Vec<char> {
    let mut out: Vec<char> = (0..start)
        .rev()
        .take(max)
        .map(|j| f.ch(j))
        .take_while(|c| !is_clause_mark(*c))
        .collect();
    out.reverse();
    out
}

fn has_word(text: &[char], word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    !w.is_empty() && text.windows(w.len()).any(|win| win == w.as_slice())
}

fn ends_with(text: &[char], word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    text.ends_with(&w)
}

/// True when the amount at `start` is a change (`增加5万元`, `比上年减少5万元`).
fn is_change_amount(f: &Flat<'_>, start: usize) -> bool {
    let before = clause_before(f, start, 15);
    let words = CHANGE_WORDS.iter().chain(&UP_WORDS).chain(&DOWN_WORDS);
    words.into_iter().any(|w| has_word(&before, w)) || compares(&before)
}

/// A `比` or `较` of a comparison, not of `比例`, `比重`, `占比`, `相比`, `较大`.
fn compares(text: &[char]) -> bool {
    text.iter().enumerate().any(|(i, c)| {
        let next = text.get(i + 1).copied();
        let prev = i.checked_sub(1).and_then(|j| text.get(j)).copied();
        match c {
            '比' => {
                !matches!(next, Some('例' | '重')) && !matches!(prev, Some('占' | '相' | '对'))
            }
            '较' => !matches!(next, Some('大' | '小' | '多' | '少' | '高' | '低' | '好')),
            _ => false,
        }
    })
}

/// `上年预算数为X万元`, `2025年预算X万元`, `2016年度部门支出预算安排为X万元`: a prior-year
/// amount, with the year it names (a year that is not before the budget's own is no prior year;
/// `上年结转`, `本部门` and `比上年` name something else).
fn prior_phrase(f: &Flat<'_>, start: usize, year: u16) -> Option<Option<u16>> {
    let mut s = clause_before(f, start, 20);
    for tail in ["为", "是", "：", ":"] {
        if ends_with(&s, tail) {
            s.truncate(s.len().saturating_sub(1));
            break;
        }
    }
    let suffix = [
        "预算安排数",
        "预算安排",
        "预算数",
        "决算数",
        "预算",
        "决算",
        "数",
    ]
    .iter()
    .find(|w| ends_with(&s, w))?;
    s.truncate(s.len().saturating_sub(suffix.chars().count()));
    let (k, len, found) = (0..s.len())
        .rev()
        .find_map(|k| prior_target_at(&s, k).map(|(len, y)| (k, len, y)))?;
    let before = k.checked_sub(1).and_then(|j| s.get(j)).copied();
    let gap = s.get(k + len..).unwrap_or_default();
    let other = gap.len() > 6
        || gap.iter().any(|c| is_digit(*c))
        || ["本", "今", "结转", "结余"]
            .iter()
            .any(|w| has_word(gap, w));
    if other || matches!(before, Some('比' | '较' | '于' | '与')) {
        return None;
    }
    match found {
        Some(y) if year != 0 && y >= year => None,
        other => Some(other),
    }
}

/// The prior year named at `k` of `s`: `上年` (no year) or `2025年` (a year), and its length.
fn prior_target_at(s: &[char], k: usize) -> Option<(usize, Option<u16>)> {
    let rest = s.get(k..)?;
    for w in ["上一年度", "上一年", "上年度", "上年", "去年"] {
        let w: Vec<char> = w.chars().collect();
        if rest.starts_with(&w) {
            return Some((w.len(), None));
        }
    }
    let digits = rest.get(..4)?;
    if !digits.iter().all(char::is_ascii_digit)
        || k.checked_sub(1)
            .and_then(|j| s.get(j))
            .is_some_and(|c| is_digit(*c))
    {
        return None;
    }
    let year: String = digits.iter().collect();
    let len = match (rest.get(4), rest.get(5)) {
        (Some('年'), Some('度')) => 6,
        (Some('年'), _) => 5,
        _ => return None,
    };
    Some((len, year.parse().ok()))
}

/// For a percentage: the whole of `占…Y%` (empty for a bare `占Y%`), or `None`.
fn share_whole(f: &Flat<'_>, start: usize) -> Option<String> {
    let before: Vec<char> = (0..start)
        .rev()
        .take(20)
        .map(|j| f.ch(j))
        .take_while(|c| !matches!(c, '，' | ',' | '；' | ';' | '。' | '\n'))
        .collect();
    let k = before.iter().position(|c| *c == '占')?;
    let whole: String = before.get(..k)?.iter().rev().collect();
    if whole.chars().any(is_digit) {
        return None;
    }
    Some(whole.trim_end_matches('的').to_string())
}

// ----- comparisons and list introductions --------------------------------------------------

/// `比上年`, `与2025年预算相比`, `同比`: where a change is stated against the prior year.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    start: usize,
    end: usize,
    year: Option<u16>,
}

fn anchors(f: &Flat<'_>) -> Vec<Anchor> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < f.len() {
        let found = match f.ch(i) {
            '同' if f.ch(i + 1) == '比' => Some((i + 2, None)),
            '比' | '较' if f.prev(i) != '占' => comparison_target(f, i + 1),
            '与' => comparison_target(f, i + 1).and_then(|(e, y)| {
                if ["相比", "比较", "对比"].iter().any(|w| f.at(e, w)) {
                    Some((e + 2, y))
                } else if FLAT_WORDS.iter().any(|w| f.at(e, w)) {
                    Some((e, y))
                } else {
                    None
                }
            }),
            _ => None,
        };
        match found {
            Some((end, year)) => {
                out.push(Anchor {
                    start: i,
                    end,
                    year,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// `上年`, `上年度预算数`, `2025年预算`: the year compared with, and where it ends.
fn comparison_target(f: &Flat<'_>, j: usize) -> Option<(usize, Option<u16>)> {
    let (mut end, year) = year_at(f, j)?;
    for w in ["预算数", "预算", "决算数", "决算", "同期", "数"] {
        if f.at(end, w) {
            end += w.chars().count();
            break;
        }
    }
    Some((end, year))
}

fn year_at(f: &Flat<'_>, j: usize) -> Option<(usize, Option<u16>)> {
    for w in ["上一年度", "上一年", "上年度", "上年", "去年"] {
        if f.at(j, w) {
            return Some((j + w.chars().count(), None));
        }
    }
    let digits: String = (j..j + 4).map(|k| f.ch(k)).collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || is_digit(f.ch(j + 4)) {
        return None;
    }
    let year = digits.parse().ok();
    if f.at(j + 4, "年度") {
        Some((j + 6, year))
    } else if f.ch(j + 4) == '年' {
        Some((j + 5, year))
    } else {
        None
    }
}

/// How much of its total a list claims to name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Claim {
    /// `其中`, `主要包括`: some of the parts.
    Some,
    /// `包括`: every part.
    All,
}

/// `其中：`, `包括：`, `主要用于以下方面：`.
#[derive(Clone, Copy, Debug)]
struct Intro {
    start: usize,
    end: usize,
    claim: Claim,
    /// The total may be the one amount of the sentence before (`…114.22万元。其中：`).
    total_before: bool,
}

fn intros(f: &Flat<'_>) -> Vec<Intro> {
    let mut out = Vec::new();
    for i in 0..f.len() {
        let found = if f.at(i, "其中") {
            Some((2, Claim::Some, true))
        } else if f.at(i, "包括") && f.prev(i) != '不' {
            let main = i.checked_sub(2).is_some_and(|j| f.at(j, "主要"));
            Some(if main {
                (2, Claim::Some, false)
            } else {
                (2, Claim::All, true)
            })
        } else if f.at(i, "以下方面") {
            Some((4, Claim::Some, false))
        } else if f.at(i, "以下几个方面") {
            Some((6, Claim::Some, false))
        } else {
            None
        };
        if let Some((len, claim, total_before)) = found {
            let mut end = i + len;
            if matches!(f.ch(end), '：' | ':' | '，' | ',') {
                end += 1;
            }
            out.push(Intro {
                start: i,
                end,
                claim,
                total_before,
            });
        }
    }
    out
}

/// An item marker at the start of a paragraph or clause: `一、` (level 1), `（一）` (2), `1．`,
/// `1.`, `1、` (3), `（1）` (4), `①` (5).
#[derive(Clone, Copy, Debug)]
struct Marker {
    level: u8,
    index: u32,
    len: usize,
}

fn marker_at(f: &Flat<'_>, p: usize) -> Option<Marker> {
    let c = f.ch(p);
    if c == '（' || c == '(' {
        let (index, len, chinese) = numeral_at(f, p + 1)?;
        if !matches!(f.ch(p + 1 + len), '）' | ')') {
            return None;
        }
        let level = if chinese { 2 } else { 4 };
        return Some(Marker {
            level,
            index,
            len: len + 2,
        });
    }
    if ('①'..='⑳').contains(&c) {
        let index = u32::from(c) - u32::from('①') + 1;
        return Some(Marker {
            level: 5,
            index,
            len: 1,
        });
    }
    let (index, len, chinese) = numeral_at(f, p)?;
    let after = f.ch(p + len);
    if chinese {
        return (after == '、').then_some(Marker {
            level: 1,
            index,
            len: len + 1,
        });
    }
    let is_mark = matches!(after, '.' | '．' | '、') && !is_digit(f.ch(p + len + 1));
    is_mark.then_some(Marker {
        level: 3,
        index,
        len: len + 1,
    })
}

/// A number of at most three Arabic digits or Chinese numerals at `p`: (value, length, Chinese).
fn numeral_at(f: &Flat<'_>, p: usize) -> Option<(u32, usize, bool)> {
    let arabic: String = (p..p + 4)
        .map(|k| f.ch(k))
        .take_while(char::is_ascii_digit)
        .collect();
    if !arabic.is_empty() {
        if arabic.len() > 3 {
            return None;
        }
        return Some((arabic.parse().ok()?, arabic.len(), false));
    }
    let chinese: Vec<char> = (p..p + 3)
        .map(|k| f.ch(k))
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    let value = chinese_value(&chinese)?;
    Some((value, chinese.len(), true))
}

/// `三` → 3, `十二` → 12, `二十` → 20, `二十一` → 21.
fn chinese_value(chars: &[char]) -> Option<u32> {
    let digit = |c: &char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == *c)
            .map(|k| k as u32 + 1)
    };
    match chars {
        [d] if *d == '十' => Some(10),
        [d] => digit(d),
        [t, d] if *t == '十' => Some(10 + digit(d)?),
        [d, t] if *t == '十' => Some(10 * digit(d)?),
        [d, t, e] if *t == '十' => Some(10 * digit(d)? + digit(e)?),
        _ => None,
    }
}

// ----- figures ---------------------------------------------------------------------------

/// A figure in the unit of its statement, and the step its printing stands for.
#[derive(Clone, Copy, Debug)]
struct Fig {
    value: Amount,
    step: Amount,
}

fn overflow() -> Error {
    Error::Overflow {
        operation: Operation::Multiplication,
    }
}

/// `x` in `from` expressed in `to`, exactly.
fn convert(x: Decimal, from: Money, to: Money) -> Result<Decimal, Error> {
    let (fe, te) = (from.exponent(), to.exponent());
    let factor = if fe >= te {
        Decimal::from(10u64.pow(fe - te))
    } else {
        Decimal::new(1, te - fe)
    };
    x.checked_mul(factor).ok_or_else(overflow)
}

/// A money number as a figure in `unit`.
fn fig(num: &Num, unit: Money) -> Result<Fig, Error> {
    let from = num.money().unwrap_or(unit);
    Ok(Fig {
        value: Amount::from_decimal(convert(num.value.decimal(), from, unit)?),
        step: Amount::from_decimal(convert(Decimal::new(1, num.decimals.min(27)), from, unit)?),
    })
}

/// The coarsest step of the figures that are not zero (a zero printed bare is exact).
fn coarsest(figs: &[Fig]) -> Amount {
    figs.iter()
        .filter(|f| !f.value.is_zero())
        .map(|f| f.step)
        .max()
        .unwrap_or(Amount::ZERO)
}

fn negate(x: Amount) -> Result<Amount, Error> {
    Amount::ZERO.checked_sub(x)
}

/// The exact ratio `100 · a / b`, or `None` when `b` is zero.
fn ratio(a: Amount, b: Amount) -> Option<Decimal> {
    if b.is_zero() {
        return None;
    }
    a.decimal()
        .checked_div(b.decimal())
        .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
}

/// A percentage for a message, to `dp` decimals (`15.3042`).
fn pct(x: Decimal, dp: u32) -> String {
    Amount::from_decimal(x.round_dp(dp)).display()
}

/// `x` with exactly `d` decimals, as a percentage is printed (`10.60`, `-0.17`).
fn fixed(x: Decimal, d: u32) -> String {
    let mut y = x.round_dp(d.min(27));
    y.rescale(d.min(27));
    y.to_string()
}

/// `-17.89` in parentheses, for a term after an operator.
fn term(x: Amount) -> String {
    if x.is_negative() {
        format!("({})", x.display())
    } else {
        x.display()
    }
}

fn value(label: impl Into<String>, v: impl Into<String>) -> Value {
    Value {
        label: label.into(),
        value: v.into(),
    }
}

fn zh_amount(x: Amount, unit: Money) -> String {
    format!("{}{}", x.display(), unit.name())
}

fn en_amount(x: Amount, unit: Money) -> String {
    english::amount(&x.display(), unit.name())
}

/// The message and the symbol of a sum's verdict: `=`, `≈` (rounding) or `≠`.
fn symbol(status: Status) -> &'static str {
    match status {
        Status::Ok => "=",
        Status::Rounding => "≈",
        _ => "≠",
    }
}

/// `，差 2，舍入容差 ±2` / `, difference 2, rounding tolerance ±2` (nothing when equal).
fn difference_text(v: &Verdict) -> (String, String) {
    if v.status == Status::Ok {
        return (String::new(), String::new());
    }
    (
        format!(
            "，差 {}，舍入容差 ±{}",
            v.difference.display(),
            v.tolerance.display()
        ),
        format!(
            ", difference {}, rounding tolerance ±{}",
            v.difference.display(),
            v.tolerance.display()
        ),
    )
}

/// `，相符` / `, which agrees`, and the like, for a verdict.
fn relation(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Ok => ("，相符", ", which agrees"),
        Status::Rounding => (
            "，在尾数误差范围内",
            ", within rounding (a rounding difference)",
        ),
        _ => ("，不符", ", which does not agree"),
    }
}

/// The range a percentage may take, for a message: `（可能范围 1.2% 至 1.3%）`.
fn range_text(range: Option<Interval>, dp: u32) -> (String, String) {
    match range {
        Some(r) => (
            format!("（可能范围 {}% 至 {}%）", pct(r.lo, dp), pct(r.hi, dp)),
            format!(" (possible range {}% to {}%)", pct(r.lo, dp), pct(r.hi, dp)),
        ),
        None => (String::new(), String::new()),
    }
}

// ----- the checks ------------------------------------------------------------------------

/// The direction a change is stated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Up,
    Down,
    /// `增加（减少）`: the template's alternative; the figure's printed sign tells.
    Either,
    None,
}

impl Dir {
    fn of(f: &Flat<'_>, from: usize, to: usize) -> Dir {
        let up = f.contains_any(from, to, &UP_WORDS);
        let down = f.contains_any(from, to, &DOWN_WORDS);
        match (up, down) {
            (true, true) => Dir::Either,
            (true, false) => Dir::Up,
            (false, true) => Dir::Down,
            (false, false) => Dir::None,
        }
    }

    /// `x` with the sign the direction gives it.
    fn apply(self, x: Amount) -> Result<Amount, Error> {
        match self {
            Dir::Down => negate(x),
            _ => Ok(x),
        }
    }

    fn opposes(self, other: Dir) -> bool {
        matches!((self, other), (Dir::Up, Dir::Down) | (Dir::Down, Dir::Up))
    }
}

/// A change stated against the prior year.
#[derive(Clone, Debug)]
struct Change {
    /// The current amount (A), when stated (else it is the prior plus the change).
    current: Option<usize>,
    /// The change amount (B) and its direction; `None` for 持平 (no change).
    change: Option<(usize, Dir)>,
    /// The percentage (C) and its direction.
    percent: Option<(usize, Dir)>,
    /// The stated prior-year amount (X).
    prior: Option<usize>,
    from: usize,
    to: usize,
}

/// A part of a list.
#[derive(Clone, Debug)]
struct Item {
    num: usize,
    share: Option<usize>,
    name: String,
    from: usize,
    to: usize,
}

/// A list of parts and its total.
#[derive(Clone, Debug)]
struct List {
    total: usize,
    claim: Claim,
    items: Vec<Item>,
    /// The reading may be wrong (nesting, a clause with two amounts): report agreement only.
    uncertain: bool,
    end: usize,
}

/// What a later list introduction inside an earlier list may read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    /// Up to here (the end of the outer list's part).
    End(usize),
    /// Nothing: the nesting is ambiguous.
    Skip,
}

struct Ctx<'a> {
    f: &'a Flat<'a>,
    nums: &'a [Num],
    anchors: Vec<Anchor>,
    intros: Vec<Intro>,
    found: Vec<(usize, Finding)>,
}

impl Ctx<'_> {
    fn num(&self, k: usize) -> Option<&Num> {
        self.nums.get(k)
    }

    /// The indices of the numbers starting in `[from, to)`.
    fn nums_in(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let a = self.nums.partition_point(|n| n.start < from);
        let b = self.nums.partition_point(|n| n.start < to);
        a..b.max(a)
    }

    fn first_num_from(&self, from: usize) -> usize {
        self.nums.partition_point(|n| n.start < from)
    }

    fn anchors_in(&self, from: usize, to: usize) -> usize {
        let a = self.anchors.partition_point(|x| x.start < from);
        let b = self.anchors.partition_point(|x| x.start < to);
        b.saturating_sub(a)
    }

    fn push(&mut self, at: usize, finding: Finding) {
        self.found.push((at, finding));
    }

    /// Runs a check; a figure too large to compute with gives an unverifiable finding.
    fn guarded(
        &mut self,
        rule: &'static str,
        (from, to): (usize, usize),
        result: Result<(), Error>,
    ) -> Result<(), Error> {
        match result {
            Err(Error::Overflow { .. }) => {
                let q = self.f.quote(from, to);
                let finding = Finding {
                    rule,
                    status: Status::Unverifiable,
                    message: format!("“{q}”：数值过大，超出可核对的范围，未核对"),
                    message_en: format!("“{q}”: the numbers are too large to be checked"),
                    values: Vec::new(),
                    difference: None,
                    tolerance: None,
                    locations: self.f.locations(from, to),
                };
                self.push(from, finding);
                Ok(())
            }
            other => other,
        }
    }

    // ----- changes ---------------------------------------------------------------------

    fn changes(&mut self) -> Result<(), Error> {
        let stmts: Vec<Change> = self
            .anchors
            .iter()
            .filter_map(|a| self.change_at(a))
            .collect();
        let mut seen: HashSet<usize> = HashSet::new();
        for s in stmts {
            let key = s.change.map_or(s.current.unwrap_or(s.from), |(b, _)| b);
            if !seen.insert(key) {
                continue;
            }
            let span = (s.from, s.to);
            let result = self.judge_change(&s);
            self.guarded(RULE_CHANGE, span, result)?;
        }
        Ok(())
    }

    /// The change stated at a comparison, when there is something to check.
    fn change_at(&self, a: &Anchor) -> Option<Change> {
        let (cs, ce) = self.f.clause(a.start);
        let mut next_k = self.first_num_from(a.end);
        let mut after = a.end;
        // `与2016年度相比（2016年度预算为X万元），增加B万元`: the prior stated on the way.
        let on_the_way = self.num(next_k).filter(|n| {
            n.prior.is_some()
                && n.start < ce
                && !self
                    .f
                    .contains_any(a.end, n.start.min(a.end + 15), &FLAT_WORDS)
        });
        if let Some(n) = on_the_way {
            after = n.end;
            next_k += 1;
        }
        let next = self
            .num(next_k)
            .filter(|n| n.start < ce && n.start.saturating_sub(after) <= CHANGE_GAP);
        let scan_to = next.map_or(ce.min(after + CHANGE_GAP), |n| n.start);
        let flat_at = self.f.find_any(after, scan_to.min(after + 15), &FLAT_WORDS);
        let stop_at = self.f.find_any(after, scan_to, &STOP_WORDS);
        let (change, percent, last) = match flat_at {
            Some(p) if stop_at.is_none_or(|s| p < s) && Dir::of(self.f, after, p) == Dir::None => {
                let percent = self.percent_after(p, next_k, ce);
                let last = percent.map_or(p + 2, |(k, _)| self.num(k).map_or(p + 2, |n| n.end));
                (None, percent, last)
            }
            _ => {
                let b = next.filter(|n| n.is_money() && stop_at.is_none())?;
                let dir = Dir::of(self.f, after, b.start);
                if dir == Dir::None {
                    return None;
                }
                let percent = self.percent_after(b.end, next_k + 1, ce);
                let last = percent.map_or(b.end, |(k, _)| self.num(k).map_or(b.end, |n| n.end));
                (Some((next_k, dir)), percent, last)
            }
        };
        let current = self.current_before(a, cs);
        let prior = self.prior_in(a, (cs, ce), current);
        if percent.is_none() && prior.is_none() || current.is_none() && prior.is_none() {
            return None;
        }
        let from = current
            .and_then(|k| self.num(k))
            .map_or(a.start, |n| n.start.min(a.start));
        let to = prior
            .and_then(|k| self.num(k))
            .map_or(last, |n| n.end.max(last));
        Some(Change {
            current,
            change,
            percent,
            prior,
            from,
            to,
        })
    }

    /// The percentage right after `from` (number `k`, before `ce`), with its direction.
    fn percent_after(&self, from: usize, k: usize, ce: usize) -> Option<(usize, Dir)> {
        let c = self.num(k)?;
        let close = c.start < ce && c.start.saturating_sub(from) <= PERCENT_GAP;
        if c.kind != Kind::Percent || c.share.is_some() || !close {
            return None;
        }
        if self.f.contains_any(from, c.start, &STOP_WORDS) {
            return None;
        }
        Some((k, Dir::of(self.f, from, c.start)))
    }

    /// The amount a change at `a` speaks of: the nearest level amount before it in its clause,
    /// or the one amount of the clause before when the comparison opens its clause.
    fn current_before(&self, a: &Anchor, cs: usize) -> Option<usize> {
        let window = a.start.saturating_sub(LOOK_BACK);
        let range = self.nums_in(cs.max(window), a.start);
        let money: Vec<usize> = range
            .filter(|k| self.num(*k).is_some_and(Num::is_money))
            .collect();
        if money.is_empty() {
            if cs < window {
                return None;
            }
            return self.only_level_of_clause_before(cs);
        }
        let k = money
            .iter()
            .rev()
            .copied()
            .find(|k| self.num(*k).is_some_and(|n| n.level))?;
        let n = self.num(k)?;
        if self.f.contains_any(n.end, a.start, &["原因"]) {
            return None;
        }
        Some(k)
    }

    /// The one level amount of the clause that ends just before `cs` (none before a `原因`),
    /// when that clause compares nothing itself.
    /// A short clause without numbers in between is looked through (`收入预算总计T万元。全部由
    /// 省财政拨款。与上年相比…`).
    fn only_level_of_clause_before(&self, cs: usize) -> Option<usize> {
        let end = cs.checked_sub(1)?;
        let (ps, pe) = self.f.clause(end);
        if self.anchors_in(ps, pe) > 0 {
            return None;
        }
        if let Some(k) = self.only_level(ps, pe) {
            return Some(k);
        }
        let bare = self.nums_in(ps, pe).next().is_none() && pe.saturating_sub(ps) <= 20;
        let end = ps.checked_sub(1).filter(|_| bare)?;
        let (qs, qe) = self.f.clause(end);
        if self.anchors_in(qs, qe) > 0 {
            return None;
        }
        self.only_level(qs, qe)
    }

    /// The one level amount of `[from, to)` before any `原因` (none in a text longer than
    /// [`LOOK_BACK`]).
    /// Within a numbered item, only its own words count (`1．甲70万元，主要包括：甲70万元用于…`),
    /// and the same amount restated is still one amount.
    fn only_level(&self, from: usize, to: usize) -> Option<usize> {
        let window = from.max(to.saturating_sub(LOOK_BACK));
        let item = (window..to)
            .rev()
            .find(|p| self.f.is_boundary(*p) && marker_at(self.f, *p).is_some());
        let from = item.unwrap_or(from);
        if to.saturating_sub(from) > LOOK_BACK {
            return None;
        }
        let cut = self.f.find_any(from, to, &["原因"]).unwrap_or(to);
        let mut levels = self
            .nums_in(from, cut)
            .filter(|k| self.num(*k).is_some_and(|n| n.level));
        let first = levels.next()?;
        let n = self.num(first)?;
        levels
            .all(|k| {
                self.num(k)
                    .is_some_and(|m| m.kind == n.kind && m.value == n.value)
            })
            .then_some(first)
    }

    /// The one prior-year amount stated in the clause of a comparison (the only one there).
    fn prior_in(
        &self,
        a: &Anchor,
        (cs, ce): (usize, usize),
        current: Option<usize>,
    ) -> Option<usize> {
        if self.anchors_in(cs, ce) != 1 {
            return None;
        }
        let mut priors = self.nums_in(cs, ce).filter(|k| {
            Some(*k) != current
                && self.num(*k).is_some_and(|n| match n.prior {
                    Some(y) => a.year.is_none() || y.is_none() || y == a.year,
                    None => false,
                })
        });
        let first = priors.next()?;
        priors.next().is_none().then_some(first)
    }

    fn judge_change(&mut self, s: &Change) -> Result<(), Error> {
        let a_num = s.current.and_then(|k| self.num(k)).cloned();
        let x_num = s.prior.and_then(|k| self.num(k)).cloned();
        let Some(unit) = a_num.as_ref().or(x_num.as_ref()).and_then(Num::money) else {
            return Ok(());
        };
        let b = match s
            .change
            .and_then(|(k, d)| self.num(k).map(|n| (n.clone(), d)))
        {
            Some((n, d)) => {
                let f = fig(&n, unit)?;
                Some((
                    Fig {
                        value: d.apply(f.value)?,
                        step: f.step,
                    },
                    d,
                    n,
                ))
            }
            None => None,
        };
        let b_fig = b.as_ref().map(|(f, _, _)| *f);
        let x = x_num.as_ref().map(|n| fig(n, unit)).transpose()?;
        let (a, a_label) = match (&a_num, x) {
            (Some(n), _) => (fig(n, unit)?, n.printed.clone()),
            (None, Some(x)) => {
                let v = x
                    .value
                    .checked_add(b_fig.map_or(Amount::ZERO, |f| f.value))?;
                let a = Fig {
                    value: v,
                    step: x.step,
                };
                (a, format!("{}（上年数加增减额）", zh_amount(v, unit)))
            }
            (None, None) => return Ok(()),
        };
        if let (Some(x), Some(_)) = (x, &a_num) {
            self.judge_prior(s, unit, a, b_fig, x)?;
        }
        if let Some((k, dir)) = s.percent {
            if let Some(c) = self.num(k).cloned() {
                self.judge_percent(s, unit, (a, a_label), b.as_ref(), (&c, dir))?;
            }
        }
        Ok(())
    }

    /// A − B = X.
    fn judge_prior(
        &mut self,
        s: &Change,
        unit: Money,
        a: Fig,
        b: Option<Fig>,
        x: Fig,
    ) -> Result<(), Error> {
        let b = b.unwrap_or(Fig {
            value: Amount::ZERO,
            step: Amount::ZERO,
        });
        let step = coarsest(&[a, b, x]);
        let v = check_sum(a.value, &[(1, x.value), (1, b.value)], step)?;
        let sum = x.value.checked_add(b.value)?;
        let q = self.f.quote(s.from, s.to);
        let (d, d_en) = difference_text(&v);
        let (rel, rel_en) = relation(v.status);
        let sym = symbol(v.status);
        let message = Message::new(
            format!(
                "“{q}”：本年 {} {sym} 上年 {} + 增减 {} = {}{d}{rel}",
                zh_amount(a.value, unit),
                x.value.display(),
                term(b.value),
                zh_amount(sum, unit),
            ),
            format!(
                "“{q}”: current {} {sym} prior {} + change {} = {}{d_en}{rel_en}",
                en_amount(a.value, unit),
                x.value.display(),
                term(b.value),
                en_amount(sum, unit),
            ),
        );
        let values = vec![
            value("本年数", zh_amount(a.value, unit)),
            value("上年数", zh_amount(x.value, unit)),
            value("增减额", zh_amount(b.value, unit)),
        ];
        let finding = Finding {
            rule: RULE_PRIOR,
            status: v.status,
            message: message.zh.into_owned(),
            message_en: message.en.into_owned(),
            values,
            difference: Some(v.difference),
            tolerance: Some(v.tolerance),
            locations: self.f.locations(s.from, s.to),
        };
        self.push(s.from, finding);
        Ok(())
    }

    /// C against B ÷ (A − B).
    fn judge_percent(
        &mut self,
        s: &Change,
        unit: Money,
        (a, a_label): (Fig, String),
        b: Option<&(Fig, Dir, Num)>,
        (c_num, c_dir): (&Num, Dir),
    ) -> Result<(), Error> {
        let (b_fig, b_dir) = b.map_or(
            (
                Fig {
                    value: Amount::ZERO,
                    step: Amount::ZERO,
                },
                Dir::None,
            ),
            |(f, d, _)| (*f, *d),
        );
        let c = match c_dir {
            Dir::Up | Dir::Either => c_num.value,
            Dir::Down => negate(c_num.value)?,
            Dir::None if b_fig.value.is_negative() => negate(c_num.value.abs())?,
            Dir::None => c_num.value,
        };
        let prior = a.value.checked_sub(b_fig.value)?;
        let mut values = vec![
            value("本年数", a_label),
            value("增减额", zh_amount(b_fig.value, unit)),
            value(
                "所述百分比",
                format!("{}%", fixed(c.decimal(), c_num.decimals)),
            ),
            value("上年数（推算）", zh_amount(prior, unit)),
        ];
        let q = self.f.quote(s.from, s.to);
        let head = (
            format!(
                "“{q}”：本年 {}，增减 {}，上年 {} − {} = {}",
                zh_amount(a.value, unit),
                b_fig.value.display(),
                a.value.display(),
                term(b_fig.value),
                zh_amount(prior, unit)
            ),
            format!(
                "“{q}”: current {}, change {}, prior {} − {} = {}",
                en_amount(a.value, unit),
                b_fig.value.display(),
                a.value.display(),
                term(b_fig.value),
                en_amount(prior, unit)
            ),
        );
        let (status, message) = if b_dir.opposes(c_dir) && !b_fig.value.is_zero() && !c.is_zero() {
            (Status::Mismatch, direction_message(&q, b_dir))
        } else if prior.is_zero() {
            zero_prior_message(&head, b_fig.value, c, c_num.decimals)
        } else {
            let step = coarsest(&[a, b_fig]);
            let v = check_percent(a.value, b_fig.value, c, c_num.decimals, step)?;
            if let Some(computed) = v.computed {
                values.push(value(
                    "计算百分比",
                    format!("{}%", pct(computed, c_num.decimals + 2)),
                ));
            }
            let slip = self.unit_slip_hint(v.status, a, unit, b, c, c_num.decimals)?;
            // A unit slip is its own finding (a note), as elsewhere in the checks.
            let status = if slip.is_some() {
                Status::Note
            } else {
                v.status
            };
            (
                status,
                percent_message(&head, b_fig.value, prior, c, c_num.decimals, &v, slip),
            )
        };
        let finding = Finding {
            rule: RULE_CHANGE,
            status,
            message: message.zh.into_owned(),
            message_en: message.en.into_owned(),
            values,
            difference: None,
            tolerance: None,
            locations: self.f.locations(s.from, s.to),
        };
        self.push(s.from, finding);
        Ok(())
    }

    /// When the change is printed in another unit than the current amount and the percentage
    /// fits only the figure read in the current amount's unit: a unit slip (the finding is then
    /// a note), in both languages.
    fn unit_slip_hint(
        &self,
        status: Status,
        a: Fig,
        unit: Money,
        b: Option<&(Fig, Dir, Num)>,
        c: Amount,
        decimals: u32,
    ) -> Result<Option<(String, String)>, Error> {
        let Some((_, dir, n)) = b else {
            return Ok(None);
        };
        let Some(b_unit) = n.money() else {
            return Ok(None);
        };
        if status != Status::Mismatch || b_unit == unit {
            return Ok(None);
        }
        let b_as = dir.apply(n.value)?;
        let step = coarsest(&[
            a,
            Fig {
                value: b_as,
                step: Amount::from_decimal(Decimal::new(1, n.decimals.min(27))),
            },
        ]);
        let v = check_percent(a.value, b_as, c, decimals, step)?;
        if !matches!(v.status, Status::Ok | Status::Rounding) {
            return Ok(None);
        }
        Ok(Some((
            format!(
                "；若增减额为 {}{}，则百分比相符，疑为单位笔误（{}）",
                n.value.display(),
                unit.name(),
                b_unit.name()
            ),
            format!(
                "; the percentage fits a change of {}, so the unit “{}” looks like a slip",
                en_amount(n.value, unit),
                b_unit.name()
            ),
        )))
    }

    // ----- lists -----------------------------------------------------------------------

    fn lists(&mut self) -> Result<(), Error> {
        let mut bounds: Vec<Option<Bound>> = vec![None; self.intros.len()];
        let mut consumed: HashSet<usize> = HashSet::new();
        for k in 0..self.intros.len() {
            let bound = bounds.get(k).copied().flatten();
            if bound == Some(Bound::Skip) {
                continue;
            }
            let limit = match bound {
                Some(Bound::End(e)) => Some(e),
                _ => None,
            };
            let Some(list) = self.list_at(k, limit, &mut bounds) else {
                continue;
            };
            consumed.extend(list.items.iter().filter_map(|it| it.share));
            let span = (self.num(list.total).map_or(0, |n| n.start), list.end);
            let result = self.judge_list(&list);
            self.guarded(RULE_PARTS, span, result)?;
        }
        self.unstated_totals(&consumed)
    }

    /// The list introduced by intro `k`, read up to `limit`.
    fn list_at(
        &self,
        k: usize,
        limit: Option<usize>,
        bounds: &mut [Option<Bound>],
    ) -> Option<List> {
        let intro = *self.intros.get(k)?;
        let total = self.total_of(&intro)?;
        let mut r = intro.end;
        while self.f.ch(r) == '\n' {
            r += 1;
        }
        if r >= self.f.len() || self.f.is_hard_end(r) {
            return None;
        }
        let limit = limit
            .unwrap_or(self.f.len())
            .min(r.saturating_add(MAX_LIST_CHARS));
        let list = match marker_at(self.f, r) {
            Some(m) => self.marked_list(&intro, total, r, m, limit)?,
            None => self.inline_list(k, total, r, limit, bounds)?,
        };
        (!list.items.is_empty() && !self.restates_total(&list)).then_some(list)
    }

    /// True when the list's "parts" are sums or restatements of the total: a part named
    /// 合计 / 小计 / 共计 (or starting with 总计), or two parts each equal to a total that is not
    /// zero (`（一）收入预算总计T万元 … （二）支出预算总计T万元`).
    fn restates_total(&self, list: &List) -> bool {
        let sum_named = list.items.iter().any(|it| {
            it.name.starts_with("总计")
                || SUM_WORDS
                    .iter()
                    .any(|w| it.name.starts_with(w) || it.name.ends_with(w))
        });
        let Some(t) = self.num(list.total) else {
            return true;
        };
        let equal = list
            .items
            .iter()
            .filter(|it| {
                self.num(it.num)
                    .is_some_and(|n| n.kind == t.kind && n.value == t.value)
            })
            .count();
        sum_named || (equal > 1 && !t.value.is_zero())
    }

    /// The total a list speaks of: the nearest level amount before its introduction in the
    /// sentence, or the one amount of the sentence before when `其中` opens its sentence.
    fn total_of(&self, intro: &Intro) -> Option<usize> {
        let (gs, _) = self.f.sentence(intro.start);
        let from = gs.max(intro.start.saturating_sub(LOOK_BACK));
        let cut = self
            .f
            .find_any(from, intro.start, &["原因"])
            .unwrap_or(intro.start);
        let money: Vec<usize> = self
            .nums_in(from, intro.start)
            .filter(|k| self.num(*k).is_some_and(Num::is_money))
            .collect();
        let total = if money.is_empty() {
            if !intro.total_before || intro.start.saturating_sub(gs) > 2 || gs == 0 {
                return None;
            }
            let (ps, pe) = self.f.sentence(gs.saturating_sub(1));
            let k = self.only_level(ps, pe)?;
            let n = self.num(k)?;
            if self.f.contains_any(ps, n.start, &BOTH_SIDES) {
                return None;
            }
            k
        } else {
            let k = money
                .iter()
                .rev()
                .copied()
                .find(|k| self.num(*k).is_some_and(|n| n.level && n.start < cut))?;
            let n = self.num(k)?;
            if self.f.contains_any(from, n.start, &BOTH_SIDES) {
                return None;
            }
            k
        };
        let n = self.num(total)?;
        let counted = self
            .nums_in(n.end, intro.start)
            .any(|k| self.num(k).is_some_and(|m| m.kind == Kind::Count));
        (!counted).then_some(total)
    }

    /// `其中：（一）…（二）…`: items that start with markers of one level, numbered from 1,
    /// across sentences and paragraphs; deeper markers and unmarked text between are skipped.
    fn marked_list(
        &self,
        intro: &Intro,
        total: usize,
        r: usize,
        first: Marker,
        limit: usize,
    ) -> Option<List> {
        if first.index != 1 {
            return None;
        }
        let mut starts: Vec<(usize, Marker)> = Vec::new();
        let mut expected = 1;
        let mut q = r;
        let mut stop = limit;
        // Stopped by a numbering slip or the length cap, the list may go on: not to be trusted
        // with a mismatch.
        let mut cut_short = limit < self.f.len();
        while q < limit {
            let m = if q == r || self.f.is_boundary(q) {
                marker_at(self.f, q)
            } else {
                None
            };
            let Some(m) = m else {
                q += 1;
                continue;
            };
            if m.level < first.level || (m.level == first.level && m.index != expected) {
                cut_short = m.level == first.level;
                stop = q;
                break;
            }
            if m.level == first.level {
                if starts.len() >= MAX_ITEMS {
                    return None;
                }
                starts.push((q, m));
                expected += 1;
            }
            q += m.len.max(1);
        }
        let mut items = Vec::new();
        let mut uncertain = cut_short;
        for (s, m) in starts {
            let from = s + m.len;
            let own_end = self.own_end(from, stop);
            let (item, two) = self.item_in(s, from, own_end)?;
            uncertain |= two;
            items.push(item);
        }
        let end = items.last().map_or(r, |it| it.to);
        Some(List {
            total,
            claim: intro.claim,
            items,
            uncertain,
            end,
        })
    }

    /// Where a marked item's own words end: at its sentence's end, the next marker, a nested
    /// list or a `原因`.
    fn own_end(&self, from: usize, stop: usize) -> usize {
        let mut q = from;
        while q < stop {
            let c = self.f.ch(q);
            let boundary_marker = self.f.is_boundary(q) && marker_at(self.f, q).is_some();
            let intro = self.intros.binary_search_by_key(&q, |i| i.start).is_ok();
            if is_sentence_end(c) || boundary_marker || intro || self.f.at(q, "原因") {
                break;
            }
            if c == '\n' && self.f.is_hard_end(q) {
                break;
            }
            q += 1;
        }
        q
    }

    /// The part whose words are `[from, to)` (the marker at `s`): its first amount must be a
    /// level; `true` when the words hold a second level amount.
    fn item_in(&self, s: usize, from: usize, to: usize) -> Option<(Item, bool)> {
        let money: Vec<usize> = self
            .nums_in(from, to)
            .filter(|k| self.num(*k).is_some_and(Num::is_money))
            .collect();
        let first = *money.first()?;
        let n = self.num(first)?;
        if !n.level {
            return None;
        }
        let levels = money
            .iter()
            .filter(|k| self.num(**k).is_some_and(|m| m.level))
            .count();
        let share = self.share_in(n.end, to);
        Some((
            Item {
                num: first,
                share,
                name: clean_name(&self.f.text(from, n.start)),
                from: s,
                to,
            },
            levels > 1,
        ))
    }

    /// The first share (`占Y%`) in `[from, to)`.
    fn share_in(&self, from: usize, to: usize) -> Option<usize> {
        self.nums_in(from, to)
            .find(|k| self.num(*k).is_some_and(|n| n.share.is_some()))
    }

    /// `其中：甲a万元；乙b万元。`: parts in one sentence, separated by `；` if the list has one,
    /// else by `，` and `、`.
    fn inline_list(
        &self,
        k: usize,
        total: usize,
        r: usize,
        limit: usize,
        bounds: &mut [Option<Bound>],
    ) -> Option<List> {
        let intro = *self.intros.get(k)?;
        let end = self.inline_end(&intro, r, limit.min(r.saturating_add(MAX_INLINE_CHARS)));
        let segments = self.segments(r, end);
        let semi = segments.len() > 1 && self.has_top_level_semicolon(r, end);
        let mut uncertain = false;
        for (j, later) in self.intros.iter().enumerate().skip(k + 1) {
            if later.start >= end {
                break;
            }
            let seg = segments.partition_point(|(_, b)| *b <= later.start);
            let seg_end = segments.get(seg).map_or(end, |(_, b)| *b);
            let reach = if semi { seg_end } else { end };
            let nested = self
                .nums_in(later.end, reach)
                .any(|n| self.num(n).is_some_and(Num::is_money));
            if nested && !semi {
                self.skip_intros_in(k, end, bounds);
                return None;
            }
            uncertain |= nested;
            // Without `；`, a later introduction with no amount after it up to this list's end
            // has nothing to list.
            let bound = if semi {
                Bound::End(seg_end)
            } else {
                Bound::Skip
            };
            if let Some(b) = bounds.get_mut(j) {
                *b = Some(bound);
            }
        }
        let mut items: Vec<Item> = Vec::new();
        for (a, b) in segments {
            let own = self.segment_own_end(a, b);
            uncertain |= self.segment_item(a, own, b, &mut items);
        }
        Some(List {
            total,
            claim: intro.claim,
            items,
            uncertain,
            end,
        })
    }

    /// Marks every introduction after `k` and before `end` as not to be read.
    fn skip_intros_in(&self, k: usize, end: usize, bounds: &mut [Option<Bound>]) {
        for (j, later) in self.intros.iter().enumerate().skip(k + 1) {
            if later.start >= end {
                break;
            }
            if let Some(b) = bounds.get_mut(j) {
                *b = Some(Bound::Skip);
            }
        }
    }

    /// Where an inline list ends: at its sentence's end, at a paragraph that starts with a
    /// marker, or at the bracket that closes the one its introduction is in.
    fn inline_end(&self, intro: &Intro, r: usize, limit: usize) -> usize {
        let (gs, _) = self.f.sentence(intro.start);
        let mut depth: i64 = 0;
        for i in gs.max(intro.start.saturating_sub(LOOK_BACK))..intro.start {
            match self.f.ch(i) {
                '（' | '(' => depth += 1,
                '）' | ')' => depth -= 1,
                _ => {}
            }
        }
        let in_bracket = depth > 0;
        let mut inner: i64 = 0;
        let mut q = r;
        while q < limit {
            let c = self.f.ch(q);
            if self.f.is_hard_end(q) {
                break;
            }
            if c == '\n' && marker_at(self.f, q + 1).is_some() {
                break;
            }
            match c {
                '（' | '(' => inner += 1,
                '）' | ')' if inner == 0 && in_bracket => break,
                '）' | ')' => inner -= 1,
                _ => {}
            }
            q += 1;
        }
        q
    }

    fn has_top_level_semicolon(&self, from: usize, to: usize) -> bool {
        let mut depth: i64 = 0;
        for i in from..to {
            match self.f.ch(i) {
                '（' | '(' => depth += 1,
                '）' | ')' => depth -= 1,
                '；' | ';' if depth <= 0 => return true,
                _ => {}
            }
        }
        false
    }

    /// `[from, to)` cut at `；` outside brackets if there is one, else at `，` and `、`.
    fn segments(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        let semi = self.has_top_level_semicolon(from, to);
        let mut out = Vec::new();
        let mut depth: i64 = 0;
        let mut start = from;
        for i in from..to {
            let c = self.f.ch(i);
            match c {
                '（' | '(' => depth += 1,
                '）' | ')' => depth -= 1,
                _ => {}
            }
            let cut = depth <= 0
                && if semi {
                    matches!(c, '；' | ';')
                } else {
                    matches!(c, '，' | ',' | '、')
                };
            if cut {
                out.push((start, i));
                start = i + 1;
            }
        }
        out.push((start, to));
        out
    }

    /// Where a segment's own words end: at a nested list or a `原因`.
    fn segment_own_end(&self, a: usize, b: usize) -> usize {
        let first = self.intros.partition_point(|i| i.start < a);
        let nested = self
            .intros
            .get(first)
            .filter(|i| i.start < b)
            .map(|i| i.start);
        let reason = self.f.find_any(a, b, &["原因"]);
        nested.into_iter().chain(reason).min().unwrap_or(b)
    }

    /// Reads segment `[a, b)` (own words up to `own`) into `items`: a part, a share of the
    /// part before, or a comment on it. `true` when the reading is uncertain.
    fn segment_item(&self, a: usize, own: usize, b: usize, items: &mut Vec<Item>) -> bool {
        let money: Vec<usize> = self
            .nums_in(a, own)
            .filter(|k| self.num(*k).is_some_and(Num::is_money))
            .collect();
        let Some(n) = money.first().and_then(|k| self.num(*k).map(|n| (*k, n))) else {
            if let Some(last) = items.last_mut() {
                if last.share.is_none() {
                    last.share = self.share_in(a, b);
                }
                last.to = b;
            }
            return false;
        };
        let (k, n) = n;
        if !n.level {
            let lead = self.f.text(a, n.start);
            let lead = lead.trim_start_matches(|c: char| is_clause_mark(c));
            return !ATTACHED_WORDS.iter().any(|w| lead.starts_with(w));
        }
        let levels = money
            .iter()
            .filter(|j| self.num(**j).is_some_and(|m| m.level))
            .count();
        if items.len() >= MAX_ITEMS {
            return true;
        }
        let mut name_from = a;
        if let Some(m) = marker_at(self.f, a) {
            name_from += m.len;
        }
        items.push(Item {
            num: k,
            share: self.share_in(n.end, own),
            name: clean_name(&self.f.text(name_from, n.start)),
            from: a,
            to: b,
        });
        levels > 1
    }

    /// Checks a list: the parts against the total, then the shares.
    fn judge_list(&mut self, list: &List) -> Result<(), Error> {
        let Some(t_num) = self.num(list.total).cloned() else {
            return Ok(());
        };
        let unit = t_num.money().unwrap_or(Money::Wan);
        let t = fig(&t_num, unit)?;
        let mut parts = Vec::with_capacity(list.items.len());
        for it in &list.items {
            if let Some(n) = self.num(it.num) {
                parts.push(fig(n, unit)?);
            }
        }
        let shares = self.shares_of(&list.items);
        let all_shares = shares.len() == list.items.len();
        let (share_sum, share_tol) = share_sum(&shares)?;
        let shares_complete =
            all_shares && share_sum.checked_sub(Amount::from_int(100))?.abs() <= share_tol;
        let complete = list.claim == Claim::All || shares_complete;
        let mut all: Vec<Fig> = parts.clone();
        all.push(t);
        let terms: Vec<(i8, Amount)> = parts.iter().map(|p| (1, p.value)).collect();
        let v = check_sum(t.value, &terms, coarsest(&all))?;
        let report = match v.status {
            Status::Mismatch if list.uncertain => false,
            Status::Mismatch if v.difference.is_negative() => true,
            Status::Mismatch => complete,
            _ => true,
        };
        if report {
            self.parts_finding(list, &t_num, unit, &parts, &v);
        }
        let total = Interval::printed(t.value, t.step)?;
        let whole_named = shares.iter().any(|(_, s)| s.share.as_deref() != Some(""));
        if !shares.is_empty() && (!whole_named || shares_complete) {
            let agreed = v.status != Status::Mismatch;
            self.judge_shares(list, unit, &parts, (total, t.value), complete || agreed)?;
        }
        Ok(())
    }

    /// The items' shares: (item index, the share's number).
    fn shares_of(&self, items: &[Item]) -> Vec<(usize, Num)> {
        items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| it.share.and_then(|k| self.num(k)).map(|n| (i, n.clone())))
            .collect()
    }

    fn parts_finding(&mut self, list: &List, t_num: &Num, unit: Money, parts: &[Fig], v: &Verdict) {
        let from = t_num.start;
        let total = fig(t_num, unit).map_or(t_num.value, |f| f.value);
        let q = self.f.quote(from, list.end);
        let values_sum = parts
            .iter()
            .map(|p| p.value)
            .try_fold(Amount::ZERO, |s, p| s.checked_add(p))
            .unwrap_or(Amount::ZERO);
        let terms = sum_terms(parts.iter().map(|p| p.value));
        let sym = symbol(v.status);
        let (d, d_en) = difference_text(v);
        let (tail, tail_en) = match v.status {
            Status::Ok => ("，相符", ", which agrees"),
            Status::Rounding => ("，尾数误差", ": a rounding difference"),
            _ if v.difference.is_negative() => (
                "，各项之和超过合计",
                ": the parts add up to more than the total",
            ),
            _ => (
                "，所列为全部组成部分，其和却小于合计",
                ": the list names every part, yet they add up to less than the total",
            ),
        };
        let message = Message::new(
            format!(
                "“{q}”：合计 {} {sym} {terms} = {}{d}{tail}",
                zh_amount(total, unit),
                zh_amount(values_sum, unit)
            ),
            format!(
                "“{q}”: total {} {sym} {terms} = {}{d_en}{tail_en}",
                en_amount(total, unit),
                en_amount(values_sum, unit)
            ),
        );
        let mut values = vec![value("合计", t_num.printed.clone())];
        let mut locations = self
            .f
            .locations(from, list.items.first().map_or(list.end, |it| it.from));
        for it in list.items.iter().take(MAX_TERMS_SHOWN * 8) {
            if let Some(n) = self.num(it.num) {
                values.push(value(it.name.clone(), n.printed.clone()));
            }
            if locations.len() < MAX_LOCATIONS {
                locations.extend(self.f.locations(it.from, it.to));
            }
        }
        let finding = Finding {
            rule: RULE_PARTS,
            status: v.status,
            message: message.zh.into_owned(),
            message_en: message.en.into_owned(),
            values,
            difference: Some(v.difference),
            tolerance: Some(v.tolerance),
            locations,
        };
        self.push(from, finding);
    }

    /// Each share against its part ÷ the total, and (for a complete list) their sum against
    /// 100%.
    fn judge_shares(
        &mut self,
        list: &List,
        unit: Money,
        parts: &[Fig],
        (total, total_exact): (Interval, Amount),
        complete: bool,
    ) -> Result<(), Error> {
        let shares = self.shares_of(&list.items);
        if total_exact.is_zero() {
            return Ok(());
        }
        let adjusted = tail_adjustments(parts, total_exact, &shares)?;
        for (i, s) in &shares {
            let (Some(part), Some(it)) = (parts.get(*i), list.items.get(*i)) else {
                continue;
            };
            let tail = adjusted.get(*i).copied().flatten();
            let v = share_verdict(*part, total, total_exact, s, tail)?;
            if v.status == Status::Mismatch && list.uncertain {
                continue;
            }
            let whole = (zh_amount(total_exact, unit), en_amount(total_exact, unit));
            self.share_finding(it, s, *part, unit, &whole, &v);
        }
        if complete && shares.len() == list.items.len() && shares.len() > 1 {
            self.shares_sum_finding(
                list.items.first().map_or(0, |it| it.from),
                list.end,
                &shares,
                list.uncertain,
                None,
            )?;
        }
        Ok(())
    }

    fn share_finding(
        &mut self,
        it: &Item,
        s: &Num,
        part: Fig,
        unit: Money,
        (whole, whole_en): &(String, String),
        v: &ShareVerdict,
    ) {
        let q = self.f.quote(it.from, s.end);
        let computed = v
            .computed
            .map_or_else(|| "—".to_string(), |c| pct(c, s.decimals + 2));
        let (rel, rel_en) = if let Some((r, sum)) = v.adjusted {
            (
                format!(
                    "，四舍五入应为 {}%；各项按四舍五入合计 {}%，此项差一个末位单位，\
                     是使合计为 100% 的尾差调整，属尾数误差",
                    fixed(r, s.decimals),
                    fixed(sum, s.decimals)
                ),
                format!(
                    ", which rounds to {}%; the rounded shares add up to {}%, and this one is \
                     moved by one unit of its last digit so that they add up to 100%: a tail \
                     adjustment, a rounding difference",
                    fixed(r, s.decimals),
                    fixed(sum, s.decimals)
                ),
            )
        } else {
            let (r, r_en) = relation(v.status);
            let (range, range_en) = if v.status == Status::Ok {
                (String::new(), String::new())
            } else {
                range_text(v.range, s.decimals + 2)
            };
            (format!("{r}{range}"), format!("{r_en}{range_en}"))
        };
        let message = Message::new(
            format!(
                "“{q}”：{} ÷ {whole} × 100 = {computed}%，所述 {}%{rel}",
                zh_amount(part.value, unit),
                fixed(s.value.decimal(), s.decimals)
            ),
            format!(
                "“{q}”: {} ÷ {whole_en} × 100 = {computed}%, stated {}%{rel_en}",
                en_amount(part.value, unit),
                fixed(s.value.decimal(), s.decimals)
            ),
        );
        let mut values = vec![
            value(format!("{} 所述占比", it.name), s.printed.clone()),
            value("合计", whole.clone()),
        ];
        if let Some(c) = v.computed {
            values.push(value("计算占比", format!("{}%", pct(c, s.decimals + 2))));
        }
        let finding = Finding {
            rule: RULE_SHARES,
            status: v.status,
            message: message.zh.into_owned(),
            message_en: message.en.into_owned(),
            values,
            difference: None,
            tolerance: None,
            locations: self.f.locations(it.from, s.end),
        };
        self.push(it.from, finding);
    }

    /// The shares of a complete enumeration add up to 100%, within n · ½ · 10^-d.
    fn shares_sum_finding(
        &mut self,
        from: usize,
        to: usize,
        shares: &[(usize, Num)],
        uncertain: bool,
        note: Option<(&str, &str)>,
    ) -> Result<(), Error> {
        let (sum, tol) = share_sum(shares)?;
        let difference = sum.checked_sub(Amount::from_int(100))?;
        let status = if difference.is_zero() {
            Status::Ok
        } else if difference.abs() <= tol {
            Status::Rounding
        } else {
            Status::Mismatch
        };
        if status == Status::Mismatch && uncertain {
            return Ok(());
        }
        let terms = sum_terms(shares.iter().map(|(_, n)| n.value));
        let q = self.f.quote(from, to);
        let sym = symbol(status);
        let (rel, rel_en) = relation(status);
        let (d, d_en) = if status == Status::Ok {
            (String::new(), String::new())
        } else {
            (
                format!(
                    "，差 {}%，舍入容差 ±{}%",
                    difference.display(),
                    tol.display()
                ),
                format!(
                    ", difference {}%, rounding tolerance ±{}%",
                    difference.display(),
                    tol.display()
                ),
            )
        };
        let message = Message::new(
            format!(
                "“{q}”：各项占比 {terms} = {}% {sym} 100%{d}{rel}{}",
                sum.display(),
                note.map_or("", |n| n.0)
            ),
            format!(
                "“{q}”: the shares {terms} = {}% {sym} 100%{d_en}{rel_en}{}",
                sum.display(),
                note.map_or("", |n| n.1)
            ),
        );
        let mut values: Vec<Value> = shares
            .iter()
            .take(MAX_TERMS_SHOWN * 8)
            .map(|(_, n)| value("所述占比", n.printed.clone()))
            .collect();
        values.push(value("占比合计", format!("{}%", sum.display())));
        let finding = Finding {
            rule: RULE_SHARES,
            status,
            message: message.zh.into_owned(),
            message_en: message.en.into_owned(),
            values,
            difference: Some(difference),
            tolerance: Some(tol),
            locations: self.f.locations(from, to),
        };
        self.push(to, finding);
        Ok(())
    }

    // ----- shares of a total the text does not state ------------------------------------

    /// `甲a万元，占“三公”经费的25.96%；乙b万元，占“三公”经费的23.92%；…` with no total:
    /// when the shares of one whole add up to 100%, the total is the parts' sum.
    fn unstated_totals(&mut self, consumed: &HashSet<usize>) -> Result<(), Error> {
        let mut groups: Vec<ShareGroup> = Vec::new();
        let mut index: HashMap<(usize, String), usize> = HashMap::new();
        let mut last_owner: Option<usize> = None;
        for (k, n) in self.nums.iter().enumerate() {
            let Some(whole) = n.share.clone() else {
                continue;
            };
            if consumed.contains(&k) {
                continue;
            }
            let (cs, _) = self.f.clause(n.start);
            let owner = self
                .nums_in(cs.max(n.start.saturating_sub(LOOK_BACK)), n.start)
                .rev()
                .find(|j| self.num(*j).is_some_and(|m| m.level))
                .filter(|j| last_owner != Some(*j));
            let Some(owner) = owner else {
                continue;
            };
            last_owner = Some(owner);
            let (gs, _) = self.f.sentence(n.start);
            let key = (gs, whole);
            match index.get(&key).and_then(|g| groups.get_mut(*g)) {
                Some((_, pairs)) => pairs.push((owner, k)),
                None => {
                    index.insert(key.clone(), groups.len());
                    groups.push((key, vec![(owner, k)]));
                }
            }
        }
        for ((_, whole), pairs) in groups {
            if pairs.len() < 2 || pairs.len() > MAX_ITEMS {
                continue;
            }
            let from = pairs
                .first()
                .and_then(|(o, _)| self.num(*o))
                .map_or(0, |n| n.start);
            let to = pairs
                .last()
                .and_then(|(_, s)| self.num(*s))
                .map_or(from, |n| n.end);
            let result = self.judge_unstated(&pairs, &whole);
            self.guarded(RULE_SHARES, (from, to), result)?;
        }
        Ok(())
    }

    /// Shares of a whole the text does not state: checked when they add up to 100% within
    /// rounding, or when the parts are the whole by definition (“三公”经费).
    fn judge_unstated(&mut self, pairs: &[(usize, usize)], whole: &str) -> Result<(), Error> {
        let shares: Vec<(usize, Num)> = pairs
            .iter()
            .enumerate()
            .filter_map(|(i, (_, s))| self.num(*s).map(|n| (i, n.clone())))
            .collect();
        let (sum, tol) = share_sum(&shares)?;
        let to_100 = sum.checked_sub(Amount::from_int(100))?.abs() <= tol;
        let Some(unit) = pairs
            .first()
            .and_then(|(o, _)| self.num(*o))
            .and_then(Num::money)
        else {
            return Ok(());
        };
        let mut parts = Vec::new();
        let mut items = Vec::new();
        for (o, s) in pairs {
            let (Some(n), Some(sn)) = (self.num(*o), self.num(*s)) else {
                return Ok(());
            };
            parts.push(fig(n, unit)?);
            let (cs, _) = self.f.clause(n.start);
            let from = (cs..n.start)
                .rev()
                .find(|j| is_clause_mark(self.f.ch(*j)))
                .map_or(cs, |j| j + 1);
            items.push(Item {
                num: *o,
                share: Some(*s),
                name: clean_name(&self.f.text(from, n.start)),
                from,
                to: sn.end,
            });
        }
        let note = is_sanggong(whole, &items).then_some(SANGGONG_NOTE);
        if !to_100 && note.is_none() {
            return Ok(());
        }
        let mut total = Interval {
            lo: Decimal::ZERO,
            hi: Decimal::ZERO,
        };
        let mut exact = Amount::ZERO;
        for p in &parts {
            total = total.checked_add(Interval::printed(p.value, p.step)?)?;
            exact = exact.checked_add(p.value)?;
        }
        let list = List {
            total: 0,
            claim: Claim::All,
            end: items.last().map_or(0, |it| it.to),
            items,
            uncertain: false,
        };
        let adjusted = tail_adjustments(&parts, exact, &shares)?;
        if exact.is_zero() {
            return Ok(());
        }
        let whole = (
            format!("各项合计 {}", zh_amount(exact, unit)),
            format!("the parts' sum {}", en_amount(exact, unit)),
        );
        for (i, s) in &shares {
            let (Some(part), Some(it)) = (parts.get(*i), list.items.get(*i)) else {
                continue;
            };
            let tail = adjusted.get(*i).copied().flatten();
            let v = share_verdict(*part, total, exact, s, tail)?;
            self.share_finding(it, s, *part, unit, &whole, &v);
        }
        let from = list.items.first().map_or(0, |it| it.from);
        self.shares_sum_finding(from, list.end, &shares, false, note)
    }
}

/// Shares of one whole in one sentence: (sentence start, whole) and the (part, share) pairs.
type ShareGroup = ((usize, String), Vec<(usize, usize)>);

/// The three items “三公”经费 is made of, by definition.
const SANGGONG_ITEMS: [&str; 3] = ["出国", "公务用车", "接待"];

/// Why a sum of shares must be 100% when the text does not say the list is complete.
const SANGGONG_NOTE: (&str, &str) = (
    "（“三公”经费即因公出国（境）费、公务用车购置及运行费、公务接待费三项之和）",
    " (“三公”经费 is by definition the sum of these three items)",
);

/// True when the shares are of “三公”经费 and the parts are its three items: a complete list.
fn is_sanggong(whole: &str, items: &[Item]) -> bool {
    whole.contains("三公")
        && items.len() == SANGGONG_ITEMS.len()
        && SANGGONG_ITEMS
            .iter()
            .all(|w| items.iter().filter(|it| it.name.contains(w)).count() == 1)
}

/// `a + b + c`, at most [`MAX_TERMS_SHOWN`] terms (then `…`).
fn sum_terms(values: impl Iterator<Item = Amount>) -> String {
    let mut shown: Vec<String> = Vec::new();
    let mut more = false;
    for (i, v) in values.enumerate() {
        if i >= MAX_TERMS_SHOWN {
            more = true;
            break;
        }
        shown.push(if i == 0 { v.display() } else { term(v) });
    }
    let mut out = shown.join(" + ");
    if more {
        out.push_str(" + …");
    }
    out
}

/// A part's name as printed, without leading punctuation and markers, clipped.
fn clean_name(text: &str) -> String {
    let t = text.trim_matches(|c: char| is_clause_mark(c) || c.is_whitespace());
    let t = t.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "（）()一二三四五六七八九十、.．①②③④⑤⑥⑦⑧⑨⑩".contains(c)
    });
    let name: String = t.chars().take(40).collect();
    if name.is_empty() {
        "一项".to_string()
    } else {
        name
    }
}

/// The sum of stated shares and the rounding it allows (½ · 10^-d each).
fn share_sum(shares: &[(usize, Num)]) -> Result<(Amount, Amount), Error> {
    let mut sum = Amount::ZERO;
    let mut tol = Amount::ZERO;
    for (_, n) in shares {
        sum = sum.checked_add(n.value)?;
        tol = tol.checked_add(Amount::from_decimal(Decimal::new(
            5,
            n.decimals.saturating_add(1).min(27),
        )))?;
    }
    Ok((sum, tol))
}

/// The verdict on one share.
#[derive(Clone, Copy, Debug)]
struct ShareVerdict {
    status: Status,
    computed: Option<Decimal>,
    range: Option<Interval>,
    /// Not the share's rounding but a tail adjustment to a total of 100%: the correctly
    /// rounded share and the sum of the correctly rounded shares.
    adjusted: Option<(Decimal, Decimal)>,
}

/// A stated share against `100 · part / total`, with the interval rule figure by figure; `tail`
/// is the tail adjustment the share may be (see [`tail_adjustments`]).
fn share_verdict(
    part: Fig,
    total: Interval,
    total_exact: Amount,
    stated: &Num,
    tail: Option<(Decimal, Decimal)>,
) -> Result<ShareVerdict, Error> {
    let range = Interval::printed(part.value, part.step)?.percent_of(total)?;
    let computed = ratio(part.value, total_exact);
    let d = stated.decimals.min(27);
    let Some(range) = range else {
        return Ok(ShareVerdict {
            status: Status::Unverifiable,
            computed,
            range: None,
            adjusted: None,
        });
    };
    let rounds = computed.is_some_and(|c| {
        c.round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero)
            == stated.value.decimal()
    });
    let stated_i = Interval::printed_percent(stated.value, d)?;
    let mut status = if rounds {
        Status::Ok
    } else if range.intersects(stated_i) {
        Status::Rounding
    } else {
        Status::Mismatch
    };
    let adjusted = match (status, tail, computed) {
        (Status::Mismatch, Some((moved, sum)), Some(c)) if moved == stated.value.decimal() => {
            status = Status::Rounding;
            Some((
                c.round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero),
                sum,
            ))
        }
        _ => None,
    };
    Ok(ShareVerdict {
        status,
        computed: computed.map(|c| c.round_dp(6)),
        range: Some(range),
        adjusted,
    })
}

/// A tail adjustment (尾差调整) a share may be: the value it takes when one unit of its last
/// digit is moved so that the shares add up to 100%, and the sum of the correctly rounded
/// shares. Only when every part has a share, the stated shares add up to exactly 100 and the
/// rounded ones do not, by at most one unit per share.
fn tail_adjustments(
    parts: &[Fig],
    total: Amount,
    shares: &[(usize, Num)],
) -> Result<Vec<Option<(Decimal, Decimal)>>, Error> {
    let none = vec![None; parts.len()];
    let (sum, _) = share_sum(shares)?;
    if shares.len() != parts.len() || sum != Amount::from_int(100) || total.is_zero() {
        return Ok(none);
    }
    let mut rounded = Vec::with_capacity(parts.len());
    let mut rounded_sum = Decimal::ZERO;
    let mut units = Decimal::ZERO;
    for (p, (_, n)) in parts.iter().zip(shares) {
        let Some(q) = ratio(p.value, total) else {
            return Ok(none);
        };
        let d = n.decimals.min(27);
        let r = q.round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero);
        rounded_sum = rounded_sum.checked_add(r).ok_or_else(overflow)?;
        units = units.checked_add(Decimal::new(1, d)).ok_or_else(overflow)?;
        rounded.push((r, Decimal::new(1, d)));
    }
    let gap = Decimal::ONE_HUNDRED
        .checked_sub(rounded_sum)
        .ok_or_else(overflow)?;
    if gap.is_zero() || gap.abs() > units {
        return Ok(none);
    }
    let mut out = Vec::with_capacity(rounded.len());
    for (r, unit) in rounded {
        let moved = if gap.is_sign_positive() {
            r.checked_add(unit)
        } else {
            r.checked_sub(unit)
        };
        out.push(moved.map(|m| (m, rounded_sum)));
    }
    Ok(out)
}

/// The message of a percentage checked with [`check_percent`].
fn percent_message(
    (head, head_en): &(String, String),
    change: Amount,
    prior: Amount,
    stated: Amount,
    decimals: u32,
    v: &crate::reconcile::interval::PercentVerdict,
    slip: Option<(String, String)>,
) -> Message {
    let computed = v
        .computed
        .map_or_else(|| "—".to_string(), |c| pct(c, decimals + 2));
    let (rel, rel_en) = match v.status {
        Status::Unverifiable => (
            "，上年数在舍入范围内可能为零，百分比无法核对".to_string(),
            ", but the prior year may be zero within rounding, so the percentage cannot be checked"
                .to_string(),
        ),
        Status::Ok => ("，相符".to_string(), ", which agrees".to_string()),
        other => {
            let (r, r_en) = relation(other);
            let (range, range_en) = range_text(v.range, decimals + 2);
            (format!("{r}{range}"), format!("{r_en}{range_en}"))
        }
    };
    let (slip, slip_en) = slip.unwrap_or_default();
    Message::new(
        format!(
            "{head}；{} ÷ {} × 100 = {computed}%，所述 {}%{rel}{slip}",
            change.display(),
            term(prior),
            fixed(stated.decimal(), decimals)
        ),
        format!(
            "{head_en}; {} ÷ {} × 100 = {computed}%, stated {}%{rel_en}{slip_en}",
            change.display(),
            term(prior),
            fixed(stated.decimal(), decimals)
        ),
    )
}

/// A percentage where the prior year is exactly zero.
fn zero_prior_message(
    (head, head_en): &(String, String),
    change: Amount,
    stated: Amount,
    decimals: u32,
) -> (Status, Message) {
    if change.is_zero() && stated.is_zero() {
        return (
            Status::Ok,
            Message::new(
                format!("{head}；两年均为 0，没有变化，所述 0% 相符"),
                format!("{head_en}; both years are 0, nothing changed, and the stated 0% agrees"),
            ),
        );
    }
    if change.is_zero() {
        return (
            Status::Mismatch,
            Message::new(
                format!(
                    "{head}；两年均为 0，没有变化，所述 {}% 不成立",
                    fixed(stated.decimal(), decimals)
                ),
                format!(
                    "{head_en}; both years are 0, nothing changed, so the stated {}% cannot hold",
                    fixed(stated.decimal(), decimals)
                ),
            ),
        );
    }
    (
        Status::Mismatch,
        Message::new(
            format!(
                "{head}；上年为 0，从零增长没有百分比可言，所述 {}% 不成立",
                fixed(stated.decimal(), decimals)
            ),
            format!(
                "{head_en}; the prior year is 0: a growth from zero has no percentage, so the stated {}% cannot hold",
                fixed(stated.decimal(), decimals)
            ),
        ),
    )
}

/// The amount and the percentage are stated in opposite directions.
fn direction_message(q: &str, amount: Dir) -> Message {
    let (zh, en) = if amount == Dir::Up {
        (("增加", "下降"), ("an increase", "a decrease"))
    } else {
        (("减少", "增长"), ("a decrease", "an increase"))
    };
    Message::new(
        format!(
            "“{q}”：金额写的是{}，百分比写的却是{}，方向不一致",
            zh.0, zh.1
        ),
        format!(
            "“{q}”: the amount is stated as {} but the percentage as {}: the directions disagree",
            en.0, en.1
        ),
    )
}
