//! The rounding rule of DESIGN.md: a printed figure `x` with step `u` stands for the closed
//! interval `[x − u/2, x + u/2]`; a derived figure is the interval computed from its parts.
//!
//! - exactly equal → [`Status::Ok`]
//! - not equal, but the intervals intersect → [`Status::Rounding`] (尾数误差)
//! - disjoint → [`Status::Mismatch`]

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::error::Error;

/// The verdict of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Exactly equal.
    Ok,
    /// Not equal, but rounding of the printed figures alone can explain it (尾数误差).
    Rounding,
    /// A real discrepancy: no rounding of the printed figures can explain it.
    Mismatch,
    /// Something the publication promises is not there (a table the contents list).
    Missing,
    /// Cannot be checked from what is published.
    Unverifiable,
    /// Worth telling the reader, not an arithmetic verdict (a code named differently).
    Note,
}

impl Status {
    /// Every status, in the order the summary lists them.
    pub const ALL: [Status; 6] = [
        Status::Ok,
        Status::Rounding,
        Status::Mismatch,
        Status::Missing,
        Status::Unverifiable,
        Status::Note,
    ];

    /// The key used in JSON (`ok`, `rounding`, …).
    pub fn key(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Rounding => "rounding",
            Status::Mismatch => "mismatch",
            Status::Missing => "missing",
            Status::Unverifiable => "unverifiable",
            Status::Note => "note",
        }
    }

    /// The Chinese name (`尾数误差`).
    pub fn zh(self) -> &'static str {
        match self {
            Status::Ok => "一致",
            Status::Rounding => "尾数误差",
            Status::Mismatch => "不一致",
            Status::Missing => "缺失",
            Status::Unverifiable => "无法核对",
            Status::Note => "说明",
        }
    }

    /// The English name (`rounding difference`).
    pub fn en(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Rounding => "rounding difference",
            Status::Mismatch => "mismatch",
            Status::Missing => "missing",
            Status::Unverifiable => "cannot be checked",
            Status::Note => "note",
        }
    }
}

/// A closed interval of exact decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    /// Lower bound.
    pub lo: Decimal,
    /// Upper bound.
    pub hi: Decimal,
}

impl Interval {
    /// The interval a printed figure stands for: `[x − step/2, x + step/2]`.
    pub fn printed(x: Amount, step: Amount) -> Result<Interval, Error> {
        let half = half(step);
        Ok(Interval {
            lo: sub(x.decimal(), half)?,
            hi: add(x.decimal(), half)?,
        })
    }

    /// `[lo, hi]` around a printed percentage with `decimals` decimals.
    pub fn printed_percent(p: Amount, decimals: u32) -> Result<Interval, Error> {
        let half = Decimal::new(5, decimals.saturating_add(1).min(27));
        Ok(Interval {
            lo: sub(p.decimal(), half)?,
            hi: add(p.decimal(), half)?,
        })
    }

    /// `self + other`.
    pub fn checked_add(self, other: Interval) -> Result<Interval, Error> {
        Ok(Interval {
            lo: add(self.lo, other.lo)?,
            hi: add(self.hi, other.hi)?,
        })
    }

    /// `self − other`.
    pub fn checked_sub(self, other: Interval) -> Result<Interval, Error> {
        Ok(Interval {
            lo: sub(self.lo, other.hi)?,
            hi: sub(self.hi, other.lo)?,
        })
    }

    /// `100 · self / other`, or `None` when `other` contains zero.
    pub fn percent_of(self, other: Interval) -> Result<Option<Interval>, Error> {
        if other.lo <= Decimal::ZERO && other.hi >= Decimal::ZERO {
            return Ok(None);
        }
        let hundred = Decimal::ONE_HUNDRED;
        let mut corners = Vec::with_capacity(4);
        for a in [self.lo, self.hi] {
            for b in [other.lo, other.hi] {
                let q = a.checked_div(b).ok_or(Error::Overflow {
                    operation: crate::error::Operation::Division,
                })?;
                corners.push(q.checked_mul(hundred).ok_or(Error::Overflow {
                    operation: crate::error::Operation::Multiplication,
                })?);
            }
        }
        let lo = corners.iter().copied().min().unwrap_or(Decimal::ZERO);
        let hi = corners.iter().copied().max().unwrap_or(Decimal::ZERO);
        Ok(Some(Interval { lo, hi }))
    }

    /// True when the two intervals share at least one point.
    pub fn intersects(self, other: Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }
}

/// The verdict on an identity `lhs = Σ terms` between printed figures, with the difference
/// (`lhs − Σ terms`) and the tolerance rounding allows (`(1 + n) · step / 2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// ok, rounding or mismatch.
    pub status: Status,
    /// `lhs − Σ terms`.
    pub difference: Amount,
    /// How far apart rounding alone can put the two sides.
    pub tolerance: Amount,
}

/// Checks `lhs = Σ sign·term` where every figure is printed with `step`.
pub fn check_sum(lhs: Amount, terms: &[(i8, Amount)], step: Amount) -> Result<Verdict, Error> {
    let mut exact = Amount::ZERO;
    for (sign, term) in terms {
        exact = if *sign < 0 {
            exact.checked_sub(*term)?
        } else {
            exact.checked_add(*term)?
        };
    }
    let difference = lhs.checked_sub(exact)?;
    let count = Decimal::from(terms.len().saturating_add(1));
    let tolerance = half(step)
        .checked_mul(count)
        .map(Amount::from_decimal)
        .ok_or(Error::Overflow {
            operation: crate::error::Operation::Multiplication,
        })?;
    let status = if difference.is_zero() {
        Status::Ok
    } else if difference.abs() <= tolerance {
        Status::Rounding
    } else {
        Status::Mismatch
    };
    Ok(Verdict {
        status,
        difference,
        tolerance,
    })
}

/// The verdict on a stated percentage change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PercentVerdict {
    /// ok (the exact ratio rounds to the stated figure), rounding (only the intervals
    /// meet), mismatch, or unverifiable (the prior-year amount could be zero).
    pub status: Status,
    /// The exact ratio `100 · change / (current − change)`, to 4 decimals.
    pub computed: Option<Decimal>,
    /// The interval of ratios the printed figures allow.
    pub range: Option<Interval>,
}

/// Checks a stated percentage `stated` (printed with `decimals` decimals) of a change `change`
/// from a prior amount to `current`, all amounts printed with `step`.
pub fn check_percent(
    current: Amount,
    change: Amount,
    stated: Amount,
    decimals: u32,
    step: Amount,
) -> Result<PercentVerdict, Error> {
    let prior = current.checked_sub(change)?;
    let change_i = Interval::printed(change, step)?;
    let prior_i =
        Interval::printed(current, step)?.checked_sub(Interval::printed(change, step)?)?;
    let Some(range) = change_i.percent_of(prior_i)? else {
        return Ok(PercentVerdict {
            status: Status::Unverifiable,
            computed: None,
            range: None,
        });
    };
    let computed = if prior.is_zero() {
        None
    } else {
        change
            .decimal()
            .checked_div(prior.decimal())
            .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
    };
    let stated_i = Interval::printed_percent(stated, decimals)?;
    let rounds_to_stated = computed.is_some_and(|c| {
        c.round_dp_with_strategy(
            decimals,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        ) == stated.decimal()
    });
    let status = if rounds_to_stated {
        Status::Ok
    } else if range.intersects(stated_i) {
        Status::Rounding
    } else {
        Status::Mismatch
    };
    Ok(PercentVerdict {
        status,
        computed: computed.map(|c| c.round_dp(4)),
        range: Some(range),
    })
}

fn half(step: Amount) -> Decimal {
    step.decimal() / Decimal::TWO
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_add(b).ok_or(Error::Overflow {
        operation: crate::error::Operation::Addition,
    })
}

fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_sub(b).ok_or(Error::Overflow {
        operation: crate::error::Operation::Subtraction,
    })
}
