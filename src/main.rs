//! `yusuan check FILE [--json]`: reads a published budget text or our JSON format and prints
//! the reconciliation. Exit status 0 without mismatch, 1 with a mismatch, 2 when the input
//! cannot be read.

use std::process::ExitCode;

use yusuan::reconcile::{self, Status};
use yusuan::{import, report};

const USAGE: &str =
    "用法 usage: yusuan check FILE [--json]\n  FILE  部门预算公开文本（.txt）或 Yusuan JSON";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let rest: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    let [command, file] = rest.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if command.as_str() != "check" {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    match check(file, json) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn check(file: &str, json: bool) -> Result<ExitCode, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{file}：无法读取文件：{e}"))?;
    let budget = import::any(&bytes, file).map_err(|e| format!("{e}\n({})", e.english()))?;
    let result = reconcile::reconcile(&budget).map_err(|e| e.to_string())?;
    let view = report::findings(&budget, &result);
    if json {
        let text = serde_json::to_string_pretty(&view).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        println!(
            "{}（{}，单位：{}）",
            budget.title, budget.source, budget.unit.name
        );
        for status in [
            Status::Mismatch,
            Status::Missing,
            Status::Rounding,
            Status::Unverifiable,
            Status::Note,
            Status::Ok,
        ] {
            let group: Vec<_> = view
                .findings
                .iter()
                .filter(|f| f.status == status.key())
                .collect();
            if group.is_empty() {
                continue;
            }
            println!("\n【{}】{} 项", status.zh(), group.len());
            for f in group {
                let place = f
                    .locations
                    .iter()
                    .filter_map(|l| l.line.map(|n| format!("{}:{n}", l.label)))
                    .collect::<Vec<_>>()
                    .join(", ");
                println!("- {}  [{}] ({place})", f.message, f.rule);
            }
        }
        let s = view.summary;
        println!(
            "\n合计：一致 {}，尾数误差 {}，不一致 {}，缺失 {}，无法核对 {}，说明 {}",
            s.ok, s.rounding, s.mismatch, s.missing, s.unverifiable, s.note
        );
    }
    Ok(if view.summary.mismatch > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
