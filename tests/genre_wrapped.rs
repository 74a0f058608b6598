//! Cells that a narrow PDF column wrapped over several lines, as its extracted text prints
//! them: header cells (`支出总` / `计`, `公务用车购置及` / `运行维护费`), a classified row's name
//! with its amounts beside the second line, and a unit's name over three lines around its
//! amounts. Each is read as one cell, and the identities they imply are checked.

use yusuan::import;
use yusuan::reconcile::{reconcile, Finding, Status};

/// A general-function table as Chromium's print of the seed lays it out (`pdftotext -layout`
/// dialect): the header's cells wrapped, two names wrapped with their amounts on the second
/// line. `{a}` is 2080505's total.
fn wrapped_function_table(a: &str) -> String {
    format!(
        "2022年某某局部门预算\n\
表7\n\
一般公共预算支出表（按功能分类）\n\
部门名称：某某局\n\
单位：万元\n \
预算单位               科目编 科目名称                  支出总 基本支 项目支\n                    \
码                         计        出     出\n \
某某局                                  855   855      0\n                        \
208 社会保障和就业支出              855   855      0\n                      \
20805 行政事业单位养老支出             855   855      0\n                    \
2080501 行政单位离退休                285   285      0\n                    \
2080505 机关事业单位基本养老保险缴\n                            \
费支出                    {a}   {a}      0\n                   \
2080506 机关事业单位职业年金缴费支\n                           \
出                    380    380      0\n"
    )
}

fn findings(text: &str) -> Vec<Finding> {
    let budget = import::published_text(text.as_bytes(), "wrapped.txt").expect("reads");
    reconcile(&budget).expect("reconcile").findings
}

fn with_rule<'a>(all: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    all.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn a_wrapped_header_names_its_columns_and_wrapped_names_keep_their_amounts() {
    let all = findings(&wrapped_function_table("190"));
    let hierarchy = with_rule(&all, "table.hierarchy");
    // 208 = 20805 and 20805 = its three items, in each of the three columns the header names.
    assert!(hierarchy.len() >= 4, "{hierarchy:#?}");
    assert!(
        hierarchy.iter().all(|f| f.status == Status::Ok),
        "{hierarchy:#?}"
    );
    assert!(
        hierarchy
            .iter()
            .any(|f| f.message.contains("20805") && f.message.contains("285 + 190 + 380")),
        "the wrapped names' amounts are their rows': {hierarchy:#?}"
    );
    let rows = with_rule(&all, "table.row");
    assert!(
        rows.iter()
            .any(|f| f.status == Status::Ok
                && f.message.contains("机关事业单位基本养老保险缴费支出")),
        "the name is joined: {rows:#?}"
    );
    assert!(all.iter().all(|f| f.status != Status::Mismatch), "{all:#?}");
}

#[test]
fn a_changed_figure_in_a_wrapped_row_is_a_mismatch() {
    let all = findings(&wrapped_function_table("200"));
    let mismatched: Vec<&Finding> = all
        .iter()
        .filter(|f| f.status == Status::Mismatch)
        .collect();
    assert!(
        mismatched
            .iter()
            .any(|f| f.rule == "table.hierarchy" && f.message.contains("20805")),
        "{all:#?}"
    );
}

/// An expenditure table whose unit name wrapped over three lines around its amounts.
const WRAPPED_UNIT: &str = "2022年某某局部门预算\n\
表3\n\
支出总表\n\
部门名称：某某局\n\
单位：万元\n\
预算单位        支出总 基本支 项目支\n            \
计   出   出\n \
某某区工\n \
业和信息化局本 84,579 5,738 78,841\n \
级\n";

#[test]
fn a_unit_name_wrapped_above_and_below_its_amounts_is_one_row() {
    let budget = import::published_text(WRAPPED_UNIT.as_bytes(), "wrapped.txt").expect("reads");
    let table = budget
        .table_by_role("expenditure")
        .expect("the expenditure table");
    let labels: Vec<String> = table.rows.iter().map(|r| r.cells.join("|")).collect();
    assert_eq!(table.rows.len(), 1, "{labels:#?}");
    assert!(
        labels[0].contains("某某区工业和信息化局本级"),
        "{labels:#?}"
    );
    let all = reconcile(&budget).expect("reconcile").findings;
    let row = with_rule(&all, "table.row");
    assert!(
        row.iter()
            .any(|f| f.status == Status::Ok && f.message.contains("84,579 = 5,738 + 78,841")),
        "{row:#?}"
    );
}

/// A summary whose expenditure side lost an item's name (clipped by a printed sheet's cell):
/// the numbering skips 二、, so the sum of the items is unverifiable, not a mismatch.
const SKIPPED_ITEM: &str = "2022年某某局部门预算\n\
收支总表\n\
部门名称：某某局\n\
单位：万元\n\
项目\t预算数\t项目\t预算数\n\
一、一般公共预算拨款\t1,000\t一、一般公共服务支出\t400\n\
\t\t支出\t500\n\
\t\t三、住房保障支出\t100\n\
本年收入合计\t1,000\t本年支出合计\t1,000\n";

#[test]
fn a_numbering_that_skips_an_item_makes_the_side_unverifiable() {
    let all = findings(SKIPPED_ITEM);
    assert!(all.iter().all(|f| f.status != Status::Mismatch), "{all:#?}");
    assert!(
        all.iter()
            .any(|f| f.status == Status::Unverifiable
                && f.message.contains("编号不连续（缺少“二、”）")),
        "{all:#?}"
    );
}

/// Jiangsu 2017's 支出预算总表 (`pdftotext -layout`): `基`/`本支出` and `项目`/`支出` print
/// around the line of `合计`, so the line that names the most columns is not the only one that
/// names them; `单位预留机动经费` is wrapped over three lines.
const TALL_CELLS: &str = r"                        支出预算总表
 部门：         江苏省某某厅                      单位：万元




                                     单位
               基         项目
  合计                               预留机动      结转下年资金
            本支出         支出
                                    经费

13,649.07   7,666.68    5,853.96    128.43
";

#[test]
fn part_columns_printed_above_the_main_header_line_are_columns() {
    let all = findings(TALL_CELLS);
    let row = with_rule(&all, "table.row");
    assert_eq!(row.len(), 1, "{all:#?}");
    assert_eq!(row[0].status, Status::Ok, "{row:#?}");
    assert!(
        row[0]
            .message
            .contains("13,649.07 = 7,666.68 + 5,853.96 + 128.43"),
        "{row:#?}"
    );
    let wrong = TALL_CELLS.replace("128.43", "118.43");
    let all = findings(&wrong);
    let row = with_rule(&all, "table.row");
    assert_eq!(row.len(), 1, "{all:#?}");
    assert_eq!(row[0].status, Status::Mismatch, "{row:#?}");
}

/// Putuo's 财政拨款收支预算总表 as its text comes without positions: one amount column on the
/// income side, four on the expenditure side; the cells of a row stand centred, so a label
/// wrapped over two lines prints its head above the row's amounts and its tail below, and a
/// row whose income label wrapped prints both sides' amounts after the income label.
/// `{a}` is 城乡社区支出's 合计.
fn around_summary(a: &str) -> String {
    format!(
        "2026年部门财政拨款收支预算总表\n\
编制部门：某某委员会 单位：元\n\
财政拨款收入 财政拨款支出\n\
项目 预算数 项目 合计 一般公共预算 政府性基金预算 国有资本经营预算\n\
一、社会保障和就业\n\
一、一般公共预算 400.00 100.00 100.00 0.00 0.00\n\
支出\n\
二、政府性基金预算 600.00 二、卫生健康支出 50.00 50.00 0.00 0.00\n\
三、国有资本经营预\n\
三、城乡社区支出 {a} 150.00 600.00 0.00\n\
算\n\
四、资源勘探工业信\n\
100.00 100.00 0.00 0.00\n\
息等支出\n\
收入总计 1,000.00 支出总计 1,000.00 400.00 600.00 0.00\n"
    )
}

#[test]
fn labels_wrapped_around_a_row_without_positions_keep_their_sides() {
    let all = findings(&around_summary("750.00"));
    assert!(
        all.iter().all(|f| f.status != Status::Unverifiable),
        "{all:#?}"
    );
    let items = with_rule(&all, "summary.items");
    assert_eq!(items.len(), 2, "{items:#?}");
    assert!(items.iter().all(|f| f.status == Status::Ok), "{items:#?}");
    // 收入: 400 + 600 + 三、国有资本经营预算 (nothing printed: 0); 支出: the four rows, the
    // first and the last with their labels joined around their amounts.
    assert!(
        items.iter().any(|f| f.message.contains("收入总计")),
        "{items:#?}"
    );
    let spending = items
        .iter()
        .find(|f| f.message.contains("支出总计"))
        .expect("the expenditure side is summed");
    assert!(
        spending
            .values
            .iter()
            .any(|v| v.value == "100.00" && v.label.contains("资源勘探工业信息等支出"))
            && spending
                .values
                .iter()
                .any(|v| v.value == "750.00" && v.label.contains("三、城乡社区支出")),
        "{spending:#?}"
    );
    let rows = with_rule(&all, "table.row");
    assert!(
        rows.len() >= 4 && rows.iter().all(|f| f.status == Status::Ok),
        "{rows:#?}"
    );
}

#[test]
fn a_changed_figure_beside_a_label_wrapped_around_it_is_a_mismatch() {
    let all = findings(&around_summary("760.00"));
    let bad: Vec<&Finding> = all
        .iter()
        .filter(|f| f.status == Status::Mismatch)
        .collect();
    // The expenditure side no longer sums to its total, and the row no longer adds up.
    assert!(
        bad.iter()
            .any(|f| f.rule == "summary.items" && f.message.contains("支出总计")),
        "{all:#?}"
    );
    assert!(bad.iter().any(|f| f.rule == "table.row"), "{all:#?}");
    assert!(
        !bad.iter().any(|f| f.message.contains("收入总计")),
        "the income side still adds up: {bad:#?}"
    );
}

#[test]
fn counts_that_do_not_tell_the_sides_apart_stay_unverifiable() {
    // A row prints three amounts where the sides print one and four: the counts prove
    // nothing, so the amounts alone on their line are still of no known side.
    let text = around_summary("750.00").replace(
        "三、城乡社区支出 750.00 150.00 600.00 0.00",
        "三、城乡社区支出 750.00 150.00 600.00",
    );
    let all = findings(&text);
    assert!(all.iter().all(|f| f.status != Status::Mismatch), "{all:#?}");
    assert!(
        all.iter().any(|f| f.status == Status::Unverifiable
            && f.message.contains("无法确定属于收入方还是支出方")),
        "{all:#?}"
    );
}
