//! The JavaScript API: one exported handle, thin methods (see docs/js-api.md).
#![allow(missing_docs)]

use std::cell::OnceCell;
use std::collections::BTreeMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::amount::Amount;
use crate::claims::Checked;
use crate::error::{Error, Message};
use crate::model::Budget;
use crate::reconcile::Report;
use crate::scenario::{self, Balance, Changed, Scenario};
use crate::{import, reconcile, report, view};

/// A share link or saved scenario carries at most this many edits.
const MAX_EDITS: usize = 100_000;

/// A JS `Error` whose `message` is the Chinese text, with `messageEn`, `kind`, `file`, `line`,
/// `within` and `withinEn` (see docs/js-api.md, "Errors").
fn to_js_error(e: Error) -> JsValue {
    let within_en = match &e {
        Error::Import { place, .. } => place.within_english(),
        _ => None,
    };
    js_error(&JsFault {
        zh: &e.to_string(),
        en: &e.english(),
        kind: e.kind(),
        file: e.file(),
        line: e.line(),
        within: e.within(),
        within_en: within_en.as_deref(),
    })
}

/// What a thrown error carries.
struct JsFault<'a> {
    zh: &'a str,
    en: &'a str,
    kind: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    within: Option<&'a str>,
    within_en: Option<&'a str>,
}

fn js_error(f: &JsFault<'_>) -> JsValue {
    let error = js_sys::Error::new(f.zh);
    let text = |v: Option<&str>| v.map_or(JsValue::UNDEFINED, JsValue::from_str);
    let number = f
        .line
        .and_then(|n| u32::try_from(n).ok())
        .map_or(JsValue::UNDEFINED, |n| JsValue::from_f64(f64::from(n)));
    for (key, value) in [
        ("messageEn", JsValue::from_str(f.en)),
        ("kind", JsValue::from_str(f.kind)),
        ("file", text(f.file)),
        ("line", number),
        ("within", text(f.within)),
        ("withinEn", text(f.within_en)),
    ] {
        // Setting a property on a fresh Error cannot fail; if it did, the message remains.
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str(key), &value);
    }
    error.into()
}

/// A refusal of the API itself (a bad argument from the page), as a scenario error.
fn refused(zh: String, en: String) -> JsValue {
    to_js_error(Error::Scenario {
        message: Message::new(zh, en),
    })
}

// One JSON string across the boundary and `JSON.parse` on the JS side: the edit's answer is
// about 25 figures of 8 strings each, and one crossing is several times cheaper than
// serde-wasm-bindgen's one per field (see `make bench`).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    serde_json::to_string(value)
        .map_err(|e| e.to_string())
        .and_then(|json| js_sys::JSON::parse(&json).map_err(|_| "JSON.parse".to_string()))
        .map_err(|e| {
            js_error(&JsFault {
                zh: &format!("内部错误：结果无法转换为 JavaScript 值：{e}"),
                en: &format!(
                    "internal error: the result cannot be converted to a JavaScript value: {e}"
                ),
                kind: "internal",
                file: None,
                line: None,
                within: None,
                within_en: None,
            })
        })
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

#[derive(Serialize)]
struct ScaleStep<'a> {
    changed: &'a [Changed],
    undo: usize,
    redo: usize,
    lines: usize,
    message: &'a str,
    #[serde(rename = "messageEn")]
    message_en: &'a str,
}

#[wasm_bindgen]
pub struct Calculator {
    budget: Budget,
    /// The reconciliation and the narrative's checked claims, run when first asked for
    /// (`findings`, `narrative`…), so that the page can show the budget before its checks.
    checked: OnceCell<(Report, Vec<Checked>)>,
    scenario: Scenario,
}

#[wasm_bindgen]
impl Calculator {
    fn from_budget(budget: Budget) -> Result<Calculator, JsValue> {
        let scenario = Scenario::new(&budget).map_err(to_js_error)?;
        Ok(Calculator {
            budget,
            checked: OnceCell::new(),
            scenario,
        })
    }

    /// The published budget's checks, run on first use.
    fn checked(&self) -> Result<&(Report, Vec<Checked>), JsValue> {
        if let Some(done) = self.checked.get() {
            return Ok(done);
        }
        let done = reconcile::reconcile_with_claims(&self.budget).map_err(to_js_error)?;
        Ok(self.checked.get_or_init(|| done))
    }

    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: &str, file_name: &str) -> Result<Calculator, JsValue> {
        Self::from_budget(import::published_text(text.as_bytes(), file_name).map_err(to_js_error)?)
    }

    /// A budget from a file the page's opener (crates/open) turned into text: a PDF's text
    /// layer or a workbook's sheets, with the opener's remarks as flat triples `[place,
    /// message, messageEn, …]`, reported as notes.
    #[wasm_bindgen(js_name = fromConverted)]
    pub fn from_converted(
        text: &str,
        file_name: &str,
        notes: Vec<String>,
    ) -> Result<Calculator, JsValue> {
        let triples = notes.chunks_exact(3).filter_map(|n| match n {
            [place, message, message_en] => {
                Some((place.clone(), message.clone(), message_en.clone()))
            }
            _ => None,
        });
        let converted = import::Converted::new(file_name, text.to_string(), triples);
        let files = [(Vec::new(), file_name.to_string())];
        Self::from_budget(
            import::converted_publication(&files, vec![Some(converted)]).map_err(to_js_error)?,
        )
    }

    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Calculator, JsValue> {
        Self::from_budget(import::json::read(json, "JSON").map_err(to_js_error)?)
    }

    pub fn generated(projects: usize, seed: u32) -> Result<Calculator, JsValue> {
        Self::from_budget(scenario::generate::generated(projects, u64::from(seed)))
    }

    pub fn overview(&self) -> Result<JsValue, JsValue> {
        to_js(&view::overview(&self.budget))
    }

    pub fn tables(&self) -> Result<JsValue, JsValue> {
        to_js(&view::tables(&self.budget))
    }

    pub fn contents(&self) -> Result<JsValue, JsValue> {
        to_js(&view::contents(&self.budget))
    }

    pub fn findings(&self) -> Result<JsValue, JsValue> {
        to_js(&report::findings(&self.budget, &self.checked()?.0))
    }

    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        import::json::write(&self.budget).map_err(to_js_error)
    }

    pub fn editables(&self) -> Result<JsValue, JsValue> {
        to_js(&view::editables(&self.scenario))
    }

    pub fn figures(&self) -> Result<JsValue, JsValue> {
        to_js(&self.scenario.all())
    }

    pub fn edit(&mut self, key: &str, input: &str) -> Result<JsValue, JsValue> {
        let changed = self.scenario.edit(key, input).map_err(to_js_error)?;
        self.step(&changed)
    }

    /// `edit`, answered as the compact text of `Scenario::edit_compact` (figure indices in the
    /// order of `figures()`, only what changes, no JSON): the page's path for one edit.
    #[wasm_bindgen(js_name = editCompact)]
    pub fn edit_compact(&mut self, key: &str, input: &str) -> Result<String, JsValue> {
        let mut out = String::new();
        self.scenario
            .edit_compact(key, input, &mut out)
            .map_err(to_js_error)?;
        Ok(out)
    }

    pub fn undo(&mut self) -> Result<JsValue, JsValue> {
        match self.scenario.undo().map_err(to_js_error)? {
            Some(changed) => self.step(&changed),
            None => Ok(JsValue::NULL),
        }
    }

    pub fn redo(&mut self) -> Result<JsValue, JsValue> {
        match self.scenario.redo().map_err(to_js_error)? {
            Some(changed) => self.step(&changed),
            None => Ok(JsValue::NULL),
        }
    }

    pub fn reset(&mut self) -> Result<JsValue, JsValue> {
        let changed = self.scenario.reset().map_err(to_js_error)?;
        self.step(&changed)
    }

    #[wasm_bindgen(js_name = setBalance)]
    pub fn set_balance(&mut self, mode: &str) -> Result<JsValue, JsValue> {
        let balance = match mode {
            "follow" => Balance::Follow,
            "ceiling" => Balance::Ceiling,
            _ => {
                return Err(refused(
                    format!("平衡方式只能是 follow 或 ceiling，不能是“{mode}”"),
                    format!("the balance mode must be follow or ceiling, not “{mode}”"),
                ))
            }
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

    pub fn edits(&self) -> Result<JsValue, JsValue> {
        to_js(&self.scenario.edits())
    }

    #[wasm_bindgen(js_name = applyEdits)]
    pub fn apply_edits(&mut self, edits: JsValue) -> Result<JsValue, JsValue> {
        let raw: BTreeMap<String, String> = serde_wasm_bindgen::from_value(edits).map_err(|e| {
            refused(
                format!("方案格式错误：{e}"),
                format!("the scenario is not in the expected format: {e}"),
            )
        })?;
        if raw.len() > MAX_EDITS {
            return Err(refused(
                format!("方案中的修改过多（{} 项，上限 {MAX_EDITS} 项）", raw.len()),
                format!(
                    "the scenario holds too many edits ({}, at most {MAX_EDITS})",
                    raw.len()
                ),
            ));
        }
        let mut parsed = BTreeMap::new();
        for (key, value) in raw {
            let amount = Amount::parse(&value).map_err(|e| {
                refused(
                    format!("{key}：{e}"),
                    format!("{key}: {}", e.detail_english()),
                )
            })?;
            // An added or moved project (`new:{code}:{name}`) is created by the scenario.
            let known = self.scenario.node(&key).is_some_and(|n| n.kind.is_leaf());
            if !known && !key.starts_with(crate::scenario::NEW_PROJECT) {
                return Err(refused(
                    format!("方案中的“{key}”不是本预算可修改的金额"),
                    format!("“{key}” in the scenario is not an amount of this budget that can be edited"),
                ));
            }
            parsed.insert(key, amount);
        }
        let changed = self.scenario.apply_edits(&parsed).map_err(to_js_error)?;
        self.step(&changed)
    }

    /// Adds a project the publication does not list under the 项 `code`, as one step (see
    /// `Scenario::add_project`); its key is `new:{code}:{name}`.
    #[wasm_bindgen(js_name = addProject)]
    pub fn add_project(
        &mut self,
        code: &str,
        name: &str,
        amount: &str,
    ) -> Result<JsValue, JsValue> {
        let changed = self
            .scenario
            .add_project(code, name, amount)
            .map_err(to_js_error)?;
        self.step(&changed)
    }

    /// Moves a project to another 项 `code`, as one step (see `Scenario::move_project`).
    #[wasm_bindgen(js_name = moveProject)]
    pub fn move_project(&mut self, key: &str, code: &str) -> Result<JsValue, JsValue> {
        let changed = self.scenario.move_project(key, code).map_err(to_js_error)?;
        self.step(&changed)
    }

    /// A cut or rise (`-5%`, `+3%`, `-100`) over every spending line figure `key` adds, as one
    /// step: the step (`changed`, `undo`, `redo`) and what it did (`message`, `messageEn`).
    pub fn scale(&mut self, key: &str, change: &str) -> Result<JsValue, JsValue> {
        let scaled = self.scenario.scale(key, change).map_err(to_js_error)?;
        let (undo, redo) = self.scenario.history();
        to_js(&ScaleStep {
            changed: &scaled.changed,
            undo,
            redo,
            lines: scaled.lines,
            message: &scaled.message,
            message_en: &scaled.message_en,
        })
    }

    #[wasm_bindgen(js_name = scenarioChecks)]
    pub fn scenario_checks(&self) -> Result<JsValue, JsValue> {
        let edited = self.scenario.budget(&self.budget);
        let now = reconcile::reconcile(&edited).map_err(to_js_error)?;
        to_js(&report::scenario_checks(&edited, &self.checked()?.0, &now))
    }

    #[wasm_bindgen(js_name = scenarioFindings)]
    pub fn scenario_findings(&self) -> Result<JsValue, JsValue> {
        let edited = self.scenario.budget(&self.budget);
        let report = reconcile::reconcile(&edited).map_err(to_js_error)?;
        to_js(&report::findings(&edited, &report))
    }

    #[wasm_bindgen(js_name = scenarioTables)]
    pub fn scenario_tables(&self) -> Result<JsValue, JsValue> {
        to_js(&view::tables(&self.scenario.budget(&self.budget)))
    }

    pub fn narrative(&self) -> Result<JsValue, JsValue> {
        to_js(&view::narrative_of(&self.budget, &self.checked()?.1))
    }

    #[wasm_bindgen(js_name = scenarioNarrative)]
    pub fn scenario_narrative(&self) -> Result<JsValue, JsValue> {
        to_js(&view::narrative(&self.scenario.budget(&self.budget)).map_err(to_js_error)?)
    }

    pub fn sentences(&self) -> Result<JsValue, JsValue> {
        to_js(&view::sentences(&self.budget, &self.scenario))
    }

    #[wasm_bindgen(js_name = fullRecompute)]
    pub fn full_recompute(&self) -> Result<usize, JsValue> {
        Ok(self.scenario.full_recompute().map_err(to_js_error)?.len())
    }

    pub fn csv(&self) -> String {
        crate::export::csv(&self.export())
    }

    /// The scenario's tables for a workbook (`Export`): the opener's `toXlsx` writes them.
    #[wasm_bindgen(js_name = exportTables)]
    pub fn export_tables(&self) -> Result<String, JsValue> {
        serde_json::to_string(&self.export()).map_err(|e| JsValue::from_str(&e.to_string()))
    }
}

impl Calculator {
    fn export(&self) -> crate::export::Export {
        crate::export::export(
            &self.budget,
            &self.scenario.budget(&self.budget),
            &self.scenario,
        )
    }

    fn step(&self, changed: &[Changed]) -> Result<JsValue, JsValue> {
        let (undo, redo) = self.scenario.history();
        to_js(&Step {
            changed,
            undo,
            redo,
        })
    }
}
