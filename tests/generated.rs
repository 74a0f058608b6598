//! Generated budgets: the engine agrees with a full recompute, the checks hold, and an edit
//! touches the same small number of figures whatever the budget's size.

use yusuan::reconcile::{reconcile, Status};
use yusuan::scenario::generate::{generated, Rng};
use yusuan::scenario::Scenario;

#[test]
fn a_generated_budget_reconciles_without_mismatch() {
    let b = generated(2_000, 7);
    let r = reconcile(&b).expect("reconcile");
    let bad: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.status == Status::Mismatch)
        .map(|f| f.message.as_str())
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    assert!(r.summary.ok > 100);
}

#[test]
fn incremental_equals_full_recompute_on_generated_budgets() {
    for (size, seed) in [(50, 1), (500, 2), (3_000, 3)] {
        let b = generated(size, seed);
        let mut s = Scenario::new(&b).expect("scenario");
        let mut rng = Rng::new(seed + 100);
        for step in 0..60 {
            let p = rng.below(size as u64);
            let amount = rng.below(10_000).to_string();
            s.edit(&format!("project:g{p}"), &amount).expect("edit");
            if step % 10 == 9 {
                assert_eq!(
                    s.full_recompute().expect("full"),
                    s.amounts(),
                    "size {size} step {step}"
                );
            }
        }
        while s.undo().expect("undo").is_some() {}
        let fresh = Scenario::new(&b).expect("scenario");
        assert_eq!(
            s.values(),
            fresh.values(),
            "size {size}: undo restores the baseline"
        );
    }
}

#[test]
fn one_edit_touches_a_fixed_number_of_figures() {
    let touched = |size: usize| {
        let b = generated(size, 5);
        let mut s = Scenario::new(&b).expect("scenario");
        s.edit("project:g0", "123456").expect("edit").len()
    };
    let small = touched(16);
    assert_eq!(
        small,
        touched(20_000),
        "O(depth): the same figures change at any size"
    );
    assert!(small < 40, "{small}");
}
