//! Simple-font encodings and glyph names (the common subset).

/// WinAnsiEncoding, code 0x80..=0x9F (0 = undefined).
const WIN_80: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The Unicode value of `code` in WinAnsiEncoding (also used as the default for simple fonts).
pub(crate) fn win_ansi(code: u8) -> Option<char> {
    match code {
        0x20..=0x7E | 0xA0..=0xFF => char::from_u32(u32::from(code)),
        0x80..=0x9F => WIN_80
            .get(usize::from(code - 0x80))
            .copied()
            .filter(|&u| u != 0)
            .and_then(|u| char::from_u32(u32::from(u))),
        _ => None,
    }
}

/// ASCII glyph names from 0x20 to 0x7E, in order.
const ASCII_NAMES: [&str; 95] = [
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
];

const OTHER_NAMES: [(&str, u32); 24] = [
    ("quoteright", 0x2019),
    ("quoteleft", 0x2018),
    ("quotedblleft", 0x201C),
    ("quotedblright", 0x201D),
    ("bullet", 0x2022),
    ("endash", 0x2013),
    ("emdash", 0x2014),
    ("ellipsis", 0x2026),
    ("periodcentered", 0x00B7),
    ("multiply", 0x00D7),
    ("divide", 0x00F7),
    ("degree", 0x00B0),
    ("plusminus", 0x00B1),
    ("Euro", 0x20AC),
    ("nbspace", 0x00A0),
    ("minus", 0x2212),
    ("fi", 0xFB01),
    ("fl", 0xFB02),
    ("copyright", 0x00A9),
    ("registered", 0x00AE),
    ("trademark", 0x2122),
    ("section", 0x00A7),
    ("paragraph", 0x00B6),
    ("yen", 0x00A5),
];

/// The Unicode text of a glyph name, for the names met in practice.
pub(crate) fn glyph_name(name: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(name).ok()?;
    if let Some(i) = ASCII_NAMES.iter().position(|&n| n == s) {
        return char::from_u32(0x20 + i as u32).map(String::from);
    }
    if let Some((_, u)) = OTHER_NAMES.iter().find(|(n, _)| *n == s) {
        return char::from_u32(*u).map(String::from);
    }
    let hex = s.strip_prefix("uni").or_else(|| s.strip_prefix('u'))?;
    if hex.len() >= 4 && hex.len() % 4 == 0 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        let mut out = String::new();
        let mut units = Vec::new();
        for i in (0..hex.len()).step_by(4) {
            units.push(u16::from_str_radix(hex.get(i..i + 4)?, 16).ok()?);
        }
        for c in char::decode_utf16(units) {
            out.push(c.unwrap_or('\u{FFFD}'));
        }
        return Some(out);
    }
    None
}
