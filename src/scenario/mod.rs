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

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::error::Error;
use crate::model::{Budget, Location};
pub use graph::{Kind, Node};
pub use parse::parse_input;

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
    /// A 类's share of the total expenditure, in % to one decimal.
    pub share: Option<String>,
    /// The table cells that print this figure (`t7:5:5`).
    pub cells: Vec<String>,
}

/// A budget under edit.
#[derive(Clone, Debug)]
pub struct Scenario {
    graph: graph::Graph,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
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
        let changed = self.set(key, to)?;
        Ok(changed)
    }

    fn set(&mut self, key: &str, to: Amount) -> Result<Vec<Changed>, Error> {
        let from = self.graph.leaf_value(key)?;
        if from == to {
            return Ok(Vec::new());
        }
        let touched = self.graph.apply(key, to, self.balance)?;
        self.undo.push(Edit {
            key: key.to_string(),
            from,
            to,
        });
        self.redo.clear();
        Ok(self.describe(&touched))
    }

    /// Undoes the last edit; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Vec<Changed>>, Error> {
        let Some(edit) = self.undo.pop() else {
            return Ok(None);
        };
        let touched = match self.graph.apply(&edit.key, edit.from, self.balance) {
            Ok(touched) => touched,
            Err(e) => {
                self.undo.push(edit);
                return Err(e);
            }
        };
        self.redo.push(edit);
        Ok(Some(self.describe(&touched)))
    }

    /// Redoes the last undone edit; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Vec<Changed>>, Error> {
        let Some(edit) = self.redo.pop() else {
            return Ok(None);
        };
        let touched = match self.graph.apply(&edit.key, edit.to, self.balance) {
            Ok(touched) => touched,
            Err(e) => {
                self.redo.push(edit);
                return Err(e);
            }
        };
        self.undo.push(edit);
        Ok(Some(self.describe(&touched)))
    }

    /// Returns every leaf to its published value; the undo history is cleared.
    pub fn reset(&mut self) -> Result<Vec<Changed>, Error> {
        let mut touched = Vec::new();
        let leaves: Vec<(String, Amount)> = self
            .graph
            .nodes()
            .iter()
            .filter(|n| n.kind.is_leaf() && n.value != n.baseline)
            .map(|n| (n.key.clone(), n.baseline))
            .collect();
        for (key, baseline) in leaves {
            touched.extend(self.graph.apply(&key, baseline, self.balance)?);
        }
        self.undo.clear();
        self.redo.clear();
        touched.sort_unstable();
        touched.dedup();
        Ok(self.describe(&touched))
    }

    /// How many edits can be undone and redone.
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

    /// Applies a set of edits (a saved scenario or a share link) as one step each.
    pub fn apply_edits(&mut self, edits: &BTreeMap<String, Amount>) -> Result<Vec<Changed>, Error> {
        let mut touched = Vec::new();
        for (key, value) in edits {
            let from = self.graph.leaf_value(key)?;
            if from == *value {
                continue;
            }
            touched.extend(self.graph.apply(key, *value, self.balance)?);
            self.undo.push(Edit {
                key: key.clone(),
                from,
                to: *value,
            });
        }
        self.redo.clear();
        touched.sort_unstable();
        touched.dedup();
        Ok(self.describe(&touched))
    }

    /// Every figure computed from scratch from the leaves: `(key, value)` in graph order.
    pub fn full_recompute(&self) -> Result<Vec<(String, Amount)>, Error> {
        self.graph.full_recompute(self.balance)
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
            .filter_map(|i| self.graph.nodes().get(*i))
            .map(|n| self.graph.describe(n))
            .collect()
    }

    /// The budget with the scenario's figures written into its tables and figures, for the
    /// reconciliation to re-run on.
    pub fn budget(&self, baseline: &Budget) -> Budget {
        let mut patches: BTreeMap<&Location, Amount> = BTreeMap::new();
        for n in self.graph.nodes() {
            if n.value != n.baseline {
                for at in &n.locations {
                    patches.insert(at, n.value);
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
