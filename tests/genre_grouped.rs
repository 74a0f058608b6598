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

/// Jiangsu 2019's 政府采购预算表 (`pdftotext -layout`): rows nested by the column their name
/// starts in (品目大类 › 专项 › 物品), one amount column.
const PROCUREMENT: &str = r"公开12表

                          2019年政府采购预算表
部门：江苏省某某厅                                                    单位：万元


采购品目大类         专项名称        经济科目       采购物品名称         采购组织形式   总计
合计                                                                 1,624.42

一、货物A                                                                350.00
              办公设备购置费     办公设备购置                                     300.00
                                      台式计算机（20万以下）   分散自行组织           18.00
                                      便携式计算机（20万以
                                                     分散自行组织           12.00
                                      下）
                                      打印设备（20万以下）    分散自行组织            2.00
                                      其他计算机设备及软件     分散自行组织           53.00
                                      复印机            分散自行组织            7.00
                                      其他办公设备         分散自行组织           10.00
                                      家具用具           分散自行组织          198.00
              省政协专项会议     会议费                                         50.00
                                      印刷品            分散自行组织           50.00
三、服务C                                                            1,274.42
              省政协专项会议     会议费                                        952.65
                                      车辆及其他运输机械租赁
                                                     分散自行组织           60.00
                                      服务
                                      会议服务           分散自行组织          892.65
              交通运行费       公务用车运行维护费                                   50.00
                                      车辆维修和保养服务      分散自行组织           50.00
              省政协业务工作经费   培训费                                        271.77
                                      会议服务           分散自行组织          271.77
";

#[test]
fn a_nested_table_is_the_sum_of_its_rows_at_every_depth() {
    let all = findings(PROCUREMENT);
    let nested = of(&all, "table.nested");
    assert_eq!(nested.len(), 8, "{nested:#?}");
    assert!(nested.iter().all(|(s, _)| *s == Status::Ok), "{nested:#?}");
    assert!(nested
        .iter()
        .any(|(_, m)| m.contains("合计 = 各大类之和：1,624.42 = 350.00 + 1,274.42")));
    // The wrapped item's amount, on the line between its name's two halves, is counted once.
    assert!(
        nested
            .iter()
            .any(|(_, m)| m
                .contains("300.00 = 18.00 + 12.00 + 2.00 + 53.00 + 7.00 + 10.00 + 198.00")),
        "{nested:#?}"
    );
    assert!(nested
        .iter()
        .any(|(_, m)| m.contains("952.65 = 60.00 + 892.65")));
    assert!(of(&all, "table.unverifiable").is_empty(), "{all:#?}");
}

#[test]
fn a_nested_row_that_its_rows_do_not_give_is_a_mismatch() {
    let text = PROCUREMENT.replace("          198.00\n", "          188.00\n");
    let all = findings(&text);
    let wrong: Vec<(Status, &str)> = of(&all, "table.nested")
        .into_iter()
        .filter(|(s, _)| *s == Status::Mismatch)
        .collect();
    assert_eq!(wrong.len(), 1, "{wrong:#?}");
    assert!(wrong[0].1.contains("办公设备购置费"), "{wrong:?}");
}

#[test]
fn a_page_laid_out_afresh_gives_no_depths_and_no_false_mismatch() {
    // The table runs onto a page that `pdftotext -layout` set narrower: its rows start at
    // other columns, so their depths are not taken from the first page's header.
    let (first, rest) = PROCUREMENT.split_at(PROCUREMENT.find("三、服务C").expect("in"));
    let narrower: String = rest
        .lines()
        .map(|l| {
            let t = l.trim_start();
            let indent = (l.len() - t.len()) / 3;
            format!(
                "{}{}\n",
                " ".repeat(indent),
                t.split_whitespace().collect::<Vec<_>>().join("  ")
            )
        })
        .collect();
    let all = findings(&format!("{first}\u{c}{narrower}"));
    let nested = of(&all, "table.nested");
    assert!(nested.iter().all(|(s, _)| *s == Status::Ok), "{nested:#?}");
    // The first page's rows are still checked, and the total from the numbered rows.
    assert!(
        nested.iter().any(|(_, m)| m.contains("300.00 = 18.00")),
        "{nested:#?}"
    );
    assert!(
        nested.iter().any(|(_, m)| m.contains("合计 = 各大类之和")),
        "{nested:#?}"
    );
    assert!(
        !nested.iter().any(|(_, m)| m.contains("952.65 =")),
        "{nested:#?}"
    );
}

/// Shanghai's 三公 and 机关运行经费 table as extracted text: cells parted by single spaces, the
/// cells spanning the header's rows printed before the line of 合计.
fn putuo_sanggong(row: &str) -> String {
    format!(
        "2026年部门“三公”经费和机关运行经费预算表\n\
编制部门：上海市普陀区某某局 单位:万元\n\
“三公”经费预算数\n\
机关运行经费预算\n\
公务用车购置及运行费\n\
数\n\
合计 因公出国(境)费 公务接待费\n\
小计 购置费 运行费\n\
{row}\n"
    )
}

#[test]
fn columns_only_the_sums_can_order_are_placed_and_said_so() {
    let all = findings(&putuo_sanggong(
        "114.22 0.00 0.46 113.76 75.00 38.76 507.25",
    ));
    let note = of(&all, "sanggong.order");
    assert_eq!(note.len(), 1, "{all:#?}");
    assert_eq!(note[0].0, Status::Note);
    assert!(note[0].1.contains("公务接待费 0.46"), "{note:?}");
    assert!(note[0].1.contains("机关运行经费 507.25"), "{note:?}");
    assert!(note[0].1.contains("公务用车购置费 75"), "{note:?}");
    // Its sums are not counted as checks (they chose the order).
    assert!(of(&all, "sanggong.items").is_empty(), "{all:#?}");
    assert!(of(&all, "sanggong.vehicle").is_empty(), "{all:#?}");
}

#[test]
fn columns_no_order_or_two_orders_fit_stay_unverifiable() {
    // A slip (114.22 ≠ 0 + 0.46 + 113.66): no order keeps the sums.
    let all = findings(&putuo_sanggong(
        "114.22 0.00 0.46 113.66 75.00 38.76 507.25",
    ));
    assert!(of(&all, "sanggong.order").is_empty(), "{all:#?}");
    assert!(!of(&all, "table.unverifiable").is_empty(), "{all:#?}");
    // Every figure zero: both orders fit, so neither is taken.
    let all = findings(&putuo_sanggong("0 0 0 0 0 0 0"));
    assert!(of(&all, "sanggong.order").is_empty(), "{all:#?}");
}
