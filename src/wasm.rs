//! The JavaScript API: one exported handle, thin methods (see docs/js-api.md).
#![allow(missing_docs)]

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::model::Budget;
use crate::reconcile::Report;
use crate::{import, reconcile, report, view};

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

#[wasm_bindgen]
pub struct Calculator {
    budget: Budget,
    report: Report,
}

#[wasm_bindgen]
impl Calculator {
    fn from_budget(budget: Budget) -> Result<Calculator, JsError> {
        let report = reconcile::reconcile(&budget).map_err(to_js_error)?;
        Ok(Calculator { budget, report })
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
}
