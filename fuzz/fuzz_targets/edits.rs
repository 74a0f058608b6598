//! Random edit sequences on the seed budget's scenario: after every operation the incremental
//! values equal a full recompute; undoing everything restores the baseline.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use yusuan::scenario::Scenario;

fn base() -> Option<&'static Scenario> {
    static BASE: OnceLock<Option<Scenario>> = OnceLock::new();
    BASE.get_or_init(|| {
        let budget = yusuan::import::seed().ok()?;
        Scenario::new(&budget).ok()
    })
    .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let base = base().expect("the seed builds a scenario");
    yusuan_fuzz::run_edits(base, data);
});
