//! 表3, 表9, 表10: 支出总计 = 基本支出 + 项目支出 on every row.

use crate::english;
use crate::error::Error;

use super::{bi, Checker};

impl Checker<'_> {
    /// 表3, 表9, 表10: 支出总计 = 基本支出 + 项目支出 on every row.
    pub(super) fn split_table(&mut self, key: &str) -> Result<(), Error> {
        let Some(t) = self.table(key) else {
            return Ok(());
        };
        let (Some(total), Some(basic), Some(project)) =
            (t.column("total"), t.column("basic"), t.column("project"))
        else {
            return Ok(());
        };
        for r in 0..t.rows.len() {
            if let (Some(a), Some(b), Some(p)) = (
                self.cell(t, r, total),
                self.cell(t, r, basic),
                self.cell(t, r, project),
            ) {
                self.sum(
                    "table.split",
                    &bi(
                        format!("{} 支出总计 = 基本支出 + 项目支出", t.label),
                        format!(
                            "{}, total = basic + project expenditure",
                            english::label(&t.label)
                        ),
                    ),
                    &a,
                    &[(1, b), (1, p)],
                )?;
            }
        }
        Ok(())
    }
}
