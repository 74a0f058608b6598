//! Tables of other templates, read by role: columns known by their headers, whatever their
//! order or dialect (prior year, change and percent beside the year; funding sources; a total
//! row at the bottom), and the identities they imply.

use yusuan::import;
use yusuan::reconcile::{reconcile, Finding, Status};

fn findings(text: &str) -> Vec<Finding> {
    let budget = import::published_text(text.as_bytes(), "other.txt").expect("reads");
    reconcile(&budget).expect("reconcile").findings
}

fn statuses<'a>(all: &'a [Finding], rule: &str) -> Vec<(Status, &'a str)> {
    all.iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.status, f.message.as_str()))
        .collect()
}

/// A function table with the prior year, the change and the change in %: one percent is
/// wrong (30% for 100 on 500), one only rounding explains (33.4% for 100 on 300: 33.33%).
const PRIOR_YEAR: &str = "某某局2023年部门预算\n\
一般公共预算支出预算表\n\
部门：某某局\t单位：万元\n\
科目编码\t科目名称\t本年预算数\t上年预算数\t增减额\t增减%\n\
\t合计\t1,500\t1,300\t200\t15.38%\n\
201\t一般公共服务支出\t600\t500\t100\t30%\n\
20101\t人大事务\t600\t500\t100\t20%\n\
2010101\t行政运行\t600\t500\t100\t20%\n\
208\t社会保障和就业支出\t900\t800\t100\t12.5%\n\
20805\t行政事业单位养老支出\t900\t800\t100\t12.5%\n\
2080501\t行政单位离退休\t400\t300\t100\t33.4%\n\
2080505\t机关事业单位基本养老保险缴费支出\t500\t500\t-\t-\n";

#[test]
fn prior_year_change_and_percent_columns_are_checked() {
    let all = findings(PRIOR_YEAR);
    let change = statuses(&all, "table.change");
    assert_eq!(change.len(), 8, "{change:#?}");
    assert!(change.iter().all(|(s, _)| *s == Status::Ok), "{change:#?}");
    let percent = statuses(&all, "table.percent");
    let mismatches: Vec<&str> = percent
        .iter()
        .filter(|(s, _)| *s == Status::Mismatch)
        .map(|(_, m)| *m)
        .collect();
    assert_eq!(mismatches.len(), 1, "{percent:#?}");
    assert!(
        mismatches[0].contains("201 一般公共服务支出"),
        "{mismatches:?}"
    );
    assert!(
        percent
            .iter()
            .any(|(s, m)| *s == Status::Rounding && m.contains("2080501")),
        "{percent:#?}"
    );
    // The hierarchy holds in every column the header names.
    let hierarchy = statuses(&all, "table.hierarchy");
    assert!(hierarchy.len() >= 6, "{hierarchy:#?}");
    assert!(
        hierarchy.iter().all(|(s, _)| *s == Status::Ok),
        "{hierarchy:#?}"
    );
}

/// An income table by funding source, single spaces and empty cells dropped: each row's total
/// is the sum of its sources whatever the sources' order, and a wrong row is found.
const BY_SOURCE: &str = "某某局2024年部门预算\n\
部门收入预算总表\n\
编制部门：某某局 单位：元\n\
功能分类科目名称 合计 财政拨款收入 事业收入 其他收入\n\
201 一般公共服务支出 1,000 800 200\n\
201 01 人大事务 1,000 800 200\n\
201 01 01 行政运行 1,000 800 150\n\
合计 1,000 800 200\n";

#[test]
fn a_row_total_is_the_sum_of_its_sources_even_with_empty_cells_dropped() {
    let all = findings(BY_SOURCE);
    let rows = statuses(&all, "table.row");
    assert_eq!(rows.len(), 4, "{rows:#?}");
    let wrong: Vec<&str> = rows
        .iter()
        .filter(|(s, _)| *s == Status::Mismatch)
        .map(|(_, m)| *m)
        .collect();
    assert_eq!(wrong.len(), 1, "{rows:#?}");
    assert!(wrong[0].contains("2010101 行政运行"), "{wrong:?}");
}

/// Tab cells shifted against the header's: the header's first cell is empty (the code and name
/// headers are on other lines), a 款 whose name wrapped out of its row prints its amounts one
/// cell to the left of the other rows'. Each row is placed by its count, never partly by cell:
/// 212's 1,572.70 is its basic expenditure, and nothing is a false mismatch.
const SHIFTED_TABS: &str = "某某局2024年度部门决算\n\
一般公共预算财政拨款支出决算表\n\
单位：万元\n\
\t功能分类\t本年支出合计\t基本支出\t项目支出\n\
\t科目编码\n\
\t合计\t3,832.36\t1,572.70\t2,259.66\n\
212\t城乡社区支出\t3,832.36\t1,572.70\t2,259.66\n\
21201\t3,832.36\t1,572.70\t2,259.66\n\
\t城乡社区管理事务\n\
2120101\t行政运行\t1,572.70\t1,572.70\n\
2120199\t其他城乡社区管理事务支出\t2,259.66\t\t2,259.66\n";

#[test]
fn tab_cells_shifted_against_the_header_are_placed_by_count_not_partly() {
    let all = findings(SHIFTED_TABS);
    let mismatches: Vec<&str> = all
        .iter()
        .filter(|f| f.status == Status::Mismatch)
        .map(|f| f.message.as_str())
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    let hierarchy = statuses(&all, "table.hierarchy");
    assert!(
        hierarchy
            .iter()
            .any(|(s, m)| *s == Status::Ok && m.contains("212") && m.contains("基本支出")),
        "{hierarchy:#?}"
    );
}

/// A 支出总表 with the row's 政府采购 beside its sum (a spanning `2022年政府采购项目` over
/// `小计`, `其中：…`, `其中：…`), as a workbook's cells give it and as a print lays it out:
/// the row's total = 基本支出 + 项目支出, the procurement columns no part of it.
const LAID_OUT: &str = r"预算单位        支出总 基本支 项目支 2022 年政府
            计   出   出   采购项目
                        小计       其中：面向中小企 其中：面向小型、 微
                                 业政府采购项目 型企业政府采购项目
 某某局本级 84,579 {basic} 78,841     1,040     1,040           0
";

fn procurement_beside(basic: &str, tabbed: bool) -> String {
    let body = if tabbed {
        format!(
            "预算单位\t支出总计\t基本支出\t项目支出\t2022 年政府采购项目\t\t\n\
\t\t\t\t小计\t其中：面向中小企业政府采购项目\t其中：面向小型、 微型企业政府采购项目\n\
某某局本级\t84,579\t{basic}\t78,841\t1,040\t1,040\t0\n"
        )
    } else {
        LAID_OUT.replace("{basic}", basic)
    };
    // A workbook's sheet is titled by its name; a print keeps the table's number.
    let label = if tabbed { "" } else { "表3\n" };
    format!("某某局2022年部门预算\n{label}支出总表\n部门名称：某某局\n单位：万元\n{body}")
}

#[test]
fn procurement_columns_beside_a_row_are_no_part_of_its_sum() {
    for tabbed in [true, false] {
        let all = findings(&procurement_beside("5,738", tabbed));
        let row = statuses(&all, "table.row");
        assert_eq!(row.len(), 1, "tabbed {tabbed}: {all:#?}");
        assert_eq!(row[0].0, Status::Ok, "{row:#?}");
        assert!(row[0].1.contains("84,579 = 5,738 + 78,841"), "{row:#?}");
        assert!(statuses(&all, "table.unverifiable").is_empty(), "{all:#?}");
        let all = findings(&procurement_beside("5,700", tabbed));
        let row = statuses(&all, "table.row");
        assert_eq!(row.len(), 1, "tabbed {tabbed}: {all:#?}");
        assert_eq!(row[0].0, Status::Mismatch, "{row:#?}");
    }
}
