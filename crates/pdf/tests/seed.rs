//! The seed budget, typeset as HTML and printed to PDF by Chromium and by LibreOffice.
mod common;
use common::fixture;

fn check(name: &str) -> String {
    let t = yusuan_pdf::pdf_to_text(&fixture(name)).expect("reads");
    assert!(t.pages > 10, "{name}: {} pages", t.pages);
    assert_eq!(t.text.matches('\x0c').count(), t.pages);
    // the total, in the narrative and in the tables
    assert!(t.text.contains("84,579"), "{name}: no 84,579");
    let total_row = t
        .text
        .lines()
        .find(|l| l.contains("本年收入合计") && l.contains("84,579"))
        .unwrap_or_else(|| panic!("{name}: no 本年收入合计 84,579 row"));
    // the row keeps both totals, as columns separated by runs of spaces
    assert!(total_row.contains("本年支出合计"), "{total_row}");
    assert!(total_row.contains("   "), "{total_row}");
    for title in [
        "收支总表",
        "收入总表",
        "支出总表",
        "部门预算",
        "一般公共预算“三公”经费",
    ] {
        assert!(t.text.contains(title), "{name}: no {title}");
    }
    t.text
}

#[test]
fn chromium_print_of_the_seed() {
    let text = check("seed-chromium.pdf");
    // Chromium draws some CJK glyphs from CJK-radical code points and fixes them with
    // /ActualText: 龙 and 门 must come out as themselves
    assert!(text.contains("深圳市龙岗区工业和信息化局"));
    assert!(!text.contains('⻰') && !text.contains('⻔'));
}

#[test]
fn libreoffice_print_of_the_seed() {
    check("seed-libreoffice.pdf");
}

#[test]
fn a_workbook_printed_over_pages_is_joined_row_by_row() {
    // LibreOffice Calc's print of the seed's workbook: a sheet's names on one page, the
    // amounts of the same rows on the next, each row at the same height on both.
    let bytes = fixture("seed-calc.pdf");
    let plain = yusuan_pdf::pdf_to_text(&bytes).expect("reads");
    assert!(plain.joined.is_empty());
    assert!(!plain
        .text
        .lines()
        .any(|l| l.contains("2011302") && l.contains("3,702")));
    let t = yusuan_pdf::pdf_to_text_joining_tiles(&bytes).expect("reads");
    assert_eq!(t.pages, plain.pages);
    assert_eq!(
        t.joined,
        [2, 4, 5, 7, 9, 11, 12, 14, 16],
        "the tiles of 收支总表, 支出总表 (three), 政府预算拨款收支总表, 表7, 三公 (three), \
         政府性基金 and 国有资本经营"
    );
    // A title each tile repeats (`支出总表`) is read once; the 三公 row reads whole.
    assert!(!t.text.contains("支出总表支出总表"));
    assert!(t
        .text
        .lines()
        .any(|l| l.contains("2021") && l.contains("39") && l.contains("32")));
    assert_eq!(
        t.text.matches('\x0c').count(),
        t.pages - t.joined.len(),
        "a joined page has no form feed of its own"
    );
    let row = t
        .text
        .lines()
        .find(|l| l.contains("2011302"))
        .expect("2011302's row");
    assert!(
        row.contains("一般行政管理事务") && row.contains("3,702"),
        "{row}"
    );
    // A budget typeset as a document is left page for page.
    for name in ["seed-chromium.pdf", "seed-libreoffice.pdf"] {
        let t = yusuan_pdf::pdf_to_text_joining_tiles(&fixture(name)).expect("reads");
        assert!(t.joined.is_empty(), "{name}: {:?}", t.joined);
    }
}
