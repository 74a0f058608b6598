//! The JSON importer (through `import::any`, as the page reads a dropped file): any bytes either
//! import or are refused; a budget that imports survives everything the page does with it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let direct = yusuan::import::json::read(text, "fuzz.json");
        if let Ok(budget) = &direct {
            yusuan_fuzz::exercise_budget(budget);
        }
    }
    let _ = yusuan::import::any(data, "fuzz.json");
});
