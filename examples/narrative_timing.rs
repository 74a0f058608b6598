//! Native timing of the narrative checks on a large narrative: the seed with its narrative
//! (第一部分 to 第九部分) repeated until the text is about 2 MB.
//!
//! `cargo run --release --example narrative_timing [MB]`
use std::time::Instant;

use yusuan::import::{self, SEED_TEXT};

fn main() {
    let mb: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2.1);
    let mode = std::env::args().nth(2).unwrap_or_else(|| "seed".into());
    let text = match mode.as_str() {
        "seed" => yusuan_big_narrative(mb),
        "part8" => filler_in_part8(mb, "这是一段说明文字，包含数字 1,234 万元和增长 5%。\n"),
        "paragraph" => filler_in_part8(mb, "包含数字 1,234 万元和增长 5%，"),
        other => panic!("mode {other}: seed, part8 or paragraph"),
    };
    println!("input: {} bytes", text.len());
    let started = Instant::now();
    let budget = import::published_text(text.as_bytes(), "big.txt").expect("import");
    println!(
        "import: {:?} ({} paragraphs, {} projects)",
        started.elapsed(),
        budget
            .parts
            .iter()
            .map(|p| p.paragraphs.len())
            .sum::<usize>(),
        budget.figures.projects.len()
    );
    let t = Instant::now();
    let checked = yusuan::claims::check(&budget).expect("claims");
    println!(
        "claims::check: {:?} ({} claims)",
        t.elapsed(),
        checked.len()
    );
    let t = Instant::now();
    let report = yusuan::reconcile::reconcile(&budget).expect("reconcile");
    println!(
        "reconcile: {:?} ({} findings)",
        t.elapsed(),
        report.findings.len()
    );
    let t = Instant::now();
    let view = yusuan::report::findings(&budget, &report);
    println!(
        "report::findings: {:?} ({} findings)",
        t.elapsed(),
        view.findings.len()
    );
    let t = Instant::now();
    let parts = yusuan::view::narrative(&budget).expect("narrative");
    println!("view::narrative: {:?} ({} parts)", t.elapsed(), parts.len());
}

/// The seed with its narrative repeated to about `mb` megabytes.
fn yusuan_big_narrative(mb: f64) -> String {
    let start = SEED_TEXT.find("\n第一部分").expect("第一部分") + 1;
    let end = SEED_TEXT.rfind("\n二、表格部分\n").expect("tables") + 1;
    let narrative = &SEED_TEXT[start..end];
    let target = (mb * 1024.0 * 1024.0) as usize;
    let times = (target.saturating_sub(SEED_TEXT.len()) / narrative.len()).max(1);
    format!(
        "{}{}{}",
        &SEED_TEXT[..start],
        narrative.repeat(times + 1),
        &SEED_TEXT[end..]
    )
}

/// The seed with `filler` repeated at the end of 第八部分 to about `mb` megabytes.
fn filler_in_part8(mb: f64, filler: &str) -> String {
    let at = SEED_TEXT.find("\n第九部分").expect("第九部分") + 1;
    let target = (mb * 1024.0 * 1024.0) as usize;
    let times = target.saturating_sub(SEED_TEXT.len()) / filler.len();
    format!(
        "{}{}\n\n{}",
        &SEED_TEXT[..at],
        filler.repeat(times),
        &SEED_TEXT[at..]
    )
}
