//! The exported JS API in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use yusuan::wasm::Calculator;

wasm_bindgen_test_configure!(run_in_browser);

/// The seed's text: the .wasm does not embed it (the page fetches the file).
const SEED_TEXT: &str = include_str!("../data/longgang-iit-2022-budget.txt");

/// The seed, as the page reads it.
fn seed() -> Calculator {
    Calculator::from_text(SEED_TEXT, "longgang-iit-2022-budget.txt")
        .unwrap_or_else(|_| panic!("seed"))
}

fn json(v: Result<JsValue, JsValue>) -> Value {
    let v = v.unwrap_or_else(|_| panic!("call failed"));
    serde_wasm_bindgen::from_value(v).expect("plain JSON")
}

#[wasm_bindgen_test]
fn seed_overview_shows_the_published_totals() {
    let calc = seed();
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
    let calc = seed();
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
    // The message in English beside the Chinese one, with the same figures.
    assert!(basic["message"]
        .as_str()
        .expect("message")
        .ends_with("5,737，差 1，舍入容差 ±1"));
    assert!(basic["messageEn"]
        .as_str()
        .expect("messageEn")
        .ends_with("5,737, difference 1, rounding tolerance ±1"));
}

#[wasm_bindgen_test]
fn tables_and_contents() {
    let calc = seed();
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
    let calc = seed();
    let text = calc.to_json().unwrap_or_else(|_| panic!("json"));
    let again = Calculator::from_json(&text).unwrap_or_else(|_| panic!("from json"));
    assert_eq!(again.to_json().unwrap_or_else(|_| panic!("json")), text);
    assert!(Calculator::from_json("{\"nope\": 1}").is_err());
}

fn changed<'a>(step: &'a Value, key: &str) -> &'a Value {
    step["changed"]
        .as_array()
        .expect("changed")
        .iter()
        .find(|c| c["key"] == key)
        .unwrap_or_else(|| panic!("{key} not changed"))
}

/// The page's path for an edit: `editCompact` names the figures moved by their index in
/// `figures()` and gives only what changes, as text.
#[wasm_bindgen_test]
fn a_compact_edit_names_the_figures_by_index() {
    let mut calc = seed();
    let figures = json(calc.figures());
    let figures = figures.as_array().expect("array");
    let index_of = |key: &str| {
        figures
            .iter()
            .position(|f| f["key"] == key)
            .unwrap_or_else(|| panic!("{key}"))
    };
    let energy = json(calc.editables())
        .as_array()
        .expect("array")
        .iter()
        .find(|e| e["label"] == "节能减排")
        .and_then(|e| e["key"].as_str().map(str::to_string))
        .expect("节能减排");
    let text = calc
        .edit_compact(&energy, "170")
        .unwrap_or_else(|_| panic!("edit"));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("1\t0"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    let row = |key: &str| {
        let i = index_of(key).to_string();
        rows.iter()
            .find(|r| r.first() == Some(&i.as_str()))
            .unwrap_or_else(|| panic!("{key} in {text}"))
            .clone()
    };
    assert_eq!(row("total")[1..3], ["84,679", "+100"]);
    assert_eq!(row(&energy)[3], "+162%");
    assert!(calc.edit_compact(&energy, "12abc").is_err(), "refused");
}

#[wasm_bindgen_test]
fn an_edit_returns_the_changed_figures_formatted() {
    let mut calc = seed();
    let editables = json(calc.editables());
    let energy = editables
        .as_array()
        .expect("array")
        .iter()
        .find(|e| e["label"] == "节能减排")
        .expect("节能减排 is editable");
    let key = energy["key"].as_str().expect("key").to_string();
    assert_eq!(energy["plain"], "70");
    let step = json(calc.edit(&key, "170"));
    let total = changed(&step, "total");
    assert_eq!(total["value"], "84,679");
    assert_eq!(total["baseline"], "84,579");
    assert_eq!(total["delta"], "+100");
    assert_eq!(changed(&step, "fn:2011302:project")["value"], "3,802");
    assert_eq!(changed(&step, &key)["percent"], "+162%");
    assert_eq!(step["undo"], 1);
    assert!(calc.edit(&key, "12abc").is_err(), "refused");
    let undone = json(calc.undo());
    assert_eq!(changed(&undone, "total")["value"], "84,579");
    assert_eq!(undone["redo"], 1);
}

#[wasm_bindgen_test]
fn ceiling_mode_findings_and_saved_edits() {
    let mut calc = seed();
    json(calc.set_balance("ceiling"));
    assert_eq!(calc.balance(), "ceiling");
    json(calc.edit("sanggong:reception", "3"));
    json(calc.edit("economic:0", "4,073"));
    let findings = json(calc.scenario_findings());
    assert!(
        findings["summary"]["mismatch"].as_u64().unwrap_or(0) > 0,
        "income ≠ expenditure in ceiling mode"
    );
    let balance = findings["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "balance" && f["status"] == "mismatch")
        .expect("the balance mismatch");
    assert!(balance["messageEn"]
        .as_str()
        .expect("messageEn")
        .starts_with("income = expenditure: table 1 "));
    let edits = calc.edits().unwrap_or_else(|_| panic!("edits"));
    let mut other = seed();
    json(other.set_balance("ceiling"));
    let step = json(other.apply_edits(edits));
    assert_eq!(changed(&step, "total")["value"], "84,679");
    assert!(calc.set_balance("sideways").is_err());
    let csv = calc.csv();
    assert!(csv.contains("表8 一般公共预算“三公”经费支出表"));
    assert!(csv.contains(",19,"), "三公 total 18 → 19 in the CSV");
}

#[wasm_bindgen_test]
fn the_narrative_carries_claims_with_spans_and_cells() {
    let calc = seed();
    let parts = json(calc.narrative());
    let part2 = parts
        .as_array()
        .expect("parts")
        .iter()
        .find(|p| p["number"] == 2)
        .expect("第二部分");
    let first = &part2["paragraphs"][0];
    let text: Vec<char> = first["text"].as_str().expect("text").chars().collect();
    let claim = first["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["text"] == "增长22%")
        .expect("增长22%");
    let (start, end) = (
        claim["start"].as_u64().expect("start") as usize,
        claim["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(text[start..end].iter().collect::<String>(), "增长22%");
    assert_eq!(claim["status"], "ok");
    assert_eq!(
        claim["messageEn"],
        "“增长22%”: 15,118 ÷ 69,461 = 21.76%, which agrees"
    );
    let amount = first["claims"][0].clone();
    assert_eq!(amount["text"], "84,579万元");
    assert!(amount["cells"][0]
        .as_str()
        .expect("cell")
        .starts_with("t1:"));
}

/// The property `key` of a thrown error.
fn prop(err: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(err, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(err: &JsValue, key: &str) -> Option<String> {
    prop(err, key).as_string()
}

/// Every error thrown by the Calculator is a JS `Error`: `message` in Chinese, `messageEn` in
/// English, `kind`, and `file`, `line`, `within` (and `withinEn`) where the input has them.
#[wasm_bindgen_test]
fn errors_are_js_errors_with_english_and_a_place() {
    let Err(err) = Calculator::from_text("not a budget", "x.txt") else {
        panic!("accepted");
    };
    assert!(err.is_instance_of::<js_sys::Error>());
    let message = text(&err, "message").expect("message");
    assert!(message.starts_with("x.txt 第 1 行："), "{message}");
    assert!(message.contains("“not a budget”"), "{message}");
    let en = text(&err, "messageEn").expect("messageEn");
    assert!(
        en.starts_with("cannot read x.txt line 1: this does not look like a department budget"),
        "{en}"
    );
    assert_eq!(text(&err, "kind").as_deref(), Some("import"));
    assert_eq!(text(&err, "file").as_deref(), Some("x.txt"));
    assert_eq!(prop(&err, "line").as_f64(), Some(1.0));
    assert!(prop(&err, "within").is_undefined());

    // A table cell: the table, in both languages.
    let original = SEED_TEXT;
    let bad = original.replacen(
        "\t2011302\t一般行政管理事务\t3,702\t",
        "\t2011302\t一般行政管理事务\t12abc\t",
        1,
    );
    assert_ne!(bad, original);
    let Err(err) = Calculator::from_text(&bad, "bad.txt") else {
        panic!("accepted");
    };
    assert_eq!(prop(&err, "line").as_f64(), Some(398.0));
    assert_eq!(
        text(&err, "within").as_deref(),
        Some("表7 一般公共预算支出表（按功能分类）")
    );
    assert_eq!(
        text(&err, "withinEn").as_deref(),
        Some("table 7 “一般公共预算支出表（按功能分类）”")
    );
    let en = text(&err, "messageEn").expect("messageEn");
    assert!(
        en.contains("column “支出总计”: “12abc” is not a valid amount"),
        "{en}"
    );

    // JSON: kind json, the parser's line.
    let Err(err) = Calculator::from_json("{\n  \"nope\": 1}") else {
        panic!("accepted");
    };
    assert_eq!(text(&err, "kind").as_deref(), Some("json"));
    assert_eq!(text(&err, "file").as_deref(), Some("JSON"));
    assert_eq!(prop(&err, "line").as_f64(), Some(2.0));

    // An edit: no file or line.
    let mut calc = seed();
    let Err(err) = calc.edit("project:p01", "12abc") else {
        panic!("accepted");
    };
    assert_eq!(text(&err, "kind").as_deref(), Some("invalidAmount"));
    assert_eq!(
        text(&err, "message").as_deref(),
        Some("“12abc”不是有效金额：不是数字，或千位分隔符位置不对")
    );
    assert_eq!(
        text(&err, "messageEn").as_deref(),
        Some("“12abc” is not a valid amount: not a number, or the thousands separators are misplaced")
    );
    assert!(prop(&err, "file").is_undefined());
    assert!(prop(&err, "line").is_undefined());
    let Err(err) = calc.edit("total", "1") else {
        panic!("accepted");
    };
    assert_eq!(text(&err, "kind").as_deref(), Some("scenario"));
    let Err(err) = calc.set_balance("sideways") else {
        panic!("accepted");
    };
    assert_eq!(text(&err, "kind").as_deref(), Some("scenario"));
    assert!(text(&err, "messageEn").is_some_and(|m| m.contains("follow or ceiling")));
}

/// A file the page's opener turned into text (a workbook's sheets), with the opener's remark:
/// read like any text, and the remark is a note among the findings.
#[wasm_bindgen_test]
fn a_converted_file_reads_and_its_notes_are_findings() {
    let text = SEED_TEXT;
    let notes = vec![
        "表7!D8".to_string(),
        "工作表“表7”单元格 D8：存的是 3701.6，按数字格式显示为 3,702".to_string(),
        "sheet “表7” cell D8 stores 3701.6, shown as 3,702".to_string(),
    ];
    let calc = Calculator::from_converted(text, "seed.xlsx", notes)
        .unwrap_or_else(|_| panic!("converted"));
    let o = json(calc.overview());
    assert_eq!(o["totalExpenditure"], "84,579");
    let f = json(calc.findings());
    let findings = f["findings"].as_array().expect("array");
    let note = findings
        .iter()
        .find(|x| x["rule"] == "source.display")
        .expect("the opener's note");
    assert_eq!(note["status"], "note");
    assert!(note["message"].as_str().unwrap_or("").contains("D8"));
}

#[wasm_bindgen_test]
fn a_scenario_with_a_moved_and_an_added_project_applies_again() {
    // What a share link or a saved scenario carries: the moved project's old key at 0 and its
    // `new:` key, an added project's `new:` key; the other calculator creates them.
    let mut calc = seed();
    let editables = json(calc.editables());
    let key = editables
        .as_array()
        .expect("array")
        .iter()
        .find(|e| e["label"] == "节能减排")
        .and_then(|e| e["key"].as_str())
        .expect("节能减排")
        .to_string();
    json(calc.move_project(&key, "2150517"));
    json(calc.add_project("2011302", "新增调研", "30"));
    let edits = calc.edits().unwrap_or_else(|_| panic!("edits"));
    let mut other = seed();
    let step = json(other.apply_edits(edits));
    assert_eq!(changed(&step, "fn:2150517:project")["value"], "73,370");
    assert_eq!(changed(&step, "fn:2011302:project")["value"], "3,662");
    assert_eq!(changed(&step, "total")["value"], "84,609");
    // A key of no project, new or published, is still refused.
    let mut third = seed();
    let bad = serde_wasm_bindgen::to_value(&std::collections::BTreeMap::from([(
        "project:nope".to_string(),
        "1".to_string(),
    )]))
    .expect("edits");
    assert!(third.apply_edits(bad).is_err());
}
