//! The what-if graph of a budget read by role: each classified line of the functional table is
//! a figure, its deepest lines are the amounts an officer decides, and every 款, 类 and the
//! total follow; every table that prints the same line (another classified table of the same
//! total, a summary's class and totals) follows too.

use std::collections::BTreeMap;

use super::{Graph, Kind};
use crate::catalogue;
use crate::error::Error;
use crate::model::{Budget, Figure, LineKind, Location, Placed, TableFigures, TableLine};

/// Functional tables, most specific first: the first with classified lines leads.
const LEADS: &[&str] = &[
    "general-function",
    "appropriation-function",
    "expenditure",
    "income",
];

fn figure(f: &TableFigures, line: &TableLine, placed: &Placed) -> Figure {
    Figure {
        amount: placed.value,
        at: Location::Cell {
            table: f.table.clone(),
            row: line.row,
            col: placed.col,
        },
    }
}

impl Graph {
    pub(super) fn build_genre(budget: &Budget) -> Result<Graph, Error> {
        let mut g = Graph::empty(budget);
        let tables = &budget.figures.tables;
        let lead = LEADS.iter().find_map(|role| {
            tables.iter().find(|f| {
                f.role.as_deref() == Some(*role)
                    && f.lines
                        .iter()
                        .any(|l| l.code.is_some() && f.amount_in(l, "total").is_some())
            })
        });
        let Some(lead) = lead else {
            return Ok(g);
        };
        // Lines with a code and a total, deepest first so children exist before parents.
        let mut coded: Vec<(&TableLine, &Placed)> = lead
            .lines
            .iter()
            .filter(|l| l.code.is_some())
            .filter_map(|l| lead.amount_in(l, "total").map(|p| (l, p)))
            .collect();
        coded.sort_by_key(|(l, _)| std::cmp::Reverse(l.code.as_ref().map_or(0, String::len)));
        let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
        for (line, placed) in &coded {
            let Some(code) = line.code.clone() else {
                continue;
            };
            let children: Vec<usize> = by_code
                .iter()
                .filter(|(k, _)| k.len() == code.len() + 2 && k.starts_with(code.as_str()))
                .map(|(_, i)| *i)
                .collect();
            let label = format!("{code} {}", line.label);
            let key = format!("fn:{code}:total");
            let fig = figure(lead, line, placed);
            let node = if children.is_empty() {
                let i = g.add(key, label, Kind::Function, placed.value);
                g.locate(i, fig.at.clone());
                i
            } else {
                g.sum(key, label, Some(&fig), &children)?
            };
            by_code.insert(code, node);
        }
        let Some(top) = by_code.keys().map(String::len).min() else {
            return Ok(g);
        };
        let classes: Vec<usize> = by_code
            .iter()
            .filter(|(k, _)| k.len() == top)
            .map(|(_, i)| *i)
            .collect();
        // The total row; or, with none, the one uncoded row above the classes (the 预算单位
        // row that totals a table by unit).
        let first_coded = lead
            .lines
            .iter()
            .position(|l| l.code.is_some())
            .unwrap_or(0);
        let total_line = lead
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Total && l.code.is_none())
            .or_else(|| {
                let mut above = lead
                    .lines
                    .iter()
                    .take(first_coded)
                    .filter(|l| l.code.is_none() && !l.amounts.is_empty());
                match (above.next(), above.next()) {
                    (Some(only), None) => Some(only),
                    _ => None,
                }
            });
        let total_fig =
            total_line.and_then(|l| lead.amount_in(l, "total").map(|p| figure(lead, l, p)));
        let total = g.sum(
            "total".into(),
            "支出合计".into(),
            total_fig.as_ref(),
            &classes,
        )?;
        g.total = Some(total);
        g.classes = classes;
        g.locate_elsewhere(budget, lead, &by_code, total);
        g.fill_printed(budget);
        g.fill_cells();
        Ok(g)
    }

    /// The same lines printed by other tables: a classified table of the same total and unit
    /// (same code), a summary of the same expenditure total (its class items by name, its
    /// expenditure subtotal and total).
    fn locate_elsewhere(
        &mut self,
        budget: &Budget,
        lead: &TableFigures,
        by_code: &BTreeMap<String, usize>,
        total: usize,
    ) {
        let Some(total_amount) = self.nodes.get(total).map(|n| n.baseline) else {
            return;
        };
        let names: BTreeMap<String, usize> = lead
            .lines
            .iter()
            .filter_map(|l| {
                let code = l.code.as_ref()?;
                let node = by_code.get(code)?;
                (code.len() == 3).then(|| (compact(&l.label), *node))
            })
            .collect();
        for f in &budget.figures.tables {
            if f.table == lead.table || f.unit != lead.unit {
                continue;
            }
            let two_sided = f
                .role
                .as_deref()
                .and_then(catalogue::role)
                .is_some_and(|r| r.shape == catalogue::Shape::TwoSided);
            if two_sided {
                let spending_total = f
                    .lines
                    .iter()
                    .filter(|l| l.on_side(false))
                    .filter(|l| matches!(l.kind, LineKind::Total | LineKind::Subtotal))
                    .filter_map(|l| l.amounts.first().map(|p| (l, p)))
                    .collect::<Vec<_>>();
                if !spending_total.iter().any(|(_, p)| p.value == total_amount) {
                    continue;
                }
                for (l, p) in spending_total {
                    if p.value == total_amount {
                        self.locate(total, figure(f, l, p).at);
                    }
                }
                for l in f
                    .lines
                    .iter()
                    .filter(|l| l.side > 0 && l.kind == LineKind::Item)
                {
                    let name = compact(&catalogue::strip_item_numbering(&l.label));
                    if let (Some(node), Some(p)) = (names.get(&name), l.amounts.first()) {
                        self.locate(*node, figure(f, l, p).at);
                    }
                }
                continue;
            }
            let same_total = f
                .lines
                .iter()
                .find(|l| l.kind == LineKind::Total && l.code.is_none())
                .and_then(|l| f.amount_in(l, "total").map(|p| (l, p)));
            let Some((tl, tp)) = same_total else {
                continue;
            };
            if tp.value != total_amount {
                continue;
            }
            self.locate(total, figure(f, tl, tp).at);
            for l in &f.lines {
                let (Some(code), Some(p)) = (l.code.as_ref(), f.amount_in(l, "total")) else {
                    continue;
                };
                if let Some(node) = by_code.get(code) {
                    self.locate(*node, figure(f, l, p).at);
                }
            }
        }
    }
}

fn compact(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    s.trim_end_matches("支出").to_string()
}
