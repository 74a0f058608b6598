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

use std::collections::BTreeSet;

use crate::amount::Amount;
use crate::model::{Figures, Level};

/// At most this many projects are searched for a subset (2^n sums).
const MAX_SUBSET_SEARCH: usize = 20;

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
    // A code whose amount equals exactly one open project's amount.
    codes.retain(|(code, _, amount)| {
        let matches: Vec<usize> = open
            .iter()
            .copied()
            .filter(|i| amount_of(figures, *i) == *amount)
            .collect();
        if let [only] = matches.as_slice() {
            assign(figures, *only, code);
            open.retain(|i| i != only);
            false
        } else {
            true
        }
    });
    codes.sort_by_key(|c| c.2);
    while let Some((code, name, amount)) = codes.first().cloned() {
        codes.remove(0);
        if codes.is_empty() {
            for i in open.drain(..) {
                assign(figures, i, &code);
            }
            break;
        }
        if open.len() > MAX_SUBSET_SEARCH {
            break;
        }
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
        let Ok(verdict) = crate::reconcile::interval::check_sum(
            target,
            &amounts.iter().map(|a| (1, *a)).collect::<Vec<_>>(),
            step,
        ) else {
            continue;
        };
        if verdict.status == crate::reconcile::interval::Status::Mismatch {
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
    let names: Vec<String> = figures
        .projects
        .iter()
        .map(|p| significant(&p.name))
        .collect();
    let linked = |figures: &Figures, id: &str| {
        figures
            .tasks
            .iter()
            .any(|t| t.project.as_deref() == Some(id))
    };
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
                        2 => {
                            let mut a: Vec<char> = name.chars().collect();
                            let mut b: Vec<char> = task_name.chars().collect();
                            a.sort_unstable();
                            b.sort_unstable();
                            a == b
                        }
                        _ => !linked(figures, &project.id) && project.amount.amount == task_amount,
                    }
                })
                .collect();
            if let [only] = candidates.as_slice() {
                link(figures, t, *only);
            }
        }
    }
    // Last: a task left over goes to the project its linked tasks fall short of.
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
                let mut parts: Vec<(i8, Amount)> = figures
                    .tasks
                    .iter()
                    .filter(|x| x.project.as_deref() == Some(project.id.as_str()))
                    .map(|x| (1, x.total.amount))
                    .collect();
                if parts.is_empty() {
                    return false;
                }
                parts.push((1, task_amount));
                crate::reconcile::interval::check_sum(project.amount.amount, &parts, step)
                    .is_ok_and(|v| v.status != crate::reconcile::interval::Status::Mismatch)
            })
            .collect();
        if let [only] = fits.as_slice() {
            link(figures, t, *only);
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
