//! Random byte mutations of real small PDFs never panic (fixed seed, no extra crates).
mod common;
use common::fixture;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut d = base.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let len = d.len().max(1);
        match rng.below(7) {
            0 => {
                // flip a few bytes
                for _ in 0..1 + rng.below(8) {
                    let i = rng.below(len);
                    if let Some(b) = d.get_mut(i) {
                        *b = rng.next() as u8;
                    }
                }
            }
            1 => d.truncate(rng.below(len)),
            2 => {
                let i = rng.below(len);
                let junk: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
                d.splice(i.min(d.len())..i.min(d.len()), junk);
            }
            3 => {
                // delete a range
                let i = rng.below(len);
                let j = (i + rng.below(256)).min(d.len());
                d.drain(i.min(j)..j);
            }
            4 => {
                // duplicate a range somewhere else
                let i = rng.below(len);
                let j = (i + rng.below(512)).min(d.len());
                let chunk = d.get(i.min(j)..j).map(<[u8]>::to_vec).unwrap_or_default();
                let k = rng.below(len).min(d.len());
                d.splice(k..k, chunk);
            }
            5 => {
                // replace a digit (offsets, lengths, numbers) by another
                for _ in 0..1 + rng.below(6) {
                    let i = rng.below(len);
                    if let Some(b) = d.get_mut(i) {
                        if b.is_ascii_digit() {
                            *b = b'0' + (rng.next() % 10) as u8;
                        }
                    }
                }
            }
            _ => {
                // insert PDF syntax
                const TOKENS: [&[u8]; 12] = [
                    b"<<",
                    b">>",
                    b"[",
                    b"]",
                    b"(",
                    b")",
                    b" 1 0 R ",
                    b" stream\n",
                    b"endstream",
                    b" obj ",
                    b"/Filter /FlateDecode",
                    b"BT /F1 12 Tf (x) Tj ET",
                ];
                let t = TOKENS.get(rng.below(TOKENS.len())).copied().unwrap_or(b" ");
                let k = rng.below(len).min(d.len());
                d.splice(k..k, t.iter().copied());
            }
        }
    }
    d
}

fn fuzz(name: &str, iterations: usize, seed: u64) {
    fuzz_bytes(name, &fixture(name), iterations, seed);
}

/// `YUSUAN_PDF_FUZZ_SCALE=20 cargo test --test fuzz` runs 20 times as many mutations.
fn scale() -> usize {
    std::env::var("YUSUAN_PDF_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

fn fuzz_bytes(name: &str, base: &[u8], iterations: usize, seed: u64) {
    let iterations = iterations * scale();
    let mut rng = Rng(seed);
    let mut outcomes = std::collections::BTreeMap::<&'static str, usize>::new();
    for i in 0..iterations {
        let data = mutate(&mut rng, base);
        let r = std::panic::catch_unwind(|| yusuan_pdf::pdf_to_text(&data));
        match r {
            Ok(Ok(_)) => *outcomes.entry("ok").or_default() += 1,
            Ok(Err(e)) => *outcomes.entry(e.kind()).or_default() += 1,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("yusuan-pdf-fuzz-{name}-{i}.pdf"));
                let _ = std::fs::write(&path, &data);
                panic!(
                    "panic on mutation {i} of {name}; input saved to {}",
                    path.display()
                );
            }
        }
    }
    println!("{name}: {outcomes:?}");
}

#[test]
fn mutations_of_a_chromium_pdf_never_panic() {
    fuzz("small.pdf", 2000, 0x5EED_0001);
}

#[test]
fn mutations_of_a_handmade_pdf_never_panic() {
    fuzz("handmade-ok.pdf", 3000, 0x5EED_0002);
}

#[test]
fn mutations_of_a_compressed_pdf_never_panic() {
    // object streams and xref streams (LibreOffice-style compression via qpdf is not
    // needed: the LibreOffice fixture is a full real file; use a slice of its pages)
    fuzz("seed-libreoffice.pdf", 150, 0x5EED_0003);
}

#[test]
fn mutations_of_a_corpus_pdf_never_panic() {
    let path = std::path::Path::new(common::CORPUS).join("npc-office-2019-tables.pdf");
    let Ok(base) = std::fs::read(&path) else {
        println!("skipped: {} is absent", path.display());
        return;
    };
    fuzz_bytes("npc-office-2019-tables.pdf", &base, 300, 0x5EED_0004);
}

#[test]
fn mutations_of_encrypted_pdfs_never_panic() {
    fuzz("encrypted-aes128.pdf", 400, 0x5EED_0005);
    fuzz("encrypted-rc4-40.pdf", 400, 0x5EED_0006);
    fuzz("encrypted-empty-password.pdf", 200, 0x5EED_0007);
}
