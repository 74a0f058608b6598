//! Numerals and digits as the publication prints them, with no dependency on the rest of the
//! crate: Chinese numerals (`第七部分`, `表十一`, `一、`), thousands separators (`84,579`), and where
//! a printed number starts (`glued`). The importer, the checks, the views and the error
//! messages all read and write numbers this way, so the rules live here, below all of them.

/// Chinese numerals 一 … 九十九 (as used for parts and tables).
pub fn parse_chinese_numeral(text: &str) -> Option<u8> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        [d] if *d != '十' => digit(*d).and_then(|v| u8::try_from(v).ok()),
        ['十'] => Some(10),
        ['十', d] => digit(*d).and_then(|v| u8::try_from(v + 10).ok()),
        [t, '十'] => digit(*t).and_then(|v| u8::try_from(v * 10).ok()),
        [t, '十', d] => {
            let tens = digit(*t)?;
            let ones = digit(*d)?;
            u8::try_from(tens * 10 + ones).ok()
        }
        _ => None,
    }
}

/// 1 … 99 as a Chinese numeral (`七`, `十一`).
pub fn chinese_numeral(n: u8) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let d = |i: u8| DIGITS.get(usize::from(i)).copied().unwrap_or("");
    match n {
        0..=9 => d(n).to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", d(n - 10)),
        _ if n % 10 == 0 => format!("{}十", d(n / 10)),
        _ => format!("{}十{}", d(n / 10), d(n % 10)),
    }
}

/// Inserts thousands separators into a plain decimal string such as `-84579.5`.
pub(crate) fn group_thousands(plain: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (int_part, frac_part) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(plain.len() + plain.len() / 3);
    out.push_str(sign);
    push_grouped(&mut out, int_part);
    if let Some(frac) = frac_part {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Appends the digits `int_digits` with a `,` before every group of three from the right.
pub(crate) fn push_grouped(out: &mut String, int_digits: &str) {
    let n = int_digits.chars().count();
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
}

/// True when a digit preceded by `before` (the characters before it, nearest first) continues
/// a token that is not a number of ours: it follows a Latin letter or digit (`GDP2`, the `400`
/// of `1e400`), or a `.`, `,`, `+`, `-` or `_` that follows one (`1e+30`, `v1.2`). A number
/// starts at a token boundary; the narrative's claims and the importer's phrases both ask this.
pub(crate) fn glued(before: impl IntoIterator<Item = char>) -> bool {
    let mut before = before.into_iter();
    let Some(prev) = before.next() else {
        return false;
    };
    if prev.is_ascii_alphanumeric() || prev == '_' {
        return true;
    }
    matches!(prev, '.' | ',' | '+' | '-')
        && before.next().is_some_and(|c| c.is_ascii_alphanumeric())
}
