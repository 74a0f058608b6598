//! The JavaScript API: one exported handle, thin methods (see docs/js-api.md).
#![allow(missing_docs)]

use std::collections::BTreeMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::amount::Amount;
use crate::error::Error;
use crate::model::Budget;
use crate::reconcile::Report;
use crate::scenario::{self, Balance, Changed, Scenario};
use crate::{import, reconcile, report, view};

/// A share link or saved scenario carries at most this many edits.
const MAX_EDITS: usize = 100_000;

fn to_js_error(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Stops this wasm instance with a trap, as a bug would: the page's recovery (a fresh instance,
/// the edits replayed) is tested with it. Nothing in the page calls it.
#[wasm_bindgen(js_name = abortForTesting)]
pub fn abort_for_testing() {
    core::arch::wasm32::unreachable()
}

#[derive(Serialize)]
struct Step<'a> {
    changed: &'a [Changed],
    undo: usize,
    redo: usize,
}

#[wasm_bindgen]
pub struct Calculator {
    budget: Budget,
    report: Report,
    scenario: Scenario,
}

#[wasm_bindgen]
impl Calculator {
    fn from_budget(budget: Budget) -> Result<Calculator, JsError> {
        let report = reconcile::reconcile(&budget).map_err(to_js_error)?;
        let scenario = Scenario::new(&budget).map_err(to_js_error)?;
        Ok(Calculator {
            budget,
            report,
            scenario,
        })
    }

    pub fn seed() -> Result<Calculator, JsError> {
        Self::from_budget(import::seed().map_err(to_js_error)?)
    }

    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: &str, file_name: &str) -> Result<Calculator, JsError> {
        Self::from_budget(import::published_text(text.as_bytes(), file_name).map_err(to_js_error)?)
    }

    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Calculator, JsError> {
        Self::from_budget(import::json::read(json, "JSON").map_err(to_js_error)?)
    }

    pub fn generated(projects: usize, seed: u32) -> Result<Calculator, JsError> {
        Self::from_budget(scenario::generate::generated(projects, u64::from(seed)))
    }

    pub fn overview(&self) -> Result<JsValue, JsError> {
        to_js(&view::overview(&self.budget))
    }

    pub fn tables(&self) -> Result<JsValue, JsError> {
        to_js(&view::tables(&self.budget))
    }

    pub fn contents(&self) -> Result<JsValue, JsError> {
        to_js(&view::contents(&self.budget))
    }

    pub fn findings(&self) -> Result<JsValue, JsError> {
        to_js(&report::findings(&self.budget, &self.report))
    }

    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsError> {
        import::json::write(&self.budget).map_err(to_js_error)
    }

    pub fn editables(&self) -> Result<JsValue, JsError> {
        to_js(&view::editables(&self.budget, &self.scenario))
    }

    pub fn figures(&self) -> Result<JsValue, JsError> {
        to_js(&self.scenario.all())
    }

    pub fn edit(&mut self, key: &str, input: &str) -> Result<JsValue, JsError> {
        let changed = self.scenario.edit(key, input).map_err(to_js_error)?;
        self.step(&changed)
    }

    pub fn undo(&mut self) -> Result<JsValue, JsError> {
        match self.scenario.undo().map_err(to_js_error)? {
            Some(changed) => self.step(&changed),
            None => Ok(JsValue::NULL),
        }
    }

    pub fn redo(&mut self) -> Result<JsValue, JsError> {
        match self.scenario.redo().map_err(to_js_error)? {
            Some(changed) => self.step(&changed),
            None => Ok(JsValue::NULL),
        }
    }

    pub fn reset(&mut self) -> Result<JsValue, JsError> {
        let changed = self.scenario.reset().map_err(to_js_error)?;
        self.step(&changed)
    }

    #[wasm_bindgen(js_name = setBalance)]
    pub fn set_balance(&mut self, mode: &str) -> Result<JsValue, JsError> {
        let balance = match mode {
            "follow" => Balance::Follow,
            "ceiling" => Balance::Ceiling,
            _ => return Err(JsError::new("平衡方式只能是 follow 或 ceiling")),
        };
        let changed = self.scenario.set_balance(balance).map_err(to_js_error)?;
        self.step(&changed)
    }

    pub fn balance(&self) -> String {
        match self.scenario.balance() {
            Balance::Follow => "follow".into(),
            Balance::Ceiling => "ceiling".into(),
        }
    }

    pub fn edits(&self) -> Result<JsValue, JsError> {
        to_js(&self.scenario.edits())
    }

    #[wasm_bindgen(js_name = applyEdits)]
    pub fn apply_edits(&mut self, edits: JsValue) -> Result<JsValue, JsError> {
        let raw: BTreeMap<String, String> = serde_wasm_bindgen::from_value(edits)
            .map_err(|e| JsError::new(&format!("方案格式错误：{e}")))?;
        if raw.len() > MAX_EDITS {
            return Err(JsError::new("方案中的修改过多"));
        }
        let mut parsed = BTreeMap::new();
        for (key, value) in raw {
            let amount = Amount::parse(&value).map_err(|e| JsError::new(&format!("{key}：{e}")))?;
            self.scenario
                .node(&key)
                .filter(|n| n.kind.is_leaf())
                .ok_or_else(|| JsError::new(&format!("方案中的“{key}”不是本预算可修改的金额")))?;
            parsed.insert(key, amount);
        }
        let changed = self.scenario.apply_edits(&parsed).map_err(to_js_error)?;
        self.step(&changed)
    }

    #[wasm_bindgen(js_name = scenarioFindings)]
    pub fn scenario_findings(&self) -> Result<JsValue, JsError> {
        let edited = self.scenario.budget(&self.budget);
        let report = reconcile::reconcile(&edited).map_err(to_js_error)?;
        to_js(&report::findings(&edited, &report))
    }

    #[wasm_bindgen(js_name = scenarioTables)]
    pub fn scenario_tables(&self) -> Result<JsValue, JsError> {
        to_js(&view::tables(&self.scenario.budget(&self.budget)))
    }

    pub fn narrative(&self) -> Result<JsValue, JsError> {
        to_js(&view::narrative(&self.budget).map_err(to_js_error)?)
    }

    #[wasm_bindgen(js_name = scenarioNarrative)]
    pub fn scenario_narrative(&self) -> Result<JsValue, JsError> {
        to_js(&view::narrative(&self.scenario.budget(&self.budget)).map_err(to_js_error)?)
    }

    pub fn sentences(&self) -> Result<JsValue, JsError> {
        to_js(&view::sentences(&self.budget, &self.scenario))
    }

    #[wasm_bindgen(js_name = fullRecompute)]
    pub fn full_recompute(&self) -> Result<usize, JsError> {
        Ok(self.scenario.full_recompute().map_err(to_js_error)?.len())
    }

    pub fn csv(&self) -> String {
        view::csv(&self.scenario.budget(&self.budget))
    }
}

impl Calculator {
    fn step(&self, changed: &[Changed]) -> Result<JsValue, JsError> {
        let (undo, redo) = self.scenario.history();
        to_js(&Step {
            changed,
            undo,
            redo,
        })
    }
}
