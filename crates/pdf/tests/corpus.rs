//! Real budgets: the Jiangsu PDFs beside their `pdftotext -layout` twins. Skipped when
//! the corpus folder is absent.
mod common;
use common::CORPUS;
use std::path::Path;

fn corpus() -> Option<Vec<std::path::PathBuf>> {
    let dir = Path::new(CORPUS);
    let Ok(rd) = std::fs::read_dir(dir) else {
        println!("skipped: {CORPUS} is absent");
        return None;
    };
    let mut v: Vec<_> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    v.sort();
    Some(v)
}

#[test]
fn every_corpus_pdf_matches_its_twin_on_key_lines() {
    let Some(files) = corpus() else { return };
    for pdf in files {
        let twin_path = pdf.with_extension("layout.txt");
        let Ok(twin) = std::fs::read_to_string(&twin_path) else {
            continue;
        };
        let bytes = std::fs::read(&pdf).expect("read pdf");
        let out =
            yusuan_pdf::pdf_to_text(&bytes).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        let name = pdf
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert_eq!(out.pages, twin.matches('\x0c').count(), "{name}: pages");
        assert_eq!(
            out.text.matches('\x0c').count(),
            out.pages,
            "{name}: form feeds"
        );
        let ours: std::collections::HashSet<&str> = out.text.lines().map(str::trim_end).collect();
        // table titles, and total rows with their figures in the same columns as poppler's
        for line in twin.lines().map(str::trim_end) {
            let t = line.trim();
            let is_title = t.ends_with('表') && t.chars().count() < 30;
            let is_total = t.contains("合计") && t.chars().any(|c| c.is_ascii_digit());
            if is_title || is_total {
                assert!(ours.contains(line), "{name}: missing line {line:?}");
            }
        }
    }
}

#[test]
fn cppcc_2017_tables_total_row_is_aligned() {
    let Some(_) = corpus() else { return };
    let pdf = Path::new(CORPUS).join("cppcc-office-2017-tables.pdf");
    let Ok(bytes) = std::fs::read(&pdf) else {
        return;
    };
    let out = yusuan_pdf::pdf_to_text(&bytes).expect("reads");
    assert!(out.text.contains("                         收支预算总表\n"));
    let row =
        "      收入合计    9,146.79                     支出合计                     9,146.79";
    assert!(out.text.lines().any(|l| l == row), "no aligned total row");
    // the header "金额" of the expenditure side sits above the last figure's column
    let header = out
        .text
        .lines()
        .find(|l| l.contains("功能科目名称"))
        .expect("header row");
    let header_col = header
        .rfind("金额")
        .map(|b| header.get(..b).map_or(0, |s| s.chars().count()));
    let fig_col = row
        .rfind("9,146.79")
        .map(|b| row.get(..b).map_or(0, |s| s.chars().count()));
    assert!(header_col.is_some() && fig_col.is_some());
}

#[test]
fn corpus_texts_are_byte_identical_to_poppler_22_12() {
    // The twins were made by `pdftotext -layout` of poppler 22.12 (Debian 12). This
    // crate reproduces its arithmetic, so the texts match byte for byte; if the twins are
    // ever regenerated with another poppler, this test (not the key-lines one) may need
    // relaxing.
    let Some(files) = corpus() else { return };
    for pdf in files {
        let Ok(twin) = std::fs::read_to_string(pdf.with_extension("layout.txt")) else {
            continue;
        };
        let bytes = std::fs::read(&pdf).expect("read pdf");
        let out = yusuan_pdf::pdf_to_text(&bytes).expect("reads");
        assert!(
            out.text == twin,
            "{}: text differs from its twin",
            pdf.display()
        );
    }
}
