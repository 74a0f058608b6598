//! The contents: every table it lists is published; an empty one carries a note.

use crate::amount::{is_amount, Amount};
use crate::english;
use crate::finding::{Finding, Value};
use crate::model::Location;
use crate::numerals::chinese_numeral;
use crate::rounding::Status;

use super::{bi, Checker};

impl Checker<'_> {
    /// Every table the contents list is published; an empty one carries a note.
    pub(super) fn contents(&mut self) {
        let entries = self.budget.contents.clone();
        for entry in entries {
            let key = format!("t{}", entry.number);
            match self.table(&key) {
                Some(table) => {
                    let empty = table
                        .rows
                        .iter()
                        .flat_map(|r| r.cells.iter())
                        .filter(|c| is_amount(c))
                        .all(|c| Amount::parse(c).is_ok_and(Amount::is_zero));
                    let noted = table
                        .notes
                        .iter()
                        .any(|n| n.contains("无发生额") || n.contains("无"));
                    let title_en = english::quoted(&entry.title);
                    let message = if empty && noted {
                        let notes = table.notes.join(" ");
                        bi(
                            format!(
                                "表{} {}：已公开（空表，附注“{}”）",
                                entry.number, entry.title, notes
                            ),
                            format!(
                                "table {} {title_en}: published (an empty table, with the note “{notes}”)",
                                entry.number
                            ),
                        )
                    } else if empty {
                        bi(
                            format!(
                                "表{} {}：已公开，但全为 0 且没有说明",
                                entry.number, entry.title
                            ),
                            format!(
                                "table {} {title_en}: published, but all 0 and without a note saying why",
                                entry.number
                            ),
                        )
                    } else {
                        bi(
                            format!("表{} {}：已公开", entry.number, entry.title),
                            format!("table {} {title_en}: published", entry.number),
                        )
                    };
                    let status = if empty && !noted {
                        Status::Note
                    } else {
                        Status::Ok
                    };
                    let key = table.key.clone();
                    self.findings.push(Finding {
                        rule: "contents",
                        status,
                        message: message.zh.into_owned(),
                        message_en: message.en.into_owned(),
                        values: vec![Value {
                            label: "目录".to_string(),
                            value: format!("({}) {}", chinese_numeral(entry.number), entry.title),
                        }],
                        difference: None,
                        tolerance: None,
                        locations: vec![Location::Table { table: key }],
                    });
                }
                None => self.findings.push(Finding {
                    rule: "contents",
                    status: Status::Missing,
                    message: format!(
                        "目录列出表{}“{}”，正文中没有这张表（空表也应公开并注明）",
                        entry.number, entry.title
                    ),
                    message_en: format!(
                        "the contents list table {} “{}”, but the text does not hold it (an empty table should be published too, with a note)",
                        entry.number, entry.title
                    ),
                    values: vec![Value {
                        label: "目录".to_string(),
                        value: format!("({}) {}", chinese_numeral(entry.number), entry.title),
                    }],
                    difference: None,
                    tolerance: None,
                    locations: vec![Location::Contents { line: entry.line }],
                }),
            }
        }
    }
}
