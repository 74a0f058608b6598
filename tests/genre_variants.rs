//! The seed in the dialects and variants of the genre: renumbered and retitled in the national
//! order, cells aligned by spaces or split by `|`, zeros printed as `-`, traditional
//! characters, full-width digits. Each must read to the seed's figures, with no false mismatch.

use yusuan::model::{Budget, Reader};
use yusuan::reconcile::{reconcile, Status};
use yusuan::{import, view};

const SEED: &str = include_str!("../data/longgang-iit-2022-budget.txt");

fn read(text: &str) -> Budget {
    import::published_text(text.as_bytes(), "variant.txt").expect("the variant reads")
}

/// The seed's tables in the national template's order and titles.
fn national_order() -> String {
    let renumber = [
        ("1", "1"),
        ("3", "3"),
        ("6", "4"),
        ("7", "5"),
        ("8", "7"),
        ("9", "8"),
        ("10", "9"),
        ("11", "10"),
    ];
    let lines: Vec<String> = SEED
        .split('\n')
        .map(|l| {
            let number = l
                .strip_prefix("表 ")
                .filter(|n| n.chars().all(|c| c.is_ascii_digit()));
            match number.and_then(|n| renumber.iter().find(|(from, _)| *from == n)) {
                Some((_, to)) => format!("表 {to}"),
                None => l.to_string(),
            }
        })
        .collect();
    lines
        .join("\n")
        .replace("\n收支总表\n", "\n部门收支总表\n")
        .replace("\n支出总表\n", "\n部门支出总表\n")
        .replace("政府预算拨款收支总表", "财政拨款收支总表")
}

/// The seed with each cell padded by spaces to 24 characters (at least two after a longer
/// cell), as a fixed-width export gives.
fn space_aligned() -> String {
    SEED.split('\n')
        .map(|l| {
            if !l.contains('\t') {
                return l.to_string();
            }
            let cells: Vec<&str> = l.split('\t').collect();
            let mut out = String::new();
            for (i, c) in cells.iter().enumerate() {
                out.push_str(c);
                if i + 1 < cells.len() {
                    let width = c.chars().count();
                    out.push_str(&" ".repeat(24usize.saturating_sub(width).max(2)));
                }
            }
            out.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The seed with each column of a table padded to its widest cell and two spaces, as a table
/// laid out by hand is (characters counted one column each).
fn columns_aligned() -> String {
    aligned_by(|c: &str| c.chars().count())
}

/// The same counting a CJK character as two columns, as `column -t` and a monospaced font
/// lay it out.
fn columns_aligned_wide() -> String {
    aligned_by(|c: &str| {
        c.chars()
            .map(|ch| if ch >= '\u{2E80}' { 2 } else { 1 })
            .sum()
    })
}

fn aligned_by(width: impl Fn(&str) -> usize) -> String {
    let lines: Vec<&str> = SEED.split('\n').collect();
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].contains('\t') {
            i += 1;
            continue;
        }
        // A run of rows, blank lines included, up to the next text line.
        let mut j = i;
        while j < lines.len() && (lines[j].contains('\t') || lines[j].trim().is_empty()) {
            j += 1;
        }
        let rows: Vec<Vec<&str>> = (i..j)
            .map(|k| {
                if lines[k].contains('\t') {
                    lines[k].split('\t').collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        let mut widths: Vec<usize> = Vec::new();
        for r in &rows {
            for (c, cell) in r.iter().enumerate() {
                let w = width(cell);
                if widths.len() <= c {
                    widths.push(0);
                }
                widths[c] = widths[c].max(w);
            }
        }
        for (k, r) in rows.iter().enumerate() {
            if r.is_empty() {
                continue;
            }
            let mut line = String::new();
            for (c, cell) in r.iter().enumerate() {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[c] - width(cell) + 2));
            }
            out[i + k] = line.trim_end().to_string();
        }
        i = j;
    }
    out.join("\n")
}

fn dash_zeros() -> String {
    SEED.split('\n')
        .map(|l| {
            l.split('\t')
                .map(|c| if c == "0" { "-" } else { c })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn traditional() -> String {
    SEED.replace("万元", "萬元")
        .replace("预算", "預算")
        .replace("总表", "總表")
        .replace("项目", "項目")
}

fn full_width() -> String {
    SEED.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// One cell per line, empty cells left out: a table copied from a web page.
fn one_cell_per_line() -> String {
    SEED.split('\n')
        .flat_map(|l| {
            if l.contains('\t') {
                l.split('\t')
                    .filter(|c| !c.trim().is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            } else {
                vec![l.to_string()]
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn pipes() -> String {
    SEED.replace('\t', " | ")
}

/// The figure of code `code` in the functional table: the template's functions, or the line
/// of that code in the table read by role.
fn function_line(budget: &Budget, code: &str) -> Option<String> {
    if budget.reader == Reader::Template {
        return budget
            .figures
            .functions
            .iter()
            .find(|f| f.code == code)
            .map(|f| f.total.amount.display());
    }
    budget
        .figures
        .tables
        .iter()
        .filter(|f| f.role.as_deref() == Some("general-function"))
        .flat_map(|f| &f.lines)
        .find(|l| l.code.as_deref() == Some(code))
        .and_then(|l| l.amounts.first())
        .map(|a| a.value.display())
}

#[test]
fn every_variant_reads_to_the_seeds_figures_with_no_false_mismatch() {
    let variants: [(&str, String, Reader); 8] = [
        ("one cell per line", one_cell_per_line(), Reader::Genre),
        // Cells parted by four spaces, aligned with nothing (a copy from a PDF viewer): the
        // 三公 header's second line (小计 购置费 运行维护费) sits at the left, under 预算单位.
        (
            "four spaces, not aligned",
            SEED.replace('\t', "    "),
            Reader::Template,
        ),
        ("space-aligned", space_aligned(), Reader::Template),
        ("columns aligned", columns_aligned(), Reader::Template),
        ("traditional characters", traditional(), Reader::Genre),
        ("full-width digits", full_width(), Reader::Genre),
        ("| separators", pipes(), Reader::Genre),
        (
            "space-aligned national order",
            national_order().replace('\t', "      "),
            Reader::Template,
        ),
    ];
    for (name, text, reader) in &variants {
        let budget = read(text);
        assert_eq!(budget.reader, *reader, "{name}");
        let o = view::overview(&budget);
        assert_eq!(o.total_income.as_deref(), Some("84,579"), "{name}: {o:?}");
        assert_eq!(o.total_expenditure.as_deref(), Some("84,579"), "{name}");
        assert_eq!(budget.year, 2022, "{name}");
        assert!(
            budget.department.contains("工业和信息化局"),
            "{name}: {}",
            budget.department
        );
        assert_eq!(
            function_line(&budget, "2011302").as_deref(),
            Some("3,702"),
            "{name}"
        );
        assert_eq!(
            function_line(&budget, "215").as_deref(),
            Some("73,300"),
            "{name}"
        );
        let report = reconcile(&budget).expect("reconcile");
        let mismatches: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.status == Status::Mismatch)
            .map(|f| f.message.as_str())
            .collect();
        assert!(mismatches.is_empty(), "{name}: {mismatches:#?}");
        assert!(report.summary.ok >= 50, "{name}: {:?}", report.summary);
    }
}

/// Renumbered and retitled in the national order, the tab-separated seed reads by its tables'
/// roles as the seed does, finding for finding (表7 is now the 三公 table, 表5 the functional).
#[test]
fn the_national_order_reads_as_the_seed_does() {
    let seed = reconcile(&import::seed().expect("seed")).expect("reconcile");
    let budget = read(&national_order());
    assert_eq!(budget.reader, Reader::Template);
    assert_eq!(
        budget.table_by_role("sanggong").map(|t| t.label.as_str()),
        Some("表7")
    );
    assert_eq!(
        budget
            .table_by_role("general-function")
            .map(|t| t.label.as_str()),
        Some("表5")
    );
    let national = reconcile(&budget).expect("reconcile");
    assert_eq!(national.summary, seed.summary);
    let sanggong = national
        .findings
        .iter()
        .find(|f| f.rule == "sanggong.sum")
        .expect("a 三公 check");
    assert!(sanggong.message.contains("表7"), "{}", sanggong.message);
}

/// Cells parted by spaces instead of tabs (padded to one width, padded to each column's widest
/// cell, or parted by four spaces with nothing aligned; in the seed's order or the national
/// one): the rows put back in columns read by the template, finding for finding as the seed.
#[test]
fn cells_parted_by_spaces_read_as_the_seed_does() {
    let seed = reconcile(&import::seed().expect("seed")).expect("reconcile");
    let variants = [
        ("padded to 24", space_aligned()),
        ("columns aligned", columns_aligned()),
        ("columns aligned, CJK two wide", columns_aligned_wide()),
        ("four spaces", SEED.replace('\t', "    ")),
        ("national order", national_order().replace('\t', "      ")),
    ];
    for (name, text) in &variants {
        let budget = read(text);
        assert_eq!(budget.reader, Reader::Template, "{name}");
        let report = reconcile(&budget).expect("reconcile");
        assert_eq!(report.summary, seed.summary, "{name}");
        assert_eq!(
            report.findings.len(),
            seed.findings.len(),
            "{name}: the same findings"
        );
    }
}

/// The same text behind a web page's breadcrumbs is not in the template's shape: the genre
/// reader reads it, by its tables' roles, with no false mismatch.
#[test]
fn cells_parted_by_spaces_behind_breadcrumbs_read_by_role() {
    let text = format!("首页 > 信息公开 > 部门预算\n{}", space_aligned());
    let budget = read(&text);
    assert_eq!(budget.reader, Reader::Genre);
    let report = reconcile(&budget).expect("reconcile");
    assert_eq!(report.summary.mismatch, 0, "{:?}", report.summary);
    assert!(report.summary.ok >= 100, "{:?}", report.summary);
}

#[test]
fn zeros_printed_as_dashes_read_as_the_seed_does() {
    let seed = reconcile(&import::seed().expect("seed")).expect("reconcile");
    let dashed = reconcile(&read(&dash_zeros())).expect("reconcile");
    assert_eq!(dashed.summary, seed.summary);
}

/// 2011302 一般行政管理事务 3,702 → 3,802 in the space-aligned 表7 only: its 款 and 类 no longer
/// add up, and the two functional tables disagree — a real slip, found whichever reader reads it.
#[test]
fn a_changed_figure_in_a_variant_is_found() {
    let text = space_aligned().replacen(
        "一般行政管理事务                3,702                   0",
        "一般行政管理事务                3,802                   0",
        1,
    );
    assert_ne!(text, space_aligned(), "the edit applies");
    let mismatches = |text: &str| -> Vec<&'static str> {
        reconcile(&read(text))
            .expect("reconcile")
            .findings
            .iter()
            .filter(|f| f.status == Status::Mismatch)
            .map(|f| f.rule)
            .collect()
    };
    // By the template.
    let rules = mismatches(&text);
    assert!(rules.contains(&"function.sum"), "{rules:?}");
    assert!(rules.contains(&"same.function"), "{rules:?}");
    // By the genre reader, behind breadcrumbs.
    let rules = mismatches(&format!("首页 > 部门预算\n{text}"));
    assert!(rules.contains(&"table.hierarchy"), "{rules:?}");
    assert!(rules.contains(&"table.row"), "{rules:?}");
}

#[test]
fn the_what_if_works_on_a_budget_read_by_role() {
    // Behind breadcrumbs, the space-aligned national order is read by the genre reader.
    let budget = read(&format!(
        "首页 > 部门预算\n{}",
        national_order().replace('\t', "      ")
    ));
    assert_eq!(budget.reader, Reader::Genre);
    let mut scenario = yusuan::scenario::Scenario::new(&budget).expect("scenario");
    let keys: Vec<String> = view::editables(&scenario)
        .into_iter()
        .map(|e| e.key)
        .collect();
    assert!(keys.contains(&"fn:2011302:total".to_string()), "{keys:?}");
    // A 款 or 类 is not decided by itself: it follows its lines.
    assert!(!keys.contains(&"fn:20113:total".to_string()), "{keys:?}");
    let changed = scenario.edit("fn:2011302:total", "3,802").expect("edit");
    let value = |key: &str| {
        changed
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.value.clone())
    };
    assert_eq!(value("fn:2011302:total").as_deref(), Some("3,802"));
    assert_eq!(value("fn:20113:total").as_deref(), Some("9,307"));
    assert_eq!(value("fn:201:total").as_deref(), Some("9,307"));
    assert_eq!(value("total").as_deref(), Some("84,679"));
    // The total is printed by the summary too, and the class by the summary's expenditure side.
    let total_cells = changed
        .iter()
        .find(|c| c.key == "total")
        .map(|c| c.cells.len())
        .unwrap_or(0);
    assert!(total_cells >= 2, "the total follows in more than one table");
    let class_cells = changed
        .iter()
        .find(|c| c.key == "fn:201:total")
        .map(|c| c.cells.len())
        .unwrap_or(0);
    assert!(class_cells >= 2, "the class follows on the summary");
    let undone = scenario.undo().expect("undo").expect("something to undo");
    assert!(undone
        .iter()
        .any(|c| c.key == "total" && c.value == "84,579"));
}

/// The seed's tables alone, tab-separated, amounts printed without thousands separators (what a
/// workbook's General format gives): a five-digit amount beside a code column (`84579`, `73300`)
/// is an amount in its column, not a classification code starting a new row; the title is the
/// department's and the year's, not a header row's `2022 年预算数`.
#[test]
fn plain_digit_amounts_in_tab_cells_are_not_codes() {
    let start = SEED.find("\n表 1\n").expect("the tables");
    let tables: String = SEED[start..]
        .split('\n')
        .map(|l| {
            if l.contains('\t') {
                l.split('\t')
                    .map(|c| {
                        if c.chars().all(|ch| ch.is_ascii_digit() || ch == ',') {
                            c.replace(',', "")
                        } else {
                            c.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        tables.contains("\t84579\t"),
        "the amounts lose their separators"
    );
    let budget = read(&tables);
    assert_eq!(budget.reader, Reader::Genre);
    assert!(!budget.title.contains("预算数"), "{}", budget.title);
    assert_eq!(budget.year, 2022);
    assert_eq!(
        function_line(&budget, "215").as_deref(),
        Some("73,300"),
        "215 reads its total"
    );
    let report = reconcile(&budget).expect("reconcile");
    let mismatches: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.status == Status::Mismatch)
        .map(|f| f.message.as_str())
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert!(report.summary.ok >= 50, "{:?}", report.summary);
}
