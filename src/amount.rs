//! Exact money: [`Amount`] wraps a [`rust_decimal::Decimal`] behind checked operations.
//!
//! Amounts are built from strings (never from floats), cross JSON and the JS boundary as
//! strings, and every arithmetic operation returns a [`Result`]: an overflow is an error with a
//! message, never a wrap or an abort.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Message, Operation};
use crate::numerals::push_grouped;

/// Splits the Chinese and the English message of an amount refused while deserializing (serde
/// carries one string; the JSON importer splits it again).
pub(crate) const LANGUAGE_SEPARATOR: char = '\u{1f}';

/// The longest amount text we accept (digits, separators and sign), to refuse absurd input early.
const MAX_AMOUNT_CHARS: usize = 40;

/// An exact amount of money in the unit of the publication (for example 万元).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(Decimal);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// Parses an amount as people and publications write it: `1838`, `1,838`, `-21`,
    /// `1838.5`, `+5`, full-width digits `１８３８`, and the minus signs `−` and `－`.
    ///
    /// Refuses anything else (`12abc`, `1e400`, `NaN`, `1,0,0`, empty text) with
    /// [`Error::InvalidAmount`].
    pub fn parse(text: &str) -> Result<Amount, Error> {
        let invalid = |reason: Message| Error::InvalidAmount {
            text: text.chars().take(MAX_AMOUNT_CHARS).collect(),
            reason,
        };
        let normalized = normalize_digits(text.trim());
        if normalized.is_empty() {
            return Err(invalid(Message::fixed("空白", "it is empty")));
        }
        if normalized.chars().count() > MAX_AMOUNT_CHARS {
            return Err(invalid(Message::fixed("位数过多", "too many digits")));
        }
        let (negative, body) = match normalized.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, normalized.strip_prefix('+').unwrap_or(&normalized)),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        if !valid_integer_part(int_part) {
            return Err(invalid(Message::fixed(
                "不是数字，或千位分隔符位置不对",
                "not a number, or the thousands separators are misplaced",
            )));
        }
        if let Some(frac) = frac_part {
            if frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
                return Err(invalid(Message::fixed(
                    "小数部分不是数字",
                    "the decimal part is not a number",
                )));
            }
        }
        let mut plain: String = int_part.chars().filter(|c| *c != ',').collect();
        if let Some(frac) = frac_part {
            plain.push('.');
            plain.push_str(frac);
        }
        let value = Decimal::from_str(&plain).map_err(|_| {
            invalid(Message::fixed(
                "超出可表示的范围",
                "beyond the range of exact decimals",
            ))
        })?;
        Ok(Amount(if negative { -value } else { value }.normalize()))
    }

    /// An amount from a whole number (for tests, counts and generated budgets).
    pub fn from_int(value: i64) -> Amount {
        Amount(Decimal::from(value))
    }

    /// The exact decimal value.
    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// Wraps a decimal (used by the interval arithmetic, which works on decimals).
    pub fn from_decimal(value: Decimal) -> Amount {
        Amount(value.normalize())
    }

    /// `self + other`, or [`Error::Overflow`] when the exact result does not fit.
    pub fn checked_add(self, other: Amount) -> Result<Amount, Error> {
        exact(
            self.0.checked_add(other.0),
            self,
            other,
            Operation::Addition,
        )
    }

    /// `self - other`, or [`Error::Overflow`] when the exact result does not fit.
    pub fn checked_sub(self, other: Amount) -> Result<Amount, Error> {
        exact(
            self.0.checked_sub(other.0),
            self,
            other,
            Operation::Subtraction,
        )
    }

    /// The sum of `amounts`, or [`Error::Overflow`].
    pub fn checked_sum<'a, I: IntoIterator<Item = &'a Amount>>(
        amounts: I,
    ) -> Result<Amount, Error> {
        amounts
            .into_iter()
            .try_fold(Amount::ZERO, |acc, a| acc.checked_add(*a))
    }

    /// The absolute value.
    pub fn abs(self) -> Amount {
        Amount(self.0.abs())
    }

    /// True for zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// True below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// Formats the amount as the publication prints it: thousands separators, a leading `-`,
    /// and exactly the decimals the amount carries (`84,579`, `-21`, `4,364.74`).
    pub fn display(self) -> String {
        // From the mantissa and the scale, not Decimal's Display (which divides the 96-bit
        // mantissa by ten per digit, then normalizes): every changed figure of an edit is
        // displayed, and this was a quarter of an edit's time.
        let mut magnitude = self.0.mantissa().unsigned_abs();
        let mut scale = self.0.scale() as usize;
        while scale > 0 && magnitude % 10 == 0 {
            magnitude /= 10;
            scale -= 1;
        }
        let digits = match u64::try_from(magnitude) {
            Ok(small) => small.to_string(),
            Err(_) => magnitude.to_string(),
        };
        // `0.05`: the digits after the point, padded with zeros on the left.
        let (int_part, pad) = if digits.len() > scale {
            (digits.get(..digits.len() - scale).unwrap_or("0"), 0)
        } else {
            ("0", scale - digits.len())
        };
        let frac_part = digits
            .get(digits.len().saturating_sub(scale)..)
            .unwrap_or("");
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 4);
        if self.0.is_sign_negative() && magnitude != 0 {
            out.push('-');
        }
        push_grouped(&mut out, int_part);
        if scale > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', pad));
            out.push_str(frac_part);
        }
        out
    }
}

impl Amount {
    /// Formats the amount with at least the decimals of `step`, as a table that prints every
    /// figure to the same place does (`9,312.90` in a table of 0.01 万元).
    pub fn display_to(self, step: Amount) -> String {
        let want = step.0.normalize().scale() as usize;
        let mut out = self.display();
        let have = out.split_once('.').map_or(0, |(_, f)| f.len());
        if have < want {
            if have == 0 {
                out.push('.');
            }
            out.extend(std::iter::repeat_n('0', want - have));
        }
        out
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.normalize().to_string())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        let text = String::deserialize(deserializer)?;
        Amount::parse(&text).map_err(|e| {
            serde::de::Error::custom(format!("{e}{LANGUAGE_SEPARATOR}{}", e.detail_english()))
        })
    }
}

/// The result of `a ± b` when it is exact. `Decimal` keeps 28–29 significant digits and, when
/// a sum needs more, silently rounds it to fewer decimals (`84579 + 0.0000000000000000000000000001`
/// gives `84579`): a result with fewer decimals than its operands was rounded and is refused.
fn exact(
    result: Option<Decimal>,
    a: Amount,
    b: Amount,
    operation: Operation,
) -> Result<Amount, Error> {
    match result {
        Some(r) if r.scale() >= a.0.scale().max(b.0.scale()) => Ok(Amount::from_decimal(r)),
        _ => Err(Error::Overflow { operation }),
    }
}

/// Maps full-width digits and signs to ASCII and the typographic minus signs to `-`.
fn normalize_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '，' => ',',
            '．' => '.',
            '＋' => '+',
            '−' | '－' | '–' => '-',
            _ => c,
        })
        .collect()
}

/// Digits, optionally grouped in threes by commas (`1,838`), with at least one digit.
fn valid_integer_part(text: &str) -> bool {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return false;
    }
    if !text.contains(',') {
        return true;
    }
    let mut groups = text.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()));
    first_ok && groups.all(|g| g.len() == 3)
}

/// True when the cell's text is a printed amount (`84,579`, `-21`, `0`). The importer, the
/// checks and the views all tell amount cells from text cells this way.
pub fn is_amount(cell: &str) -> bool {
    !cell.is_empty() && Amount::parse(cell).is_ok()
}

/// The most integer digits an amount the calculator works with may have (below 10¹⁵, a
/// thousand trillion in any unit): every amount printed in a table (enforced at import) and
/// every edit of a scenario. With at most [`MAX_DECIMALS`] decimals an edit has at most 21
/// significant digits, so every sum the engine forms from edits and published figures of that
/// size stays within the 28 digits `Decimal` holds exactly: the incremental update and the full
/// recompute then agree, in whatever order they add.
pub const MAX_INTEGER_DIGITS: u32 = 15;

/// The most decimals an amount the calculator works with may have (trailing zeros not
/// counted): a printed table amount or an edit.
pub const MAX_DECIMALS: u32 = 6;

/// Refuses an amount beyond [`MAX_INTEGER_DIGITS`] integer digits or [`MAX_DECIMALS`] decimals
/// (`input` is the text shown in the message). The scenario refuses such an edit, the importer
/// such a printed figure; both re-use this one rule.
pub fn in_range(amount: Amount, input: &str) -> Result<(), Error> {
    let invalid = |reason: Message| Error::InvalidAmount {
        text: input.trim().chars().take(40).collect(),
        reason,
    };
    let value = amount.decimal().normalize();
    if value.scale() > MAX_DECIMALS {
        return Err(invalid(Message::fixed(
            "小数位数过多（最多 6 位）",
            "too many decimals (at most 6)",
        )));
    }
    let limit = rust_decimal::Decimal::from(10i64.pow(MAX_INTEGER_DIGITS));
    if value.abs() >= limit {
        return Err(invalid(Message::fixed(
            "超出可修改的范围（整数部分最多 15 位）",
            "beyond the range that can be edited (at most 15 integer digits)",
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numerals::group_thousands;

    #[track_caller]
    fn parses(text: &str, expected: &str) {
        let amount = Amount::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(amount.decimal().to_string(), expected, "{text:?}");
    }

    #[test]
    fn accepts_what_people_type() {
        for (text, expected) in [
            ("1838", "1838"),
            ("1,838", "1838"),
            ("84,579", "84579"),
            ("-21", "-21"),
            ("+5", "5"),
            ("1838.5", "1838.5"),
            ("１８３８", "1838"),
            ("１，８３８", "1838"),
            ("−16", "-16"),
            ("0", "0"),
            (" 73,300 ", "73300"),
            ("4364.74", "4364.74"),
            ("1,234,567.00", "1234567"),
        ] {
            parses(text, expected);
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for text in [
            "",
            " ",
            "12abc",
            "1e400",
            "NaN",
            "Infinity",
            "1,0,0",
            "1,00",
            ",100",
            "1.",
            ".5",
            "--1",
            "+-1",
            "1 000",
            "万元",
            "0x10",
            "123456789012345678901234567890123",
        ] {
            assert!(Amount::parse(text).is_err(), "{text:?} should be refused");
        }
    }

    #[test]
    fn thirty_digits_beyond_decimal_range_is_an_error_not_a_panic() {
        let err = Amount::parse("999999999999999999999999999999").unwrap_err();
        assert!(err.to_string().contains("范围"), "{err}");
    }

    #[test]
    fn displays_as_published() {
        for (text, shown) in [
            ("84579", "84,579"),
            ("-21", "-21"),
            ("0", "0"),
            ("999", "999"),
            ("1000", "1,000"),
            ("-1234567.5", "-1,234,567.5"),
            ("4364.74", "4,364.74"),
        ] {
            assert_eq!(
                Amount::parse(text).map(|a| a.display()).ok().as_deref(),
                Some(shown)
            );
        }
    }

    /// What `display` printed before it formatted the mantissa itself: Decimal's own Display
    /// of the normalized value, with thousands separators.
    fn display_by_decimal(a: Amount) -> String {
        group_thousands(&a.0.normalize().to_string())
    }

    #[test]
    fn display_agrees_with_decimal_display() {
        let mut table: Vec<Decimal> = vec![
            Decimal::ZERO,
            Decimal::new(-0, 3),
            -Decimal::ZERO,
            Decimal::new(5, 2),
            Decimal::new(-5, 2),
            Decimal::new(1_000, 3),
            Decimal::new(100, 0),
            Decimal::new(-123_456_789_000, 4),
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_335, 28),
            Decimal::from_i128_with_scale(-18_446_744_073_709_551_616, 0),
            Decimal::from_i128_with_scale(18_446_744_073_709_551_615, 5),
        ];
        // Pseudo-random mantissas of every length at every scale (xorshift, fixed seed).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..20_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let hi = u128::from(x.rotate_left(i % 64)) << 32;
            let m = (u128::from(x) ^ hi) >> (i % 97);
            let m = i128::try_from(m % (1u128 << 96)).unwrap_or(0);
            let m = if i % 2 == 0 { m } else { -m };
            table.push(Decimal::from_i128_with_scale(m, i % 29));
        }
        for d in table {
            let a = Amount(d);
            assert_eq!(a.display(), display_by_decimal(a), "{d:?}");
        }
    }

    #[test]
    fn arithmetic_is_checked() {
        let max = Amount::from_decimal(Decimal::MAX);
        assert!(max.checked_add(Amount::from_int(1)).is_err());
        assert!(Amount::from_decimal(Decimal::MIN)
            .checked_sub(Amount::from_int(1))
            .is_err());
        let tiny = Amount::parse("0.0000000000000000000000000001").unwrap_or_default();
        assert!(
            Amount::from_int(84579).checked_add(tiny).is_err(),
            "a sum Decimal can only round is refused, not rounded"
        );
        assert!(Amount::from_int(84579).checked_sub(tiny).is_err());
        assert_eq!(
            tiny.checked_add(tiny).map(Amount::display).ok().as_deref(),
            Some("0.0000000000000000000000000002")
        );
        let sum = Amount::checked_sum(&[Amount::from_int(3973), Amount::from_int(1319)]);
        assert_eq!(sum.ok(), Some(Amount::from_int(5292)));
    }

    #[test]
    fn serializes_as_a_string() {
        let json = serde_json::to_string(&Amount::parse("-1,838.50").ok()).ok();
        assert_eq!(json.as_deref(), Some("\"-1838.5\""));
        let back: Option<Amount> = serde_json::from_str("\"84579\"").ok();
        assert_eq!(back, Some(Amount::from_int(84579)));
        assert!(
            serde_json::from_str::<Amount>("84579").is_err(),
            "numbers are refused"
        );
    }
}
