//! Jiangsu's layouts read by position: a list of sources under 小计 lines (收入预算总表), and a
//! 三公 row that leaves one column empty under a header wrapped over six lines.

use yusuan::import;
use yusuan::reconcile::{reconcile, Finding, Status};

fn findings(text: &str) -> Vec<Finding> {
    let budget = import::published_text(text.as_bytes(), "jiangsu.txt").expect("reads");
    reconcile(&budget).expect("reconcile").findings
}

fn of<'a>(all: &'a [Finding], rule: &str) -> Vec<(Status, &'a str)> {
    all.iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.status, f.message.as_str()))
        .collect()
}

/// `pdftotext -layout` of a 收入预算总表: each source's 小计 heads its items, the source's name
/// printed beside one of them or alone between them; `其中` is part of the line above.
fn income(other: &str, total: &str) -> String {
    INCOME.replace("{other}", other).replace("{total}", total)
}

const INCOME: &str = r"公开02表

                     收入预算总表
部门：江苏省某某厅                           单位：万元

        项目名称                     金额
                收入总计                   {total}
                小计                     13,297.11
   一般公共预算资金     公共财政拨款(补助)资金           13,297.11
                专项收入
        政府性基金   小计
   财政专户管理资金     小计
                小计                         80.00
                事业收入
        其他资金
                经营收入
                其他收入                       {other}
                小计
  上年结转和结余资金
                其中：动用上年结转和结余资金
";

#[test]
fn the_total_is_the_sum_of_the_subtotals_and_each_subtotal_of_its_items() {
    let all = findings(&income("80.00", "13,377.11"));
    let group = of(&all, "table.group");
    assert_eq!(group.len(), 3, "{group:#?}");
    assert!(group.iter().all(|(s, _)| *s == Status::Ok), "{group:#?}");
    assert!(
        group
            .iter()
            .any(|(_, m)| m.contains("收入总计 = 各小计之和：13,377.11 = 13,297.11 + 80.00")),
        "{group:#?}"
    );
    // `小计` above `事业收入` is not one name: the 80.00 is the subtotal's.
    assert!(group
        .iter()
        .any(|(_, m)| m.contains("小计（第 7 行）= 其下各项之和：80.00 = 80.00")));
    assert!(of(&all, "table.unverifiable").is_empty(), "{all:#?}");
}

#[test]
fn an_item_that_differs_from_its_subtotal_is_a_mismatch() {
    let all = findings(&income("70.00", "13,377.11"));
    let group = of(&all, "table.group");
    let wrong: Vec<&str> = group
        .iter()
        .filter(|(s, _)| *s == Status::Mismatch)
        .map(|(_, m)| *m)
        .collect();
    assert_eq!(wrong.len(), 1, "{group:#?}");
    assert!(wrong[0].contains("80.00 ≠ 70.00"), "{wrong:?}");
    let all = findings(&income("80.00", "13,477.11"));
    let wrong: Vec<(Status, &str)> = of(&all, "table.group")
        .into_iter()
        .filter(|(s, _)| *s == Status::Mismatch)
        .collect();
    assert_eq!(wrong.len(), 1, "{wrong:#?}");
    assert!(wrong[0].1.contains("收入总计"), "{wrong:?}");
}

#[test]
fn a_subtotal_left_empty_over_figures_is_unverifiable_and_so_is_the_total() {
    let text = income("80.00", "13,377.11").replace(
        "                小计                         80.00\n",
        "                小计\n",
    );
    let all = findings(&text);
    let group = of(&all, "table.group");
    assert!(group.iter().all(|(s, _)| *s == Status::Ok), "{group:#?}");
    assert!(
        !group.iter().any(|(_, m)| m.contains("收入总计")),
        "{group:#?}"
    );
    let unverifiable = of(&all, "table.unverifiable");
    assert!(
        unverifiable.iter().any(|(_, m)| m.contains("小计未印数字")),
        "{unverifiable:#?}"
    );
}

/// Jiangsu 2019's 三公 table as `pdftotext -layout` gives it: the header's words sit left of
/// their columns, and the vehicles' purchase is empty.
const SANGGONG: &str = r"公开09表

               “三公”经费、会议费、培训费支出预算表
部门：江苏省某某厅                                                                            单位：万元



                                         “三公”经费

                                         公务用车购置及运行维护费
    合计                        因公出国                           公务接待 会议费                  培训费
                    小计                                  公务用车
                              （境）费                 公务用车        费
                                         小计             运行维护
                                                    购置费
                                                          费
         2,224.43    660.10     106.00    156.60          156.60   397.50   1,282.56     281.77
";

#[test]
fn a_sanggong_row_with_an_empty_column_is_placed_by_position() {
    let all = findings(SANGGONG);
    let vehicle = of(&all, "sanggong.vehicle");
    assert_eq!(vehicle.len(), 1, "{all:#?}");
    assert!(
        vehicle[0].1.contains("156.60 = 0.00 + 156.60"),
        "{vehicle:?}"
    );
    let items = of(&all, "sanggong.items");
    assert!(
        items
            .iter()
            .any(|(s, m)| *s == Status::Ok && m.contains("660.10 = 106.00 + 156.60 + 397.50")),
        "{items:?}"
    );
    let total = of(&all, "sanggong.total");
    assert!(
        total
            .iter()
            .any(|(s, m)| *s == Status::Ok && m.contains("2,224.43 = 660.10 + 1,282.56 + 281.77")),
        "{total:?}"
    );
}

#[test]
fn a_sanggong_row_without_positions_stays_unverifiable() {
    // The amounts parted by single spaces: their columns say nothing, and one is missing.
    let text = SANGGONG.replace(
        "         2,224.43    660.10     106.00    156.60          156.60   397.50   1,282.56     281.77\n",
        "            2,224.43 660.10 106.00 156.60 156.60 397.50 1,282.56 281.77\n",
    );
    let all = findings(&text);
    assert!(of(&all, "sanggong.vehicle").is_empty(), "{all:#?}");
    assert!(!of(&all, "table.unverifiable").is_empty(), "{all:#?}");
}
