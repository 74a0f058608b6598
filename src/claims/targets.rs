//! The published figure a subject key stands for (in a table where possible), with the
//! prior year's amount and the change row.

use crate::amount::Amount;
use crate::model::{Budget, Figure};

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
    // The label of the table with a role as printed (`表3`), in Chinese and in English.
    let named = |role: &str, fallback: &str| {
        let label = budget
            .table_by_role(role)
            .map_or(fallback, |t| t.label.as_str());
        (label.to_string(), crate::english::label(label))
    };
    let (summary, summary_en) = named("summary", "收支总表");
    let (spending, spending_en) = named("expenditure", "支出总表");
    let (sanggong_table, sanggong_en) = named("sanggong", "三公经费表");
    let t3 = |role: &str| budget.table_by_role("expenditure")?.figure_in(0, role);
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
                label: format!("{sanggong_table} {label}"),
                label_en: format!("{sanggong_en} {label_en}"),
                current: year(budget.year).map(|r| pick(r).clone()),
                prior: year(budget.prior_year).map(|r| pick(r).amount),
                change_row: change.map(|r| pick(r).clone()),
            }
        };
    Some(match key {
        "income:total" => plain(
            &format!("{summary} 本年收入合计"),
            format!("{summary_en} “本年收入合计” (income of the year)"),
            budget
                .table_by_role("summary")
                .and_then(|t| t.side_figure(0, "本年收入合计")),
        ),
        "total" => plain(
            &format!("{spending} 支出总计"),
            format!("{spending_en} “支出总计” (total expenditure)"),
            t3("total"),
        ),
        "project" => plain(
            &format!("{spending} 项目支出"),
            format!("{spending_en} “项目支出” (project expenditure)"),
            t3("project"),
        ),
        "procurement:total" => plain(
            &format!("{spending} 政府采购小计"),
            format!("{spending_en} government procurement subtotal"),
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
