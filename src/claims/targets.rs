//! The published figure a subject key stands for (in a table where possible), with the
//! prior year's amount and the change row.

use crate::amount::Amount;
use crate::model::{Budget, Figure, Location};

use super::subjects::Projects;

/// The published figure (in a table where possible) for a subject key, and the prior year's.
#[derive(Clone)]
pub(super) struct Target {
    pub(super) label: String,
    pub(super) label_en: String,
    pub(super) current: Option<Figure>,
    pub(super) prior: Option<Amount>,
    pub(super) change_row: Option<Figure>,
}

pub(super) fn target(budget: &Budget, projects: &Projects<'_>, key: &str) -> Option<Target> {
    let f = &budget.figures;
    let table_cell = |role: &str, row_word: &str, col: usize| -> Option<Figure> {
        let t = budget.table_by_role(role)?;
        let r = t.rows.iter().position(|r| {
            r.cells
                .iter()
                .any(|c| c.replace(' ', "").contains(row_word))
        })?;
        let text = t.rows.get(r)?.cells.get(col)?;
        Some(Figure {
            amount: Amount::parse(text).ok()?,
            at: Location::Cell {
                table: t.key.clone(),
                row: r,
                col,
            },
        })
    };
    let t3 = |name: &str| -> Option<Figure> {
        let t = budget.table_by_role("expenditure")?;
        let col = t.column_names().iter().position(|c| c.contains(name))?;
        Some(Figure {
            amount: Amount::parse(t.rows.first()?.cells.get(col)?).ok()?,
            at: Location::Cell {
                table: t.key.clone(),
                row: 0,
                col,
            },
        })
    };
    let plain = |label: &str, label_en: String, current: Option<Figure>| Target {
        label: label.to_string(),
        label_en,
        current,
        prior: None,
        change_row: None,
    };
    let sanggong =
        |pick: fn(&crate::model::SanggongRow) -> &Figure, label: &str, label_en: &str| -> Target {
            let year = |y: u16| {
                f.sanggong
                    .iter()
                    .find(|r| r.label.replace(' ', "").starts_with(&y.to_string()))
            };
            let change = f.sanggong.iter().find(|r| r.label.contains("增减"));
            Target {
                label: format!("表8 {label}"),
                label_en: format!("table 8 {label_en}"),
                current: year(budget.year).map(|r| pick(r).clone()),
                prior: year(budget.prior_year).map(|r| pick(r).amount),
                change_row: change.map(|r| pick(r).clone()),
            }
        };
    let en = |text: &str| text.to_string();
    Some(match key {
        "income:total" => plain(
            "表1 本年收入合计",
            en("table 1 “本年收入合计” (income of the year)"),
            table_cell("summary", "本年收入合计", 1),
        ),
        "total" => plain(
            "表3 支出总计",
            en("table 3 “支出总计” (total expenditure)"),
            t3("支出总计"),
        ),
        "project" => plain(
            "表3 项目支出",
            en("table 3 “项目支出” (project expenditure)"),
            t3("项目支出"),
        ),
        "procurement:total" => plain(
            "表3 政府采购小计",
            en("table 3 government procurement subtotal"),
            f.procurement.as_ref().and_then(|p| p.total.clone()),
        ),
        "sanggong:total" => sanggong(
            |r| &r.total,
            "“三公”经费总计",
            "total of the “three public expenses”",
        ),
        "sanggong:abroad" => sanggong(|r| &r.abroad, "因公出国(境)费", "travel abroad"),
        "sanggong:reception" => sanggong(|r| &r.reception, "公务接待费", "official reception"),
        "sanggong:vehicles" => sanggong(
            |r| &r.vehicles,
            "公务用车购置及运行维护费",
            "official vehicle purchase and operation",
        ),
        "sanggong:purchase" => sanggong(
            |r| &r.vehicle_purchase,
            "公务用车购置费",
            "official vehicle purchase",
        ),
        "sanggong:operation" => sanggong(
            |r| &r.vehicle_operation,
            "公务用车运行维护费",
            "official vehicle operation and maintenance",
        ),
        k if k.starts_with("project:") => {
            let p = projects.of_subject(k)?;
            plain(
                &format!("第七部分 项目“{}”", p.name),
                format!("part 7 project “{}”", p.name),
                p.listed.clone(),
            )
        }
        _ => plain("", String::new(), None),
    })
}
