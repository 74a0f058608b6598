//! Prints every claim of a publication and its verdict.
fn main() {
    let b = yusuan::import::seed().expect("seed");
    for c in yusuan::claims::check(&b).expect("claims") {
        println!(
            "{:?} p{} l{} [{}] {:?} {:?} → {:?}: {}",
            c.claim.kind,
            c.claim.part,
            c.claim.line,
            c.claim.text,
            c.claim.subject,
            c.claim.reason,
            c.finding.status,
            c.finding.message
        );
    }
}
