//! The projects: Σ amounts = the project total; each project the same in 第三部分, the
//! 第七部分 table and 表11; per code the same as 表7; the count of performance goals.

use std::collections::BTreeMap;

use crate::amount::Amount;
use crate::error::{Error, Message};
use crate::finding::{Finding, Value};
use crate::model::{Figure, Level, Location, Project};
use crate::rounding::Status;

use super::{bi, value, Checker, Labelled};

impl Checker<'_> {
    /// Projects: Σ amounts = the project total; each project the same in 第三部分, the
    /// 第七部分 table and 表11; per code the same as 表7 (by the inferred mapping); the count of
    /// performance goals.
    pub(super) fn projects(&mut self) -> Result<(), Error> {
        let projects: Vec<Project> = self.budget.figures.projects.clone();
        if projects.is_empty() {
            return Ok(());
        }
        let project_total = self
            .budget
            .figures
            .stated
            .iter()
            .find(|n| n.key == "part3.project")
            .map(|n| self.labelled(&n.value))
            .or_else(|| {
                let t = self.role_table("expenditure")?;
                self.cell_in(t, 0, "project")
            });
        if let Some(total) = &project_total {
            let terms: Vec<(i8, Labelled)> = projects
                .iter()
                .map(|p| (1, self.named(p, &p.amount)))
                .collect();
            self.sum(
                "projects.sum",
                &Message::fixed(
                    "项目支出 = Σ 第三部分各项目",
                    "project expenditure = Σ the projects of part 3",
                ),
                total,
                &terms,
            )?;
            if let Some(p7) = self.budget.tables.iter().find(|t| t.key.starts_with('p')) {
                let rows: Vec<(i8, Labelled)> = (0..p7.rows.len())
                    .filter_map(|r| self.cell_in(p7, r, "total"))
                    .map(|f| (1, f))
                    .collect();
                if !rows.is_empty() {
                    self.sum(
                        "projects.sum",
                        &Message::fixed(
                            "项目支出 = Σ 第七部分项目表",
                            "project expenditure = Σ the project table of part 7",
                        ),
                        total,
                        &rows,
                    )?;
                }
                for (r, row) in p7.rows.iter().enumerate() {
                    let name = row.cells.first().map_or("", String::as_str);
                    if !name.is_empty() && !projects.iter().any(|p| p.name == name) {
                        self.note(
                            "projects.listed",
                            Status::Unverifiable,
                            bi(
                                format!("第七部分项目表的“{name}”在第三部分没有同名项目"),
                                format!(
                                    "“{name}” of the project table of part 7 has no project of the same name in part 3"
                                ),
                            ),
                            vec![Location::Cell {
                                table: p7.key.clone(),
                                row: r,
                                col: 0,
                            }],
                        );
                    }
                }
            }
            let task_terms: Vec<(i8, Labelled)> = self
                .budget
                .figures
                .tasks
                .iter()
                .filter(|t| !t.basic)
                .map(|t| (1, self.labelled(&t.total)))
                .collect();
            if !task_terms.is_empty() {
                self.sum(
                    "projects.sum",
                    &bi(
                        format!("项目支出 = Σ {} 项目任务", self.tasks_label().0),
                        format!(
                            "project expenditure = Σ the project tasks of {}",
                            self.tasks_label().1
                        ),
                    ),
                    total,
                    &task_terms,
                )?;
            }
        }
        let (tasks_label, tasks_label_en) = self.tasks_label();
        for p in &projects {
            let stated = self.named(p, &p.amount);
            if p.listed.as_ref().is_some_and(|l| l.at == p.amount.at) {
                // The text printed the amount too coarsely (`1.73 亿元`): the table's amount
                // stands for it, and the narrative's claims check the sentence.
                continue;
            }
            if let Some(listed) = &p.listed {
                let listed = self.labelled(listed);
                self.same(
                    "same.project",
                    &bi(
                        format!("项目“{}”第三部分与第七部分", p.name),
                        format!("project “{}”, part 3 and part 7", p.name),
                    ),
                    &stated,
                    &listed,
                )?;
            } else if self.budget.tables.iter().any(|t| t.key.starts_with('p')) {
                self.note(
                    "same.project",
                    Status::Unverifiable,
                    bi(
                        format!("项目“{}”未列入第七部分项目表", p.name),
                        format!(
                            "project “{}” is not listed in the project table of part 7",
                            p.name
                        ),
                    ),
                    vec![p.amount.at.clone()],
                );
            }
            let tasks: Vec<(i8, Labelled)> = self
                .budget
                .figures
                .tasks
                .iter()
                .filter(|t| t.project.as_deref() == Some(p.id.as_str()))
                .map(|t| {
                    let mut l = self.labelled(&t.total);
                    if t.link_inferred {
                        l.label.push_str("（推定对应）");
                        l.label_en.push_str(" (link inferred)");
                    }
                    (1, l)
                })
                .collect();
            if !tasks.is_empty() {
                self.sum(
                    "same.project",
                    &bi(
                        format!("项目“{}”第三部分与{tasks_label} 任务", p.name),
                        format!(
                            "project “{}”, part 3 and the tasks of {tasks_label_en}",
                            p.name
                        ),
                    ),
                    &stated,
                    &tasks,
                )?;
            } else if !self.budget.figures.tasks.is_empty() {
                self.note(
                    "same.project",
                    Status::Unverifiable,
                    bi(
                        format!("项目“{}”在{tasks_label} 中找不到对应任务", p.name),
                        format!(
                            "project “{}” has no matching task in {tasks_label_en}",
                            p.name
                        ),
                    ),
                    vec![p.amount.at.clone()],
                );
            }
        }
        for task in self
            .budget
            .figures
            .tasks
            .iter()
            .filter(|t| !t.basic && t.project.is_none())
        {
            self.findings.push(Finding {
                rule: "same.project",
                status: Status::Unverifiable,
                message: format!("{tasks_label} 任务“{}”找不到对应项目", task.name),
                message_en: format!(
                    "task “{}” of {tasks_label_en} has no matching project",
                    task.name
                ),
                values: Vec::new(),
                difference: None,
                tolerance: None,
                locations: vec![task.total.at.clone()],
            });
        }
        // Per code, by the inferred mapping.
        let functions = self.budget.figures.functions.clone();
        let (f_label, f_label_en) = self.function_label();
        let mut by_code: BTreeMap<&str, Vec<&Project>> = BTreeMap::new();
        for p in &projects {
            if let Some(code) = p.code.as_deref() {
                by_code.entry(code).or_default().push(p);
            }
        }
        for f in functions.iter().filter(|f| f.level() == Level::Item) {
            let in_code = by_code.get(f.code.as_str()).cloned().unwrap_or_default();
            let mapped: Vec<(i8, Labelled)> = in_code
                .iter()
                .map(|p| (1, self.named(p, &p.amount)))
                .collect();
            if mapped.is_empty() && f.project.amount.is_zero() {
                continue;
            }
            let inferred = in_code.iter().any(|p| p.code_inferred);
            let lhs = self.labelled(&f.project);
            let title = bi(
                format!(
                    "{f_label} {} {} 项目支出 = Σ 该科目项目{}",
                    f.code,
                    f.name,
                    if inferred {
                        "（项目所属科目为推定，原文未列明）"
                    } else {
                        ""
                    }
                ),
                format!(
                    "{f_label_en} “{} {}”, project expenditure = Σ the projects of this code{}",
                    f.code,
                    f.name,
                    if inferred {
                        " (the projects' codes are inferred; the publication does not list them)"
                    } else {
                        ""
                    }
                ),
            );
            self.sum("projects.by_code", &title, &lhs, &mapped)?;
        }
        if let Some(count) = self
            .budget
            .figures
            .stated
            .iter()
            .find(|n| n.key == "part6.goal_count")
        {
            let stated = self.labelled(&count.value);
            let n = Amount::from_int(i64::try_from(projects.len()).unwrap_or(i64::MAX));
            let status = if stated.figure.amount == n {
                Status::Ok
            } else {
                Status::Mismatch
            };
            self.findings.push(Finding {
                rule: "count.goals",
                status,
                message: format!(
                    "项目绩效目标个数：{} 个，第三部分列出 {} 个项目{}",
                    stated.figure.amount.display(),
                    n.display(),
                    if status == Status::Ok {
                        "，一致"
                    } else {
                        "，不一致"
                    }
                ),
                message_en: format!(
                    "project performance goals: {}, part 3 lists {} projects{}",
                    stated.figure.amount.display(),
                    n.display(),
                    if status == Status::Ok {
                        ", consistent"
                    } else {
                        ", inconsistent"
                    }
                ),
                values: vec![
                    value(&stated),
                    Value {
                        label: "第三部分项目数".to_string(),
                        value: n.display(),
                    },
                ],
                difference: stated.figure.amount.checked_sub(n).ok(),
                tolerance: Some(Amount::ZERO),
                locations: vec![stated.figure.at.clone()],
            });
        }
        Ok(())
    }

    fn named(&self, p: &Project, figure: &Figure) -> Labelled {
        Labelled {
            label: format!("第三部分 项目“{}”", p.name),
            label_en: format!("part 3 project “{}”", p.name),
            figure: figure.clone(),
        }
    }
}
