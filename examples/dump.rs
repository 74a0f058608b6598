//! Prints how Yusuan read a publication: its tables by role, each line's code, label, amounts
//! and columns, and its narrative parts. `cargo run --example dump -- FILE...` (several files
//! of one publication are read as one; PDFs and workbooks as the page reads them).

use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: dump FILE...");
        return ExitCode::from(2);
    }
    let mut files = Vec::new();
    for path in &paths {
        match std::fs::read(path) {
            Ok(b) => files.push((b, path.clone())),
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    // A PDF or a workbook as the page and the CLI read it (crates/open).
    let mut converted = Vec::new();
    for (bytes, path) in &files {
        match yusuan_open::to_text(bytes, path) {
            Ok(o) => converted.push(o.map(|o| {
                let notes = o
                    .notes
                    .into_iter()
                    .map(|n| (n.place, n.message_zh, n.message_en));
                yusuan::import::Converted::new(path, o.text, notes)
            })),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    let budget = match yusuan::import::converted_publication(&files, converted) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    println!(
        "title {:?} department {:?} year {} unit {} step {}",
        budget.title,
        budget.department,
        budget.year,
        budget.unit.name,
        budget.unit.step.display()
    );
    for (t, f) in budget.tables.iter().zip(&budget.figures.tables) {
        println!(
            "\n## {} {:?} role={:?} unit={} step={} line {} columns {:?}",
            t.key,
            t.title,
            t.role,
            f.unit,
            f.step.display(),
            t.line,
            f.columns
        );
        for h in &t.header {
            println!("   header {h:?}");
        }
        for l in &f.lines {
            let amounts: Vec<String> = l
                .amounts
                .iter()
                .map(|a| {
                    format!(
                        "{}@{}{}",
                        a.value.display(),
                        a.col,
                        a.role
                            .as_deref()
                            .map(|r| format!(":{r}"))
                            .unwrap_or_default()
                    )
                })
                .collect();
            println!(
                "   r{} s{}{} {:?} {:?} {:?} {} {}",
                l.row,
                l.side,
                l.depth.map(|d| format!(" d{d}")).unwrap_or_default(),
                l.kind,
                l.code.as_deref().unwrap_or(""),
                l.label,
                amounts.join(" "),
                if l.aligned { "" } else { "(unaligned)" }
            );
        }
    }
    for p in &budget.parts {
        println!(
            "\n# part {} {:?} line {} ({} paragraphs)",
            p.number,
            p.title,
            p.line,
            p.paragraphs.len()
        );
        let all = std::env::var("DUMP_ALL").is_ok();
        for para in p.paragraphs.iter().take(if all { usize::MAX } else { 3 }) {
            println!(
                "   {}: {}",
                para.line,
                para.text
                    .chars()
                    .take(if all { 400 } else { 80 })
                    .collect::<String>()
            );
        }
    }
    ExitCode::SUCCESS
}
