//! English for findings: the same facts as the Chinese message, with table and part labels in
//! English (`表7` → `table 7`, `第三部分` → `part 3`, `目录` → `the contents`) and the names the
//! publication prints (rows, columns, projects, quoted sentences) kept in Chinese, quoted
//! (`“201 一般公共服务支出”`): they are data, and a reader looks for them as printed.

/// `表7` → `table 7`, `第七部分` → `part 7`, `目录` → `the contents`; a label with a title
/// (`表7 一般公共预算支出表`) keeps the title, quoted; anything else is quoted.
pub fn label(label: &str) -> String {
    if label.trim() == "目录" {
        return "the contents".to_string();
    }
    crate::error::within_english(label)
}

/// `“text”`: a name or phrase as the publication prints it.
pub fn quoted(text: &str) -> String {
    format!("“{text}”")
}

/// A unit's name in English: `万元` → `10,000 yuan`, `亿元` → `100 million yuan`, `元` →
/// `yuan`; another unit is quoted as printed.
pub fn unit(name: &str) -> String {
    match name.trim() {
        "万元" => "10,000 yuan".to_string(),
        "亿元" => "100 million yuan".to_string(),
        "千元" => "1,000 yuan".to_string(),
        "元" => "yuan".to_string(),
        "%" | "％" => "%".to_string(),
        "" => String::new(),
        other => quoted(other),
    }
}

/// A figure with its unit: `80 (10,000 yuan)`, `80 yuan`, `8%`, and a count (`个`) bare.
pub fn amount(value: &str, unit_name: &str) -> String {
    match unit_name.trim() {
        "%" | "％" => format!("{value}%"),
        "元" => format!("{value} yuan"),
        "个" | "" => value.to_string(),
        other => format!("{value} ({})", unit(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_units_and_amounts() {
        assert_eq!(label("表7"), "table 7");
        assert_eq!(label("第七部分"), "part 7");
        assert_eq!(label("目录"), "the contents");
        assert_eq!(label("附表"), "“附表”");
        assert_eq!(amount("80", "万元"), "80 (10,000 yuan)");
        assert_eq!(amount("80", "元"), "80 yuan");
        assert_eq!(amount("-19.31", "%"), "-19.31%");
        assert_eq!(amount("3", "个"), "3");
        assert_eq!(unit("亿元"), "100 million yuan");
        assert_eq!(unit("美元"), "“美元”");
    }
}
