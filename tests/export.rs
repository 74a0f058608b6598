//! The scenario out as a workbook and as CSV: each table in its published layout with every
//! amount column split into 方案 · 公开数 · 增减, amounts as numbers with the publication's
//! format, and a sheet of the changes; read back by the opener's own workbook reader.

use yusuan::export::{self, Cell};
use yusuan::import;
use yusuan::scenario::Scenario;

fn edited() -> (yusuan::model::Budget, Scenario) {
    let b = import::seed().expect("seed");
    let mut s = Scenario::new(&b).expect("scenario");
    let key = s
        .leaves()
        .find(|n| n.label == "节能减排")
        .map(|n| n.key.clone())
        .expect("节能减排");
    s.edit(&key, "170").expect("edit");
    (b, s)
}

#[test]
fn the_export_splits_each_amount_column_into_scenario_published_and_change() {
    let (b, s) = edited();
    let e = export::export(&b, &s.budget(&b), &s);
    let t7 = e.sheets.iter().find(|x| x.name == "表7").expect("表7");
    // The row of 201: code and name as text, then 支出总计 as 9,307 · 9,207 · +100.
    let row = t7
        .rows
        .iter()
        .find(|r| r.get(1) == Some(&Cell::Text("201".into())))
        .expect("the 201 row");
    assert_eq!(
        row.get(3..6).expect("three cells"),
        &[
            Cell::Number("9307".into()),
            Cell::Number("9207".into()),
            Cell::Number("100".into())
        ]
    );
    let changes = e.sheets.last().expect("the changes");
    assert_eq!(changes.name, "修改");
    assert!(changes.rows.iter().any(|r| r
        == &vec![
            Cell::Text("节能减排".into()),
            Cell::Number("70".into()),
            Cell::Number("170".into()),
            Cell::Number("100".into())
        ]));
    let csv = export::csv(&e);
    assert!(csv.contains("方案,公开数,增减"), "{}", &csv[..200]);
    assert!(
        csv.contains("9,307,9,207,100") || csv.contains("\"9,307\",\"9,207\",100"),
        "the CSV prints amounts as published"
    );
}

#[test]
fn the_workbook_reads_back_with_the_scenarios_figures() {
    let (b, s) = edited();
    let e = export::export(&b, &s.budget(&b), &s);
    let json = serde_json::to_string(&e).expect("json");
    let bytes = yusuan_open::export_xlsx(&json).expect("xlsx");
    assert!(bytes.starts_with(b"PK"), "a zip");
    let text = yusuan_open::to_text(&bytes, "scenario.xlsx")
        .expect("reads")
        .expect("converted")
        .text;
    // 表7's 201 row: 9,307 (scenario), 9,207 (published), 100 (change), as formatted numbers.
    assert!(
        text.contains("201\t一般公共服务支出\t9,307\t9,207\t100"),
        "{}",
        &text[..text.len().min(3000)]
    );
    assert!(text.contains("节能减排\t70\t170\t100"));
    assert!(text.contains("84,679\t84,579\t100"), "the total");
}
