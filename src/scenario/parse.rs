//! What a budget officer types into an amount field.

use crate::amount::{in_range, Amount};
use crate::error::Error;

/// Reads an amount as typed: `1838`, `1,838`, `1838.5`, full-width `１８３８`, a leading `+` or
/// `-`. Anything else is refused with a message that says why; the caller keeps the old value.
pub fn parse_input(input: &str) -> Result<Amount, Error> {
    let amount = Amount::parse(input)?;
    in_range(amount, input)?;
    Ok(amount)
}
