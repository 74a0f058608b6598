//! `cargo run --example glyphs -- IN.pdf PAGE`: print the positioned characters of a page.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (Some(f), Some(p)) = (a.get(1), a.get(2).and_then(|p| p.parse().ok())) else {
        return;
    };
    let Ok(b) = std::fs::read(f) else { return };
    if std::env::var("BLOCKS").is_ok() {
        match yusuan_pdf::debug_blocks(&b, p) {
            Ok(s) => print!("{s}"),
            Err(e) => eprintln!("{e}"),
        }
        return;
    }
    match yusuan_pdf::debug_glyphs(&b, p) {
        Ok(gs) => {
            for (c, x, y, dx, fs) in gs {
                if std::env::var("FULL").is_ok() {
                    println!("{c:?} x={x:?} y={y:?} dx={dx:?} fs={fs:?}");
                } else {
                    println!("{c:?} x={x:.3} y={y:.3} dx={dx:.3} fs={fs:.3}");
                }
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
