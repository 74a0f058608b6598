//! Our own JSON format: the [`Budget`] as serde writes it, amounts as strings. It round-trips
//! byte for byte: `write(read(write(b))) == write(b)`.

use crate::error::{Error, Message};
use crate::model::Budget;

/// Nesting deeper than this is refused before parsing (a budget is about 8 levels deep).
const MAX_DEPTH: usize = 64;

/// Reads a budget from our JSON format.
pub fn read(text: &str, file: &str) -> Result<Budget, Error> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut line = 1usize;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Error::Json {
                        file: file.to_string(),
                        line: Some(line),
                        message: Message::new(
                            format!("嵌套超过 {MAX_DEPTH} 层（第 {line} 行）"),
                            format!("nested more than {MAX_DEPTH} levels deep (line {line})"),
                        ),
                    });
                }
            }
            '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let budget: Budget = serde_json::from_str(text).map_err(|e| parse_error(&e, file))?;
    unique_keys(&budget, file)?;
    use crate::import::limits::{figures_in_range, tables_in_range, Source};
    tables_in_range(&budget.tables, file, Source::Json)?;
    figures_in_range(&budget.figures, &budget.tables, file, Source::Json)?;
    Ok(budget)
}

/// Refuses two projects with one id, or two functional rows with one code: the scenario keys
/// its figures by them, so a duplicate would make one of the two impossible to edit.
fn unique_keys(budget: &Budget, file: &str) -> Result<(), Error> {
    let f = &budget.figures;
    let ids = f
        .projects
        .iter()
        .map(|p| ("figures.projects", "id", p.id.as_str()));
    let codes = f
        .functions
        .iter()
        .map(|x| ("figures.functions", "code", x.code.as_str()));
    let mut seen = std::collections::BTreeSet::new();
    for (list, field, key) in ids.chain(codes) {
        if !seen.insert((list, key)) {
            return Err(Error::Json {
                file: file.to_string(),
                line: None,
                message: Message::new(
                    format!("{list} 中 {field} “{key}”重复：每一项必须唯一"),
                    format!("{list}: {field} “{key}” appears twice; each must be unique"),
                ),
            });
        }
    }
    Ok(())
}

/// Writes a budget in our JSON format (pretty-printed, stable field order).
pub fn write(budget: &Budget) -> Result<String, Error> {
    serde_json::to_string_pretty(budget).map_err(|e| Error::Json {
        file: budget.source.clone(),
        line: None,
        message: Message::same(e.to_string()),
    })
}

/// The JSON parser's error. Its message is English, except an amount's own refusal, which
/// carries both languages split by [`crate::amount::LANGUAGE_SEPARATOR`]
/// (`“1e400”不是有效金额：…␟“1e400” is not a valid amount: … at line 5 column 3`).
fn parse_error(e: &serde_json::Error, file: &str) -> Error {
    let raw = e.to_string();
    let message = match raw.split_once(crate::amount::LANGUAGE_SEPARATOR) {
        Some((zh, rest)) => {
            let (en, at) = rest.rfind(" at line ").map_or((rest, ""), |i| {
                (rest.get(..i).unwrap_or(rest), rest.get(i..).unwrap_or(""))
            });
            Message::new(format!("{zh}{at}"), format!("{en}{at}"))
        }
        None => Message::same(raw),
    };
    Error::Json {
        file: file.to_string(),
        line: (e.line() > 0).then_some(e.line()),
        message,
    }
}
