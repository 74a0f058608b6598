//! The rounding rule, table-driven: exact, rounding at the edge of tolerance, one unit beyond.

use yusuan::reconcile::interval::{check_percent, check_sum, Interval, Status};
use yusuan::Amount;

fn a(text: &str) -> Amount {
    Amount::parse(text).expect("amount")
}

#[track_caller]
fn sum_case(
    lhs: &str,
    terms: &[&str],
    step: &str,
    status: Status,
    difference: &str,
    tolerance: &str,
) {
    let terms: Vec<(i8, Amount)> = terms
        .iter()
        .map(|t| match t.strip_prefix("-:") {
            Some(subtracted) => (-1, a(subtracted)),
            None => (1, a(t)),
        })
        .collect();
    let v = check_sum(a(lhs), &terms, a(step)).expect("no overflow");
    assert_eq!(v.status, status, "{lhs} vs {terms:?}");
    assert_eq!(v.difference, a(difference), "difference");
    assert_eq!(v.tolerance, a(tolerance), "tolerance");
}

#[test]
fn sums_of_printed_figures() {
    // lhs, terms, step, status, difference, tolerance
    sum_case("998", &["400", "352", "246"], "1", Status::Ok, "0", "2");
    // The example of the issue: 4 printed figures, tolerance 4 × 0.5 = 2.
    sum_case(
        "1000",
        &["400", "352", "246"],
        "1",
        Status::Rounding,
        "2",
        "2",
    );
    sum_case(
        "1001",
        &["400", "352", "246"],
        "1",
        Status::Mismatch,
        "3",
        "2",
    );
    sum_case(
        "996",
        &["400", "352", "246"],
        "1",
        Status::Rounding,
        "-2",
        "2",
    );
    sum_case(
        "995",
        &["400", "352", "246"],
        "1",
        Status::Mismatch,
        "-3",
        "2",
    );
    // Two figures that should be equal: tolerance one unit.
    sum_case("5738", &["5737"], "1", Status::Rounding, "1", "1");
    sum_case("5739", &["5737"], "1", Status::Mismatch, "2", "1");
    // 0.01 万元 publications.
    sum_case(
        "10.00",
        &["3.33", "3.33", "3.33"],
        "0.01",
        Status::Rounding,
        "0.01",
        "0.02",
    );
    sum_case(
        "10.03",
        &["3.33", "3.33", "3.33"],
        "0.01",
        Status::Mismatch,
        "0.04",
        "0.02",
    );
    // 元 publications, negative figures.
    sum_case("-21", &["-5", "-16"], "1", Status::Ok, "0", "1.5");
    // A difference: 18 − 39 = −21.
    sum_case("-21", &["18", "-:39"], "1", Status::Ok, "0", "1.5");
    sum_case("-20", &["18", "-:39"], "1", Status::Rounding, "1", "1.5");
    sum_case("-19", &["18", "-:39"], "1", Status::Mismatch, "2", "1.5");
}

#[track_caller]
fn pct_case(current: &str, change: &str, stated: &str, decimals: u32, status: Status) {
    let v = check_percent(a(current), a(change), a(stated), decimals, a("1")).expect("no overflow");
    assert_eq!(v.status, status, "{change} of {current} stated {stated}%");
}

#[test]
fn stated_percentages() {
    // current, change, stated %, decimals, status
    pct_case("70", "5", "8", 0, Status::Ok); // 5 / 65 = 7.69% → 8%
    pct_case("422", "-101", "-19.31", 2, Status::Ok); // 101 / 523 = 19.31%
    pct_case("84579", "15118", "22", 0, Status::Ok); // 21.76% → 22%
    pct_case("70", "5", "7", 0, Status::Rounding); // 7.69% exact, but 4.5/65.5..5.5/64.5 reaches 6.9%
    pct_case("70", "5", "9", 0, Status::Rounding); // at most 5.5 / 64 = 8.59%, within 9 ± 0.5
    pct_case("70", "5", "10", 0, Status::Mismatch); // beyond 8.59% + 0.5
    pct_case("70", "5", "80", 0, Status::Mismatch); // off by ten
    pct_case("422", "-101", "-19.3", 1, Status::Ok);
    pct_case("422", "-101", "-19.40", 2, Status::Rounding); // interval reaches 19.4%
    pct_case("1", "1", "100", 0, Status::Unverifiable); // prior 0 ± 1 contains zero
}

#[test]
fn intervals() {
    let x = Interval::printed(a("84579"), a("1")).expect("interval");
    assert_eq!(
        (x.lo.normalize().to_string(), x.hi.normalize().to_string()),
        ("84578.5".into(), "84579.5".into())
    );
    let y = Interval::printed(a("84578"), a("1")).expect("interval");
    assert!(x.intersects(y), "touching intervals intersect");
    let z = Interval::printed(a("84577"), a("1")).expect("interval");
    assert!(!x.intersects(z));
    let p = Interval::printed_percent(a("19.31"), 2).expect("interval");
    assert_eq!(
        (p.lo.normalize().to_string(), p.hi.normalize().to_string()),
        ("19.305".into(), "19.315".into())
    );
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let max = Amount::from_decimal(rust_decimal::Decimal::MAX);
    assert!(check_sum(max, &[(-1, max), (-1, max)], a("1")).is_err());
    assert!(check_percent(
        max,
        Amount::from_decimal(rust_decimal::Decimal::MIN),
        a("1"),
        0,
        a("1")
    )
    .is_err());
}
