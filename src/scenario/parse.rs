//! What a budget officer types into an amount field.

use crate::amount::Amount;
use crate::error::{Error, Message};

/// The most integer digits an edited amount may have (below 10¹⁵, a thousand trillion in any
/// unit). With at most [`MAX_DECIMALS`] decimals an edit has at most 21 significant digits, so
/// every sum the engine forms from edits and published figures of that size stays within the 28
/// digits `Decimal` holds exactly: the incremental update and the full recompute then agree, in
/// whatever order they add.
pub const MAX_INTEGER_DIGITS: u32 = 15;

/// The most decimals an edited amount may have (trailing zeros not counted).
pub const MAX_DECIMALS: u32 = 6;

/// Reads an amount as typed: `1838`, `1,838`, `1838.5`, full-width `１８３８`, a leading `+` or
/// `-`. Anything else is refused with a message that says why; the caller keeps the old value.
pub fn parse_input(input: &str) -> Result<Amount, Error> {
    let amount = Amount::parse(input)?;
    in_range(amount, input)?;
    Ok(amount)
}

/// Refuses an edit beyond [`MAX_INTEGER_DIGITS`] integer digits or [`MAX_DECIMALS`] decimals
/// (`input` is the text shown in the message).
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
