//! Prints a spreadsheet's text (stdout) and its notes (stderr): `sheet2text FILE`.
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: sheet2text FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let name = path.rsplit('/').next().unwrap_or(&path);
    let start = std::time::Instant::now();
    match yusuan_sheet::sheet_to_text(&bytes, name) {
        Ok(t) => {
            let took = start.elapsed();
            print!("{}", t.text);
            for n in &t.notes {
                eprintln!("note: {}", n.message_zh);
            }
            eprintln!("read in {:.2} ms", took.as_secs_f64() * 1000.0);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}\n{}", e.message_zh(), e.message_en());
            ExitCode::from(1)
        }
    }
}
