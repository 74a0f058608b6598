//! Native timing of one edit on a generated budget (for profiling; `make bench` is the
//! measurement of record).
use std::time::Instant;
use yusuan::scenario::{generate::generated, Scenario};

fn main() {
    let b = generated(100_000, 42);
    let t = Instant::now();
    let mut s = Scenario::new(&b).expect("scenario");
    println!("graph build: {:?}", t.elapsed());
    let t = Instant::now();
    let n = 20_000;
    for i in 0..n {
        let key = format!("project:g{}", (i * 7919) % 100_000);
        let changed = s.edit(&key, &((i % 9000) + 1).to_string()).expect("edit");
        std::hint::black_box(changed);
    }
    println!("per edit: {:?}", t.elapsed() / n as u32);
}
