//! 表8, the “三公” expenses: 总计 = Σ parts, 车 = 购置 + 运行, for both years; the change
//! row = this year − the prior year.

use crate::error::Error;
use crate::model::Figure;

use super::{bi, strip_spaces, Checker};

impl Checker<'_> {
    /// 表8: 总计 = Σ parts, 车 = 购置 + 运行, for both years; the change row = 2022 − 2021.
    pub(super) fn sanggong(&mut self) -> Result<(), Error> {
        let rows = self.budget.figures.sanggong.clone();
        let label = self
            .role_table("sanggong")
            .map_or("三公经费表", |t| t.label.as_str());
        let label_en = crate::english::label(label);
        for row in &rows {
            let l = |f: &Figure| self.labelled(f);
            let (total, abroad, reception, vehicles, purchase, operation) = (
                l(&row.total),
                l(&row.abroad),
                l(&row.reception),
                l(&row.vehicles),
                l(&row.vehicle_purchase),
                l(&row.vehicle_operation),
            );
            self.sum(
                "sanggong.sum",
                &bi(
                    format!("{label} {} 三公经费总计", row.label),
                    format!(
                        "{label_en} “{}”, total of the “three public expenses” = travel abroad + reception + official vehicles",
                        row.label
                    ),
                ),
                &total,
                &[(1, abroad), (1, reception), (1, vehicles.clone())],
            )?;
            self.sum(
                "sanggong.sum",
                &bi(
                    format!("{label} {} 公务用车 小计 = 购置 + 运行维护", row.label),
                    format!(
                        "{label_en} “{}”, official vehicles subtotal = purchase + operation and maintenance",
                        row.label
                    ),
                ),
                &vehicles,
                &[(1, purchase), (1, operation)],
            )?;
        }
        let year = |label: &str, y: u16| strip_spaces(label).starts_with(&y.to_string());
        let current = rows.iter().find(|r| year(&r.label, self.budget.year));
        let prior = rows.iter().find(|r| year(&r.label, self.budget.prior_year));
        let change = rows
            .iter()
            .find(|r| r.label.contains("增减") || r.label.contains("变化"));
        if let (Some(c), Some(p), Some(d)) = (current, prior, change) {
            let pairs = [
                ("总计", "total", &d.total, &c.total, &p.total),
                (
                    "因公出国(境)费",
                    "travel abroad",
                    &d.abroad,
                    &c.abroad,
                    &p.abroad,
                ),
                (
                    "公务接待费",
                    "official reception",
                    &d.reception,
                    &c.reception,
                    &p.reception,
                ),
                (
                    "公务用车小计",
                    "official vehicles subtotal",
                    &d.vehicles,
                    &c.vehicles,
                    &p.vehicles,
                ),
                (
                    "公务用车购置费",
                    "vehicle purchase",
                    &d.vehicle_purchase,
                    &c.vehicle_purchase,
                    &p.vehicle_purchase,
                ),
                (
                    "公务用车运行维护费",
                    "vehicle operation and maintenance",
                    &d.vehicle_operation,
                    &c.vehicle_operation,
                    &p.vehicle_operation,
                ),
            ];
            for (name, name_en, delta, now, before) in pairs {
                let (delta, now, before) = (
                    self.labelled(delta),
                    self.labelled(now),
                    self.labelled(before),
                );
                let (year, prior) = (self.budget.year, self.budget.prior_year);
                self.sum(
                    "sanggong.change",
                    &bi(
                        format!("{label} {name} 增减变化 = {year} − {prior}"),
                        format!("{label_en} {name_en}, change = {year} − {prior}"),
                    ),
                    &delta,
                    &[(1, now), (-1, before)],
                )?;
            }
        }
        Ok(())
    }
}
