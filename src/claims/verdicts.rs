//! The verdict on each claim: the claim against its target by the rounding rule, and the
//! messages (in Chinese and English) that say so.

use std::collections::HashMap;

use crate::amount::Amount;
use crate::english;
use crate::error::{Error, Message};
use crate::finding::{Finding, Value};
use crate::model::{Budget, Location};
use crate::rounding::{check_percent, Interval, Status};

use super::subjects::Projects;
use super::targets::{target, Target};
use super::{Claim, ClaimKind};

/// What the verdicts look up, indexed once per check.
pub(super) struct Ctx<'a> {
    pub(super) budget: &'a Budget,
    pub(super) projects: Projects<'a>,
    /// The target of each subject key, computed on first use.
    pub(super) targets: HashMap<String, Option<Target>>,
    /// Per (part, paragraph): the first two changes outside a reason clause with distinct
    /// starts (what [`other_change`] picks from).
    pub(super) changes: HashMap<(u8, usize), Vec<usize>>,
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

fn text_location(claim: &Claim) -> Location {
    Location::Text {
        part: claim.part,
        line: claim.line,
        text: claim.sentence.clone(),
        span: Some([claim.start, claim.end]),
    }
}

/// The finding for a number the checks cannot compute with.
pub(super) fn beyond_range(claim: &Claim) -> Finding {
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
pub(super) fn verdict(
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
                if let Some((change, stated, change_half, name)) =
                    reason_explains(ctx, claims, claim)
                {
                    // The one amount of a project's reason against the one change the
                    // paragraph states for it: `增加 15,500 万元 … 由此增加了财政专项资金 1.73
                    // 亿元` says the same increase twice, at the reason's precision.
                    locations.push(text_location(change));
                    let difference = claimed.checked_sub(stated)?;
                    let tolerance = half.checked_add(change_half)?;
                    let agrees = difference.abs() <= tolerance;
                    let unit = &budget.unit.name;
                    // A reason may explain only part of a change (one item up, another down):
                    // a different amount is a note with both figures, never a mismatch.
                    let (relation, relation_en) = if agrees {
                        ("相符".to_string(), "which agrees".to_string())
                    } else {
                        (
                            format!(
                                "不同（差 {} {unit}；原因可能只说明增减的一部分，请核实）",
                                difference.display()
                            ),
                            format!(
                                "which differs (by {}; a reason may explain only part of a change: please verify)",
                                english::amount(&difference.display(), unit)
                            ),
                        )
                    };
                    return Ok(finding(
                        if agrees {
                            Status::Ok
                        } else {
                            Status::Note
                        },
                        Message::new(
                            format!(
                                "“{}”：原因说明的数额（{} {unit}）与同段所写项目“{name}”的{}额“{}”（{} {unit}）{relation}",
                                claim.text,
                                claimed.display(),
                                if change.value.is_negative() { "减少" } else { "增加" },
                                change.text,
                                stated.display(),
                            ),
                            format!(
                                "“{}”: the amount of the reason ({}) against the change the same paragraph states for project “{name}”, “{}” ({}), {relation_en}",
                                claim.text,
                                english::amount(&claimed.display(), unit),
                                change.text,
                                english::amount(&stated.display(), unit),
                            ),
                        ),
                        vec![
                            value("原因所写", shown(claim)),
                            value("同段增减额", shown(change)),
                        ],
                        Some(difference),
                        Some(tolerance),
                        locations,
                    ));
                }
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

/// The change a reason's amount restates, when that is beyond doubt: the claim is the only
/// amount in the reason clauses of a project's paragraph, the paragraph states exactly one
/// change for that project, and the reason says the same direction (`增加`/`新增` for an
/// increase, `减少`/`下降` for a decrease). Returns the change, its size and half-unit in the budget's unit, and
/// the project's name.
fn reason_explains<'c>(
    ctx: &Ctx<'_>,
    claims: &'c [Claim],
    claim: &Claim,
) -> Option<(&'c Claim, Amount, Amount, String)> {
    if !claim.reason || claim.kind != ClaimKind::Amount {
        return None;
    }
    let same_paragraph = |c: &&Claim| c.part == claim.part && c.paragraph == claim.paragraph;
    let reasons = claims
        .iter()
        .filter(same_paragraph)
        .filter(|c| c.reason && c.kind == ClaimKind::Amount)
        .count();
    let changes: Vec<&Claim> = claims
        .iter()
        .filter(same_paragraph)
        .filter(|c| c.kind == ClaimKind::Change && !c.reason && c.unreadable.is_none())
        .collect();
    let ([change], 1) = (changes.as_slice(), reasons) else {
        return None;
    };
    let project = ctx.projects.of_subject(
        change
            .subject
            .as_deref()
            .filter(|s| s.starts_with("project:"))?,
    )?;
    let words: &[&str] = if change.value.is_negative() {
        &["减少", "下降"]
    } else {
        &["增加", "新增"]
    };
    let at = claim
        .sentence
        .find(&claim.text)
        .unwrap_or(claim.sentence.len());
    let before = claim.sentence.get(..at)?;
    if !words.iter().any(|w| before.contains(w)) {
        return None;
    }
    let (stated, half) = in_budget_unit(ctx.budget, change)?;
    Some((change, stated.abs(), half, project.name.clone()))
}

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
