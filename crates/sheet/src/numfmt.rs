//! Numbers as their number format displays them, as exact decimals.
//!
//! A stored double is first read at 15 significant digits (what Excel itself keeps and shows,
//! so `84578.99999999999` is `84579`), then rounded half away from zero to the places its
//! format shows (`#,##0` → none, `0.00` → two, `0.00%` → two after scaling by 100).

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;

/// A number as shown, and whether showing it lost more than float noise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shown {
    /// The text, as a printed table shows it: `84,579`, `84579.00`, `12.34%`, `-21`.
    pub(crate) text: String,
    /// The stored value at 15 significant digits (`1838.5`), when it differs from the shown
    /// value by more than float noise (rounded away by the format, or digits past 15 lost).
    pub(crate) differs: Option<String>,
}

/// What a format section asks for.
#[derive(Debug, Default)]
struct Section {
    general: bool,
    date: bool,
    /// Has no digit placeholder: a literal (`"-"` for zero in accounting formats).
    literal: bool,
    min_decimals: u32,
    max_decimals: u32,
    grouping: bool,
    percent: u32,
    /// Trailing commas after the last digit: each divides by 1000.
    scale_thousands: u32,
    scientific: bool,
}

/// Whether a format code shows a date or time.
#[cfg(test)]
fn is_date_format(code: &str) -> bool {
    split_sections(code)
        .first()
        .is_some_and(|s| analyse(s).date)
}

/// Shows `x` under the format `code` (`General` when `None`).
pub(crate) fn show(x: f64, code: Option<&str>) -> Shown {
    let code = code.unwrap_or("General");
    if !x.is_finite() {
        return Shown {
            text: "#NUM!".to_string(),
            differs: None,
        };
    }
    let sections = split_sections(code);
    let pick = if x < 0.0 && sections.len() >= 2 {
        1
    } else if x == 0.0 && sections.len() >= 3 {
        2
    } else {
        0
    };
    let sec = sections
        .get(pick)
        .map(|s| analyse(s))
        .unwrap_or_else(|| Section {
            general: true,
            ..Section::default()
        });
    if sec.general || sec.date || sec.scientific || sec.literal {
        // Dates reach here only as plain numbers (calamine types real date cells); a literal
        // section (zero shown as `-`) is given as its value, so the text stays a number.
        return general_shown(x);
    }
    let Some(stored) = at_15_digits(x) else {
        return general_shown(x);
    };
    let hundred = Decimal::from(100);
    let thousand = Decimal::from(1000);
    let mut scaled = stored.abs();
    for _ in 0..sec.percent {
        scaled = match scaled.checked_mul(hundred) {
            Some(v) => v,
            None => return general_shown(x),
        };
    }
    for _ in 0..sec.scale_thousands {
        scaled = match scaled.checked_div(thousand) {
            Some(v) => v,
            None => return general_shown(x),
        };
    }
    let rounded =
        scaled.round_dp_with_strategy(sec.max_decimals, RoundingStrategy::MidpointAwayFromZero);
    let mut text = digits(rounded, sec.min_decimals, sec.max_decimals, sec.grouping);
    if x < 0.0 && !rounded.is_zero() {
        text.insert(0, '-');
    }
    for _ in 0..sec.percent {
        text.push('%');
    }
    // The shown value in the stored scale, to compare with the stored one.
    let mut back = rounded;
    for _ in 0..sec.percent {
        back = back.checked_div(hundred).unwrap_or(back);
    }
    for _ in 0..sec.scale_thousands {
        back = back.checked_mul(thousand).unwrap_or(back);
    }
    let differs = (back != stored.abs()).then(|| plain(stored));
    Shown { text, differs }
}

/// General: the value at 15 significant digits, trailing zeros trimmed. An integer past 15
/// digits (`12345678901234567`) shows as Excel shows it (`12345678901234600`), and says so.
fn general_shown(x: f64) -> Shown {
    match at_15_digits(x) {
        Some(d) => {
            let text = plain(d);
            let exact = exact_integer(x);
            let differs = exact.filter(|e| *e != text);
            Shown { text, differs }
        }
        None => Shown {
            // Past rust_decimal's 28 digits: scientific, as Excel's General shows it.
            text: format!("{x:.14e}"),
            differs: None,
        },
    }
}

/// The general text of `x`.
pub(crate) fn general(x: f64) -> String {
    general_shown(x).text
}

/// The code of a built-in number format id, for an .xls XF whose id no FORMAT record gives.
///
/// Ids 0–22 and 37–49 are ECMA-376's (18.8.30), as calamine resolves them for .xlsx (its
/// table is private); 5–8, 27–36 and 50–58 depend on the locale and are given as Excel shows
/// them in zh-CN (Excel writes FORMAT records for 5–8 and 41–44 in every .xls anyway, and
/// calamine makes cells under the date ids dates). Other ids: `None` (General).
pub(crate) fn builtin(id: u16) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "\"¥\"#,##0;\"¥\"\\-#,##0",
        6 => "\"¥\"#,##0;[Red]\"¥\"\\-#,##0",
        7 => "\"¥\"#,##0.00;\"¥\"\\-#,##0.00",
        8 => "\"¥\"#,##0.00;[Red]\"¥\"\\-#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 => "mm-dd-yy",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "m/d/yy h:mm",
        27 | 36 | 50 | 52 | 57 => "yyyy\"年\"m\"月\"",
        28 | 29 | 51 | 53 | 54 | 58 => "m\"月\"d\"日\"",
        30 => "m-d-yy",
        31 => "yyyy\"年\"m\"月\"d\"日\"",
        32 => "h\"时\"mm\"分\"",
        33 => "h\"时\"mm\"分\"ss\"秒\"",
        34 | 55 => "上午/下午h\"时\"mm\"分\"",
        35 | 56 => "上午/下午h\"时\"mm\"分\"ss\"秒\"",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        42 => "_($* #,##0_);_($* (#,##0);_($* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        44 => "_($* #,##0.00_);_($* (#,##0.00);_($* \"-\"??_);_(@_)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mmss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// The exact integer a double holds, when it is one with more than 15 digits.
fn exact_integer(x: f64) -> Option<String> {
    if x.fract() != 0.0 || x.abs() < 1e15 || x.abs() >= 1e28 {
        return None;
    }
    Some(format!("{x:.0}"))
}

/// `x` rounded to 15 significant digits, as a decimal (None past ±7.9e28 or below 1e-28).
pub(crate) fn at_15_digits(x: f64) -> Option<Decimal> {
    if x == 0.0 {
        return Some(Decimal::ZERO);
    }
    if x.abs() >= 7.9e28 || x.abs() < 1e-28 {
        return None;
    }
    let sci = format!("{x:.14e}");
    Decimal::from_scientific(&sci).ok().map(|d| d.normalize())
}

/// A decimal as plain digits, trailing zeros trimmed.
fn plain(d: Decimal) -> String {
    let n = d.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

/// A non-negative decimal with `min..=max` decimals and optional thousands separators.
fn digits(d: Decimal, min: u32, max: u32, grouping: bool) -> String {
    let mut d = d;
    d.rescale(max);
    let s = d.to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (s, String::new()),
    };
    let mut frac = frac;
    while frac.len() > min as usize && frac.ends_with('0') {
        frac.pop();
    }
    let int = if grouping { group(&int) } else { int };
    if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    }
}

fn group(int: &str) -> String {
    let chars: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && (chars.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*c);
    }
    out
}

/// Splits a format code at `;` outside quotes, brackets and escapes.
fn split_sections(code: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = code.chars();
    let mut quoted = false;
    let mut bracket = false;
    while let Some(c) = chars.next() {
        let cur = match out.last_mut() {
            Some(s) => s,
            None => break,
        };
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            '\\' | '_' | '*' if !quoted => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '[' if !quoted => {
                bracket = true;
                cur.push(c);
            }
            ']' if !quoted => {
                bracket = false;
                cur.push(c);
            }
            ';' if !quoted && !bracket => out.push(String::new()),
            _ => cur.push(c),
        }
    }
    out
}

/// What a section shows: the placeholders outside literals, brackets and escapes.
fn analyse(section: &str) -> Section {
    let mut s = Section::default();
    if section.trim().is_empty() || section.to_ascii_lowercase().contains("general") {
        s.general = true;
        return s;
    }
    // The section's placeholders, with literals removed.
    let mut bare = String::new();
    let mut chars = section.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                quoted = false;
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let mut inner = String::new();
                for n in chars.by_ref() {
                    if n == ']' {
                        break;
                    }
                    inner.push(n);
                }
                let lower = inner.to_ascii_lowercase();
                if matches!(lower.as_str(), "h" | "hh" | "m" | "mm" | "s" | "ss") {
                    s.date = true; // elapsed time
                }
            }
            _ => bare.push(c),
        }
    }
    let lower = bare.to_ascii_lowercase();
    if lower.contains("e+") || lower.contains("e-") {
        s.scientific = true;
        return s;
    }
    if lower
        .chars()
        .any(|c| matches!(c, 'y' | 'm' | 'd' | 'h' | 's' | 'e' | 'g' | 'b'))
        || lower.contains("am/pm")
    {
        s.date = true;
        return s;
    }
    if bare.trim() == "@" {
        s.general = true;
        return s;
    }
    let is_digit = |c: char| matches!(c, '0' | '#' | '?');
    let placeholders: Vec<char> = bare.chars().collect();
    if !placeholders.iter().any(|c| is_digit(*c)) {
        s.literal = true;
        return s;
    }
    s.percent = placeholders.iter().filter(|c| **c == '%').count() as u32;
    let point = placeholders.iter().position(|c| *c == '.');
    let (int_part, frac_part): (&[char], &[char]) = match point {
        Some(p) => (
            placeholders.get(..p).unwrap_or(&[]),
            placeholders.get(p + 1..).unwrap_or(&[]),
        ),
        None => (&placeholders, &[]),
    };
    s.max_decimals = frac_part.iter().filter(|c| is_digit(**c)).count() as u32;
    s.min_decimals = frac_part
        .iter()
        .filter(|c| matches!(**c, '0' | '?'))
        .count() as u32;
    // A comma between digit placeholders groups; commas after the last one scale.
    let last_digit = int_part.iter().rposition(|c| is_digit(*c));
    let first_digit = int_part.iter().position(|c| is_digit(*c));
    if let (Some(first), Some(last)) = (first_digit, last_digit) {
        s.grouping = int_part.get(first..=last).is_some_and(|w| w.contains(&','));
        if point.is_some() || frac_part.is_empty() {
            s.scale_thousands = int_part
                .get(last + 1..)
                .map_or(0, |t| t.iter().take_while(|c| **c == ',').count() as u32);
        }
    } else if frac_part.is_empty() {
        s.literal = true;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(x: f64, code: &str) -> String {
        show(x, Some(code)).text
    }

    #[test]
    fn noise_is_gone() {
        assert_eq!(t(84578.99999999999, "#,##0"), "84,579");
        assert_eq!(show(84578.99999999999, Some("#,##0")).differs, None);
        assert_eq!(t(84578.99999999999, "0"), "84579");
        assert_eq!(t(84579.0, "0.00"), "84579.00");
        assert_eq!(general(84578.99999999999), "84579");
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(4146.0), "4146");
        assert_eq!(general(-0.000123), "-0.000123");
        assert_eq!(general(0.0), "0");
    }

    #[test]
    fn rounding_shows_a_difference() {
        let s = show(1838.5, Some("#,##0"));
        assert_eq!(s.text, "1,839");
        assert_eq!(s.differs.as_deref(), Some("1838.5"));
        // Excel rounds its 15-digit decimal, not the binary double: 2.675 → 2.68.
        assert_eq!(t(2.675, "0.00"), "2.68");
        assert_eq!(t(-1838.5, "#,##0"), "-1,839");
    }

    #[test]
    fn percent_sections_literals() {
        assert_eq!(t(0.1234, "0.00%"), "12.34%");
        assert_eq!(show(0.1234, Some("0.00%")).differs, None);
        assert_eq!(t(0.12345, "0.0%"), "12.3%");
        assert_eq!(t(-21.0, "#,##0;(#,##0)"), "-21");
        assert_eq!(t(-21.0, "#,##0;[Red]\\-#,##0"), "-21");
        assert_eq!(t(0.0, "_ * #,##0_ ;_ * -#,##0_ ;_ * \"-\"_ ;_ @_ "), "0");
        assert_eq!(
            t(1234.5, "_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * \"-\"??_ ;_ @_ "),
            "1,234.50"
        );
        assert_eq!(t(12.5, "0.0\"万元\""), "12.5");
        assert_eq!(t(1234567.0, "#,##0,"), "1,235");
        assert_eq!(t(1.5, "0.0#"), "1.5");
        assert_eq!(t(1.257, "0.0#"), "1.26");
        assert_eq!(t(1234.0, "[$¥-804]#,##0.00"), "1,234.00");
        assert_eq!(t(5.0, "@"), "5");
    }

    #[test]
    fn big_integers() {
        let s = show(12345678901234567.0, None);
        assert_eq!(s.text, "12345678901234600");
        assert_eq!(s.differs.as_deref(), Some("12345678901234568"));
        assert_eq!(show(123456789012345.0, None).differs, None);
        assert_eq!(general(1e30), "1.00000000000000e30");
    }

    #[test]
    fn builtin_ids() {
        let b = |x: f64, id: u16| show(x, builtin(id)).text;
        assert_eq!(b(84578.99999999999, 3), "84,579");
        assert_eq!(b(1234.5, 4), "1,234.50");
        assert_eq!(b(-1234.0, 5), "-1,234");
        assert_eq!(b(1234.567, 8), "1,234.57");
        assert_eq!(b(0.1234, 10), "12.34%");
        assert_eq!(b(0.0, 41), "0");
        assert_eq!(b(-21.0, 37), "-21");
        assert_eq!(b(1.5, 0), "1.5");
        assert_eq!(builtin(164), None);
        for id in [14, 22, 27, 31, 34, 36, 45, 50, 58] {
            assert!(builtin(id).is_some_and(is_date_format), "{id}");
        }
    }

    #[test]
    fn dates() {
        assert!(is_date_format("yyyy-mm-dd"));
        assert!(is_date_format("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"));
        assert!(!is_date_format("#,##0"));
        assert!(!is_date_format("0.00%"));
    }
}
