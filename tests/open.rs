//! Opening the files people have (crates/open): the seed's tables as workbooks made by real
//! tools (xlsxwriter; LibreOffice's .ods and .xls; CSV in UTF-8 with a BOM and in GBK) read to
//! the seed's figures with no false mismatch; a cell whose stored value its format hides is a
//! note naming the cell; damaged and hostile files are refused naming the file.

use std::path::PathBuf;

use yusuan::import::{self, Converted};
use yusuan::model::{Budget, SourceNote};
use yusuan::reconcile::{reconcile, Status};
use yusuan::view;

fn fixture(name: &str) -> (Vec<u8>, String) {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "crates",
        "sheet",
        "fixtures",
        name,
    ]
    .iter()
    .collect();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (bytes, name.to_string())
}

/// Opens a file as the CLI and the page do: converted by crates/open, then read by the core.
fn open(name: &str) -> Result<Budget, String> {
    let (bytes, file) = fixture(name);
    let converted = yusuan_open::to_text(&bytes, &file).map_err(|e| e.message_zh)?;
    let converted = converted.map(|o| Converted {
        text: o.text,
        notes: o
            .notes
            .into_iter()
            .map(|n| SourceNote {
                file: file.clone(),
                place: n.place,
                message: n.message_zh,
                message_en: n.message_en,
            })
            .collect(),
    });
    import::converted_publication(&[(bytes, file)], vec![converted]).map_err(|e| e.to_string())
}

#[test]
fn the_seed_as_workbooks_and_csv_reads_to_its_figures() {
    for name in [
        "seed.xlsx",
        "seed.ods",
        "seed.xls",
        "seed-utf8bom.csv",
        "seed-gbk.csv",
    ] {
        let budget = open(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(budget.year, 2022, "{name}");
        assert!(
            budget.department.contains("工业和信息化局"),
            "{name}: {}",
            budget.department
        );
        let o = view::overview(&budget);
        assert_eq!(o.total_income.as_deref(), Some("84,579"), "{name}: {o:?}");
        assert_eq!(o.total_expenditure.as_deref(), Some("84,579"), "{name}");
        for role in ["summary", "expenditure", "general-function", "sanggong"] {
            assert!(
                budget.table_by_role(role).is_some(),
                "{name}: no {role} table"
            );
        }
        let report = reconcile(&budget).expect("reconcile");
        let mismatches: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.status == Status::Mismatch)
            .map(|f| f.message.as_str())
            .collect();
        assert!(mismatches.is_empty(), "{name}: {mismatches:#?}");
        // The tables' own checks (a workbook carries no narrative): as many as the seed's
        // tables give read by role.
        assert!(report.summary.ok >= 80, "{name}: {:?}", report.summary);
        assert!(
            budget.source_notes.is_empty(),
            "{name}: {:?}",
            budget.source_notes
        );
    }
}

#[test]
fn a_stored_value_its_format_hides_is_a_note_naming_the_cell() {
    // 表7 2011302's 3,702 is stored as 3701.6 under #,##0: the text reads 3,702, as printed,
    // and a note names the cell.
    let budget = open("seed-stored.xlsx").expect("opens");
    let report = reconcile(&budget).expect("reconcile");
    let notes: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "source.display")
        .map(|f| f.message.as_str())
        .collect();
    assert!(!notes.is_empty(), "no note");
    assert!(
        notes
            .iter()
            .all(|n| n.contains("表7") && n.contains("3701.6") && n.contains("3,702")),
        "{notes:#?}"
    );
    assert!(notes.iter().any(|n| n.contains("D8")), "{notes:#?}");
    assert_eq!(report.summary.mismatch, 0);
    assert!(report
        .findings
        .iter()
        .filter(|f| f.rule == "source.display")
        .all(|f| f.status == Status::Note && !f.message_en.is_empty()));
}

#[test]
fn damaged_and_hostile_workbooks_are_refused_naming_the_file() {
    for (name, words) in [
        ("corrupt.xlsx", "已损坏"),
        ("bomb-lying.xlsx", "已损坏"),
        ("bomb-honest.xlsx", "bomb-honest.xlsx"),
    ] {
        let e = open(name).expect_err(name);
        assert!(e.contains(name) && e.contains(words), "{name}: {e}");
    }
}

#[test]
fn text_and_json_are_read_as_they_are() {
    let seed = import::SEED_TEXT.as_bytes();
    assert_eq!(yusuan_open::to_text(seed, "seed.txt"), Ok(None));
    let budget = import::converted_publication(&[(seed.to_vec(), "seed.txt".into())], vec![None])
        .expect("reads");
    let report = reconcile(&budget).expect("reconcile");
    assert_eq!(report.summary.ok, 331);
}
