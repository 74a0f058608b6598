//! The file openers (crates/open: workbooks, CSV, PDFs): any bytes either become text or are
//! refused with a reason; the text either imports or is refused; a budget that imports
//! survives reconciliation, the views, the scenario and our JSON format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Workbooks and PDFs are told by their bytes; anything else is read as a CSV.
    let Ok(Some(opened)) = yusuan_open::to_text(data, "fuzz.csv") else {
        return;
    };
    let notes = opened
        .notes
        .into_iter()
        .map(|n| (n.place, n.message_zh, n.message_en));
    let converted = yusuan::import::Converted::new("fuzz.csv", opened.text, notes);
    let files = [(Vec::new(), "fuzz.csv".to_string())];
    if let Ok(budget) = yusuan::import::converted_publication(&files, vec![Some(converted)]) {
        yusuan_fuzz::exercise_budget(&budget);
    }
});
