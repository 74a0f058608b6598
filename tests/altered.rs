//! Altered copies of the seed publication: each case changes one thing (a figure, a
//! percentage, a row, a table, a note, a cell, a column, the encoding) and asserts exactly what
//! the importer and the reconciliation make of it. A "never panics" sweep deletes every line in
//! turn and puts impossible amounts into a sample of lines.
//!
//! Every edit is checked to have happened (the line holds the expected text), so a change to
//! the seed cannot make a case pass silently.

use std::collections::BTreeSet;

use yusuan::error::Error;
use yusuan::import;
use yusuan::model::Budget;
use yusuan::reconcile::{reconcile, Finding, Report, Status};
use yusuan::report;

const SEED: &str = include_str!("../data/longgang-iit-2022-budget.txt");
const FILE: &str = "altered.txt";

// ----- editing the seed -------------------------------------------------------------------

/// One edit of the seed, addressed by the seed's 1-based line numbers.
#[derive(Clone, Copy, Debug)]
enum Edit {
    /// On line `n`, replace the text `from` (which must occur exactly once there) by `to`.
    Replace(usize, &'static str, &'static str),
    /// Delete lines `first..=last`; line `first` must contain the text given.
    Delete(usize, usize, &'static str),
    /// Keep lines `1..=n` only (no newline after the last); line `n` must contain the text.
    CutAfter(usize, &'static str),
    /// Drop the last tab-separated cell of every line in `first..=last` that has a tab.
    DropLastCell(usize, usize),
}

fn seed_lines() -> Vec<&'static str> {
    SEED.split('\n').collect()
}

#[track_caller]
fn seed_line(n: usize) -> &'static str {
    seed_lines()
        .get(n - 1)
        .copied()
        .unwrap_or_else(|| panic!("the seed has no line {n}"))
}

/// Applies the edits to the seed (all line numbers are the seed's).
#[track_caller]
fn altered(edits: &[Edit]) -> String {
    let mut lines: Vec<Option<String>> = seed_lines()
        .into_iter()
        .map(|l| Some(l.to_string()))
        .collect();
    for edit in edits {
        match *edit {
            Edit::Replace(n, from, to) => {
                let line = seed_line(n);
                assert_eq!(
                    line.matches(from).count(),
                    1,
                    "line {n} should hold {from:?} exactly once: {line:?}"
                );
                lines[n - 1] = Some(line.replacen(from, to, 1));
            }
            Edit::Delete(first, last, marker) => {
                assert!(
                    seed_line(first).contains(marker),
                    "line {first} should contain {marker:?}: {:?}",
                    seed_line(first)
                );
                for slot in lines.iter_mut().take(last).skip(first - 1) {
                    *slot = None;
                }
            }
            Edit::CutAfter(n, marker) => {
                assert!(
                    seed_line(n).contains(marker),
                    "line {n} should contain {marker:?}: {:?}",
                    seed_line(n)
                );
                lines.truncate(n);
            }
            Edit::DropLastCell(first, last) => {
                let mut dropped = 0;
                for line in lines.iter_mut().take(last).skip(first - 1).flatten() {
                    if let Some((rest, _)) = line.rsplit_once('\t') {
                        *line = rest.to_string();
                        dropped += 1;
                    }
                }
                assert!(
                    dropped > 10,
                    "only {dropped} table lines in {first}..={last}"
                );
            }
        }
    }
    lines.into_iter().flatten().collect::<Vec<_>>().join("\n")
}

// ----- reading and checking ---------------------------------------------------------------

fn read(text: &str) -> Result<Budget, Error> {
    import::published_text(text.as_bytes(), FILE)
}

#[track_caller]
fn checked(text: &str) -> (Budget, Report) {
    let budget = read(text).unwrap_or_else(|e| panic!("import failed: {e}"));
    let report = reconcile(&budget).unwrap_or_else(|e| panic!("reconcile failed: {e}"));
    (budget, report)
}

fn seed_report() -> Report {
    reconcile(&import::seed().expect("seed")).expect("reconcile seed")
}

/// The findings not in the seed's report (by rule, status and message), other than `ok`.
fn new_findings<'a>(seed: &Report, report: &'a Report) -> Vec<&'a Finding> {
    let known: BTreeSet<(&str, Status, &str)> = seed
        .findings
        .iter()
        .map(|f| (f.rule, f.status, f.message.as_str()))
        .collect();
    report
        .findings
        .iter()
        .filter(|f| f.status != Status::Ok)
        .filter(|f| !known.contains(&(f.rule, f.status, f.message.as_str())))
        .collect()
}

/// A finding that must be there: its rule, status, phrases of its message and the places
/// (label as shown, source line of the altered file) among its locations.
#[derive(Clone, Copy, Debug)]
struct Want {
    rule: &'static str,
    status: Status,
    says: &'static [&'static str],
    at: &'static [(&'static str, usize)],
}

const fn want(
    rule: &'static str,
    status: Status,
    says: &'static [&'static str],
    at: &'static [(&'static str, usize)],
) -> Want {
    Want {
        rule,
        status,
        says,
        at,
    }
}

fn places(budget: &Budget, f: &Finding) -> Vec<(String, Option<usize>)> {
    f.locations
        .iter()
        .map(|l| {
            let v = report::location(budget, l);
            (v.label, v.line)
        })
        .collect()
}

fn describe(budget: &Budget, findings: &[&Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "  [{}] {} {}  @ {:?}",
                f.status.key(),
                f.rule,
                f.message,
                places(budget, f)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn matches(budget: &Budget, f: &Finding, w: &Want) -> bool {
    f.rule == w.rule
        && f.status == w.status
        && w.says.iter().all(|s| f.message.contains(s))
        && w.at.iter().all(|(label, line)| {
            places(budget, f)
                .iter()
                .any(|(l, n)| l == label && *n == Some(*line))
        })
}

/// The findings that differ from the seed's are exactly `wants`, one finding each.
#[track_caller]
fn assert_changes(name: &str, budget: &Budget, report: &Report, wants: &[Want]) {
    let seed = seed_report();
    let new = new_findings(&seed, report);
    for w in wants {
        let hits: Vec<&Finding> = new
            .iter()
            .copied()
            .filter(|f| matches(budget, f, w))
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "{name}: want exactly one {w:?}\nnew findings:\n{}",
            describe(budget, &new)
        );
    }
    let unexpected: Vec<&Finding> = new
        .iter()
        .copied()
        .filter(|f| !wants.iter().any(|w| matches(budget, f, w)))
        // A narrative claim whose table was removed or cut becomes unverifiable: expected,
        // and covered by tests/claims.rs.
        .filter(|f| !(f.rule.starts_with("claim.") && f.status == Unverifiable))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{name}: findings nobody asked for:\n{}",
        describe(budget, &unexpected)
    );
}

use Status::{Mismatch, Missing, Note, Rounding, Unverifiable};

// ----- cases that reconcile -----------------------------------------------------------------

struct Case {
    name: &'static str,
    edits: &'static [Edit],
    wants: &'static [Want],
}

const CASES: &[Case] = &[
    Case {
        name: "表7 2011307 国内贸易管理 支出总计 593 → 603 (only that column)",
        edits: &[Edit::Replace(400, "\t593\t0\t593", "\t603\t0\t593")],
        wants: &[
            want(
                "function.sum",
                Mismatch,
                &[
                    "表7 支出总计 20113 款 = Σ 项：9,207 ≠ 4,146 + 3,702 + 711 + 603 + 55 = 9,217",
                    "差 -10",
                ],
                &[("表7", 396), ("表7", 400)],
            ),
            want(
                "table.split",
                Mismatch,
                &["表7 2011307 国内贸易管理 支出总计 = 基本 + 项目：603 ≠ 0 + 593 = 593"],
                &[("表7", 400)],
            ),
            want(
                "same.function",
                Mismatch,
                &["表1 2011307 国内贸易管理 593 ≠ 表7 2011307 国内贸易管理 支出总计 603"],
                &[("表1", 273), ("表7", 400)],
            ),
            want(
                "same.function",
                Mismatch,
                &["表6 2011307 国内贸易管理 593 ≠ 表7 2011307 国内贸易管理 支出总计 603"],
                &[("表6", 350), ("表7", 400)],
            ),
        ],
    },
    Case {
        name: "表1 本年支出合计 84,579 → 84,589",
        edits: &[Edit::Replace(
            315,
            "本年支出合计\t84,579",
            "本年支出合计\t84,589",
        )],
        wants: &[
            want(
                "balance",
                Mismatch,
                &[
                    "收支平衡：表1 本年收入合计 84,579 ≠ 表1 本年支出合计 84,589",
                    "差 -10",
                ],
                &[("表1", 315)],
            ),
            want(
                "table.sum",
                Mismatch,
                &["表1 本年支出合计 = Σ 类：84,589 ≠", "= 84,579"],
                &[("表1", 315), ("表1", 268)],
            ),
            want(
                "table.sum",
                Mismatch,
                &["表1 支出总计：84,579 ≠ 84,589 + 0"],
                &[("表1", 317), ("表1", 315)],
            ),
            want(
                "same.quantity",
                Mismatch,
                &["表1 本年支出合计 84,589 ≠ 表6 本年支出合计 84,579"],
                &[("表1", 315), ("表6", 381)],
            ),
            want(
                "same.quantity",
                Mismatch,
                &["表1 本年支出合计 84,589 ≠ 表3"],
                &[("表1", 315), ("表3", 333)],
            ),
            want(
                "same.quantity",
                Mismatch,
                &["表1 本年支出合计 84,589 ≠ 表7"],
                &[("表1", 315), ("表7", 394)],
            ),
            want(
                "same.quantity",
                Mismatch,
                &["表1 本年支出合计 84,589 ≠ 表11 金额合计 总额 84,579"],
                &[("表1", 315), ("表11", 507)],
            ),
            want(
                "same.quantity",
                Mismatch,
                &["表1 本年支出合计 84,589 ≠ 第二部分"],
                &[("表1", 315), ("第二部分", 66)],
            ),
            want(
                "same.quantity",
                Mismatch,
                &["表1 本年支出合计 84,589 ≠ 第三部分"],
                &[("表1", 315), ("第三部分", 74)],
            ),
        ],
    },
    // -21 → -20 is within rounding by the design's interval rule: 18 − 39 with both printed
    // figures ±0.5 spans [-22, -20], and -20 ± 0.5 touches it.
    Case {
        name: "表8 增减变化金额 -21 → -20 (rounding can explain it)",
        edits: &[Edit::Replace(
            443,
            "增减变化金额\t-21\t",
            "增减变化金额\t-20\t",
        )],
        wants: &[
            want(
                "sanggong.change",
                Rounding,
                &[
                    "表8 总计 增减变化 = 2022 − 2021：-20 ≠ 18 − 39 = -21",
                    "舍入容差 ±1.5",
                ],
                &[("表8", 443), ("表8", 442), ("表8", 441)],
            ),
            want(
                "sanggong.sum",
                Rounding,
                &[
                    "表8 增减变化金额 三公经费总计：-20 ≠ 0 + -5 + -16 = -21",
                    "舍入容差 ±2",
                ],
                &[("表8", 443)],
            ),
        ],
    },
    Case {
        name: "表8 增减变化金额 -21 → -24 (beyond rounding)",
        edits: &[Edit::Replace(
            443,
            "增减变化金额\t-21\t",
            "增减变化金额\t-24\t",
        )],
        wants: &[
            want(
                "sanggong.change",
                Mismatch,
                &[
                    "表8 总计 增减变化 = 2022 − 2021：-24 ≠ 18 − 39 = -21",
                    "差 -3",
                ],
                &[("表8", 443), ("表8", 442), ("表8", 441)],
            ),
            want(
                "sanggong.sum",
                Mismatch,
                &[
                    "表8 增减变化金额 三公经费总计：-24 ≠ 0 + -5 + -16 = -21",
                    "差 -3",
                ],
                &[("表8", 443)],
            ),
        ],
    },
    Case {
        name: "第三部分 节能减排预算 70 → 80 (first mention only)",
        edits: &[Edit::Replace(
            84,
            "1. 节能减排预算 70 万元",
            "1. 节能减排预算 80 万元",
        )],
        wants: &[
            // The narrative claim now contradicts the 第七部分 table.
            want(
                "claim.amount",
                Mismatch,
                &["“80 万元”：80万元 ≠ 第七部分 项目“节能减排” 70"],
                &[("第三部分", 84), ("第七部分", 175)],
            ),
            want(
                "projects.sum",
                Mismatch,
                &["项目支出 = Σ 第三部分各项目：78,841 ≠ 80 + 170", "= 78,851"],
                &[("第三部分", 74), ("第三部分", 84)],
            ),
            want(
                "same.project",
                Mismatch,
                &[
                    "项目“节能减排”第三部分与第七部分",
                    "80 ≠ 第七部分 节能减排 70",
                ],
                &[("第三部分", 84), ("第七部分", 175)],
            ),
            want(
                "same.project",
                Mismatch,
                &[
                    "项目“节能减排”第三部分与表11 任务",
                    "80 ≠ 表11 节能减排 总额 70",
                ],
                &[("第三部分", 84), ("表11", 488)],
            ),
            // The stated change (+5, 8%) still fits the paragraph's second mention (70):
            // the contradiction is the claim above.
            // The inferred 项 of the project (2011302) no longer adds up.
            want(
                "projects.by_code",
                Mismatch,
                &[
                    "表7 2011302 一般行政管理事务 项目支出",
                    "3,702 ≠ 80 +",
                    "= 3,713",
                ],
                &[("表7", 398), ("第三部分", 84)],
            ),
        ],
    },
    // The percentage is printed on line 90; the paragraph (joined across the page break)
    // starts on line 88, which is where the finding points.
    Case {
        name: "第三部分 电力管理 增加 452% → 552%",
        edits: &[Edit::Replace(90, "增加 452%", "增加 552%")],
        wants: &[want(
            "claim.percent",
            Mismatch,
            &["“增加 552%”：1,505 ÷ 333 = 451.95%，不符"],
            &[("第三部分", 88)],
        )],
    },
    Case {
        name: "表7 row 2080506 职业年金 deleted",
        edits: &[Edit::Delete(
            406,
            406,
            "\t2080506\t机关事业单位职业年金缴费支出\t95",
        )],
        wants: &[
            want(
                "function.sum",
                Mismatch,
                &[
                    "表7 支出总计 20805 款 = Σ 项：570 ≠ 285 + 190 = 475",
                    "差 95",
                ],
                &[("表7", 403), ("表7", 404), ("表7", 405)],
            ),
            want(
                "function.sum",
                Mismatch,
                &["表7 基本支出 20805 款 = Σ 项：570 ≠ 285 + 190 = 475"],
                &[("表7", 403)],
            ),
            // 表1 and 表6 print no codes: their rows are matched to 表7's by order, which no
            // longer works. Said once per table, not as 25 false mismatches.
            want(
                "same.function",
                Unverifiable,
                &["表1 支出有 25 个功能科目，表7 有 24 个，无法逐行对应科目编码"],
                &[("表1", 268)],
            ),
            want(
                "same.function",
                Unverifiable,
                &["表6 支出有 25 个功能科目，表7 有 24 个，无法逐行对应科目编码"],
                &[("表6", 345)],
            ),
        ],
    },
    Case {
        name: "表8 removed (all its lines)",
        edits: &[Edit::Delete(431, 445, "表 8")],
        wants: &[want(
            "contents",
            Missing,
            &["目录列出表8“一般公共预算“三公”经费支出表”，正文中没有这张表"],
            &[("目录", 28)],
        )],
    },
    Case {
        name: "表9's note 本表本年无发生额 removed",
        edits: &[Edit::Delete(458, 458, "注：本表本年无发生额。")],
        wants: &[want(
            "contents",
            Note,
            &["表9 政府性基金预算支出表：已公开，但全为 0 且没有说明"],
            &[("表9", 447)],
        )],
    },
    // Cut right after the last row of 表7's first page: 表8–11 are missing, the rest of 表7
    // is gone, so its totals no longer add up.
    Case {
        name: "file cut off after 表7's first page",
        edits: &[Edit::CutAfter(406, "\t2080506\t")],
        wants: &[
            want(
                "contents",
                Missing,
                &["表8“一般公共预算“三公”经费支出表”"],
                &[("目录", 28)],
            ),
            want(
                "contents",
                Missing,
                &["表9“政府性基金预算支出表”"],
                &[("目录", 29)],
            ),
            want(
                "contents",
                Missing,
                &["表10“国有资本经营预算支出表”"],
                &[("目录", 30)],
            ),
            want(
                "contents",
                Missing,
                &["表11“部门整体支出绩效目标表”"],
                &[("目录", 31)],
            ),
            want(
                "same.function",
                Unverifiable,
                &["表1 支出有 25 个功能科目，表7 有 12 个"],
                &[("表1", 268)],
            ),
            want(
                "same.function",
                Unverifiable,
                &["表6 支出有 25 个功能科目，表7 有 12 个"],
                &[("表6", 345)],
            ),
            want(
                "table.sum",
                Mismatch,
                &["表7 合计 支出总计 = Σ 类：84,579 ≠ 9,207 + 570 = 9,777"],
                &[("表7", 394), ("表7", 395), ("表7", 402)],
            ),
            want(
                "table.sum",
                Mismatch,
                &["表7 合计 基本支出 = Σ 类：5,737 ≠ 4,146 + 570 = 4,716"],
                &[("表7", 394)],
            ),
            want(
                "table.sum",
                Mismatch,
                &["表7 合计 项目支出 = Σ 类：78,841 ≠ 5,061 + 0 = 5,061"],
                &[("表7", 394)],
            ),
            // The one 项 with projects left takes every project (inferred link).
            want(
                "projects.by_code",
                Mismatch,
                &[
                    "表7 2011302 一般行政管理事务 项目支出",
                    "项目所属科目为推定",
                    "= 77,483",
                ],
                &[("表7", 398)],
            ),
        ],
    },
];

/// Amounts the narrative prints in 亿元 (the tables are in 万元) are read in 万元: exactly when the
/// text is precise enough (`0.007 亿元` is 70), and from the 第七部分 table when it is not
/// (`0.18 亿元` stands for 1,750 to 1,850); the sentence itself is checked as a claim.
#[test]
fn amounts_printed_in_yi_yuan_are_read_in_the_budget_unit() {
    // (case, edits, a project, its amount as read, the findings that differ from the seed's)
    type YiCase = (
        &'static str,
        &'static [Edit],
        &'static str,
        &'static str,
        &'static [Want],
    );
    const CASES: &[YiCase] = &[
        (
            "节能减排 70 万元 → 0.007 亿元",
            &[Edit::Replace(
                84,
                "1. 节能减排预算 70 万元",
                "1. 节能减排预算 0.007 亿元",
            )],
            "节能减排",
            "70",
            &[],
        ),
        (
            "电力管理 1,838 万元 → 0.18 亿元",
            &[Edit::Replace(
                88,
                "3. 电力管理预算 1,838 万元",
                "3. 电力管理预算 0.18 亿元",
            )],
            "电力管理",
            "1,838",
            &[want(
                "claim.amount",
                Rounding,
                &["“0.18 亿元”：0.18亿元 ≠ 第七部分 项目“电力管理” 1,838，差 -38，舍入容差 ±50.5"],
                &[("第三部分", 88), ("第七部分", 179)],
            )],
        ),
        (
            "第二部分 预算支出 84,579万元 → 8.46亿元",
            &[Edit::Replace(
                66,
                "部门预算支出84,579万元",
                "部门预算支出8.46亿元",
            )],
            "节能减排",
            "70",
            &[want(
                "claim.amount",
                Rounding,
                &["“8.46亿元”：8.46亿元 ≠ 表3 支出总计 84,579，差 21，舍入容差 ±50.5"],
                &[("第二部分", 66), ("表3", 333)],
            )],
        ),
    ];
    for (name, edits, project, amount, wants) in CASES {
        let (budget, report) = checked(&altered(edits));
        let p = budget.figures.projects.iter().find(|p| p.name == *project);
        assert_eq!(
            p.map(|p| p.amount.amount.display()).as_deref(),
            Some(*amount),
            "{name}"
        );
        assert_changes(name, &budget, &report, wants);
        assert_eq!(report.summary.mismatch, 0, "{name}");
    }
}

#[test]
fn each_alteration_changes_exactly_the_findings_it_should() {
    for case in CASES {
        let (budget, report) = checked(&altered(case.edits));
        assert_changes(case.name, &budget, &report, case.wants);
        let mismatches = case.wants.iter().filter(|w| w.status == Mismatch).count();
        assert_eq!(report.summary.mismatch, mismatches, "{}", case.name);
    }
}

#[test]
fn a_deleted_row_stops_the_row_by_row_comparison_without_false_alarms() {
    let (_, report) = checked(&altered(&[Edit::Delete(406, 406, "\t2080506\t")]));
    // No 表1/表6 ↔ 表7 comparison is attempted on misaligned rows …
    let compared: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "same.function" || f.rule == "names")
        .filter(|f| f.status != Unverifiable)
        .map(|f| f.message.as_str())
        .collect();
    assert!(compared.is_empty(), "{compared:#?}");
    // … the deleted row's own check is gone, the others in 表7 remain.
    let splits: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "table.split" && f.message.starts_with("表7 "))
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(splits.len(), 25, "合计 and 24 rows: {splits:#?}");
    assert!(!splits.iter().any(|m| m.contains("2080506")));
    // … and the income side of 表1 is still checked.
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "balance" && f.status == Status::Ok && f.message.contains("表1")));
}

#[test]
fn a_removed_table_takes_its_checks_with_it() {
    let (_, report) = checked(&altered(&[Edit::Delete(431, 445, "表 8")]));
    assert!(report
        .findings
        .iter()
        .all(|f| !f.rule.starts_with("sanggong")));
    assert_eq!(report.summary.missing, 4);
}

// ----- cases the importer refuses -------------------------------------------------------------

struct Refused {
    name: &'static str,
    edits: &'static [Edit],
    line: usize,
    within: &'static str,
    says: &'static [&'static str],
}

const REFUSED: &[Refused] = &[
    Refused {
        name: "garbage in a 表7 cell",
        edits: &[Edit::Replace(
            397,
            "行政运行\t4,146\t4,146",
            "行政运行\t4,1x6\t4,146",
        )],
        line: 397,
        within: "表7",
        says: &[
            "altered.txt 第 397 行",
            "表7 一般公共预算支出表（按功能分类）",
            "“支出总计”列",
            "“4,1x6”不是有效金额",
        ],
    },
    Refused {
        name: "garbage in a 表1 income cell",
        edits: &[Edit::Replace(
            269,
            "一般公共预算拨款\t84,579",
            "一般公共预算拨款\t84,5x9",
        )],
        line: 269,
        within: "表1",
        says: &[
            "altered.txt 第 269 行",
            "表1 收支总表",
            "“2022年预算数”列",
            "“84,5x9”",
        ],
    },
    Refused {
        name: "garbage in a 表8 cell",
        edits: &[Edit::Replace(442, "2022 年\t18\t", "2022 年\t1x\t")],
        line: 442,
        within: "表8",
        says: &["altered.txt 第 442 行", "表8", "“总计”列", "“1x”"],
    },
    Refused {
        name: "表7 without its last column 项目支出",
        edits: &[Edit::DropLastCell(385, 429)],
        line: 385,
        within: "表7",
        says: &["altered.txt 第 385 行", "表7 缺少“项目支出”列"],
    },
];

#[test]
fn unreadable_tables_are_refused_naming_file_line_table_and_column() {
    for case in REFUSED {
        let text = altered(case.edits);
        let err = match read(&text) {
            Ok(_) => panic!("{}: should be refused", case.name),
            Err(e) => e,
        };
        let shown = err.to_string();
        for s in case.says {
            assert!(shown.contains(s), "{}: {s:?} not in {shown:?}", case.name);
        }
        let Error::Import { place, .. } = &err else {
            panic!("{}: not an import error: {err:?}", case.name);
        };
        assert_eq!(place.file, FILE, "{}", case.name);
        assert_eq!(place.line, Some(case.line), "{}: {shown}", case.name);
        assert!(
            place
                .within
                .as_deref()
                .is_some_and(|w| w.contains(case.within)),
            "{}: {place:?}",
            case.name
        );
        assert!(!err.english().is_empty());
    }
}

/// 表1's expenditure side is read by the reconciliation, cell by cell; a cell that is not an
/// amount must not vanish silently (turning into a wrong sum, reported as a discrepancy of the
/// publication). Either the import refuses it like any other table cell, or the check says
/// it cannot be verified, pointing at the cell.
#[test]
fn garbage_in_the_expenditure_column_of_table_1_is_not_a_false_mismatch() {
    let text = altered(&[Edit::Replace(270, "行政运行\t4,146", "行政运行\t4,1x6")]);
    match read(&text) {
        Err(e) => {
            let shown = e.to_string();
            for s in ["第 270 行", "表1", "4,1x6"] {
                assert!(shown.contains(s), "{s:?} not in {shown:?}");
            }
        }
        Ok(budget) => {
            let report = reconcile(&budget).expect("reconcile");
            let mismatches: Vec<&str> = report
                .findings
                .iter()
                .filter(|f| f.status == Mismatch)
                .map(|f| f.message.as_str())
                .collect();
            assert!(mismatches.is_empty(), "false mismatches: {mismatches:#?}");
            assert!(
                report.findings.iter().any(|f| f.status == Unverifiable
                    && places(&budget, f)
                        .iter()
                        .any(|(l, n)| l == "表1" && *n == Some(270))),
                "no finding says 表1 line 270 cannot be read"
            );
        }
    }
}

// ----- bytes: empty, encodings, line endings, NUL ------------------------------------------

fn with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// The seed with `bytes` put at the start of line `n`.
fn insert_at_line(n: usize, bytes: &[u8]) -> Vec<u8> {
    let offset: usize = seed_lines().iter().take(n - 1).map(|l| l.len() + 1).sum();
    let mut out = SEED.as_bytes().to_vec();
    out.splice(offset..offset, bytes.iter().copied());
    out
}

#[test]
fn unreadable_bytes_are_refused_with_the_line() {
    let gbk: &[u8] = &[0xB2, 0xE2, 0xCA, 0xD4]; // 测试 in GBK
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        ("empty", Vec::new(), &["altered.txt 第 1 行", "文件为空"]),
        (
            "blank lines only",
            b" \n\n\t\n".to_vec(),
            &["第 1 行", "文件为空"],
        ),
        (
            "a BOM only",
            vec![0xEF, 0xBB, 0xBF],
            &["第 1 行", "文件为空"],
        ),
        (
            "GBK bytes",
            gbk.to_vec(),
            &["altered.txt 第 1 行", "不是 UTF-8", "GBK"],
        ),
        (
            "GBK bytes in line 270",
            insert_at_line(270, gbk),
            &["第 270 行", "不是 UTF-8"],
        ),
        (
            "binary",
            vec![0x00, 0xFF, 0xFE, 0x01, 0x80],
            &["第 1 行", "不是 UTF-8"],
        ),
        (
            "NUL in line 385",
            insert_at_line(385, b"\0"),
            &["altered.txt 第 385 行", "NUL"],
        ),
        (
            "a title and nothing else",
            "2022 年深圳市龙岗区工业和信息化局 部门预算\n"
                .as_bytes()
                .to_vec(),
            &["第 2 行", "没有找到任何“第N部分”或“表 N”"],
        ),
        (
            "not a budget",
            "hello\nworld\n".as_bytes().to_vec(),
            &["第 1 行", "不像部门预算", "hello"],
        ),
        (
            "over the size limit",
            vec![b'a'; import::text::MAX_INPUT_BYTES + 1],
            &["文件过大", "上限为 8,388,608 字节"],
        ),
    ];
    for (name, bytes, says) in cases {
        let err = match import::published_text(&bytes, FILE) {
            Ok(_) => panic!("{name}: should be refused"),
            Err(e) => e,
        };
        let shown = err.to_string();
        for s in says {
            assert!(shown.contains(s), "{name}: {s:?} not in {shown:?}");
        }
        // `any` (which also reads our JSON) says the same for text input.
        let any = import::any(&bytes, FILE)
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(any, Err(shown), "{name}");
    }
}

#[test]
fn bom_and_line_endings_read_exactly_like_the_seed() {
    let seed = seed_report();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("UTF-8 BOM", with_bom(SEED)),
        ("CRLF", SEED.replace('\n', "\r\n").into_bytes()),
        ("CR", SEED.replace('\n', "\r").into_bytes()),
        ("BOM + CRLF", with_bom(&SEED.replace('\n', "\r\n"))),
        ("trailing blank lines", format!("{SEED}\n\n\n").into_bytes()),
    ];
    for (name, bytes) in cases {
        let budget = import::published_text(&bytes, import::SEED_NAME)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = reconcile(&budget).expect("reconcile");
        assert_eq!(report.summary, seed.summary, "{name}");
        // Same findings, same messages, same locations (line numbers included).
        assert_eq!(report, seed, "{name}");
        assert_eq!(budget, import::seed().expect("seed"), "{name}");
    }
}

/// An amount that parses but whose sums would leave the exact range (the largest `Decimal`):
/// refused at import, naming the file, line, table, row and column, in both languages, rather
/// than read and failing later (the scenario could not be built: the page would not open).
#[test]
fn an_amount_at_the_edge_of_the_decimal_range_is_refused_at_import() {
    let max = "79228162514264337593543950335";
    let line = seed_lines()
        .iter()
        .position(|l| l.starts_with("\t2011307\t"))
        .expect("2011307")
        + 1;
    let text = seed_lines()
        .iter()
        .map(|l| {
            if l.starts_with("\t2011307\t") {
                format!("\t2011307\t国内贸易管理\t{max}\t0\t{max}")
            } else {
                (*l).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains(max));
    let err = read(&text).expect_err("beyond the range");
    let Error::Import { place, .. } = &err else {
        panic!("not an import error: {err:?}");
    };
    assert_eq!(place.file, FILE);
    assert_eq!(place.line, Some(line));
    assert!(place
        .within
        .as_deref()
        .is_some_and(|w| w.starts_with("表7")));
    let zh = err.to_string();
    for s in [
        "“2011307 国内贸易管理”一行",
        "“支出总计”列",
        "79228162514264337593543950335",
        "整数部分最多 15 位",
    ] {
        assert!(zh.contains(s), "{s:?} not in {zh}");
    }
    let en = err.english();
    for s in [
        format!("altered.txt line {line} (table 7 "),
        "row “2011307 国内贸易管理”".to_string(),
        "column “支出总计”".to_string(),
        "at most 15 integer digits".to_string(),
    ] {
        assert!(en.contains(&s), "{s:?} not in {en}");
    }
}

// ----- never panics ------------------------------------------------------------------------

/// Imports and reconciles; returns the error text, if any.
fn outcome(text: &str) -> Result<(), String> {
    let budget = read(text).map_err(|e| e.to_string())?;
    reconcile(&budget).map(|_| ()).map_err(|e| e.to_string())
}

/// Runs `f` over `0..n` on all cores (a panic in any run fails the test).
fn in_parallel(n: usize, f: impl Fn(usize) -> Option<String> + Sync) -> Vec<String> {
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| s.spawn(move || (t..n).step_by(threads).filter_map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a run panicked"))
            .collect()
    })
}

#[test]
fn deleting_any_single_line_never_panics() {
    let lines = seed_lines();
    let count = SEED.lines().count();
    assert_eq!(count, 578, "577 newlines, the last line has none");
    let started = std::time::Instant::now();
    let bad = in_parallel(count, |i| {
        let text = lines
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n");
        match outcome(&text) {
            Ok(()) => None,
            Err(e) if e.contains(" 行") && e.contains('第') => None,
            Err(e) => Some(format!("line {} deleted: {e}", i + 1)),
        }
    });
    assert!(bad.is_empty(), "errors without a line:\n{}", bad.join("\n"));
    eprintln!("{count} deletions: {:?}", started.elapsed());
}

fn first_digit_run(line: &str) -> Option<(usize, usize)> {
    let start = line.find(|c: char| c.is_ascii_digit())?;
    let len = line
        .get(start..)?
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(line.len() - start);
    Some((start, start + len))
}

#[test]
fn impossible_amounts_never_panic() {
    let lines = seed_lines();
    let sample: Vec<usize> = (0..SEED.lines().count())
        .step_by(7)
        .filter(|i| first_digit_run(lines[*i]).is_some())
        .collect();
    assert!(
        sample.len() > 30,
        "only {} sampled lines hold digits",
        sample.len()
    );
    let replacements = ["9999999999999999999999999999999", "NaN"];
    let bad = in_parallel(sample.len() * replacements.len(), |k| {
        let i = sample[k / replacements.len()];
        let by = replacements[k % replacements.len()];
        let (a, b) = first_digit_run(lines[i])?;
        let line = format!("{}{by}{}", &lines[i][..a], &lines[i][b..]);
        let mut text: Vec<&str> = lines.clone();
        text[i] = &line;
        match outcome(&text.join("\n")) {
            Ok(()) => None,
            Err(e) if e.contains('第') => None,
            Err(e) => Some(format!("line {} with {by}: {e}", i + 1)),
        }
    });
    assert!(bad.is_empty(), "errors without a line:\n{}", bad.join("\n"));
}

/// An out-of-range amount in a table cell is refused with its line and column.
#[test]
fn an_out_of_range_amount_is_refused_with_its_place() {
    let text = altered(&[Edit::Replace(
        397,
        "行政运行\t4,146\t",
        "行政运行\t9999999999999999999999999999999\t",
    )]);
    let shown = read(&text).map(|_| ()).expect_err("refused").to_string();
    for s in ["第 397 行", "表7", "“支出总计”列", "超出可表示的范围"] {
        assert!(shown.contains(s), "{s:?} not in {shown:?}");
    }
}

// ----- every finding in English ---------------------------------------------------------------

/// True for Chinese characters and the full-width and CJK punctuation that goes with them.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}'   // CJK punctuation: 、。「」
        | '\u{3400}'..='\u{4dbf}' // extension A
        | '\u{4e00}'..='\u{9fff}' // unified ideographs
        | '\u{f900}'..='\u{faff}' // compatibility ideographs
        | '\u{ff00}'..='\u{ffef}' // full-width forms: ，：（）
    )
}

/// The text outside quotes (“…”, «…», nested): what must be English.
fn outside_quotes(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '“' | '«' => depth += 1,
            '”' | '»' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The maximal runs of ASCII digits, with how often each occurs.
fn digit_runs(text: &str) -> std::collections::BTreeMap<&str, usize> {
    let mut runs = std::collections::BTreeMap::new();
    for run in text.split(|c: char| !c.is_ascii_digit()) {
        if !run.is_empty() {
            *runs.entry(run).or_insert(0) += 1;
        }
    }
    runs
}

/// Why a finding's English message does not say what its Chinese one says, if it does not:
/// it is empty, holds Chinese outside quotes, or lacks a number the Chinese message has
/// (every ASCII digit run, as often as in the Chinese).
fn english_problem(f: &Finding) -> Option<String> {
    let en = f.message_en.as_str();
    if en.trim().is_empty() {
        return Some("no English message".into());
    }
    let bare = outside_quotes(en);
    if let Some(c) = bare.chars().find(|c| is_cjk(*c)) {
        return Some(format!("Chinese {c:?} outside quotes"));
    }
    let have = digit_runs(en);
    let missing: Vec<&str> = digit_runs(&f.message)
        .into_iter()
        .filter(|(run, n)| have.get(run).copied().unwrap_or(0) < *n)
        .map(|(run, _)| run)
        .collect();
    if !missing.is_empty() {
        return Some(format!("numbers {missing:?} missing"));
    }
    None
}

#[track_caller]
fn assert_english(name: &str, report: &Report) {
    assert!(!report.findings.is_empty(), "{name}: no findings");
    let bad: Vec<String> = report
        .findings
        .iter()
        .filter_map(|f| {
            english_problem(f).map(|why| {
                format!(
                    "  [{}] {}: {why}\n    zh {}\n    en {}",
                    f.rule,
                    f.status.key(),
                    f.message,
                    f.message_en
                )
            })
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{name}: {} findings lack a faithful English message:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Every finding (reconciliation and narrative claims) on the seed, on every altered copy, on
/// narrative numbers that cannot be read and on an edited scenario carries an English message
/// with the Chinese one's numbers and no Chinese outside quotes; the views pass it on.
#[test]
fn every_finding_has_an_english_message_with_the_same_numbers() {
    let seed = import::seed().expect("seed");
    let seed_report = seed_report();
    assert_english("seed", &seed_report);
    for case in CASES {
        let (_, report) = checked(&altered(case.edits));
        assert_english(case.name, &report);
    }
    let nines = format!("增加{}万元", "9".repeat(41));
    let digits = format!("项目支出{}万元", "1234567890".repeat(4));
    for (name, from, to) in [
        (
            "1e30 in the narrative",
            "项目支出78,841万元",
            "项目支出1e30万元",
        ),
        (
            "40 digits in the narrative",
            "项目支出78,841万元",
            digits.as_str(),
        ),
        ("41 digits of a change", "增加15,118万元", nines.as_str()),
        (
            "the largest Decimal in the narrative",
            "项目支出78,841万元",
            "项目支出79228162514264337593543950335万元",
        ),
        (
            "增加 80 万元 written 增加 80 亿元",
            "增加 80 元",
            "增加 80 亿元",
        ),
        (
            "节能减排 stated as 7 亿元",
            "1. 节能减排预算 70 万元",
            "1. 节能减排预算 0.007 亿元",
        ),
        (
            "a count that does not agree",
            "三个下属单位",
            "四个下属单位",
        ),
    ] {
        assert!(SEED.contains(from), "{from:?} not in the seed");
        let (_, report) = checked(&SEED.replacen(from, to, 1));
        assert_english(name, &report);
    }
    // The scenario's re-run (`scenarioFindings`) and the narrative view.
    let mut scenario = yusuan::scenario::Scenario::new(&seed).expect("scenario");
    scenario.edit("project:p01", "170").expect("edit");
    scenario.edit("sanggong:reception", "9").expect("edit");
    let edited = scenario.budget(&seed);
    let report = reconcile(&edited).expect("reconcile the scenario");
    assert!(
        report.summary.mismatch > 0,
        "the edits should break something"
    );
    assert_english("scenario", &report);
    let view = report::findings(&edited, &report);
    for (v, f) in view.findings.iter().zip(&report.findings) {
        assert_eq!(v.message_en, f.message_en);
    }
    let claims: Vec<_> = yusuan::view::narrative(&edited)
        .expect("narrative")
        .into_iter()
        .flat_map(|p| p.paragraphs)
        .flat_map(|p| p.claims)
        .collect();
    assert!(!claims.is_empty());
    for c in claims {
        assert!(
            !c.message_en.is_empty() && !outside_quotes(&c.message_en).chars().any(is_cjk),
            "{} / {}",
            c.message,
            c.message_en
        );
    }
}
