//! Links the publication leaves implicit, inferred and marked as such:
//!
//! - **project → functional 项 code.** 表7 gives only the project total per code. A code whose
//!   project total equals one project's amount, and only that one, takes it; a single code left
//!   takes every project left; otherwise the smallest code takes the subset of the remaining
//!   projects whose sum rounding can explain, preferring names that share characters with the
//!   code's name, then the closest sum, then the fewest projects.
//! - **表11 task → project.** Same name (ignoring `（通用项目）`, `经费`, `资金`, `项目`), one name
//!   containing the other, the same characters, a unique equal amount, and last the project
//!   whose linked tasks fall short of its amount by the task's amount (within rounding).

use std::collections::{BTreeMap, BTreeSet};

use crate::amount::Amount;
use crate::model::{Figures, Level};

/// At most this many projects are searched for a subset (2^n sums).
const MAX_SUBSET_SEARCH: usize = 20;

/// At most this many subsets are tried over the whole inference (about 70 ms natively): a file
/// with many 项 codes and 19 or 20 open projects made every code search 2^20 subsets, seconds
/// per code. Past it the projects left keep no inferred code, as past [`MAX_SUBSET_SEARCH`].
const MAX_SUBSET_WORK: u64 = 1 << 17;

/// Task → project links are inferred only up to this many (task, project) pairs (real budgets
/// have a few hundred; a file with 2,000 of each took 6 s, growing with the cube).
const MAX_TASK_PAIRS: usize = 1 << 18;

/// Fills in `Project::code` and `Task::project`, marking each as inferred.
pub fn infer(figures: &mut Figures, step: Amount) {
    infer_codes(figures, step);
    infer_tasks(figures, step);
}

fn infer_codes(figures: &mut Figures, step: Amount) {
    let mut codes: Vec<(String, String, Amount)> = figures
        .functions
        .iter()
        .filter(|f| f.level() == Level::Item && !f.project.amount.is_zero())
        .map(|f| (f.code.clone(), f.name.clone(), f.project.amount))
        .collect();
    let mut open: Vec<usize> = (0..figures.projects.len()).collect();
    let amount_of = |figures: &Figures, i: usize| {
        figures
            .projects
            .get(i)
            .map_or(Amount::ZERO, |p| p.amount.amount)
    };
    // A code whose amount equals exactly one open project's amount. (Looked up by amount, not
    // by scanning: a file with 10⁵ codes and 10⁵ projects made that 10¹⁰ comparisons.)
    let mut by_amount: BTreeMap<Amount, Vec<usize>> = BTreeMap::new();
    for i in &open {
        by_amount
            .entry(amount_of(figures, *i))
            .or_default()
            .push(*i);
    }
    let mut taken = BTreeSet::new();
    codes.retain(|(code, _, amount)| {
        let Some(&[only]) = by_amount.get(amount).map(Vec::as_slice) else {
            return true;
        };
        assign(figures, only, code);
        by_amount.remove(amount);
        taken.insert(only);
        false
    });
    open.retain(|i| !taken.contains(i));
    codes.sort_by_key(|c| c.2);
    let mut work = MAX_SUBSET_WORK;
    let count = codes.len();
    for (k, (code, name, amount)) in codes.into_iter().enumerate() {
        if k + 1 == count {
            for i in open.drain(..) {
                assign(figures, i, &code);
            }
            break;
        }
        let cost = 1u64 << open.len().min(63);
        if open.is_empty() || open.len() > MAX_SUBSET_SEARCH || cost > work {
            break;
        }
        work -= cost;
        let Some(chosen) = best_subset(figures, &open, &name, amount, step) else {
            continue;
        };
        for i in &chosen {
            assign(figures, *i, &code);
        }
        open.retain(|i| !chosen.contains(i));
    }
}

fn assign(figures: &mut Figures, project: usize, code: &str) {
    if let Some(p) = figures.projects.get_mut(project) {
        p.code = Some(code.to_string());
        p.code_inferred = true;
    }
}

/// The subset of `open` projects whose sum matches `target` within rounding, best first by
/// shared name characters, closeness, size.
fn best_subset(
    figures: &Figures,
    open: &[usize],
    code_name: &str,
    target: Amount,
    step: Amount,
) -> Option<Vec<usize>> {
    let code_chars: BTreeSet<char> = significant(code_name).chars().collect();
    let mut best: Option<((usize, Amount, usize), Vec<usize>)> = None;
    let n = open.len();
    for mask in 1u32..(1u32 << n) {
        let chosen: Vec<usize> = (0..n)
            .filter(|b| mask & (1 << b) != 0)
            .filter_map(|b| open.get(b).copied())
            .collect();
        let amounts: Vec<Amount> = chosen
            .iter()
            .filter_map(|i| figures.projects.get(*i).map(|p| p.amount.amount))
            .collect();
        let Ok(sum) = Amount::checked_sum(&amounts) else {
            continue;
        };
        let Ok(verdict) = crate::rounding::check_sum(
            target,
            &amounts.iter().map(|a| (1, *a)).collect::<Vec<_>>(),
            step,
        ) else {
            continue;
        };
        if verdict.status == crate::rounding::Status::Mismatch {
            continue;
        }
        let shared: usize = chosen
            .iter()
            .filter_map(|i| figures.projects.get(*i))
            .map(|p| {
                significant(&p.name)
                    .chars()
                    .collect::<BTreeSet<char>>()
                    .intersection(&code_chars)
                    .count()
            })
            .sum();
        let distance = target.checked_sub(sum).map_or(target, Amount::abs);
        let key = (usize::MAX - shared, distance, chosen.len());
        if best.as_ref().is_none_or(|(k, _)| key < *k) {
            best = Some((key, chosen));
        }
    }
    best.map(|(_, chosen)| chosen)
}

/// A name without the words every project name shares.
fn significant(name: &str) -> String {
    let mut s = name.replace("（通用项目）", "").replace("(通用项目)", "");
    for filler in ["经费", "资金", "项目", "预算", "支出"] {
        s = s.replace(filler, "");
    }
    s
}

fn infer_tasks(figures: &mut Figures, step: Amount) {
    if figures.tasks.len().saturating_mul(figures.projects.len()) > MAX_TASK_PAIRS {
        return;
    }
    let names: Vec<String> = figures
        .projects
        .iter()
        .map(|p| significant(&p.name))
        .collect();
    let sorted = |name: &str| {
        let mut chars: Vec<char> = name.chars().collect();
        chars.sort_unstable();
        chars
    };
    let sorted_names: Vec<Vec<char>> = names.iter().map(|n| sorted(n)).collect();
    // The projects some task is linked to, kept up to date as links are made.
    let mut linked: BTreeSet<String> = figures
        .tasks
        .iter()
        .filter_map(|t| t.project.clone())
        .collect();
    // Passes from the surest to the loosest.
    for pass in 0..4 {
        for t in 0..figures.tasks.len() {
            let Some(task) = figures.tasks.get(t) else {
                continue;
            };
            if task.basic || task.project.is_some() {
                continue;
            }
            let task_name = significant(&task.name);
            let task_sorted = if pass == 2 {
                sorted(&task_name)
            } else {
                Vec::new()
            };
            let task_amount = task.total.amount;
            let candidates: Vec<usize> = (0..figures.projects.len())
                .filter(|p| {
                    let Some(project) = figures.projects.get(*p) else {
                        return false;
                    };
                    let Some(name) = names.get(*p) else {
                        return false;
                    };
                    match pass {
                        0 => *name == task_name,
                        1 => name.contains(&task_name) || task_name.contains(name.as_str()),
                        2 => sorted_names.get(*p) == Some(&task_sorted),
                        _ => project.amount.amount == task_amount && !linked.contains(&project.id),
                    }
                })
                .collect();
            if let [only] = candidates.as_slice() {
                link(figures, t, *only);
                if let Some(p) = figures.projects.get(*only) {
                    linked.insert(p.id.clone());
                }
            }
        }
    }
    // Last: a task left over goes to the project its linked tasks fall short of.
    let mut parts_of: BTreeMap<String, Vec<(i8, Amount)>> = BTreeMap::new();
    for task in &figures.tasks {
        if let Some(id) = &task.project {
            parts_of
                .entry(id.clone())
                .or_default()
                .push((1, task.total.amount));
        }
    }
    for t in 0..figures.tasks.len() {
        let Some(task) = figures.tasks.get(t) else {
            continue;
        };
        if task.basic || task.project.is_some() {
            continue;
        }
        let task_amount = task.total.amount;
        let fits: Vec<usize> = (0..figures.projects.len())
            .filter(|p| {
                let Some(project) = figures.projects.get(*p) else {
                    return false;
                };
                let Some(linked) = parts_of.get(&project.id) else {
                    return false;
                };
                let mut parts = linked.clone();
                parts.push((1, task_amount));
                crate::rounding::check_sum(project.amount.amount, &parts, step)
                    .is_ok_and(|v| v.status != crate::rounding::Status::Mismatch)
            })
            .collect();
        if let [only] = fits.as_slice() {
            link(figures, t, *only);
            if let Some(p) = figures.projects.get(*only) {
                parts_of
                    .entry(p.id.clone())
                    .or_default()
                    .push((1, task_amount));
            }
        }
    }
}

/// Links a task to a project; the link counts as inferred unless the names are the same.
fn link(figures: &mut Figures, task: usize, project: usize) {
    let Some((id, name)) = figures
        .projects
        .get(project)
        .map(|p| (p.id.clone(), p.name.clone()))
    else {
        return;
    };
    if let Some(t) = figures.tasks.get_mut(task) {
        t.link_inferred = t.name != name;
        t.project = Some(id);
    }
}
