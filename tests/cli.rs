//! The command line `yusuan check FILE [--json]`, run as a process: exit status 0 without a
//! mismatch, 1 with one, 2 when the input cannot be read or the usage is wrong (reason on
//! stderr, naming the file: in Chinese with the English below it, or in one language with
//! `--lang zh` or `--lang en`).

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;
use yusuan::import;
use yusuan::reconcile::{reconcile, Summary};

const SEED_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/longgang-iit-2022-budget.txt"
);
const SEED: &str = include_str!("../data/longgang-iit-2022-budget.txt");
const KEYS: [&str; 6] = [
    "ok",
    "rounding",
    "mismatch",
    "missing",
    "unverifiable",
    "note",
];

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("run yusuan")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

#[track_caller]
fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

/// A file under the temp dir, unique to this process and call, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("yusuan-cli-test-{}-{n}-{name}", std::process::id()));
        std::fs::write(&path, bytes).expect("write temp file");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("temp path is UTF-8")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn library_summary() -> Summary {
    reconcile(&import::seed().expect("seed"))
        .expect("reconcile")
        .summary
}

fn summary_line(s: &Summary) -> String {
    format!(
        "合计：一致 {}，尾数误差 {}，不一致 {}，缺失 {}，无法核对 {}，说明 {}",
        s.ok, s.rounding, s.mismatch, s.missing, s.unverifiable, s.note
    )
}

#[track_caller]
fn json_of(out: &Output) -> Value {
    serde_json::from_str(&stdout(out))
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(out)))
}

#[track_caller]
fn summary_of(json: &Value) -> Vec<(String, u64)> {
    let summary = json["summary"].as_object().expect("summary is an object");
    let mut keys: Vec<&str> = summary.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut want = KEYS.to_vec();
    want.sort_unstable();
    assert_eq!(keys, want, "summary keys");
    KEYS.iter()
        .map(|k| (k.to_string(), summary[*k].as_u64().expect("a count")))
        .collect()
}

fn as_pairs(s: &Summary) -> Vec<(String, u64)> {
    [
        s.ok,
        s.rounding,
        s.mismatch,
        s.missing,
        s.unverifiable,
        s.note,
    ]
    .iter()
    .zip(KEYS)
    .map(|(n, k)| (k.to_string(), *n as u64))
    .collect()
}

// ----- the seed ----------------------------------------------------------------------------

#[test]
fn the_seed_checks_clean_with_exit_0_and_a_summary() {
    let out = yusuan(&["check", SEED_PATH]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    let s = library_summary();
    assert!(text.contains(&summary_line(&s)), "{text}");
    assert!(text.contains("不一致 0"), "{text}");
    assert!(
        text.starts_with("2022 年深圳市龙岗区工业和信息化局 部门预算（"),
        "{text}"
    );
    assert!(text.contains("单位：万元"), "{text}");
    // One group per status present, with its count, and each finding with its rule and lines.
    assert!(
        text.contains(&format!("【缺失】{} 项", s.missing)),
        "{text}"
    );
    assert!(
        text.contains(&format!("【尾数误差】{} 项", s.rounding)),
        "{text}"
    );
    assert!(!text.contains("【不一致】"), "{text}");
    assert!(text.contains("[contents] (目录:22)"), "{text}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn json_output_has_the_summary_and_every_finding_in_full() {
    let out = yusuan(&["check", SEED_PATH, "--json"]);
    assert_exit(&out, 0);
    let json = json_of(&out);
    assert_eq!(summary_of(&json), as_pairs(&library_summary()));
    let findings = json["findings"].as_array().expect("findings is an array");
    let report = reconcile(&import::seed().expect("seed")).expect("reconcile");
    assert_eq!(findings.len(), report.findings.len());
    for (f, lib) in findings.iter().zip(&report.findings) {
        assert_eq!(f["rule"], lib.rule, "{f}");
        assert!(KEYS.contains(&f["status"].as_str().expect("status")), "{f}");
        assert_eq!(f["status"], lib.status.key(), "{f}");
        assert_eq!(f["message"], lib.message.as_str(), "{f}");
        assert!(f["values"].is_array(), "{f}");
        for v in f["values"].as_array().expect("values") {
            assert!(v["label"].is_string() && v["value"].is_string(), "{f}");
        }
        assert!(
            f.get("difference").is_some() && f.get("tolerance").is_some(),
            "{f}"
        );
        let locations = f["locations"].as_array().expect("locations");
        assert!(!locations.is_empty(), "{f}");
        for l in locations {
            assert!(l["label"].is_string(), "{f}");
        }
    }
    // Counts agree with the findings listed.
    for key in KEYS {
        let n = findings.iter().filter(|f| f["status"] == key).count() as u64;
        assert_eq!(Some(n), json["summary"][key].as_u64(), "{key}");
    }
    // `--json` may come first.
    let first = yusuan(&["--json", "check", SEED_PATH]);
    assert_exit(&first, 0);
    assert_eq!(json_of(&first), json);
}

#[test]
fn a_mismatch_exits_1() {
    let from = "\t2011307\t国内贸易管理\t593\t0\t593";
    assert_eq!(SEED.matches(from).count(), 1);
    let file = TempFile::new(
        "mismatch.txt",
        SEED.replace(from, "\t2011307\t国内贸易管理\t603\t0\t593")
            .as_bytes(),
    );
    let out = yusuan(&["check", file.path()]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(text.contains("【不一致】4 项"), "{text}");
    assert!(text.contains("不一致 4"), "{text}");
    assert!(
        text.contains("表7 2011307 国内贸易管理 支出总计 = 基本 + 项目：603 ≠ 0 + 593 = 593"),
        "{text}"
    );
    assert!(
        text.contains("[table.split] (表7:400, 表7:400, 表7:400)"),
        "{text}"
    );
    let json = yusuan(&["check", file.path(), "--json"]);
    assert_exit(&json, 1);
    assert_eq!(json_of(&json)["summary"]["mismatch"], 4);
}

// ----- unreadable input and wrong usage ------------------------------------------------------

/// The seed with `4,1x6` for 行政运行's 4,146 in 表7 (line 397).
fn garbage_in_table7() -> TempFile {
    TempFile::new(
        "garbage.txt",
        SEED.replace(
            "\t2011301\t行政运行\t4,146\t",
            "\t2011301\t行政运行\t4,1x6\t",
        )
        .as_bytes(),
    )
}

#[test]
fn unreadable_input_exits_2_with_the_reason_naming_the_file() {
    let gbk = TempFile::new("gbk.txt", &[0xB2, 0xE2, 0xCA, 0xD4]);
    let empty = TempFile::new("empty.txt", b"");
    let bad_json = TempFile::new("bad.json", b"{\"title\": 1");
    let garbage = garbage_in_table7();
    let missing =
        std::env::temp_dir().join(format!("yusuan-cli-test-{}-none.txt", std::process::id()));
    let missing = missing.to_str().expect("UTF-8 path");
    let dir = std::env::temp_dir();
    let dir = dir.to_str().expect("UTF-8 path");
    let cases: Vec<(&str, &str, &[&str])> = vec![
        ("missing file", missing, &["无法读取文件"]),
        ("a directory", dir, &["无法读取文件"]),
        (
            "GBK bytes",
            gbk.path(),
            &["第 1 行", "不是 UTF-8 编码", "GBK"],
        ),
        ("empty file", empty.path(), &["第 1 行", "文件为空"]),
        ("broken JSON", bad_json.path(), &["JSON 格式错误"]),
        (
            "garbage in 表7",
            garbage.path(),
            &["第 397 行", "表7", "“支出总计”列", "4,1x6"],
        ),
    ];
    for (name, path, says) in cases {
        for json in [false, true] {
            let mut args = vec!["check", path];
            if json {
                args.push("--json");
            }
            let out = yusuan(&args);
            assert_exit(&out, 2);
            let err = stderr(&out);
            assert!(err.contains(path), "{name}: the file is not named: {err}");
            for s in says {
                assert!(err.contains(s), "{name}: {s:?} not in {err}");
            }
            assert!(stdout(&out).is_empty(), "{name}: {}", stdout(&out));
        }
    }
}

/// `--lang en` gives the reason in English only, `--lang zh` in Chinese only; by default both.
#[test]
fn the_reason_comes_in_the_language_asked_for() {
    let garbage = garbage_in_table7();
    let missing =
        std::env::temp_dir().join(format!("yusuan-cli-test-{}-gone.txt", std::process::id()));
    let missing = missing.to_str().expect("UTF-8 path");
    let english = format!(
        "cannot read {} line 397 (table 7 “一般公共预算支出表（按功能分类）”): column “支出总计”: “4,1x6” is not a valid amount",
        garbage.path()
    );
    let chinese = format!(
        "{} 第 397 行（表7 一般公共预算支出表（按功能分类））：“支出总计”列：“4,1x6”不是有效金额",
        garbage.path()
    );
    let cases: [(&[&str], bool, bool); 4] = [
        (&[], true, true),
        (&["--lang", "en"], false, true),
        (&["--lang", "zh"], true, false),
        (&["--json", "--lang", "en"], false, true),
    ];
    for (flags, zh, en) in cases {
        let mut args = vec!["check", garbage.path()];
        args.extend_from_slice(flags);
        let out = yusuan(&args);
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert_eq!(err.contains(&chinese), zh, "{flags:?}: {err}");
        assert_eq!(err.contains(&english), en, "{flags:?}: {err}");
    }
    let out = yusuan(&["check", missing, "--lang", "en"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("cannot read the file {missing}: ")),
        "{err}"
    );
    for flags in [&["--lang"][..], &["--lang", "fr"]] {
        let mut args = vec!["check", garbage.path()];
        args.extend_from_slice(flags);
        let out = yusuan(&args);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains("[--lang zh|en]"), "{flags:?}");
    }
}

/// `--lang en` prints the findings in English: the same groups, counts, rules and lines, each
/// message the library's `message_en`; `--lang zh` prints exactly the default (Chinese) report;
/// `--json` carries `messageEn` beside every `message`.
#[test]
fn findings_come_in_english_with_lang_en() {
    let report = reconcile(&import::seed().expect("seed")).expect("reconcile");
    let out = yusuan(&["check", SEED_PATH, "--lang", "en"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("“2022 年深圳市龙岗区工业和信息化局 部门预算” ("),
        "{text}"
    );
    assert!(text.contains("unit: 10,000 yuan"), "{text}");
    let s = report.summary;
    assert!(
        text.contains(&format!("[missing] {}\n", s.missing)),
        "{text}"
    );
    assert!(
        text.contains(&format!("[rounding difference] {}\n", s.rounding)),
        "{text}"
    );
    assert!(!text.contains("[mismatch]"), "{text}");
    assert!(
        text.contains(&format!(
            "In all: ok {}, rounding {}, mismatch {}, missing {}, cannot be checked {}, notes {}",
            s.ok, s.rounding, s.mismatch, s.missing, s.unverifiable, s.note
        )),
        "{text}"
    );
    assert!(text.contains("[contents] (the contents:22)"), "{text}");
    for f in &report.findings {
        assert!(
            text.contains(&format!("- {}  [{}] (", f.message_en, f.rule)),
            "{}",
            f.message_en
        );
        assert!(!text.contains(&f.message), "{}", f.message);
    }
    assert!(
        text.contains("table 7 “201 一般公共服务支出” column “支出总计” 9,207, difference 1, rounding tolerance ±1  [same.function] (table 1:268, table 7:395)"),
        "{text}"
    );
    let zh = yusuan(&["check", SEED_PATH, "--lang", "zh"]);
    assert_eq!(stdout(&zh), stdout(&yusuan(&["check", SEED_PATH])));
    let json = json_of(&yusuan(&["check", SEED_PATH, "--json", "--lang", "en"]));
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), report.findings.len());
    for (f, lib) in findings.iter().zip(&report.findings) {
        assert_eq!(f["message"], lib.message.as_str(), "{f}");
        assert_eq!(f["messageEn"], lib.message_en.as_str(), "{f}");
    }
}

#[test]
fn wrong_usage_exits_2_with_the_usage() {
    let cases: &[&[&str]] = &[
        &[],
        &["check"],
        &["--json"],
        &["check", "--json"],
        &["verify", SEED_PATH],
        &[SEED_PATH],
    ];
    for args in cases {
        let out = yusuan(args);
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert!(
            err.contains("用法") && err.contains("yusuan check FILE... [--json]"),
            "{args:?}: {err}"
        );
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
}

// ----- our JSON format ---------------------------------------------------------------------

#[test]
fn the_budget_as_json_checks_exactly_like_the_text() {
    let budget = import::seed().expect("seed");
    let json = import::json::write(&budget).expect("write JSON");
    let file = TempFile::new("seed.json", json.as_bytes());
    let from_json = yusuan(&["check", file.path(), "--json"]);
    assert_exit(&from_json, 0);
    let from_text = yusuan(&["check", SEED_PATH, "--json"]);
    assert_exit(&from_text, 0);
    let (a, b) = (json_of(&from_json), json_of(&from_text));
    assert_eq!(summary_of(&a), summary_of(&b));
    assert_eq!(summary_of(&a), as_pairs(&library_summary()));
    // The findings themselves, locations and lines included, are the same.
    assert_eq!(a["findings"], b["findings"]);
    // The plain output too (its heading names the source the budget was read from).
    let plain = stdout(&yusuan(&["check", file.path()]));
    assert!(plain.contains(&summary_line(&library_summary())), "{plain}");
    assert!(plain.contains(import::SEED_NAME), "{plain}");
}

#[test]
fn a_missing_second_file_is_named() {
    let out = yusuan(&["check", SEED_PATH, "no-such-file.txt"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("no-such-file.txt") && err.contains("无法读取"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn standard_input_reads_like_a_file() {
    use std::io::Write;
    let seed = std::fs::read(SEED_PATH).expect("seed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run yusuan");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&seed)
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_exit(&out, 0);
    let from_file = stdout(&yusuan(&["check", SEED_PATH]));
    let from_stdin = stdout(&out);
    // The same findings; only the file name in the first line differs.
    assert_eq!(
        from_file.lines().skip(1).collect::<Vec<_>>(),
        from_stdin.lines().skip(1).collect::<Vec<_>>()
    );
    assert!(from_stdin.contains("一致 331"), "{from_stdin}");
}

#[test]
fn a_reader_that_stops_early_is_not_a_crash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["check", SEED_PATH])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run yusuan");
    // Close the pipe before reading anything, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}", out.status);
}

#[test]
fn two_files_of_one_publication_read_as_one() {
    let dir = std::env::temp_dir().join(format!("yusuan-cli-two-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let seed = std::fs::read_to_string(SEED_PATH).expect("seed");
    // The seed cut in two where its tables begin, its cells aligned by spaces (not the template).
    let spaced: String = seed.replace('\t', "    ");
    let cut = spaced.find("二、表格部分").expect("tables part");
    let (text, tables) = spaced.split_at(cut);
    let a = dir.join("text.txt");
    let b = dir.join("tables.txt");
    std::fs::write(&a, text).expect("write");
    std::fs::write(&b, tables).expect("write");
    let (a, b) = (
        a.to_string_lossy().to_string(),
        b.to_string_lossy().to_string(),
    );
    let both = yusuan(&["check", &a, &b]);
    let out = stdout(&both);
    assert!(
        matches!(both.status.code(), Some(0 | 1)),
        "{}",
        stderr(&both)
    );
    assert!(out.contains(&format!("{a} + {b}")), "{out}");
    let tables_only = stdout(&yusuan(&["check", &b]));
    let ok = |s: &str| {
        s.lines()
            .last()
            .and_then(|l| l.split("一致 ").nth(1))
            .and_then(|n| n.split('，').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    assert!(ok(&out) >= ok(&tables_only) && ok(&out) >= 20, "{out}");
}
