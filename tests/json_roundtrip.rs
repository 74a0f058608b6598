//! Our JSON format: amounts as strings, and a byte-for-byte round trip.

use yusuan::import::{self, json};

#[test]
fn the_seed_round_trips_byte_for_byte() {
    let budget = import::seed().expect("seed");
    let first = json::write(&budget).expect("write");
    let back = json::read(&first, "seed.json").expect("read");
    assert_eq!(back, budget);
    let second = json::write(&back).expect("write again");
    assert_eq!(first, second);
    let through_any = import::any(first.as_bytes(), "seed.json").expect("any");
    assert_eq!(through_any, budget);
}

#[test]
fn amounts_are_strings_never_numbers() {
    let text = json::write(&import::seed().expect("seed")).expect("write");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let total = &value["figures"]["projects"][2]["amount"]["amount"];
    assert_eq!(total, &serde_json::Value::String("1838".into()));
    fn no_floats(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Number(n) => n.is_u64() || n.is_i64(),
            serde_json::Value::Array(a) => a.iter().all(no_floats),
            serde_json::Value::Object(o) => o.values().all(no_floats),
            _ => true,
        }
    }
    assert!(no_floats(&value), "no floating-point number anywhere");
}

#[test]
fn bad_json_gets_a_clear_error() {
    let cases: [(&str, String); 5] = [
        ("truncated", "{\"title\": \"x\"".to_string()),
        (
            "amount as a number",
            json::write(&import::seed().expect("seed"))
                .expect("w")
                .replacen("\"step\": \"1\"", "\"step\": 1", 1),
        ),
        (
            "unknown field",
            json::write(&import::seed().expect("seed"))
                .expect("w")
                .replacen("\"title\":", "\"surprise\": 1, \"title\":", 1),
        ),
        (
            "deep nesting",
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        (
            "not an amount",
            json::write(&import::seed().expect("seed"))
                .expect("w")
                .replacen("\"step\": \"1\"", "\"step\": \"1e400\"", 1),
        ),
    ];
    for (what, text) in cases {
        let err = json::read(&text, "bad.json").expect_err(what);
        let message = err.to_string();
        assert!(message.starts_with("bad.json"), "{what}: {message}");
    }
}
