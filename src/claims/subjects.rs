//! What a claim speaks of: the projects indexed by id and name ([`Projects`]), the project
//! of a 第三部分 paragraph, and the subject key a clause's words point to.

use std::collections::HashMap;

use crate::model::Project;

/// Project names up to this many characters are found through the name index; longer ones
/// (possible only in our JSON format) are compared one by one.
const INDEXED_NAME_CHARS: usize = 40;

/// The projects by id and by name, for lookups in O(1) per candidate.
pub(super) struct Projects<'a> {
    list: &'a [Project],
    by_id: HashMap<&'a str, usize>,
    /// Name → the last project with that name (the one a scan keeping the last match finds).
    by_name: HashMap<&'a str, usize>,
    /// Projects whose names are longer than [`INDEXED_NAME_CHARS`].
    long: Vec<usize>,
}

impl<'a> Projects<'a> {
    pub(super) fn new(list: &'a [Project]) -> Projects<'a> {
        let mut by_id = HashMap::new();
        let mut by_name = HashMap::new();
        let mut long = Vec::new();
        for (i, p) in list.iter().enumerate() {
            by_id.entry(p.id.as_str()).or_insert(i);
            if p.name.chars().count() > INDEXED_NAME_CHARS {
                long.push(i);
            } else {
                by_name.insert(p.name.as_str(), i);
            }
        }
        Projects {
            list,
            by_id,
            by_name,
            long,
        }
    }

    /// The project with this id (the first, as a scan would find).
    fn by_id(&self, id: &str) -> Option<&'a Project> {
        self.by_id.get(id).and_then(|i| self.list.get(*i))
    }

    /// The project for a subject key `project:<id>`.
    pub(super) fn of_subject(&self, subject: &str) -> Option<&'a Project> {
        self.by_id(subject.strip_prefix("project:")?)
    }

    /// Of the projects whose name is followed by `预算` somewhere in `text` (or, with
    /// `prefix`, with which `prefix` starts), the one with the longest name (the last of equals).
    fn named_in(&self, text: &str, prefix: Option<&str>) -> Option<&'a Project> {
        let mut best: Option<(usize, usize)> = None;
        let mut consider = |i: usize| {
            let len = self.list.get(i).map_or(0, |p| p.name.len());
            if best.is_none_or(|(l, j)| (len, i) > (l, j)) {
                best = Some((len, i));
            }
        };
        for (q, _) in text.match_indices("预算") {
            let head = text.get(..q).unwrap_or("");
            let mut starts: Vec<usize> = head
                .char_indices()
                .rev()
                .take(INDEXED_NAME_CHARS)
                .map(|(s, _)| s)
                .collect();
            starts.push(q);
            for s in starts {
                if let Some(i) = head.get(s..).and_then(|name| self.by_name.get(name)) {
                    consider(*i);
                }
            }
        }
        if let Some(prefix) = prefix {
            let mut ends: Vec<usize> = prefix
                .char_indices()
                .map(|(e, _)| e)
                .take(INDEXED_NAME_CHARS + 1)
                .collect();
            if prefix.chars().count() <= INDEXED_NAME_CHARS {
                ends.push(prefix.len());
            }
            for e in ends {
                if let Some(i) = prefix.get(..e).and_then(|name| self.by_name.get(name)) {
                    consider(*i);
                }
            }
        }
        for &i in &self.long {
            let Some(p) = self.list.get(i) else {
                continue;
            };
            if text.contains(&format!("{}预算", p.name))
                || prefix.is_some_and(|x| x.starts_with(p.name.as_str()))
            {
                consider(i);
            }
        }
        best.and_then(|(_, i)| self.list.get(i))
    }
}

/// In the part on expenditure (the seed's 第三部分), a numbered paragraph speaks of one project.
/// `section` is the part's section by its heading ([`crate::catalogue::section_of_heading`]).
pub(super) fn project_of_paragraph(
    projects: &Projects<'_>,
    section: Option<&str>,
    text: &str,
) -> Option<String> {
    if section != Some("expenditure") {
        return None;
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    projects
        .named_in(text, None)
        .map(|p| format!("project:{}", p.id))
}

/// The figure a clause speaks of, by its words; `section` is its part's section by heading.
pub(super) fn subject_of(
    projects: &Projects<'_>,
    section: Option<&str>,
    clause: &str,
    sentence: &str,
) -> Option<String> {
    let has = |w: &str| clause.contains(w);
    let rules: &[(&str, &str)] = &[
        ("预算收入", "income:total"),
        ("预算支出", "total"),
        ("本级预算", "total"),
        ("人员支出", "economic:0"),
        ("公用支出", "economic:1"),
        ("补助", "economic:2"),
        ("项目支出", "project"),
        ("涉及预算资金", "project"),
        ("货物采购", "procurement:goods"),
        ("工程采购", "procurement:works"),
        ("服务采购", "procurement:services"),
        ("共计", "procurement:total"),
        ("机关运行经费", "operating_funds"),
        ("项目绩效目标", "project_count"),
    ];
    for (word, key) in rules {
        if has(word) {
            return Some((*key).to_string());
        }
    }
    if section == Some("sanggong") {
        let s = sentence;
        for (word, key) in [
            ("公务用车购置和运行维护费", "sanggong:vehicles"),
            ("公务用车购置费", "sanggong:purchase"),
            ("公务用车运行维护费", "sanggong:operation"),
            ("因公出国", "sanggong:abroad"),
            ("公务接待费", "sanggong:reception"),
            ("三公", "sanggong:total"),
        ] {
            if s.contains(word) {
                return Some(key.to_string());
            }
        }
    }
    if section == Some("expenditure") {
        let prefix =
            clause.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
        return projects
            .named_in(clause, Some(prefix))
            .map(|p| format!("project:{}", p.id));
    }
    None
}
