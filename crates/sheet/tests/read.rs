//! The fixtures (made by make-fixtures.sh with xlsxwriter and LibreOffice), bad files, and a
//! fuzz-style run of byte mutations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{Cursor, Write};

use yusuan_sheet::{sheet_to_text, Limit, SheetError, SheetText};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> SheetText {
    sheet_to_text(&fixture(name), name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Lines of the seed's 收支总表 and 表7 as its text gives them.
const SEED_LINES: &[&str] = &[
    "收支总表",
    "收 入\t\t支 出\t",
    "项 目\t2022 年预算数\t项 目\t2022 年预算数",
    "一、政府预算拨款\t84,579\t一、一般公共服务支出\t9,208",
    "\t\t机关事业单位职业年金缴费支出\t95",
    "本年收入合计\t84,579\t本年支出合计\t84,579",
    "收入总计\t84,579\t支出总计\t84,579",
    "预算单位\t支出总计\t基本支出\t项目支出\t2022 年政府采购项目\t\t",
    "深圳市龙岗区工业和信息化局本级\t84,579\t5,738\t78,841\t1,040\t1,040\t0",
    "一般公共预算支出表（按功能分类）",
    "\t2011301\t行政运行\t4,146\t4,146\t0",
    "\t215\t资源勘探工业信息等支出\t73,300\t0\t73,300",
];

fn assert_seed_lines(name: &str, text: &str, lines: &[&str]) {
    let have: Vec<&str> = text.lines().collect();
    for want in lines {
        assert!(have.contains(want), "{name}: no line {want:?}");
    }
}

#[test]
fn seed_xlsx_reads_as_the_seed() {
    let t = read("seed.xlsx");
    assert_seed_lines("seed.xlsx", &t.text, SEED_LINES);
    assert!(!t.text.contains("84578.9"), "float noise in the text");
    assert!(!t.text.contains("84578"), "the noisy cell must read 84,579");
    assert_eq!(
        t.text.matches("\x0c\n").count(),
        7,
        "8 sheets, 7 form feeds"
    );
    assert!(t.notes.is_empty(), "{:?}", t.notes);
}

#[test]
fn seed_ods_reads_as_the_xlsx() {
    let ods = read("seed.ods");
    let xlsx = read("seed.xlsx");
    assert_seed_lines("seed.ods", &ods.text, SEED_LINES);
    assert_eq!(ods.text, xlsx.text);
}

#[test]
fn seed_xls_reads_as_the_xlsx() {
    // calamine keeps no number formats for .xls: yusuan-sheet reads them from the Workbook
    // stream (src/xlsformats.rs), so numbers show as under #,##0, as in the .xlsx.
    let t = read("seed.xls");
    assert_seed_lines("seed.xls", &t.text, SEED_LINES);
    assert!(!t.text.contains("84578"));
    assert_eq!(t.text, read("seed.xlsx").text);
    assert!(t.notes.is_empty(), "{:?}", t.notes);
}

#[test]
fn seed_csv_utf8_bom_and_gbk() {
    let utf8 = read("seed-utf8bom.csv");
    let gbk = read("seed-gbk.csv");
    assert!(!utf8.text.starts_with('\u{feff}'));
    let lines: Vec<&str> = SEED_LINES
        .iter()
        .copied()
        .filter(|l| *l != "收 入\t\t支 出\t" && !l.starts_with("预算单位"))
        .collect();
    assert_seed_lines("seed-utf8bom.csv", &utf8.text, &lines);
    // The CSV names the sheet after the file; otherwise GBK and UTF-8 read alike.
    assert_eq!(
        utf8.text.replace("seed-utf8bom", "X"),
        gbk.text.replace("seed-gbk", "X")
    );
}

#[test]
fn formats_show_as_displayed_with_notes() {
    let t = read("formats.xlsx");
    let rows = [
        "#,##0 1838.5\t1,839",
        "#,##0 noise\t84,579",
        "0.00\t84579.00",
        "0.00%\t12.34%",
        "General noise\t0.3",
        "General int\t4146",
        "yyyy-mm-dd\t2022-01-01",
        "17 digits\t12345678901234600",
        "negative\t-21",
        "0.0 round\t2.68",
        "万元 literal\t12.5",
    ];
    assert_seed_lines("formats.xlsx", &t.text, &rows);
    let b2 = t
        .notes
        .iter()
        .find(|n| n.cell == "B2")
        .expect("a note on B2");
    assert_eq!((b2.stored.as_str(), b2.shown.as_str()), ("1838.5", "1,839"));
    assert_eq!(b2.sheet, "格式");
    assert!(b2.message_zh.contains("1838.5") && b2.message_en.contains("1,839"));
    assert!(
        t.notes.iter().any(|n| n.cell == "B9"),
        "17-digit integer noted"
    );
    assert!(
        !t.notes.iter().any(|n| n.cell == "B3"),
        "float noise is no note"
    );
    // The .ods LibreOffice made from it shows the same.
    let ods = read("formats.ods");
    assert_eq!(ods.text, t.text);
    assert!(ods
        .notes
        .iter()
        .any(|n| n.cell == "B2" && n.shown == "1,839"));
}

/// A note without its file name (which the messages give).
fn note_of(n: &yusuan_sheet::SheetNote, file: &str) -> [String; 6] {
    let unnamed = |m: &str| m.replace(file, "FILE");
    [
        n.sheet.clone(),
        n.cell.clone(),
        n.stored.clone(),
        n.shown.clone(),
        unnamed(&n.message_zh),
        unnamed(&n.message_en),
    ]
}

#[test]
fn formats_xls_reads_as_the_xlsx() {
    // LibreOffice's .xls of formats.xlsx: its FORMAT and XF records give each number's format
    // (calamine keeps none), so the text and the notes are the .xlsx's.
    let xls = read("formats.xls");
    let xlsx = read("formats.xlsx");
    assert_eq!(xls.text, xlsx.text);
    let notes = |t: &SheetText, file: &str| -> Vec<[String; 6]> {
        t.notes.iter().map(|n| note_of(n, file)).collect()
    };
    assert_eq!(notes(&xls, "formats.xls"), notes(&xlsx, "formats.xlsx"));
    let cells: Vec<&str> = xls.notes.iter().map(|n| n.cell.as_str()).collect();
    assert_eq!(cells, ["B2", "B9", "B11"]);
    assert_seed_lines(
        "formats.xls",
        &xls.text,
        &["#,##0 1838.5\t1,839", "0.00\t84579.00", "0.00%\t12.34%"],
    );
}

fn kind(r: Result<SheetText, SheetError>) -> SheetError {
    match r {
        Ok(t) => panic!(
            "read, not refused: {}",
            t.text.chars().take(200).collect::<String>()
        ),
        Err(e) => {
            // Every message names something and is bilingual.
            assert!(!e.message_zh().is_empty() && !e.message_en().is_empty());
            e
        }
    }
}

#[test]
fn zip_bombs_are_refused() {
    let e = kind(sheet_to_text(
        &fixture("bomb-honest.xlsx"),
        "bomb-honest.xlsx",
    ));
    assert!(
        matches!(e, SheetError::TooLarge { what: Limit::Uncompressed, limit, .. } if limit == 64 << 20),
        "{e:?}"
    );
    let e = kind(sheet_to_text(
        &fixture("bomb-lying.xlsx"),
        "bomb-lying.xlsx",
    ));
    assert!(
        matches!(
            e,
            SheetError::TooLarge {
                what: Limit::Uncompressed,
                ..
            } | SheetError::Corrupt { .. }
        ),
        "{e:?}"
    );
    assert!(e.message_zh().contains("bomb-lying.xlsx"));
}

#[test]
fn corrupt_and_foreign_files_are_refused() {
    let e = kind(sheet_to_text(&fixture("corrupt.xlsx"), "corrupt.xlsx"));
    assert!(matches!(e, SheetError::Corrupt { .. }), "{e:?}");
    let e = kind(sheet_to_text(&[0u8, 1, 2, 3, 255, 254], "x.xlsx"));
    assert!(matches!(e, SheetError::NotASpreadsheet { .. }), "{e:?}");
    let e = kind(sheet_to_text(b"PK\x03\x04garbage", "x.xlsx"));
    assert!(matches!(e, SheetError::Corrupt { .. }), "{e:?}");
    // A zip with no workbook in it (a .docx's kind).
    let docx = zip_of(&[("word/document.xml", b"<w/>".to_vec())]);
    let e = kind(sheet_to_text(&docx, "a.docx"));
    assert!(matches!(e, SheetError::NotASpreadsheet { .. }), "{e:?}");
    // An OLE file holding an EncryptedPackage stream: an encrypted .xlsx.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let e = kind(sheet_to_text(&ole, "secret.xlsx"));
    assert!(matches!(e, SheetError::Encrypted { .. }), "{e:?}");
    // A broken OLE file.
    let e = kind(sheet_to_text(
        &ole[..600.min(ole.len())]
            .iter()
            .map(|b| if *b == b'E' { 0 } else { *b })
            .collect::<Vec<u8>>(),
        "old.xls",
    ));
    assert!(matches!(e, SheetError::Corrupt { .. }), "{e:?}");
}

#[test]
fn input_over_32_mib_is_refused_unread() {
    let big = vec![b'a'; (32 << 20) + 1];
    let e = kind(sheet_to_text(&big, "big.csv"));
    assert!(
        matches!(
            e,
            SheetError::TooLarge {
                what: Limit::Input,
                ..
            }
        ),
        "{e:?}"
    );
}

/// A zip of stored (uncompressed) entries.
fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    for (name, body) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RNS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A minimal .xlsx with `sheets` sheets, each given its sheetData, and shared strings.
fn xlsx_of(sheets: &[String], shared: &[String]) -> Vec<u8> {
    let mut entries = Vec::new();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut wb = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets>"#
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, data) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        wb.push_str(&format!(
            r#"<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        entries.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{data}</sheetData></worksheet>"#).into_bytes(),
        ));
    }
    let s = sheets.len() + 1;
    rels.push_str(&format!(r#"<Relationship Id="rId{s}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#));
    wb.push_str("</sheets></workbook>");
    types.push_str("</Types>");
    let mut sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="{0}" uniqueCount="{0}">"#,
        shared.len()
    );
    for t in shared {
        sst.push_str(&format!("<si><t>{t}</t></si>"));
    }
    sst.push_str("</sst>");
    let mut all: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), types.into_bytes()),
        ("_rels/.rels".into(), r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.as_bytes().to_vec()),
        ("xl/workbook.xml".into(), wb.into_bytes()),
        ("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()),
        ("xl/sharedStrings.xml".into(), sst.into_bytes()),
    ];
    all.extend(entries);
    let refs: Vec<(&str, Vec<u8>)> = all.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    zip_of(&refs)
}

#[test]
fn generated_workbook_reads() {
    let book = xlsx_of(
        &[r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>84578.99999999999</v></c></row>"#.to_string()],
        &["收入总表".into(), "合计".into()],
    );
    let t = sheet_to_text(&book, "g.xlsx").unwrap();
    assert_eq!(t.text, "收入总表\n合计\t84579\n");
}

#[test]
fn thousand_sheets_are_refused() {
    let sheets: Vec<String> = (0..1000)
        .map(|k| format!(r#"<row r="1"><c r="A1"><v>{k}</v></c></row>"#))
        .collect();
    let book = xlsx_of(&sheets, &[]);
    let e = kind(sheet_to_text(&book, "many.xlsx"));
    assert!(
        matches!(
            e,
            SheetError::TooLarge {
                what: Limit::Sheets,
                limit: 256,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.message_zh().contains("工作表数") && e.message_en().contains("sheets"));
}

#[test]
fn ten_megabyte_cell_is_refused_naming_sheet_and_cell() {
    let big = "预".repeat(10_000_000 / 3 + 1);
    let book = xlsx_of(
        &[r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="7"><c r="B7" t="s"><v>0</v></c></row>"#.to_string()],
        &[big],
    );
    let e = kind(sheet_to_text(&book, "cell.xlsx"));
    match &e {
        SheetError::TooLarge {
            what: Limit::CellText,
            sheet,
            cell,
            ..
        } => {
            assert_eq!(sheet.as_deref(), Some("S1"));
            assert_eq!(cell.as_deref(), Some("B7"));
        }
        _ => panic!("{e:?}"),
    }
    assert!(e.message_zh().contains("B7") && e.message_en().contains("S1"));
    // The same in a CSV.
    let mut csv = b"a,b\n1,".to_vec();
    csv.extend(std::iter::repeat_n(b'x', 1_100_000));
    let e = kind(sheet_to_text(&csv, "cell.csv"));
    assert!(
        matches!(&e, SheetError::TooLarge { what: Limit::CellText, cell: Some(c), .. } if c == "B2"),
        "{e:?}"
    );
}

#[test]
fn too_many_rows_are_refused() {
    let csv = "1\n".repeat(100_001);
    let e = kind(sheet_to_text(csv.as_bytes(), "rows.csv"));
    assert!(
        matches!(
            e,
            SheetError::TooLarge {
                what: Limit::Rows,
                ..
            }
        ),
        "{e:?}"
    );
    let ok = "1\n".repeat(100_000);
    assert!(sheet_to_text(ok.as_bytes(), "rows.csv").is_ok());
    let book = xlsx_of(
        &[r#"<row r="100001"><c r="A100001"><v>1</v></c></row>"#.to_string()],
        &[],
    );
    let e = kind(sheet_to_text(&book, "rows.xlsx"));
    assert!(
        matches!(
            e,
            SheetError::TooLarge {
                what: Limit::Rows,
                ..
            }
        ),
        "{e:?}"
    );
    // Far cells are no dense allocation: a cell at XFD1048576 is refused by its row.
    let book = xlsx_of(
        &[r#"<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>"#.to_string()],
        &[],
    );
    assert!(sheet_to_text(&book, "wide.xlsx").is_ok());
}

#[test]
fn ods_repeats_are_checked_before_calamine_expands_them() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="T"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("content.xml", content.as_bytes().to_vec()),
    ]);
    let e = kind(sheet_to_text(&ods, "rep.ods"));
    assert!(
        matches!(
            e,
            SheetError::TooLarge {
                what: Limit::Rows | Limit::Cells,
                ..
            }
        ),
        "{e:?}"
    );
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut b = base.to_vec();
    match rng.below(6) {
        0 => b.truncate(rng.below(b.len())),
        1 => {
            let at = rng.below(b.len());
            let n = rng.below(64);
            b.splice(at..at, (0..n).map(|_| rng.next() as u8));
        }
        2 => {
            let at = rng.below(b.len());
            let end = (at + rng.below(32)).min(b.len());
            b.drain(at..end);
        }
        _ => {
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(b.len());
                if let Some(x) = b.get_mut(at) {
                    *x = rng.next() as u8;
                }
            }
        }
    }
    b
}

#[test]
fn fuzz_mutations_never_panic() {
    let mut rng = Rng(0x5EED_2022_8457_9001);
    let xlsx = fixture("formats.xlsx");
    let csv = fixture("seed-gbk.csv");
    // The workbook's XML parts, mutated and zipped again (stored), so the XML readers see the
    // damage rather than the zip's checksums.
    let parts: Vec<(String, Vec<u8>)> = {
        let mut z = zip::ZipArchive::new(Cursor::new(xlsx.clone())).unwrap();
        (0..z.len())
            .map(|i| {
                let mut f = z.by_index(i).unwrap();
                let name = f.name().unwrap().to_string();
                let mut body = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut body).unwrap();
                (name, body)
            })
            .collect()
    };
    let mut outcomes = [0usize; 2];
    for i in 0..4000 {
        let bytes = match i % 4 {
            0 => mutate(&mut rng, &xlsx),
            1 => mutate(&mut rng, &csv),
            _ => {
                let k = rng.below(parts.len());
                let entries: Vec<(&str, Vec<u8>)> = parts
                    .iter()
                    .enumerate()
                    .map(|(j, (n, b))| {
                        (
                            n.as_str(),
                            if j == k {
                                mutate(&mut rng, b)
                            } else {
                                b.clone()
                            },
                        )
                    })
                    .collect();
                zip_of(&entries)
            }
        };
        let name = if i % 4 == 1 { "m.csv" } else { "m.xlsx" };
        let r = sheet_to_text(&bytes, name);
        outcomes[usize::from(r.is_err())] += 1;
    }
    // Both outcomes happen: mutations are not all fatal, nor all harmless.
    assert!(outcomes[0] > 100 && outcomes[1] > 100, "{outcomes:?}");
}

#[test]
fn a_number_format_with_hundreds_of_brackets_is_refused() {
    // calamine counts a format code's open brackets in a u8: 256 of them overflowed.
    let xlsx = fixture("formats.xlsx");
    let mut z = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut entries = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut body).unwrap();
        if name == "xl/styles.xml" {
            let s = String::from_utf8(body).unwrap();
            assert!(
                s.contains("formatCode=\""),
                "no custom format in formats.xlsx"
            );
            body = s
                .replacen(
                    "formatCode=\"",
                    &format!("formatCode=\"{}", "[".repeat(300)),
                    1,
                )
                .into_bytes();
        }
        entries.push((name, body));
    }
    let refs: Vec<(&str, Vec<u8>)> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.clone()))
        .collect();
    let e = kind(sheet_to_text(&zip_of(&refs), "brackets.xlsx"));
    assert!(matches!(e, SheetError::Corrupt { .. }), "{e:?}");
    assert!(e.message_en().contains("brackets.xlsx"));
}
