//! Numbers in the narrative (第一部分 to 第八部分), linked to the figures they speak of and
//! checked with the rounding rule: `比2021年增加15,118万元，增长22%` is three claims — the
//! amount, the change, the percentage — about the total.
//!
//! Extraction and checking are linear in the narrative's length: the sentence and clause
//! boundaries of a paragraph are found once, projects are looked up by name and id through
//! indices, and the amount a change is measured from is carried along rather than searched for.
//!
//! Here: the claim types ([`Claim`], [`ClaimKind`], [`Checked`]) and the entry points
//! ([`extract()`], [`check()`]); reading the text is in `extract`, what a claim speaks of in
//! `subjects`, the published figure for it in `targets`, and the verdict in `verdicts`.

mod extract;
mod subjects;
mod targets;
mod verdicts;

use std::collections::HashMap;

use serde::Serialize;

use crate::amount::Amount;
use crate::error::Error;
use crate::finding::Finding;
use crate::model::Budget;

use extract::extract_with;
use subjects::Projects;
use verdicts::{beyond_range, verdict, Ctx};

/// What a claim states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// An amount (`84,579万元`).
    Amount,
    /// A change against the prior year (`增加 1,505 万元`), signed.
    Change,
    /// A percentage change (`增长 8%`), signed.
    Percent,
    /// A count that the text itself lists (`三个下属单位`).
    Count,
}

/// One numeric statement of the narrative.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// The part (1–8).
    pub part: u8,
    /// The paragraph's first line.
    pub line: usize,
    /// Index of the paragraph within its part.
    pub paragraph: usize,
    /// Character span of the claim in the paragraph text.
    pub start: usize,
    /// End of the span (exclusive, in characters).
    pub end: usize,
    /// The claim's words (`增长22%`).
    pub text: String,
    /// Amount, change, percentage or count.
    pub kind: ClaimKind,
    /// The stated value, signed for changes and percentages (zero when [`Claim::unreadable`]).
    pub value: Amount,
    /// The unit as printed (`万元`, `亿元`, `元`, `%`, `个`).
    pub unit: String,
    /// Decimals printed.
    pub decimals: u32,
    /// The key of the figure it speaks of (`total`, `project:p03`, `sanggong:reception`).
    pub subject: Option<String>,
    /// True when the claim sits in a `主要原因` clause (an explanation, not a budget figure).
    pub reason: bool,
    /// The sentence the claim is in (a window of it around the claim when the sentence is
    /// longer than [`MAX_SENTENCE_CHARS`]).
    pub sentence: String,
    /// Why the number cannot be read, when it cannot (`1e30万元`, forty digits): such a claim
    /// is reported as unverifiable, never dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
    /// [`Claim::unreadable`] in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable_en: Option<String>,
}

/// A sentence longer than this is quoted as a window around the claim.
pub const MAX_SENTENCE_CHARS: usize = 600;

/// Extracts every claim of parts 1–8.
pub fn extract(budget: &Budget) -> Vec<Claim> {
    extract_with(budget, &Projects::new(&budget.figures.projects))
}

/// A claim and its verdict, for the page.
#[derive(Clone, Debug, Serialize)]
pub struct Checked {
    /// The claim.
    pub claim: Claim,
    /// The finding about it.
    pub finding: Finding,
}

/// Extracts and checks every claim.
pub fn check(budget: &Budget) -> Result<Vec<Checked>, Error> {
    let projects = Projects::new(&budget.figures.projects);
    let claims = extract_with(budget, &projects);
    let mut ctx = Ctx {
        budget,
        projects,
        targets: HashMap::new(),
        changes: HashMap::new(),
    };
    for (i, c) in claims.iter().enumerate() {
        if c.kind == ClaimKind::Change && !c.reason && c.unreadable.is_none() {
            let seen = ctx.changes.entry((c.part, c.paragraph)).or_default();
            let distinct = seen
                .iter()
                .all(|j| claims.get(*j).is_none_or(|o| o.start != c.start));
            if seen.len() < 2 && distinct {
                seen.push(i);
            }
        }
    }
    // The latest amount claimed for each subject so far: what a change is measured from.
    let mut latest: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(claims.len());
    for (i, claim) in claims.iter().enumerate() {
        let subject = claim.subject.as_deref().unwrap_or_default();
        let earlier = latest.get(subject).and_then(|j| claims.get(*j));
        let finding = match verdict(&mut ctx, &claims, i, claim, earlier) {
            Ok(finding) => finding,
            // A number so large that checking it overflows: it cannot be checked.
            Err(Error::Overflow { .. }) => beyond_range(claim),
            Err(e) => return Err(e),
        };
        if claim.kind == ClaimKind::Amount && claim.unreadable.is_none() {
            if let Some(s) = claim.subject.as_deref() {
                latest.insert(s, i);
            }
        }
        out.push(Checked {
            claim: claim.clone(),
            finding,
        });
    }
    Ok(out)
}
