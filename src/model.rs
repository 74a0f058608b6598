//! A department budget (部门预算): the tables exactly as published, the narrative, and the
//! structured figures read from them (income, functional classes, projects, 三公, procurement).
//!
//! Every figure carries its [`Location`]: the table cell or narrative line it was read from, so
//! that a finding can point at it.

use serde::{Deserialize, Serialize};

use crate::amount::Amount;

/// A whole published budget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The document title as printed (`2022 年深圳市龙岗区工业和信息化局 部门预算`).
    pub title: String,
    /// The department (`深圳市龙岗区工业和信息化局`).
    pub department: String,
    /// The budget year.
    pub year: u16,
    /// The year the changes are measured against (the year before).
    pub prior_year: u16,
    /// The unit every table amount is printed in.
    pub unit: Unit,
    /// The file the budget was read from.
    pub source: String,
    /// The tables the contents page promises (表格部分).
    pub contents: Vec<ContentsEntry>,
    /// The narrative parts (文字部分), paragraph by paragraph.
    pub parts: Vec<Part>,
    /// Every table, merged across page breaks, as published.
    pub tables: Vec<Table>,
    /// The structured figures read from the tables and the narrative.
    pub figures: Figures,
    /// How the publication was read, and so which checks apply.
    #[serde(default, skip_serializing_if = "Reader::is_template")]
    pub reader: Reader,
    /// What the reader that turned a file into text remarked (a spreadsheet cell whose stored
    /// value differs from what it shows): reported as notes beside the checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_notes: Vec<SourceNote>,
}

/// A remark of the reader that turned a PDF or a workbook into text, with its place
/// (`表7!D12`, `第 3 页`) in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceNote {
    /// The file it is about.
    pub file: String,
    /// Where in the file: a sheet and cell (`表7!D12`), a page.
    pub place: String,
    /// What it says, in Chinese.
    pub message: String,
    /// What it says, in English.
    pub message_en: String,
}

impl Budget {
    /// The first table with this catalogue role (`summary`, `general-function`…).
    pub fn table_by_role(&self, role: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.role.as_deref() == Some(role))
    }
}

/// How a publication was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reader {
    /// In the seed's template (numbered 表 N, 第N部分): the template's rules and claims apply.
    #[default]
    Template,
    /// By the genre's roles (any publication): the genre's checks apply.
    Genre,
}

impl Reader {
    /// Whether this is the template reader (the JSON leaves it out).
    pub fn is_template(&self) -> bool {
        *self == Reader::Template
    }
}

/// The unit figures are printed in, and the rounding step of the printed figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// `万元`, `元`.
    pub name: String,
    /// The smallest printed step `u`: every printed figure `x` stands for `[x − u/2, x + u/2]`.
    pub step: Amount,
}

/// One entry of the contents' table list (`(七) 一般公共预算支出表（按功能分类）`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentsEntry {
    /// The table number (7).
    pub number: u8,
    /// The title as listed.
    pub title: String,
    /// The line of the contents page.
    pub line: usize,
}

/// A narrative part (`第三部分 部门预算支出具体情况`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// 1 to 9.
    pub number: u8,
    /// The title after `第N部分`.
    pub title: String,
    /// The heading's line.
    pub line: usize,
    /// The paragraphs, joined across page breaks.
    pub paragraphs: Vec<Paragraph>,
}

/// A paragraph of narrative text and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// The first line.
    pub line: usize,
    /// The text, with page-break fragments joined.
    pub text: String,
}

/// A table as published: header rows, body rows (every cell's text), notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// `t7` for 表7; `p7` for the project table inside 第七部分.
    pub key: String,
    /// The table number, for numbered tables.
    pub number: Option<u8>,
    /// `表7` or `第七部分`.
    pub label: String,
    /// The title (`一般公共预算支出表（按功能分类）`).
    pub title: String,
    /// The department line (`部门名称：…`), when printed.
    pub department: Option<String>,
    /// The unit line (`单位：万元`), when printed.
    pub unit: Option<String>,
    /// The line of `表 N` (or of the first row).
    pub line: usize,
    /// The header rows, as printed on the first page.
    pub header: Vec<Vec<String>>,
    /// The body rows, merged across pages; continuation fragments joined into their cell.
    pub rows: Vec<Row>,
    /// Notes under the table (`注：…`).
    pub notes: Vec<String>,
    /// The role the catalogue recognised from the title (`summary`, `general-function`…);
    /// none when the title names no known role (the table is still shown and its sums checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl Table {
    /// Column names: the header rows' texts per column, spaces removed. The importer finds
    /// columns by these names, the checks and the views label cells with them.
    pub fn column_names(&self) -> Vec<String> {
        let width = self.header.first().map_or(0, Vec::len);
        (0..width)
            .map(|j| {
                self.header
                    .iter()
                    .filter_map(|row| row.get(j))
                    .flat_map(|c| c.chars())
                    .filter(|c| !c.is_whitespace())
                    .collect()
            })
            .collect()
    }

    /// The column roles of this table's header, column by column: a label column's role
    /// (`code`, `name`, `item`, `unit`: [`crate::catalogue::label_column`]) or an amount
    /// column's ([`crate::catalogue::column_of_header`]); `None` where the header names none.
    pub fn column_roles(&self) -> Vec<Option<&'static str>> {
        self.column_names()
            .iter()
            .map(|name| {
                crate::catalogue::label_column(name)
                    .or_else(|| crate::catalogue::column_of_header(name).map(|c| c.id))
            })
            .collect()
    }

    /// The first column whose header names this role (`code`, `total`, `basic`…).
    pub fn column(&self, role: &str) -> Option<usize> {
        self.column_roles().iter().position(|r| *r == Some(role))
    }

    /// The 三公 column a header names (`abroad`, `reception`, `subtotal`, `vehicle-purchase`…:
    /// [`crate::catalogue::sanggong_column`]).
    pub fn sanggong_column(&self, role: &str) -> Option<usize> {
        self.column_names()
            .iter()
            .position(|name| crate::catalogue::sanggong_column(name) == Some(role))
    }

    /// The sides of a two-sided table (收入 | 支出), in order: each `item` column with the first
    /// amount column after it (`(label, amount)`).
    pub fn sides(&self) -> Vec<(usize, usize)> {
        let roles = self.column_roles();
        let mut sides = Vec::new();
        for (j, role) in roles.iter().enumerate() {
            if *role != Some("item") {
                continue;
            }
            let amount = roles
                .iter()
                .enumerate()
                .skip(j + 1)
                .take_while(|(_, r)| **r != Some("item"))
                .find(|(_, r)| r.is_some())
                .map(|(k, _)| k);
            if let Some(k) = amount {
                sides.push((j, k));
            }
        }
        sides
    }

    /// The amount in body row `row`, column `col`, with its location; none where the cell is
    /// not an amount.
    pub fn figure(&self, row: usize, col: usize) -> Option<Figure> {
        let text = self.rows.get(row)?.cells.get(col)?;
        Some(Figure {
            amount: Amount::parse(text).ok()?,
            at: Location::Cell {
                table: self.key.clone(),
                row,
                col,
            },
        })
    }

    /// The amount in body row `row` of the column with this role ([`Table::column`]).
    pub fn figure_in(&self, row: usize, role: &str) -> Option<Figure> {
        self.figure(row, self.column(role)?)
    }

    /// The first body row whose cell in column `col` names `word` (spaces ignored).
    pub fn row_naming(&self, col: usize, word: &str) -> Option<usize> {
        self.rows.iter().position(|r| {
            r.cells.get(col).is_some_and(|c| {
                c.chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .contains(word)
            })
        })
    }

    /// The amount on side `side` (0 income, 1 expenditure: [`Table::sides`]) of the row whose
    /// label on that side names `word`.
    pub fn side_figure(&self, side: usize, word: &str) -> Option<Figure> {
        let (label, amount) = self.sides().get(side).copied()?;
        self.figure(self.row_naming(label, word)?, amount)
    }

    /// The total row of a coded table: the first row with amounts and an empty code cell.
    pub fn total_row(&self) -> Option<usize> {
        let code = self.column("code")?;
        self.rows.iter().position(|r| {
            r.cells.get(code).is_some_and(String::is_empty)
                && r.cells.iter().any(|c| crate::amount::is_amount(c))
        })
    }

    /// The columns of body row `row` whose cells hold amounts ([`crate::amount::is_amount`]);
    /// none for a row the table does not have.
    pub fn amount_cells(&self, row: usize) -> Vec<usize> {
        self.rows
            .get(row)
            .map(|r| {
                r.cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| crate::amount::is_amount(c))
                    .map(|(j, _)| j)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// One body row of a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The cells' text, trimmed; `<p>` fragments turned into line breaks.
    pub cells: Vec<String>,
    /// The source line.
    pub line: usize,
}

/// Where a figure was read from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Location {
    /// A table cell: table key, row index into `rows`, column index.
    Cell {
        /// `t7`.
        table: String,
        /// Index into [`Table::rows`].
        row: usize,
        /// Column index.
        col: usize,
    },
    /// A whole table (a table the contents list).
    Table {
        /// `t9`.
        table: String,
    },
    /// A line of the contents page.
    Contents {
        /// The source line.
        line: usize,
    },
    /// A narrative phrase.
    Text {
        /// The part number.
        part: u8,
        /// The source line.
        line: usize,
        /// The phrase the figure was read from.
        text: String,
        /// The phrase's character span in its paragraph, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        span: Option<[usize; 2]>,
    },
}

/// An amount and where it was printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The amount as printed, in the budget's unit.
    pub amount: Amount,
    /// Where.
    pub at: Location,
}

/// The structured figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    /// Income lines of 表1 (`一、政府预算拨款`, `1. 一般公共预算拨款`, …).
    pub income: Vec<Line>,
    /// The functional classification (类/款/项) of 表7, with total, basic and project columns.
    pub functions: Vec<Function>,
    /// Basic expenditure by economic class, from 第三部分 (人员支出 / 公用支出 / 对个人和家庭的补助).
    pub economic: Vec<Line>,
    /// The projects, from 第三部分, with the 第七部分 table's amounts linked.
    pub projects: Vec<Project>,
    /// 三公 for both years and the change row (表8).
    pub sanggong: Vec<SanggongRow>,
    /// Government procurement (表3 and 第四部分).
    pub procurement: Option<Procurement>,
    /// 机关运行经费 (第八部分).
    pub operating_funds: Option<Statement>,
    /// The tasks of the performance table (表11), linked to projects.
    pub tasks: Vec<Task>,
    /// Figures stated in the narrative that the checks compare with the tables, by name
    /// (`total`, `income`, `basic`, `project`, `project_goal_count`, …).
    pub stated: Vec<Named>,
    /// Every table read by role (the genre reader): its lines with their codes, labels and
    /// amounts placed in columns by header, for the checks that hold in any publication.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableFigures>,
}

/// One table's figures, read by role: what the genre's checks need, with no cell positions
/// left to guess.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFigures {
    /// The table's key in [`Budget::tables`].
    pub table: String,
    /// The catalogue role, when recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The unit its amounts are printed in (`元`, `万元`).
    pub unit: String,
    /// The printed step of its amounts (1, 0.01).
    pub step: Amount,
    /// The amount columns by role, in header order (`total`, `basic`, `project`…), for each
    /// side or group of a two-sided table.
    pub columns: Vec<Vec<String>>,
    /// The lines.
    pub lines: Vec<TableLine>,
}

/// One line of a table: a row, or one side of a two-sided table's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableLine {
    /// The row index in the table's `rows`.
    pub row: usize,
    /// 0 for a one-sided table or the income side; 1, 2… for the expenditure side's groups;
    /// 255 when the text does not tell (a wrapped label left its amounts on a line alone).
    pub side: u8,
    /// The classification code, digits only (`2080501`), when the row has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The label as printed (`一、财政拨款收入`, `行政运行`).
    pub label: String,
    /// What the line is.
    pub kind: LineKind,
    /// The amounts as printed, left to right.
    pub amounts: Vec<Placed>,
    /// Whether every amount is known to be in its column (the row printed all its cells).
    pub aligned: bool,
    /// How deep the row is nested, where the table nests its rows by the column their name
    /// starts in (a procurement table: 0 品目大类, 1 专项, 2 物品; see
    /// [`crate::catalogue::NESTING_COLUMNS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<u8>,
    /// Whether the amounts were put in their columns by the table's own sums, the header
    /// giving no positions and only one column order keeping them (a 三公 row): its sums are
    /// then no check of their own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub order_from_sums: bool,
}

impl TableFigures {
    /// The amount of `line` in the column `role`; in a table with one amount column, the
    /// line's only amount is its total.
    pub fn amount_in<'l>(&self, line: &'l TableLine, role: &str) -> Option<&'l Placed> {
        if let Some(p) = line
            .amounts
            .iter()
            .find(|a| a.role.as_deref() == Some(role))
        {
            return Some(p);
        }
        let single = self.columns.first().is_some_and(|g| g.len() <= 1) && line.amounts.len() == 1;
        (single && role == "total")
            .then(|| line.amounts.first())
            .flatten()
    }
}

impl TableLine {
    /// The side of a line the text does not tell (a wrapped label left its amounts alone).
    pub const UNKNOWN_SIDE: u8 = u8::MAX;

    /// Whether the line is known to be on the income side (`true`) or the expenditure side.
    pub fn on_side(&self, income: bool) -> bool {
        self.side != Self::UNKNOWN_SIDE && (self.side == 0) == income
    }
}

/// What a table line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A classified line (类, 款, 项 or economic 类/款), or a top item (`一、…`).
    Item,
    /// A numbered sub-item (`1. 一般公共预算`).
    Child,
    /// A line with neither code nor numbering.
    Plain,
    /// The year's own subtotal (本年收入合计, 当年支出小计).
    Subtotal,
    /// A carry-over line (上年结转, 结转下年).
    Carry,
    /// The table's (or side's) total (合计, 总计, 收入总计).
    Total,
}

/// An amount and the column it sits in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placed {
    /// The cell index in the row.
    pub col: usize,
    /// The column's role, when the amount is known to be in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The amount, in the table's unit.
    pub value: Amount,
}

/// A named amount (`人员支出 3,973`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// The name as printed.
    pub name: String,
    /// The amount.
    pub value: Figure,
}

/// A figure the narrative states, under a stable key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    /// A stable key (`total`, `basic`, `project`, `procurement.goods`).
    pub key: String,
    /// The amount.
    pub value: Figure,
}

/// A row of the functional classification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    /// The code: 3 digits for a 类, 5 for a 款, 7 for a 项.
    pub code: String,
    /// The name as printed in 表7.
    pub name: String,
    /// 支出总计.
    pub total: Figure,
    /// 基本支出.
    pub basic: Figure,
    /// 项目支出.
    pub project: Figure,
}

impl Function {
    /// 类, 款 or 项, by the length of the code.
    pub fn level(&self) -> Level {
        Level::of(&self.code)
    }
}

/// The three levels of the functional classification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    /// 类 (3 digits).
    Class,
    /// 款 (5 digits).
    Section,
    /// 项 (7 digits).
    Item,
}

impl Level {
    /// The level a code of this length stands for (anything longer than 5 is a 项).
    pub fn of(code: &str) -> Level {
        match code.len() {
            0..=3 => Level::Class,
            4..=5 => Level::Section,
            _ => Level::Item,
        }
    }

    /// `类`, `款`, `项`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Class => "类",
            Level::Section => "款",
            Level::Item => "项",
        }
    }
}

/// A project (项目支出) and what the publication says of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// A stable id (`p01` … in the order of 第三部分).
    pub id: String,
    /// The name as printed in 第三部分.
    pub name: String,
    /// The amount stated in 第三部分.
    pub amount: Figure,
    /// The change against the prior year's budget, when the text gives it.
    pub change: Option<Change>,
    /// The functional 项 code the project is booked under.
    pub code: Option<String>,
    /// True when the code is our inference (the publication gives only per-code totals).
    pub code_inferred: bool,
    /// The amount printed for it in the 第七部分 project table, when listed there.
    pub listed: Option<Figure>,
}

/// A stated change against the prior year (`较 2021 年预算增加 5 万元，增长 8%`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The change, signed (a decrease is negative), in the unit printed with it.
    pub amount: Amount,
    /// The unit printed with the change (`万元`, or `元` where the text says so).
    pub unit: String,
    /// The stated percentage, signed, as printed (`8`, `-19.31`).
    pub percent: Option<Amount>,
    /// Decimals the percentage was printed with.
    pub percent_decimals: u32,
    /// True when the text says the project is new (新设/新增项目).
    pub new: bool,
    /// Where.
    pub at: Location,
}

/// A stated amount with its change (机关运行经费).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// The amount.
    pub value: Figure,
    /// The change, when stated.
    pub change: Option<Change>,
}

/// A row of 表8 (`2021 年`, `2022 年`, `增减变化金额`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SanggongRow {
    /// The row label as printed.
    pub label: String,
    /// 总计.
    pub total: Figure,
    /// 因公出国(境)费.
    pub abroad: Figure,
    /// 公务接待费.
    pub reception: Figure,
    /// 公务用车购置及运行维护费 小计.
    pub vehicles: Figure,
    /// 公务用车购置费.
    pub vehicle_purchase: Figure,
    /// 公务用车运行维护费.
    pub vehicle_operation: Figure,
}

/// Government procurement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// 表3 政府采购 小计.
    pub total: Option<Figure>,
    /// 第四部分 共计.
    pub stated_total: Option<Figure>,
    /// 货物采购.
    pub goods: Option<Figure>,
    /// 工程采购.
    pub works: Option<Figure>,
    /// 服务采购.
    pub services: Option<Figure>,
}

/// A task of the performance table (表11).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// The task name as printed.
    pub name: String,
    /// 总额.
    pub total: Figure,
    /// 其中：财政拨款.
    pub fiscal: Figure,
    /// 其中：其他资金.
    pub other: Figure,
    /// The project it funds (its id), or `None` for 基本支出.
    pub project: Option<String>,
    /// True for the 基本支出 row.
    pub basic: bool,
    /// True when the link to the project is our inference (names differ).
    pub link_inferred: bool,
}
