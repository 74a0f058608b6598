//! Reconciliation of the seed: no mismatch; exactly the rounding differences, missing tables
//! and notes that are really there.

use yusuan::import;
use yusuan::reconcile::{reconcile, Finding, Report, Status};

fn report() -> Report {
    let budget = import::seed().expect("seed");
    reconcile(&budget).expect("reconcile")
}

fn with_status(report: &Report, status: Status) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.status == status)
        .collect()
}

#[test]
fn the_seed_has_no_mismatch() {
    let r = report();
    let mismatches: Vec<&str> = with_status(&r, Status::Mismatch)
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert_eq!(r.summary.mismatch, 0);
    let unverifiable: Vec<&str> = with_status(&r, Status::Unverifiable)
        .iter()
        .filter(|f| !f.rule.starts_with("claim."))
        .map(|f| f.message.as_str())
        .collect();
    assert!(unverifiable.is_empty(), "{unverifiable:#?}");
    assert!(r.summary.ok > 200, "{}", r.summary.ok);
}

#[test]
fn the_missing_tables_are_two_four_and_five() {
    let r = report();
    let missing: Vec<&str> = with_status(&r, Status::Missing)
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(missing.len(), 3);
    for (number, title) in [(2, "收入总表"), (4, "基本支出总表"), (5, "项目支出总表")]
    {
        assert!(
            missing
                .iter()
                .any(|m| m.contains(&format!("表{number}")) && m.contains(title)),
            "表{number} {title} in {missing:#?}"
        );
    }
    // The empty tables 9 and 10 are published with their note.
    let present: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule == "contents" && f.status == Status::Ok)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(present.len(), 8);
    assert!(present
        .iter()
        .any(|m| m.contains("表9") && m.contains("本表本年无发生额")));
}

#[test]
fn every_rounding_difference_that_is_really_there() {
    let r = report();
    let rounding: Vec<&Finding> = with_status(&r, Status::Rounding);
    // (rule, a phrase of the message) — each must be found exactly once.
    let expected = [
        ("same.function", "表1 201 一般公共服务支出 9,208 ≠ 表7 201 一般公共服务支出 支出总计 9,207"),
        ("same.function", "表1 20113 商贸事务 9,208 ≠ 表7 20113 商贸事务 支出总计 9,207"),
        ("same.function", "表6 201 一般公共服务支出 9,208 ≠ 表7 201"),
        ("same.function", "表6 20113 商贸事务 9,208 ≠ 表7 20113"),
        ("function.sum", "表1 功能分类 20113 款 = Σ 项：9,208 ≠ 4,146 + 3,702 + 711 + 593 + 55 = 9,207，差 1，舍入容差 ±3"),
        ("function.sum", "表6 功能分类 20113 款 = Σ 项：9,208 ≠"),
        ("table.sum", "表7 合计 支出总计 = Σ 类：84,579 ≠ 9,207 + 570 + 80 + 480 + 73,300 + 941 = 84,578，差 1，舍入容差 ±3.5"),
        ("table.split", "表7 合计 支出总计 = 基本 + 项目：84,579 ≠ 5,737 + 78,841 = 84,578"),
        ("table.sum", "表11 金额合计 总额 = Σ 任务：84,579 ≠"),
        ("table.sum", "表11 金额合计 财政拨款 = Σ 任务：84,579 ≠"),
        ("same.quantity", "表3 深圳市龙岗区工业和信息化局本级 基本支出 5,738 ≠ 表7 深圳市龙岗区工业和信息化局本级 基本支出 5,737，差 1，舍入容差 ±1"),
        ("projects.sum", "项目支出 = Σ 表11 项目任务：78,841 ≠"),
        ("same.project", "项目“企业服务”第三部分与表11 任务：1,107 ≠ 368 + 738 = 1,106"),
        ("projects.by_code", "表7 2011302 一般行政管理事务 项目支出"),
        ("projects.by_code", "表7 2011307 国内贸易管理 项目支出"),
    ];
    for (rule, phrase) in expected {
        let hits: Vec<&&Finding> = rounding
            .iter()
            .filter(|f| f.rule == rule && f.message.contains(phrase))
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "{rule}: {phrase}\nrounding findings: {:#?}",
            rounding.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }
    assert_eq!(
        rounding.len(),
        expected.len(),
        "no other rounding difference"
    );
    for f in &rounding {
        let d = f.difference.expect("difference");
        let t = f.tolerance.expect("tolerance");
        assert!(!d.is_zero() && d.abs() <= t, "{}", f.message);
        assert!(f.message.contains("舍入容差"), "{}", f.message);
    }
}

#[test]
fn notes_name_the_codes_named_differently_and_the_unit_slip() {
    let r = report();
    let notes: Vec<&str> = with_status(&r, Status::Note)
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(notes.len(), 10, "{notes:#?}");
    assert!(notes
        .iter()
        .any(|n| n.contains("21305") && n.contains("巩固脱贫衔接乡村振兴") && n.contains("扶贫")));
    assert!(notes
        .iter()
        .any(|n| n.contains("扶贫支出") && n.contains("80 元") && n.contains("万元")));
}

/// A reason's one amount in a project's paragraph is set against the change that paragraph
/// states for the project: 第三部分's “由此增加了财政专项资金 1.73 亿元” against “增加 15,500 万元”
/// — 1,800 万元 apart, said as a note (a reason may explain only part of a change), never as a
/// mismatch; the 第二部分 reasons, three amounts for one total change, stay unverifiable.
#[test]
fn a_reasons_amount_is_set_against_the_change_it_explains() {
    let r = report();
    let reasons: Vec<&Finding> = with_status(&r, Status::Note)
        .into_iter()
        .filter(|f| f.message.contains("原因说明的数额"))
        .collect();
    assert_eq!(reasons.len(), 5, "{reasons:#?}");
    let special = reasons
        .iter()
        .find(|f| f.message.contains("1.73 亿元"))
        .expect("the 1.73 亿元 reason");
    assert!(
        special.message.contains("17,300 万元"),
        "{}",
        special.message
    );
    assert!(
        special.message.contains("增加 15,500 万元"),
        "{}",
        special.message
    );
    assert_eq!(
        special.difference.map(|d| d.display()).as_deref(),
        Some("1,800")
    );
    let part2: Vec<&Finding> = with_status(&r, Status::Unverifiable)
        .into_iter()
        .filter(|f| f.message.contains("原因说明中的数字"))
        .collect();
    let in_part2 = part2
        .iter()
        .filter(|f| {
            f.locations
                .iter()
                .any(|l| matches!(l, yusuan::model::Location::Text { part: 2, .. }))
        })
        .count();
    assert_eq!((part2.len(), in_part2), (3, 3), "{part2:#?}");
}

#[test]
fn findings_point_at_table_cells_and_narrative_lines() {
    let r = report();
    let basic = r
        .findings
        .iter()
        .find(|f| f.rule == "same.quantity" && f.status == Status::Rounding)
        .expect("basic expenditure finding");
    use yusuan::model::Location;
    assert_eq!(
        basic.locations,
        [
            Location::Cell {
                table: "t3".into(),
                row: 0,
                col: 2
            },
            Location::Cell {
                table: "t7".into(),
                row: 0,
                col: 4
            },
        ]
    );
    let percent = r
        .findings
        .iter()
        .find(|f| f.rule == "claim.percent" && f.message.contains("19.31%"))
        .expect("percent finding");
    assert_eq!(percent.status, Status::Ok);
    assert!(
        percent
            .message
            .contains("“减少 19.31%”：-101 ÷ 523 = -19.31%，相符"),
        "{}",
        percent.message
    );
    assert!(matches!(
        percent.locations.first(),
        Some(Location::Text {
            part: 3,
            line: 96,
            ..
        })
    ));
}

#[test]
fn every_identity_family_is_checked() {
    let r = report();
    for rule in [
        "contents",
        "balance",
        "table.sum",
        "table.split",
        "function.sum",
        "same.function",
        "names",
        "sanggong.sum",
        "sanggong.change",
        "same.quantity",
        "economic.sum",
        "projects.sum",
        "same.project",
        "projects.by_code",
        "count.goals",
        "procurement",
        "claim.amount",
        "claim.change",
        "claim.percent",
        "claim.count",
        "claim.unit",
    ] {
        assert!(
            r.findings.iter().any(|f| f.rule == rule),
            "no finding for {rule}"
        );
    }
}
