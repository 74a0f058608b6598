//! The figure graph of a scenario: leaves (decided amounts) and sums, each starting at its
//! published value and moving by the difference of its leaves.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::{Balance, Changed};
use crate::amount::Amount;
use crate::error::Error;
use crate::model::{Budget, Figure, Level, Location};

mod genre;

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A project's amount (editable).
    Project,
    /// A functional 项's basic expenditure (editable).
    FunctionBasic,
    /// An economic line of basic expenditure (editable).
    Economic,
    /// A 三公 item of the budget year (editable).
    Sanggong,
    /// An income line (editable; the general appropriation only in ceiling mode).
    Income,
    /// A classified line's amount, in a budget read by role (editable).
    Function,
    /// A sum of other figures.
    Sum,
    /// Follows the expenditure total in [`Balance::Follow`] mode, zero otherwise.
    Follow,
}

impl Kind {
    /// True for the amounts a budget officer decides.
    pub fn is_leaf(self) -> bool {
        !matches!(self, Kind::Sum | Kind::Follow)
    }
}

/// A figure of the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Stable key (`project:p01`, `fn:2011302:project`, `total`).
    pub key: String,
    /// The label a reader knows it by.
    pub label: String,
    /// Leaf or sum.
    pub kind: Kind,
    /// The published value.
    pub baseline: Amount,
    /// The scenario value.
    pub value: Amount,
    /// The nodes that add this one in, with a sign.
    pub parents: Vec<(usize, i8)>,
    /// The nodes this one adds (for the full recompute).
    pub children: Vec<(usize, i8)>,
    /// The published value less the signed published values of `children`, kept as they are
    /// linked: a full recompute is this plus their signed values, one operation per child
    /// (`None` where it would overflow: then child by child).
    pub offset: Option<Amount>,
    /// Where the publication prints this figure.
    pub locations: Vec<Location>,
    /// What each location printed (a figure can print 9,207 in one table and 9,208 in
    /// another): each moves by the node's difference.
    pub printed: Vec<Amount>,
    /// The prior year's value, for the year-on-year change.
    pub prior: Option<Amount>,
    /// Decimals the publication prints this figure's percentage with.
    pub percent_decimals: u32,
    /// The ids of the table cells among `locations` (`t7:5:5`), made once when the graph is
    /// built: every edit reports them for each figure it changes.
    pub cells: Vec<String>,
}

/// An income group of 表1: its row, its name, and its items' rows and names.
type IncomeGroup = (usize, String, Vec<(usize, String)>);

#[derive(Clone, Debug)]
pub(super) struct Graph {
    nodes: Vec<Node>,
    index: BTreeMap<String, usize>,
    total: Option<usize>,
    follow: Option<usize>,
    classes: Vec<usize>,
    unit: String,
    prior_year: u16,
}

impl Graph {
    pub(super) fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub(super) fn get(&self, key: &str) -> Option<&Node> {
        self.index.get(key).and_then(|i| self.nodes.get(*i))
    }

    fn add(&mut self, key: String, label: String, kind: Kind, baseline: Amount) -> usize {
        let i = self.nodes.len();
        self.index.insert(key.clone(), i);
        self.nodes.push(Node {
            key,
            label,
            kind,
            baseline,
            value: baseline,
            parents: Vec::new(),
            children: Vec::new(),
            offset: Some(baseline),
            locations: Vec::new(),
            printed: Vec::new(),
            prior: None,
            percent_decimals: 0,
            cells: Vec::new(),
        });
        i
    }

    fn link(&mut self, child: usize, parent: usize, sign: i8) {
        let mut base = None;
        if let Some(c) = self.nodes.get_mut(child) {
            c.parents.push((parent, sign));
            base = Some(c.baseline);
        }
        if let Some(p) = self.nodes.get_mut(parent) {
            p.offset = p.offset.zip(base).and_then(|(o, b)| {
                if sign < 0 {
                    o.checked_add(b).ok()
                } else {
                    o.checked_sub(b).ok()
                }
            });
            p.children.push((child, sign));
        }
    }

    fn locate(&mut self, node: usize, at: Location) {
        if let Some(n) = self.nodes.get_mut(node) {
            if !n.locations.contains(&at) {
                n.locations.push(at);
            }
        }
    }

    /// A sum node over `children`, whose baseline is the published figure when there is one
    /// and the sum of the children's baselines otherwise.
    fn sum(
        &mut self,
        key: String,
        label: String,
        published: Option<&Figure>,
        children: &[usize],
    ) -> Result<usize, Error> {
        let computed = Amount::checked_sum(
            children
                .iter()
                .filter_map(|c| self.nodes.get(*c).map(|n| &n.baseline)),
        )?;
        let baseline = published.map_or(computed, |f| f.amount);
        let i = self.add(key, label, Kind::Sum, baseline);
        for c in children {
            self.link(*c, i, 1);
        }
        if let Some(f) = published {
            self.locate(i, f.at.clone());
        }
        Ok(i)
    }

    /// A graph with no figures yet, in the budget's unit.
    fn empty(budget: &Budget) -> Graph {
        Graph {
            nodes: Vec::new(),
            index: BTreeMap::new(),
            total: None,
            follow: None,
            classes: Vec::new(),
            unit: budget.unit.name.clone(),
            prior_year: budget.prior_year,
        }
    }

    pub(super) fn build(budget: &Budget) -> Result<Graph, Error> {
        if budget.reader == crate::model::Reader::Genre {
            return Graph::build_genre(budget);
        }
        let mut g = Graph::empty(budget);
        let f = &budget.figures;
        let cell = |key: &str, row: usize, col: usize| Location::Cell {
            table: key.to_string(),
            row,
            col,
        };

        // Leaves: projects.
        let mut projects = Vec::new();
        for p in &f.projects {
            let i = g.add(
                format!("project:{}", p.id),
                p.name.clone(),
                Kind::Project,
                p.amount.amount,
            );
            g.locate(i, p.amount.at.clone());
            if let Some(listed) = &p.listed {
                g.locate(i, listed.at.clone());
            }
            if let Some(n) = g.nodes.get_mut(i) {
                if let Some(c) = &p.change {
                    n.prior = p
                        .amount
                        .amount
                        .checked_sub(c.amount)
                        .ok()
                        .filter(|_| !c.new);
                    n.percent_decimals = c.percent_decimals;
                }
            }
            projects.push((i, p.code.clone()));
        }
        // 表11 tasks follow their project (the largest task of a project takes its changes).
        for p in &f.projects {
            let largest = f
                .tasks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.project.as_deref() == Some(p.id.as_str()))
                .max_by_key(|(_, t)| t.total.amount);
            let Some((ti, task)) = largest else {
                continue;
            };
            let Some(&pi) = g.index.get(&format!("project:{}", p.id)) else {
                continue;
            };
            let i = g.sum(
                format!("task:{ti}"),
                format!("表11 {}", task.name),
                Some(&task.total),
                &[pi],
            )?;
            g.locate(i, task.fiscal.at.clone());
        }

        // Functional classification: leaves for each 项's basic expenditure, sums upward.
        let mut by_code: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        let items: Vec<_> = f
            .functions
            .iter()
            .filter(|x| x.level() == Level::Item)
            .collect();
        let mut by_item: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, code) in &projects {
            if let Some(code) = code {
                by_item.entry(code.as_str()).or_default().push(*i);
            }
        }
        for item in &items {
            let basic = g.add(
                format!("fn:{}:basic", item.code),
                format!("{} {} 基本支出", item.code, item.name),
                Kind::FunctionBasic,
                item.basic.amount,
            );
            g.locate(basic, item.basic.at.clone());
            let mapped: Vec<usize> = by_item.get(item.code.as_str()).cloned().unwrap_or_default();
            let project = g.sum(
                format!("fn:{}:project", item.code),
                format!("{} {} 项目支出", item.code, item.name),
                Some(&item.project),
                &mapped,
            )?;
            let total = g.sum(
                format!("fn:{}:total", item.code),
                format!("{} {}", item.code, item.name),
                Some(&item.total),
                &[basic, project],
            )?;
            by_code.insert(item.code.clone(), (basic, project, total));
        }
        for level in [Level::Section, Level::Class] {
            let child_len = if level == Level::Section { 7 } else { 5 };
            for func in f.functions.iter().filter(|x| x.level() == level) {
                let kids: Vec<(usize, usize, usize)> = by_code
                    .iter()
                    .filter(|(c, _)| c.len() == child_len && c.starts_with(func.code.as_str()))
                    .map(|(_, v)| *v)
                    .collect();
                let basic = g.sum(
                    format!("fn:{}:basic", func.code),
                    format!("{} {} 基本支出", func.code, func.name),
                    Some(&func.basic),
                    &kids.iter().map(|k| k.0).collect::<Vec<_>>(),
                )?;
                let project = g.sum(
                    format!("fn:{}:project", func.code),
                    format!("{} {} 项目支出", func.code, func.name),
                    Some(&func.project),
                    &kids.iter().map(|k| k.1).collect::<Vec<_>>(),
                )?;
                let total = g.sum(
                    format!("fn:{}:total", func.code),
                    format!("{} {}", func.code, func.name),
                    Some(&func.total),
                    &kids.iter().map(|k| k.2).collect::<Vec<_>>(),
                )?;
                by_code.insert(func.code.clone(), (basic, project, total));
                if level == Level::Class {
                    g.classes.push(total);
                }
            }
        }
        // 表7's total row.
        let class_nodes: Vec<(usize, usize, usize)> = f
            .functions
            .iter()
            .filter(|x| x.level() == Level::Class)
            .filter_map(|x| by_code.get(&x.code).copied())
            .collect();
        let t7 = budget.table_by_role("general-function");
        let t7_fig = |role: &str| -> Option<Figure> {
            let t = t7?;
            t.figure_in(t.total_row()?, role)
        };
        if !class_nodes.is_empty() {
            g.sum(
                "t7:basic".into(),
                "表7 基本支出合计".into(),
                t7_fig("basic").as_ref(),
                &class_nodes.iter().map(|k| k.0).collect::<Vec<_>>(),
            )?;
            g.sum(
                "t7:project".into(),
                "表7 项目支出合计".into(),
                t7_fig("project").as_ref(),
                &class_nodes.iter().map(|k| k.1).collect::<Vec<_>>(),
            )?;
            g.sum(
                "t7:total".into(),
                "表7 支出合计".into(),
                t7_fig("total").as_ref(),
                &class_nodes.iter().map(|k| k.2).collect::<Vec<_>>(),
            )?;
        }
        // 表1 and 表6 print the functional totals too, row by row in 表7's order.
        for role in ["summary", "appropriation-summary"] {
            let Some(t) = budget.table_by_role(role) else {
                continue;
            };
            let key = t.key.as_str();
            let Some(&(label, amount)) = t.sides().get(1) else {
                continue;
            };
            let rows: Vec<usize> = t
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    let name: String = r.cells.get(label).map_or(String::new(), |c| {
                        c.chars().filter(|c| !c.is_whitespace()).collect()
                    });
                    !name.is_empty()
                        && !name.contains("合计")
                        && !name.contains("总计")
                        && !name.contains("结转")
                        && !name.contains("结余")
                })
                .map(|(i, _)| i)
                .collect();
            if rows.len() == f.functions.len() {
                for (r, func) in rows.iter().zip(&f.functions) {
                    if let Some(&(_, _, total)) = by_code.get(&func.code) {
                        g.locate(total, cell(key, *r, amount));
                    }
                }
            }
        }

        // Basic expenditure by economic class, the project total, the grand total.
        let mut economic = Vec::new();
        for (i, line) in f.economic.iter().enumerate() {
            let n = g.add(
                format!("economic:{i}"),
                line.name.clone(),
                Kind::Economic,
                line.value.amount,
            );
            g.locate(n, line.value.at.clone());
            economic.push(n);
        }
        let t3_fig = |role: &str| budget.table_by_role("expenditure")?.figure_in(0, role);
        let basic = g.sum(
            "basic".into(),
            "基本支出".into(),
            t3_fig("basic").as_ref(),
            &economic,
        )?;
        for task in f.tasks.iter().filter(|t| t.basic) {
            g.locate(basic, task.total.at.clone());
            g.locate(basic, task.fiscal.at.clone());
        }
        let project_ids: Vec<usize> = projects.iter().map(|(i, _)| *i).collect();
        let project = g.sum(
            "project".into(),
            "项目支出".into(),
            t3_fig("project").as_ref(),
            &project_ids,
        )?;
        let total = g.sum(
            "total".into(),
            "支出总计".into(),
            t3_fig("total").as_ref(),
            &[basic, project],
        )?;
        g.total = Some(total);
        for named in &f.stated {
            let target = match named.key.as_str() {
                "part3.project" | "part6.project" => project,
                "part2.expenditure" | "part3.total" => total,
                _ => continue,
            };
            g.locate(target, named.value.at.clone());
            if named.key == "part2.expenditure" {
                let change = f
                    .stated
                    .iter()
                    .find(|n| n.key == "part2.expenditure.change");
                if let (Some(c), Some(n)) = (change, g.nodes.get_mut(total)) {
                    n.prior = named.value.amount.checked_sub(c.value.amount).ok();
                }
            }
        }
        for role in ["summary", "appropriation-summary"] {
            let Some(t) = budget.table_by_role(role) else {
                continue;
            };
            let key = t.key.as_str();
            let Some(&(label, amount)) = t.sides().get(1) else {
                continue;
            };
            for (r, row) in t.rows.iter().enumerate() {
                let name: String = row.cells.get(label).map_or(String::new(), |c| {
                    c.chars().filter(|c| !c.is_whitespace()).collect()
                });
                if name.contains("本年支出合计") || name.contains("支出总计") {
                    g.locate(total, cell(key, r, amount));
                }
            }
        }
        if let Some(t) = budget.table_by_role("performance") {
            if let Some(r) = t
                .rows
                .iter()
                .position(|r| r.cells.iter().any(|c| c.contains("金额合计")))
            {
                let cols: Vec<usize> = t.amount_cells(r);
                if let [.., a, b, _] = cols.as_slice() {
                    g.locate(total, cell(&t.key, r, *a));
                    g.locate(total, cell(&t.key, r, *b));
                }
            }
        }

        // 三公 of the budget year, and the change row.
        let year = budget.year.to_string();
        let prior_year = budget.prior_year.to_string();
        let current = f
            .sanggong
            .iter()
            .find(|r| r.label.replace(' ', "").starts_with(&year));
        let prior = f
            .sanggong
            .iter()
            .find(|r| r.label.replace(' ', "").starts_with(&prior_year));
        let change = f.sanggong.iter().find(|r| r.label.contains("增减"));
        if let Some(c) = current {
            let leaf =
                |g: &mut Graph, key: &str, label: &str, fig: &Figure, prior: Option<&Figure>| {
                    let i = g.add(
                        format!("sanggong:{key}"),
                        label.to_string(),
                        Kind::Sanggong,
                        fig.amount,
                    );
                    g.locate(i, fig.at.clone());
                    if let Some(n) = g.nodes.get_mut(i) {
                        n.prior = prior.map(|p| p.amount);
                    }
                    i
                };
            let abroad = leaf(
                &mut g,
                "abroad",
                "因公出国(境)费",
                &c.abroad,
                prior.map(|p| &p.abroad),
            );
            let reception = leaf(
                &mut g,
                "reception",
                "公务接待费",
                &c.reception,
                prior.map(|p| &p.reception),
            );
            let purchase = leaf(
                &mut g,
                "purchase",
                "公务用车购置费",
                &c.vehicle_purchase,
                prior.map(|p| &p.vehicle_purchase),
            );
            let operation = leaf(
                &mut g,
                "operation",
                "公务用车运行维护费",
                &c.vehicle_operation,
                prior.map(|p| &p.vehicle_operation),
            );
            let vehicles = g.sum(
                "sanggong:vehicles".into(),
                "公务用车购置及运行维护费".into(),
                Some(&c.vehicles),
                &[purchase, operation],
            )?;
            let sg_total = g.sum(
                "sanggong:total".into(),
                "“三公”经费".into(),
                Some(&c.total),
                &[abroad, reception, vehicles],
            )?;
            if let Some(p) = prior {
                for (node, fig) in [(vehicles, &p.vehicles), (sg_total, &p.total)] {
                    if let Some(n) = g.nodes.get_mut(node) {
                        n.prior = Some(fig.amount);
                    }
                }
            }
            if let Some(d) = change {
                for (key, node, fig) in [
                    ("abroad", abroad, &d.abroad),
                    ("reception", reception, &d.reception),
                    ("purchase", purchase, &d.vehicle_purchase),
                    ("operation", operation, &d.vehicle_operation),
                    ("vehicles", vehicles, &d.vehicles),
                    ("total", sg_total, &d.total),
                ] {
                    g.sum(
                        format!("sanggong:{key}:change"),
                        "增减变化金额".into(),
                        Some(fig),
                        &[node],
                    )?;
                }
            }
        }

        // Income: the items of 表1 (and the same rows of 表6), groups, totals, the balance.
        g.build_income(budget)?;
        g.fill_printed(budget);
        g.fill_cells();
        Ok(g)
    }

    /// Each node's table cells as ids (`t7:5:5`), once.
    fn fill_cells(&mut self) {
        for n in &mut self.nodes {
            n.cells = n
                .locations
                .iter()
                .filter_map(|l| match l {
                    Location::Cell { table, row, col } => {
                        Some(crate::report::cell_id(table, *row, *col))
                    }
                    _ => None,
                })
                .collect();
        }
    }

    fn build_income(&mut self, budget: &Budget) -> Result<(), Error> {
        let Some(t1) = budget.table_by_role("summary") else {
            return Ok(());
        };
        let Some(&(label, amount_col)) = t1.sides().first() else {
            return Ok(());
        };
        let strip = |s: &str| -> String {
            crate::labels::strip_marker(
                &s.chars().filter(|c| !c.is_whitespace()).collect::<String>(),
            )
        };
        let mut groups: Vec<IncomeGroup> = Vec::new();
        let mut year_total = None;
        let mut carried = None;
        let mut grand = None;
        for (r, row) in t1.rows.iter().enumerate() {
            let name = row.cells.get(label).map_or("", String::as_str);
            if name.is_empty() {
                continue;
            }
            let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            let Some(amount) = row
                .cells
                .get(amount_col)
                .and_then(|c| Amount::parse(c).ok())
            else {
                continue;
            };
            let fig = Figure {
                amount,
                at: Location::Cell {
                    table: t1.key.clone(),
                    row: r,
                    col: amount_col,
                },
            };
            if compact.contains("本年收入合计") {
                year_total = Some(fig);
            } else if compact.contains("收入总计") {
                grand = Some(fig);
            } else if compact.contains("结余") || compact.contains("结转") {
                carried = Some(fig);
            } else if compact
                .split_once('、')
                .is_some_and(|(n, _)| crate::numerals::parse_chinese_numeral(n).is_some())
            {
                groups.push((r, name.to_string(), Vec::new()));
            } else if let Some(g) = groups.last_mut() {
                g.2.push((r, name.to_string()));
            }
        }
        if groups.is_empty() {
            return Ok(());
        }
        let t6 = budget.table_by_role("appropriation-summary");
        let t6_income = t6.and_then(|t| t.sides().first().copied());
        let t6_row = |name: &str| -> Option<Location> {
            let (t, (label, amount)) = (t6?, t6_income?);
            let r = t.rows.iter().position(|row| {
                row.cells
                    .get(label)
                    .is_some_and(|c| strip(c) == strip(name))
            })?;
            Some(Location::Cell {
                table: t.key.clone(),
                row: r,
                col: amount,
            })
        };
        let amount_at = |r: usize| -> Amount {
            t1.rows
                .get(r)
                .and_then(|row| row.cells.get(amount_col))
                .and_then(|c| Amount::parse(c).ok())
                .unwrap_or(Amount::ZERO)
        };
        let at = |r: usize| Location::Cell {
            table: t1.key.clone(),
            row: r,
            col: amount_col,
        };
        let mut group_nodes = Vec::new();
        let mut first_item = true;
        for (gr, gname, items) in &groups {
            let mut item_nodes = Vec::new();
            let leaves: Vec<(usize, String)> = if items.is_empty() {
                vec![(*gr, gname.clone())]
            } else {
                items.clone()
            };
            for (r, name) in &leaves {
                let clean = strip(name);
                let n = if first_item {
                    // The general budget appropriation: what the officer decides, plus what
                    // follows expenditure in follow mode.
                    first_item = false;
                    let decided = self.add(
                        "income:general".into(),
                        format!("{clean}（控制数）"),
                        Kind::Income,
                        amount_at(*r),
                    );
                    let follow = self.add(
                        "income:follow".into(),
                        "随支出调整".into(),
                        Kind::Follow,
                        Amount::ZERO,
                    );
                    self.follow = Some(follow);
                    let published = Figure {
                        amount: amount_at(*r),
                        at: at(*r),
                    };
                    self.sum(
                        "income:general:shown".into(),
                        clean.clone(),
                        Some(&published),
                        &[decided, follow],
                    )?
                } else {
                    let n = self.add(
                        format!("income:{r}"),
                        clean.clone(),
                        Kind::Income,
                        amount_at(*r),
                    );
                    self.locate(n, at(*r));
                    n
                };
                if let Some(loc) = t6_row(name) {
                    self.locate(n, loc);
                }
                item_nodes.push(n);
            }
            let node = if items.is_empty() {
                item_nodes.first().copied().unwrap_or(0)
            } else {
                let published = Figure {
                    amount: amount_at(*gr),
                    at: at(*gr),
                };
                let n = self.sum(
                    format!("income:group:{gr}"),
                    strip(gname),
                    Some(&published),
                    &item_nodes,
                )?;
                if let Some(loc) = t6_row(gname) {
                    self.locate(n, loc);
                }
                n
            };
            group_nodes.push(node);
        }
        let income_total = self.sum(
            "income:total".into(),
            "本年收入合计".into(),
            year_total.as_ref(),
            &group_nodes,
        )?;
        for named in budget
            .figures
            .stated
            .iter()
            .filter(|n| n.key == "part2.income")
        {
            self.locate(income_total, named.value.at.clone());
        }
        if let Some(figure) = t6.and_then(|t| t.side_figure(0, "本年收入合计")) {
            self.locate(income_total, figure.at);
        }
        if let Some(c) = &carried {
            let carried_node = self.add(
                format!("income:{}", "carried"),
                "上年结余、结转".into(),
                Kind::Income,
                c.amount,
            );
            self.locate(carried_node, c.at.clone());
            let grand_node = self.sum(
                "income:grand".into(),
                "收入总计".into(),
                grand.as_ref(),
                &[income_total, carried_node],
            )?;
            if let Some(figure) = t6.and_then(|t| t.side_figure(0, "收入总计")) {
                self.locate(grand_node, figure.at);
            }
        }
        if let Some(total) = self.total {
            let baseline = self
                .nodes
                .get(income_total)
                .zip(self.nodes.get(total))
                .map_or(Ok(Amount::ZERO), |(i, t)| {
                    i.baseline.checked_sub(t.baseline)
                })?;
            let gap = self.add(
                "gap".into(),
                "收支差额（收入 − 支出）".into(),
                Kind::Sum,
                baseline,
            );
            self.link(income_total, gap, 1);
            self.link(total, gap, -1);
        }
        Ok(())
    }

    /// Records what each location printed: a table cell's own text, or the node's baseline.
    fn fill_printed(&mut self, budget: &Budget) {
        for n in &mut self.nodes {
            n.printed = n
                .locations
                .iter()
                .map(|at| match at {
                    Location::Cell { table, row, col } => budget
                        .tables
                        .iter()
                        .find(|t| t.key == *table)
                        .and_then(|t| t.rows.get(*row))
                        .and_then(|r| r.cells.get(*col))
                        .and_then(|c| Amount::parse(c).ok())
                        .unwrap_or(n.baseline),
                    _ => n.baseline,
                })
                .collect();
        }
    }

    /// Adds a project the publication does not list (`new:{code}:{name}`, at 0) under the 项
    /// `code`: it adds into that 项's 项目支出 and into the budget's 项目支出, as a published
    /// project of the 项 does. Refused when the budget has no such 项 with a 项目支出 sum.
    pub(super) fn add_new_project(
        &mut self,
        key: &str,
        code: &str,
        name: &str,
    ) -> Result<(), Error> {
        if self.index.contains_key(key) {
            return Ok(());
        }
        let parent = match self.function_node(code, "project") {
            Some(i) => i,
            None => self.new_function(code)?,
        };
        let all = self.index.get("project").copied();
        // Labelled apart from a published project of the same name (a moved one keeps its name).
        let label = format!("{name}（新增 · {code}）");
        let i = self.add(key.to_string(), label, Kind::Project, Amount::ZERO);
        self.link(i, parent, 1);
        if let Some(all) = all {
            self.link(i, all, 1);
        }
        Ok(())
    }

    /// The sum node `fn:{code}:{part}` (`project`, `total`) of the functional classification.
    fn function_node(&self, code: &str, part: &str) -> Option<usize> {
        self.index
            .get(&format!("fn:{code}:{part}"))
            .copied()
            .filter(|&i| self.nodes.get(i).is_some_and(|n| n.kind == Kind::Sum))
    }

    /// Opens a 项 the budget's classification does not have (`code`, seven digits), for a
    /// project added under it: its project and total sums, under its 款 and 类 (each opened
    /// too where the budget has none), the 类 under 表7's totals. Returns its project sum.
    fn new_function(&mut self, code: &str) -> Result<usize, Error> {
        let refuse = |zh: String, en: String| Error::Scenario {
            message: crate::error::Message::new(zh, en),
        };
        if code.len() != 7 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(refuse(
                format!("“{code}”不是项级科目编码（应为 7 位数字，如 2011302），不能在其下新增项目"),
                format!("“{code}” is not the code of a 项 (seven digits, such as 2011302): a project cannot be added there"),
            ));
        }
        // 表7's totals, which a new 类 adds to; without them (a budget read by the genre
        // reader) there is nowhere the new 项 could add up to.
        let (Some(t7_project), Some(t7_total)) = (
            self.index.get("t7:project").copied(),
            self.index.get("t7:total").copied(),
        ) else {
            return Err(refuse(
                format!("预算中没有科目“{code}”，也没有可以加入新科目的功能分类表，不能在其下新增项目"),
                format!("the budget has no “{code}” and no functional table a new code could join: a project cannot be added there"),
            ));
        };
        let (code5, code3) = (code.get(..5).unwrap_or(code), code.get(..3).unwrap_or(code));
        let (item_project, item_total, _) = self.function_pair(code);
        let (section_project, section_total, opened) = self.function_pair(code5);
        self.link(item_project, section_project, 1);
        self.link(item_total, section_total, 1);
        if !opened {
            return Ok(item_project);
        }
        let (class_project, class_total, opened) = self.function_pair(code3);
        self.link(section_project, class_project, 1);
        self.link(section_total, class_total, 1);
        if opened {
            self.link(class_project, t7_project, 1);
            self.link(class_total, t7_total, 1);
            self.classes.push(class_total);
        }
        Ok(item_project)
    }

    /// The project and total sums of `code` in the functional classification, and whether
    /// they were opened now (at zero, labelled `{code}（新增科目）`) because the budget has none.
    /// A 项 opened now has no basic spending.
    fn function_pair(&mut self, code: &str) -> (usize, usize, bool) {
        if let (Some(p), Some(t)) = (
            self.function_node(code, "project"),
            self.function_node(code, "total"),
        ) {
            return (p, t, false);
        }
        let label = format!("{code}（新增科目）");
        let p = self.add(
            format!("fn:{code}:project"),
            format!("{label} 项目支出"),
            Kind::Sum,
            Amount::ZERO,
        );
        let t = self.add(format!("fn:{code}:total"), label, Kind::Sum, Amount::ZERO);
        // A 项's total is its basic and project spending; a 款's or a 类's is the sum of the
        // totals below it (as its project spending is of theirs).
        if code.len() == 7 {
            self.link(p, t, 1);
        }
        (p, t, true)
    }

    pub(super) fn leaf_value(&self, key: &str) -> Result<Amount, Error> {
        match self.get(key) {
            Some(n) if n.kind.is_leaf() => Ok(n.value),
            _ => Err(Error::Scenario {
                message: crate::error::Message::new(
                    format!("“{key}”不是可以修改的金额"),
                    format!("“{key}” is not an amount that can be edited"),
                ),
            }),
        }
    }

    /// Whether the leaf `key` is spending (a project, a 项, an economic line, a 三公 item): such
    /// an amount may be cut to zero, never below.
    pub(super) fn is_spending(&self, key: &str) -> bool {
        self.get(key).is_some_and(|n| {
            matches!(
                n.kind,
                Kind::Project
                    | Kind::FunctionBasic
                    | Kind::Economic
                    | Kind::Sanggong
                    | Kind::Function
            )
        })
    }

    /// Sets a leaf and adds the difference up its parents; in follow mode the income follows a
    /// change of the total. Returns the indices of every node whose value changed. All or
    /// nothing: when a sum overflows, every node already moved gets its old value back.
    pub(super) fn apply(
        &mut self,
        key: &str,
        to: Amount,
        balance: Balance,
    ) -> Result<Vec<usize>, Error> {
        let mut journal = Vec::new();
        let result = self.apply_journaled(key, to, balance, &mut journal);
        if result.is_err() {
            self.roll_back(journal);
        }
        result
    }

    /// Puts back the old values a failed operation recorded, newest first.
    fn roll_back(&mut self, journal: Vec<(usize, Amount)>) {
        for (i, old) in journal.into_iter().rev() {
            if let Some(node) = self.nodes.get_mut(i) {
                node.value = old;
            }
        }
    }

    fn apply_journaled(
        &mut self,
        key: &str,
        to: Amount,
        balance: Balance,
        journal: &mut Vec<(usize, Amount)>,
    ) -> Result<Vec<usize>, Error> {
        let Some(&leaf) = self.index.get(key) else {
            return Err(Error::Scenario {
                message: crate::error::Message::new(
                    format!("没有“{key}”这个金额"),
                    format!("there is no amount “{key}”"),
                ),
            });
        };
        let from = self.nodes.get(leaf).map_or(Amount::ZERO, |n| n.value);
        let delta = to.checked_sub(from)?;
        let mut touched = Vec::new();
        self.propagate(leaf, delta, &mut touched, journal)?;
        if balance == Balance::Follow {
            if let (Some(total), Some(follow)) = (self.total, self.follow) {
                if touched.contains(&total) {
                    let target = self.follow_target(total)?;
                    let current = self.nodes.get(follow).map_or(Amount::ZERO, |n| n.value);
                    let d = target.checked_sub(current)?;
                    if !d.is_zero() {
                        self.propagate(follow, d, &mut touched, journal)?;
                    }
                }
            }
        }
        if self.total.is_some_and(|t| touched.contains(&t)) {
            touched.extend(self.classes.iter().copied());
        }
        touched.sort_unstable();
        touched.dedup();
        Ok(touched)
    }

    fn follow_target(&self, total: usize) -> Result<Amount, Error> {
        self.nodes
            .get(total)
            .map_or(Ok(Amount::ZERO), |n| n.value.checked_sub(n.baseline))
    }

    fn propagate(
        &mut self,
        start: usize,
        delta: Amount,
        touched: &mut Vec<usize>,
        journal: &mut Vec<(usize, Amount)>,
    ) -> Result<(), Error> {
        if delta.is_zero() {
            return Ok(());
        }
        let mut stack = vec![(start, delta)];
        while let Some((i, d)) = stack.pop() {
            let Some(node) = self.nodes.get_mut(i) else {
                continue;
            };
            let old = node.value;
            node.value = old.checked_add(d)?;
            journal.push((i, old));
            touched.push(i);
            for (parent, sign) in node.parents.clone() {
                let pd = if sign < 0 {
                    Amount::ZERO.checked_sub(d)?
                } else {
                    d
                };
                stack.push((parent, pd));
            }
        }
        Ok(())
    }

    /// Re-applies the balance mode: the follow node becomes total − baseline, or zero.
    pub(super) fn rebalance(&mut self, balance: Balance) -> Result<Vec<usize>, Error> {
        let (Some(total), Some(follow)) = (self.total, self.follow) else {
            return Ok(Vec::new());
        };
        let target = match balance {
            Balance::Follow => self.follow_target(total)?,
            Balance::Ceiling => Amount::ZERO,
        };
        let current = self.nodes.get(follow).map_or(Amount::ZERO, |n| n.value);
        let mut touched = Vec::new();
        let mut journal = Vec::new();
        let moved = target
            .checked_sub(current)
            .and_then(|d| self.propagate(follow, d, &mut touched, &mut journal));
        if let Err(e) = moved {
            self.roll_back(journal);
            return Err(e);
        }
        touched.sort_unstable();
        touched.dedup();
        Ok(touched)
    }

    /// Every node from scratch: a leaf is its value; a sum is its published value plus the
    /// signed differences of its children; the follow node follows the total.
    /// Returns every node's value, in node order.
    pub(super) fn full_recompute(&self, balance: Balance) -> Result<Vec<Amount>, Error> {
        let mut values: Vec<Option<Amount>> = vec![None; self.nodes.len()];
        for i in 0..self.nodes.len() {
            self.compute(i, balance, &mut values)?;
        }
        Ok(self
            .nodes
            .iter()
            .zip(values)
            .map(|(n, v)| v.unwrap_or(n.value))
            .collect())
    }

    fn compute(
        &self,
        i: usize,
        balance: Balance,
        values: &mut Vec<Option<Amount>>,
    ) -> Result<Amount, Error> {
        if let Some(Some(v)) = values.get(i) {
            return Ok(*v);
        }
        let Some(node) = self.nodes.get(i) else {
            return Ok(Amount::ZERO);
        };
        let value = match node.kind {
            Kind::Follow => match (balance, self.total) {
                (Balance::Follow, Some(total)) => {
                    let t = self.compute(total, balance, values)?;
                    let base = self.nodes.get(total).map_or(Amount::ZERO, |n| n.baseline);
                    t.checked_sub(base)?
                }
                _ => Amount::ZERO,
            },
            k if k.is_leaf() => node.value,
            _ if node.offset.is_some() => {
                let mut v = node.offset.unwrap_or(node.baseline);
                for (c, sign) in &node.children {
                    let child = self.compute(*c, balance, values)?;
                    v = if *sign < 0 {
                        v.checked_sub(child)?
                    } else {
                        v.checked_add(child)?
                    };
                }
                v
            }
            _ => {
                let mut v = node.baseline;
                for (c, sign) in &node.children {
                    let child = self.compute(*c, balance, values)?;
                    let base = self.nodes.get(*c).map_or(Amount::ZERO, |n| n.baseline);
                    let d = child.checked_sub(base)?;
                    v = if *sign < 0 {
                        v.checked_sub(d)?
                    } else {
                        v.checked_add(d)?
                    };
                }
                v
            }
        };
        if let Some(slot) = values.get_mut(i) {
            *slot = Some(value);
        }
        Ok(value)
    }

    /// The node at index `i`, ready to show; `None` for an index out of range.
    pub(super) fn describe(&self, i: usize) -> Option<Changed> {
        let n = self.nodes.get(i)?;
        let d = self.shown(i)?;
        let mut cells = n.cells.clone();
        cells.dedup();
        Some(Changed {
            key: n.key.clone(),
            label: n.label.clone(),
            value: n.value.display(),
            baseline: n.baseline.display(),
            delta: d.delta,
            percent: d.percent,
            yoy: d.yoy,
            share: d.share,
            cells,
            cell_values: d
                .cell_values
                .into_iter()
                .map(|(id, v)| (id.to_string(), v))
                .collect(),
        })
    }

    /// Appends the node at `i` to a compact step, one line: its index, value, delta, percent,
    /// change on the prior year and share, tab-separated, then its cells that show another
    /// value than `value` as `id=value` parted by `;` (see `Scenario::edit_compact`). Nothing
    /// for an index out of range.
    pub(super) fn write_changed(&self, i: usize, out: &mut String) {
        let (Some(n), Some(d)) = (self.nodes.get(i), self.shown(i)) else {
            return;
        };
        fn opt(s: &Option<String>) -> &str {
            s.as_deref().unwrap_or("")
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "{i}\t");
        out.push_str(&n.value.display());
        for field in [
            d.delta.as_str(),
            opt(&d.percent),
            opt(&d.yoy),
            opt(&d.share),
        ] {
            out.push('\t');
            out.push_str(field);
        }
        out.push('\t');
        for (k, (id, v)) in d.cell_values.iter().enumerate() {
            if k > 0 {
                out.push(';');
            }
            out.push_str(id);
            out.push('=');
            out.push_str(v);
        }
        out.push('\n');
    }

    /// What of the node at `i` changes with its value, as shown.
    fn shown(&self, i: usize) -> Option<Shown<'_>> {
        let n = self.nodes.get(i)?;
        let delta = n.value.checked_sub(n.baseline).unwrap_or(Amount::ZERO);
        let delta_text = if delta.is_zero() {
            String::new()
        } else if delta.is_negative() {
            delta.display()
        } else {
            format!("+{}", delta.display())
        };
        // Only a cell that printed something other than the figure's baseline needs its own
        // value; the others show `value`.
        let mut cell_values: BTreeMap<&str, String> = BTreeMap::new();
        let cell_locations = n
            .locations
            .iter()
            .zip(&n.printed)
            .filter(|(l, _)| matches!(l, Location::Cell { .. }));
        for ((_, printed), id) in cell_locations.zip(&n.cells) {
            if *printed != n.baseline {
                let shown = printed.checked_add(delta).unwrap_or(n.value).display();
                cell_values.insert(id.as_str(), shown);
            }
        }
        let percent = if n.key == "gap" {
            // The gap (收支差额) as a share of the income (控制数).
            if delta.is_zero() && n.value.is_zero() {
                None
            } else {
                self.get("income:total")
                    .and_then(|inc| percent_of(n.value, inc.value, 1))
            }
        } else {
            n.prior
                .and_then(|p| percent(n.value, p, n.percent_decimals))
        };
        // The change against the prior year in the budget's unit (`+15,218`), when known.
        let yoy = n
            .prior
            .filter(|_| n.key != "gap")
            .and_then(|p| n.value.checked_sub(p).ok())
            .map(|d| {
                if d.is_negative() {
                    d.display()
                } else {
                    format!("+{}", d.display())
                }
            });
        // A 类's share of the spending, at the precision the publication prints the total's
        // change in (`增长22%`: `11%`), else to one decimal.
        let share = if self.classes.contains(&i) {
            self.total.and_then(|t| self.nodes.get(t)).and_then(|t| {
                let decimals = if t.prior.is_some() {
                    t.percent_decimals
                } else {
                    1
                };
                percent_of(n.value, t.value, decimals)
            })
        } else {
            None
        };
        Some(Shown {
            delta: delta_text,
            percent,
            yoy,
            share,
            cell_values,
        })
    }

    pub(super) fn sentence(&self, budget: &Budget, project_id: &str) -> Option<String> {
        let n = self.get(&format!("project:{project_id}"))?;
        let unit = &self.unit;
        let py = self.prior_year;
        let project = budget
            .figures
            .projects
            .iter()
            .find(|p| p.id == project_id)?;
        let mut s = format!("{}预算 {} {unit}", n.label, n.value.display());
        match (n.prior, project.change.as_ref()) {
            (Some(prior), _) => {
                let d = n.value.checked_sub(prior).ok()?;
                if d.is_zero() {
                    s.push_str(&format!("，与 {py} 年预算持平"));
                } else {
                    let (more, grow) = if d.is_negative() {
                        ("减少", "减少")
                    } else {
                        ("增加", "增长")
                    };
                    s.push_str(&format!(
                        "，较 {py} 年预算{more} {} {unit}",
                        d.abs().display()
                    ));
                    if let Some(p) = percent(n.value, prior, n.percent_decimals) {
                        s.push_str(&format!("，{grow} {}", p.trim_start_matches(['+', '-'])));
                    }
                }
            }
            (None, Some(c)) if c.new => {
                s.push_str(&format!(
                    "，较 {py} 年预算增加 {} {unit}，为 {} 年新设项目",
                    n.value.display(),
                    budget.year
                ));
            }
            _ => {}
        }
        s.push('。');
        Some(s)
    }
}

/// What of a figure changes with its value, as shown (see `Graph::describe`).
struct Shown<'a> {
    delta: String,
    percent: Option<String>,
    yoy: Option<String>,
    share: Option<String>,
    cell_values: BTreeMap<&'a str, String>,
}

/// `(value − prior) / prior` in %, rounded half away from zero to `decimals`, signed.
pub fn percent(value: Amount, prior: Amount, decimals: u32) -> Option<String> {
    if prior.is_zero() {
        return None;
    }
    let d = value.checked_sub(prior).ok()?;
    let p = d
        .decimal()
        .checked_div(prior.decimal())?
        .checked_mul(Decimal::ONE_HUNDRED)?;
    let p = Amount::from_decimal(
        p.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero),
    );
    Some(if p.is_negative() {
        format!("{}%", p.display())
    } else {
        format!("+{}%", p.display())
    })
}

fn percent_of(part: Amount, whole: Amount, decimals: u32) -> Option<String> {
    if whole.is_zero() {
        return None;
    }
    let p = part
        .decimal()
        .checked_div(whole.decimal())?
        .checked_mul(Decimal::ONE_HUNDRED)?;
    Some(format!(
        "{}%",
        Amount::from_decimal(
            p.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
        )
        .display()
    ))
}

/// The budget with patched figures: every table cell and every figure at a patched location
/// takes the new amount.
pub(super) fn patch(baseline: &Budget, patches: &BTreeMap<&Location, Amount>) -> Budget {
    let mut b = baseline.clone();
    for (at, amount) in patches {
        if let Location::Cell { table, row, col } = at {
            if let Some(c) = b
                .tables
                .iter_mut()
                .find(|t| t.key == *table)
                .and_then(|t| t.rows.get_mut(*row))
                .and_then(|r| r.cells.get_mut(*col))
            {
                *c = amount.display();
            }
        }
    }
    let visit = |f: &mut Figure| {
        if let Some(a) = patches.get(&f.at) {
            f.amount = *a;
        }
    };
    let fig = &mut b.figures;
    fig.income.iter_mut().for_each(|l| visit(&mut l.value));
    fig.economic.iter_mut().for_each(|l| visit(&mut l.value));
    fig.stated.iter_mut().for_each(|l| visit(&mut l.value));
    for f in &mut fig.functions {
        visit(&mut f.total);
        visit(&mut f.basic);
        visit(&mut f.project);
    }
    for p in &mut fig.projects {
        visit(&mut p.amount);
        if let Some(l) = p.listed.as_mut() {
            visit(l);
        }
    }
    for s in &mut fig.sanggong {
        for f in [
            &mut s.total,
            &mut s.abroad,
            &mut s.reception,
            &mut s.vehicles,
            &mut s.vehicle_purchase,
            &mut s.vehicle_operation,
        ] {
            visit(f);
        }
    }
    if let Some(p) = fig.procurement.as_mut() {
        for f in [
            &mut p.total,
            &mut p.stated_total,
            &mut p.goods,
            &mut p.works,
            &mut p.services,
        ]
        .into_iter()
        .flatten()
        {
            visit(f);
        }
    }
    if let Some(o) = fig.operating_funds.as_mut() {
        visit(&mut o.value);
    }
    for t in &mut fig.tasks {
        visit(&mut t.total);
        visit(&mut t.fiscal);
        visit(&mut t.other);
    }
    b
}
