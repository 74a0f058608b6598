//! Cells parted by spaces instead of tabs: a text in the seed's template, copied from a PDF
//! viewer or extracted as `pdftotext -layout` gives it, with its rows rebuilt as the template's
//! tab-separated cells, so that it reads by the template (with the narrative's claims checked
//! against the tables) rather than by the genre reader alone.
//!
//! A line is a row when two or more spaces part its cells (one space stays inside a cell:
//! `2022 年预算数`), or when it is an indented fragment right after a row (a cell cut by a page
//! break). The rows of each run of rows (a table, or a page of one) are placed in columns:
//!
//! - **by count**, when every run of spaces is a multiple of one width (cells parted by four
//!   spaces, aligned with nothing): a run of `k` widths passes `k − 1` empty cells;
//! - **by padding**, when every cell was padded with spaces to one width (at least two spaces
//!   after a longer cell), as a fixed-width export gives: the spaces past a cell's padding count
//!   the empty cells, whatever a long cell shifts;
//! - **by position** otherwise: every distinct start is a column, as when each column is padded
//!   to its widest cell.
//!
//! The result is only a candidate: the caller reads it by the template only when it is in the
//! template's shape and reads there, and by the genre reader otherwise.

/// One cell of a line: its text and its first and last character columns.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Cell {
    text: String,
    start: usize,
    end: usize,
}

/// The text with its space-parted rows turned into tab-separated ones; `None` when no line
/// looks like a row (there is nothing to rebuild) or the text already has tabs.
pub(crate) fn tabify(text: &str) -> Option<String> {
    if text.contains('\t') {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let cells: Vec<Vec<Cell>> = lines.iter().map(|l| split(l, false)).collect();
    let wide: Vec<Vec<Cell>> = lines.iter().map(|l| split(l, true)).collect();
    let title = lines.iter().position(|l| !l.trim().is_empty());
    // Which lines are rows.
    let mut row = vec![false; lines.len()];
    let mut after_row = false;
    for (i, c) in cells.iter().enumerate() {
        if c.is_empty() {
            continue; // a blank line keeps the run going: a page break inside a table
        }
        let is_row = Some(i) != title
            && !is_meta(c)
            && (c.len() >= 2 || (after_row && c.first().is_some_and(|f| f.start >= 2)));
        if let Some(flag) = row.get_mut(i) {
            *flag = is_row;
        }
        after_row = is_row;
    }
    if !row.iter().any(|r| *r) {
        return None;
    }
    // Runs of rows, blank lines included; a text line ends a run.
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
    let mut i = 0;
    while i < lines.len() {
        if !row.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        let mut members = vec![i];
        let mut j = i + 1;
        while j < lines.len() {
            let blank = cells.get(j).is_some_and(Vec::is_empty);
            if row.get(j).copied().unwrap_or(false) {
                members.push(j);
            } else if !blank {
                break;
            }
            j += 1;
        }
        let block = |metric: &[Vec<Cell>]| -> Vec<Vec<Cell>> {
            members
                .iter()
                .filter_map(|m| metric.get(*m).cloned())
                .collect()
        };
        let placed = place(&block(&cells), &block(&wide));
        for (m, row_cells) in members.iter().zip(placed) {
            if let Some(slot) = out.get_mut(*m) {
                // A row of one cell still needs a tab to be a row.
                let mut joined = row_cells.join("\t");
                if !joined.contains('\t') {
                    joined.push('\t');
                }
                *slot = joined;
            }
        }
        i = j;
    }
    Some(out.join("\n"))
}

/// A run's rows in columns: exactly by counting or by padding, with characters counted one
/// column each (as `pdftotext -layout` and most exports count them) or CJK characters two (as a
/// terminal or a monospaced font shows them); failing both, by their starts, in whichever count
/// gives the fewer columns.
fn place(narrow: &[Vec<Cell>], wide: &[Vec<Cell>]) -> Vec<Vec<String>> {
    let narrow: Vec<&[Cell]> = narrow.iter().map(Vec::as_slice).collect();
    let wide: Vec<&[Cell]> = wide.iter().map(Vec::as_slice).collect();
    let exact = |block: &[&[Cell]]| by_count(block).or_else(|| by_padding(block));
    exact(&narrow).or_else(|| exact(&wide)).unwrap_or_else(|| {
        let (a, b) = (by_rank(&narrow), by_rank(&wide));
        let columns = |rows: &[Vec<String>]| rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns(&b) < columns(&a) {
            b
        } else {
            a
        }
    })
}

/// `部门名称：…` and `单位：万元` are a table's title lines, not rows, even on one line.
fn is_meta(cells: &[Cell]) -> bool {
    cells.iter().any(|c| {
        let t: String = c.text.chars().filter(|ch| !ch.is_whitespace()).collect();
        t.starts_with("部门名称") || t.starts_with("单位：") || t.starts_with("单位:")
    })
}

/// A line's cells: the text between runs of two or more spaces (a full-width space counts as
/// two), with the columns they take: each character one, or with `wide` a CJK character two.
fn split(line: &str, wide: bool) -> Vec<Cell> {
    let chars: Vec<char> = line.trim_end().chars().collect();
    let mut cells = Vec::new();
    let mut k = 0;
    let mut col = 0;
    let width = |c: char| {
        if c == '\u{3000}' || (wide && is_wide(c)) {
            2
        } else {
            1
        }
    };
    while k < chars.len() {
        // Skip spaces.
        while chars.get(k).is_some_and(|c| c.is_whitespace()) {
            col += chars.get(k).map_or(1, |c| width(*c));
            k += 1;
        }
        if k >= chars.len() {
            break;
        }
        let start = col;
        let mut text = String::new();
        let mut end = col;
        while let Some(c) = chars.get(k).copied() {
            if c.is_whitespace() {
                let run: usize = chars
                    .get(k..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|c| c.is_whitespace())
                    .map(|c| width(*c))
                    .sum();
                if run >= 2 || k + 1 >= chars.len() {
                    break;
                }
                text.push(' ');
            } else {
                text.push(c);
            }
            end = col + width(c) - 1;
            col += width(c);
            k += 1;
        }
        cells.push(Cell {
            text: text.trim().to_string(),
            start,
            end,
        });
    }
    cells
}

/// East Asian wide characters: CJK ideographs and punctuation, kana, Hangul, full-width forms.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Places a run's rows by counting spaces, when every run of spaces between (and before) its
/// cells is a multiple of one width of at least two.
fn by_count(block: &[&[Cell]]) -> Option<Vec<Vec<String>>> {
    let mut gaps = Vec::new();
    let mut between = Vec::new();
    for cells in block {
        let mut last_end: Option<usize> = None;
        for c in cells.iter() {
            match last_end {
                Some(e) => {
                    let gap = c.start.saturating_sub(e + 1);
                    gaps.push(gap);
                    between.push(gap);
                }
                None if c.start > 0 => gaps.push(c.start),
                None => {}
            }
            last_end = Some(c.end);
        }
    }
    let unit = gaps.iter().copied().min()?;
    if unit < 2 || gaps.iter().any(|g| g % unit != 0) {
        return None;
    }
    // Cells parted by one separator: most neighbours are one separator apart (cells padded to
    // a width are parted by many different runs).
    if mode(between.iter().copied()) != Some(unit) {
        return None;
    }
    let rows = block
        .iter()
        .map(|cells| {
            let mut out = Vec::new();
            let mut last_end: Option<usize> = None;
            for c in cells.iter() {
                let empties = match last_end {
                    Some(e) => (c.start.saturating_sub(e + 1) / unit).saturating_sub(1),
                    None => c.start / unit,
                };
                out.extend(std::iter::repeat_n(String::new(), empties));
                out.push(c.text.clone());
                last_end = Some(c.end);
            }
            out
        })
        .collect();
    Some(rows)
}

/// Places a run's rows when each cell was padded to one width with spaces (at least two
/// after a longer cell): between two cells, the first one's padding and then one width per
/// empty cell; before the first, one width per empty cell. The widest width that fits every
/// gap is the one used.
fn by_padding(block: &[&[Cell]]) -> Option<Vec<Vec<String>>> {
    let fits = |width: usize| -> Option<Vec<Vec<String>>> {
        let mut rows = Vec::with_capacity(block.len());
        for cells in block {
            let mut out = Vec::new();
            let mut last: Option<&Cell> = None;
            for c in cells.iter() {
                let empties = match last {
                    None if c.start % width == 0 => c.start / width,
                    None => return None,
                    Some(a) => {
                        let spaces = c.start.checked_sub(a.end + 1)?;
                        let padding = width.saturating_sub(a.end + 1 - a.start).max(2);
                        let rest = spaces.checked_sub(padding)?;
                        if rest % width != 0 {
                            return None;
                        }
                        rest / width
                    }
                };
                out.extend(std::iter::repeat_n(String::new(), empties));
                out.push(c.text.clone());
                last = Some(c);
            }
            rows.push(out);
        }
        Some(rows)
    };
    (4..=80).rev().find_map(fits)
}

/// The most common value (the smallest of equals).
fn mode(values: impl Iterator<Item = usize>) -> Option<usize> {
    let mut v: Vec<usize> = values.collect();
    v.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for run in v.chunk_by(|a, b| a == b) {
        if let Some(x) = run.first() {
            if best.is_none_or(|(_, n)| run.len() > n) {
                best = Some((*x, run.len()));
            }
        }
    }
    best.map(|(x, _)| x)
}

/// Places a run's rows on the grid of its cells' starts: every distinct start is a column
/// (cells aligned to their columns' left edges, as a table padded to each column's width).
fn by_rank(block: &[&[Cell]]) -> Vec<Vec<String>> {
    let mut starts: Vec<usize> = block
        .iter()
        .flat_map(|c| c.iter().map(|c| c.start))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    block
        .iter()
        .map(|cells| {
            let mut out = vec![String::new(); starts.len()];
            for c in cells.iter() {
                if let Some(slot) = starts
                    .binary_search(&c.start)
                    .ok()
                    .and_then(|j| out.get_mut(j))
                {
                    *slot = c.text.clone();
                }
            }
            // Trailing empty columns are the template's to add.
            while out.last().is_some_and(String::is_empty) {
                out.pop();
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_parted_by_two_spaces_and_one_stays_inside() {
        let c = split("  项 目   2022 年预算数", false);
        let texts: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["项 目", "2022 年预算数"]);
        assert_eq!((c[0].start, c[0].end), (2, 4));
    }

    #[test]
    fn four_spaces_a_cell_count_the_empty_ones() {
        let t = tabify("标题\n表 7\n名称    编码    金额\n        201    9,207\n").expect("rows");
        assert_eq!(t.split('\n').nth(3), Some("\t\t201\t9,207"));
    }

    #[test]
    fn columns_padded_to_their_widest_cell_place_short_rows_by_start() {
        let text = "标题\n预算单位  科目编码  科目名称  支出总计\n本级                84,579\n      201   一般    9,207\n";
        let t = tabify(text).expect("rows");
        let rows: Vec<&str> = t.split('\n').collect();
        assert_eq!(rows[2], "本级\t\t\t84,579");
        assert_eq!(rows[3], "\t201\t一般\t9,207");
    }

    #[test]
    fn cells_padded_to_one_width_count_the_empty_ones_after_a_long_cell() {
        // Width 8: `一二三四五六七八九十` overflows by two, and the empty cell after it is
        // still one width.
        let text =
            "标题\n名称      金额      其他\n一二三四五六七八九十          5\n        7       9\n";
        let t = tabify(text).expect("rows");
        let rows: Vec<&str> = t.split('\n').collect();
        assert_eq!(rows[2], "一二三四五六七八九十\t\t5");
        assert_eq!(rows[3], "\t7\t9");
    }
}
