//! The exported JS API in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use yusuan::wasm::Calculator;

wasm_bindgen_test_configure!(run_in_browser);

fn json(v: Result<JsValue, wasm_bindgen::JsError>) -> Value {
    let v = v.unwrap_or_else(|_| panic!("call failed"));
    serde_wasm_bindgen::from_value(v).expect("plain JSON")
}

#[wasm_bindgen_test]
fn seed_overview_shows_the_published_totals() {
    let calc = Calculator::seed().unwrap_or_else(|_| panic!("seed"));
    let o = json(calc.overview());
    assert_eq!(o["totalExpenditure"], "84,579");
    assert_eq!(o["totalIncome"], "84,579");
    assert_eq!(o["basic"], "5,738");
    assert_eq!(o["project"], "78,841");
    assert_eq!(o["projectCount"], 16);
    assert_eq!(o["unit"], "万元");
    assert_eq!(o["year"], 2022);
}

#[wasm_bindgen_test]
fn findings_have_counts_and_cell_ids() {
    let calc = Calculator::seed().unwrap_or_else(|_| panic!("seed"));
    let f = json(calc.findings());
    assert_eq!(f["summary"]["mismatch"], 0);
    assert_eq!(f["summary"]["missing"], 3);
    assert_eq!(f["summary"]["rounding"], 15);
    let findings = f["findings"].as_array().expect("array");
    let basic = findings
        .iter()
        .find(|x| x["rule"] == "same.quantity" && x["status"] == "rounding")
        .expect("basic expenditure rounding");
    assert_eq!(basic["difference"], "1");
    assert_eq!(basic["tolerance"], "1");
    assert_eq!(basic["locations"][0]["cell"], "t3:0:2");
    assert_eq!(basic["locations"][1]["cell"], "t7:0:4");
    assert_eq!(basic["locations"][1]["line"], 394);
}

#[wasm_bindgen_test]
fn tables_and_contents() {
    let calc = Calculator::seed().unwrap_or_else(|_| panic!("seed"));
    let tables = json(calc.tables());
    let t7 = tables
        .as_array()
        .expect("array")
        .iter()
        .find(|t| t["key"] == "t7")
        .expect("t7");
    assert_eq!(t7["rows"].as_array().map(Vec::len), Some(26));
    assert_eq!(t7["rows"][0]["cells"][3], "84,579");
    assert_eq!(t7["rows"][0]["numeric"][3], true);
    let contents = json(calc.contents());
    let missing: Vec<u64> = contents
        .as_array()
        .expect("array")
        .iter()
        .filter(|c| c["present"] == false)
        .filter_map(|c| c["number"].as_u64())
        .collect();
    assert_eq!(missing, [2, 4, 5]);
}

#[wasm_bindgen_test]
fn bad_text_is_a_js_error_and_json_round_trips() {
    assert!(Calculator::from_text("", "empty.txt").is_err());
    assert!(Calculator::from_text("hello\n", "x.txt").is_err());
    let calc = Calculator::seed().unwrap_or_else(|_| panic!("seed"));
    let text = calc.to_json().unwrap_or_else(|_| panic!("json"));
    let again = Calculator::from_json(&text).unwrap_or_else(|_| panic!("from json"));
    assert_eq!(again.to_json().unwrap_or_else(|_| panic!("json")), text);
    assert!(Calculator::from_json("{\"nope\": 1}").is_err());
}
