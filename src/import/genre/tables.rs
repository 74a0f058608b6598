//! Tables found by their titles, read into rows and into figures placed by header.

use super::lines::SourceLine;
use super::tokens::{self, Kind, Token};
use crate::amount::Amount;
use crate::catalogue::{self, ColumnKind, Shape};
use crate::model::{LineKind, Placed, Row, Table, TableFigures, TableLine};

/// A table read from the text, with its figures.
pub(crate) struct Read {
    pub(crate) table: Table,
    pub(crate) figures: TableFigures,
}

/// Where tables start: the index of each title (or label) line, with the title.
pub(crate) struct Anchor {
    pub(crate) at: usize,
    pub(crate) title: String,
    pub(crate) label: String,
    /// First line after the title block.
    pub(crate) body: usize,
}

/// Finds the tables' title lines.
pub(crate) fn anchors(lines: &[SourceLine]) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let mut compact = compact(&line.text);
        let mut wrapped = false;
        // A title wrapped before its last characters (`…培训费支出预算` / `表`).
        if !is_title(&compact) && !is_label(&compact) {
            let next = lines
                .get(i + 1)
                .map(|l| self::compact(&l.text))
                .unwrap_or_default();
            let joined = format!("{compact}{next}");
            if !next.is_empty() && next.chars().count() <= 3 && is_title(&joined) {
                compact = joined;
                wrapped = true;
            }
        }
        let label = is_label(&compact);
        let title = !label && is_title(&compact);
        if !(label || title) {
            i += 1;
            continue;
        }
        // A label and its title may come in either order, a blank line or two apart.
        let mut anchor = Anchor {
            at: i,
            title: if title {
                strip_numbering(&compact)
            } else {
                String::new()
            },
            label: if label {
                compact.clone()
            } else {
                String::new()
            },
            body: i + 1 + usize::from(wrapped),
        };
        let mut j = i + 1;
        while let Some(next) = lines.get(j).filter(|_| j <= i + 4) {
            let c = self::compact(&next.text);
            if c.is_empty() || next.bare_number {
                j += 1;
                continue;
            }
            if anchor.label.is_empty() && is_label(&c) {
                anchor.label = c;
                anchor.body = j + 1;
            } else if anchor.title.is_empty() && is_title(&c) {
                anchor.title = strip_numbering(&c);
                anchor.body = j + 1;
            } else if anchor.title.is_empty() && !is_label(&c) && c.ends_with('表') {
                anchor.title = c;
                anchor.body = j + 1;
            }
            break;
        }
        i = anchor.body.max(i + 1);
        out.push(anchor);
    }
    out
}

/// The text with every space removed.
pub(crate) fn compact(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `表一`, `表 1`, `公开表一`, `公开01表`, `表1-1`, `预算公开06表`.
fn is_label(c: &str) -> bool {
    let c = c.strip_prefix("部门预算").unwrap_or(c);
    let c = c.strip_prefix("预算").unwrap_or(c);
    let c = c.strip_prefix("公开").unwrap_or(c);
    let numeral = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|ch| ch.is_ascii_digit() || "一二三四五六七八九十-—".contains(ch))
    };
    if let Some(rest) = c.strip_prefix('表') {
        return numeral(rest);
    }
    if let Some(rest) = c.strip_suffix('表') {
        return numeral(rest);
    }
    false
}

/// Whether a table's text gives one cell per line (a table copied from a web page): most of
/// its lines hold a single token.
fn one_cell_per_line(lines: &[SourceLine]) -> bool {
    let cells: Vec<Vec<Token>> = lines
        .iter()
        .filter(|l| !l.text.trim().is_empty() && !is_meta_line(&compact(&l.text)))
        .map(|l| tokens::tokens(&l.text))
        .collect();
    // One cell: one token, or words of one cell (`收 入`, `2022 年预算数`) with no wide gap
    // and no second amount.
    let single = cells
        .iter()
        .filter(|t| {
            t.len() == 1
                || (t.iter().skip(1).all(|k| !k.gap_before && k.cell.is_none())
                    && t.iter().filter(|k| k.amount().is_some()).count() <= 1
                    && t.len() <= 3)
        })
        .count();
    let lone_amounts = cells
        .iter()
        .filter(|t| matches!(t.as_slice(), [only] if only.amount().is_some()))
        .count();
    // Most lines one token, and many of them an amount alone (a layout table's label lines
    // are single too, but its amounts share a line with their label).
    cells.len() >= 8
        && single.saturating_mul(10) >= cells.len().saturating_mul(8)
        && lone_amounts.saturating_mul(10) >= cells.len().saturating_mul(3)
}

/// One cell per line regrouped into rows: the header's cells on one line, then a new row at
/// each classification code, and at a label that follows an amount; notes and the department
/// and unit lines stay as they are.
fn rows_of_cells(lines: Vec<SourceLine>) -> Vec<SourceLine> {
    let mut out: Vec<SourceLine> = Vec::new();
    let mut current: Option<(SourceLine, bool)> = None;
    let mut in_header = true;
    let names: Vec<bool> = lines
        .iter()
        .map(|l| {
            let t = l.text.trim();
            !t.is_empty() && tokens::tokens(t).iter().all(|k| k.amount().is_none())
        })
        .collect();
    for (k, l) in lines.into_iter().enumerate() {
        let text = l.text.trim().to_string();
        // A code is followed by its name; a number followed by a number is an amount.
        let next_is_name = names.get(k + 1).copied().unwrap_or(false);
        let c = compact(&text);
        if c.is_empty() {
            continue;
        }
        if is_meta_line(&c) || c.starts_with('注') {
            if let Some((row, _)) = current.take() {
                out.push(row);
            }
            out.push(l);
            continue;
        }
        let toks = tokens::tokens(&text);
        let code = is_code_like(&text) && next_is_name;
        let amount = !toks.is_empty() && toks.iter().all(|t| t.amount().is_some()) && !code;
        if in_header && (amount || code) {
            in_header = false;
            if let Some((row, _)) = current.take() {
                out.push(row);
            }
        }
        let starts_row = !in_header
            && (code || (!amount && current.as_ref().is_some_and(|(_, has_amount)| *has_amount)));
        if starts_row {
            if let Some((row, _)) = current.take() {
                out.push(row);
            }
        }
        match current.as_mut() {
            Some((row, has_amount)) => {
                row.text.push(' ');
                row.text.push_str(&text);
                *has_amount |= amount;
            }
            None => {
                current = Some((
                    SourceLine {
                        number: l.number,
                        text,
                        bare_number: false,
                        page: l.page,
                    },
                    amount,
                ));
            }
        }
    }
    if let Some((row, _)) = current {
        out.push(row);
    }
    out
}

/// A table title: names a role, or ends in 表 and speaks of a budget.
fn is_title(c: &str) -> bool {
    let c = strip_numbering(c);
    if catalogue::role_of_title(&c).is_some() {
        return true;
    }
    catalogue::looks_like_table_title(&c)
        && (c.contains("预算") || c.contains("决算") || c.contains("经费"))
        && c.chars().count() <= 40
        && !c.contains("部分")
}

/// Removes a leading `一、`, `1.`, `（一）` or `1．`.
pub(crate) fn strip_numbering(c: &str) -> String {
    catalogue::strip_item_numbering(c)
}

/// Whether a line ends the table it is in: a narrative sentence or a part heading.
pub(crate) fn ends_table(line: &str) -> bool {
    let c = compact(line);
    if c.starts_with('注') || c.starts_with("说明") {
        return false;
    }
    let n = c.chars().count();
    if c.ends_with("说明") && n <= 40 && !has_amount(line) {
        return true; // a narrative heading (`其他相关情况说明`, `一、…情况说明`)
    }
    if c.starts_with('第') && c.contains("部分") && c.chars().count() <= 40 {
        return true;
    }
    (c.contains('。') && n >= 16) || (n >= 40 && c.contains('，') && !has_amount(line))
}

fn has_amount(line: &str) -> bool {
    tokens::tokens(line)
        .iter()
        .any(|t| matches!(t.kind, Kind::Amount(_)) && t.text.len() > 1)
}

/// One body line as parsed.
struct Parsed {
    line: usize,
    tokens: Vec<Token>,
}

/// Reads the table whose title block is `anchor`, over the line ranges `regions` (the first
/// page's body and each continuation page's), each `[start, end)`.
pub(crate) fn read(
    lines: &[SourceLine],
    anchor: &Anchor,
    regions: &[(usize, usize)],
    key: String,
) -> Read {
    let role = catalogue::role_of_title(&anchor.title);
    let shape = role.map(|r| r.shape);
    let mut department = None;
    let mut unit = None;
    let mut header: Vec<Parsed> = Vec::new();
    // The header with its wrapped cells joined, once the body has begun.
    let mut joined_header: Option<Vec<Parsed>> = None;
    let mut body: Vec<Parsed> = Vec::new();
    let mut notes = Vec::new();
    let region_lines: Vec<SourceLine> = regions
        .iter()
        .flat_map(|(start, end)| lines.get(*start..*end).unwrap_or(&[]))
        .cloned()
        .collect();
    // Page numbers are dropped, unless the table gives one cell per line (then a line of a
    // few digits is an amount).
    let region_lines = if one_cell_per_line(&region_lines) {
        rows_of_cells(region_lines)
    } else {
        region_lines
            .into_iter()
            .filter(|l| !l.bare_number)
            .collect()
    };
    for l in &region_lines {
        let c = compact(&l.text);
        if c.is_empty() {
            continue;
        }
        if is_meta_line(&c) {
            let (d, u) = department_and_unit(&l.text);
            department = department.or(d);
            unit = unit.or(u);
            continue;
        }
        if c.starts_with('注') || (c.starts_with("说明") && c.contains('：')) {
            notes.push(l.text.trim().to_string());
            continue;
        }
        if !notes.is_empty() {
            notes.push(l.text.trim().to_string());
            continue;
        }
        let toks = tokens::tokens(&l.text);
        let is_body = is_body_line(&toks, shape);
        if body.is_empty() && !is_body {
            header.push(Parsed {
                line: l.number,
                tokens: toks,
            });
            continue;
        }
        if !is_body {
            let joined = joined_header.get_or_insert_with(|| join_header(&header));
            if header
                .iter()
                .chain(joined.iter())
                .any(|h| same_words(&h.tokens, &toks))
            {
                continue; // the header again, on a continuation page
            }
        }
        body.push(Parsed {
            line: l.number,
            tokens: toks,
        });
    }
    let unit_name = unit.unwrap_or_default();
    if let (Some(last), Some(first)) = (header.last(), body.first_mut()) {
        if header.len() > 1 && label_wrapped_above(&last.tokens, &first.tokens) {
            let mut tokens = last.tokens.clone();
            tokens.append(&mut first.tokens);
            first.tokens = tokens;
            header.pop();
            joined_header = None;
        }
    }
    let header = joined_header.unwrap_or_else(|| join_header(&header));
    let mut columns = Columns::of(&header, shape == Some(Shape::TwoSided));
    let mut rows = Vec::new();
    let mut lines_out = Vec::new();
    let two_sided = shape == Some(Shape::TwoSided);
    let mut sanggong_columns: Option<Vec<String>> = None;
    if two_sided {
        let counts = side_counts(&body, &columns);
        for p in &body {
            let row_index = rows.len();
            let (cells, segs) = two_sided_row(p, &columns, row_index, counts);
            rows.push(Row {
                cells,
                line: p.line,
            });
            lines_out.extend(segs);
        }
        if counts.is_some() {
            lines_out = join_around(lines_out);
        }
        lines_out = join_wrapped(lines_out);
    } else if is_form(&body) {
        for p in &body {
            let (cells, segs) = form_row(p, rows.len());
            rows.push(Row {
                cells,
                line: p.line,
            });
            lines_out.extend(segs);
        }
    } else {
        let sanggong = (role.map(|r| r.id) == Some("sanggong")).then(|| sanggong_leaves(&header));
        sanggong_columns = sanggong
            .as_ref()
            .map(|leaves| leaves.iter().map(|(r, _, _)| (*r).to_string()).collect());
        let paired = sanggong.is_some() && budget_and_actual(&header);
        let groups = coded_groups(&body);
        let row_step = step_of(&body);
        let width = columns.groups.first().map_or(0, Vec::len);
        columns.positions = positions_agree(&groups, width) && !fixed_gaps(&header, &body);
        // Depths by position hold on the header's page, where its amounts line up; a later
        // page is laid out afresh.
        let page_of = |number: usize| {
            region_lines
                .iter()
                .find(|l| l.number == number)
                .map(|l| l.page)
        };
        let header_page = header.last().and_then(|h| page_of(h.line));
        let on_header_page = |at: usize| header_page.is_some() && page_of(at) == header_page;
        let on_first_page: Vec<&(Vec<Token>, usize)> = groups
            .iter()
            .filter(|(_, at)| on_header_page(*at))
            .collect();
        let nesting = if amounts_line_up(&on_first_page) {
            nesting_columns(&header)
        } else {
            Vec::new()
        };
        for (tokens, line) in groups {
            let (cells, mut figures) = coded_row(&tokens, &columns, rows.len());
            if figures.code.is_none() && on_header_page(line) {
                figures.depth = depth_of(&tokens, &nesting);
            }
            rows.push(Row { cells, line });
            match &sanggong {
                Some(leaves) if paired => lines_out.extend(split_pairs(&figures, leaves)),
                Some(leaves) => {
                    place_sanggong(&tokens, leaves, &mut figures);
                    if !figures.aligned {
                        if let Some(order) = order_by_sums(&header, &tokens, row_step, &mut figures)
                        {
                            sanggong_columns = Some(order);
                        }
                    }
                    lines_out.push(figures);
                }
                None => lines_out.push(figures),
            }
        }
    }
    let step = step_of(&body);
    let label = if anchor.label.is_empty() {
        anchor.title.clone()
    } else {
        anchor.label.clone()
    };
    let table = Table {
        key: key.clone(),
        number: None,
        label,
        title: anchor.title.clone(),
        department,
        unit: (!unit_name.is_empty()).then(|| unit_name.clone()),
        line: lines.get(anchor.at).map_or(0, |l| l.number),
        header: header
            .iter()
            .map(|h| h.tokens.iter().map(|t| t.text.clone()).collect())
            .collect(),
        rows,
        notes,
        role: role.map(|r| r.id.to_string()),
    };
    let columns_out: Vec<Vec<String>> = match &sanggong_columns {
        Some(leaves) => vec![leaves.clone()],
        None => columns
            .groups
            .iter()
            .map(|g| g.iter().map(|c| c.id.to_string()).collect())
            .collect(),
    };
    let figures = TableFigures {
        table: key,
        role: role.map(|r| r.id.to_string()),
        unit: unit_name,
        step,
        columns: columns_out,
        lines: lines_out,
    };
    Read { table, figures }
}

/// The department and unit line(s) above a table (`部门名称：…`, `单位：万元`), repeated on each
/// page.
fn is_meta_line(c: &str) -> bool {
    let c = c.replace(':', "：");
    c.chars().count() <= 80
        && ["单位：", "部门：", "部门名称：", "编制部门：", "编制单位："]
            .iter()
            .any(|k| c.contains(k))
        && !c
            .as_bytes()
            .windows(3)
            .any(|w| matches!(w, [x, b',' | b'.', y] if x.is_ascii_digit() && y.is_ascii_digit()))
}

/// The header's lines with the cells that extracted text wrapped joined again ([`header`]).
fn join_header(lines: &[Parsed]) -> Vec<Parsed> {
    super::header::join_wrapped(lines.iter().map(|p| (p.line, p.tokens.clone())).collect())
        .into_iter()
        .map(|(line, tokens)| Parsed { line, tokens })
        .collect()
}

fn same_words(a: &[Token], b: &[Token]) -> bool {
    let ca: String = a.iter().map(|t| t.text.as_str()).collect();
    let cb: String = b.iter().map(|t| t.text.as_str()).collect();
    !ca.is_empty() && ca == cb
}

/// `部门：X  单位：万元` → (X, 万元).
fn department_and_unit(text: &str) -> (Option<String>, Option<String>) {
    let c = text.replace(':', "：");
    let mut department = None;
    for key in [
        "编制部门：",
        "预算主管部门：",
        "部门名称：",
        "单位名称：",
        "编制单位：",
        "部门：",
    ] {
        if let Some(i) = c.find(key) {
            let rest = c[i + key.len()..].trim_start();
            let end = rest.find("单位：").unwrap_or(rest.len());
            let name = rest[..end].trim();
            let name = name.split("  ").next().unwrap_or("").trim();
            if !name.is_empty() {
                department = Some(name.to_string());
            }
            break;
        }
    }
    let unit = c.rfind("单位：").and_then(|i| {
        let rest = c[i + "单位：".len()..].trim();
        catalogue::UNITS
            .iter()
            .find(|(u, _)| rest.starts_with(u))
            .map(|(u, _)| (*u).to_string())
    });
    (department, unit)
}

/// A body line prints an amount, or starts with a classification code.
fn is_body_line(toks: &[Token], shape: Option<Shape>) -> bool {
    if toks
        .iter()
        .any(|t| t.amount().is_some() && !is_code_like(&t.text))
    {
        return true;
    }
    if code_at(toks, 0).is_some() {
        return true;
    }
    // In a two-sided table a numbered label alone is a row (`二、事业收入`).
    shape == Some(Shape::TwoSided)
        && toks
            .first()
            .is_some_and(|t| top_marker(&t.text) || child_marker(&t.text))
}

fn is_code_like(t: &str) -> bool {
    matches!(t.len(), 3 | 5 | 7) && t.chars().all(|c| c.is_ascii_digit())
}

/// A classification code at token `k`: `2080501`, or `208 05 01` over several tokens.
/// Returns the digits and the number of tokens used.
fn code_at(toks: &[Token], k: usize) -> Option<(String, usize)> {
    let first = toks.get(k)?;
    if !is_code_like(&first.text) {
        return None;
    }
    let mut code = first.text.clone();
    let mut used = 1;
    if first.text.len() == 3 {
        while used < 3 {
            match toks.get(k + used) {
                Some(t) if t.text.len() == 2 && t.text.chars().all(|c| c.is_ascii_digit()) => {
                    code.push_str(&t.text);
                    used += 1;
                }
                _ => break,
            }
        }
    }
    // A code is followed by its name (or, wrapped, by nothing but amounts).
    match toks.get(k + used) {
        Some(t) if t.kind == Kind::Text => Some((code, used)),
        Some(t) if t.amount().is_some() && used == 1 && first.text.len() >= 5 => Some((code, used)),
        // `220    4461.67  2339.58`: a 类 whose name wrapped above and below.
        Some(t)
            if t.amount().is_some()
                && k == 0
                && first.start <= 1
                && t.text.contains(['.', ',']) =>
        {
            Some((code, used))
        }
        None if first.text.len() >= 5 => Some((code, used)),
        _ => None,
    }
}

/// The rows of a classified table as token groups, with the wrapping of extracted text undone:
/// a code printed alone whose name and amounts follow on the next line (`30207` / `邮电费
/// 8.05`), a name printed above its code (`机关事业单位基本` / `30108  6.18`), and a name
/// continued on the next line (`其他对个人和家庭` / `30399  0.00` / `的补助`).
fn coded_groups(body: &[Parsed]) -> Vec<(Vec<Token>, usize)> {
    let mut groups: Vec<(Vec<Token>, usize)> = Vec::new();
    let mut pending_code: Option<usize> = None;
    for (n, p) in body.iter().enumerate() {
        let next_unnamed = body.get(n + 1).is_some_and(|q| unnamed_code(&q.tokens));
        for group in split_rows(&p.tokens) {
            let code = code_at(group, 0);
            if code.is_none() {
                if let Some(g) = pending_code.take().and_then(|i| groups.get_mut(i)) {
                    g.0.extend(group.iter().cloned());
                    continue;
                }
            }
            if let Some((_, used)) = code {
                if group.len() == used {
                    pending_code = Some(groups.len());
                    groups.push((group.to_vec(), p.line));
                    continue;
                }
                if unnamed_code(group) {
                    let name_above = groups.last().is_some_and(|(toks, line)| {
                        *line < p.line && toks.iter().all(|t| t.kind == Kind::Text)
                    });
                    if name_above {
                        if let Some((name, _)) = groups.pop() {
                            let mut merged = group.to_vec();
                            merged.extend(name);
                            groups.push((merged, p.line));
                            continue;
                        }
                    }
                }
                groups.push((group.to_vec(), p.line));
                continue;
            }
            // `2080505 机关事业单位基本养老保险缴` / `费支出 190 190 0`: the name wrapped and the
            // amounts printed beside its second line.
            let continues_name = group.first().is_some_and(|t| {
                t.kind == Kind::Text && !starts_total(&t.text) && !top_marker(&t.text)
            }) && group.iter().any(|t| t.amount().is_some());
            let after_unfigured_code = groups.last().is_some_and(|(toks, line)| {
                *line < p.line
                    && code_at(toks, 0).is_some_and(|(_, used)| {
                        toks.len() > used && toks.iter().skip(used).all(|t| t.kind == Kind::Text)
                    })
            });
            if continues_name && after_unfigured_code {
                if let Some(last) = groups.last_mut() {
                    last.0.extend(group.iter().cloned());
                    continue;
                }
            }
            let text_only = group.iter().all(|t| t.kind == Kind::Text);
            let after_coded = groups
                .last()
                .is_some_and(|(toks, line)| *line < p.line && code_at(toks, 0).is_some());
            if text_only && after_coded && !next_unnamed {
                if let Some(last) = groups.last_mut() {
                    last.0.extend(group.iter().cloned());
                    continue;
                }
            }
            // `业和信息化局本 84,579 …` / `级`: an unclassified row's name wrapped below it.
            let next_amounts_only = body.get(n + 1).is_some_and(|q| {
                code_at(&q.tokens, 0).is_none() && q.tokens.iter().all(|t| t.amount().is_some())
            });
            if text_only
                && !next_amounts_only
                && continues_label_below(groups.last(), group, p.line)
            {
                if let Some(last) = groups.last_mut() {
                    last.0.extend(group.iter().cloned());
                    continue;
                }
            }
            groups.push((group.to_vec(), p.line));
        }
    }
    groups
}

/// Whether `group`, one piece of text on the line after an unclassified row that printed
/// amounts, is the rest of that row's name: it starts where the name starts.
fn continues_label_below(last: Option<&(Vec<Token>, usize)>, group: &[Token], line: usize) -> bool {
    let ([piece], Some((toks, at))) = (group, last) else {
        return false;
    };
    let Some(first) = toks.first() else {
        return false;
    };
    // A row named only `小计` or `合计` is whole: the line below is a row of its own.
    let whole = toks.iter().any(|t| {
        t.kind == Kind::Text
            && [catalogue::GROUP_SUBTOTAL_WORD]
                .iter()
                .chain(catalogue::TOTAL_ROW_WORDS)
                .any(|w| compact(&t.text) == *w)
    });
    *at + 1 == line
        && !whole
        && first.kind == Kind::Text
        && code_at(toks, 0).is_none()
        && toks.iter().any(|t| t.amount().is_some())
        && piece.start.abs_diff(first.start) <= 2
        && !starts_total(&piece.text)
        && !top_marker(&piece.text)
        && !child_marker(&piece.text)
}

/// Whether a header line is the first part of the first row's name, wrapped above it
/// (`深圳市龙岗区工` over `业和信息化局本 84,579 …`): one piece of text that is no header word
/// nor part of one, starting where the row's name starts.
fn label_wrapped_above(line: &[Token], first_row: &[Token]) -> bool {
    let ([piece], Some(first)) = (line, first_row.first()) else {
        return false;
    };
    let c = compact(&piece.text);
    piece.kind == Kind::Text
        && first.kind == Kind::Text
        && piece.cell.is_none()
        && piece.start.abs_diff(first.start) <= 2
        && first_row.iter().any(|t| t.amount().is_some())
        && !starts_total(&first.text)
        && !top_marker(&first.text)
        && !catalogue::header_words().any(|w| w.contains(c.as_str()) || c.contains(w))
        && !is_name_header(&c)
}

/// A row that starts with a code and has no name after it.
fn unnamed_code(toks: &[Token]) -> bool {
    code_at(toks, 0).is_some_and(|(_, used)| toks.get(used).is_none_or(|t| t.kind != Kind::Text))
}

/// Splits a line where a second row was glued on (`… 10,000302 06 电费 …`).
fn split_rows(toks: &[Token]) -> Vec<&[Token]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, pair) in toks.windows(2).enumerate() {
        let k = k + 1;
        let [prev, here] = pair else {
            continue;
        };
        // A tab- or `|`-separated line is one row: its cells cannot have run together.
        if here.cell.is_some() {
            continue;
        }
        let after_amount = prev.amount().is_some() && !is_code_like(&prev.text);
        let second_total = here.kind == Kind::Text && starts_total(&here.text);
        if after_amount && (code_at(toks, k).is_some() || second_total) {
            out.push(toks.get(start..k).unwrap_or(&[]));
            start = k;
        }
    }
    out.push(toks.get(start..).unwrap_or(&[]));
    out
}

/// One amount column: its role and where its header sits.
#[derive(Clone, Debug)]
struct Col {
    id: &'static str,
    kind: ColumnKind,
    /// Twice the header's middle column.
    center2: usize,
    /// The tab cell, for tab-separated text.
    cell: Option<usize>,
    /// The header line that names it.
    line: usize,
}

/// A spanning title over figures beside the row's sum (`2022年政府采购项目` over `小计`,
/// `其中：…`, `其中：…`) is no column itself: its columns are the ones named below it, the
/// `小计` among them included (an aside, not the row's total).
fn aside_groups(all: &mut Vec<Col>) {
    let Some(span) = all
        .iter()
        .filter(|c| c.kind == ColumnKind::Aside)
        .map(|c| c.line)
        .min()
    else {
        return;
    };
    let below = all
        .iter()
        .any(|c| c.kind == ColumnKind::Aside && c.line > span);
    if !below {
        return;
    }
    let totals_above = all
        .iter()
        .any(|c| c.kind == ColumnKind::Total && c.line <= span);
    all.retain(|c| !(c.kind == ColumnKind::Aside && c.line == span));
    for c in all.iter_mut() {
        if c.line > span && c.kind == ColumnKind::Total && totals_above {
            c.id = "aside";
            c.kind = ColumnKind::Aside;
        }
    }
}

/// The amount columns of each side or group, and the name columns that start the groups.
struct Columns {
    groups: Vec<Vec<Col>>,
    /// Start column of each group's name header (`项目`, `功能科目名称`).
    starts: Vec<(usize, Option<usize>)>,
    /// Whether the text's character columns say which column an amount is in: false where the
    /// rows that print every column put the same column's amounts at different places (cells
    /// parted by a few spaces, aligned with nothing), so a row that printed fewer cannot be
    /// placed by position.
    positions: bool,
}

impl Columns {
    fn of(header: &[Parsed], two_sided: bool) -> Columns {
        let mut all: Vec<Col> = Vec::new();
        let mut starts: Vec<(usize, Option<usize>)> = Vec::new();
        let header: Vec<Parsed> = header
            .iter()
            .map(|h| Parsed {
                line: h.line,
                tokens: unspaced(&h.tokens),
            })
            .collect();
        // Lines above the one that names the most columns are spanning titles
        // (`本年收入 本年支出`, `一般公共预算支出`): the columns are named below them.
        let main = header
            .iter()
            .enumerate()
            .max_by_key(|(i, h)| {
                let named = h
                    .tokens
                    .iter()
                    .filter(|t| {
                        let c = compact(&t.text);
                        is_name_header(&c) || catalogue::column_of_header(&c).is_some()
                    })
                    .count();
                (named, usize::MAX - i)
            })
            .map_or(0, |(i, _)| i);
        for (i, h) in header.iter().enumerate() {
            let names_a_side = h.tokens.iter().any(|t| is_name_header(&compact(&t.text)));
            if i < main && !(two_sided && names_a_side) {
                continue;
            }
            for t in &h.tokens {
                let c = compact(&t.text);
                if is_name_header(&c) {
                    if !starts
                        .iter()
                        .any(|(s, cell)| s.abs_diff(t.start) <= 2 && *cell == t.cell)
                    {
                        starts.push((t.start, t.cell));
                    }
                    continue;
                }
                if let Some(col) = catalogue::column_of_header(&c) {
                    let center2 = t.center2();
                    let near = all.iter().position(|a| {
                        a.center2.abs_diff(center2) <= 4 && a.cell == t.cell && t.cell.is_none()
                            || (t.cell.is_some() && a.cell == t.cell)
                    });
                    match near {
                        // The same column over two header lines: the deeper word names it.
                        Some(k) => {
                            if let Some(a) = all.get_mut(k) {
                                if a.kind == ColumnKind::Aside && col.kind == ColumnKind::Total {
                                    // `小计` under a merged `政府采购` cell: the group's first
                                    // column, named on this line.
                                    a.line = i;
                                } else if col.kind != ColumnKind::Total
                                    || a.kind == ColumnKind::Total
                                {
                                    a.id = col.id;
                                    a.kind = col.kind;
                                }
                            }
                        }
                        None => all.push(Col {
                            id: col.id,
                            kind: col.kind,
                            center2,
                            cell: t.cell,
                            line: i,
                        }),
                    }
                }
            }
        }
        // A part column (基本支出, 项目支出) named on a line above that one, with no column
        // beneath it, is a cell printed higher because it wrapped over more lines than the
        // others (Jiangsu 2017: `基`/`本支出` around the line of `合计`), not a spanning title.
        if spaced(&header) {
            for h in header.iter().take(main) {
                for t in &h.tokens {
                    let c = compact(&t.text);
                    let Some(col) = catalogue::column_of_header(&c) else {
                        continue;
                    };
                    // The whole word, not a piece of one (`结转下年资` over `金`).
                    let whole = col.words.iter().any(|w| *w == c);
                    let center2 = t.center2();
                    let beneath = all.iter().any(|a| a.center2.abs_diff(center2) <= 12);
                    if col.kind == ColumnKind::Part && whole && !beneath && t.cell.is_none() {
                        all.push(Col {
                            id: col.id,
                            kind: col.kind,
                            center2,
                            cell: None,
                            line: 0,
                        });
                    }
                }
            }
        }
        aside_groups(&mut all);
        let tabbed = all.iter().any(|c| c.cell.is_some());
        if tabbed {
            all.sort_by_key(|c| c.cell);
        } else if header.len() <= 1 || spaced(&header) {
            all.sort_by_key(|c| c.center2);
        }
        starts.sort();
        starts.dedup();
        if starts.len() <= 1 {
            return Columns {
                groups: vec![all],
                starts,
                positions: true,
            };
        }
        // Two-sided: each amount column belongs to the group whose name column is before it.
        let mut groups: Vec<Vec<Col>> = vec![Vec::new(); starts.len()];
        for c in all {
            let g = starts
                .iter()
                .rposition(|(s, cell)| match (cell, c.cell) {
                    (Some(a), Some(b)) => *a < b,
                    _ => s.saturating_mul(2) < c.center2,
                })
                .unwrap_or(0);
            if let Some(group) = groups.get_mut(g) {
                group.push(c);
            }
        }
        Columns {
            groups,
            starts,
            positions: true,
        }
    }

    /// Whether the table's rows are total + parts (a row's first amount is its total).
    fn total_first(&self, group: usize) -> bool {
        self.groups.get(group).is_some_and(|g| {
            g.first().is_some_and(|c| c.kind == ColumnKind::Total)
                && g.iter().skip(1).all(|c| c.kind == ColumnKind::Part)
        })
    }
}

/// A letter-spaced header word (`项 目`, `收 入`) as one token.
fn unspaced(tokens: &[Token]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for t in tokens {
        let single = t.text.chars().count() == 1 && t.kind == Kind::Text;
        if let Some(last) = out.last_mut() {
            let last_single_run = last.kind == Kind::Text
                && last.text.chars().count() <= 3
                && last.end + 1 == t.start;
            if single && last_single_run && !t.gap_before {
                last.text.push_str(&t.text);
                last.end = t.end;
                continue;
            }
        }
        out.push(t.clone());
    }
    out
}

fn spaced(header: &[Parsed]) -> bool {
    header
        .iter()
        .any(|h| h.tokens.iter().any(|t| t.gap_before && t.start > 0))
}

pub(super) fn is_name_header(c: &str) -> bool {
    matches!(
        c,
        "项目"
            | "项目名称"
            | "功能科目名称"
            | "科目名称"
            | "功能分类科目名称"
            | "收入项目"
            | "支出项目"
    ) || (c.ends_with("科目名称") && c.chars().count() <= 10)
}

/// Places a row's amounts in the group's columns: by tab cell, by position under the header,
/// or (where empty cells were dropped) only when every column printed.
fn place(
    amounts: &[&Token],
    cols: &[Col],
    total_first: bool,
    positions: bool,
) -> (Vec<Option<&'static str>>, bool) {
    let n = amounts.len();
    if cols.is_empty() {
        return (vec![None; n], false);
    }
    let tabbed = amounts.iter().all(|a| a.cell.is_some()) && cols.iter().all(|c| c.cell.is_some());
    if tabbed {
        let roles: Vec<Option<&'static str>> = amounts
            .iter()
            .map(|a| cols.iter().find(|c| c.cell == a.cell).map(|c| c.id))
            .collect();
        // Every amount under a header cell of its own. A row whose cells are shifted against
        // the header's (its name wrapped out of the row, a code and a name in one cell) is
        // placed by nothing but its count below, never partly.
        if roles.iter().all(Option::is_some) {
            return (roles, true);
        }
    }
    if n == cols.len() {
        return (cols.iter().map(|c| Some(c.id)).collect(), true);
    }
    // By position: each amount under the nearest column, in order, one amount per column
    // (tab cells carry no position).
    let spaced_row = positions && !tabbed && amounts.iter().skip(1).any(|a| a.gap_before);
    if spaced_row {
        let mut chosen = Vec::with_capacity(n);
        for a in amounts {
            let right2 = a.end.saturating_mul(2);
            let center = a.center2();
            let best = cols
                .iter()
                .enumerate()
                .min_by_key(|(_, c)| c.center2.abs_diff(center).min(c.center2.abs_diff(right2)))
                .map(|(i, _)| i);
            chosen.push(best);
        }
        let monotone = chosen
            .windows(2)
            .all(|w| matches!(w, [Some(a), Some(b)] if a < b));
        if monotone && chosen.iter().all(Option::is_some) {
            let roles = chosen
                .iter()
                .map(|i| i.and_then(|i| cols.get(i)).map(|c| c.id))
                .collect();
            return (roles, true);
        }
    }
    let mut roles = vec![None; n];
    if total_first {
        if let (Some(first), Some(col)) = (roles.first_mut(), cols.first()) {
            *first = Some(col.id);
        }
    }
    (roles, false)
}

/// A 三公 table's leaf columns, left to right: role, twice the middle column, tab cell. The
/// two 小计 are told apart by what follows: the one before 购置 is the vehicles', the other
/// the 三公 subtotal.
fn sanggong_leaves(header: &[Parsed]) -> Vec<(&'static str, usize, Option<usize>)> {
    let mut leaves: Vec<(&'static str, usize, Option<usize>)> = Vec::new();
    for h in header {
        for t in unspaced(&h.tokens) {
            let Some(role) = catalogue::sanggong_column(&t.text) else {
                continue;
            };
            let center = t.center2();
            // The same column named again lower down (a tab cell, or a word under a word).
            let same = leaves.iter().position(|(_, c, cell)| match (cell, t.cell) {
                (Some(a), Some(b)) => *a == b,
                _ => c.abs_diff(center) <= 2,
            });
            match same {
                Some(i) => {
                    if let Some(leaf) = leaves.get_mut(i) {
                        leaf.0 = role;
                    }
                }
                None => leaves.push((role, center, t.cell)),
            }
        }
    }
    leaves.sort_by_key(|(_, c, cell)| (cell.unwrap_or(0), *c));
    span_in_place(header, &mut leaves);
    let roles: Vec<&str> = leaves.iter().map(|l| l.0).collect();
    for (i, leaf) in leaves.iter_mut().enumerate() {
        if leaf.0 == "subtotal" {
            let next = roles.get(i + 1).copied();
            // The 三公 total comes before its parts: a 小计 after 因公出国 or 公务接待 is the
            // vehicles' (their purchase and operation columns may be on another page).
            let after_parts = roles
                .iter()
                .take(i)
                .any(|r| matches!(*r, "abroad" | "reception"));
            leaf.0 = if next == Some("vehicle-purchase") || after_parts {
                "vehicle"
            } else {
                "sanggong"
            };
        }
    }
    leaves
}

/// Where a header's positions say nothing (cells parted by a few spaces, not aligned), the words
/// under the spanning vehicle header (`公务用车购置及运行维护费` over `小计 购置费 运行维护费`)
/// sit at the left of the line below and sort before the columns they belong after. Their
/// place is the span's: when any of them lies left of the span, they are moved there, in their
/// own order, between the columns before the span and those after it.
fn span_in_place(header: &[Parsed], leaves: &mut Vec<(&'static str, usize, Option<usize>)>) {
    let span = header.iter().enumerate().find_map(|(i, h)| {
        unspaced(&h.tokens)
            .into_iter()
            .find(|t| compact(&t.text).contains("购置及运行"))
            .map(|t| (i, t))
    });
    let Some((span_line, span)) = span else {
        return;
    };
    // Tab cells, and cells laid out in columns (`pdftotext -layout`), are where they are.
    if span.cell.is_some() || spaced(header) {
        return;
    }
    let below: Vec<usize> = header
        .iter()
        .skip(span_line + 1)
        .flat_map(|h| unspaced(&h.tokens))
        .filter(|t| catalogue::sanggong_column(&t.text).is_some())
        .map(|t| t.center2())
        .collect();
    let misplaced = below.iter().any(|c| *c < span.start.saturating_mul(2));
    if !misplaced {
        return;
    }
    let (mut under, mut others): (Vec<_>, Vec<_>) =
        leaves.drain(..).partition(|(_, c, _)| below.contains(c));
    under.sort_by_key(|(_, c, _)| *c);
    let at = others
        .iter()
        .take_while(|(_, c, _)| *c < span.center2())
        .count();
    let after = others.split_off(at.min(others.len()));
    leaves.extend(others);
    leaves.extend(under);
    leaves.extend(after);
}

/// Puts a 三公 row's amounts in their columns: by tab cell; every column in order when the row
/// printed one amount per column; or each under the nearest header in order, one per column;
/// otherwise (empty cells dropped, nothing to go by) leaves them
/// unplaced.
fn place_sanggong(
    tokens: &[Token],
    leaves: &[(&'static str, usize, Option<usize>)],
    line: &mut TableLine,
) {
    let amounts: Vec<&Token> = tokens.iter().filter(|t| t.amount().is_some()).collect();
    if amounts.len() != line.amounts.len() || leaves.is_empty() {
        return;
    }
    // Every column printed: the amounts are the columns in order, whatever their positions.
    if amounts.len() == leaves.len() && amounts.iter().all(|a| a.cell.is_none()) {
        for (placed, (role, _, _)) in line.amounts.iter_mut().zip(leaves) {
            placed.role = Some((*role).to_string());
        }
        line.aligned = true;
        return;
    }
    let laid_out = amounts.iter().skip(1).any(|x| x.gap_before);
    let mut chosen: Vec<usize> = Vec::new();
    for a in &amounts {
        let pick = match a.cell {
            Some(cell) => leaves.iter().position(|(_, _, c)| *c == Some(cell)),
            None if laid_out => leaves
                .iter()
                .enumerate()
                .min_by_key(|(_, (_, c, _))| c.abs_diff(a.center2()))
                .map(|(i, _)| i),
            None => None,
        };
        match pick {
            Some(i) => chosen.push(i),
            None => return,
        }
    }
    if !chosen.windows(2).all(|w| matches!(w, [a, b] if a < b)) {
        // Two amounts nearest one header (a wrapped CJK header sits left of its column in
        // extracted text): the amounts in order, one per column, with the empty columns where
        // the positions say, when one such placement is clearly the closest.
        let tabbed = amounts.iter().any(|a| a.cell.is_some());
        let centers: Vec<usize> = amounts.iter().map(|a| a.center2()).collect();
        let columns: Vec<usize> = leaves.iter().map(|(_, c, _)| *c).collect();
        match (laid_out && !tabbed)
            .then(|| closest_in_order(&centers, &columns))
            .flatten()
        {
            Some(best) => chosen = best,
            None => return,
        }
    }
    for (placed, i) in line.amounts.iter_mut().zip(&chosen) {
        placed.role = leaves.get(*i).map(|(role, _, _)| (*role).to_string());
    }
    line.aligned = true;
}

/// The placement of `items` (positions, left to right) in `slots` (positions, left to right),
/// one item per slot and in order, that puts the items closest to their slots (the sum of the
/// distances), when it is closer than any other by more than a character on each side
/// (positions are twice the column); `None` when two placements come that close, or there are
/// more items than slots.
fn closest_in_order(items: &[usize], slots: &[usize]) -> Option<Vec<usize>> {
    /// A margin of one character, in doubled columns.
    const MARGIN: usize = 2;
    let (n, m) = (items.len(), slots.len());
    if n == 0 || n > m || m > 64 {
        return None;
    }
    // cost[i][j]: the two smallest costs of placing items i.. in slots j.., and the first
    // slot of the best; two, so that a tie for the best is seen.
    let inf = usize::MAX / 4;
    let mut best = vec![vec![(inf, inf, usize::MAX); m + 1]; n + 1];
    for row in best.iter_mut().take(n + 1).skip(n) {
        for cell in row.iter_mut() {
            *cell = (0, inf, usize::MAX);
        }
    }
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut first = (inf, usize::MAX);
            let mut second = inf;
            // Item i in slot j, or slot j left empty.
            let here = items.get(i).zip(slots.get(j)).map(|(a, s)| a.abs_diff(*s));
            let take = best.get(i + 1).and_then(|r| r.get(j + 1)).copied();
            let skip = best.get(i).and_then(|r| r.get(j + 1)).copied();
            let mut offer = |cost: usize, runner_up: usize, slot: usize| {
                if cost < first.0 {
                    second = second.min(first.0).min(runner_up);
                    first = (cost, slot);
                } else {
                    second = second.min(cost);
                }
            };
            if let (Some(d), Some((c1, c2, _))) = (here, take) {
                offer(d.saturating_add(c1), d.saturating_add(c2), j);
            }
            if let Some((c1, c2, slot)) = skip {
                offer(c1, c2, slot);
            }
            if let Some(cell) = best.get_mut(i).and_then(|r| r.get_mut(j)) {
                *cell = (first.0, second, first.1);
            }
        }
    }
    let (cost, runner_up, _) = *best.first()?.first()?;
    if cost >= inf || runner_up.saturating_sub(cost) <= MARGIN {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    let mut j = 0;
    for i in 0..n {
        let (_, _, slot) = *best.get(i)?.get(j)?;
        out.push(slot);
        j = slot.checked_add(1)?;
    }
    Some(out)
}

/// The header's nesting name columns ([`catalogue::NESTING_COLUMNS`]): where each starts and
/// the depth it names, left to right; empty unless the header names two depths or more, laid
/// out by position.
fn nesting_columns(header: &[Parsed]) -> Vec<(usize, u8)> {
    let mut out: Vec<(usize, u8)> = Vec::new();
    for h in header {
        for t in unspaced(&h.tokens) {
            if t.cell.is_some() {
                return Vec::new();
            }
            let c = compact(&t.text);
            if let Some((_, depth)) = catalogue::NESTING_COLUMNS
                .iter()
                .find(|(w, _)| c.contains(w))
            {
                out.push((t.start, *depth));
            }
        }
    }
    out.sort_unstable();
    let depths = out
        .iter()
        .map(|(_, d)| *d)
        .collect::<std::collections::BTreeSet<_>>();
    if depths.len() < 2 || !spaced(header) {
        return Vec::new();
    }
    out
}

/// Whether the rows' amounts end within two characters of each other.
fn amounts_line_up(groups: &[&(Vec<Token>, usize)]) -> bool {
    let ends: Vec<usize> = groups
        .iter()
        .flat_map(|(toks, _)| toks.iter().filter(|t| t.amount().is_some()).map(|t| t.end))
        .collect();
    match (ends.iter().min(), ends.iter().max()) {
        (Some(lo), Some(hi)) => hi - lo <= 2,
        _ => false,
    }
}

/// How deep a row is nested: the depth of the name column whose header starts nearest where
/// its first word starts (a row whose name wrapped shows its next column first: that column
/// is said on the row of its depth). `None` without such columns or without a word.
fn depth_of(tokens: &[Token], nesting: &[(usize, u8)]) -> Option<u8> {
    let first = tokens.iter().find(|t| t.kind == Kind::Text)?;
    nesting
        .iter()
        .min_by_key(|(start, _)| start.abs_diff(first.start))
        .map(|(_, depth)| *depth)
}

/// A 三公 header whose cells are parted by single spaces says nothing by position, and a cell
/// that spans its rows (机关运行经费, `“三公”经费预算数`) is printed wherever the extractor met
/// it, here before the line of 合计. Its leaves in reading order, with the leaves printed above
/// that line either first or last: where the row prints every column and exactly one of these
/// orders makes the table's identities hold (two at least), the amounts are placed in it and
/// the line is marked [`TableLine::order_from_sums`]. Returns the columns' roles in that order.
fn order_by_sums(
    header: &[Parsed],
    tokens: &[Token],
    step: Amount,
    line: &mut TableLine,
) -> Option<Vec<String>> {
    let tabbed = header
        .iter()
        .any(|h| h.tokens.iter().any(|t| t.cell.is_some()));
    if spaced(header) || tabbed {
        return None;
    }
    let amounts: Vec<Amount> = tokens.iter().filter_map(Token::amount).collect();
    if amounts.len() != line.amounts.len() {
        return None;
    }
    let mut leaves: Vec<(&'static str, usize)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        for t in &h.tokens {
            if let Some(role) = catalogue::sanggong_column(&t.text) {
                leaves.push((role, i));
            }
        }
    }
    let total_line = leaves
        .iter()
        .find(|(r, _)| *r == "total")
        .map(|(_, i)| *i)?;
    let (early, rest): (Vec<_>, Vec<_>) = leaves.iter().partition(|(_, i)| *i < total_line);
    let mut orders: Vec<Vec<&'static str>> =
        vec![early.iter().chain(&rest).map(|(r, _)| *r).collect()];
    if !early.is_empty() {
        orders.push(rest.iter().chain(&early).map(|(r, _)| *r).collect());
    }
    let fits: Vec<Vec<&'static str>> = orders
        .into_iter()
        .map(|o| subtotals_named(&o))
        .filter(|o| o.len() == amounts.len() && sums_hold(o, &amounts, step))
        .collect();
    let [order] = fits.as_slice() else {
        return None;
    };
    for (placed, role) in line.amounts.iter_mut().zip(order) {
        placed.role = Some((*role).to_string());
    }
    line.aligned = true;
    line.order_from_sums = true;
    Some(order.iter().map(|r| (*r).to_string()).collect())
}

/// Names each 三公 `小计`: the vehicles' after 因公出国 or 公务接待 or before 购置, else the
/// 三公 subtotal.
fn subtotals_named(roles: &[&'static str]) -> Vec<&'static str> {
    roles
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if *r != "subtotal" {
                return *r;
            }
            let next = roles.get(i + 1).copied();
            let after_parts = roles
                .iter()
                .take(i)
                .any(|r| matches!(*r, "abroad" | "reception"));
            if next == Some("vehicle-purchase") || after_parts {
                "vehicle"
            } else {
                "sanggong"
            }
        })
        .collect()
}

/// Whether a 三公 row's amounts, in columns `roles`, keep the table's identities (within
/// rounding), two of them at least: 公务用车 = 购置 + 运行, 三公 = 出国 + 车 + 接待, 合计 = 三公 +
/// 会议费 + 培训费.
fn sums_hold(roles: &[&str], amounts: &[Amount], step: Amount) -> bool {
    if roles
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        != roles.len()
    {
        return false;
    }
    let get = |role: &str| {
        roles
            .iter()
            .position(|r| *r == role)
            .and_then(|i| amounts.get(i))
            .copied()
    };
    let whole = if roles.contains(&"sanggong") {
        "sanggong"
    } else {
        "total"
    };
    let mut identities: Vec<(Option<Amount>, Vec<Option<Amount>>)> = vec![
        (
            get("vehicle"),
            vec![get("vehicle-purchase"), get("vehicle-operation")],
        ),
        (
            get(whole),
            vec![get("abroad"), get("vehicle"), get("reception")],
        ),
    ];
    if whole == "sanggong" {
        identities.push((
            get("total"),
            vec![get("sanggong"), get("meeting"), get("training")],
        ));
    }
    let mut held = 0;
    for (lhs, terms) in identities {
        let (Some(lhs), Some(terms)) = (lhs, terms.into_iter().collect::<Option<Vec<Amount>>>())
        else {
            continue;
        };
        let signed: Vec<(i8, Amount)> = terms.into_iter().map(|a| (1, a)).collect();
        match crate::rounding::check_sum(lhs, &signed, step) {
            Ok(v) if v.status != crate::rounding::Status::Mismatch => held += 1,
            _ => return false,
        }
    }
    held >= 2
}

/// Whether each column of a final account's table splits into 预算数 and 决算数.
fn budget_and_actual(header: &[Parsed]) -> bool {
    let words: Vec<String> = header
        .iter()
        .flat_map(|h| h.tokens.iter().map(|t| compact(&t.text)))
        .collect();
    words.iter().filter(|w| *w == "预算数").count() >= 2
        && words.iter().filter(|w| *w == "决算数").count() >= 2
}

/// A row printing 预算数 and 决算数 under every column, in that order: two lines, one per
/// figure, each with every column (a row that printed fewer cells is left unplaced).
fn split_pairs(
    line: &TableLine,
    leaves: &[(&'static str, usize, Option<usize>)],
) -> Vec<TableLine> {
    let mut unplaced = line.clone();
    for a in &mut unplaced.amounts {
        a.role = None;
    }
    unplaced.aligned = false;
    if line.amounts.len() != leaves.len() * 2 {
        return vec![unplaced];
    }
    let mut out = Vec::new();
    for (k, name) in ["预算数", "决算数"].iter().enumerate() {
        let mut half = unplaced.clone();
        half.label = if line.label.is_empty() {
            (*name).to_string()
        } else {
            format!("{} {name}", line.label)
        };
        half.amounts = line
            .amounts
            .iter()
            .skip(k)
            .step_by(2)
            .zip(leaves)
            .map(|(a, (role, _, _))| Placed {
                role: Some((*role).to_string()),
                ..a.clone()
            })
            .collect();
        half.aligned = true;
        out.push(half);
    }
    out
}

/// A row of a coded or named table: `[code, label, amounts…]`.
/// A coded row's parts: its code (and the tokens it used), its label's words, its amounts.
fn row_parts(toks: &[Token]) -> (Option<String>, Vec<&str>, Vec<&Token>) {
    let (code, used) = code_at(toks, 0).map_or((None, 0), |(c, u)| (Some(c), u));
    let rest = toks.get(used..).unwrap_or(&[]);
    let mut label_parts: Vec<&str> = Vec::new();
    let mut amounts: Vec<&Token> = Vec::new();
    // A line of nothing but numbers whose first is no code (`711  0  711`) is amounts only.
    let numbers_only = code.is_none() && rest.iter().all(|t| t.amount().is_some());
    for t in rest {
        if t.amount().is_some()
            && (!amounts.is_empty()
                || !label_parts.is_empty()
                || code.is_some()
                || numbers_only
                || !is_code_like(&t.text))
        {
            amounts.push(t);
        } else {
            label_parts.push(&t.text);
        }
    }
    (code, label_parts, amounts)
}

/// Whether the rows that print one amount per column put each column's amounts at one place
/// (their right edges, left edges or middles within two characters): then a row that printed
/// fewer can be placed by position. Tables with fewer than two such rows are given the benefit
/// of the doubt (the header's positions decide).
fn positions_agree(groups: &[(Vec<Token>, usize)], width: usize) -> bool {
    if width < 2 {
        return true;
    }
    let mut full: Vec<Vec<&Token>> = Vec::new();
    for (toks, _) in groups {
        let (_, _, amounts) = row_parts(toks);
        if amounts.len() == width && amounts.iter().all(|t| t.cell.is_none()) {
            full.push(amounts);
        }
    }
    if full.len() < 2 {
        return true;
    }
    let spread = |f: &dyn Fn(&Token) -> usize, k: usize| {
        let values: Vec<usize> = full.iter().filter_map(|r| r.get(k).map(|t| f(t))).collect();
        let (lo, hi) = (values.iter().min(), values.iter().max());
        match (lo, hi) {
            (Some(lo), Some(hi)) => hi - lo,
            _ => 0,
        }
    };
    (0..width).all(|k| {
        spread(&|t| t.end, k) <= 2
            || spread(&|t| t.start, k) <= 2
            || spread(&|t| t.center2(), k) <= 4
    })
}

/// Whether every wide gap between a table's cells is the same width (`a    b    c`: cells
/// joined by a fixed separator, as a copy from a viewer gives, rather than laid out in
/// columns): then the character columns place nothing.
fn fixed_gaps(header: &[Parsed], body: &[Parsed]) -> bool {
    let mut widths = std::collections::BTreeSet::new();
    let mut count = 0usize;
    for p in header.iter().chain(body) {
        for pair in p.tokens.windows(2) {
            let [a, b] = pair else {
                continue;
            };
            if a.cell.is_some() || b.cell.is_some() {
                return false;
            }
            let gap = b.start.saturating_sub(a.end);
            if gap >= 2 {
                widths.insert(gap);
                count += 1;
            }
        }
    }
    count >= 6 && widths.len() == 1
}

fn coded_row(toks: &[Token], columns: &Columns, row: usize) -> (Vec<String>, TableLine) {
    let (code, label_parts, amounts) = row_parts(toks);
    let label = join_label(&label_parts);
    let cols = columns.groups.first().map(Vec::as_slice).unwrap_or(&[]);
    let (roles, aligned) = place(&amounts, cols, columns.total_first(0), columns.positions);
    let mut cells = vec![code.clone().unwrap_or_default(), label.clone()];
    let mut placed = Vec::new();
    for (a, role) in amounts.iter().zip(roles) {
        placed.push(Placed {
            col: cells.len(),
            role: role.map(str::to_string),
            value: a.amount().unwrap_or(Amount::ZERO),
        });
        cells.push(a.text.clone());
    }
    let kind = if code.is_some() {
        LineKind::Item
    } else {
        label_kind(&label)
    };
    let line = TableLine {
        row,
        side: 0,
        code,
        label,
        kind,
        amounts: placed,
        aligned,
        depth: None,
        order_from_sums: false,
    };
    (cells, line)
}

/// Joins label pieces: no space between Chinese characters, one between Latin words.
fn join_label(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(p.chars().next()) {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// What a label says it is.
pub(crate) fn label_kind(label: &str) -> LineKind {
    let c = compact(label);
    if catalogue::SUBTOTAL_ROW_WORDS.iter().any(|w| c.contains(w)) {
        return LineKind::Subtotal;
    }
    if catalogue::TOTAL_ROW_WORDS.iter().any(|w| c.contains(w)) {
        return LineKind::Total;
    }
    if catalogue::CARRY_WORDS.iter().any(|w| c.contains(w)) && !top_marker(&c) {
        return LineKind::Carry;
    }
    if top_marker(&c) {
        return LineKind::Item;
    }
    if child_marker(&c) {
        return LineKind::Child;
    }
    LineKind::Plain
}

/// `一、…`
pub(crate) fn top_marker(t: &str) -> bool {
    let mut n = 0;
    for c in t.chars() {
        if "一二三四五六七八九十".contains(c) {
            n += 1;
            continue;
        }
        return c == '、' && n > 0;
    }
    false
}

/// `1. …`, `1、…`, `（1）…`
fn child_marker(t: &str) -> bool {
    let t = t.trim_start_matches(['（', '(']);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && t.chars()
            .nth(digits)
            .is_some_and(|c| matches!(c, '.' | '．' | '、' | '）' | ')'))
}

/// A two-sided row: segments of (label, amounts), each on its side or group.
/// A layout-aligned row's tokens by group: labels under their group's name column, amounts
/// under their group's amount column (an amount can sit on another label's line when a label
/// wrapped). `None` when the row or header has no positions to go by.
fn by_position<'t>(
    p: &'t Parsed,
    columns: &Columns,
) -> Option<Vec<(Vec<&'t Token>, Vec<&'t Token>)>> {
    let groups = columns.starts.len();
    if groups < 2 || columns.groups.len() != groups || p.tokens.iter().any(|t| t.cell.is_some()) {
        return None;
    }
    let amount_cols: Option<Vec<usize>> = columns
        .groups
        .iter()
        .map(|g| g.first().map(|c| c.center2))
        .collect();
    let amount_cols = amount_cols?;
    let spaced = p.tokens.iter().any(|t| t.gap_before && t.start > 0);
    if !spaced {
        return None;
    }
    let mut out: Vec<(Vec<&Token>, Vec<&Token>)> = vec![(Vec::new(), Vec::new()); groups];
    for t in &p.tokens {
        let g = if t.amount().is_some() {
            let right2 = t.end.saturating_mul(2);
            amount_cols
                .iter()
                .enumerate()
                .min_by_key(|(_, c)| c.abs_diff(t.center2()).min(c.abs_diff(right2)))
                .map(|(i, _)| i)
        } else {
            columns
                .starts
                .iter()
                .enumerate()
                .min_by_key(|(_, (s, _))| s.abs_diff(t.start))
                .map(|(i, _)| i)
        };
        if let Some(slot) = g.and_then(|g| out.get_mut(g)) {
            if t.amount().is_some() {
                slot.1.push(t);
            } else {
                slot.0.push(t);
            }
        }
    }
    Some(out)
}

fn two_sided_row(
    p: &Parsed,
    columns: &Columns,
    row: usize,
    counts: Option<(usize, usize)>,
) -> (Vec<String>, Vec<TableLine>) {
    if let Some(groups) = by_position(p, columns) {
        let mut cells = Vec::new();
        let mut out = Vec::new();
        for (g, (labels, amounts)) in groups.into_iter().enumerate() {
            if labels.is_empty() && amounts.is_empty() {
                continue;
            }
            out.push(segment_line(&mut cells, columns, g, &labels, &amounts, row));
        }
        return (cells, out);
    }
    let mut segments = segments_of(p);
    let mut sides: Vec<Option<usize>> = vec![None; segments.len()];
    if let Some((income, spending)) = counts {
        // Each side prints every one of its columns, so a count tells the side: a label
        // followed by both sides' amounts is the income side's, the rest are the other side's
        // (its label wrapped above and below the row); amounts alone are the side they fill.
        if let [(labels, amounts)] = segments.as_slice() {
            if !labels.is_empty() && amounts.len() == income + spending {
                let rest = amounts.get(income..).unwrap_or(&[]).to_vec();
                let own = amounts.get(..income).unwrap_or(&[]).to_vec();
                segments = vec![(labels.clone(), own), (Vec::new(), rest)];
                sides = vec![Some(0), Some(1)];
            } else if labels.is_empty() && amounts.len() == spending {
                sides = vec![Some(1)];
            } else if labels.is_empty() && amounts.len() == income {
                sides = vec![Some(0)];
            }
        }
    }
    let groups = columns.groups.len().max(1);
    let mut cells = Vec::new();
    let mut out = Vec::new();
    let count = segments.len();
    for (k, ((labels, amounts), known)) in segments.into_iter().zip(sides).enumerate() {
        let label = join_label(&labels.iter().map(|t| t.text.as_str()).collect::<Vec<_>>());
        let start = labels.first().or(amounts.first()).map_or(0, |t| t.start);
        let cell = labels.first().or(amounts.first()).and_then(|t| t.cell);
        let side = known
            .unwrap_or_else(|| side_of(columns, k, count, start, cell, &label))
            .min(groups - 1);
        let mut line = segment_line(&mut cells, columns, side, &labels, &amounts, row);
        if label.is_empty() && cell.is_none() && count == 1 && known.is_none() {
            // Amounts whose label wrapped onto other lines: which side they are on cannot be
            // told from text without positions.
            line.side = TableLine::UNKNOWN_SIDE;
        }
        out.push(line);
    }
    (cells, out)
}

/// A row of text without positions as segments of (label, amounts): a label starts a new
/// segment after amounts, after a gap, or where it is numbered or a total.
fn segments_of(p: &Parsed) -> Vec<(Vec<&Token>, Vec<&Token>)> {
    let mut segments: Vec<(Vec<&Token>, Vec<&Token>)> = Vec::new();
    for t in &p.tokens {
        let is_amount = t.amount().is_some()
            && !(t.text.len() <= 2
                && segments.last().is_some_and(|s| {
                    s.1.is_empty() && s.0.last().is_some_and(|l| l.text.ends_with('.'))
                }));
        let new_segment = match segments.last() {
            None => true,
            Some((_, amounts)) if !is_amount && !amounts.is_empty() => true,
            Some((labels, _)) if !is_amount => {
                !labels.is_empty() && (t.gap_before || top_marker(&t.text) || starts_total(&t.text))
            }
            _ => false,
        };
        if new_segment {
            segments.push((Vec::new(), Vec::new()));
        }
        if let Some(last) = segments.last_mut() {
            if is_amount {
                last.1.push(t);
            } else {
                last.0.push(t);
            }
        }
    }
    segments
}

/// Whether a table's body is a form (a label beside each amount, two columns of them) whose
/// sums [`catalogue::FORM_SUMS`] names: it prints the first sum's total.
fn is_form(body: &[Parsed]) -> bool {
    let Some(first) = catalogue::FORM_SUMS.first() else {
        return false;
    };
    body.iter().any(|p| {
        segments_of(p)
            .iter()
            .any(|(labels, amounts)| amounts.len() == 1 && form_label(labels) == first.total)
    })
}

/// A form's label, without `其中：` and spaces.
fn form_label(labels: &[&Token]) -> String {
    let c: String = labels.iter().map(|t| compact(&t.text)).collect();
    let c = c.replace(':', "：");
    catalogue::PART_OF_WORDS
        .iter()
        .find_map(|w| c.strip_prefix(w))
        .map_or(c.clone(), |rest| rest.trim_start_matches('：').to_string())
}

/// A line of a form: one line per (label, amount) segment; on a line of two segments the first
/// is the left column's (side 0), the second the right's (side 1); a segment alone is of no
/// known column.
fn form_row(p: &Parsed, row: usize) -> (Vec<String>, Vec<TableLine>) {
    let segments = segments_of(p);
    let two = segments.len() == 2;
    let mut cells = Vec::new();
    let mut out = Vec::new();
    for (k, (labels, amounts)) in segments.iter().enumerate() {
        let label = form_label(labels);
        cells.push(join_label(
            &labels.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
        ));
        let mut placed = Vec::new();
        for a in amounts {
            placed.push(Placed {
                col: cells.len(),
                role: None,
                value: a.amount().unwrap_or(Amount::ZERO),
            });
            cells.push(a.text.clone());
        }
        if amounts.is_empty() {
            continue;
        }
        out.push(TableLine {
            row,
            side: if two {
                u8::try_from(k).unwrap_or(TableLine::UNKNOWN_SIDE)
            } else {
                TableLine::UNKNOWN_SIDE
            },
            code: None,
            kind: LineKind::Plain,
            label,
            amounts: placed,
            aligned: false,
            depth: None,
            order_from_sums: false,
        });
    }
    (cells, out)
}

/// How many amounts each side of a two-sided table prints, where the text has no positions
/// and the counts alone tell the sides apart: the sides have different numbers of columns,
/// and every labelled segment other than a total prints none, one side's count, or (the
/// income side's label first) both sides' together. `None` otherwise.
fn side_counts(body: &[Parsed], columns: &Columns) -> Option<(usize, usize)> {
    let [income, spending] = columns.groups.as_slice() else {
        return None;
    };
    let (income, spending) = (income.len(), spending.len());
    if income == 0 || spending == 0 || income == spending {
        return None;
    }
    let mut unpositioned = false;
    for p in body {
        if by_position(p, columns).is_some() || p.tokens.iter().any(|t| t.cell.is_some()) {
            return None;
        }
        for (labels, amounts) in segments_of(p) {
            let label: String = labels.iter().map(|t| t.text.as_str()).collect();
            if labels.is_empty() || starts_total(&compact(&label)) {
                continue;
            }
            let n = amounts.len();
            if ![0, income, spending, income + spending].contains(&n) {
                return None;
            }
            unpositioned = true;
        }
    }
    unpositioned.then_some((income, spending))
}

/// Undoes labels that text without positions wrapped around their row: a row whose cells
/// stand centred prints the first part of a wrapped label on the line above and the rest on
/// the line below. Where a row lacks the label of exactly one side (its amounts printed
/// alone, or nothing printed for it), a numbered label alone on the line above, with a tail
/// alone on the line below, is that side's.
fn join_around(lines: Vec<TableLine>) -> Vec<TableLine> {
    let rows = lines.iter().map(|l| l.row).max().map_or(0, |m| m + 1);
    let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for (i, l) in lines.iter().enumerate() {
        if let Some(r) = by_row.get_mut(l.row) {
            r.push(i);
        }
    }
    // A row that is one label and nothing else.
    let fragments: Vec<Option<usize>> = by_row
        .iter()
        .map(|r| match r.as_slice() {
            [i] => lines
                .get(*i)
                .filter(|l| l.amounts.is_empty() && !l.label.is_empty())
                .map(|_| *i),
            _ => None,
        })
        .collect();
    let fragment = |r: usize| fragments.get(r).copied().flatten();
    let mut lines = lines;
    let mut dropped = vec![false; lines.len()];
    let mut added = Vec::new();
    for m in 1..rows {
        let Some(here) = by_row.get(m) else { continue };
        let with_amounts = here
            .iter()
            .filter_map(|&i| lines.get(i))
            .any(|l| !l.amounts.is_empty());
        if !with_amounts {
            continue;
        }
        let Some(above) = fragment(m - 1).filter(|&i| !dropped.get(i).copied().unwrap_or(true))
        else {
            continue;
        };
        let Some(head) = lines.get(above).map(|l| l.label.clone()) else {
            continue;
        };
        if !top_marker(&compact(&head)) {
            continue;
        }
        let labelled = |side: u8| {
            here.iter()
                .filter_map(|&i| lines.get(i))
                .any(|l| l.side == side && !l.label.is_empty())
        };
        let bare: Vec<usize> = here
            .iter()
            .copied()
            .filter(|&i| {
                lines
                    .get(i)
                    .is_some_and(|l| l.label.is_empty() && l.side != TableLine::UNKNOWN_SIDE)
            })
            .collect();
        let side = match (labelled(0), labelled(1), bare.as_slice()) {
            (_, _, [i]) => lines.get(*i).map(|l| l.side),
            (true, false, []) => Some(1),
            (false, true, []) => Some(0),
            _ => None,
        };
        let Some(side) = side else { continue };
        let below = fragment(m + 1).filter(|&i| {
            lines
                .get(i)
                .is_some_and(|l| !starts_item(&l.label) && label_kind(&l.label) == LineKind::Plain)
        });
        let mut label = head;
        if let Some(tail) = below.and_then(|i| lines.get(i)) {
            label.push_str(&tail.label);
        }
        match bare.first().and_then(|&i| lines.get_mut(i)) {
            Some(line) => {
                line.label = label;
                line.kind = label_kind(&line.label);
            }
            None => {
                let Some(template) = lines.get(above) else {
                    continue;
                };
                let mut line = template.clone();
                line.row = m;
                line.side = side;
                line.kind = label_kind(&label);
                line.label = label;
                added.push(line);
            }
        }
        for i in std::iter::once(above).chain(below) {
            if let Some(d) = dropped.get_mut(i) {
                *d = true;
            }
        }
    }
    let mut out: Vec<TableLine> = lines
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(l, _)| l)
        .chain(added)
        .collect();
    out.sort_by_key(|l| (l.row, l.side));
    out
}

/// One side's segment of a two-sided row as a line, its cells appended to `cells`.
fn segment_line(
    cells: &mut Vec<String>,
    columns: &Columns,
    side: usize,
    labels: &[&Token],
    amounts: &[&Token],
    row: usize,
) -> TableLine {
    {
        let label = join_label(&labels.iter().map(|t| t.text.as_str()).collect::<Vec<_>>());
        let cols = columns.groups.get(side).map(Vec::as_slice).unwrap_or(&[]);
        let (roles, aligned) = place(amounts, cols, columns.total_first(side), columns.positions);
        cells.push(label.clone());
        let mut placed = Vec::new();
        for (a, role) in amounts.iter().zip(roles) {
            placed.push(Placed {
                col: cells.len(),
                role: role.map(str::to_string),
                value: a.amount().unwrap_or(Amount::ZERO),
            });
            cells.push(a.text.clone());
        }
        TableLine {
            row,
            side: u8::try_from(side).unwrap_or(u8::MAX),
            code: None,
            kind: label_kind(&label),
            label,
            amounts: placed,
            aligned,
            depth: None,
            order_from_sums: false,
        }
    }
}

/// Undoes a two-sided table's wrapped labels: a label alone on its line followed, on the next
/// row of the same side, by amounts with no label (or by the label's tail) is one line.
fn join_wrapped(lines: Vec<TableLine>) -> Vec<TableLine> {
    let mut out: Vec<TableLine> = Vec::new();
    for line in lines {
        let target = out.iter().rposition(|l| l.side == line.side);
        if let Some(prev) = target.and_then(|i| out.get_mut(i)) {
            let adjacent = prev.row + 1 == line.row || prev.row + 2 == line.row;
            let label_then_amounts = prev.amounts.is_empty()
                && !prev.label.is_empty()
                && !line.amounts.is_empty()
                && (line.label.is_empty() || !starts_item(&line.label));
            let amounts_then_tail = !prev.amounts.is_empty()
                && line.amounts.is_empty()
                && !line.label.is_empty()
                && !starts_item(&line.label)
                && prev.row + 1 == line.row;
            if adjacent && label_then_amounts {
                let mut merged = line;
                merged.label = format!("{}{}", prev.label, merged.label);
                merged.kind = label_kind(&merged.label);
                *prev = merged;
                continue;
            }
            if amounts_then_tail && !matches!(prev.kind, LineKind::Total | LineKind::Subtotal) {
                prev.label.push_str(&line.label);
                prev.kind = label_kind(&prev.label);
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// Whether a label starts an item of its own (numbered, or a total).
fn starts_item(label: &str) -> bool {
    let c = compact(label);
    top_marker(&c)
        || child_marker(&c)
        || starts_total(&c)
        || c.contains("结转")
        || c.contains("结余")
}

fn starts_total(t: &str) -> bool {
    t.contains("合计") || t.contains("总计") || t.contains("小计")
}

/// The side or group of the `k`-th of `count` segments on a row.
fn side_of(
    columns: &Columns,
    k: usize,
    count: usize,
    start: usize,
    cell: Option<usize>,
    label: &str,
) -> usize {
    if let Some(cell) = cell {
        if columns.starts.iter().all(|(_, c)| c.is_some()) && !columns.starts.is_empty() {
            return columns
                .starts
                .iter()
                .rposition(|(_, c)| c.is_some_and(|c| c <= cell))
                .unwrap_or(0);
        }
    }
    let spaced = columns.starts.len() > 1 && columns.starts.iter().any(|(s, _)| *s > 8);
    if spaced && start > 0 {
        return columns
            .starts
            .iter()
            .enumerate()
            .min_by_key(|(_, (s, _))| s.abs_diff(start))
            .map_or(0, |(i, _)| i);
    }
    if count == 1 {
        let c = compact(label);
        let spending = catalogue::EXPENDITURE_WORDS.iter().any(|w| c.contains(w));
        return usize::from(spending);
    }
    k
}

/// The printed step of a table's amounts: the most common number of decimals.
fn step_of(body: &[Parsed]) -> Amount {
    let mut counts = [0usize; 5];
    for p in body {
        for t in &p.tokens {
            if t.amount().is_some() && t.text.chars().any(|c| c.is_ascii_digit()) {
                let d = usize::try_from(tokens::decimals(&t.text))
                    .unwrap_or(0)
                    .min(4);
                if let Some(c) = counts.get_mut(d) {
                    *c += 1;
                }
            }
        }
    }
    let d = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (**c, usize::MAX - i))
        .map_or(0, |(i, _)| i);
    if d == 0 {
        return Amount::from_int(1);
    }
    Amount::parse(&format!("0.{}1", "0".repeat(d - 1))).unwrap_or(Amount::from_int(1))
}

#[cfg(test)]
mod tests {
    use super::closest_in_order;

    #[test]
    fn amounts_in_order_with_an_empty_column() {
        // Jiangsu 2019's 三公 row (centers doubled): eight amounts, nine columns, the vehicles'
        // purchase empty; two amounts are nearest 公务接待 and 培训费.
        let columns = [10, 42, 64, 84, 106, 116, 126, 135, 177];
        let amounts = [26, 48, 70, 90, 122, 140, 160, 184];
        assert_eq!(
            closest_in_order(&amounts, &columns),
            Some(vec![0, 1, 2, 3, 5, 6, 7, 8])
        );
    }

    #[test]
    fn no_placement_when_two_come_as_close() {
        // One amount midway between two columns.
        assert_eq!(closest_in_order(&[20], &[10, 30]), None);
        assert_eq!(closest_in_order(&[10, 20], &[10]), None);
        assert_eq!(closest_in_order(&[], &[10]), None);
        assert_eq!(closest_in_order(&[11], &[10, 30]), Some(vec![0]));
    }
}
