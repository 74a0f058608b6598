//! A cut or rise applied to many lines at once: `-5%`, `+3%` or `-100` (in the budget's unit)
//! over every spending line a figure adds up (a 类, a 款, all projects, the total), each line
//! rounded to the publication's step and the rounding remainder placed, visibly, on the
//! largest line, so that the figure itself moves by exactly the rounded change. One undoable
//! step, saved and shared as the edits it makes.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::{Changed, Scenario};
use crate::amount::Amount;
use crate::error::{Error, Message};

/// What a cut or rise did.
#[derive(Clone, Debug, Serialize)]
pub struct Scaled {
    /// Every figure that changed.
    pub changed: Vec<Changed>,
    /// How many lines it moved.
    pub lines: usize,
    /// What it did, the rounding and where the remainder went, in Chinese.
    pub message: String,
    /// The same in English.
    #[serde(rename = "messageEn")]
    pub message_en: String,
}

/// `-5%`, `+5%`, `5%` (a share) or `-100`, `100万元` (an amount in the budget's unit).
enum Change {
    Percent(Decimal),
    Amount(Decimal),
}

fn parse_change(input: &str) -> Result<Change, Error> {
    let t = input.trim().replace(['＋'], "+").replace(['－', '−'], "-");
    let refuse = || Error::Scenario {
        message: Message::new(
            format!(
                "“{}”不是调整幅度：应写成 -5%、+3% 或 -100（万元）",
                input.trim()
            ),
            format!(
                "“{}” is not a change: write it as -5%, +3% or -100 (in the budget's unit)",
                input.trim()
            ),
        ),
    };
    if let Some(p) = t.strip_suffix(['%', '％']) {
        let p: Decimal = p
            .trim()
            .trim_start_matches('+')
            .parse()
            .map_err(|_| refuse())?;
        return Ok(Change::Percent(p));
    }
    let number = t
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .trim()
        .trim_start_matches('+')
        .replace(',', "");
    let a: Decimal = number.parse().map_err(|_| refuse())?;
    Ok(Change::Amount(a))
}

impl Scenario {
    /// Applies `change` (`-5%`, `+3%`, `-100`) to every spending line that figure `target`
    /// adds up, as one step; refused, with nothing changed, when the figure adds up no line
    /// or a line would go below 0.
    pub fn scale(&mut self, target: &str, change: &str) -> Result<Scaled, Error> {
        let change = parse_change(change)?;
        let nodes = self.graph.nodes();
        let start = nodes
            .iter()
            .position(|n| n.key == target)
            .ok_or_else(|| Error::Scenario {
                message: Message::new(
                    format!("没有“{target}”这一项"),
                    format!("there is no figure “{target}”"),
                ),
            })?;
        let label = nodes
            .get(start)
            .map(|n| n.label.clone())
            .unwrap_or_default();
        // The spending lines the figure adds (with a plus sign all the way down) that the total
        // adds too: a line the total does not add (表7's 基本支出 by function, where the total
        // takes 基本支出 from the economic classes) is left as it is, and said.
        let adds = |from: usize| -> Vec<usize> {
            let mut seen = vec![false; nodes.len()];
            let mut stack = vec![from];
            let mut out = Vec::new();
            while let Some(i) = stack.pop() {
                let Some(n) = nodes.get(i) else { continue };
                if seen.get(i).copied().unwrap_or(true) {
                    continue;
                }
                if let Some(s) = seen.get_mut(i) {
                    *s = true;
                }
                if n.kind.is_leaf() {
                    if self.graph.is_spending(&n.key) {
                        out.push(i);
                    }
                    continue;
                }
                stack.extend(n.children.iter().filter(|(_, s)| *s > 0).map(|(c, _)| *c));
            }
            out
        };
        let all = adds(start);
        let in_total = nodes.iter().position(|n| n.key == "total").map(adds);
        let mut lines: Vec<usize> = all
            .iter()
            .copied()
            .filter(|i| in_total.as_ref().is_none_or(|t| t.contains(i)))
            .collect();
        let left_out = all.len() - lines.len();
        lines.sort_unstable();
        let values: Vec<(usize, Decimal)> = lines
            .iter()
            .filter_map(|i| nodes.get(*i).map(|n| (*i, n.value.decimal())))
            .collect();
        if values.is_empty() {
            return Err(Error::Scenario {
                message: Message::new(
                    format!("“{label}”下没有可以调整的支出行"),
                    format!("“{label}” adds up no spending line that can be changed"),
                ),
            });
        }
        // The publication's step: the most decimals its lines print.
        let decimals = values
            .iter()
            .map(|(i, _)| {
                nodes
                    .get(*i)
                    .map_or(0, |n| n.baseline.decimal().normalize().scale())
            })
            .max()
            .unwrap_or(0)
            .min(6);
        let round =
            |d: Decimal| d.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        let overflow = || Error::Scenario {
            message: Message::fixed("调整幅度过大", "the change is too large"),
        };
        let sum = values
            .iter()
            .try_fold(Decimal::ZERO, |a, (_, v)| a.checked_add(*v))
            .ok_or_else(overflow)?;
        let (target_new, mut new): (Decimal, Vec<Decimal>) = match change {
            Change::Percent(p) => {
                let factor = Decimal::ONE
                    .checked_add(p.checked_div(Decimal::ONE_HUNDRED).ok_or_else(overflow)?)
                    .ok_or_else(overflow)?;
                let each = values
                    .iter()
                    .map(|(_, v)| v.checked_mul(factor).map(round).ok_or_else(overflow))
                    .collect::<Result<Vec<_>, _>>()?;
                (round(sum.checked_mul(factor).ok_or_else(overflow)?), each)
            }
            Change::Amount(a) => {
                let a = round(a);
                let each = values
                    .iter()
                    .map(|(_, v)| {
                        if sum.is_zero() {
                            return Ok(*v);
                        }
                        a.checked_mul(*v)
                            .and_then(|x| x.checked_div(sum))
                            .and_then(|x| v.checked_add(x))
                            .map(round)
                            .ok_or_else(overflow)
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                (sum.checked_add(a).ok_or_else(overflow)?, each)
            }
        };
        let rounded = new
            .iter()
            .try_fold(Decimal::ZERO, |a, v| a.checked_add(*v))
            .ok_or_else(overflow)?;
        let remainder = target_new.checked_sub(rounded).ok_or_else(overflow)?;
        // The remainder goes to the largest line (the first of equals).
        let largest = (0..new.len())
            .max_by(|a, b| {
                let va = new.get(*a).copied().unwrap_or_default();
                let vb = new.get(*b).copied().unwrap_or_default();
                va.cmp(&vb).then(b.cmp(a))
            })
            .unwrap_or(0);
        if let Some(v) = new.get_mut(largest) {
            *v = v.checked_add(remainder).ok_or_else(overflow)?;
        }
        let largest_label = values
            .get(largest)
            .and_then(|(i, _)| nodes.get(*i))
            .map(|n| n.label.clone())
            .unwrap_or_default();
        if let Some(((i, _), v)) = values
            .iter()
            .zip(&new)
            .find(|(_, v)| v.is_sign_negative() && !v.is_zero())
        {
            let name = nodes.get(*i).map(|n| n.label.clone()).unwrap_or_default();
            return Err(Error::Scenario {
                message: Message::new(
                    format!(
                        "“{name}”调整后为 {}，支出不能为负数；没有做任何修改",
                        Amount::from_decimal(*v).display()
                    ),
                    format!(
                        "“{name}” would be {}: spending cannot be negative; nothing was changed",
                        Amount::from_decimal(*v).display()
                    ),
                ),
            });
        }
        let mut edits = BTreeMap::new();
        for ((i, v), to) in values.iter().zip(&new) {
            if v != to {
                if let Some(n) = nodes.get(*i) {
                    edits.insert(n.key.clone(), Amount::from_decimal(*to));
                }
            }
        }
        let moved = edits.len();
        let changed = self.apply_edits(&edits)?;
        let delta = Amount::from_decimal(target_new.checked_sub(sum).ok_or_else(overflow)?);
        let signed = |a: Amount| {
            let s = a.display();
            if a.is_negative() || a.is_zero() {
                s
            } else {
                format!("+{s}")
            }
        };
        let step = if decimals == 0 {
            "1".to_string()
        } else {
            format!("0.{}1", "0".repeat(decimals as usize - 1))
        };
        let rest = Amount::from_decimal(remainder);
        let (rest_zh, rest_en) = if rest.is_zero() {
            (
                "没有取整余数".to_string(),
                "no rounding remainder".to_string(),
            )
        } else {
            (
                format!("取整余数 {} 计入“{largest_label}”", signed(rest)),
                format!(
                    "the rounding remainder {} goes to “{largest_label}”",
                    signed(rest)
                ),
            )
        };
        Ok(Scaled {
            changed,
            lines: moved,
            message: format!(
                "“{label}”下 {} 行调整，合计 {}（各行按 {step} 取整，{rest_zh}）。{}",
                values.len(),
                signed(delta),
                if left_out > 0 {
                    format!("另有 {left_out} 行基本支出按经济分类编列，未随之调整。")
                } else {
                    String::new()
                }
            ),
            message_en: format!(
                "{} lines under “{label}” changed by {} in all (each rounded to {step}; {rest_en}).{}",
                values.len(),
                signed(delta),
                if left_out > 0 {
                    format!(" {left_out} basic-expenditure lines, which the total takes from the economic classes, were left as they are.")
                } else {
                    String::new()
                }
            ),
        })
    }
}
