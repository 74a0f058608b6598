//! The published-text importer on the seed: every table recovered, merged across pages, with
//! its rows and totals; the narrative parts; the projects.

use yusuan::import;
use yusuan::model::{Budget, Level, Table};
use yusuan::Amount;

fn seed() -> Budget {
    import::seed().expect("the seed imports")
}

fn table<'a>(budget: &'a Budget, key: &str) -> &'a Table {
    budget
        .tables
        .iter()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("table {key} missing"))
}

fn amount(text: &str) -> Amount {
    Amount::parse(text).expect("amount")
}

#[track_caller]
fn cell(t: &Table, row: usize, col: usize) -> &str {
    t.rows[row].cells[col].as_str()
}

#[test]
fn reads_title_year_department_unit() {
    let b = seed();
    assert_eq!(b.title, "2022 年深圳市龙岗区工业和信息化局 部门预算");
    assert_eq!(b.year, 2022);
    assert_eq!(b.prior_year, 2021);
    assert_eq!(b.department, "深圳市龙岗区工业和信息化局");
    assert_eq!(b.unit.name, "万元");
    assert_eq!(b.unit.step, amount("1"));
}

#[test]
fn reads_the_contents_eleven_tables() {
    let b = seed();
    let numbers: Vec<u8> = b.contents.iter().map(|e| e.number).collect();
    assert_eq!(numbers, (1..=11).collect::<Vec<u8>>());
    assert_eq!(b.contents[6].title, "一般公共预算支出表（按功能分类）");
    assert_eq!(b.contents[6].line, 27);
}

#[test]
fn recovers_every_table_with_rows_merged_across_pages() {
    let b = seed();
    // (key, title, header rows, body rows, first row line, last row line)
    let expected = [
        ("p7", "重点项目预算绩效情况说明", 1, 16, 163, 203),
        ("t1", "收支总表", 2, 28, 268, 317),
        ("t3", "支出总表", 2, 1, 333, 333),
        ("t6", "政府预算拨款收支总表", 2, 28, 345, 383),
        ("t7", "一般公共预算支出表（按功能分类）", 1, 26, 394, 429),
        ("t8", "一般公共预算“三公”经费支出表", 2, 3, 441, 443),
        ("t9", "政府性基金预算支出表", 1, 1, 456, 456),
        ("t10", "国有资本经营预算支出表", 1, 1, 469, 469),
    ];
    let keys: Vec<&str> = b.tables.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(
        keys,
        ["p7", "t1", "t3", "t6", "t7", "t8", "t9", "t10", "t11"]
    );
    for (key, title, headers, rows, first, last) in expected {
        let t = table(&b, key);
        assert_eq!(t.title, title, "{key}");
        assert_eq!(t.header.len(), headers, "{key} header rows");
        assert_eq!(t.rows.len(), rows, "{key} rows");
        assert_eq!(
            t.rows.first().map(|r| r.line),
            Some(first),
            "{key} first row line"
        );
        assert_eq!(
            t.rows.last().map(|r| r.line),
            Some(last),
            "{key} last row line"
        );
    }
    let t7 = table(&b, "t7");
    assert_eq!(t7.unit.as_deref(), Some("万元"));
    assert_eq!(t7.department.as_deref(), Some("深圳市龙岗区工业和信息化局"));
}

#[test]
fn table_totals_are_read_as_printed() {
    let b = seed();
    let t1 = table(&b, "t1");
    let last = t1.rows.last().expect("rows");
    assert_eq!(last.cells, ["收入总计", "84,579", "支出总计", "84,579"]);
    // The continuation page's first row has only the expenditure side.
    assert_eq!(
        t1.rows[11].cells,
        ["", "", "机关事业单位职业年金缴费支出", "95"]
    );
    let t7 = table(&b, "t7");
    assert_eq!(cell(t7, 0, 3), "84,579");
    assert_eq!(cell(t7, 0, 4), "5,737");
    assert_eq!(cell(t7, 0, 5), "78,841");
    let t8 = table(&b, "t8");
    assert_eq!(
        t8.rows[2].cells[1..].to_vec(),
        ["增减变化金额", "-21", "0", "-5", "-16", "0", "-16"]
    );
}

#[test]
fn joins_cell_fragments_cut_by_page_breaks_and_strips_p_tags() {
    let b = seed();
    let p7 = table(&b, "p7");
    let info = p7
        .rows
        .iter()
        .find(|r| r.cells[0] == "信息化建设（通用项目）")
        .expect("row");
    assert!(
        info.cells[2].starts_with("1、收集并梳理"),
        "{}",
        info.cells[2]
    );
    assert!(
        info.cells[2].contains("\n2、建立“供给-监管-退出”"),
        "{}",
        info.cells[2]
    );
    assert!(p7.rows.iter().all(|r| r
        .cells
        .iter()
        .all(|c| !c.contains("<p>") && !c.contains("</p>"))));
    let research = p7
        .rows
        .iter()
        .find(|r| r.cells[0] == "课题调研经费（通用项目）")
        .expect("row");
    assert_eq!(research.cells[1], "170");
    assert!(
        research.cells[2].contains("九、符合龙岗区"),
        "fragments after `--` rows join"
    );
}

#[test]
fn table_eleven_rows_shifted_by_the_extraction_are_realigned() {
    let b = seed();
    let t11 = table(&b, "t11");
    assert_eq!(t11.header.len(), 3);
    let names: Vec<&str> = b.figures.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names.len(), 18);
    assert_eq!(names[0], "基本支出");
    assert_eq!(names[8], "对口扶持");
    assert_eq!(names[17], "产业转型升级");
    let support = t11
        .rows
        .iter()
        .find(|r| r.cells[0] == "对口扶持")
        .expect("row");
    assert_eq!(support.cells[2..5].to_vec(), ["480", "480", "0"]);
    let service = t11
        .rows
        .iter()
        .find(|r| r.cells[0] == "企业服务")
        .expect("row");
    assert!(
        service.cells[1].contains("金融服务及打非工作"),
        "continuation joined into 主要内容"
    );
}

#[test]
fn reads_the_narrative_parts_and_joins_paragraphs_cut_by_page_breaks() {
    let b = seed();
    let numbers: Vec<u8> = b.parts.iter().map(|p| p.number).collect();
    assert_eq!(numbers, (1..=9).collect::<Vec<u8>>());
    let part3 = &b.parts[2];
    assert_eq!(part3.title, "部门预算支出具体情况");
    let power = part3
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("3. 电力管理"))
        .expect("paragraph");
    assert_eq!(power.line, 88);
    assert!(power.text.contains("并组织实施"), "line 88 and 90 joined");
    assert!(power.text.contains("增加 452%"));
}

#[test]
fn reads_sixteen_projects_with_amounts_and_changes() {
    let b = seed();
    let projects = &b.figures.projects;
    assert_eq!(projects.len(), 16);
    // (name, amount, change, percent, unit)
    let cases = [
        ("节能减排", "70", Some("5"), Some("8"), "万元"),
        (
            "课题调研经费（通用项目）",
            "170",
            Some("-7"),
            Some("-4"),
            "万元",
        ),
        ("电力管理", "1838", Some("1505"), Some("452"), "万元"),
        ("信息化建设（通用项目）", "35", Some("35"), None, "万元"),
        ("商贸管理", "422", Some("-101"), Some("-19.31"), "万元"),
        ("扶贫支出", "480", Some("80"), Some("20"), "元"),
        (
            "工业和信息化产业发展专项资金",
            "73300",
            Some("15500"),
            Some("27"),
            "万元",
        ),
    ];
    for (name, value, change, percent, unit) in cases {
        let p = projects
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(p.amount.amount, amount(value), "{name}");
        let c = p.change.as_ref();
        assert_eq!(c.map(|c| c.amount), change.map(amount), "{name}");
        assert_eq!(c.and_then(|c| c.percent), percent.map(amount), "{name}");
        assert_eq!(c.map(|c| c.unit.as_str()), change.map(|_| unit), "{name}");
    }
    assert!(projects
        .iter()
        .find(|p| p.name == "信息化建设（通用项目）")
        .and_then(|p| p.change.as_ref())
        .is_some_and(|c| c.new));
    let total = Amount::checked_sum(projects.iter().map(|p| &p.amount.amount)).expect("sum");
    assert_eq!(total, amount("78841"));
    assert!(
        projects.iter().all(|p| p.listed.is_some()),
        "every project is in the 第七部分 table"
    );
}

#[test]
fn reads_functions_economic_lines_sanggong_procurement() {
    let b = seed();
    let f = &b.figures;
    assert_eq!(f.functions.len(), 25);
    let classes: Vec<&str> = f
        .functions
        .iter()
        .filter(|x| x.level() == Level::Class)
        .map(|x| x.code.as_str())
        .collect();
    assert_eq!(classes, ["201", "208", "210", "213", "215", "221"]);
    let economic: Vec<(&str, Amount)> = f
        .economic
        .iter()
        .map(|l| (l.name.as_str(), l.value.amount))
        .collect();
    assert_eq!(
        economic,
        [
            ("人员支出", amount("3973")),
            ("公用支出", amount("1319")),
            ("对个人和家庭的补助支出", amount("446"))
        ]
    );
    assert_eq!(f.sanggong.len(), 3);
    assert_eq!(f.sanggong[0].total.amount, amount("39"));
    assert_eq!(f.sanggong[1].total.amount, amount("18"));
    let p = f.procurement.as_ref().expect("procurement");
    assert_eq!(p.total.as_ref().map(|x| x.amount), Some(amount("1040")));
    assert_eq!(p.services.as_ref().map(|x| x.amount), Some(amount("1038")));
    let funds = f.operating_funds.as_ref().expect("机关运行经费");
    assert_eq!(funds.value.amount, amount("1319"));
    assert_eq!(
        funds.change.as_ref().and_then(|c| c.percent),
        Some(amount("65"))
    );
    assert_eq!(
        f.income.first().map(|l| l.name.as_str()),
        Some("一、政府预算拨款")
    );
}

#[test]
fn infers_project_codes_that_reproduce_table_seven() {
    let b = seed();
    let code_of = |name: &str| {
        b.figures
            .projects
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.code.clone())
            .unwrap_or_default()
    };
    for (name, code) in [
        ("外经贸管理", "2011304"),
        ("宣传经费（通用项目）", "2011308"),
        ("扶贫支出", "2130599"),
        ("工业和信息化产业发展专项资金", "2150517"),
        ("商贸管理", "2011307"),
        ("课题调研经费（通用项目）", "2011307"),
        ("电力管理", "2011302"),
        ("企业服务", "2011302"),
    ] {
        assert_eq!(code_of(name), code, "{name}");
    }
    assert!(b
        .figures
        .projects
        .iter()
        .all(|p| p.code.is_some() && p.code_inferred));
}

#[test]
fn links_table_eleven_tasks_to_projects() {
    let b = seed();
    let project_of = |task: &str| {
        let t = b
            .figures
            .tasks
            .iter()
            .find(|t| t.name == task)
            .expect("task");
        let id = t.project.clone().unwrap_or_default();
        b.figures
            .projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| (p.name.clone(), t.link_inferred))
    };
    for (task, project, inferred) in [
        ("商贸管理", "商贸管理", false),
        ("旧工业区升级改造", "旧工业区改造升级", true),
        ("信息系统开发", "信息化建设（通用项目）", true),
        ("对口扶持", "扶贫支出", true),
        ("对口帮扶事务", "对口帮扶", true),
        ("战略性新兴产业扶持项目", "企业服务", true),
        ("产业转型升级", "宣传经费（通用项目）", true),
        (
            "工业和信息化产业发展专项",
            "工业和信息化产业发展专项资金",
            true,
        ),
    ] {
        assert_eq!(
            project_of(task),
            Some((project.to_string(), inferred)),
            "{task}"
        );
    }
    assert!(b
        .figures
        .tasks
        .iter()
        .filter(|t| !t.basic)
        .all(|t| t.project.is_some()));
}

#[test]
fn header_spans_do_not_overlap() {
    use yusuan::view::header_spans;
    let b = seed();
    for t in &b.tables {
        let spans = header_spans(&t.header);
        let width = t.header.first().map_or(0, Vec::len);
        let mut grid = vec![vec![0u32; width]; t.header.len()];
        for (r, row) in spans.iter().enumerate() {
            for cell in row {
                for row in grid.iter_mut().skip(r).take(cell.rowspan) {
                    for slot in row.iter_mut().skip(cell.col).take(cell.colspan) {
                        *slot += 1;
                    }
                }
            }
        }
        assert!(
            grid.iter().flatten().all(|n| *n == 1),
            "{}: {grid:?}",
            t.key
        );
    }
    let t3 = table(&b, "t3");
    let spans = header_spans(&t3.header);
    let procurement = spans[0]
        .iter()
        .find(|c| c.text == "2022 年政府采购项目")
        .expect("cell");
    assert_eq!((procurement.colspan, procurement.rowspan), (3, 1));
    let total = spans[0]
        .iter()
        .find(|c| c.text == "支出总计")
        .expect("cell");
    assert_eq!((total.colspan, total.rowspan), (1, 2));
    let t11 = table(&b, "t11");
    let spans = header_spans(&t11.header);
    let amount = spans[1]
        .iter()
        .find(|c| c.text == "预算金额(万元)")
        .expect("cell");
    assert_eq!(amount.colspan, 3);
    let supervisor = spans[0]
        .iter()
        .find(|c| c.text == "主管部门")
        .expect("cell");
    assert_eq!(supervisor.rowspan, 1);
}

/// The checks find the template's columns by the role their header names, not by position:
/// the summary's two sides, the coded tables' code, total, basic and project columns and total
/// row, the 三公 table's leaves.
#[test]
fn template_columns_are_found_by_role() {
    let b = seed();
    let summary = b.table_by_role("summary").expect("a summary table");
    assert_eq!(summary.sides(), vec![(0, 1), (2, 3)]);
    let income = summary
        .side_figure(0, "本年收入合计")
        .expect("income of the year");
    assert_eq!(income.amount, amount("84579"));
    let spending = summary
        .side_figure(1, "本年支出合计")
        .expect("expenditure of the year");
    assert_eq!(spending.amount, amount("84579"));

    let functions = b
        .table_by_role("general-function")
        .expect("the functional table");
    assert_eq!(
        ["code", "name", "total", "basic", "project"].map(|r| functions.column(r)),
        [Some(1), Some(2), Some(3), Some(4), Some(5)]
    );
    let total_row = functions.total_row().expect("a total row");
    let total = functions.figure_in(total_row, "total").expect("its total");
    assert_eq!(total.amount, amount("84579"));

    let spending = b
        .table_by_role("expenditure")
        .expect("the expenditure table");
    let basic = spending.figure_in(0, "basic").expect("basic");
    let project = spending.figure_in(0, "project").expect("project");
    assert_eq!(
        basic.amount.checked_add(project.amount).expect("in range"),
        amount("84579")
    );

    let sanggong = b.table_by_role("sanggong").expect("the 三公 table");
    assert_eq!(
        [
            "abroad",
            "reception",
            "vehicle-purchase",
            "vehicle-operation"
        ]
        .map(|r| sanggong.sanggong_column(r)),
        [Some(3), Some(4), Some(6), Some(7)]
    );
}
