//! A table's header as printed over several lines, with the cells that extracted text wrapped
//! joined again: a narrow cell's `支出总` over `计`, `基本支` over `出`, `公务用车购置及` over
//! `运行维护费`. Positions in extracted text are a poor guide here (a line of CJK pieces is
//! squeezed left, the line below is not), so a piece is joined to the piece above it by the
//! words the genre's headers are made of, in reading order.

use super::tables::compact;
use super::tokens::{Kind, Token};
use crate::catalogue;

/// The header lines with every wrapped cell joined to the cell above it; a line whose pieces
/// all joined the line above is dropped. Tab-separated lines are left as they are (a cell is
/// never wrapped over lines there).
pub(super) fn join_wrapped(lines: Vec<(usize, Vec<Token>)>) -> Vec<(usize, Vec<Token>)> {
    let mut out: Vec<(usize, Vec<Token>)> = Vec::new();
    // Per line of `out`: the first piece a later piece may still join (pieces join in reading
    // order, so a piece never joins one left of a piece already joined on that line).
    let mut next: Vec<usize> = Vec::new();
    for (line, tokens) in lines {
        let tabbed = tokens.iter().any(|t| t.cell.is_some())
            || out.iter().any(|(_, a)| a.iter().any(|t| t.cell.is_some()));
        if tabbed || out.is_empty() {
            out.push((line, tokens));
            next.push(0);
            continue;
        }
        let mut rest = Vec::new();
        for t in tokens {
            // The nearest line above with a piece this one continues (extracted text may put a
            // shorter cell's line between a cell's two lines).
            let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
            if t.kind == Kind::Text {
                for (row, (_, above)) in out.iter().enumerate().rev() {
                    let from = next.get(row).copied().unwrap_or(0);
                    for (k, u) in above.iter().enumerate().skip(from) {
                        if u.kind == Kind::Text && joins(&u.text, &t.text) {
                            candidates.push((row, k, u.center2().abs_diff(t.center2())));
                        }
                    }
                }
            }
            // The nearest line's piece, unless a piece further up stands clearly closer above
            // it (`会议` over `费`, where `公务接待` on the line between also makes a word).
            let nearest = candidates.first().copied();
            let closest = candidates
                .iter()
                .filter(|c| nearest.is_some_and(|n| c.0 != n.0))
                .min_by_key(|(_, _, d)| *d)
                .copied();
            let found = match (nearest, closest) {
                (Some(n), Some(c)) if c.2 + 6 <= n.2 && c.2 <= 4 => Some((c.0, c.1)),
                (Some(n), _) => Some((n.0, n.1)),
                _ => None,
            };
            let target = found.and_then(|(row, k)| {
                out.get_mut(row)
                    .and_then(|(_, above)| above.get_mut(k))
                    .map(|u| (row, k, u))
            });
            match target {
                Some((row, k, u)) => {
                    u.text.push_str(&t.text);
                    u.start = u.start.min(t.start);
                    u.end = u.end.max(t.end);
                    if let Some(n) = next.get_mut(row) {
                        *n = k + 1;
                    }
                }
                None => rest.push(t),
            }
        }
        if !rest.is_empty() {
            out.push((line, rest));
            next.push(0);
        }
    }
    out
}

/// Whether `lower` continues `upper`: together they make a header word that neither holds,
/// and `lower` is no header of its own (`本年支出` over `项目支出` is a spanning title over a
/// column, `财政拨款支出` over `项目` a title over the side's name column, though `支出项目`
/// is a header word).
fn joins(upper: &str, lower: &str) -> bool {
    let (u, l) = (compact(upper), compact(lower));
    if u.is_empty() || l.is_empty() || names_column(&l) {
        return false;
    }
    let joined = format!("{u}{l}");
    catalogue::header_words().any(|w| joined.contains(w) && !u.contains(w) && !l.contains(w))
}

/// Whether a header piece names a column of its own.
fn names_column(c: &str) -> bool {
    catalogue::column_of_header(c).is_some()
        || catalogue::label_column(c).is_some()
        || super::tables::is_name_header(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: usize, text: &str) -> (usize, Vec<Token>) {
        (n, super::super::tokens::tokens(text))
    }

    fn words(lines: &[(usize, Vec<Token>)]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|(_, t)| t.iter().map(|t| t.text.clone()).collect())
            .collect()
    }

    #[test]
    fn narrow_cells_wrapped_over_two_lines_are_joined() {
        let joined = join_wrapped(vec![
            line(
                1,
                " 预算单位               科目编 科目名称          支出总 基本支 项目支",
            ),
            line(
                2,
                "                    码                         计        出     出",
            ),
        ]);
        assert_eq!(
            words(&joined),
            [[
                "预算单位",
                "科目编码",
                "科目名称",
                "支出总计",
                "基本支出",
                "项目支出"
            ]]
        );
    }

    #[test]
    fn the_vehicle_header_joins_over_four_lines_and_its_parts_stay_below() {
        let joined = join_wrapped(vec![
            line(
                1,
                " 预算单位          年度     总 因公出国 公务接 公务用车购置及",
            ),
            line(2, "                      计 (境)费 待费 运行维护费"),
            line(
                3,
                "                                        小计          公务用车 公务用车运",
            ),
            line(
                4,
                "                                                    购置费 行维护费",
            ),
        ]);
        assert_eq!(
            words(&joined),
            vec![
                vec![
                    "预算单位",
                    "年度",
                    "总计",
                    "因公出国(境)费",
                    "公务接待费",
                    "公务用车购置及运行维护费"
                ],
                vec!["小计", "公务用车购置费", "公务用车运行维护费"],
            ]
        );
    }

    #[test]
    fn a_cell_wrapped_around_a_shorter_cells_line_is_joined() {
        // LibreOffice's print: the one-line cells' words sit between the wrapped cells' lines.
        let joined = join_wrapped(vec![
            line(1, "                 因公出国   公务接   公务用车购置及"),
            line(2, " 预算单位  年度  总计"),
            line(3, "                 (境)费     待费     运行维护费"),
            line(
                4,
                "                                   公务用车 公务用车运行",
            ),
            line(5, "                              小计"),
            line(6, "                                   购置费   维护费"),
        ]);
        assert_eq!(
            words(&joined),
            vec![
                vec!["因公出国(境)费", "公务接待费", "公务用车购置及运行维护费"],
                vec!["预算单位", "年度", "总计"],
                vec!["公务用车购置费", "公务用车运行维护费"],
                vec!["小计"],
            ]
        );
    }

    #[test]
    fn cells_wrapped_around_a_taller_cell_are_joined() {
        // Jiangsu 2017's 支出预算总表: `基`/`本支出` and `项目`/`支出` around the one-line
        // cells' line (`单位`/`预留机动`/`经费`, over three lines, stays in pieces:
        // `预留机动` names its column alone).
        let joined = join_wrapped(vec![
            line(1, "                                     单位"),
            line(2, "               基         项目"),
            line(
                3,
                "  合计                               预留机动      结转下年资金",
            ),
            line(4, "            本支出         支出"),
            line(5, "                                    经费"),
        ]);
        let all: Vec<String> = words(&joined).into_iter().flatten().collect();
        for w in ["基本支出", "项目支出", "预留机动", "合计", "结转下年资金"] {
            assert!(all.iter().any(|x| x == w), "{w}: {all:?}");
        }
    }

    #[test]
    fn a_tail_joins_the_piece_it_stands_under_when_a_nearer_line_also_makes_a_word() {
        // Jiangsu 2017's 三公 header (WPS): `会议`/`费` with `公务接待` on a line between
        // (`公务接待费` is a word too), and `小`/`计` printed down a narrow column.
        let joined = join_wrapped(vec![
            line(1, "                                                                       会议"),
            line(2, "                       因公"),
            line(3, "   合计                                                                             培训费"),
            line(4, "               小                                             公务接待"),
            line(5, "                                                                      费"),
            line(6, "                       出国"),
            line(7, "            计                       小     公务用车购    公务用车运     费"),
            line(8, "                                计          置费      行维护费"),
        ]);
        let all: Vec<String> = words(&joined).into_iter().flatten().collect();
        for word in [
            "会议费",
            "公务接待费",
            "因公出国",
            "公务用车购置费",
            "公务用车运行维护费",
        ] {
            assert!(all.iter().any(|w| w == word), "{word}: {all:?}");
        }
        assert_eq!(all.iter().filter(|w| *w == "小计").count(), 2, "{all:?}");
    }

    #[test]
    fn a_side_title_over_the_name_column_is_not_joined() {
        let joined = join_wrapped(vec![
            line(1, "财政拨款收入 财政拨款支出"),
            line(2, "项目 预算数 项目 合计 一般公共预算 政府性基金预算"),
        ]);
        assert_eq!(
            words(&joined),
            [
                vec!["财政拨款收入", "财政拨款支出"],
                vec![
                    "项目",
                    "预算数",
                    "项目",
                    "合计",
                    "一般公共预算",
                    "政府性基金预算"
                ]
            ]
        );
    }

    #[test]
    fn a_spanning_title_over_whole_words_is_not_joined() {
        let joined = join_wrapped(vec![
            line(1, "  项目        本年收入          本年支出"),
            line(2, "              合计  小计        基本支出 项目支出"),
        ]);
        assert_eq!(joined.len(), 2);
        assert_eq!(words(&joined)[1], ["合计", "小计", "基本支出", "项目支出"]);
    }
}
