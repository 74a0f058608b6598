//! Government procurement: 表3 小计 = 第四部分 共计 = 货物 + 工程 + 服务.

use crate::error::{Error, Message};

use super::{Checker, Labelled};

impl Checker<'_> {
    /// Procurement: 表3 小计 = 第四部分 共计 = 货物 + 工程 + 服务.
    pub(super) fn procurement(&mut self) -> Result<(), Error> {
        let Some(p) = self.budget.figures.procurement.clone() else {
            return Ok(());
        };
        if let (Some(total), Some(stated)) = (&p.total, &p.stated_total) {
            let (a, b) = (self.labelled(total), self.labelled(stated));
            self.same(
                "procurement",
                &Message::fixed("政府采购预算", "government procurement budget"),
                &a,
                &b,
            )?;
        }
        let parts: Vec<(i8, Labelled)> = [&p.goods, &p.works, &p.services]
            .into_iter()
            .flatten()
            .map(|f| (1, self.labelled(f)))
            .collect();
        if let (Some(total), 3) = (p.stated_total.as_ref().or(p.total.as_ref()), parts.len()) {
            let total = self.labelled(total);
            self.sum(
                "procurement",
                &Message::fixed(
                    "政府采购 = 货物 + 工程 + 服务",
                    "government procurement = goods + works + services",
                ),
                &total,
                &parts,
            )?;
        }
        Ok(())
    }
}
