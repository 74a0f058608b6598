//! Real publications of the genre (`../shared/corpus/`, see its README): every one reads, its
//! total is the one it prints, at least 20 figures are checked, and no check reports a
//! mismatch the publication does not contain. Skipped, saying so, where the corpus is absent
//! (a user's clone): the corpus is never copied into the repository.

use std::path::{Path, PathBuf};

use yusuan::model::Budget;
use yusuan::reconcile::{reconcile, Report, Status};
use yusuan::{import, view};

/// One publication and what it must read to.
struct Publication {
    /// Its files, in reading order, under `../shared/corpus/`.
    files: &'static [&'static str],
    /// The title as found (a cover page, or the department and year where only tables are).
    title: &'static str,
    /// The tables found, by role, in order.
    roles: &'static [&'static str],
    year: u16,
    department: &'static str,
    unit: &'static str,
    /// The summary's income total (or the year's subtotal where it prints one), as printed.
    total: &'static str,
    /// The real slips it contains, by rule id and a phrase of the message.
    slips: &'static [(&'static str, &'static str)],
    /// How many of its tables (or parts of one) stay `无法核对`: fewer is progress to record
    /// here, more is a reading lost.
    unverifiable: usize,
}

const PUBLICATIONS: &[Publication] = &[
    Publication {
        files: &[
            "jiangsu/cppcc-office-2017-full.layout.txt",
            "jiangsu/cppcc-office-2017-tables.layout.txt",
        ],
        title: "江苏省政协办公厅2017年度部门预算",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "appropriation-function",
            "appropriation-basic",
            "fund",
            "general-function",
            "general-basic",
            "operating",
            "sanggong",
            "procurement",
        ],
        year: 2017,
        department: "江苏省政协办公厅",
        unit: "万元",
        total: "9,146.79",
        slips: &[],
        unverifiable: 0,
    },
    Publication {
        files: &[
            "jiangsu/cppcc-office-2018-full.layout.txt",
            "jiangsu/cppcc-office-2018-tables.layout.txt",
        ],
        title: "江苏省政协办公厅2018年度部门预算公开",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "appropriation-function",
            "appropriation-basic",
            "general-function",
            "general-basic",
            "sanggong",
            "fund",
            "operating",
            "procurement",
        ],
        year: 2018,
        department: "江苏省政协办公厅",
        unit: "万元",
        total: "10,150.48",
        // 机关运行经费 1,115.85 万元, down 2,233.13 from 3,348.98: 66.68%, printed 下降66.69%.
        slips: &[("statement.change_percent", "下降66.69%")],
        unverifiable: 0,
    },
    Publication {
        files: &[
            "jiangsu/cppcc-office-2019-full.layout.txt",
            "jiangsu/cppcc-office-2019-tables.layout.txt",
        ],
        title: "江苏省政协办公厅2019年部门预算",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "appropriation-function",
            "appropriation-basic",
            "general-function",
            "general-basic",
            "sanggong",
            "fund",
            "operating",
            "procurement",
        ],
        year: 2019,
        department: "江苏省政协办公厅",
        unit: "万元",
        total: "13,377.11",
        slips: &[],
        unverifiable: 0,
    },
    Publication {
        files: &["jiangsu/npc-office-2017-full.layout.txt"],
        title: "江苏省人大常委会办公厅2017年度部门预算",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-function",
            "appropriation-summary",
            "appropriation-basic",
            "fund",
            "general-function",
            "general-basic",
            "operating",
            "sanggong",
            "procurement",
        ],
        year: 2017,
        department: "江苏省人大常委会办公厅",
        unit: "万元",
        total: "13,649.07",
        // The 三公 items' shares “of 三公” are printed against 三公 + 会议费 + 培训费: 8.75%,
        // 7.22%, 16.81% (they add to 32.78%; of 833.6 万元 they are 26.69%, 22.03%, 51.28%).
        slips: &[
            ("statement.shares", "8.75%"),
            ("statement.shares", "7.22%"),
            ("statement.shares", "16.81%"),
        ],
        unverifiable: 2,
    },
    Publication {
        files: &["jiangsu/npc-office-2018-full.layout.txt"],
        title: "江苏省人大常委会办公厅2018年度部门预算公开",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "appropriation-function",
            "appropriation-basic",
            "general-function",
            "general-basic",
            "sanggong",
            "fund",
            "operating",
            "procurement",
        ],
        year: 2018,
        department: "江苏省人大常委会办公厅",
        unit: "万元",
        total: "15,897.44",
        // 单位预留机动经费 1685.72 万元, up 1557.29 万元 from 128.43: 1,212.56%, printed 1312.56%.
        slips: &[("statement.change_percent", "1312.56%")],
        unverifiable: 0,
    },
    Publication {
        files: &[
            "jiangsu/npc-office-2019-full.layout.txt",
            "jiangsu/npc-office-2019-tables.layout.txt",
        ],
        title: "江苏省人大常委会办公厅2019年度部门预算公开",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "appropriation-function",
            "appropriation-basic",
            "general-function",
            "general-basic",
            "sanggong",
            "fund",
            "operating",
            "procurement",
        ],
        year: 2019,
        department: "江苏省人大常委会办公厅",
        unit: "万元",
        total: "18,330.37",
        slips: &[],
        unverifiable: 0,
    },
    Publication {
        files: &["putuo/chengguan-2026-yusuan.txt"],
        title: "上海市普陀区2026年区级部门预算",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "general-function",
            "fund",
            "state-capital",
            "general-basic",
            "sanggong",
            "performance",
        ],
        year: 2026,
        department: "普陀区城市管理行政执法局",
        unit: "元",
        total: "47,483,458",
        slips: &[],
        unverifiable: 0,
    },
    Publication {
        files: &["putuo/jianguanwei-2026-yusuan.txt"],
        title: "上海市普陀区2026年区级部门预算",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "general-function",
            "fund",
            "state-capital",
            "general-basic",
            "sanggong",
            "performance",
        ],
        year: 2026,
        department: "上海市普陀区建设和管理委员会",
        unit: "元",
        total: "3,286,618,082.2",
        slips: &[],
        unverifiable: 0,
    },
    Publication {
        files: &["putuo/wenlvju-2026-yusuan.txt"],
        title: "上海市普陀区2026年区级部门预算",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "general-function",
            "fund",
            "state-capital",
            "general-basic",
            "sanggong",
        ],
        year: 2026,
        department: "上海市普陀区文化和旅游局",
        unit: "元",
        total: "278,076,101",
        slips: &[],
        unverifiable: 0,
    },
    Publication {
        files: &["putuo/guihuaziran-2024-juesuan.txt"],
        title: "上海市普陀区规划和自然资源局2024年度部门决算",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "general-function",
            "general-basic",
            "sanggong",
            "fund",
            "state-capital",
        ],
        year: 2024,
        department: "上海市普陀区规划和自然资源局",
        unit: "万元",
        total: "9,746.5",
        // 第六部分's 一般公共预算财政拨款基本支出 5377.64 万元 is the all-funds figure (支出决算表);
        // the general budget's function table and its basic table both give 5364.75
        // (人员经费 4884.09 + 公用经费 480.66), where the text says 人员经费 4896.98.
        slips: &[("text.figure", "5,377.64 ≠ 5,364.75")],
        unverifiable: 0,
    },
    Publication {
        files: &["putuo/shehuigongzuobu-2024-juesuan.txt"],
        title: "中共上海市普陀区委社会工作部2024年度部门决算",
        roles: &[
            "summary",
            "income",
            "expenditure",
            "appropriation-summary",
            "general-function",
            "general-basic",
            "sanggong",
            "fund",
            "state-capital",
        ],
        year: 2024,
        department: "中共上海市普陀区委社会工作部",
        unit: "万元",
        total: "307.82",
        // A department founded in 2024: four growths from nothing printed as 增长100.00%.
        slips: &[
            (
                "statement.change_percent",
                "收入支出总计增加307.82万元，增长100.00%",
            ),
            (
                "statement.change_percent",
                "财政拨款收入支出总计增加307.82万元",
            ),
            (
                "statement.change_percent",
                "一般公共预算财政拨款支出增加307.82万元",
            ),
            (
                "statement.change_percent",
                "10.23万元，比2023年度增加10.23万元，增长100.00%",
            ),
        ],
        unverifiable: 0,
    },
];

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (a user's clone has no corpus)",
            dir.display()
        );
        None
    }
}

fn read(dir: &Path, p: &Publication) -> Budget {
    let inputs: Vec<(Vec<u8>, String)> = p
        .files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
            (bytes, (*f).to_string())
        })
        .collect();
    let result = match inputs.as_slice() {
        [(bytes, file)] => import::any(bytes, file),
        _ => import::publication(&inputs),
    };
    result.unwrap_or_else(|e| panic!("{:?}: {e}", p.files))
}

fn checked(report: &Report) -> usize {
    report.summary.ok + report.summary.rounding
}

#[test]
fn every_publication_reads_with_its_total_and_no_false_mismatch() {
    let Some(dir) = corpus() else {
        return;
    };
    for p in PUBLICATIONS {
        let name = p.files.join(" + ");
        let budget = read(&dir, p);
        assert_eq!(budget.title, p.title, "{name}");
        let roles: Vec<&str> = budget
            .tables
            .iter()
            .filter_map(|t| t.role.as_deref())
            .collect();
        assert_eq!(roles, p.roles, "{name}: the tables found, by role");
        assert_eq!(budget.year, p.year, "{name}");
        assert!(
            budget.department.contains(p.department),
            "{name}: {}",
            budget.department
        );
        assert_eq!(budget.unit.name, p.unit, "{name}");
        let overview = view::overview(&budget);
        assert_eq!(
            overview.total_income.as_deref(),
            Some(p.total),
            "{name}: {overview:?}"
        );
        let report = reconcile(&budget).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            checked(&report) >= 20,
            "{name}: only {} figures checked",
            checked(&report)
        );
        let mismatches: Vec<(&str, &str)> = report
            .findings
            .iter()
            .filter(|f| f.status == Status::Mismatch)
            .map(|f| (f.rule, f.message.as_str()))
            .collect();
        for (rule, message) in &mismatches {
            assert!(
                p.slips
                    .iter()
                    .any(|(r, phrase)| r == rule && message.contains(phrase)),
                "{name}: a mismatch the publication does not contain: [{rule}] {message}"
            );
        }
        for (rule, phrase) in p.slips {
            assert!(
                mismatches
                    .iter()
                    .any(|(r, m)| r == rule && m.contains(phrase)),
                "{name}: the slip [{rule}] {phrase} is not found"
            );
        }
        let unverifiable: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.status == Status::Unverifiable)
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            unverifiable.len(),
            p.unverifiable,
            "{name}: the tables left unverifiable: {unverifiable:#?}"
        );
        eprintln!("{name}: {:?}", report.summary);
    }
}

/// The tables alone (a 公开表 file) read to the same table checks as with their narrative.
#[test]
fn a_tables_file_alone_reads_its_tables() {
    let Some(dir) = corpus() else {
        return;
    };
    for p in PUBLICATIONS.iter().filter(|p| p.files.len() == 2) {
        let tables = Publication {
            files: &p.files[1..],
            ..*p
        };
        let alone = reconcile(&read(&dir, &tables)).expect("reconcile");
        let both = reconcile(&read(&dir, p)).expect("reconcile");
        let table_rules = |r: &Report| {
            r.findings
                .iter()
                .filter(|f| !f.rule.starts_with("statement") && !f.rule.starts_with("text."))
                .count()
        };
        assert_eq!(table_rules(&alone), table_rules(&both), "{:?}", p.files);
        assert!(checked(&alone) >= 20, "{:?}", p.files);
    }
}

/// What the page does with a budget it opens, natively: reconcile with the narrative's claims,
/// build the scenario, render overview, tables, narrative and editable figures, and save as
/// JSON and read it back to the same budget and findings.
#[test]
fn the_pages_path_works_on_every_publication() {
    let Some(dir) = corpus() else {
        return;
    };
    for p in PUBLICATIONS {
        let name = p.files.join(" + ");
        let budget = read(&dir, p);
        let (report, _) = yusuan::reconcile::reconcile_with_claims(&budget).expect("reconcile");
        let scenario =
            yusuan::scenario::Scenario::new(&budget).unwrap_or_else(|e| panic!("{name}: {e}"));
        let tables = view::tables(&budget);
        assert_eq!(tables.len(), budget.tables.len(), "{name}");
        view::narrative(&budget).unwrap_or_else(|e| panic!("{name}: {e}"));
        let _ = view::editables(&scenario);
        let json = import::json::write(&budget).expect("write");
        let again =
            import::json::read(&json, "saved.json").unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again, budget, "{name}");
        assert_eq!(reconcile(&again).expect("reconcile"), report, "{name}");
    }
}
