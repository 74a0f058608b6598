//! Numbers in the narrative (第一部分 to 第八部分), linked to the figures they speak of and
//! checked with the rounding rule: `比2021年增加15,118万元，增长22%` is three claims — the
//! amount, the change, the percentage — about the total.

use serde::Serialize;

use crate::amount::Amount;
use crate::error::Error;
use crate::import::text::parse_chinese_numeral;
use crate::model::{Budget, Figure, Location};
use crate::reconcile::interval::{check_percent, Interval, Status};
use crate::reconcile::{Finding, Value};

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
    /// The stated value, signed for changes and percentages.
    pub value: Amount,
    /// The unit as printed (`万元`, `亿元`, `元`, `%`, `个`).
    pub unit: String,
    /// Decimals printed.
    pub decimals: u32,
    /// The key of the figure it speaks of (`total`, `project:p03`, `sanggong:reception`).
    pub subject: Option<String>,
    /// True when the claim sits in a `主要原因` clause (an explanation, not a budget figure).
    pub reason: bool,
    /// The sentence the claim is in.
    pub sentence: String,
}

const UNITS: [&str; 6] = ["万元", "亿元", "元", "%", "％", "个"];

/// Extracts every claim of parts 1–8.
pub fn extract(budget: &Budget) -> Vec<Claim> {
    let mut claims = Vec::new();
    for part in budget.parts.iter().filter(|p| (1..=8).contains(&p.number)) {
        for (pi, p) in part.paragraphs.iter().enumerate() {
            let project = project_of_paragraph(budget, part.number, &p.text).or_else(|| {
                // 第五部分: `2.公务接待费。2022年预算数2万元…` speaks of its heading's item.
                let head = p.text.split('。').next().unwrap_or("");
                (part.number == 5)
                    .then(|| subject_of(budget, 5, head, head))
                    .flatten()
            });
            let chars: Vec<char> = p.text.chars().collect();
            let mut subject: Option<String> = project.clone();
            let mut i = 0;
            while i < chars.len() {
                let c = chars.get(i).copied().unwrap_or(' ');
                if c == '。' || c == '；' {
                    subject = project.clone();
                }
                if let Some(claim) = count_at(&chars, i, part.number, p.line, pi) {
                    i = claim.end;
                    claims.push(claim);
                    continue;
                }
                if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                    if let Some((claim, next)) = number_at(
                        budget,
                        &chars,
                        i,
                        part.number,
                        p.line,
                        pi,
                        &project,
                        &mut subject,
                    ) {
                        claims.push(claim);
                        i = next;
                        continue;
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
                        sentence: sentence_around(&chars, i),
                    });
                }
                i += 1;
            }
        }
    }
    claims
}

/// The sentence (up to `。` or `；`) around character `i`.
fn sentence_around(chars: &[char], i: usize) -> String {
    let start = (0..i)
        .rev()
        .find(|p| chars.get(*p).is_some_and(|c| "。；".contains(*c)))
        .map_or(0, |p| p + 1);
    let end = (i..chars.len())
        .find(|p| chars.get(*p).is_some_and(|c| "。；".contains(*c)))
        .map_or(chars.len(), |p| p + 1);
    chars
        .get(start..end)
        .map(|s| s.iter().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

/// In 第三部分, a numbered paragraph speaks of one project.
fn project_of_paragraph(budget: &Budget, part: u8, text: &str) -> Option<String> {
    if part != 3 {
        return None;
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    budget
        .figures
        .projects
        .iter()
        .filter(|p| text.contains(&format!("{}预算", p.name)))
        .max_by_key(|p| p.name.len())
        .map(|p| format!("project:{}", p.id))
}

/// `三个下属单位` / `共14个科室` after a list separated by `、`.
fn count_at(chars: &[char], i: usize, part: u8, line: usize, paragraph: usize) -> Option<Claim> {
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
    // The list: from `下设` up to the count.
    let before: String = chars.get(..i)?.iter().collect();
    let list_start = before.rfind("下设")? + "下设".len();
    let list = before.get(list_start..)?.trim_end_matches(['，', ',', ' ']);
    let listed = list.split('、').filter(|s| !s.trim().is_empty()).count();
    let end = j
        + 1
        + if noun.starts_with("下属单位") {
            4
        } else {
            2
        };
    Some(Claim {
        part,
        line,
        paragraph,
        start: i,
        end,
        text: chars.get(i..end)?.iter().collect(),
        kind: ClaimKind::Count,
        value: Amount::from_int(i64::from(n)),
        unit: "个".into(),
        decimals: 0,
        subject: Some(format!("listed:{listed}")),
        reason: false,
        sentence: sentence_around(chars, i),
    })
}

#[allow(clippy::too_many_arguments)]
fn number_at(
    budget: &Budget,
    chars: &[char],
    i: usize,
    part: u8,
    line: usize,
    paragraph: usize,
    project: &Option<String>,
    subject: &mut Option<String>,
) -> Option<(Claim, usize)> {
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
    let j = i + number.chars().count();
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
    // A year (`2021年`) is not a claim; digits glued to a letter (`GDP`) neither.
    let value = Amount::parse(&number).ok()?;
    let end = k + unit.chars().count();
    let clause_start = (0..i)
        .rev()
        .find(|p| chars.get(*p).is_some_and(|c| "，。；：、,;".contains(*c)))
        .map_or(0, |p| p + 1);
    let clause: String = chars.get(clause_start..i)?.iter().collect();
    let sentence_start = (0..i)
        .rev()
        .find(|p| chars.get(*p).is_some_and(|c| "。；".contains(*c)))
        .map_or(0, |p| p + 1);
    let sentence: String = chars.get(sentence_start..i)?.iter().collect();
    let sentence_end = (i..chars.len())
        .find(|p| chars.get(*p).is_some_and(|c| "。；".contains(*c)))
        .map_or(chars.len(), |p| p + 1);
    let whole_sentence: String = chars.get(sentence_start..sentence_end)?.iter().collect();
    let near: String = chars.get(i.saturating_sub(4)..i)?.iter().collect();
    let decrease = near.contains("减少") || near.contains("下降");
    let increase = near.contains("增加") || near.contains("增长");
    let before_text: String = chars.get(..i)?.iter().collect();
    let reason = before_text.contains("原因") || sentence.contains("由此");
    let kind = if *unit == "%" || *unit == "％" {
        ClaimKind::Percent
    } else if *unit == "个" {
        ClaimKind::Count
    } else if decrease || increase {
        ClaimKind::Change
    } else {
        ClaimKind::Amount
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
        if let Some(s) = subject_of(budget, part, &clause, &sentence) {
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
    // A change or percentage starts at its verb (`增加 5 万元`).
    let mut start = i;
    if kind != ClaimKind::Amount {
        while start > 0 && chars.get(start - 1) == Some(&' ') {
            start -= 1;
        }
        start = start.saturating_sub(2);
    }
    let text: String = chars.get(start..end)?.iter().collect();
    Some((
        Claim {
            part,
            line,
            paragraph,
            start,
            end,
            text,
            kind,
            value: signed,
            unit: (*unit).replace('％', "%"),
            decimals,
            subject: subject.clone(),
            reason,
            sentence: whole_sentence.trim().to_string(),
        },
        end,
    ))
}

/// The figure a clause speaks of, by its words.
fn subject_of(budget: &Budget, part: u8, clause: &str, sentence: &str) -> Option<String> {
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
        return budget
            .figures
            .projects
            .iter()
            .filter(|p| {
                clause.contains(&format!("{}预算", p.name))
                    || clause
                        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
                        .starts_with(p.name.as_str())
            })
            .max_by_key(|p| p.name.len())
            .map(|p| format!("project:{}", p.id));
    }
    None
}

/// The published figure (in a table where possible) for a subject key, and the prior year's.
struct Target {
    label: String,
    current: Option<Figure>,
    prior: Option<Amount>,
    change_row: Option<Figure>,
}

fn target(budget: &Budget, key: &str) -> Option<Target> {
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
        let col = crate::import::figures::column_names(t)
            .iter()
            .position(|c| c.contains(name))?;
        Some(Figure {
            amount: Amount::parse(t.rows.first()?.cells.get(col)?).ok()?,
            at: Location::Cell {
                table: "t3".into(),
                row: 0,
                col,
            },
        })
    };
    let plain = |label: &str, current: Option<Figure>| Target {
        label: label.to_string(),
        current,
        prior: None,
        change_row: None,
    };
    let sanggong = |pick: fn(&crate::model::SanggongRow) -> &Figure, label: &str| -> Target {
        let year = |y: u16| {
            f.sanggong
                .iter()
                .find(|r| r.label.replace(' ', "").starts_with(&y.to_string()))
        };
        let change = f.sanggong.iter().find(|r| r.label.contains("增减"));
        Target {
            label: format!("表8 {label}"),
            current: year(budget.year).map(|r| pick(r).clone()),
            prior: year(budget.prior_year).map(|r| pick(r).amount),
            change_row: change.map(|r| pick(r).clone()),
        }
    };
    Some(match key {
        "income:total" => plain("表1 本年收入合计", table_cell("t1", "本年收入合计", 1)),
        "total" => plain("表3 支出总计", t3("支出总计")),
        "project" => plain("表3 项目支出", t3("项目支出")),
        "procurement:total" => plain(
            "表3 政府采购小计",
            f.procurement.as_ref().and_then(|p| p.total.clone()),
        ),
        "sanggong:total" => sanggong(|r| &r.total, "“三公”经费总计"),
        "sanggong:abroad" => sanggong(|r| &r.abroad, "因公出国(境)费"),
        "sanggong:reception" => sanggong(|r| &r.reception, "公务接待费"),
        "sanggong:vehicles" => sanggong(|r| &r.vehicles, "公务用车购置及运行维护费"),
        "sanggong:purchase" => sanggong(|r| &r.vehicle_purchase, "公务用车购置费"),
        "sanggong:operation" => sanggong(|r| &r.vehicle_operation, "公务用车运行维护费"),
        k if k.starts_with("project:") => {
            let id = k.trim_start_matches("project:");
            let p = f.projects.iter().find(|p| p.id == id)?;
            plain(&format!("第七部分 项目“{}”", p.name), p.listed.clone())
        }
        _ => plain("", None),
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

/// Extracts and checks every claim.
pub fn check(budget: &Budget) -> Result<Vec<Checked>, Error> {
    let claims = extract(budget);
    let mut out = Vec::with_capacity(claims.len());
    for (i, claim) in claims.iter().enumerate() {
        let finding = verdict(budget, &claims, i, claim)?;
        out.push(Checked {
            claim: claim.clone(),
            finding,
        });
    }
    Ok(out)
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

fn verdict(
    budget: &Budget,
    claims: &[Claim],
    index: usize,
    claim: &Claim,
) -> Result<Finding, Error> {
    let at = Location::Text {
        part: claim.part,
        line: claim.line,
        text: claim.sentence.clone(),
        span: Some([claim.start, claim.end]),
    };
    let mut locations = vec![at];
    let step_half = Amount::from_decimal(budget.unit.step.decimal() / rust_decimal::Decimal::TWO);
    let shown = |c: &Claim| format!("{}{}", c.value.display(), c.unit);
    let finding = |status: Status,
                   message: String,
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
        message,
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
                    .map(|n| (Amount::from_int(n), "文中列举".to_string()))
            } else if subject == "project_count" {
                let n = i64::try_from(budget.figures.projects.len()).unwrap_or(0);
                Some((Amount::from_int(n), "第三部分列出的项目".to_string()))
            } else {
                None
            };
            let Some((n, what)) = expected else {
                return Ok(finding(
                    Status::Unverifiable,
                    format!("“{}”：文中没有可数的列举", claim.text),
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
                vec![value("所写", shown(claim)), value(&what, n.display())],
                claim.value.checked_sub(n).ok(),
                Some(Amount::ZERO),
                locations,
            ))
        }
        ClaimKind::Amount => {
            let Some((claimed, half)) = in_budget_unit(budget, claim) else {
                return Ok(finding(
                    Status::Unverifiable,
                    format!("“{}”：单位无法换算", claim.text),
                    vec![],
                    None,
                    None,
                    locations,
                ));
            };
            let t = target(budget, &subject);
            let Some(Target {
                label,
                current: Some(fig),
                ..
            }) = t
            else {
                let why = if claim.reason {
                    "原因说明中的数字，表格中没有对应数字"
                } else if subject.starts_with("economic:") {
                    "表4 基本支出总表未公开，无表可核（三项之和另行核对）"
                } else if subject.starts_with("procurement:") {
                    "表格只有政府采购合计，分项只在文字中出现（分项之和另行核对）"
                } else if subject.is_empty() {
                    "表格中没有对应的数字"
                } else {
                    "表格中没有这个数字（只在文字中出现）"
                };
                return Ok(finding(
                    Status::Unverifiable,
                    format!("“{}”：{why}", claim.text),
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
            if status != Status::Ok {
                message.push_str(&format!(
                    "，差 {}，舍入容差 ±{}",
                    difference.display(),
                    tolerance.display()
                ));
            }
            Ok(finding(
                status,
                message,
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
            let t = target(budget, &subject);
            let current = current_of(budget, claims, index, &subject);
            let Some((claimed, half)) = in_budget_unit(budget, claim) else {
                return Ok(finding(
                    Status::Unverifiable,
                    format!("“{}”：单位无法换算", claim.text),
                    vec![],
                    None,
                    None,
                    locations,
                ));
            };
            if let Some(Target {
                label,
                current: Some(now),
                prior: Some(prior),
                change_row,
                ..
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
                            return Ok(Finding {
                                rule: "claim.unit",
                                status: Status::Note,
                                message: format!(
                                    "{}“{}”：写作{}，与所写 {}% 不符；按{}计才相符，单位应为{}",
                                    subject_name(budget, &subject),
                                    claim.text,
                                    claim.unit,
                                    p.value.display(),
                                    budget.unit.name,
                                    budget.unit.name
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
                        format!(
                            "“{}”：上年数 = {} − ({}) = {}（由本年数和增减额推算；所写增减率 {}% 另行核对）",
                            claim.text,
                            now.display(),
                            claimed.display(),
                            prior.display(),
                            p.value.display(),
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
                    format!("“{}”：与上年持平（本年 {}）", claim.text, now.display()),
                    vec![],
                    None,
                    None,
                    locations,
                )),
                (Some(now), None) if new_project(budget, &subject) => {
                    let status = if claimed == now {
                        Status::Ok
                    } else {
                        Status::Mismatch
                    };
                    Ok(finding(
                        status,
                        format!(
                            "“{}”：新设项目，增加额应等于本年 {}",
                            claim.text,
                            now.display()
                        ),
                        vec![value("所写", shown(claim))],
                        claimed.checked_sub(now).ok(),
                        Some(Amount::ZERO),
                        locations,
                    ))
                }
                _ => {
                    let why = if claim.reason {
                        "原因说明中的数字，表格中没有对应数字"
                    } else {
                        "没有上年数可核对"
                    };
                    let mut message = format!("“{}”：{why}", claim.text);
                    if let Some(other) = other_change(budget, claims, claim) {
                        message.push_str(&format!("；同段所写增减额为 {}", other));
                    }
                    Ok(finding(
                        Status::Unverifiable,
                        message,
                        vec![value("所写", shown(claim))],
                        None,
                        None,
                        locations,
                    ))
                }
            }
        }
        ClaimKind::Percent => {
            let t = target(budget, &subject);
            if let Some(Target {
                current: Some(now),
                prior: Some(prior),
                label,
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
                    percent_message(claim, label, now.amount, change, &v),
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
                        && c.paragraph == claim.paragraph
                        && c.part == claim.part
                });
            let current = current_of(budget, claims, index, &subject);
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
                            format!("“{}”：增减额单位无法换算", claim.text),
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
                        percent_message(claim, "", now, change_value, &v),
                        vec![value("所写", shown(claim))],
                        None,
                        None,
                        locations,
                    ))
                }
                _ => Ok(finding(
                    Status::Unverifiable,
                    format!("“{}”：找不到本年数或增减额", claim.text),
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
    label: &str,
    now: Amount,
    change: Amount,
    v: &crate::reconcile::interval::PercentVerdict,
) -> String {
    let computed = v
        .computed
        .map(|c| format!("{}%", Amount::from_decimal(c.round_dp(2)).display()))
        .unwrap_or_else(|| "无法计算".into());
    let prior = now
        .checked_sub(change)
        .map(|p| p.display())
        .unwrap_or_default();
    let relation = match v.status {
        Status::Ok => "相符".to_string(),
        Status::Rounding => "仅在尾数误差范围内相符".to_string(),
        Status::Mismatch => {
            let range = v
                .range
                .map(|r: Interval| {
                    format!(
                        "（可能范围 {}% 至 {}%）",
                        Amount::from_decimal(r.lo.round_dp(2)).display(),
                        Amount::from_decimal(r.hi.round_dp(2)).display()
                    )
                })
                .unwrap_or_default();
            format!("不符{range}")
        }
        _ => "无法核对".to_string(),
    };
    format!(
        "“{}”：{label}{} ÷ {prior} = {computed}，{relation}",
        claim.text,
        change.display()
    )
}

/// The current value a change or percentage is measured from: the subject's table figure, or
/// the amount claimed for it earlier in the paragraph.
fn current_of(budget: &Budget, claims: &[Claim], index: usize, subject: &str) -> Option<Amount> {
    let before = claims.get(..index)?;
    let claimed = before
        .iter()
        .rev()
        .find(|c| c.kind == ClaimKind::Amount && c.subject.as_deref() == Some(subject))
        .and_then(|c| in_budget_unit(budget, c).map(|(v, _)| v));
    if claimed.is_some() {
        return claimed;
    }
    if let Some(id) = subject.strip_prefix("project:") {
        return budget
            .figures
            .projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.amount.amount);
    }
    match subject {
        "operating_funds" => budget
            .figures
            .operating_funds
            .as_ref()
            .map(|o| o.value.amount),
        _ => target(budget, subject)
            .and_then(|t| t.current)
            .map(|f| f.amount),
    }
}

/// `项目“扶贫支出”` for a project subject, empty otherwise.
fn subject_name(budget: &Budget, subject: &str) -> String {
    subject
        .strip_prefix("project:")
        .and_then(|id| budget.figures.projects.iter().find(|p| p.id == id))
        .map(|p| format!("项目“{}”", p.name))
        .unwrap_or_default()
}

fn new_project(budget: &Budget, subject: &str) -> bool {
    subject
        .strip_prefix("project:")
        .and_then(|id| budget.figures.projects.iter().find(|p| p.id == id))
        .and_then(|p| p.change.as_ref())
        .is_some_and(|c| c.new)
}

/// Another change stated in the same paragraph (for a reader comparing a reason's number).
fn other_change(budget: &Budget, claims: &[Claim], claim: &Claim) -> Option<String> {
    let other = claims.iter().find(|c| {
        c.kind == ClaimKind::Change
            && c.part == claim.part
            && c.paragraph == claim.paragraph
            && c.start != claim.start
            && !c.reason
    })?;
    let (v, _) = in_budget_unit(budget, other)?;
    Some(format!("{} {}", v.display(), budget.unit.name))
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
