//! What-if scenarios: edit any decided amount and every figure that depends on it follows.
//!
//! The figures form a graph: leaves are the amounts a budget officer decides (a project, a
//! basic-expenditure line, a 三公 item, an income line); every other figure is the sum of its
//! children. Each figure starts at its *published* value (so the baseline shows exactly what was
//! printed, rounding residue included) and moves by the difference of its leaves. An edit walks
//! from the leaf up its parents and adds the difference: O(depth), the same for 16 projects as
//! for 100,000. [`Scenario::full_recompute`] computes every figure from scratch from the leaves;
//! tests check that the two always agree.

pub mod generate;
mod graph;
mod parse;
mod scale;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
/// The range of amounts an edit may take, shared with the importer: defined next to
/// [`Amount`], re-exported here where the scenario's callers look for it.
pub use crate::amount::{in_range, MAX_DECIMALS, MAX_INTEGER_DIGITS};
use crate::error::Error;
use crate::model::{Budget, Location};
pub use graph::{Kind, Node};
pub use parse::parse_input;
pub use scale::Scaled;

/// The key prefix of a project the scenario adds: `new:{code}:{name}`.
pub const NEW_PROJECT: &str = "new:";

/// How many projects a scenario may add.
pub const MAX_NEW_PROJECTS: usize = 200;

/// The refusal of a negative amount for a spending line.
fn negative_spending(to: Amount) -> Error {
    Error::Scenario {
        message: crate::error::Message::new(
            format!("支出金额不能为负数（{}）；可以改为 0", to.display()),
            format!(
                "a spending amount cannot be negative ({}); it can be 0",
                to.display()
            ),
        ),
    }
}

/// The key of an added project: its 项 code (digits) and its name (1–40 characters, no `:`
/// and no control character).
fn new_project_key(code: &str, name: &str) -> Result<String, Error> {
    let name = name.trim();
    let bad = |zh: String, en: String| Error::Scenario {
        message: crate::error::Message::new(zh, en),
    };
    if code.is_empty() || code.len() > 12 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad(
            format!("“{code}”不是科目编码（应为数字，如 2011302）"),
            format!("“{code}” is not a classification code (digits, such as 2011302)"),
        ));
    }
    let count = name.chars().count();
    if count == 0 || count > 40 {
        return Err(bad(
            "新增项目的名称应为 1 到 40 个字".to_string(),
            "an added project's name must be 1 to 40 characters".to_string(),
        ));
    }
    if name.chars().any(|c| c == ':' || c.is_control()) {
        return Err(bad(
            format!("项目名称“{name}”中不能有冒号或控制字符"),
            format!("the project name “{name}” cannot hold a colon or a control character"),
        ));
    }
    Ok(format!("{NEW_PROJECT}{code}:{name}"))
}

/// How income relates to expenditure in the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Balance {
    /// Income follows expenditure: the general budget appropriation moves with the total.
    Follow,
    /// The income ceiling (控制数) is fixed; the gap is shown.
    Ceiling,
}

/// One applied edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// The leaf's key (`project:p01`).
    pub key: String,
    /// The value before.
    pub from: Amount,
    /// The value after.
    pub to: Amount,
}

/// A figure whose value an edit changed, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Changed {
    /// The figure's key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// The scenario value, as printed (`84,679`).
    pub value: String,
    /// The published value.
    pub baseline: String,
    /// Scenario − published (`+100`), empty when equal.
    pub delta: String,
    /// The change against the prior year in %, at the publication's precision, when known.
    pub percent: Option<String>,
    /// The change against the prior year in the budget's unit (`+15,218`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yoy: Option<String>,
    /// A 类's share of the total expenditure, in % to one decimal.
    pub share: Option<String>,
    /// The table cells that print this figure (`t7:5:5`).
    pub cells: Vec<String>,
    /// The cells that printed another value than the figure's baseline (表1 printed 9,208
    /// where 表7 printed 9,207), with what they show in the scenario: their own printed value
    /// moved by the figure's difference. Every other cell shows `value`.
    pub cell_values: BTreeMap<String, String>,
}

/// A budget under edit.
#[derive(Clone, Debug)]
pub struct Scenario {
    graph: graph::Graph,
    undo: Vec<Vec<Edit>>,
    redo: Vec<Vec<Edit>>,
    balance: Balance,
}

impl Scenario {
    /// Builds the figure graph of a budget.
    pub fn new(budget: &Budget) -> Result<Scenario, Error> {
        Ok(Scenario {
            graph: graph::Graph::build(budget)?,
            undo: Vec::new(),
            redo: Vec::new(),
            balance: Balance::Follow,
        })
    }

    /// Every figure, in graph order.
    pub fn nodes(&self) -> &[Node] {
        self.graph.nodes()
    }

    /// The figures a budget officer edits (projects, basic-expenditure lines, 三公 items,
    /// income lines), in graph order.
    pub fn leaves(&self) -> impl Iterator<Item = &Node> {
        self.graph.nodes().iter().filter(|n| n.kind.is_leaf())
    }

    /// The figure with this key.
    pub fn node(&self, key: &str) -> Option<&Node> {
        self.graph.get(key)
    }

    /// The balance mode.
    pub fn balance(&self) -> Balance {
        self.balance
    }

    /// Switches between income following expenditure and a fixed ceiling; returns what changed.
    pub fn set_balance(&mut self, balance: Balance) -> Result<Vec<Changed>, Error> {
        if balance == self.balance {
            return Ok(Vec::new());
        }
        let touched = self.graph.rebalance(balance)?;
        self.balance = balance;
        Ok(self.describe(&touched))
    }

    /// Sets a leaf to the amount typed in `input` (see [`parse_input`]) and returns every
    /// figure that changed.
    pub fn edit(&mut self, key: &str, input: &str) -> Result<Vec<Changed>, Error> {
        let to = parse_input(input)?;
        self.refuse_negative_spending(key, to)?;
        let changed = self.set(key, to)?;
        Ok(changed)
    }

    /// A spending line may be cut to zero, not below: `-5` for a project is refused.
    fn refuse_negative_spending(&self, key: &str, to: Amount) -> Result<(), Error> {
        if to.is_negative() && self.graph.is_spending(key) {
            return Err(negative_spending(to));
        }
        Ok(())
    }

    fn set(&mut self, key: &str, to: Amount) -> Result<Vec<Changed>, Error> {
        let touched = self.set_touched(key, to)?;
        Ok(self.describe(&touched))
    }

    /// Sets a leaf, as one undoable step; the indices of the figures it moved.
    fn set_touched(&mut self, key: &str, to: Amount) -> Result<Vec<usize>, Error> {
        let from = self.graph.leaf_value(key)?;
        if from == to {
            return Ok(Vec::new());
        }
        let touched = self.graph.apply(key, to, self.balance)?;
        self.undo.push(vec![Edit {
            key: key.to_string(),
            from,
            to,
        }]);
        self.redo.clear();
        Ok(touched)
    }

    /// [`Scenario::edit`], with what changed written compactly into `out` (cleared first),
    /// for a caller that already holds every figure's key, label, baseline and cells (from
    /// [`Scenario::all`], whose order gives each figure its index): a first line
    /// `undo<TAB>redo` (the history's depths), then one line per figure moved: `index`,
    /// `value`, `delta`, `percent`, `yoy`, `share` as in [`Changed`] (empty where none),
    /// tab-separated, then the cells showing another value than `value`, as `id=value`
    /// parted by `;`. No general serializer, and nothing that does not change.
    pub fn edit_compact(&mut self, key: &str, input: &str, out: &mut String) -> Result<(), Error> {
        let to = parse_input(input)?;
        self.refuse_negative_spending(key, to)?;
        let touched = self.set_touched(key, to)?;
        out.clear();
        let (undo, redo) = self.history();
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{undo}\t{redo}");
        for i in touched {
            self.graph.write_changed(i, out);
        }
        Ok(())
    }

    /// Applies a group of edits in order (`forward`) or undoes it in reverse order.
    fn replay(&mut self, group: &[Edit], forward: bool) -> Result<Vec<usize>, Error> {
        let mut touched = Vec::new();
        if forward {
            for e in group {
                touched.extend(self.graph.apply(&e.key, e.to, self.balance)?);
            }
        } else {
            for e in group.iter().rev() {
                touched.extend(self.graph.apply(&e.key, e.from, self.balance)?);
            }
        }
        touched.sort_unstable();
        touched.dedup();
        Ok(touched)
    }

    /// Undoes the last step (an edit, or a whole loaded scenario or reset); `None` when there
    /// is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Vec<Changed>>, Error> {
        self.travel(false)
    }

    /// Redoes the last undone step; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Vec<Changed>>, Error> {
        self.travel(true)
    }

    /// Moves one step from the undo stack to the redo stack (or, `forward`, back): the step
    /// stays where it was when replaying it fails.
    fn travel(&mut self, forward: bool) -> Result<Option<Vec<Changed>>, Error> {
        let Some(group) = self.stacks(forward).0.pop() else {
            return Ok(None);
        };
        let replayed = self.replay(&group, forward);
        let (from, to) = self.stacks(forward);
        match replayed {
            Ok(touched) => {
                to.push(group);
                Ok(Some(self.describe(&touched)))
            }
            Err(e) => {
                from.push(group);
                Err(e)
            }
        }
    }

    /// (the stack a step is taken from, the stack it goes to).
    fn stacks(&mut self, forward: bool) -> (&mut Vec<Vec<Edit>>, &mut Vec<Vec<Edit>>) {
        if forward {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        }
    }

    /// Returns every leaf to its published value, as one step that can be undone.
    pub fn reset(&mut self) -> Result<Vec<Changed>, Error> {
        let group: Vec<Edit> = self
            .graph
            .nodes()
            .iter()
            .filter(|n| n.kind.is_leaf() && n.value != n.baseline)
            .map(|n| Edit {
                key: n.key.clone(),
                from: n.value,
                to: n.baseline,
            })
            .collect();
        if group.is_empty() {
            return Ok(Vec::new());
        }
        let touched = self.replay(&group, true)?;
        self.undo.push(group);
        self.redo.clear();
        Ok(self.describe(&touched))
    }

    /// How many steps can be undone and redone.
    pub fn history(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// The edits that make this scenario from the baseline: each changed leaf and its value,
    /// in key order (what a share link or a saved scenario carries).
    pub fn edits(&self) -> BTreeMap<String, Amount> {
        self.graph
            .nodes()
            .iter()
            .filter(|n| n.kind.is_leaf() && n.value != n.baseline)
            .map(|n| (n.key.clone(), n.value))
            .collect()
    }

    /// Adds a project the publication does not list, under the 项 `code` (`2011302`), with the
    /// amount typed in `input`, as one undoable step: its 项, 款, 类, the 项目支出 and the total
    /// follow. Its key (`new:2011302:名称`) carries the code and the name, so that a saved
    /// scenario or a share link brings it back. Adding the same name again sets its amount.
    pub fn add_project(
        &mut self,
        code: &str,
        name: &str,
        input: &str,
    ) -> Result<Vec<Changed>, Error> {
        let key = new_project_key(code, name)?;
        let to = parse_input(input)?;
        if to.is_negative() {
            return Err(negative_spending(to));
        }
        self.ensure_new_project(&key)?;
        self.set(&key, to)
    }

    /// Moves a project to another 项 (`code`), as one undoable step: the project goes to 0 where
    /// it was and comes back, with its amount and name, as a project added under `code`; the
    /// 项, 款 and 类 of both follow, the total stays.
    pub fn move_project(&mut self, key: &str, code: &str) -> Result<Vec<Changed>, Error> {
        let node = self
            .graph
            .get(key)
            .filter(|n| n.kind == Kind::Project)
            .ok_or_else(|| Error::Scenario {
                message: crate::error::Message::new(
                    format!("“{key}”不是项目"),
                    format!("“{key}” is not a project"),
                ),
            })?;
        let amount = node.value;
        let name: String = node.label.replace(':', "：").chars().take(40).collect();
        let target = new_project_key(code, &name)?;
        if target == key {
            return Ok(Vec::new());
        }
        self.ensure_new_project(&target)?;
        let already = self.graph.leaf_value(&target)?;
        let mut edits = BTreeMap::new();
        edits.insert(key.to_string(), Amount::ZERO);
        edits.insert(target, already.checked_add(amount)?);
        self.apply_edits(&edits)
    }

    /// Creates the node of an added project's key (`new:{code}:{name}`) when it is not there yet.
    fn ensure_new_project(&mut self, key: &str) -> Result<(), Error> {
        let Some(rest) = key.strip_prefix(NEW_PROJECT) else {
            return Ok(());
        };
        if self.graph.get(key).is_some() {
            return Ok(());
        }
        let (code, name) = rest.split_once(':').unwrap_or((rest, ""));
        new_project_key(code, name)?;
        let added = self
            .graph
            .nodes()
            .iter()
            .filter(|n| n.key.starts_with(NEW_PROJECT))
            .count();
        if added >= MAX_NEW_PROJECTS {
            return Err(Error::Scenario {
                message: crate::error::Message::new(
                    format!("新增项目最多 {MAX_NEW_PROJECTS} 个"),
                    format!("at most {MAX_NEW_PROJECTS} projects can be added"),
                ),
            });
        }
        self.graph.add_new_project(key, code, name.trim())
    }

    /// Applies a set of edits (a saved scenario or a share link) as one undoable step. An amount
    /// out of [`in_range`], or a negative spending amount, refuses the whole set before anything
    /// changes.
    pub fn apply_edits(&mut self, edits: &BTreeMap<String, Amount>) -> Result<Vec<Changed>, Error> {
        for key in edits.keys() {
            self.ensure_new_project(key)?;
        }
        for (key, value) in edits {
            in_range(*value, &value.to_string()).map_err(|e| Error::Scenario {
                message: crate::error::Message::new(
                    format!("{key}：{e}"),
                    format!("{key}: {}", e.detail_english()),
                ),
            })?;
            self.refuse_negative_spending(key, *value)
                .map_err(|e| match e {
                    Error::Scenario { message } => Error::Scenario {
                        message: crate::error::Message::new(
                            format!("{key}：{}", message.zh),
                            format!("{key}: {}", message.en),
                        ),
                    },
                    other => other,
                })?;
        }
        let mut group = Vec::new();
        for (key, value) in edits {
            let from = self.graph.leaf_value(key)?;
            if from != *value {
                group.push(Edit {
                    key: key.clone(),
                    from,
                    to: *value,
                });
            }
        }
        if group.is_empty() {
            return Ok(Vec::new());
        }
        let touched = self.replay(&group, true)?;
        self.undo.push(group);
        self.redo.clear();
        Ok(self.describe(&touched))
    }

    /// Every figure computed from scratch from the leaves, in graph order.
    pub fn full_recompute(&self) -> Result<Vec<Amount>, Error> {
        self.graph.full_recompute(self.balance)
    }

    /// The current value of every figure, in graph order (what [`Scenario::full_recompute`]
    /// must give).
    pub fn amounts(&self) -> Vec<Amount> {
        self.graph.nodes().iter().map(|n| n.value).collect()
    }

    /// The current value of every figure: `(key, value)` in graph order.
    pub fn values(&self) -> Vec<(String, Amount)> {
        self.graph
            .nodes()
            .iter()
            .map(|n| (n.key.clone(), n.value))
            .collect()
    }

    /// Every figure, described as [`Changed`] (for the first render).
    pub fn all(&self) -> Vec<Changed> {
        let all: Vec<usize> = (0..self.graph.nodes().len()).collect();
        self.describe(&all)
    }

    fn describe(&self, touched: &[usize]) -> Vec<Changed> {
        touched
            .iter()
            .filter_map(|i| self.graph.describe(*i))
            .collect()
    }

    /// The budget with the scenario's figures written into its tables and figures, for the
    /// reconciliation to re-run on.
    pub fn budget(&self, baseline: &Budget) -> Budget {
        let mut patches: BTreeMap<&Location, Amount> = BTreeMap::new();
        for n in self.graph.nodes() {
            if n.value != n.baseline {
                let delta = n.value.checked_sub(n.baseline).unwrap_or(Amount::ZERO);
                for (at, printed) in n.locations.iter().zip(&n.printed) {
                    patches.insert(at, printed.checked_add(delta).unwrap_or(n.value));
                }
            }
        }
        graph::patch(baseline, &patches)
    }

    /// The standard sentence of 第三部分 for a project, regenerated for the scenario
    /// (`节能减排预算 170 万元…较 2021 年预算增加 105 万元，增长 162%`).
    pub fn sentence(&self, budget: &Budget, project_id: &str) -> Option<String> {
        self.graph.sentence(budget, project_id)
    }
}
