//! The published-text importer: any bytes either import or are refused with an error; a budget
//! that imports survives reconciliation, the views, the scenario and our JSON format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(budget) = yusuan::import::published_text(data, "fuzz.txt") {
        yusuan_fuzz::exercise_budget(&budget);
    }
});
