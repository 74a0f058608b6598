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
