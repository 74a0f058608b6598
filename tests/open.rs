//! Opening the files people have (crates/open): the seed's tables as workbooks made by real
//! tools (xlsxwriter; LibreOffice's .ods and .xls; CSV in UTF-8 with a BOM and in GBK) and the
//! seed printed to PDF (by Chromium and by LibreOffice) read to the seed's figures with no false
//! mismatch; every Jiangsu corpus PDF reads to the same tables and findings as its
//! `pdftotext -layout` twin; a cell whose stored value its format hides is a note naming the
//! cell; scans, encrypted, damaged and hostile files are refused naming the file.

use std::path::PathBuf;

use yusuan::import::{self, Converted};
use yusuan::model::Budget;
use yusuan::reconcile::{reconcile, Status};
use yusuan::view;

fn fixture_path(name: &str) -> PathBuf {
    let krate = if name.ends_with(".pdf") {
        "pdf"
    } else {
        "sheet"
    };
    [
        env!("CARGO_MANIFEST_DIR"),
        "crates",
        krate,
        "fixtures",
        name,
    ]
    .iter()
    .collect()
}

/// Opens files of one publication as the CLI and the page do: each converted by crates/open,
/// then read by the core as one.
fn open_paths(paths: &[PathBuf]) -> Result<Budget, String> {
    let mut files = Vec::new();
    let mut converted = Vec::new();
    for path in paths {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let opened = yusuan_open::to_text(&bytes, &file).map_err(|e| e.message_zh)?;
        converted.push(opened.map(|o| {
            let notes = o
                .notes
                .into_iter()
                .map(|n| (n.place, n.message_zh, n.message_en));
            Converted::new(&file, o.text, notes)
        }));
        files.push((bytes, file));
    }
    import::converted_publication(&files, converted).map_err(|e| e.to_string())
}

fn open(name: &str) -> Result<Budget, String> {
    open_paths(&[fixture_path(name)])
}

/// The corpus folder beside the project, when it is there.
fn corpus() -> Option<PathBuf> {
    let dir: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "shared",
        "corpus",
        "jiangsu",
    ]
    .iter()
    .collect();
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the corpus is not part of the repository)",
            dir.display()
        );
        None
    }
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

#[test]
fn every_corpus_pdf_reads_as_its_layout_twin() {
    let Some(dir) = corpus() else {
        return;
    };
    let publications: [&[&str]; 6] = [
        &["cppcc-office-2017-full", "cppcc-office-2017-tables"],
        &["cppcc-office-2018-full", "cppcc-office-2018-tables"],
        &["cppcc-office-2019-full", "cppcc-office-2019-tables"],
        &["npc-office-2017-full"],
        &["npc-office-2018-full"],
        &["npc-office-2019-full", "npc-office-2019-tables"],
    ];
    for names in publications {
        let pdfs: Vec<PathBuf> = names.iter().map(|n| dir.join(format!("{n}.pdf"))).collect();
        let twins: Vec<PathBuf> = names
            .iter()
            .map(|n| dir.join(format!("{n}.layout.txt")))
            .collect();
        let from_pdf = open_paths(&pdfs).unwrap_or_else(|e| panic!("{names:?}: {e}"));
        let from_text = open_paths(&twins).unwrap_or_else(|e| panic!("{names:?}: {e}"));
        assert_eq!(from_pdf.title, from_text.title, "{names:?}");
        let roles = |b: &Budget| -> Vec<Option<String>> {
            b.tables.iter().map(|t| t.role.clone()).collect()
        };
        assert_eq!(roles(&from_pdf), roles(&from_text), "{names:?}");
        assert!(
            roles(&from_pdf).iter().filter(|r| r.is_some()).count() >= 8,
            "{names:?}"
        );
        let (a, b) = (
            reconcile(&from_pdf).expect("reconcile"),
            reconcile(&from_text).expect("reconcile"),
        );
        assert_eq!(a.summary, b.summary, "{names:?}");
        assert!(a.summary.ok >= 20, "{names:?}: {:?}", a.summary);
        assert_eq!(
            view::overview(&from_pdf).total_expenditure,
            view::overview(&from_text).total_expenditure,
            "{names:?}"
        );
    }
}

#[test]
fn the_seed_printed_to_pdf_reads_with_no_false_mismatch() {
    // Typeset as HTML and printed by Chromium (--print-to-pdf) and by LibreOffice
    // (soffice --convert-to pdf): crates/pdf/make-fixtures.sh.
    for name in ["seed-chromium.pdf", "seed-libreoffice.pdf"] {
        let budget = open(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(budget.year, 2022, "{name}");
        assert!(
            budget.department.contains("工业和信息化局"),
            "{name}: {}",
            budget.department
        );
        assert!(budget.table_by_role("general-function").is_some(), "{name}");
        let report = reconcile(&budget).expect("reconcile");
        assert_eq!(report.summary.mismatch, 0, "{name}: {:?}", report.summary);
        // Every 类/款/项 of 表7 is checked against its parts, its wrapped header cells and
        // names joined (`支出总` / `计`, `机关事业单位基本养老保险缴` / `费支出 190 …`).
        assert!(report.summary.ok >= 100, "{name}: {:?}", report.summary);
        let hierarchy = report
            .findings
            .iter()
            .filter(|f| f.rule == "table.hierarchy" && f.status == Status::Ok)
            .count();
        assert!(hierarchy >= 30, "{name}: {hierarchy} hierarchy checks");
        // Each class on 表1 and 表6 against 表7, whose unit row (`…本级 84,579 …`) totals it;
        // 201 is 9,208 there and 9,207 here, a rounding difference.
        let classes: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule == "same.class")
            .collect();
        assert!(classes.len() >= 12, "{name}: {classes:#?}");
        assert!(
            classes.iter().any(|f| f.status == Status::Rounding
                && f.message.contains("一般公共服务支出")
                && f.message.contains("9,208 ≠ 9,207")),
            "{name}: {classes:#?}"
        );
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.status == Status::Ok && f.message.contains("84,579")),
            "{name}: the total is checked"
        );
    }
}

#[test]
fn a_workbook_printed_to_pdf_with_its_columns_over_pages_gives_no_false_mismatch() {
    // LibreOffice Calc's print of the seed's workbook (crates/pdf/make-fixtures.sh): all rows
    // of a sheet's first columns, then all rows of the next, names clipped at the cell's edge.
    // What cannot be read (a 类 whose clipped name lost its 五、) is unverifiable, never a
    // mismatch.
    let budget = open("seed-calc.pdf").unwrap_or_else(|e| panic!("{e}"));
    let report = reconcile(&budget).expect("reconcile");
    assert_eq!(report.summary.mismatch, 0, "{:#?}", report.findings);
    // The pages of the sheets' right-hand columns are read beside their rows (and said so):
    // 表7's every 类/款/项 is checked.
    assert!(report.summary.ok >= 60, "{:?}", report.summary);
    let hierarchy = report
        .findings
        .iter()
        .filter(|f| f.rule == "table.hierarchy" && f.status == Status::Ok)
        .count();
    assert!(hierarchy >= 30, "{hierarchy}");
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.status == Status::Note && f.message.contains("第 9 页是第 8 页表格右侧的列")),
        "{:#?}",
        report.findings
    );
    assert!(
        report.findings.iter().any(|f| f.rule == "summary.items"
            && f.status == Status::Ok
            && f.message.contains("84,579")),
        "{:#?}",
        report.findings
    );
}

#[test]
fn scans_encrypted_and_damaged_pdfs_are_refused_with_the_reason() {
    for (name, reason) in [
        ("scanned.pdf", "没有文字层"),
        ("encrypted.pdf", "已加密"),
        ("truncated.pdf", "已损坏"),
        ("zip-bomb.pdf", "超出了读取限制"),
        // Plain text misnamed .pdf is read as the text it is: not a budget.
        ("not-a-pdf.pdf", "不像部门预算"),
    ] {
        let e = open(name).expect_err(name);
        assert!(e.contains(name) && e.contains(reason), "{name}: {e}");
    }
}
