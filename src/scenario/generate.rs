//! Budgets made by a seeded generator, for benchmarks and property tests: a realistic spread of
//! 类/款/项 (a few classes, several sections each, several items each), projects spread over
//! the items with amounts from 1 to 5,000 万元, basic expenditure on a few items, and tables 表7
//! and 表3 printed from those figures so reconciliation has something to check.

use crate::amount::Amount;
use crate::model::{Budget, Figure, Figures, Function, Line, Location, Project, Row, Table, Unit};

/// A deterministic generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value; zero is replaced).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

const CLASSES: [(&str, &str); 6] = [
    ("201", "一般公共服务支出"),
    ("205", "教育支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("215", "资源勘探工业信息等支出"),
    ("221", "住房保障支出"),
];

/// A budget with `projects` projects, reproducible from `seed`.
pub fn generated(projects: usize, seed: u64) -> Budget {
    let mut rng = Rng::new(seed);
    let (function, spending) = (numbered("general-function"), numbered("expenditure"));
    // Codes: 6 classes × 4 sections × 6 items.
    let mut items: Vec<(String, String)> = Vec::new();
    let mut codes: Vec<(String, String)> = Vec::new();
    for (class, name) in CLASSES {
        codes.push((class.to_string(), name.to_string()));
        for s in 1..=4u32 {
            let section = format!("{class}{s:02}");
            codes.push((section.clone(), format!("{name}·款{s}")));
            for i in 1..=6u32 {
                let item = format!("{section}{i:02}");
                codes.push((item.clone(), format!("{name}·款{s}·项{i}")));
                items.push((item, format!("{name}·款{s}·项{i}")));
            }
        }
    }
    let mut item_project = vec![Amount::ZERO; items.len()];
    let mut item_basic = vec![Amount::ZERO; items.len()];
    let text_at = |line: usize| Location::Text {
        part: 3,
        line,
        text: String::new(),
        span: None,
    };
    let mut list = Vec::with_capacity(projects);
    for p in 0..projects {
        // Skewed spread: most projects land on a few items.
        let slot = usize::try_from(
            rng.below(items.len() as u64)
                .min(rng.below(items.len() as u64)),
        )
        .unwrap_or(0);
        let amount = Amount::from_int(1 + i64::try_from(rng.below(5_000)).unwrap_or(0));
        if let Some(sum) = item_project.get_mut(slot) {
            *sum = sum.checked_add(amount).unwrap_or(*sum);
        }
        let code = items.get(slot).map(|(c, _)| c.clone());
        list.push(Project {
            id: format!("g{p}"),
            name: format!("项目{p}"),
            amount: Figure {
                amount,
                at: text_at(p + 1),
            },
            change: None,
            code,
            code_inferred: false,
            listed: None,
        });
    }
    for (i, basic) in item_basic.iter_mut().enumerate() {
        if i % 5 == 0 {
            *basic = Amount::from_int(100 + i64::try_from(rng.below(900)).unwrap_or(0));
        }
    }
    // 表7, printed from the figures.
    let mut rows = vec![Row {
        cells: vec![
            "生成预算".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        line: 1,
    }];
    let mut functions = Vec::new();
    let sum_for = |prefix: &str, values: &[Amount]| -> Amount {
        let picked: Vec<Amount> = items
            .iter()
            .zip(values)
            .filter(|((c, _), _)| c.starts_with(prefix))
            .map(|(_, v)| *v)
            .collect();
        Amount::checked_sum(&picked).unwrap_or(Amount::ZERO)
    };
    for (code, name) in &codes {
        let basic = sum_for(code, &item_basic);
        let project = sum_for(code, &item_project);
        let total = basic.checked_add(project).unwrap_or(basic);
        let row = rows.len();
        rows.push(Row {
            cells: vec![
                String::new(),
                code.clone(),
                name.clone(),
                total.display(),
                basic.display(),
                project.display(),
            ],
            line: row + 1,
        });
        let at = |col: usize| Location::Cell {
            table: function.key.clone(),
            row,
            col,
        };
        functions.push(Function {
            code: code.clone(),
            name: name.clone(),
            total: Figure {
                amount: total,
                at: at(3),
            },
            basic: Figure {
                amount: basic,
                at: at(4),
            },
            project: Figure {
                amount: project,
                at: at(5),
            },
        });
    }
    let basic_total = Amount::checked_sum(&item_basic).unwrap_or(Amount::ZERO);
    let project_total = Amount::checked_sum(&item_project).unwrap_or(Amount::ZERO);
    let total = basic_total
        .checked_add(project_total)
        .unwrap_or(basic_total);
    if let Some(first) = rows.first_mut() {
        first.cells = vec![
            "生成预算".into(),
            String::new(),
            String::new(),
            total.display(),
            basic_total.display(),
            project_total.display(),
        ];
    }
    let header = |names: &[&str]| vec![names.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    let t7 = Table {
        key: function.key,
        number: Some(function.number),
        label: function.label,
        title: "一般公共预算支出表（按功能分类）".into(),
        department: Some("生成的部门".into()),
        unit: Some("万元".into()),
        line: 1,
        header: header(&[
            "预算单位",
            "科目编码",
            "科目名称",
            "支出总计",
            "基本支出",
            "项目支出",
        ]),
        rows,
        notes: Vec::new(),
        role: Some("general-function".into()),
    };
    let t3 = Table {
        key: spending.key,
        number: Some(spending.number),
        label: spending.label,
        title: "支出总表".into(),
        department: Some("生成的部门".into()),
        unit: Some("万元".into()),
        line: 1,
        header: header(&["预算单位", "支出总计", "基本支出", "项目支出"]),
        rows: vec![Row {
            cells: vec![
                "生成预算".into(),
                total.display(),
                basic_total.display(),
                project_total.display(),
            ],
            line: 1,
        }],
        notes: Vec::new(),
        role: Some("expenditure".into()),
    };
    let half = Amount::from_int(i64::try_from(rng.below(2)).unwrap_or(0));
    let economic = vec![
        Line {
            name: "人员支出".into(),
            value: Figure {
                amount: basic_total.checked_sub(half).unwrap_or(basic_total),
                at: text_at(0),
            },
        },
        Line {
            name: "公用支出".into(),
            value: Figure {
                amount: half,
                at: Location::Text {
                    part: 3,
                    line: 0,
                    text: "公用支出".into(),
                    span: None,
                },
            },
        },
    ];
    Budget {
        title: format!("生成的部门预算（{projects} 个项目，种子 {seed}）"),
        department: "生成的部门".into(),
        year: 2022,
        prior_year: 2021,
        unit: Unit {
            name: "万元".into(),
            step: Amount::from_int(1),
        },
        source: format!("generated:{projects}:{seed}"),
        contents: Vec::new(),
        parts: Vec::new(),
        tables: vec![t3, t7],
        figures: Figures {
            functions,
            economic,
            projects: list,
            ..Figures::default()
        },
        reader: crate::model::Reader::Template,
        source_notes: Vec::new(),
    }
}

/// A generated table's key, number and label: the template's number for its role
/// (`catalogue::TEMPLATE_NUMBERS`), `t7` / `表7` for the functional table.
struct Numbered {
    key: String,
    number: u8,
    label: String,
}

fn numbered(role: &str) -> Numbered {
    let number = crate::catalogue::TEMPLATE_NUMBERS
        .iter()
        .find(|(_, r)| *r == role)
        .map_or(0, |(n, _)| *n);
    Numbered {
        key: format!("t{number}"),
        number,
        label: format!("表{number}"),
    }
}
