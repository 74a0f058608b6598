//! What the genre's tables, columns and narrative sections are, as data.
//!
//! Every 部门预算 (and 部门决算) follows the Ministry of Finance's disclosure template or a
//! provincial variant of it: the same tables under different numbers and titles. A table is
//! known here by the words of its title, never by its number; a column by the words of its
//! header. To teach Yusuan a new variant, add its words here: the readers and the checks use
//! only the roles.

/// Whose money a table covers: the checks compare tables of the same scope only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every source of funds (收支总表, 收入总表, 支出总表).
    All,
    /// 财政拨款 (一般公共预算 + 政府性基金 + 国有资本经营).
    Appropriation,
    /// 一般公共预算 alone.
    General,
    /// 政府性基金.
    Fund,
    /// 国有资本经营.
    StateCapital,
    /// Not a sum of money by source (三公, 采购, 绩效…).
    Other,
}

/// How a table lays out its figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Income on the left, expenditure on the right (收支总表).
    TwoSided,
    /// Rows keyed by a classification code (类/款/项 or 301/30101), amounts in columns.
    Coded,
    /// A few amount columns over one or more rows (三公, 支出总表 of one line).
    Columns,
    /// Named rows with amounts (收入总表 by source, 采购).
    Named,
}

/// A table role: what a table is, whatever its number.
#[derive(Debug)]
pub struct Role {
    /// A stable id used in findings and JSON (`summary`, `general-function`).
    pub id: &'static str,
    /// The Chinese name shown to readers.
    pub zh: &'static str,
    /// The English name.
    pub en: &'static str,
    /// Every one of these words must be in the title (spaces removed).
    pub all: &'static [&'static str],
    /// At least one of these must be in the title (empty: no condition).
    pub any: &'static [&'static str],
    /// None of these may be in the title.
    pub none: &'static [&'static str],
    /// Whose money.
    pub scope: Scope,
    /// Its layout.
    pub shape: Shape,
}

const NOT_SUMMARY: &[&str] = &["三公", "机关运行", "采购", "绩效", "基本支出"];

/// The roles, most specific first: the first whose words match a title wins.
pub const ROLES: &[Role] = &[
    Role {
        id: "sanggong",
        zh: "“三公”经费表",
        en: "“three public expenses” table",
        all: &["三公"],
        any: &[],
        none: &[],
        scope: Scope::Other,
        shape: Shape::Columns,
    },
    Role {
        id: "operating",
        zh: "机关运行经费表",
        en: "administrative running costs table",
        all: &["机关运行经费"],
        any: &[],
        none: &[],
        scope: Scope::Other,
        shape: Shape::Coded,
    },
    Role {
        id: "procurement",
        zh: "政府采购表",
        en: "government procurement table",
        all: &["采购"],
        any: &[],
        none: &[],
        scope: Scope::Other,
        shape: Shape::Named,
    },
    Role {
        id: "performance",
        zh: "绩效目标表",
        en: "performance targets table",
        all: &["绩效"],
        any: &[],
        none: &[],
        scope: Scope::Other,
        shape: Shape::Named,
    },
    Role {
        id: "appropriation-summary",
        zh: "财政拨款收支总表",
        en: "appropriations income and expenditure summary",
        all: &["拨款"],
        any: &["收支", "收入支出"],
        none: &["基金", "国有资本"],
        scope: Scope::Appropriation,
        shape: Shape::TwoSided,
    },
    Role {
        id: "fund",
        zh: "政府性基金预算支出表",
        en: "government fund expenditure table",
        all: &["政府性基金"],
        any: &[],
        none: &[],
        scope: Scope::Fund,
        shape: Shape::Coded,
    },
    Role {
        id: "state-capital",
        zh: "国有资本经营预算支出表",
        en: "state capital operations expenditure table",
        all: &["国有资本经营"],
        any: &[],
        none: &[],
        scope: Scope::StateCapital,
        shape: Shape::Coded,
    },
    Role {
        id: "summary",
        zh: "收支总表",
        en: "income and expenditure summary",
        all: &[],
        any: &["收支", "收入支出"],
        none: NOT_SUMMARY,
        scope: Scope::All,
        shape: Shape::TwoSided,
    },
    Role {
        id: "general-basic",
        zh: "一般公共预算基本支出表（经济分类）",
        en: "general budget basic expenditure by economic class",
        all: &["一般公共预算", "基本支出"],
        any: &[],
        none: &[],
        scope: Scope::General,
        shape: Shape::Coded,
    },
    Role {
        id: "appropriation-basic",
        zh: "财政拨款基本支出表（经济分类）",
        en: "appropriations basic expenditure by economic class",
        all: &["财政拨款", "基本支出"],
        any: &[],
        none: &[],
        scope: Scope::Appropriation,
        shape: Shape::Coded,
    },
    Role {
        id: "basic",
        zh: "基本支出表（经济分类）",
        en: "basic expenditure by economic class",
        all: &["基本支出"],
        any: &[],
        none: &[],
        scope: Scope::All,
        shape: Shape::Coded,
    },
    Role {
        id: "general-function",
        zh: "一般公共预算支出表（功能分类）",
        en: "general budget expenditure by function",
        all: &["一般公共预算", "支出"],
        any: &[],
        none: &[],
        scope: Scope::General,
        shape: Shape::Coded,
    },
    Role {
        id: "appropriation-function",
        zh: "财政拨款支出表（功能分类）",
        en: "appropriations expenditure by function",
        all: &["拨款", "支出"],
        any: &[],
        none: &[],
        scope: Scope::Appropriation,
        shape: Shape::Coded,
    },
    Role {
        id: "income",
        zh: "收入总表",
        en: "income table",
        all: &["收入"],
        any: &["总表", "预算表", "决算表"],
        none: &["支出"],
        scope: Scope::All,
        shape: Shape::Coded,
    },
    Role {
        id: "project",
        zh: "项目支出表",
        en: "project expenditure table",
        all: &["项目支出"],
        any: &[],
        none: &[],
        scope: Scope::All,
        shape: Shape::Named,
    },
    Role {
        id: "expenditure",
        zh: "支出总表",
        en: "expenditure table",
        all: &["支出"],
        any: &["总表", "预算表", "决算表"],
        none: &[],
        scope: Scope::All,
        shape: Shape::Coded,
    },
];

/// The role a table title names, if any. The title is compared with its spaces removed and
/// traditional characters already read as simplified.
pub fn role_of_title(title: &str) -> Option<&'static Role> {
    let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    if !looks_like_table_title(&compact) {
        return None;
    }
    ROLES.iter().find(|r| {
        r.all.iter().all(|w| compact.contains(w))
            && (r.any.is_empty() || r.any.iter().any(|w| compact.contains(w)))
            && !r.none.iter().any(|w| compact.contains(w))
    })
}

/// The numbered template the seed follows (Shenzhen's 部门预算 layout: 表1 收支总表, 表7 the
/// functional table…): a text whose numbered tables carry these roles is read by the template
/// reader, any other by the genre reader.
pub const TEMPLATE_NUMBERS: &[(u8, &str)] = &[
    (1, "summary"),
    (3, "expenditure"),
    (6, "appropriation-summary"),
    (7, "general-function"),
    (8, "sanggong"),
    (9, "fund"),
    (10, "state-capital"),
    (11, "performance"),
];

/// The role with this id.
pub fn role(id: &str) -> Option<&'static Role> {
    ROLES.iter().find(|r| r.id == id)
}

/// A table title ends in 表 (possibly followed by a bracketed qualifier or a 公开 number) and
/// is not a sentence.
pub fn looks_like_table_title(compact: &str) -> bool {
    let n = compact.chars().count();
    if !(3..=60).contains(&n) {
        return false;
    }
    if compact.contains('。') || compact.contains('，') || compact.contains('；') {
        return false;
    }
    let core = strip_qualifier(compact);
    core.ends_with('表') && !core.ends_with("附表") && !compact.ends_with("说明")
}

/// Removes a trailing bracketed qualifier (`（功能科目）`, `(一般公共预算)`).
fn strip_qualifier(compact: &str) -> &str {
    let t = compact.trim_end();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if t.ends_with(close) {
            if let Some(i) = t.rfind(open) {
                return &t[..i];
            }
        }
    }
    t
}

/// What a column holds, known by its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// The amount the row's other amounts add up to (合计, 总计, 金额, 预算数).
    Total,
    /// A part of the total (基本支出, 项目支出, 人员经费, a funding source).
    Part,
    /// The prior year's amount.
    Prior,
    /// The change against the prior year.
    Change,
    /// A figure printed beside the row's sum, not part of it: the row's 政府采购 and its
    /// `其中` (of which) columns.
    Aside,
    /// A percentage.
    Percent,
}

/// A column role: an id, its kind and the header words that name it.
#[derive(Debug)]
pub struct Column {
    /// `total`, `basic`, `project`…
    pub id: &'static str,
    /// What kind of figure.
    pub kind: ColumnKind,
    /// Header words; the first found in a header cell names the column.
    pub words: &'static [&'static str],
}

/// The column roles, most specific first.
pub const COLUMNS: &[Column] = &[
    Column {
        id: "aside",
        kind: ColumnKind::Aside,
        words: &["政府采购", "其中"],
    },
    Column {
        id: "percent",
        kind: ColumnKind::Percent,
        words: &["增长率", "增幅", "增长%", "增减%", "%", "％", "幅度"],
    },
    Column {
        id: "change",
        kind: ColumnKind::Change,
        words: &["增减", "增加额", "变动"],
    },
    Column {
        id: "prior",
        kind: ColumnKind::Prior,
        words: &["上年预算", "上年决算", "上年数"],
    },
    Column {
        id: "basic",
        kind: ColumnKind::Part,
        words: &["基本支出"],
    },
    Column {
        id: "project",
        kind: ColumnKind::Part,
        words: &["项目支出"],
    },
    Column {
        id: "personnel",
        kind: ColumnKind::Part,
        words: &["人员经费", "人员支出"],
    },
    Column {
        id: "public",
        kind: ColumnKind::Part,
        words: &["公用经费", "公用支出"],
    },
    Column {
        id: "reserve",
        kind: ColumnKind::Part,
        words: &["预留机动"],
    },
    Column {
        id: "carry-out",
        kind: ColumnKind::Part,
        words: &["结转下年", "年末结转"],
    },
    Column {
        id: "source",
        kind: ColumnKind::Part,
        words: &[
            "财政拨款收入",
            "事业收入",
            "经营收入",
            "其他收入",
            "上级补助",
            "附属单位",
            "上年结转",
            "财政专户",
            "一般公共预算",
            "政府性基金",
            "国有资本",
        ],
    },
    Column {
        id: "total",
        kind: ColumnKind::Total,
        words: &[
            "合计",
            "总计",
            "小计",
            "金额",
            "预算数",
            "决算数",
            "本年收入",
            "本年支出",
            "支出预算",
            "收入预算",
            "机关运行经费",
        ],
    },
];

/// Words a table's header cells are made of, beyond the column, label and 三公 words above:
/// where extracted text wraps a narrow header cell over two or three lines (`支出总` / `计`,
/// `公务用车购置及` / `运行维护费`), a line's piece is joined to the piece above it when the two
/// meet inside one of these words.
pub const HEADER_WORDS: &[&str] = &[
    "支出总计",
    "收入总计",
    "科目编码",
    "科目名称",
    "项目名称",
    "功能分类",
    "经济分类",
    "政府采购",
    "采购项目",
    "面向中小企业",
    "小型、微型企业",
    "公务用车",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
    "因公出国（境）费",
    "因公出国(境)费",
    "运行维护费",
    "购置费",
    "预算数",
    "决算数",
    "年度",
];

/// Every word a header cell may be wrapped inside: [`HEADER_WORDS`] and the words of
/// [`COLUMNS`], [`LABEL_COLUMNS`] and [`SANGGONG_COLUMNS`].
pub fn header_words() -> impl Iterator<Item = &'static str> {
    HEADER_WORDS
        .iter()
        .copied()
        .chain(COLUMNS.iter().flat_map(|c| c.words.iter().copied()))
        .chain(LABEL_COLUMNS.iter().flat_map(|(_, w)| w.iter().copied()))
        .chain(SANGGONG_COLUMNS.iter().flat_map(|(_, w)| w.iter().copied()))
}

/// The column role a header cell names, if any.
pub fn column_of_header(header: &str) -> Option<&'static Column> {
    let compact: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    COLUMNS
        .iter()
        .find(|c| c.words.iter().any(|w| compact.contains(w)))
}

/// The columns of a table that hold names, not amounts, by header word: `(role, words)`. The
/// checks find a table's code, name and side-label columns by these, never by position.
pub const LABEL_COLUMNS: &[(&str, &[&str])] = &[
    ("code", &["编码", "代码", "科目编号"]),
    ("name", &["科目名称", "项目名称", "任务名称"]),
    (
        "item",
        &[
            "收入项目",
            "支出项目",
            "项目（按功能分类）",
            "项目(按功能分类)",
        ],
    ),
    (
        "unit",
        &["预算单位", "单位名称", "部门（单位）名称", "部门(单位)名称"],
    ),
];

/// The label column a header names (`code`, `name`, `item`, `unit`), if any.
pub fn label_column(header: &str) -> Option<&'static str> {
    let compact: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    LABEL_COLUMNS
        .iter()
        .find(|(_, words)| words.iter().any(|w| compact.contains(w)))
        .map(|(role, _)| *role)
}

/// The columns of a 三公 table, by header word, most specific first: `(role, words)`. A header
/// that spans the vehicle columns (`公务用车购置及运行维护费`) names no column of its own: the
/// 小计 under it does.
pub const SANGGONG_COLUMNS: &[(&str, &[&str])] = &[
    ("span", &["购置及运行"]),
    ("operating", &["机关运行经费"]),
    ("abroad", &["因公出国"]),
    ("reception", &["公务接待"]),
    ("vehicle-purchase", &["购置"]),
    ("vehicle-operation", &["运行"]),
    ("meeting", &["会议费"]),
    ("training", &["培训费"]),
    ("total", &["合计", "总计"]),
    ("subtotal", &["小计"]),
];

/// The 三公 column a header word names (`None` for a spanning header or another word).
pub fn sanggong_column(header: &str) -> Option<&'static str> {
    let compact: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    SANGGONG_COLUMNS
        .iter()
        .find(|(_, words)| words.iter().any(|w| compact.contains(w)))
        .map(|(role, _)| *role)
        .filter(|role| *role != "span")
}

/// A figure the narrative names that a table prints: its phrases, the table role and the
/// column (`""`: the table's total row).
#[derive(Debug)]
pub struct NarrativeFigure {
    /// How the figure is shown (`公务接待费`).
    pub zh: &'static str,
    /// The phrases that name it, most specific first.
    pub phrases: &'static [&'static str],
    /// Words that make a clause speak of something else (`中小企业` for procurement set aside).
    pub unless: &'static [&'static str],
    /// The table role that prints it.
    pub role: &'static str,
    /// The column role, or `""` for the table's total row.
    pub column: &'static str,
    /// Whether only the line that totals the table counts (a classified table prints the
    /// column on every line; the narrative's figure is the table's whole).
    pub whole: bool,
}

/// The figures the narrative names that tables print, most specific phrase first.
pub const NARRATIVE_FIGURES: &[NarrativeFigure] = &[
    NarrativeFigure {
        zh: "公务用车购置费",
        phrases: &["公务用车购置费"],
        unless: &["运行"],
        role: "sanggong",
        column: "vehicle-purchase",
        whole: false,
    },
    NarrativeFigure {
        zh: "公务用车运行维护费",
        phrases: &["公务用车运行维护费", "公务用车运行费"],
        unless: &[],
        role: "sanggong",
        column: "vehicle-operation",
        whole: false,
    },
    NarrativeFigure {
        zh: "公务用车购置及运行费",
        phrases: &["公务用车购置及运行维护费", "公务用车购置及运行费"],
        unless: &[],
        role: "sanggong",
        column: "vehicle",
        whole: false,
    },
    NarrativeFigure {
        zh: "因公出国（境）费",
        phrases: &["因公出国（境）费", "因公出国(境)费"],
        unless: &[],
        role: "sanggong",
        column: "abroad",
        whole: false,
    },
    NarrativeFigure {
        zh: "公务接待费",
        phrases: &["公务接待费"],
        unless: &[],
        role: "sanggong",
        column: "reception",
        whole: false,
    },
    NarrativeFigure {
        zh: "会议费",
        phrases: &["会议费"],
        unless: &["培训费"],
        role: "sanggong",
        column: "meeting",
        whole: false,
    },
    NarrativeFigure {
        zh: "培训费",
        phrases: &["培训费"],
        unless: &["会议费"],
        role: "sanggong",
        column: "training",
        whole: false,
    },
    NarrativeFigure {
        zh: "机关运行经费",
        phrases: &["机关运行经费"],
        unless: &[],
        role: "operating",
        column: "",
        whole: false,
    },
    NarrativeFigure {
        zh: "机关运行经费",
        phrases: &["机关运行经费"],
        unless: &[],
        role: "sanggong",
        column: "operating",
        whole: false,
    },
    NarrativeFigure {
        zh: "政府采购",
        phrases: &["政府采购支出预算总额", "政府采购预算", "政府采购支出"],
        unless: &["中小企业", "小型", "微型", "货物", "工程", "服务"],
        role: "procurement",
        column: "",
        whole: false,
    },
    NarrativeFigure {
        zh: "项目支出",
        phrases: &["项目支出"],
        unless: &["增加", "减少", "增长", "下降", "占"],
        role: "expenditure",
        column: "project",
        whole: true,
    },
    NarrativeFigure {
        zh: "项目支出",
        phrases: &["项目支出"],
        unless: &["增加", "减少", "增长", "下降", "占"],
        role: "appropriation-function",
        column: "project",
        whole: true,
    },
    NarrativeFigure {
        zh: "项目支出",
        phrases: &["项目支出"],
        unless: &["增加", "减少", "增长", "下降", "占"],
        role: "general-function",
        column: "project",
        whole: true,
    },
    NarrativeFigure {
        zh: "基本支出",
        phrases: &["基本支出"],
        unless: &["增加", "减少", "增长", "下降", "占"],
        role: "expenditure",
        column: "basic",
        whole: true,
    },
    NarrativeFigure {
        zh: "基本支出",
        phrases: &["基本支出"],
        unless: &["增加", "减少", "增长", "下降", "占"],
        role: "appropriation-function",
        column: "basic",
        whole: true,
    },
    NarrativeFigure {
        zh: "基本支出",
        phrases: &["基本支出"],
        unless: &["增加", "减少", "增长", "下降", "占"],
        role: "general-function",
        column: "basic",
        whole: true,
    },
];

/// The header words of a classification code column.
pub const CODE_HEADERS: &[&str] = &["编码", "代码", "科目编号"];

/// Words of a row that totals its table (it carries no code).
pub const TOTAL_ROW_WORDS: &[&str] = &["合计", "总计"];

/// Words of a subtotal row (本年收入合计 before 上年结转).
pub const SUBTOTAL_ROW_WORDS: &[&str] = &[
    "本年收入合计",
    "本年支出合计",
    "当年收入小计",
    "当年支出小计",
];

/// Header words of the name columns of a table that nests its rows by the column their name
/// starts in, with the depth each names (Jiangsu's 政府采购预算表: 采购品目大类 › 专项名称 ›
/// 采购物品名称; 经济科目 and 采购组织形式 are said on the row of the depth before them).
/// A row is the sum of the rows one deeper below it.
pub const NESTING_COLUMNS: &[(&str, u8)] = &[
    ("品目大类", 0),
    ("专项名称", 1),
    ("经济科目", 1),
    ("物品名称", 2),
    ("组织形式", 2),
];

/// A figure of a form that is the sum of figures printed under it, the form's two columns
/// side by side (Shanghai's 项目支出绩效目标申报表: 项目资金（元）with 项目资金总额 on the left,
/// 年度资金申请总额 on the right).
pub struct FormSum {
    /// The column the sum is printed in: 0 left, 1 right.
    pub column: u8,
    /// The total's label (`项目资金总额`).
    pub total: &'static str,
    /// Its parts' labels, each printed once in its column (`其中：财政资金`, `其他资金`).
    pub parts: &'static [&'static str],
}

/// The sums of a performance form's funding block. A label both columns print (`其他资金`) is
/// told apart only by the column it stands in.
pub const FORM_SUMS: &[FormSum] = &[
    FormSum {
        column: 0,
        total: "项目资金总额",
        parts: &["财政资金", "其他资金"],
    },
    FormSum {
        column: 1,
        total: "年度资金申请总额",
        parts: &["当年财政拨款", "上年结转资金", "其他资金"],
    },
];

/// The label of a group's subtotal in a list of sources (`小计` under 收入总计, one per
/// source, alone or after the source's name: `政府性基金 小计`).
pub const GROUP_SUBTOTAL_WORD: &str = "小计";

/// How a line that is part of the line above starts (`其中：动用上年结转和结余资金`): it is
/// not added again.
pub const PART_OF_WORDS: &[&str] = &["其中"];

/// Words of a two-sided table's carry-over lines (not part of the year's own income or spending).
pub const CARRY_WORDS: &[&str] = &["结转", "结余", "上年"];

/// Words that put a label on the expenditure side of a two-sided table.
pub const EXPENDITURE_WORDS: &[&str] = &["支出", "结转下年", "年末结转", "结余分配"];

/// Units the genre prints amounts in, with the number of 元 in one.
pub const UNITS: &[(&str, u32)] = &[
    ("亿元", 100_000_000),
    ("万元", 10_000),
    ("千元", 1_000),
    ("元", 1),
];

/// Printed zeros (an empty cell is a zero too).
pub const ZERO_MARKS: &[&str] = &["-", "－", "—", "–", "——", "/"];

/// Narrative sections, known by their heading's words: `(id, words)`.
pub const SECTIONS: &[(&str, &[&str])] = &[
    (
        "overview",
        &["部门概况", "主要职能", "机构设置", "单位构成"],
    ),
    ("terms", &["名词解释"]),
    ("sanggong", &["三公"]),
    ("operating", &["机关运行经费"]),
    ("procurement", &["政府采购"]),
    ("performance", &["绩效"]),
    ("assets", &["国有资产"]),
    (
        "summary",
        &[
            "总体情况",
            "收支预算",
            "编制说明",
            "决算情况",
            "预算情况说明",
        ],
    ),
    (
        "expenditure",
        &["支出情况", "支出具体情况", "支出预算", "支出决算"],
    ),
    ("income", &["收入情况", "收入预算", "收入决算"]),
    ("projects", &["项目", "重点"]),
    ("other", &["其他", "说明"]),
];

/// The section a heading names, if any.
pub fn section_of_heading(heading: &str) -> Option<&'static str> {
    SECTIONS
        .iter()
        .find(|(_, words)| words.iter().any(|w| heading.contains(w)))
        .map(|(id, _)| *id)
}

/// Traditional characters of the genre and their simplified forms, read as simplified.
pub const TRADITIONAL: &str = "萬万億亿預预決决總总計计項项門门經经費费務务財财額额減减與与際际資资業业單单類类稱称\
編编碼码車车購购運运維维護护會会議议訓训採采貨货績绩標标說说況况報报獎奖勵励補补貼贴醫医療疗衛卫體体傳传\
環环節节農农輸输發发國国營营結结轉转餘余較较為为員员險险繳缴職职養养離离撥拨劃划機机關关專专戶户幣币數数\
據据級级區区縣县廳厅辦办處处廣广東东設设備备長长實实構构廠厂權权種种產产銷销費费組组織织內内務务個个網网\
資资興兴開开質质參参歲岁對对應应導导價价與与災灾險险處处";

/// The simplified form of a traditional character of [`TRADITIONAL`], or the character itself.
pub fn simplified(c: char) -> char {
    let mut it = TRADITIONAL.chars();
    while let (Some(t), Some(s)) = (it.next(), it.next()) {
        if t == c {
            return s;
        }
    }
    c
}

/// Removes a leading `一、`, `1.`, `（一）` or `1．`.
pub fn strip_item_numbering(c: &str) -> String {
    let t = c.trim().trim_start_matches(['-', '·', '•']).trim_start();
    let markers = ['、', '.', '．'];
    let head: String = t.chars().take(4).collect();
    for (i, ch) in head.char_indices() {
        if markers.contains(&ch) && i > 0 {
            let num = t.get(..i).unwrap_or("");
            let rest = t.get(i + ch.len_utf8()..).unwrap_or("");
            // `100.00%` is a number, not item 100.
            let decimal = ch != '、' && rest.starts_with(|d: char| d.is_ascii_digit());
            let arabic = num.chars().all(|x| x.is_ascii_digit()) && num.len() <= 2;
            let chinese = num.chars().all(|x| "一二三四五六七八九十".contains(x));
            if !decimal && (arabic || chinese) {
                return t[i + ch.len_utf8()..].to_string();
            }
        }
    }
    if let Some(rest) = t.strip_prefix('（').or_else(|| t.strip_prefix('(')) {
        if let Some(i) = rest.find(['）', ')']) {
            if rest[..i]
                .chars()
                .all(|x| x.is_ascii_digit() || "一二三四五六七八九十".contains(x))
            {
                let close = rest[i..].chars().next().map_or(1, char::len_utf8);
                return rest[i + close..].trim_start().to_string();
            }
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Label columns by header word: codes, names, the sides' item columns, the unit column.
    #[test]
    fn label_columns() {
        for (header, role) in [
            ("科目编码", Some("code")),
            ("功能分类科目代码", Some("code")),
            ("科目名称", Some("name")),
            ("收入项目", Some("item")),
            ("支出 项目", Some("item")),
            ("预算单位", Some("unit")),
            ("支出总计", None),
            ("2022年预算数", None),
        ] {
            assert_eq!(label_column(header), role, "{header}");
        }
    }

    /// Titles as the genre prints them, from the seed, the corpus and the national template.
    const TITLES: &[(&str, Option<&str>)] = &[
        ("收支总表", Some("summary")),
        ("部门收支总表", Some("summary")),
        ("收支预算总表", Some("summary")),
        ("2026年部门财务收支预算总表", Some("summary")),
        ("收入支出决算总表", Some("summary")),
        ("部门收支总体情况表", Some("summary")),
        ("收入预算总表", Some("income")),
        ("2026年部门收入预算总表", Some("income")),
        ("收入决算表", Some("income")),
        ("部门收入总表", Some("income")),
        ("支出总表", Some("expenditure")),
        ("支出预算总表", Some("expenditure")),
        ("支出决算表", Some("expenditure")),
        ("政府预算拨款收支总表", Some("appropriation-summary")),
        ("财政拨款收支预算总表", Some("appropriation-summary")),
        ("财政拨款收入支出决算总表", Some("appropriation-summary")),
        ("一般公共预算支出表（按功能分类）", Some("general-function")),
        (
            "一般公共预算支出预算表（功能科目）",
            Some("general-function"),
        ),
        (
            "2026年部门一般公共预算支出功能分类预算表",
            Some("general-function"),
        ),
        ("一般公共预算财政拨款支出决算表", Some("general-function")),
        (
            "财政拨款支出预算表（功能科目）",
            Some("appropriation-function"),
        ),
        (
            "财政拨款基本支出预算表（经济科目）",
            Some("appropriation-basic"),
        ),
        ("一般公共预算基本支出预算表", Some("general-basic")),
        (
            "2026年部门一般公共预算基本支出部门预算经济分类预算表",
            Some("general-basic"),
        ),
        ("一般公共预算“三公”经费支出表", Some("sanggong")),
        ("“三公”经费、会议费、培训费支出预算表", Some("sanggong")),
        ("2026年部门“三公”经费和机关运行经费预算表", Some("sanggong")),
        ("财政拨款“三公”经费支出决算表", Some("sanggong")),
        ("一般公共预算机关运行经费支出预算表", Some("operating")),
        ("政府性基金预算支出表", Some("fund")),
        ("财政拨款政府性基金支出预算表", Some("fund")),
        ("政府性基金预算财政拨款收入支出决算表", Some("fund")),
        ("国有资本经营预算支出表", Some("state-capital")),
        ("2019年政府采购预算表", Some("procurement")),
        ("部门整体支出绩效目标表", Some("performance")),
        ("财政项目支出绩效目标申报表", Some("performance")),
        ("项目支出预算表", Some("project")),
        // Not tables: a narrative heading, a sentence, a part heading.
        ("五、财政拨款支出预算表情况说明", None),
        ("本表反映部门年度总体收支预算情况。", None),
        ("附表", None),
    ];

    #[test]
    fn tables_are_known_by_their_titles_never_their_numbers() {
        for (title, role) in TITLES {
            assert_eq!(role_of_title(title).map(|r| r.id), *role, "{title}");
        }
    }

    #[test]
    fn columns_are_known_by_their_headers() {
        let cases: &[(&str, Option<&str>)] = &[
            ("合计", Some("total")),
            ("金额", Some("total")),
            ("2022 年预算数", Some("total")),
            ("本年收入合计", Some("total")),
            ("决算数", Some("total")),
            ("基本支出", Some("basic")),
            ("项目支出", Some("project")),
            ("人员经费", Some("personnel")),
            ("公用经费", Some("public")),
            ("单位预留机动经费", Some("reserve")),
            ("结转下年资金", Some("carry-out")),
            ("财政拨款收入", Some("source")),
            ("事业收入", Some("source")),
            ("一般公共预算", Some("source")),
            ("上年预算数", Some("prior")),
            ("增减额", Some("change")),
            ("增减%", Some("percent")),
            ("增长率", Some("percent")),
            ("科目名称", None),
        ];
        for (header, id) in cases {
            assert_eq!(column_of_header(header).map(|c| c.id), *id, "{header}");
        }
        let sanggong: &[(&str, Option<&str>)] = &[
            ("因公出国（境）费", Some("abroad")),
            ("公务接待费", Some("reception")),
            ("公务用车购置费", Some("vehicle-purchase")),
            ("公务用车运行维护费", Some("vehicle-operation")),
            ("公务用车购置及运行维护费", None),
            ("机关运行经费预算数", Some("operating")),
            ("会议费", Some("meeting")),
            ("小计", Some("subtotal")),
        ];
        for (header, id) in sanggong {
            assert_eq!(sanggong_column(header), *id, "{header}");
        }
    }

    #[test]
    fn numbering_is_stripped_but_not_a_decimal() {
        assert_eq!(strip_item_numbering("一、财政拨款"), "财政拨款");
        assert_eq!(strip_item_numbering("1.一般公共预算"), "一般公共预算");
        assert_eq!(strip_item_numbering("（二）项目支出"), "项目支出");
        assert_eq!(
            strip_item_numbering("- (十一) 部门整体支出绩效目标表"),
            "部门整体支出绩效目标表"
        );
        assert_eq!(
            strip_item_numbering("100.00%。主要原因"),
            "100.00%。主要原因"
        );
    }

    #[test]
    fn traditional_characters_read_as_simplified() {
        let read: String = "預算總表萬元增長".chars().map(simplified).collect();
        assert_eq!(read, "预算总表万元增长");
    }
}
