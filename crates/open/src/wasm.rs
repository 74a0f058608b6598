//! The page's entry: `toText(bytes, name)` → `null` (text: read it as it is) or
//! `{ text, notes: [{ place, message, messageEn }] }`; an error is `{ message, messageEn }`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

fn set(o: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(o, &JsValue::from_str(key), value).map(|_| ())
}

/// Turns a PDF or a workbook into the core's text (see [`crate::to_text`]).
#[wasm_bindgen(js_name = toText)]
pub fn to_text(bytes: &[u8], name: &str) -> Result<JsValue, JsValue> {
    match crate::to_text(bytes, name) {
        Ok(None) => Ok(JsValue::NULL),
        Ok(Some(opened)) => {
            let out = Object::new();
            set(&out, "text", &JsValue::from_str(&opened.text))?;
            let notes = Array::new();
            for n in &opened.notes {
                let note = Object::new();
                set(&note, "place", &JsValue::from_str(&n.place))?;
                set(&note, "message", &JsValue::from_str(&n.message_zh))?;
                set(&note, "messageEn", &JsValue::from_str(&n.message_en))?;
                notes.push(&note);
            }
            set(&out, "notes", &notes)?;
            Ok(out.into())
        }
        Err(e) => {
            let err = Object::new();
            set(&err, "message", &JsValue::from_str(&e.message_zh))?;
            set(&err, "messageEn", &JsValue::from_str(&e.message_en))?;
            Err(err.into())
        }
    }
}

/// The scenario's tables as an `.xlsx` workbook (see [`crate::export_xlsx`]).
#[wasm_bindgen(js_name = toXlsx)]
pub fn to_xlsx(json: &str) -> Result<Vec<u8>, JsValue> {
    crate::export_xlsx(json).map_err(|e| {
        let err = Object::new();
        let _ = set(&err, "message", &JsValue::from_str(&e.message_zh));
        let _ = set(&err, "messageEn", &JsValue::from_str(&e.message_en));
        err.into()
    })
}
