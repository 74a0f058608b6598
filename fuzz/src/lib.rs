//! Shared checks for the fuzz targets: what must hold for any budget that imports, and the
//! decoder that turns fuzz bytes into a sequence of scenario operations.
//!
//! Every check panics on a violation: libFuzzer records the input as a crash.

use yusuan::import::json;
use yusuan::model::Budget;
use yusuan::scenario::{Balance, Scenario};
use yusuan::{reconcile, report, view};

/// Everything the page does with a budget it has just read, in the order the page does it:
/// reconcile, build the views and the scenario. Each may refuse the budget with an error; none
/// may panic. A budget that imports also survives our JSON format unchanged.
pub fn exercise_budget(budget: &Budget) {
    if let Ok(result) = reconcile::reconcile(budget) {
        let _ = report::findings(budget, &result);
    }
    let _ = view::overview(budget);
    let _ = view::tables(budget);
    let _ = view::contents(budget);
    let _ = view::csv(budget);
    if let Ok(scenario) = Scenario::new(budget) {
        let _ = view::editables(&scenario);
        let _ = view::sentences(budget, &scenario);
        let _ = scenario.all();
        let values = scenario.amounts();
        match scenario.full_recompute() {
            Ok(full) => assert!(full == values, "the baseline must equal a full recompute"),
            Err(e) => panic!("a budget that builds a scenario must recompute: {e}"),
        }
    }
    if let Ok(text) = json::write(budget) {
        match json::read(&text, "roundtrip.json") {
            Ok(back) => assert!(back == *budget, "JSON round trip changed the budget"),
            Err(e) => panic!("our own JSON export does not read back: {e}"),
        }
    }
}

/// A reader over the fuzz bytes that yields zeros once they run out.
struct Bytes<'a> {
    data: &'a [u8],
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let n = n.min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head
    }

    fn u64(&mut self) -> u64 {
        let mut v = 0u64;
        for _ in 0..8 {
            v = (v << 8) | u64::from(self.byte());
        }
        v
    }

    fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

/// Amount texts at the edges of what the engine must handle.
const EXTREMES: &[&str] = &[
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "39614081257132168796771975168",
    "0.0000000000000000000000000001",
    "-0",
    "0",
    "1e400",
    "NaN",
    "Infinity",
    "1,0,0",
    "12abc",
    "999999999999999999999999999999",
    "１８３８",
    "−16",
    "",
];

/// The amount text an edit types, decoded from the fuzz bytes.
fn amount_text(bytes: &mut Bytes<'_>) -> String {
    match bytes.byte() % 5 {
        0 | 1 => {
            let v = i64::from(bytes.byte() as i8) * 100 + i64::from(bytes.byte());
            v.to_string()
        }
        2 => {
            let v = bytes.u64() as i64;
            let scale = usize::from(bytes.byte() % 29);
            let digits = v.unsigned_abs().to_string();
            let sign = if v < 0 { "-" } else { "" };
            if scale == 0 || scale >= digits.len() {
                format!("{sign}{digits}")
            } else {
                let (int, frac) = digits.split_at(digits.len() - scale);
                format!("{sign}{int}.{frac}")
            }
        }
        3 => {
            let i = usize::from(bytes.byte()) % EXTREMES.len();
            EXTREMES.get(i).copied().unwrap_or("0").to_string()
        }
        _ => {
            let n = usize::from(bytes.byte() % 32);
            String::from_utf8_lossy(bytes.take(n)).into_owned()
        }
    }
}

/// Runs the operations encoded in `data` on a copy of `base` (a scenario at its baseline, in
/// [`Balance::Follow`] mode) and checks after every operation that the incremental values equal
/// a full recompute, that a refused operation changes nothing, and at the end that undoing
/// everything restores the baseline exactly.
pub fn run_edits(base: &Scenario, data: &[u8]) {
    let baseline = base.values();
    let leaves: Vec<String> = base.leaves().map(|n| n.key.clone()).collect();
    let all: Vec<String> = base.nodes().iter().map(|n| n.key.clone()).collect();
    if leaves.is_empty() {
        return;
    }
    let mut s = base.clone();
    let mut bytes = Bytes { data };
    let mut steps = 0usize;
    let trace = std::env::var_os("YUSUAN_FUZZ_TRACE").is_some();
    while !bytes.is_empty() && steps < 256 {
        steps += 1;
        let before = s.values();
        let history = s.history();
        let op = bytes.byte();
        let refused = match op % 10 {
            0..=5 => {
                let pick = usize::from(bytes.byte()) << 8 | usize::from(bytes.byte());
                let key = if op % 10 == 5 {
                    // Now and then any figure, editable or not, or an unknown key.
                    all.get(pick % (all.len() + 1))
                        .cloned()
                        .unwrap_or_else(|| "project:nope".to_string())
                } else {
                    leaves.get(pick % leaves.len()).cloned().unwrap_or_default()
                };
                let text = amount_text(&mut bytes);
                let out = s.edit(&key, &text);
                if trace {
                    eprintln!("edit {key} {text:?} → {:?}", out.as_ref().map(Vec::len));
                }
                out.is_err()
            }
            6 | 7 => {
                let out = if op % 10 == 6 { s.undo() } else { s.redo() };
                if trace {
                    eprintln!(
                        "{} → {:?}",
                        if op % 10 == 6 { "undo" } else { "redo" },
                        out.as_ref().map(|o| o.as_ref().map(Vec::len))
                    );
                }
                out.is_err()
            }
            8 => {
                let mode = if s.balance() == Balance::Follow {
                    Balance::Ceiling
                } else {
                    Balance::Follow
                };
                let out = s.set_balance(mode);
                if trace {
                    eprintln!("balance {mode:?} → {:?}", out.as_ref().map(Vec::len));
                }
                out.is_err()
            }
            _ => {
                // Re-apply the current edits from a fresh copy, as a share link does.
                let edits = s.edits();
                if trace {
                    eprintln!("replay {} edits", edits.len());
                }
                let mut fresh = base.clone();
                if fresh.balance() != s.balance() {
                    let _ = fresh.set_balance(s.balance());
                }
                if fresh.apply_edits(&edits).is_ok() {
                    assert_eq!(
                        fresh.values(),
                        s.values(),
                        "a scenario rebuilt from its edits differs"
                    );
                }
                false
            }
        };
        if refused {
            assert_eq!(s.values(), before, "a refused operation changed figures");
            assert_eq!(s.history(), history, "a refused operation changed history");
        }
        match s.full_recompute() {
            Ok(full) => assert!(
                full == s.amounts(),
                "incremental values differ from a full recompute after op {op}"
            ),
            Err(e) => panic!("full recompute failed after op {op}: {e}"),
        }
    }
    while let Ok(Some(_)) = s.undo() {}
    assert_eq!(s.history().0, 0, "undo stopped before the first edit");
    if s.balance() != Balance::Follow {
        let _ = s.set_balance(Balance::Follow);
    }
    assert_eq!(
        s.values(),
        baseline,
        "undoing everything must restore the baseline"
    );
    let _ = s.reset();
    assert_eq!(s.values(), baseline, "reset must restore the baseline");
}
