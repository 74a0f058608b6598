//! The amount parser: parse → display → parse gives the same amount, and so does the JSON
//! string form. Two amounts (`a|b`): a sum or difference that succeeds is exact, never rounded;
//! amounts in the range an edit accepts always add and subtract.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yusuan::Amount;

fn round_trip(text: &str) -> Option<Amount> {
    let a = Amount::parse(text).ok()?;
    let shown = a.display();
    let back = Amount::parse(&shown);
    assert_eq!(
        back.as_ref().ok(),
        Some(&a),
        "{text:?} → {shown:?} → {back:?}"
    );
    let json = serde_json::to_string(&a).expect("an amount serializes");
    let from_json: Result<Amount, _> = serde_json::from_str(&json);
    assert_eq!(from_json.as_ref().ok(), Some(&a), "{text:?} → {json}");
    assert_eq!(
        a.is_negative(),
        shown.starts_with('-'),
        "{text:?} → {shown:?}"
    );
    Some(a)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = round_trip(text);
    let Some((left, right)) = text.split_once('|') else {
        return;
    };
    let (Some(a), Some(b)) = (round_trip(left), round_trip(right)) else {
        return;
    };
    // Amounts a budget officer may type always add and subtract exactly.
    let typed = |x: Amount| yusuan::scenario::in_range(x, "").is_ok();
    if typed(a) && typed(b) {
        for r in [a.checked_add(b), a.checked_sub(b), b.checked_sub(a)] {
            assert!(r.is_ok(), "{a} ± {b}: {r:?}");
        }
    }
    // Any sum or difference that succeeds is exact: undoing it gives the operand back. (At the
    // 29th digit an exact result can be refused: Decimal rounds it first.)
    if let Ok(sum) = a.checked_add(b) {
        if let Ok(back) = sum.checked_sub(b) {
            assert_eq!(back, a, "{a} + {b} = {sum} is not exact");
        }
        assert_eq!(
            b.checked_add(a).ok(),
            Some(sum),
            "{a} + {b} does not commute"
        );
    }
    if let Ok(difference) = a.checked_sub(b) {
        if let Ok(back) = difference.checked_add(b) {
            assert_eq!(back, a, "{a} − {b} = {difference} is not exact");
        }
    }
    let _ = Amount::checked_sum(&[a, b, a]);
});
