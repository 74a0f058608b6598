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

// ----- large narratives: linear time ------------------------------------------------------

/// About 2 MB of narrative (the import limit is 8 MiB).
const TWO_MB: usize = 2 * 1024 * 1024;

/// The seed with its narrative (第一部分 to 第九部分) repeated `copies` times.
fn seed_with_narrative_repeated(copies: usize) -> String {
    let start = SEED.find("\n第一部分").expect("第一部分") + 1;
    let end = SEED.rfind("\n二、表格部分\n").expect("表格部分") + 1;
    format!(
        "{}{}{}",
        &SEED[..start],
        SEED[start..end].repeat(copies),
        &SEED[end..]
    )
}

/// The seed with `filler` repeated `times` at the end of 第八部分.
fn seed_with_part8_filler(filler: &str, times: usize) -> String {
    let at = SEED.find("\n第九部分").expect("第九部分") + 1;
    format!("{}{}\n\n{}", &SEED[..at], filler.repeat(times), &SEED[at..])
}

/// Imports, checks every claim and builds the narrative view, as the page does; returns the
/// checked claims and the time taken (debug builds are about 10× slower than release).
fn check_large(name: &str, text: &str) -> (Vec<Checked>, std::time::Duration) {
    assert!(
        text.len() > TWO_MB - 100_000 && text.len() <= yusuan::import::text::MAX_INPUT_BYTES,
        "{name}: {} bytes",
        text.len()
    );
    let budget = import::published_text(text.as_bytes(), "large.txt").expect("import");
    let started = std::time::Instant::now();
    let checked = claims::check(&budget).expect("claims");
    let elapsed = started.elapsed();
    let started = std::time::Instant::now();
    let view = yusuan::view::narrative(&budget).expect("narrative view");
    let view_elapsed = started.elapsed();
    let shown: usize = view
        .iter()
        .flat_map(|p| &p.paragraphs)
        .map(|p| p.claims.len())
        .sum();
    // Each claim under its own paragraph, once (a text repeating a part number used to show
    // every copy's claims under each copy: quadratic, 4.6 s at 8 MB).
    assert_eq!(shown, checked.len(), "{name}: claims shown");
    eprintln!(
        "{name}: {} bytes, {} claims checked in {elapsed:?}, shown in {view_elapsed:?}",
        text.len(),
        checked.len()
    );
    // A guard against a return of quadratic time only (a debug build takes a few seconds at
    // most; the quadratic version took minutes): timings are recorded, not asserted.
    for t in [elapsed, view_elapsed] {
        assert!(t < std::time::Duration::from_secs(20), "{name}: {t:?}");
    }
    (checked, elapsed)
}

/// The seed's narrative repeated to 2 MB (about 850 projects, 5,800 claims): every copy gets
/// the same claims as the seed.
#[test]
fn a_two_megabyte_narrative_of_repeated_paragraphs_is_checked() {
    let seed_claims = claims::extract(&import::seed().expect("seed"));
    let narrative = SEED.rfind("\n二、表格部分\n").expect("tables")
        - SEED.find("\n第一部分").expect("第一部分");
    let copies = TWO_MB / narrative;
    let (checked, _) = check_large("repeated narrative", &seed_with_narrative_repeated(copies));
    assert_eq!(checked.len(), copies * seed_claims.len());
    let texts = |c: &[&str]| c.join("|");
    let first: Vec<&str> = checked
        .iter()
        .take(seed_claims.len())
        .map(|c| c.claim.text.as_str())
        .collect();
    let seed_texts: Vec<&str> = seed_claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts(&first), texts(&seed_texts));
}

/// 2 MB of short paragraphs in 第八部分 whose numbers speak of nothing in the tables: each
/// change and percentage used to search every earlier claim for its current amount (5 s in a
/// release build, 16 s more for the narrative view).
#[test]
fn a_two_megabyte_narrative_of_unlinked_numbers_is_checked() {
    let filler = "这是一段说明文字，包含数字 1,234 万元和增长 5%。\n";
    let times = TWO_MB / filler.len();
    let (checked, _) = check_large("unlinked numbers", &seed_with_part8_filler(filler, times));
    let filler_claims = checked
        .iter()
        .filter(|c| c.claim.sentence.starts_with("这是一段说明文字"));
    assert_eq!(filler_claims.count(), 2 * times);
}

/// 2 MB of one paragraph and one sentence: a claim quotes a window of its sentence, not the
/// whole 2 MB (which took minutes and gigabytes).
#[test]
fn a_two_megabyte_sentence_is_checked() {
    let filler = "包含数字 1,234 万元和增长 5%，";
    let times = TWO_MB / filler.len();
    let (checked, _) = check_large("one sentence", &seed_with_part8_filler(filler, times));
    let long: Vec<&Checked> = checked
        .iter()
        .filter(|c| c.claim.part == 8 && c.claim.sentence.contains("包含数字"))
        .collect();
    assert!(long.len() >= 2 * times, "{}", long.len());
    for c in long {
        let quoted = c.claim.sentence.chars().count();
        assert!(
            quoted <= claims::MAX_SENTENCE_CHARS + 2 && c.claim.sentence.contains(&c.claim.text),
            "{quoted}: {}",
            c.claim.sentence
        );
    }
}
