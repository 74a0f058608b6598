//! The scenario engine: edits update every dependent figure, incrementally, and agree with a
//! full recompute; undo restores the baseline byte for byte.

use std::collections::BTreeMap;

use yusuan::import;
use yusuan::model::Budget;
use yusuan::scenario::{Balance, Changed, Scenario};
use yusuan::Amount;

fn seed() -> (Budget, Scenario) {
    let b = import::seed().expect("seed");
    let s = Scenario::new(&b).expect("scenario");
    (b, s)
}

fn value(s: &Scenario, key: &str) -> String {
    s.node(key)
        .map(|n| n.value.display())
        .unwrap_or_else(|| panic!("no node {key}"))
}

fn changed<'a>(list: &'a [Changed], key: &str) -> &'a Changed {
    list.iter().find(|c| c.key == key).unwrap_or_else(|| {
        panic!(
            "{key} not in changed: {:?}",
            list.iter().map(|c| &c.key).collect::<Vec<_>>()
        )
    })
}

fn project_key(b: &Budget, name: &str) -> String {
    let p = b
        .figures
        .projects
        .iter()
        .find(|p| p.name == name)
        .expect("project");
    format!("project:{}", p.id)
}

#[test]
fn the_baseline_shows_the_published_figures() {
    let (_, s) = seed();
    assert_eq!(value(&s, "total"), "84,579");
    assert_eq!(value(&s, "basic"), "5,738");
    assert_eq!(value(&s, "project"), "78,841");
    assert_eq!(value(&s, "t7:total"), "84,579");
    assert_eq!(value(&s, "fn:2011302:project"), "3,702");
    assert_eq!(value(&s, "income:total"), "84,579");
    assert_eq!(value(&s, "gap"), "0");
    assert_eq!(value(&s, "sanggong:total"), "18");
    assert_eq!(s.full_recompute().expect("full"), s.amounts());
}

#[test]
fn energy_saving_from_70_to_170_moves_everything_that_depends_on_it() {
    let (b, mut s) = seed();
    let key = project_key(&b, "节能减排");
    let out = s.edit(&key, "170").expect("edit");
    let total = changed(&out, "total");
    assert_eq!(
        (
            total.value.as_str(),
            total.baseline.as_str(),
            total.delta.as_str()
        ),
        ("84,679", "84,579", "+100")
    );
    assert_eq!(
        total.percent.as_deref(),
        Some("+22%"),
        "(84,679 − 69,461) / 69,461 = 21.9%"
    );
    let project = changed(&out, &key);
    assert_eq!(project.value, "170");
    assert_eq!(
        project.percent.as_deref(),
        Some("+162%"),
        "(170 − 65) / 65 = 161.5%"
    );
    assert!(
        project.cells.contains(&"p7:6:1".to_string()),
        "{:?}",
        project.cells
    );
    assert_eq!(changed(&out, "fn:2011302:project").value, "3,802");
    assert_eq!(changed(&out, "fn:2011302:total").value, "3,802");
    assert_eq!(changed(&out, "fn:20113:total").value, "9,307");
    let class = changed(&out, "fn:201:total");
    assert_eq!(class.value, "9,307");
    assert_eq!(class.share.as_deref(), Some("11%"));
    assert_eq!(changed(&out, "t7:total").value, "84,679");
    assert_eq!(changed(&out, "project").value, "78,941");
    // Income follows expenditure by default.
    assert_eq!(changed(&out, "income:total").value, "84,679");
    assert_eq!(value(&s, "gap"), "0");
    // 表1 prints the class total in its expenditure column.
    assert!(
        class.cells.iter().any(|c| c.starts_with("t1:")),
        "{:?}",
        class.cells
    );
    assert_eq!(s.full_recompute().expect("full"), s.amounts());
    // The regenerated sentence.
    let id = key.trim_start_matches("project:");
    assert_eq!(
        s.sentence(&b, id).as_deref(),
        Some("节能减排预算 170 万元，较 2021 年预算增加 105 万元，增长 162%。")
    );
}

#[test]
fn fixed_ceiling_keeps_income_and_shows_the_gap() {
    let (b, mut s) = seed();
    s.set_balance(Balance::Ceiling).expect("mode");
    s.edit(&project_key(&b, "节能减排"), "170").expect("edit");
    assert_eq!(value(&s, "income:total"), "84,579");
    assert_eq!(value(&s, "gap"), "-100");
    let back = s.set_balance(Balance::Follow).expect("mode");
    assert_eq!(changed(&back, "income:total").value, "84,679");
    assert_eq!(value(&s, "gap"), "0");
}

#[test]
fn reconciliation_reruns_on_the_scenario() {
    let (b, mut s) = seed();
    s.set_balance(Balance::Ceiling).expect("mode");
    s.edit(&project_key(&b, "节能减排"), "170").expect("edit");
    let edited = s.budget(&b);
    let report = yusuan::reconcile::reconcile(&edited).expect("reconcile");
    // Income no longer equals expenditure.
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "balance" && f.status == yusuan::reconcile::Status::Mismatch));
    s.set_balance(Balance::Follow).expect("mode");
    let edited = s.budget(&b);
    let report = yusuan::reconcile::reconcile(&edited).expect("reconcile");
    let table_mismatches: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| {
            f.status == yusuan::reconcile::Status::Mismatch && !f.rule.starts_with("claim.")
        })
        .map(|f| f.message.as_str())
        .collect();
    // Every table identity holds in follow mode…
    assert!(table_mismatches.is_empty(), "{table_mismatches:#?}");
    // …while the narrative still prints the published figures: its claims are re-evaluated
    // against the edited tables and flagged.
    assert!(report.findings.iter().any(|f| f.rule == "claim.amount"
        && f.status == yusuan::reconcile::Status::Mismatch
        && f.message
            .contains("“70 万元”：70万元 ≠ 第七部分 项目“节能减排” 170")));
}

#[test]
fn input_is_read_as_people_type_it() {
    let (b, mut s) = seed();
    let key = project_key(&b, "电力管理");
    for (typed, shown) in [
        ("1838", "1,838"),
        ("1,900", "1,900"),
        ("1838.5", "1,838.5"),
        ("１８３８", "1,838"),
        ("+2000", "2,000"),
    ] {
        s.edit(&key, typed).expect(typed);
        assert_eq!(value(&s, &key), shown, "{typed}");
    }
    for bad in ["", "12abc", "1e3", "1,0,0", "NaN"] {
        assert!(s.edit(&key, bad).is_err(), "{bad:?} refused");
        assert_eq!(value(&s, &key), "2,000", "the previous value is kept");
    }
    assert!(s.edit("total", "1").is_err(), "a sum is not editable");
    assert!(s.edit("project:nope", "1").is_err());
}

#[test]
fn undo_redo_and_reset() {
    let (b, mut s) = seed();
    let before = s.values();
    let key = project_key(&b, "节能减排");
    s.edit(&key, "170").expect("edit");
    s.edit("economic:0", "4000").expect("edit");
    assert_eq!(value(&s, "total"), "84,706");
    assert_eq!(s.history(), (2, 0));
    s.undo().expect("undo");
    assert_eq!(value(&s, "total"), "84,679");
    s.redo().expect("redo");
    assert_eq!(value(&s, "total"), "84,706");
    s.undo().expect("undo");
    s.undo().expect("undo");
    assert_eq!(s.values(), before);
    assert!(s.undo().expect("undo").is_none());
    s.redo().expect("redo");
    s.reset().expect("reset");
    assert_eq!(s.values(), before);
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_edit_sequences_agree_with_full_recompute_and_undo_to_the_byte() {
    let (b, base) = seed();
    let leaves: Vec<String> = base.leaves().map(|n| n.key.clone()).collect();
    assert!(leaves.len() > 30, "{}", leaves.len());
    let baseline_json = serde_json::to_string(&base.nodes()).expect("json");
    for seed in 1..=40u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut s = base.clone();
        for step in 0..50 {
            match rng.below(10) {
                0 => {
                    s.undo().expect("undo");
                }
                1 => {
                    s.redo().expect("redo");
                }
                2 => {
                    let mode = if rng.below(2) == 0 {
                        Balance::Follow
                    } else {
                        Balance::Ceiling
                    };
                    s.set_balance(mode).expect("mode");
                }
                _ => {
                    let key = &leaves[rng.below(leaves.len())];
                    let cents = rng.below(2_000_000) as i64 - 500_000;
                    let text =
                        Amount::from_decimal(rust_decimal::Decimal::new(cents, 2)).to_string();
                    if key == "income:general" && s.balance() == Balance::Follow {
                        continue;
                    }
                    match s.edit(key, &text) {
                        Ok(_) => {}
                        // A spending line is never cut below zero: refused, nothing changes.
                        Err(e) if cents < 0 && e.to_string().contains("不能为负数") => {
                            continue
                        }
                        Err(e) => panic!("edit: {e:?}"),
                    }
                }
            }
            assert_eq!(
                s.full_recompute().expect("full"),
                s.amounts(),
                "seed {seed} step {step}"
            );
        }
        s.set_balance(Balance::Follow).expect("mode");
        while s.undo().expect("undo").is_some() {}
        assert_eq!(
            serde_json::to_string(&s.nodes()).expect("json"),
            baseline_json,
            "seed {seed}"
        );
    }
    let _ = b;
}

#[test]
fn edits_round_trip_as_a_saved_scenario() {
    let (b, mut s) = seed();
    s.edit(&project_key(&b, "节能减排"), "170").expect("edit");
    s.edit("sanggong:reception", "3").expect("edit");
    let saved: BTreeMap<String, Amount> = s.edits();
    let json = serde_json::to_string(&saved).expect("json");
    let loaded: BTreeMap<String, Amount> = serde_json::from_str(&json).expect("json");
    let mut t = Scenario::new(&b).expect("scenario");
    t.apply_edits(&loaded).expect("apply");
    assert_eq!(t.values(), s.values());
    assert_eq!(value(&t, "sanggong:total"), "19");
    assert_eq!(value(&t, "sanggong:total:change"), "-20");
}

#[test]
fn a_loaded_scenario_and_a_reset_are_single_undoable_steps() {
    let (b, mut s) = seed();
    let before = s.values();
    let mut edits = BTreeMap::new();
    edits.insert(project_key(&b, "节能减排"), Amount::from_int(170));
    edits.insert("sanggong:reception".to_string(), Amount::from_int(3));
    s.apply_edits(&edits).expect("apply");
    assert_eq!(s.history(), (1, 0), "one step");
    let edited = s.values();
    s.reset().expect("reset");
    assert_eq!(s.values(), before);
    s.undo().expect("undo the reset");
    assert_eq!(s.values(), edited);
    s.undo().expect("undo the loaded scenario");
    assert_eq!(s.values(), before);
}

#[test]
fn each_cell_moves_from_what_it_printed_and_the_gap_has_a_percentage() {
    let (b, mut s) = seed();
    s.set_balance(Balance::Ceiling).expect("mode");
    let out = s.edit(&project_key(&b, "节能减排"), "170").expect("edit");
    let class = changed(&out, "fn:201:total");
    // 表7 printed 9,207 and 表1 printed 9,208 for class 201: both move by +100.
    let t7 = class
        .cells
        .iter()
        .find(|c| c.starts_with("t7:"))
        .expect("t7 cell");
    let t1 = class
        .cells
        .iter()
        .find(|c| c.starts_with("t1:"))
        .expect("t1 cell");
    assert_eq!(class.value, "9,307");
    assert_eq!(
        class.cell_values.get(t7),
        None,
        "表7 printed the baseline: it shows value"
    );
    assert_eq!(class.cell_values.get(t1).map(String::as_str), Some("9,308"));
    let gap = changed(&out, "gap");
    assert_eq!(
        (gap.value.as_str(), gap.percent.as_deref()),
        ("-100", Some("-0.1%"))
    );
    let edited = s.budget(&b);
    let t1_cell = edited.tables.iter().find(|t| t.key == "t1").and_then(|t| {
        let (_, r, c) = {
            let mut parts = t1.split(':');
            (
                parts.next(),
                parts.next().and_then(|x| x.parse::<usize>().ok()),
                parts.next().and_then(|x| x.parse::<usize>().ok()),
            )
        };
        t.rows.get(r?)?.cells.get(c?).cloned()
    });
    assert_eq!(t1_cell.as_deref(), Some("9,308"));
}

/// A spending line may be cut to zero, never below: `-5` for a project is refused with a
/// message and the scenario is unchanged; 0 is accepted. A saved scenario with a negative
/// spending amount is refused whole.
#[test]
fn negative_spending_is_refused_and_zero_accepted() {
    let budget = yusuan::import::seed().expect("seed");
    let mut s = yusuan::scenario::Scenario::new(&budget).expect("scenario");
    let key = yusuan::view::editables(&s)
        .into_iter()
        .find(|e| e.label.contains("节能减排"))
        .map(|e| e.key)
        .expect("the 节能减排 project");
    let e = s.edit(&key, "-5").expect_err("refused");
    assert!(e.to_string().contains("不能为负数"), "{e}");
    assert!(s.edits().is_empty(), "nothing changed");
    s.edit(&key, "0").expect("zero is a cut, not an error");
    assert_eq!(s.edits().len(), 1);
    let mut bad = std::collections::BTreeMap::new();
    bad.insert(key.clone(), yusuan::Amount::parse("-1").expect("amount"));
    let e = s.apply_edits(&bad).expect_err("refused");
    assert!(
        e.to_string().contains("不能为负数") && e.to_string().contains(&key),
        "{e}"
    );
}

/// With no edit made, the scenario's checks are the published checks, count for count and
/// message for message: for the seed (read by the template) and for the seed behind a web
/// page's breadcrumbs, its cells parted by spaces (read by the genre reader).
#[test]
fn with_no_edit_the_scenarios_checks_are_the_published_checks() {
    let seed_text = yusuan::import::SEED_TEXT;
    let spaced = format!("首页 > 部门预算\n{}", seed_text.replace('\t', "    "));
    for (name, text) in [("seed", seed_text.to_string()), ("genre", spaced)] {
        let b = yusuan::import::published_text(text.as_bytes(), "x.txt").expect("reads");
        let s = Scenario::new(&b).expect("scenario");
        let published = yusuan::reconcile::reconcile(&b).expect("reconcile");
        let unedited = yusuan::reconcile::reconcile(&s.budget(&b)).expect("reconcile");
        assert_eq!(unedited.summary, published.summary, "{name}");
        let messages = |r: &yusuan::reconcile::Report| -> Vec<String> {
            r.findings.iter().map(|f| f.message.clone()).collect()
        };
        assert_eq!(messages(&unedited), messages(&published), "{name}");
    }
}

/// The checks on a scenario against the published ones: with no edit, nothing broken or
/// stale; raising 节能减排 by 100 in a fixed ceiling breaks the balance (a check between
/// tables) and makes the text's 70 万元 stale, and the publication's own slips stay apart.
#[test]
fn the_scenario_checks_say_what_the_edit_broke() {
    let (b, mut s) = seed();
    let published = yusuan::reconcile::reconcile(&b).expect("reconcile");
    let now = yusuan::reconcile::reconcile(&s.budget(&b)).expect("reconcile");
    let checks = yusuan::report::scenario_checks(&s.budget(&b), &published, &now);
    assert_eq!(checks.summary, published.summary);
    assert!(checks.broken.is_empty());
    assert_eq!(checks.stale, 0);
    assert_eq!(checks.already_mismatched, published.summary.mismatch);
    s.set_balance(Balance::Ceiling).expect("mode");
    s.edit(&project_key(&b, "节能减排"), "170").expect("edit");
    let edited = s.budget(&b);
    let now = yusuan::reconcile::reconcile(&edited).expect("reconcile");
    let checks = yusuan::report::scenario_checks(&edited, &published, &now);
    assert!(
        checks.broken.iter().any(|f| f.rule == "balance"),
        "{:?}",
        checks.broken.iter().map(|f| f.rule).collect::<Vec<_>>()
    );
    assert!(checks.broken.iter().all(|f| !f.rule.starts_with("claim.")));
    assert!(checks.stale >= 1, "the text's 70 万元 is stale");
    assert_eq!(
        checks.broken.len() + checks.stale + checks.already_mismatched,
        now.summary.mismatch
    );
}

/// A cut of 5% to a class: every spending line it adds moves, each rounded to the
/// publication's step, the remainder on the largest line, so the class moves by exactly
/// round(5% of it); one undoable step. A cut past 100% is refused with nothing changed.
#[test]
fn a_class_cut_by_five_percent_moves_its_lines_and_the_total() {
    let (_b, mut s) = seed();
    let class = value(&s, "fn:201:total");
    assert_eq!(class, "9,207");
    let scaled = s.scale("fn:201:total", "-5%").expect("scale");
    // Its project lines (5,061) move: 5% of them is 253.05 → −253, each line rounded to 1 and
    // the remainder on the largest; its 基本支出 lines, which the total takes from the
    // economic classes, stay, and the message says so.
    assert_eq!(value(&s, "fn:201:total"), "8,954", "{}", scaled.message);
    assert_eq!(value(&s, "total"), "84,326", "84,579 − 253");
    assert!(scaled.lines >= 2, "{}", scaled.message);
    assert!(scaled.message.contains("-253"), "{}", scaled.message);
    assert!(scaled.message.contains("未随之调整"), "{}", scaled.message);
    let (undo, _) = s.history();
    assert_eq!(undo, 1, "one step");
    s.undo().expect("undo");
    assert_eq!(value(&s, "fn:201:total"), "9,207");
    assert_eq!(value(&s, "total"), "84,579");
    // All projects by −100 万元: the project column moves by exactly 100.
    s.scale("project", "-100").expect("scale");
    assert_eq!(value(&s, "project"), "78,741");
    s.undo().expect("undo");
    let before = value(&s, "total");
    let err = s.scale("fn:201:total", "-120%").expect_err("refused");
    assert!(err.to_string().contains("不能为负数"), "{err}");
    assert_eq!(value(&s, "total"), before, "nothing changed");
    assert!(s.scale("fn:201:total", "abc").is_err());
}

/// A project the publication does not list, added under a 项: its 项, 款, 类, 项目支出 and the
/// total follow; one undoable step; its key carries code and name, so a saved scenario or a
/// share link brings it back; a code with no 项目支出 or a bad name is refused.
#[test]
fn an_added_project_moves_its_item_class_and_total() {
    let (_b, mut s) = seed();
    let changed = s
        .add_project("2011302", "营商环境监测", "100")
        .expect("add");
    assert!(changed
        .iter()
        .any(|c| c.key == "new:2011302:营商环境监测" && c.value == "100"));
    assert_eq!(value(&s, "fn:2011302:total"), "3,802");
    assert_eq!(value(&s, "fn:201:total"), "9,307");
    assert_eq!(value(&s, "project"), "78,941");
    assert_eq!(value(&s, "total"), "84,679");
    let edits = s.edits();
    assert_eq!(
        edits.get("new:2011302:营商环境监测").map(|a| a.display()),
        Some("100".to_string())
    );
    s.undo().expect("undo");
    assert_eq!(value(&s, "total"), "84,579");
    // A fresh scenario given the saved edits brings the project back.
    let (_b, mut fresh) = seed();
    fresh.apply_edits(&edits).expect("apply");
    assert_eq!(value(&fresh, "total"), "84,679");
    assert_eq!(value(&fresh, "fn:2011302:total"), "3,802");
    // Refusals, with nothing changed.
    assert!(
        fresh.add_project("21306", "甲", "10").is_err(),
        "a 款, not a 项"
    );
    assert!(fresh.add_project("2011302", "a:b", "10").is_err());
    assert!(fresh.add_project("2011302", "", "10").is_err());
    assert!(fresh.add_project("2011302", "乙", "-5").is_err());
    assert_eq!(value(&fresh, "total"), "84,679");
}

/// A project added under a 项 the budget's classification does not have: the 项 is opened,
/// with its 款 and 类 where those are new too, and they add up to 表7 and the total; the new 类
/// has its share of the spending; undo and a fresh scenario given the edits agree.
#[test]
fn a_project_under_a_new_code_opens_its_item_section_and_class() {
    let (_b, mut s) = seed();
    // 2130601: a new 项 and 款 under the published 类 213 (480).
    s.add_project("2130601", "乡村振兴调研", "20").expect("add");
    assert_eq!(value(&s, "fn:2130601:total"), "20");
    assert_eq!(value(&s, "fn:21306:total"), "20");
    assert_eq!(value(&s, "fn:213:total"), "500");
    assert_eq!(value(&s, "t7:total"), "84,599");
    assert_eq!(value(&s, "total"), "84,599");
    // 2290101: a new 类 229 as well, with its share of the spending.
    let changed = s
        .add_project("2290101", "其他支出项目", "846")
        .expect("add");
    let class = changed
        .iter()
        .find(|c| c.key == "fn:229:total")
        .expect("the new class moved");
    assert_eq!(class.value, "846");
    assert_eq!(class.share.as_deref(), Some("1%"));
    assert_eq!(value(&s, "total"), "85,445");
    let edits = s.edits();
    s.undo().expect("undo");
    s.undo().expect("undo");
    assert_eq!(value(&s, "total"), "84,579");
    assert_eq!(value(&s, "fn:213:total"), "480");
    let (_b, mut fresh) = seed();
    fresh.apply_edits(&edits).expect("apply");
    assert_eq!(value(&fresh, "fn:229:total"), "846");
    assert_eq!(value(&fresh, "total"), "85,445");
}

/// A project moved to another 项: 0 where it was, the same amount and name under the new code,
/// one step; the two 项 follow and the total stays.
#[test]
fn a_moved_project_leaves_its_item_for_another_and_the_total_stays() {
    let (b, mut s) = seed();
    let key = project_key(&b, "节能减排");
    s.move_project(&key, "2011304").expect("move");
    assert_eq!(value(&s, &key), "0");
    assert_eq!(value(&s, "new:2011304:节能减排"), "70");
    assert_eq!(value(&s, "fn:2011302:total"), "3,632");
    assert_eq!(value(&s, "fn:2011304:total"), "781");
    assert_eq!(value(&s, "total"), "84,579");
    assert_eq!(s.history().0, 1, "one step");
    s.undo().expect("undo");
    assert_eq!(value(&s, &key), "70");
    assert_eq!(value(&s, "fn:2011304:total"), "711");
    assert!(s.move_project(&key, "123").is_err(), "no such 项");
}

/// The compact answer (`edit_compact`, what the page's edits cross the wasm boundary as) says
/// what `edit` says: for every figure moved, by its index in `all()`, its value, delta,
/// percent, change on the prior year, share and cells showing another value; and the history.
#[test]
fn a_compact_edit_says_what_an_edit_says() {
    let (b, mut full) = seed();
    let (_, mut compact) = seed();
    let order: Vec<String> = full.all().into_iter().map(|c| c.key).collect();
    let keys = [
        project_key(&b, "节能减排"),
        "total".to_string(),
        project_key(&b, "节能减排"),
    ];
    let mut out = String::new();
    let mut steps = 0;
    let mut refused = 0;
    for (key, input) in keys.iter().zip(["170", "100", "0"]) {
        let expected = match full.edit(key, input) {
            Ok(c) => c,
            Err(e) => {
                // A figure that cannot be edited is refused the same way.
                let err = compact
                    .edit_compact(key, input, &mut out)
                    .expect_err("refused too");
                assert_eq!(err.to_string(), e.to_string());
                refused += 1;
                continue;
            }
        };
        compact.edit_compact(key, input, &mut out).expect("compact");
        steps += 1;
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some(format!("{steps}\t0").as_str()), "{out}");
        let got: Vec<&str> = lines.collect();
        assert_eq!(got.len(), expected.len(), "{out}");
        for (line, c) in got.iter().zip(&expected) {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 7, "{line}");
            assert_eq!(order[f[0].parse::<usize>().expect("index")], c.key);
            assert_eq!(f[1], c.value);
            assert_eq!(f[2], c.delta);
            assert_eq!(f[3], c.percent.as_deref().unwrap_or(""));
            assert_eq!(f[4], c.yoy.as_deref().unwrap_or(""));
            assert_eq!(f[5], c.share.as_deref().unwrap_or(""));
            let cells: BTreeMap<String, String> = f[6]
                .split(';')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (id, v) = p.split_once('=').expect("id=value");
                    (id.to_string(), v.to_string())
                })
                .collect();
            assert_eq!(cells, c.cell_values, "{line}");
        }
        assert!(!expected.is_empty());
    }
    assert_eq!((steps, refused), (2, 1));
    // The typed text is parsed as `edit` parses it: a refused input leaves `out` as it was.
    let before = out.clone();
    assert!(compact.edit_compact(&keys[0], "abc", &mut out).is_err());
    assert_eq!(out, before);
}
