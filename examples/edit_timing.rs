//! Native timing of one edit (for profiling; `make bench` is the measurement of record):
//! `cargo run --release --example edit_timing [PROJECTS]`, the seed when PROJECTS is 16 or
//! absent, a generated budget otherwise.
use std::time::Instant;
use yusuan::scenario::{generate::generated, Scenario};

fn main() {
    let projects: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(16);
    let b = if projects == 16 {
        yusuan::import::seed().expect("seed")
    } else {
        generated(projects, 42)
    };
    let t = Instant::now();
    let mut s = Scenario::new(&b).expect("scenario");
    println!("graph build: {:?}", t.elapsed());
    let keys: Vec<String> = yusuan::view::editables(&s)
        .into_iter()
        .filter(|e| e.key.starts_with("project:"))
        .map(|e| e.key)
        .collect();
    let n = 20_000;
    let t = Instant::now();
    for i in 0..n {
        let key = &keys[(i * 7919) % keys.len()];
        let changed = s.edit(key, &((i % 9000) + 1).to_string()).expect("edit");
        std::hint::black_box(changed);
    }
    println!("per edit: {:?}", t.elapsed() / n as u32);
    // The same edits and the JSON text the wasm binding hands to JSON.parse.
    let t = Instant::now();
    let mut bytes = 0;
    for i in 0..n {
        let key = &keys[(i * 7919) % keys.len()];
        let changed = s.edit(key, &((i % 9000) + 2).to_string()).expect("edit");
        bytes += serde_json::to_string(&changed).expect("json").len();
    }
    println!(
        "per edit with JSON: {:?}, {} bytes of JSON",
        t.elapsed() / n as u32,
        bytes / n
    );
    // The compact step the page's edits cross the boundary as (`Scenario::edit_compact`).
    let t = Instant::now();
    let mut bytes = 0;
    let mut out = String::new();
    for i in 0..n {
        let key = &keys[(i * 7919) % keys.len()];
        s.edit_compact(key, &((i % 9000) + 3).to_string(), &mut out)
            .expect("edit");
        bytes += out.len();
    }
    if std::env::var_os("SHOW").is_some() {
        println!("{out}");
    }
    println!(
        "per edit, compact: {:?}, {} bytes",
        t.elapsed() / n as u32,
        bytes / n
    );
    let mut full: Vec<std::time::Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(s.full_recompute().expect("full"));
            t.elapsed()
        })
        .collect();
    full.sort();
    println!("full recompute (median of 7): {:?}", full[3]);
}
