//! Claims: every number of the narrative, linked to what it speaks of and checked.

use yusuan::claims::{self, Checked, ClaimKind};
use yusuan::import;
use yusuan::reconcile::Status;

const SEED: &str = include_str!("../data/longgang-iit-2022-budget.txt");
const PART2: &str = "2022年深圳市龙岗区工业和信息化局部门预算收入84,579万元，比2021年增加15,118万元，增长22%。2022年部门预算支出84,579万元，比2021年增加15,118万元，增长22%。";

/// The seed with one line replaced (the line must hold `from`).
#[track_caller]
fn with_line(line: usize, from: &str, to: &str) -> Vec<Checked> {
    let mut lines: Vec<String> = SEED.split('\n').map(str::to_string).collect();
    let l = &mut lines[line - 1];
    assert!(l.contains(from), "line {line} does not hold {from:?}");
    *l = l.replacen(from, to, 1);
    let budget =
        import::published_text(lines.join("\n").as_bytes(), "altered.txt").expect("import");
    claims::check(&budget).expect("claims")
}

fn at_line(checked: &[Checked], line: usize) -> Vec<(ClaimKind, String, Status, String)> {
    checked
        .iter()
        .filter(|c| c.claim.line == line)
        .map(|c| {
            (
                c.claim.kind,
                c.claim.text.clone(),
                c.finding.status,
                c.finding.message.clone(),
            )
        })
        .collect()
}

#[test]
fn the_seed_has_a_verdict_for_every_numeric_sentence() {
    let checked = claims::check(&import::seed().expect("seed")).expect("claims");
    assert!(checked.len() >= 100, "{}", checked.len());
    let count = |s: Status| checked.iter().filter(|c| c.finding.status == s).count();
    assert_eq!(count(Status::Mismatch), 0);
    assert!(count(Status::Ok) >= 75, "{}", count(Status::Ok));
    // Every numeric paragraph of parts 2–8 has at least one claim.
    let b = import::seed().expect("seed");
    for part in b
        .parts
        .iter()
        .filter(|p| (2..=8).contains(&p.number) && p.number != 7)
    {
        for p in &part.paragraphs {
            // (`单价 50 万元以上` is a threshold, not a budget figure.)
            let has_amount =
                (p.text.contains("万元") || p.text.contains('%')) && !p.text.contains("万元以上");
            if has_amount {
                assert!(
                    checked.iter().any(|c| c.claim.line == p.line),
                    "no claim at line {}: {}",
                    p.line,
                    p.text
                );
            }
        }
    }
    // Linked to the right figures.
    let subject = |text: &str, line: usize| {
        checked
            .iter()
            .find(|c| c.claim.line == line && c.claim.text == text)
            .and_then(|c| c.claim.subject.clone())
            .unwrap_or_default()
    };
    assert_eq!(subject("84,579万元", 66), "income:total");
    assert_eq!(subject("18万元", 134), "sanggong:total");
    assert_eq!(subject("1,040 万元", 130), "procurement:total");
    assert_eq!(subject("3,973万元", 74), "economic:0");
    assert!(subject("1,838 万元", 88).starts_with("project:"));
    assert_eq!(subject("三个下属单位", 47), "listed:3");
    assert_eq!(subject("共14个科室", 51), "listed:14");
    // The unit slip of 扶贫支出.
    assert!(checked
        .iter()
        .any(|c| c.finding.rule == "claim.unit" && c.finding.message.contains("扶贫支出")));
}

#[test]
fn the_genres_phrasing() {
    // (replacement for 第二部分's first sentence, [(claim text, status)])
    let cases: &[(&str, &[(&str, Status)])] = &[
        (
            "部门预算收入84,579万元，比2021年增加15,118万元，增长22%。",
            &[
                ("84,579万元", Status::Ok),
                ("增加15,118万元", Status::Ok),
                ("增长22%", Status::Ok),
            ],
        ),
        (
            "部门预算收入84,579万元，比2021年增加15,118万元，增长22％。",
            &[("增长22%", Status::Ok)],
        ),
        (
            "部门预算收入84579 万元，比2021年增加 15118 万元，增长 22%。",
            &[("84579 万元", Status::Ok), ("增长 22%", Status::Ok)],
        ),
        (
            "部门预算收入８４，５７９万元。",
            &[("８４，５７９万元", Status::Ok)],
        ),
        ("部门预算收入8.4579亿元。", &[("8.4579亿元", Status::Ok)]),
        ("部门预算收入8.46亿元。", &[("8.46亿元", Status::Rounding)]),
        ("部门预算收入8.6亿元。", &[("8.6亿元", Status::Mismatch)]),
        (
            "部门预算收入845,790,000元。",
            &[("845,790,000元", Status::Ok)],
        ),
        ("部门预算收入84,579元。", &[("84,579元", Status::Note)]),
        (
            "部门预算收入84,579万元，比2021年增加15,118万元，增长25%。",
            &[("增长25%", Status::Mismatch)],
        ),
        (
            "部门预算收入84,579万元，比2021年减少15,118万元，下降22%。",
            &[("下降22%", Status::Mismatch)],
        ),
        (
            "部门预算收入84,579万元，比2021年增加15,118万元，增长21.76%。",
            &[("增长21.76%", Status::Ok)],
        ),
        (
            "部门预算收入84,579万元，比2021年增加15,118万元，增长21.8%。",
            &[("增长21.8%", Status::Ok)],
        ),
        // 21.7% ± 0.05 misses 15,118 ÷ 69,461 (21.76%–21.77% for the printed figures).
        (
            "部门预算收入84,579万元，比2021年增加15,118万元，增长21.7%。",
            &[("增长21.7%", Status::Mismatch)],
        ),
        (
            "部门预算收入84,579万元，较2021年持平。",
            &[("持平", Status::Ok)],
        ),
        (
            "部门预算收入84,589万元。",
            &[("84,589万元", Status::Mismatch)],
        ),
    ];
    for (sentence, expected) in cases {
        let first = PART2.split_inclusive('。').next().expect("sentence");
        let to = format!("2022年深圳市龙岗区工业和信息化局{sentence}");
        let checked = with_line(66, first, &to);
        let found = at_line(&checked, 66);
        for (text, status) in *expected {
            let hit = found.iter().find(|(_, t, _, _)| t == text);
            assert!(hit.is_some(), "{sentence}: no claim {text:?} in {found:#?}");
            let (_, _, got, message) = hit.expect("hit");
            assert_eq!(got, status, "{sentence}: {text}: {message}");
        }
    }
}

#[test]
fn new_projects_and_flat_changes() {
    let checked = claims::check(&import::seed().expect("seed")).expect("claims");
    let new = checked
        .iter()
        .find(|c| c.claim.line == 92 && c.claim.kind == ClaimKind::Change)
        .expect("信息化建设");
    assert_eq!(new.finding.status, Status::Ok);
    assert!(
        new.finding.message.contains("新设项目"),
        "{}",
        new.finding.message
    );
    let flat = checked
        .iter()
        .find(|c| c.claim.text == "持平")
        .expect("持平");
    assert_eq!(flat.finding.status, Status::Ok);
}

#[test]
fn altered_copies_are_caught_at_the_sentence() {
    // (line, from, to, rule, status, phrase)
    let cases = [
        (
            66,
            "增长22%",
            "增长25%",
            "claim.percent",
            Status::Mismatch,
            "不符",
        ),
        (
            134,
            "“三公”经费预算18万元",
            "“三公”经费预算28万元",
            "claim.amount",
            Status::Mismatch,
            "28万元 ≠ 表8 “三公”经费总计 18",
        ),
        (
            134,
            "减少21万元",
            "减少12万元",
            "claim.change",
            Status::Mismatch,
            "18 − 39 = -21",
        ),
        (
            130,
            "共计 1,040 万元",
            "共计 1,040 元",
            "claim.unit",
            Status::Note,
            "10 的整数次幂",
        ),
        (
            51,
            "共14个科室",
            "共15个科室",
            "claim.count",
            Status::Mismatch,
            "文中列举共 14 个",
        ),
        (
            90,
            "增加 452%",
            "增加 552%",
            "claim.percent",
            Status::Mismatch,
            "451.95%",
        ),
    ];
    for (line, from, to, rule, status, phrase) in cases {
        let checked = with_line(line, from, to);
        let hits: Vec<&Checked> = checked
            .iter()
            .filter(|c| {
                c.finding.rule == rule
                    && c.finding.status == status
                    && c.finding.message.contains(phrase)
            })
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "{from} → {to}: {:#?}",
            checked
                .iter()
                .filter(
                    |c| c.finding.status != Status::Ok && c.finding.status != Status::Unverifiable
                )
                .map(|c| &c.finding.message)
                .collect::<Vec<_>>()
        );
        let paragraph_line = hits[0].claim.line;
        assert!(
            paragraph_line <= line && line - paragraph_line <= 2,
            "{from}: found at line {paragraph_line}"
        );
    }
}
