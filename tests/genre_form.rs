//! A project's performance form (Shanghai's 财政项目支出绩效目标申报表): its funding block
//! prints two columns of (label, amount) pairs, 项目资金总额 over 财政资金 and 其他资金 on the
//! left, 年度资金申请总额 over 当年财政拨款, 上年结转资金 and 其他资金 on the right; the text
//! interleaves the columns' lines. Each column's total is checked against its parts.

use yusuan::import;
use yusuan::reconcile::{reconcile, Finding, Status};

/// One form as Putuo's extracted text prints it; `{annual}` is 当年财政拨款.
fn form(annual: &str, other: &str) -> String {
    format!(
        "七、绩效目标\n\
财政项目支出绩效目标申报表\n\
（2026年度）\n\
项目名称 拆违经费 项目性质 经常性项目 项目类别 特定目标类\n\
主管部门 某某局 实施单位 某某局执法大队\n\
计划开始日期 2024-01-01 计划完成日期 2026-12-31\n\
项目资金总额 10,308,000.00 年度资金申请总额 3,498,000.00\n\
其中：当年财政拨款 {annual}\n\
项目资金\n\
其中：财政资金 10,308,000.00\n\
（元）\n\
上年结转资金 0.00\n\
{other}\n\
项目总体目标\n\
年度总体目标\n\
一级指标 二级指标 三级指标 年度(/项目)指标值\n\
产出指标 数量指标 完成年度拆违计划 =100.00(%)\n"
    )
}

const BOTH_OTHERS: &str = "其他资金 0.00 其他资金 0.00";

fn findings(text: &str) -> Vec<Finding> {
    let budget = import::published_text(text.as_bytes(), "form.txt").expect("reads");
    reconcile(&budget).expect("reconcile").findings
}

fn sums(all: &[Finding]) -> Vec<&Finding> {
    all.iter().filter(|f| f.rule == "form.sum").collect()
}

#[test]
fn each_column_of_the_funding_block_adds_up() {
    let all = findings(&form("3,498,000.00", BOTH_OTHERS));
    let sums = sums(&all);
    assert_eq!(sums.len(), 2, "{all:#?}");
    assert!(sums.iter().all(|f| f.status == Status::Ok), "{sums:#?}");
    let annual = sums
        .iter()
        .find(|f| {
            f.message
                .contains("年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金")
        })
        .expect("the right column is checked");
    assert_eq!(annual.values.len(), 4, "{annual:#?}");
    assert!(
        all.iter().all(|f| f.status != Status::Unverifiable),
        "{all:#?}"
    );
}

#[test]
fn a_changed_part_is_a_mismatch_of_its_column_only() {
    let all = findings(&form("3,398,000.00", BOTH_OTHERS));
    let sums = sums(&all);
    let bad: Vec<&&Finding> = sums
        .iter()
        .filter(|f| f.status == Status::Mismatch)
        .collect();
    assert_eq!(bad.len(), 1, "{sums:#?}");
    assert!(bad[0].message.contains("年度资金申请总额"), "{bad:#?}");
    assert!(
        bad[0]
            .message
            .contains("3,498,000.00 ≠ 3,398,000.00 + 0.00 + 0.00"),
        "{bad:#?}"
    );
}

#[test]
fn a_shared_label_alone_on_its_line_makes_its_sums_unverifiable() {
    // `其他资金` printed once, alone: which column it stands in cannot be told.
    let all = findings(&form("3,498,000.00", "其他资金 0.00"));
    assert!(all.iter().all(|f| f.status != Status::Mismatch), "{all:#?}");
    assert!(
        all.iter()
            .any(|f| f.status == Status::Unverifiable && f.message.contains("“其他资金”单独成行")),
        "{all:#?}"
    );
}

#[test]
fn forms_printed_one_after_another_are_each_checked() {
    let one = form("3,498,000.00", BOTH_OTHERS);
    let second = one
        .lines()
        .skip(2)
        .collect::<Vec<_>>()
        .join("\n")
        .replace("10,308,000.00", "500.00")
        .replace("3,498,000.00", "200.00");
    let all = findings(&format!("{one}{second}\n"));
    let sums = sums(&all);
    assert_eq!(sums.len(), 4, "{sums:#?}");
    assert!(sums.iter().all(|f| f.status == Status::Ok), "{sums:#?}");
    assert!(
        sums.iter()
            .any(|f| f.message.contains("500.00 = 500.00 + 0.00")),
        "{sums:#?}"
    );
}

#[test]
fn the_form_with_its_columns_laid_out_reads_the_same() {
    // `pdftotext -layout` of such a form: the columns stand apart by position.
    let text = form("3,498,000.00", BOTH_OTHERS)
        .replace(
            "项目资金总额 10,308,000.00 年度资金申请总额 3,498,000.00",
            "          项目资金总额     10,308,000.00      年度资金申请总额      3,498,000.00",
        )
        .replace(
            BOTH_OTHERS,
            "          其他资金                 0.00      其他资金                      0.00",
        );
    let all = findings(&text);
    let sums = sums(&all);
    assert_eq!(sums.len(), 2, "{all:#?}");
    assert!(sums.iter().all(|f| f.status == Status::Ok), "{sums:#?}");
}
