//! The genre reader: any 部门预算 or 部门决算 as extracted text, whatever its numbering, titles,
//! column sets, units and dialect (tabs, runs of spaces, single spaces, one cell per line).
//! Tables are known by the catalogue's roles; the narrative by its headings.

mod header;
mod lines;
mod narrative;
mod tables;
mod tokens;

use crate::error::{Error, Message, Place};
use crate::model::{Budget, Figures, Reader, Unit};
use crate::Amount;

/// Reads a publication's text.
pub fn read(text: &str, file: &str) -> Result<Budget, Error> {
    if text.trim().is_empty() {
        return Err(Error::Import {
            place: Place {
                file: file.to_string(),
                line: Some(1),
                within: None,
            },
            message: Message::fixed(
                "文件为空：没有任何文字",
                "the file is empty: it holds no text",
            ),
        });
    }
    let lines = lines::lines(text);
    let anchors = tables::anchors(&lines);
    let mut in_table = vec![false; lines.len()];
    // Each table's title block and body ranges; a title repeated on the next page (the same
    // label and title) continues the table before it.
    let mut blocks: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
    for (k, anchor) in anchors.iter().enumerate() {
        let next = anchors.get(k + 1).map_or(lines.len(), |a| a.at);
        let mut end = next;
        for (i, l) in lines.iter().enumerate().take(next).skip(anchor.body) {
            if tables::ends_table(&l.text) {
                end = i;
                break;
            }
        }
        for flag in in_table.iter_mut().take(end).skip(anchor.at) {
            *flag = true;
        }
        let continues = blocks.last().is_some_and(|(b, _)| {
            anchors.get(*b).is_some_and(|prev| {
                prev.title == anchor.title
                    && (prev.label == anchor.label || anchor.label.is_empty())
                    && !anchor.title.is_empty()
            })
        });
        match blocks.last_mut() {
            Some((_, regions)) if continues => regions.push((anchor.body, end)),
            _ => blocks.push((k, vec![(anchor.body, end)])),
        }
    }
    let mut read_tables = Vec::new();
    for (k, regions) in &blocks {
        let Some(anchor) = anchors.get(*k) else {
            continue;
        };
        let key = format!("g{}", read_tables.len() + 1);
        let r = tables::read(&lines, anchor, regions, key);
        // An empty table is a table only if its header names its rows' columns (项目, 科目名称,
        // 科目编码); otherwise it is a contents entry.
        let names_rows = r.table.header.iter().flatten().any(|cell| {
            ["项目", "名称", "编码", "代码", "科目"]
                .iter()
                .any(|w| cell.contains(w))
        });
        let names_columns = r.figures.columns.iter().any(|g| !g.is_empty());
        let numbered = r.table.header.first().is_some_and(|h| {
            let first: String = h.concat();
            crate::catalogue::strip_item_numbering(&first) != first
        });
        if r.table.rows.is_empty() && (numbered || !(names_rows || names_columns)) {
            // A contents entry, not a table: its line is narrative.
            if let Some(flag) = in_table.get_mut(anchor.at) {
                *flag = false;
            }
            continue;
        }
        read_tables.push(r);
    }
    let narrative: Vec<&lines::SourceLine> = lines
        .iter()
        .zip(&in_table)
        .filter(|(l, t)| !**t && !l.bare_number)
        .map(|(l, _)| l)
        .collect();
    let parts = narrative::parts(&narrative);
    let has_role = read_tables.iter().any(|r| r.table.role.is_some());
    let speaks_budget = parts
        .iter()
        .flat_map(|p| &p.paragraphs)
        .any(|p| (p.text.contains("预算") || p.text.contains("决算")) && states_amount(&p.text));
    if !has_role && !speaks_budget {
        let first = lines.iter().find(|l| !l.text.trim().is_empty());
        let shown = first.map_or(String::new(), |l| l.text.trim().chars().take(40).collect());
        return Err(Error::Import {
            place: Place {
                file: file.to_string(),
                line: first.map(|l| l.number),
                within: None,
            },
            message: Message::new(
                format!("这不像部门预算或决算（开头是“{shown}”）：找不到预算表，文字中也没有“预算”“决算”，标题、表格都无从读起"),
                format!("this does not look like a department budget or final account (it starts “{shown}”): no budget table, and the text never says 预算 or 决算, so there is no title or table to read"),
            ),
        });
    }
    let (title, _) = find_title(&lines);
    let year = find_year(&title)
        .or_else(|| read_tables.iter().find_map(|r| find_year(&r.table.title)))
        .or_else(|| lines.iter().take(120).find_map(|l| find_year(&l.text)));
    let from_title = department_from_title(&title);
    let department = lines
        .iter()
        .take(80)
        .find_map(|l| labelled_department(&l.text))
        .or_else(|| (!from_title.is_empty()).then(|| from_title.clone()))
        .or_else(|| read_tables.iter().find_map(|r| r.table.department.clone()))
        .unwrap_or_default();
    let final_accounts =
        title.contains("决算") || read_tables.iter().any(|r| r.table.title.contains("决算"));
    let title = if title.is_empty() {
        // Tables alone (a 公开表 file): named by what they say.
        let kind = if final_accounts {
            "部门决算"
        } else {
            "部门预算"
        };
        match year {
            Some(y) => format!("{department}{y}年{kind}"),
            None => format!("{department}{kind}"),
        }
    } else if !department.is_empty() && !title.contains(&department) && title.starts_with('2') {
        // `2019年部门预算` on a cover that names the department only in the tables.
        format!("{department}{title}")
    } else {
        title
    };
    let unit = budget_unit(&read_tables);
    let (mut tables_out, mut figures_out) = (Vec::new(), Vec::new());
    for r in read_tables {
        tables_out.push(r.table);
        figures_out.push(r.figures);
    }
    let year = year.unwrap_or(0);
    Ok(Budget {
        title,
        department,
        year,
        prior_year: year.saturating_sub(1),
        unit,
        source: file.to_string(),
        contents: Vec::new(),
        parts,
        tables: tables_out,
        figures: Figures {
            tables: figures_out,
            ..Figures::default()
        },
        reader: Reader::Genre,
        source_notes: Vec::new(),
    })
}

/// Whether a text states an amount of money (`4748.35万元`, `84,579 元`).
fn states_amount(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        c.is_ascii_digit() && {
            let rest: String = chars.iter().skip(i + 1).take(4).collect();
            let rest = rest.trim_start_matches(|c: char| c.is_whitespace());
            ["万元", "元", "亿元", "千元"]
                .iter()
                .any(|u| rest.starts_with(u))
        }
    })
}

/// The title: the first line (or two) near the top that names a budget or final account.
fn find_title(lines: &[lines::SourceLine]) -> (String, usize) {
    let top: Vec<&lines::SourceLine> = lines
        .iter()
        .filter(|l| !l.text.trim().is_empty() && !l.bare_number)
        .take(30)
        .collect();
    // A cover page: the lines before 目录, wrapped (`上海市普陀区规划和自然` / `资源局` /
    // `2024 年度部门决算`).
    if let Some(contents) = top.iter().position(|l| tables::compact(&l.text) == "目录") {
        let cover: Vec<String> = top
            .iter()
            .take(contents)
            .map(|l| tables::compact(&l.text))
            .collect();
        let joined = cover.concat();
        if (1..=4).contains(&cover.len())
            && joined.chars().count() <= 60
            && (joined.contains("预算") || joined.contains("决算"))
            && !joined.contains('。')
        {
            return (joined, top.first().map_or(0, |l| l.number));
        }
    }
    for (i, l) in top.iter().enumerate() {
        let t = tables::compact(&l.text);
        let part_heading = t.starts_with('第') && t.contains("部分");
        // A table's header row (`项 目 | 2022 年预算数 | 项 目 | 2022 年预算数`) is no title.
        let header_row = t.contains("预算数")
            || t.contains("决算数")
            || l.text.split('\t').filter(|c| !c.trim().is_empty()).count() > 1;
        if (t.contains("预算") || t.contains("决算"))
            && !header_row
            && find_year(&t).is_some()
            && t.chars().count() <= 60
            && !part_heading
            && !t.contains('。')
            && !t.ends_with('表')
        {
            // `江苏省人大常委会办公厅` / `2019年度部门预算公开`: the department is the line before.
            let prev = i
                .checked_sub(1)
                .and_then(|k| top.get(k))
                .filter(|_| t.starts_with('2'));
            if let Some(prev) = prev {
                let before = tables::compact(&prev.text);
                if before.chars().count() <= 30 && !before.contains(['。', '，']) {
                    return (format!("{before}{t}"), prev.number);
                }
            }
            return (t, l.number);
        }
    }
    (String::new(), 0)
}

fn find_year(t: &str) -> Option<u16> {
    let chars: Vec<char> = t.chars().collect();
    for (i, w) in chars.windows(4).enumerate() {
        let before_ok = i
            .checked_sub(1)
            .and_then(|k| chars.get(k))
            .is_none_or(|c| !c.is_ascii_digit());
        let after = chars.get(i + 4..).unwrap_or(&[]);
        let after_ok = after
            .iter()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| *c == '年');
        if before_ok && after_ok && w.first() == Some(&'2') && w.iter().all(char::is_ascii_digit) {
            let s: String = w.iter().collect();
            return s.parse().ok();
        }
    }
    None
}

fn labelled_department(t: &str) -> Option<String> {
    let c = t.replace(':', "：");
    for key in ["预算主管部门：", "编制部门：", "部门名称：", "单位名称："] {
        if let Some(i) = c.find(key) {
            let rest = c[i + key.len()..].trim();
            let compact: String = rest.chars().filter(|ch| !ch.is_whitespace()).collect();
            let name = match compact.find("目录") {
                Some(i) => compact[..i].to_string(),
                None => rest.chars().take_while(|ch| !ch.is_whitespace()).collect(),
            };
            if !name.is_empty() {
                return Some(name);
            }
        }
    }
    None
}

fn department_from_title(title: &str) -> String {
    let mut t = title.to_string();
    if let Some(i) = t.find(|c: char| c.is_ascii_digit()) {
        let head = t[..i].to_string();
        if !head.is_empty() {
            return head;
        }
        t = t[i..]
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .to_string();
    }
    for w in [
        "年度",
        "年",
        "部门预算公开",
        "部门预算",
        "部门决算",
        "预算",
        "决算",
    ] {
        t = t.replace(w, "");
    }
    t
}

/// The unit most tables print in, and its step.
fn budget_unit(tables: &[tables::Read]) -> Unit {
    let mut best: Option<(&str, usize)> = None;
    for r in tables {
        let u = r.figures.unit.as_str();
        if u.is_empty() || r.figures.lines.is_empty() {
            continue;
        }
        let n = tables.iter().filter(|t| t.figures.unit == u).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((u, n));
        }
    }
    let name = best.map_or("万元", |(u, _)| u).to_string();
    let step = tables
        .iter()
        .find(|r| r.figures.unit == name && !r.figures.lines.is_empty())
        .map_or(Amount::from_int(1), |r| r.figures.step);
    Unit { name, step }
}
