//! `cargo run --release --example pdf2txt -- IN.pdf [OUT.txt]`: extract, print the time taken to stderr.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(input) = args.get(1) else {
        eprintln!("usage: pdf2txt IN.pdf [OUT.txt]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{input}: {e}");
            std::process::exit(2);
        }
    };
    let t = std::time::Instant::now();
    let r = yusuan_pdf::pdf_to_text(&bytes);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    match r {
        Ok(t) => {
            eprintln!("pages={} ms={ms:.1}", t.pages);
            match args.get(2) {
                Some(out) => {
                    if let Err(e) = std::fs::write(out, t.text) {
                        eprintln!("{out}: {e}");
                        std::process::exit(2);
                    }
                }
                None => print!("{}", t.text),
            }
        }
        Err(e) => {
            eprintln!(
                "error[{}] ms={ms:.1}: {} / {}",
                e.kind(),
                e.message_zh(),
                e.message_en()
            );
            std::process::exit(1);
        }
    }
}
