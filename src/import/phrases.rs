//! Reading figures out of narrative sentences: `收入84,579万元`, `较 2021 年预算增加 5 万元，
//! 增长 8%`, `人员支出3,973万元、公用支出1,319万元`.

use crate::amount::Amount;
use crate::numerals::glued;

/// An amount found in a sentence, with its printed unit and byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The amount as printed (in the printed unit).
    pub amount: Amount,
    /// `万元`, `亿元`, `元`, or `个` for counts.
    pub unit: String,
    /// Byte offset of the first digit.
    pub start: usize,
    /// Byte offset just past the unit.
    pub end: usize,
}

const UNITS: [&str; 5] = ["万元", "亿元", "元", "个", "项"];

/// The first number followed by a unit at or after byte `from`, skipping at most `gap`
/// characters of other text before the number. A number glued to a Latin token (`GDP78,841`,
/// the `400` of `1e400`) is not read from its middle: it is skipped as other text.
pub fn amount_after(text: &str, from: usize, gap: usize) -> Option<Found> {
    let rest = text.get(from..)?;
    let mut skipped = 0;
    for (offset, c) in rest.char_indices() {
        let at = from + offset;
        if (c.is_ascii_digit() || ('０'..='９').contains(&c))
            && !glued(text.get(..at).unwrap_or_default().chars().rev())
        {
            return number_with_unit(text, at);
        }
        skipped += 1;
        if skipped > gap {
            return None;
        }
    }
    None
}

/// The number starting at byte `start`, and the unit after it (spaces allowed between).
fn number_with_unit(text: &str, start: usize) -> Option<Found> {
    let rest = text.get(start..)?;
    let len: usize = rest
        .chars()
        .take_while(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(c) || matches!(c, ',' | '.' | '，')
        })
        .map(char::len_utf8)
        .sum();
    let number = rest.get(..len)?.trim_end_matches(['.', ',', '，']);
    let after = rest.get(number.len()..)?;
    let trimmed = after.trim_start();
    let spaces = after.len() - trimmed.len();
    let unit = UNITS.iter().find(|u| trimmed.starts_with(**u))?;
    let amount = Amount::parse(number).ok()?;
    Some(Found {
        amount,
        unit: (*unit).to_string(),
        start,
        end: start + number.len() + spaces + unit.len(),
    })
}

/// The amount printed right after `label` (`共计 1,040 万元`, `货物采购 2 万元`).
pub fn labelled(text: &str, label: &str) -> Option<Found> {
    let at = text.find(label)?;
    amount_after(text, at + label.len(), 8)
}

/// A stated change: `比2021年增加15,118万元，增长22%`, `较 2021 年预算减少 101 万元，减少 19.31%`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedChange {
    /// Signed change.
    pub amount: Amount,
    /// The unit printed with it.
    pub unit: String,
    /// Signed percentage, when printed.
    pub percent: Option<Amount>,
    /// Decimals of the percentage.
    pub percent_decimals: u32,
    /// True when the sentence says the project is new.
    pub new: bool,
}

/// Reads the first change stated at or after byte `from`.
pub fn change_after(text: &str, from: usize) -> Option<StatedChange> {
    let rest = text.get(from..)?;
    let anchor = ["较", "比"].iter().filter_map(|a| rest.find(a)).min()?;
    let (word_at, word) = ["增加", "减少", "增长", "下降"]
        .iter()
        .filter_map(|w| rest.get(anchor..)?.find(w).map(|i| (anchor + i, *w)))
        .min_by_key(|(i, _)| *i)?;
    let sign_negative = matches!(word, "减少" | "下降");
    let found = amount_after(text, from + word_at + word.len(), 4)?;
    let amount = if sign_negative {
        Amount::ZERO.checked_sub(found.amount).ok()?
    } else {
        found.amount
    };
    let tail = text.get(found.end..)?;
    let clause_end = tail.find('。').unwrap_or(tail.len());
    let clause = tail.get(..clause_end)?;
    let (percent, percent_decimals) = percent_in(clause)
        .map(|(p, d, negative)| {
            let p = if negative {
                Amount::ZERO.checked_sub(p).unwrap_or(p)
            } else {
                p
            };
            (Some(p), d)
        })
        .unwrap_or((None, 0));
    let whole = text.get(from..)?;
    let new = whole.contains("新设项目") || whole.contains("新增项目");
    Some(StatedChange {
        amount,
        unit: found.unit,
        percent,
        percent_decimals,
        new,
    })
}

/// The first `增长 8%` / `减少 19.31％` in `clause`: (value, decimals, is decrease).
fn percent_in(clause: &str) -> Option<(Amount, u32, bool)> {
    let pct_at = ["%", "％"].iter().filter_map(|p| clause.find(p)).min()?;
    let before = clause.get(..pct_at)?.trim_end();
    let digits_len: usize = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .map(char::len_utf8)
        .sum();
    let number = before.get(before.len() - digits_len..)?;
    let words = before.get(..before.len() - digits_len)?;
    if glued(words.chars().rev()) {
        return None; // `GDP8%`, `v1.2%`: not a percentage of ours
    }
    let value = Amount::parse(number).ok()?;
    let decimals = number
        .split_once('.')
        .map_or(0, |(_, f)| u32::try_from(f.len()).unwrap_or(0));
    let negative = words.trim_end().ends_with("减少") || words.trim_end().ends_with("下降");
    Some((value, decimals, negative))
}

/// Splits `人员支出3,973万元、公用支出1,319万元、…` into (name, amount) pairs.
pub fn listed_amounts(list: &str) -> Vec<(String, Found)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for piece in list.split(['、', '，', '。']) {
        let piece_start = offset;
        offset += piece.len() + '、'.len_utf8();
        let Some(found) = amount_after(piece, 0, piece.chars().count()) else {
            continue;
        };
        let name = piece.get(..found.start).unwrap_or("").trim();
        if name.is_empty() {
            continue;
        }
        out.push((
            name.to_string(),
            Found {
                start: piece_start + found.start,
                end: piece_start + found.end,
                ..found
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Amount {
        Amount::parse(text).unwrap_or(Amount::ZERO)
    }

    #[test]
    fn finds_labelled_amounts() {
        let text = "共计 1,040 万元，其中货物采购 2 万元、工程采购 0 万元、服务采购 1,038 万元。";
        assert_eq!(
            labelled(text, "共计").map(|f| f.amount),
            Some(amount("1040"))
        );
        assert_eq!(
            labelled(text, "服务采购").map(|f| f.amount),
            Some(amount("1038"))
        );
        assert_eq!(labelled(text, "不存在"), None);
    }

    #[test]
    fn reads_changes_as_the_genre_writes_them() {
        for (text, change, unit, pct, decimals) in [
            (
                "比2021年增加15,118万元，增长22%。",
                "15118",
                "万元",
                Some("22"),
                0,
            ),
            (
                "较 2021 年预算减少 101 万元，减少 19.31%，主要原因",
                "-101",
                "万元",
                Some("-19.31"),
                2,
            ),
            (
                "较 2021 年预算增加 80 元，增加 20%，主要原因",
                "80",
                "元",
                Some("20"),
                0,
            ),
            (
                "较 2021 年预算增加 0 万元，增加 0%，较 2021 年预算数持平。",
                "0",
                "万元",
                Some("0"),
                0,
            ),
            (
                "较 2021 年预算增加 35 万元，主要原因是为 2022 年新设项目。",
                "35",
                "万元",
                None,
                0,
            ),
            (
                "比2021年预算减少21万元，下降54％，主要是",
                "-21",
                "万元",
                Some("-54"),
                0,
            ),
        ] {
            let got = change_after(text, 0);
            assert_eq!(
                got.as_ref().map(|c| c.amount),
                Some(amount(change)),
                "{text}"
            );
            assert_eq!(got.as_ref().map(|c| c.unit.as_str()), Some(unit), "{text}");
            assert_eq!(
                got.as_ref().and_then(|c| c.percent),
                pct.map(amount),
                "{text}"
            );
            assert_eq!(
                got.as_ref().map(|c| c.percent_decimals),
                Some(decimals),
                "{text}"
            );
        }
        assert!(change_after("较 2021 年预算增加 35 万元，新设项目。", 0).is_some_and(|c| c.new));
    }

    #[test]
    fn a_number_starts_at_a_token_boundary() {
        for text in [
            "项目支出GDP78,841万元",
            "项目支出1e400万元",
            "项目支出v1.2万元",
            "项目支出x_5万元",
        ] {
            assert_eq!(amount_after(text, 0, 20), None, "{text}");
        }
        // A number glued to a token is skipped as text; a later number still reads.
        assert_eq!(
            amount_after("GDP2，收入 84,579 万元", 0, 20).map(|f| f.amount),
            Some(amount("84579"))
        );
        assert_eq!(
            amount_after("项目支出７８万元", 0, 20).map(|f| f.amount),
            Some(amount("78"))
        );
        assert_eq!(
            change_after("较 2021 年预算增加 5 万元，增长 GDP8%。", 0).and_then(|c| c.percent),
            None
        );
    }

    #[test]
    fn splits_listed_amounts() {
        let list = listed_amounts("人员支出3,973万元、公用支出1,319万元、对个人和家庭的补助支出446万元、项目支出78,841万元。");
        let names: Vec<&str> = list.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["人员支出", "公用支出", "对个人和家庭的补助支出", "项目支出"]
        );
        assert_eq!(list.get(2).map(|(_, f)| f.amount), Some(amount("446")));
    }
}
