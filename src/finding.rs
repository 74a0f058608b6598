//! What a check finds: a [`Finding`] (one checked identity, a missing table, or a note) with
//! its labelled figures ([`Value`]). The checks (`reconcile`) and the narrative's claims
//! (`claims`) both produce findings; they live here, below both, so that `reconcile` can run
//! the claims without the claims depending on `reconcile` (which re-exports both types).

use serde::Serialize;

use crate::amount::Amount;
use crate::model::Location;
use crate::rounding::Status;

/// One checked identity (or a missing table, or a note).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's id (`table.sum`, `same.basic`, `contents`, …).
    pub rule: &'static str,
    /// The verdict.
    pub status: Status,
    /// The message in Chinese, showing the sum (`1,000 ≠ 400 + 352 + 246 = 998，差 2，舍入容差 ±2`).
    pub message: String,
    /// The same message in English, with the same facts (`1,000 ≠ 400 + 352 + 246 = 998,
    /// difference 2, rounding tolerance ±2`); names the publication prints stay in Chinese,
    /// quoted, and tables and parts are `table 7`, `part 3`.
    pub message_en: String,
    /// The figures involved, labelled, as printed.
    pub values: Vec<Value>,
    /// Left side minus right side, when the finding compares amounts.
    pub difference: Option<Amount>,
    /// How far apart rounding alone can put the two sides.
    pub tolerance: Option<Amount>,
    /// Where the figures are printed.
    pub locations: Vec<Location>,
}

/// A labelled figure of a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Value {
    /// `表7 201 一般公共服务支出 支出总计`.
    pub label: String,
    /// The figure as printed (`9,207`), or a percentage (`8%`).
    pub value: String,
}
