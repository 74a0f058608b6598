//! The narrative's figures against the tables, in a publication read by role: the 基本支出
//! and 项目支出 a paragraph states against the whole of a classified table in the scope the
//! paragraph names (all funds, 财政拨款, 一般公共预算), with thousands separators in the text.

use yusuan::import;
use yusuan::reconcile::{reconcile, Finding, Status};

/// An expenditure table (all funds) and a general-budget table whose basic spending differ;
/// `{all}` is what the first paragraph says of all funds, `{general}` what the second says
/// of the general budget.
fn publication(all: &str, general: &str) -> String {
    format!(
        "某某局2023年部门预算\n\
第一部分 部门预算收支总体情况\n\
本年支出合计 9,759.38 万元，其中：基本支出 {all} 万元，项目支出 4,381.74 万元。\n\
第二部分 一般公共预算支出情况\n\
一般公共预算财政拨款基本支出 {general} 万元。\n\
支出总表\n\
单位：万元\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
201\t一般公共服务支出\t9,759.38\t5,377.64\t4,381.74\n\
\t合计\t9,759.38\t5,377.64\t4,381.74\n\
一般公共预算支出表\n\
单位：万元\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
201\t一般公共服务支出\t9,746.50\t5,364.75\t4,381.74\n\
\t合计\t9,746.50\t5,364.75\t4,381.74\n"
    )
}

fn figures(text: &str) -> Vec<Finding> {
    let budget = import::published_text(text.as_bytes(), "narrative.txt").expect("reads");
    reconcile(&budget)
        .expect("reconcile")
        .findings
        .into_iter()
        .filter(|f| f.rule == "text.figure")
        .collect()
}

#[test]
fn basic_and_project_spending_are_checked_in_the_scope_the_paragraph_names() {
    let all = figures(&publication("5,377.64", "5,364.75"));
    let said = |words: &str, status: Status| {
        all.iter()
            .any(|f| f.status == status && f.message.contains(words))
    };
    // All funds: 5,377.64 and 4,381.74 agree with the expenditure table, one verdict each.
    assert!(said("“基本支出”（万元）与支出总表", Status::Ok), "{all:#?}");
    assert!(said("“项目支出”（万元）与", Status::Ok), "{all:#?}");
    // 一般公共预算: against the general budget's table only (5,364.75), not the all-funds one.
    assert!(
        said("“基本支出”（万元）与一般公共预算支出表", Status::Ok),
        "{all:#?}"
    );
    assert!(all.iter().all(|f| f.status != Status::Mismatch), "{all:#?}");
    assert_eq!(
        all.iter()
            .filter(|f| f.message.contains("“基本支出”"))
            .count(),
        2,
        "one verdict per statement: {all:#?}"
    );
}

#[test]
fn a_general_budget_figure_that_is_the_all_funds_one_is_a_mismatch() {
    // The second paragraph gives the all-funds figure as the general budget's.
    let all = figures(&publication("5,377.64", "5,377.64"));
    assert!(
        all.iter().any(|f| f.status == Status::Mismatch
            && f.message.contains("一般公共预算支出表")
            && f.message.contains("5,377.64 ≠ 5,364.75")),
        "{all:#?}"
    );
}

#[test]
fn a_part_of_the_project_spending_is_not_taken_for_the_whole() {
    // `其中：信息化项目支出 500 万元` is some projects, not the table's 项目支出.
    let text = publication("5,377.64", "5,364.75").replace(
        "项目支出 4,381.74 万元。",
        "项目支出 4,381.74 万元，其中：信息化项目支出 500 万元。",
    );
    let all = figures(&text);
    assert!(all.iter().all(|f| f.status != Status::Mismatch), "{all:#?}");
    assert!(!all.iter().any(|f| f.message.contains("500")), "{all:#?}");
}
