//! The narrative's statements checked against each other (`statement.*`), table-driven: each
//! case is a few paragraphs and the findings (rule, status) they must give, in order; some
//! cases check the figures and the location too.

use yusuan::model::{Budget, Figures, Location, Paragraph, Part, Unit};
use yusuan::reconcile::{check_statements, Finding, Status};
use yusuan::Amount;

const CHANGE: &str = "statement.change_percent";
const PRIOR: &str = "statement.prior";
const PARTS: &str = "statement.parts";
const SHARES: &str = "statement.shares";

/// A 2026 budget whose part 3 holds `paragraphs`, and nothing else.
fn budget(paragraphs: &[&str]) -> Budget {
    Budget {
        title: "测试部门2026年部门预算".to_string(),
        department: "测试部门".to_string(),
        year: 2026,
        prior_year: 2025,
        unit: Unit {
            name: "万元".to_string(),
            step: Amount::parse("0.01").expect("step"),
        },
        source: "statements.rs".to_string(),
        contents: Vec::new(),
        parts: vec![Part {
            number: 3,
            title: "部门预算情况说明".to_string(),
            line: 1,
            paragraphs: paragraphs
                .iter()
                .enumerate()
                .map(|(i, t)| Paragraph {
                    line: 10 + i,
                    text: (*t).to_string(),
                })
                .collect(),
        }],
        tables: Vec::new(),
        figures: Figures::default(),
        reader: Default::default(),
        source_notes: Vec::new(),
    }
}

/// A table row: the paragraphs, and the (rule, status) of their findings.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, Status)]);

fn findings(paragraphs: &[&str]) -> Vec<Finding> {
    check_statements(&budget(paragraphs)).expect("no error")
}

/// The findings' (rule, status), in order.
#[track_caller]
fn case(paragraphs: &[&str], expected: &[(&str, Status)]) -> Vec<Finding> {
    let found = findings(paragraphs);
    let got: Vec<(&str, Status)> = found.iter().map(|f| (f.rule, f.status)).collect();
    assert_eq!(
        got,
        expected,
        "{paragraphs:?}\n{}",
        found
            .iter()
            .map(|f| format!("{} {:?}: {}", f.rule, f.status, f.message))
            .collect::<Vec<_>>()
            .join("\n")
    );
    for f in &found {
        assert!(!f.message.is_empty() && !f.message_en.is_empty());
        assert!(
            f.message_en.is_ascii() || f.message_en.contains('“'),
            "English names what it quotes: {}",
            f.message_en
        );
        assert!(!f.locations.is_empty(), "{}", f.message);
    }
    found
}

/// The value labelled `label` of a finding.
#[track_caller]
fn value<'a>(f: &'a Finding, label: &str) -> &'a str {
    f.values
        .iter()
        .find(|v| v.label == label)
        .map(|v| v.value.as_str())
        .unwrap_or_else(|| panic!("no value {label:?} in {:?}", f.values))
}

#[test]
fn percent_changes() {
    use Status::*;
    // paragraph, expected status
    let table: &[(&str, Status)] = &[
        // 100 ÷ 1,000 = 10%
        ("收入1,100万元，比2025年预算增加100万元，增长10%。", Ok),
        // 100 ÷ 900 = 11.11%: 11.1% is its rounding
        ("支出1000万元，与上年相比增加100万元，增长11.1%。", Ok),
        // 11.2% is not, but 99.5 ÷ 901 … 100.5 ÷ 899 reaches it
        ("支出1000万元，与上年相比增加100万元，增长11.2%。", Rounding),
        // 11.3% is beyond any rounding of the printed figures
        ("支出1000万元，与上年相比增加100万元，增长11.3%。", Mismatch),
        // a decrease: 17.89 ÷ 10,546.22 = 0.17%
        (
            "一般公共服务支出10528.33万元，与上年相比减少17.89万元，减少0.17%。",
            Ok,
        ),
        (
            "基本支出9312.9万元，比上年预算减少19.79万元，下降0.21%。",
            Ok,
        ),
        // some texts write 增加 for the percentage too
        (
            "社会保障和就业支出1121.39万元。与上年相比增加52.61万元，增加4.92%。",
            Ok,
        ),
        // the template's bracketed alternative, taken as printed
        (
            "政府性基金收入预算0万元，与上年相比增加（减少）0万元，增长（减少）0%。",
            Ok,
        ),
        // the amount rises, the percentage falls
        ("项目支出110万元，比上年增加10万元，下降10%。", Mismatch),
        // 持平 with a percentage
        ("“三公”经费42.24万元，与2025年预算持平，增长0%。", Ok),
        ("“三公”经费42.24万元，与2025年预算持平，增长5%。", Mismatch),
    ];
    for (text, status) in table {
        case(&[text], &[(CHANGE, *status)]);
    }
}

#[test]
fn a_wrong_percentage_carries_its_figures() {
    let found = case(
        &["单位预留机动经费预算数为1685.72万元。与上年相比增加1557.29万元，增长1312.56%。"],
        &[(CHANGE, Status::Mismatch)],
    );
    let f = &found[0];
    assert_eq!(value(f, "本年数"), "1685.72万元");
    assert_eq!(value(f, "增减额"), "1,557.29万元");
    assert_eq!(value(f, "所述百分比"), "1312.56%");
    assert_eq!(value(f, "上年数（推算）"), "128.43万元");
    assert_eq!(value(f, "计算百分比"), "1,212.5594%");
    assert!(f.message.contains("不符"), "{}", f.message);
    assert!(f.message_en.contains("does not agree"), "{}", f.message_en);
    // The location is the statement, with its character span in the paragraph.
    let Location::Text {
        part,
        line,
        text,
        span,
    } = &f.locations[0]
    else {
        panic!("a text location: {:?}", f.locations);
    };
    assert_eq!((*part, *line), (3, 10));
    assert_eq!(text, "1685.72万元。与上年相比增加1557.29万元，增长1312.56%");
    let paragraph: Vec<char> =
        "单位预留机动经费预算数为1685.72万元。与上年相比增加1557.29万元，增长1312.56%。"
            .chars()
            .collect();
    let [a, b] = span.expect("span");
    assert_eq!(paragraph[a..b].iter().collect::<String>(), *text);
}

#[test]
fn a_growth_from_zero_has_no_percentage() {
    let found = case(
        &["机关运行经费支出10.23万元，比2023年度增加10.23万元，增长100.00%。"],
        &[(CHANGE, Status::Mismatch)],
    );
    assert!(
        found[0].message.contains("从零增长"),
        "{}",
        found[0].message
    );
    assert!(
        found[0].message_en.contains("growth from zero"),
        "{}",
        found[0].message_en
    );
    assert_eq!(value(&found[0], "上年数（推算）"), "0万元");
    // Without a percentage there is nothing to check.
    case(
        &["培训费预算支出403.75万元，比上年预算增加403.75万元。"],
        &[],
    );
    // Only the current amount and the change: nothing to check either.
    case(&["收入预算4748.35万元，比2025年预算减少19.79万元。"], &[]);
}

#[test]
fn the_current_amount_may_be_in_the_sentence_before() {
    case(
        &[
            "（一）收入预算总计13649.07万元。全部由省财政拨款。",
            "与上年相比增加844.15万元，增长6.59%。",
        ],
        &[(CHANGE, Status::Ok)],
    );
    // A sentence before that names no amount: nothing is taken from further back.
    case(
        &["支出合计500万元。", "政府性基金支出预算支出万元，主要用于本部门各项事务的支出安排。与上年相比增加（减少）0万元，增长（减少）0%。"],
        &[],
    );
}

#[test]
fn names_with_change_characters_are_not_changes() {
    // 节能减排 holds 减: the 70万元 is a level, the current amount of the change.
    let found = case(
        &[
            "项目支出78,841万元，具体包括：",
            "1. 节能减排预算70万元，主要包括：节能减排预算70万元用于聘请第三方节能服务机构。较2021年预算增加5万元，增长8%，主要原因是增加节能减排预算项目预算资金。",
            "2. 产业发展预算78,771万元。",
        ],
        // the list, the change, and 主要包括 restating the 70万元
        &[(PARTS, Status::Ok), (CHANGE, Status::Ok), (PARTS, Status::Ok)],
    );
    assert_eq!(value(&found[1], "本年数"), "70万元");
    case(
        &["防灾减灾支出300万元，比上年增加50万元，增长20%。"],
        &[(CHANGE, Status::Ok)],
    );
}

#[test]
fn stated_prior_years() {
    use Status::*;
    let table: &[(&str, &[(&str, Status)])] = &[
        (
            "支出预算4748.35万元，比上年预算减少19.79万元，上年预算数为4768.14万元。",
            &[(PRIOR, Ok)],
        ),
        (
            "支出预算4748.35万元，比上年预算减少19.79万元，上年预算数为4760万元。",
            &[(PRIOR, Mismatch)],
        ),
        (
            "“三公”经费42.24万元，与2025年预算持平，2025年预算数为42.24万元。",
            &[(PRIOR, Ok)],
        ),
        (
            "“三公”经费42.24万元，与2025年预算持平，2025年预算数为40万元。",
            &[(PRIOR, Mismatch)],
        ),
        // 上年结转 is not the prior year's budget
        (
            "上年结转资金预算数为0万元，与上年相比增加（减少）0万元。",
            &[],
        ),
        // a project approved last year is not the prior year's budget
        (
            "上年度立项的城市更新改造项目预算为450万元，本年预算600万元，比上年增加100万元，增长20%。",
            &[(CHANGE, Ok)],
        ),
        // the current amount not stated: it is the prior plus the change
        (
            "2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。",
            &[(CHANGE, Ok)],
        ),
    ];
    for (text, expected) in table {
        case(&[text], expected);
    }
    let found = findings(&["支出预算4748.35万元，比上年预算减少19.79万元，上年预算数为4760万元。"]);
    assert_eq!(value(&found[0], "上年数"), "4,760万元");
    assert_eq!(found[0].difference, Amount::parse("8.14").ok());
}

#[test]
fn parts_against_their_total() {
    use Status::*;
    let table: &[Case] = &[
        // parts = total, separated by ；, one part commented on
        (
            &["收入预算4748.35万元，其中：财政拨款收入4748.35万元，比2025年预算减少19.79万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。"],
            &[(PARTS, Ok)],
        ),
        // separated by 、
        (
            &["2026年本部门政府采购预算595.28万元，其中：政府采购货物预算77.10万元、政府采购工程预算0万元、政府采购服务预算518.18万元。"],
            &[(PARTS, Ok)],
        ),
        // the parts exceed the total
        (
            &["2026年本部门政府采购预算595.28万元，其中：政府采购货物预算77.10万元、政府采购工程预算100万元、政府采购服务预算518.18万元。"],
            &[(PARTS, Mismatch)],
        ),
        // within rounding
        (
            &["一般公共预算财政拨款基本支出105.58万元。其中：人员经费95.36万元，主要包括：基本工资、津贴补贴；公用经费10.23万元，主要包括：办公费、邮电费。"],
            &[(PARTS, Rounding)],
        ),
        // a subset (其中, less than the total): no mismatch, no finding
        (
            &["面向中小企业预留政府采购项目预算金额343.49万元，其中，预留给小型和微型企业的政府采购项目预算为178.85万元。"],
            &[],
        ),
        // 包括 names every part: less than the total is a mismatch
        (
            &[
                "（二）支出预算总计100万元。包括：",
                "1．一般公共服务（类）支出60万元，主要用于机关运行。",
                "2．住房保障（类）支出30万元，主要用于住房公积金。",
                "二、收入预算情况说明",
            ],
            &[(PARTS, Mismatch)],
        ),
        // numbered paragraphs, with nested items and unmarked text between
        (
            &[
                "（一）收入预算总计18330.37万元。包括：",
                "1．财政拨款收入预算总计18330.37万元。",
                "（1）一般公共预算收入预算18330.37万元。",
                "（2）政府性基金收入预算0万元。",
                "2．其他资金收入预算总计0万元。",
                "此外，本部门无其他收入。",
                "（二）支出预算总计18330.37万元。",
            ],
            &[(PARTS, Ok)],
        ),
        // numbered 1, 2, 4: the list may go on past the slip, so no mismatch
        (
            &[
                "（二）支出预算总计100万元。包括：",
                "1．一般公共服务（类）支出60万元。",
                "2．住房保障（类）支出30万元。",
                "4．其他支出10万元。",
            ],
            &[],
        ),
        // a heading without an amount: not a list of parts
        (
            &[
                "财政拨款预算支出13649.07万元。其中：",
                "（一）一般公共服务",
                "1. 人大事务行政运行（项）支出10528.33万元。",
            ],
            &[],
        ),
    ];
    for (paragraphs, expected) in table {
        case(paragraphs, expected);
    }
    let found = findings(&["2026年本部门政府采购预算595.28万元，其中：政府采购货物预算77.10万元、政府采购工程预算100万元、政府采购服务预算518.18万元。"]);
    let f = &found[0];
    assert_eq!(value(f, "合计"), "595.28万元");
    assert_eq!(value(f, "政府采购工程预算"), "100万元");
    assert_eq!(f.difference, Amount::parse("-100").ok());
    assert!(f.message.contains("超过合计"), "{}", f.message);
}

#[test]
fn nested_lists_never_give_a_false_mismatch() {
    use Status::*;
    // The nested list checked against its own parent, the outer one against the total.
    case(
        &["“三公”经费114.22万元，其中：因公出国（境）费0万元；公务用车购置及运行费113.76万元，其中：公务用车购置费75万元，公务用车运行费38.76万元；公务接待费0.46万元。"],
        &[(PARTS, Ok), (PARTS, Ok)],
    );
    // Across paragraphs, as published.
    case(
        &[
            "2026年“三公”经费预算数为114.22万元，比2025年预算增加27万元。其中：",
            "（一）因公出国（境）费0万元，与2025年预算持平。",
            "（二）公务用车购置及运行费113.76万元，比2025年预算增加27万元，主要原因是车辆更新。其中：公务用车购置费75万元，比2025年预算增加27万元；公务用车运行费38.76万元，与2025年预算持平。",
            "（三）公务接待费0.46万元。与2025年预算持平。",
            "二、机关运行经费预算",
        ],
        &[(PARTS, Ok), (PARTS, Ok)],
    );
    // Ambiguous: the outer list is cut by ，, and so is the nested one. Nothing is checked.
    case(
        &["“三公”经费114.22万元，其中：因公出国（境）费0万元，公务用车购置及运行费113.76万元，其中：公务用车购置费75万元，公务用车运行费38.76万元，公务接待费0.46万元。"],
        &[],
    );
    // Income and expenditure restated under one total: not parts of it.
    case(
        &[
            "本部门收入、支出预算总计100万元，与上年相比收、支预算总计各增加10万元。其中：",
            "（一）收入预算总计100万元。",
            "（二）支出预算总计100万元。",
        ],
        &[],
    );
    let _ = Mismatch;
}

#[test]
fn shares() {
    use Status::*;
    let table: &[Case] = &[
        // shares add up to 100, each right: parts, then each share and their sum
        (
            &[
                "本年支出预算合计18330.37万元，其中：",
                "基本支出9312.9万元，占50.81%；",
                "项目支出6459.58万元，占35.24%；",
                "单位预留机动经费2557.89万元，占13.95%；",
                "结转下年资金0万元，占0%。",
            ],
            &[
                (PARTS, Ok),
                (SHARES, Ok),
                (SHARES, Ok),
                (SHARES, Ok),
                (SHARES, Ok),
                (SHARES, Ok),
            ],
        ),
        // one share wrong (and so their sum)
        (
            &["本年支出合计307.82万元，其中：基本支出105.58万元，占34.30%；项目支出202.24万元，占75.70%。"],
            &[(PARTS, Ok), (SHARES, Ok), (SHARES, Mismatch), (SHARES, Mismatch)],
        ),
        // a share moved by one unit so that they add up to 100% (尾差调整): rounding
        (
            &["一般公共预算财政拨款支出307.82万元，主要用于以下方面：一般公共服务支出（类）264.87万元，占86.05%；社会保障和就业支出（类）10.82万元，占3.52%；卫生健康支出（类）2.71万元，占0.88%；住房保障支出（类）29.42万元，占9.55%。"],
            &[
                (PARTS, Ok),
                (SHARES, Ok),
                (SHARES, Ok),
                (SHARES, Ok),
                (SHARES, Rounding),
                (SHARES, Ok),
            ],
        ),
        // shares off by more than the one unit a tail adjustment moves: mismatches
        (
            &["一般公共预算财政拨款支出307.82万元，主要用于以下方面：一般公共服务支出（类）264.87万元，占86.06%；社会保障和就业支出（类）10.82万元，占3.52%；卫生健康支出（类）2.71万元，占0.88%；住房保障支出（类）29.42万元，占9.54%。"],
            &[
                (PARTS, Ok),
                (SHARES, Mismatch),
                (SHARES, Ok),
                (SHARES, Ok),
                (SHARES, Mismatch),
                (SHARES, Ok),
            ],
        ),
        // shares adding up to 100% make a 其中 list complete: its parts fall short
        (
            &["本年收入合计100万元，其中：一般公共预算收入60万元，占60%；其他资金30万元，占40%。"],
            &[(PARTS, Mismatch), (SHARES, Ok), (SHARES, Mismatch), (SHARES, Ok)],
        ),
        // shares adding up to 90%: a subset, consistent as far as it goes
        (
            &["本年收入合计100万元，其中：一般公共预算收入60万元，占60%；其他资金30万元，占30%。"],
            &[(SHARES, Ok), (SHARES, Ok)],
        ),
        // no total stated, shares of one whole adding up to 100%: the parts' sum is the total
        (
            &["“三公”经费预算支出中，因公出国（境）费支出199.25万元，占“三公”经费的25.96%；公务用车购置及运行费支出183.6万元，占“三公”经费的23.92%；公务接待费支出384.75万元，占“三公”经费的50.12%。"],
            &[(SHARES, Ok), (SHARES, Ok), (SHARES, Ok), (SHARES, Ok)],
        ),
        // the three items of “三公”经费 with shares that cannot be of it
        (
            &["“三公”经费预算支出中，因公出国（境）费支出222.5万元，占“三公”经费的8.75%；公务用车购置及运行费支出183.6万元，占“三公”经费的7.22%；公务接待费支出427.5万元，占“三公”经费的16.81%。"],
            &[
                (SHARES, Mismatch),
                (SHARES, Mismatch),
                (SHARES, Mismatch),
                (SHARES, Mismatch),
            ],
        ),
        // shares of some whole that do not add up to 100%: nothing to check
        (
            &["因公出国（境）费支出222.5万元，占支出的8.75%；会议费支出183.6万元，占支出的7.22%。"],
            &[],
        ),
    ];
    for (paragraphs, expected) in table {
        case(paragraphs, expected);
    }
    let found = findings(&["本年支出合计307.82万元，其中：基本支出105.58万元，占34.30%；项目支出202.24万元，占75.70%。"]);
    let wrong = &found[2];
    assert_eq!(value(wrong, "项目支出 所述占比"), "75.70%");
    assert_eq!(value(wrong, "计算占比"), "65.7007%");
    let sum = &found[3];
    assert_eq!(value(sum, "占比合计"), "110%");
    assert_eq!(sum.difference, Amount::parse("10").ok());
    assert_eq!(sum.tolerance, Amount::parse("0.01").ok());
}

#[test]
fn amounts_in_different_units() {
    use Status::*;
    let table: &[(&str, &[(&str, Status)])] = &[
        (
            "项目总投资3.2亿元，其中：建筑安装工程费20000万元，工程建设其他费用12000万元。",
            &[(PARTS, Ok)],
        ),
        // 3.2亿元 stands for 31,500 … 32,500万元: 35,000万元 is beyond it
        (
            "项目总投资3.2亿元，其中：建筑安装工程费20000万元，工程建设其他费用15000万元。",
            &[(PARTS, Mismatch)],
        ),
        (
            "支出1.2亿元，比上年增加2000万元，增长20%。",
            &[(CHANGE, Ok)],
        ),
        // 80 元 is 0.008万元: the percentage fits 80万元, a unit slip (a note)
        ("收入1080万元，比上年增加80元，增长8%。", &[(CHANGE, Note)]),
        // in no unit does 80 give 20%: a mismatch
        (
            "收入1080万元，比上年增加80元，增长20%。",
            &[(CHANGE, Mismatch)],
        ),
    ];
    for (text, expected) in table {
        case(&[text], expected);
    }
    let found = findings(&["收入1080万元，比上年增加80元，增长8%。"]);
    assert!(
        found[0].message.contains("单位笔误"),
        "{}",
        found[0].message
    );
    assert_eq!(value(&found[0], "增减额"), "0.008万元");
}

#[test]
fn hostile_text_gives_no_panic_and_no_mismatch() {
    let hostile = [
        "",
        "其中：",
        "包括：其中：其中：",
        "比上年增加",
        "占%，占的%，增长%",
        "收入1e400万元，比上年增加1万元，增长1%。",
        "收入1,0,0万元，其中：A 5万元。",
        "收入79228162514264337593543950335万元，比上年增加1万元，增长1%。",
        "收入0.0000000000000000000000001亿元，其中：A 1元。",
        "（（（（其中：A 5万元）））",
        "1．2．3．（一）（二）①②其中：1．",
        "与上年相比增加（减少）-5万元，增长（减少）-3%。",
        "GDP78,841万元，比上年增加1万元，增长1%。",
    ];
    for text in hostile {
        let found = findings(&[text, text]);
        assert!(
            found.iter().all(|f| f.status != Status::Mismatch),
            "{text}: {:?}",
            found.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }
}
