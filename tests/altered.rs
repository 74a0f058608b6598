use yusuan::import;
use yusuan::reconcile::{reconcile, Status};

const SEED: &str = include_str!("../data/longgang-iit-2022-budget.txt");

fn show(name: &str, text: &str) {
    println!("===== {name}");
    match import::published_text(text.as_bytes(), "altered.txt") {
        Err(e) => println!("ERR {e}"),
        Ok(b) => match reconcile(&b) {
            Err(e) => println!("RECONCILE ERR {e}"),
            Ok(r) => {
                println!("{:?}", r.summary);
                let base = reconcile(&import::seed().unwrap()).unwrap();
                for f in &r.findings {
                    if f.status == Status::Ok {
                        continue;
                    }
                    if base
                        .findings
                        .iter()
                        .any(|g| g.message == f.message && g.status == f.status)
                    {
                        continue;
                    }
                    println!(
                        "  [{:?}] {} :: {} :: {:?}",
                        f.status, f.rule, f.message, f.locations
                    );
                }
            }
        },
    }
}

fn lines_without(pred: impl Fn(usize, &str) -> bool) -> String {
    SEED.split('\n')
        .enumerate()
        .filter(|(i, l)| !pred(i + 1, l))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n")
}

fn drop_last_col(from: usize, to: usize) -> String {
    SEED.split('\n')
        .enumerate()
        .map(|(i, l)| {
            let n = i + 1;
            if (from..=to).contains(&n) && l.contains('\t') {
                l.rsplit_once('\t').unwrap().0.to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn raw(name: &str, bytes: &[u8]) {
    match import::published_text(bytes, "raw.txt") {
        Err(e) => println!("===== {name}: ERR {e} // {}", e.english()),
        Ok(b) => println!("===== {name}: OK {:?}", reconcile(&b).map(|r| r.summary)),
    }
    match import::any(bytes, "raw.txt") {
        Err(e) => println!("      any: ERR {e}"),
        Ok(b) => println!("      any: OK {:?}", reconcile(&b).map(|r| r.summary)),
    }
}

#[test]
fn explore2() {
    show("drop col", &drop_last_col(385, 429));
    show(
        "t8 -24",
        &SEED.replace("\t增减变化金额\t-21\t", "\t增减变化金额\t-24\t"),
    );
    raw("empty", b"");
    raw("ws", b"  \n\n");
    raw("gbk", &[0xB2, 0xE2, 0xCA, 0xD4]);
    let mut v = vec![0xEF, 0xBB, 0xBF];
    v.extend_from_slice(SEED.as_bytes());
    raw("bom", &v);
    raw("crlf", SEED.replace('\n', "\r\n").as_bytes());
    raw("nul", SEED.replacen("表 7", "表\0 7", 1).as_bytes());
    raw("seed", SEED.as_bytes());
    let mut g = SEED.as_bytes().to_vec();
    g.splice(100..100, [0xB2, 0xE2, 0xCA, 0xD4]);
    raw("gbk mid", &g);
    raw("{", b"{");
    raw(
        "title only",
        "2022 年深圳市龙岗区工业和信息化局 部门预算\n".as_bytes(),
    );
}
#[test]
fn explore() {
    show(
        "t7 593",
        &SEED.replace(
            "\t2011307\t国内贸易管理\t593\t0\t593",
            "\t2011307\t国内贸易管理\t603\t0\t593",
        ),
    );
    show(
        "t1 total",
        &SEED.replace(
            "本年收入合计\t84,579\t本年支出合计\t84,579",
            "本年收入合计\t84,579\t本年支出合计\t84,589",
        ),
    );
    show(
        "t8 change",
        &SEED.replace("\t增减变化金额\t-21\t", "\t增减变化金额\t-20\t"),
    );
    show(
        "p3 70",
        &SEED.replacen("节能减排预算 70 万元", "节能减排预算 80 万元", 1),
    );
    show("p3 552", &SEED.replace("增加 452%", "增加 552%"));
    show(
        "rm 2080506",
        &lines_without(|_, l| l.starts_with("\t2080506\t")),
    );
    show("rm t8", &lines_without(|n, _| (431..=446).contains(&n)));
    show("rm t9 note", &lines_without(|n, _| n == 458));
    show(
        "garbage",
        &SEED.replace(
            "\t2011301\t行政运行\t4,146\t4,146\t0",
            "\t2011301\t行政运行\t4,1x6\t4,146\t0",
        ),
    );
    let t: String = SEED.split('\n').collect::<Vec<_>>()[..407].join("\n");
    show("cut", &t);
}

fn first_digits(line: &str) -> Option<(usize, usize)> {
    let start = line.find(|c: char| c.is_ascii_digit())?;
    let len = line[start..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(line.len() - start);
    Some((start, start + len))
}

#[test]
fn explore_sweep() {
    let lines: Vec<&str> = SEED.split('\n').collect();
    let t = std::time::Instant::now();
    let mut errs = std::collections::BTreeMap::new();
    for i in 0..lines.len() {
        let text = lines
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n");
        match import::published_text(text.as_bytes(), "x.txt") {
            Err(e) => {
                errs.insert(i + 1, e.to_string());
            }
            Ok(b) => {
                if let Err(e) = reconcile(&b) {
                    errs.insert(i + 1, format!("RECONCILE {e}"));
                }
            }
        }
    }
    println!("delete sweep {:?}", t.elapsed());
    for (k, v) in &errs {
        println!("del {k}: {v}");
    }
    let t = std::time::Instant::now();
    for i in (0..lines.len()).step_by(7) {
        let Some((a, b)) = first_digits(lines[i]) else {
            continue;
        };
        for rep in ["9999999999999999999999999999999", "NaN"] {
            let mut ls = lines.clone();
            let new = format!("{}{}{}", &lines[i][..a], rep, &lines[i][b..]);
            ls[i] = &new;
            let text = ls.join("\n");
            match import::published_text(text.as_bytes(), "x.txt") {
                Err(e) => println!("rep {} {rep}: {e}", i + 1),
                Ok(b) => match reconcile(&b) {
                    Err(e) => println!("rep {} {rep}: RECONCILE {e}", i + 1),
                    Ok(r) => {
                        if r.summary.mismatch > 0 || r.summary.unverifiable > 0 {
                            println!("rep {} {rep}: {:?}", i + 1, r.summary)
                        }
                    }
                },
            }
        }
    }
    println!("rep sweep {:?}", t.elapsed());
}

#[test]
fn explore_time() {
    let t = std::time::Instant::now();
    for _ in 0..20 {
        import::published_text(SEED.as_bytes(), "x").unwrap();
    }
    println!("import {:?}", t.elapsed() / 20);
    let b = import::published_text(SEED.as_bytes(), "x").unwrap();
    let t = std::time::Instant::now();
    for _ in 0..20 {
        reconcile(&b).unwrap();
    }
    println!("reconcile {:?}", t.elapsed() / 20);
    let rep = |line: usize, r: &str| {
        let ls: Vec<String> = SEED
            .split('\n')
            .enumerate()
            .map(|(i, l)| {
                if i + 1 == line {
                    let (a, b) = first_digits(l).unwrap();
                    format!("{}{}{}", &l[..a], r, &l[b..])
                } else {
                    l.to_string()
                }
            })
            .collect();
        ls.join("\n")
    };
    show("rep 92", &rep(92, "NaN"));
    show("rep 344", &rep(344, "NaN"));
    show("rep 302", &rep(302, "NaN"));
    show("rep 106", &rep(106, "9999999999999999999999999999999"));
}

#[test]
fn explore_garbage() {
    for (name, from, to) in [
        (
            "t1 行政运行",
            "2. 政府性基金预算拨款\t0\t行政运行\t4,146\n",
            "2. 政府性基金预算拨款\t0\t行政运行\t4,1x6\n",
        ),
        (
            "t1 行政运行 empty",
            "2. 政府性基金预算拨款\t0\t行政运行\t4,146\n",
            "2. 政府性基金预算拨款\t0\t行政运行\t\n",
        ),
        (
            "t1 类",
            "一、政府预算拨款\t84,579\t一、一般公共服务支出\t9,208\n",
            "一、政府预算拨款\t84,579\t一、一般公共服务支出\t9,2O8\n",
        ),
        (
            "t1 income",
            "1. 一般公共预算拨款\t84,579\t商贸事务",
            "1. 一般公共预算拨款\t84,5x9\t商贸事务",
        ),
        (
            "t8 2022",
            "\t2022 年\t18\t0\t2\t16\t0\t16",
            "\t2022 年\t1x\t0\t2\t16\t0\t16",
        ),
    ] {
        assert_eq!(SEED.matches(from).count(), 1, "{name}");
        show(name, &SEED.replace(from, to));
    }
}

#[test]
fn explore_overflow() {
    let big = "79228162514264337593543950335";
    show(
        "big t7",
        &SEED.replace(
            "\t2011307\t国内贸易管理\t593\t0\t593",
            &format!("\t2011307\t国内贸易管理\t{big}\t0\t{big}"),
        ),
    );
    show(
        "big t7 neg",
        &SEED.replace(
            "\t2011307\t国内贸易管理\t593\t0\t593",
            &format!("\t2011307\t国内贸易管理\t-{big}\t0\t-{big}"),
        ),
    );
    show(
        "big t8",
        &SEED.replace(
            "\t2022 年\t18\t0\t2\t16\t0\t16",
            &format!("\t2022 年\t{big}\t0\t2\t16\t0\t16"),
        ),
    );
    show(
        "big t8b",
        &SEED.replace(
            "\t2022 年\t18\t0\t2\t16\t0\t16",
            &format!("\t2022 年\t-{big}\t0\t{big}\t16\t0\t16"),
        ),
    );
    show(
        "big p3",
        &SEED.replacen(
            "节能减排预算 70 万元",
            &format!("节能减排预算 {big} 万元"),
            1,
        ),
    );
    show(
        "big pct",
        &SEED.replace("增加 452%", &format!("增加 {big}%")),
    );
    show(
        "small",
        &SEED.replace(
            "\t2011307\t国内贸易管理\t593\t0\t593",
            "\t2011307\t国内贸易管理\t0.0000000000000000000000000001\t0\t593",
        ),
    );
    let lines: Vec<&str> = SEED.split('\n').collect();
    show("cut406", &lines[..406].join("\n"));
    let mut l2: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    l2[314] = l2[314].replace("本年支出合计\t84,579", "本年支出合计\t84,589");
    show("t1 only", &l2.join("\n"));
}
