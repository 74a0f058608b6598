//! `yusuan check FILE... [--json] [--lang zh|en]`: reads a published budget text (several
//! files of one publication are read as one, in the order given; `-` is standard input) or our
//! JSON format and prints the reconciliation. Exit status 0 without mismatch, 1 with a mismatch, 2
//! when the input cannot be read. An input that cannot be read is explained on stderr in
//! Chinese with the English below it; `--lang zh` or `--lang en` gives one language only.
//! The findings are printed in Chinese, or in English with `--lang en` (`--json` carries both:
//! `message` and `messageEn`).

use std::process::ExitCode;

use yusuan::reconcile::{self, english, Status};
use yusuan::{import, report};

const USAGE: &str = "用法 usage: yusuan check FILE... [--json] [--lang zh|en]\n  FILE  部门预算公开文本（.txt，同一公开的多个文件按顺序合读，- 为标准输入）或 Yusuan JSON (a published budget text — several files of one publication are read as one, in order; - is standard input — or Yusuan JSON)\n  --lang  信息的语言 the language of messages (default: findings in Chinese, errors in both)";

/// The language of error messages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Both,
    Zh,
    En,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut json = false;
    let mut lang = Lang::Both;
    let mut rest: Vec<&String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--lang" => {
                lang = match it.next().map(String::as_str) {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    _ => {
                        eprintln!("{USAGE}");
                        return ExitCode::from(2);
                    }
                }
            }
            _ => rest.push(a),
        }
    }
    let Some((command, files)) = rest.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if command.as_str() != "check" || files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let files: Vec<&str> = files.iter().map(|f| f.as_str()).collect();
    match check(&files, json, lang) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// The error in the chosen language(s).
fn explain(e: &yusuan::Error, lang: Lang) -> String {
    match lang {
        Lang::Both => format!("{e}\n({})", e.english()),
        Lang::Zh => e.to_string(),
        Lang::En => e.english(),
    }
}

fn read(file: &str, lang: Lang) -> Result<Vec<u8>, String> {
    let result = if file == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(file)
    };
    result.map_err(|e| match lang {
        Lang::Both => format!("{file}：无法读取文件：{e}\n(cannot read the file {file}: {e})"),
        Lang::Zh => format!("{file}：无法读取文件：{e}"),
        Lang::En => format!("cannot read the file {file}: {e}"),
    })
}

fn check(files: &[&str], json: bool, lang: Lang) -> Result<ExitCode, String> {
    let mut inputs = Vec::new();
    for file in files {
        inputs.push((read(file, lang)?, (*file).to_string()));
    }
    // PDFs and workbooks become text first, as the page does (crates/open).
    let mut converted = Vec::with_capacity(inputs.len());
    for (bytes, file) in &inputs {
        converted.push(convert(bytes, file, lang)?);
    }
    let budget =
        import::converted_publication(&inputs, converted).map_err(|e| explain(&e, lang))?;
    let result = reconcile::reconcile(&budget).map_err(|e| explain(&e, lang))?;
    let view = report::findings(&budget, &result);
    let out = if json {
        let mut text = serde_json::to_string_pretty(&view).map_err(|e| e.to_string())?;
        text.push('\n');
        text
    } else {
        report_text(&budget, &view, lang == Lang::En)
    };
    // A reader that stops early (`| head`) closes the pipe: not an error of ours.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes());
    Ok(if view.summary.mismatch > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A PDF or a workbook as the core's text, by the page's own opener (crates/open); `None` for
/// text and JSON.
#[cfg(not(target_arch = "wasm32"))]
fn convert(bytes: &[u8], file: &str, lang: Lang) -> Result<Option<import::Converted>, String> {
    let opened = yusuan_open::to_text(bytes, file).map_err(|e| match lang {
        Lang::Both => format!("{}\n({})", e.message_zh, e.message_en),
        Lang::Zh => e.message_zh.clone(),
        Lang::En => e.message_en.clone(),
    })?;
    Ok(opened.map(|o| {
        let notes = o
            .notes
            .into_iter()
            .map(|n| (n.place, n.message_zh, n.message_en));
        import::Converted::new(file, o.text, notes)
    }))
}

/// The command line is native; a wasm build of it (made only by `cargo test --target wasm32…`)
/// reads text and JSON alone.
#[cfg(target_arch = "wasm32")]
fn convert(_: &[u8], _: &str, _: Lang) -> Result<Option<import::Converted>, String> {
    Ok(None)
}

/// The statuses in the order the report lists them.
const ORDER: [Status; 6] = [
    Status::Mismatch,
    Status::Missing,
    Status::Rounding,
    Status::Unverifiable,
    Status::Note,
    Status::Ok,
];

/// The text report, in Chinese or (`--lang en`) in English: the findings grouped by status,
/// each with its rule and the lines it rests on, then the counts.
fn report_text(budget: &yusuan::model::Budget, view: &report::FindingsView, en: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if en {
        let _ = writeln!(
            out,
            "{} ({}, unit: {})",
            english::quoted(&budget.title),
            budget.source,
            english::unit(&budget.unit.name)
        );
    } else {
        let _ = writeln!(
            out,
            "{}（{}，单位：{}）",
            budget.title, budget.source, budget.unit.name
        );
    }
    for status in ORDER {
        let group: Vec<_> = view
            .findings
            .iter()
            .filter(|f| f.status == status.key())
            .collect();
        if group.is_empty() {
            continue;
        }
        if en {
            let _ = writeln!(out, "\n[{}] {}", status.en(), group.len());
        } else {
            let _ = writeln!(out, "\n【{}】{} 项", status.zh(), group.len());
        }
        for f in group {
            let place = f
                .locations
                .iter()
                .filter_map(|l| {
                    let line = l.line?;
                    let label = if en {
                        english::label(&l.label)
                    } else {
                        l.label.clone()
                    };
                    Some(format!("{label}:{line}"))
                })
                .collect::<Vec<_>>()
                .join(", ");
            let message = if en { &f.message_en } else { &f.message };
            let _ = writeln!(out, "- {message}  [{}] ({place})", f.rule);
        }
    }
    let s = view.summary;
    if en {
        let _ = writeln!(
            out,
            "\nIn all: ok {}, rounding {}, mismatch {}, missing {}, cannot be checked {}, notes {}",
            s.ok, s.rounding, s.mismatch, s.missing, s.unverifiable, s.note
        );
    } else {
        let _ = writeln!(
            out,
            "\n合计：一致 {}，尾数误差 {}，不一致 {}，缺失 {}，无法核对 {}，说明 {}",
            s.ok, s.rounding, s.mismatch, s.missing, s.unverifiable, s.note
        );
    }
    out
}
