//! Reconciliation: every identity the publication implies, checked with the rounding rule of
//! [`interval`], each giving a [`Finding`].

mod genre;
pub(crate) mod rules;
pub(crate) mod statements;

use serde::Serialize;

/// English for findings; defined in [`crate::english`], below the checks and the claims.
pub use crate::english;
use crate::error::Error;
/// What a check finds; defined in [`crate::finding`], so that the claims, which the checks
/// run, need not depend on the checks.
pub use crate::finding::{Finding, Value};
use crate::model::Budget;
/// The rounding rule; defined in [`crate::rounding`], so that the importer can use it too.
pub use crate::rounding as interval;
pub use interval::Status;

/// The findings and the count per status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// How many findings have each status, in [`Status::ALL`] order.
    pub summary: Summary,
    /// Every finding, in the order the checks ran.
    pub findings: Vec<Finding>,
}

/// Counts per status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Exactly equal.
    pub ok: usize,
    /// Explained by rounding (尾数误差).
    pub rounding: usize,
    /// Real discrepancies.
    pub mismatch: usize,
    /// Tables the contents promise that are not there.
    pub missing: usize,
    /// Cannot be checked.
    pub unverifiable: usize,
    /// Notes.
    pub note: usize,
}

impl Summary {
    /// Counts the findings.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            let slot = match f.status {
                Status::Ok => &mut s.ok,
                Status::Rounding => &mut s.rounding,
                Status::Mismatch => &mut s.mismatch,
                Status::Missing => &mut s.missing,
                Status::Unverifiable => &mut s.unverifiable,
                Status::Note => &mut s.note,
            };
            *slot += 1;
        }
        s
    }
}

/// Runs every check on a budget.
pub fn reconcile(budget: &Budget) -> Result<Report, Error> {
    reconcile_with_claims(budget).map(|(report, _)| report)
}

/// Runs every check on a budget, and returns the narrative's checked claims too (their
/// findings are also in the report), for a view of the narrative that need not check them again.
pub fn reconcile_with_claims(
    budget: &Budget,
) -> Result<(Report, Vec<crate::claims::Checked>), Error> {
    if budget.reader == crate::model::Reader::Genre {
        // Read by the genre's roles: the genre's checks, not the seed template's.
        let mut findings = genre::run(budget)?;
        findings.extend(statements::check(budget)?);
        findings.extend(source_notes(budget));
        let report = Report {
            summary: Summary::of(&findings),
            findings,
        };
        return Ok((report, Vec::new()));
    }
    let mut findings = rules::run(budget)?;
    let claims = crate::claims::check(budget)?;
    findings.extend(claims.iter().map(|c| c.finding.clone()));
    findings.extend(source_notes(budget));
    let report = Report {
        summary: Summary::of(&findings),
        findings,
    };
    Ok((report, claims))
}

/// The remarks of the reader that turned the file into text (rule `source.display`), as notes;
/// each message names its file and place (`工作表“表7”单元格 D8：存的是 3701.6，…显示为 3,702`).
fn source_notes(budget: &Budget) -> impl Iterator<Item = Finding> + '_ {
    budget.source_notes.iter().map(|n| Finding {
        rule: "source.display",
        status: Status::Note,
        message: n.message.clone(),
        message_en: n.message_en.clone(),
        values: Vec::new(),
        difference: None,
        tolerance: None,
        locations: Vec::new(),
    })
}

/// Checks the narrative's statements against each other, with no table needed: a stated
/// percentage change against its two amounts, a stated prior-year amount, the parts of a list
/// against its total, and shares (`占Y%`) against their parts (rules `statement.*`).
pub fn check_statements(budget: &Budget) -> Result<Vec<Finding>, Error> {
    statements::check(budget)
}
