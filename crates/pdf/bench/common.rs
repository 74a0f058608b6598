// shared scoring: fraction of the twin's non-space chars (as a multiset) found in the output
pub fn score(out: &str, twin: &str) -> f64 {
    use std::collections::HashMap;
    let mut m: HashMap<char, i64> = HashMap::new();
    for c in out.chars().filter(|c| !c.is_whitespace()) { *m.entry(c).or_default() += 1; }
    let (mut hit, mut tot) = (0i64, 0i64);
    for c in twin.chars().filter(|c| !c.is_whitespace()) { tot += 1; if let Some(v) = m.get_mut(&c) { if *v > 0 { *v -= 1; hit += 1; } } }
    hit as f64 / tot.max(1) as f64
}
pub fn run(name: &str, f: impl Fn(&[u8]) -> Result<String, String>) {
    if let Some(path) = std::env::args().nth(1) {
        let bytes = std::fs::read(&path).unwrap();
        let t = std::time::Instant::now();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&bytes)));
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        match r {
            Ok(Ok(s)) => println!("ok chars={} {ms:.0}ms", s.chars().count()),
            Ok(Err(e)) => println!("error {ms:.0}ms: {}", e.chars().take(80).collect::<String>()),
            Err(_) => println!("PANIC {ms:.0}ms"),
        }
        return;
    }
    let dir = "/work/shared/corpus/jiangsu";
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().map_or(false, |x| x == "pdf")).collect();
    files.sort();
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        let twin = std::fs::read_to_string(p.with_extension("layout.txt")).unwrap();
        let t = std::time::Instant::now();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&bytes)));
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        match r {
            Ok(Ok(s)) => println!("{name}\t{stem}\t{ms:.0}ms\tchars={}\tscore={:.3}", s.chars().count(), score(&s, &twin)),
            Ok(Err(e)) => println!("{name}\t{stem}\t{ms:.0}ms\tERROR {e}"),
            Err(_) => println!("{name}\t{stem}\t{ms:.0}ms\tPANIC"),
        }
    }
}
