//! Damaged .xls files (OLE compound files holding a BIFF8 Workbook stream): refused with a
//! message naming the file, never a panic (calamine 0.38 panics on many of them, so
//! yusuan-sheet checks them first; see src/cfbguard.rs and src/biffguard.rs).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use yusuan_sheet::{sheet_to_text, SheetError};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Reads bytes as an .xls: any error must name the file in both languages.
fn try_read(bytes: &[u8]) -> Result<String, SheetError> {
    let r = sheet_to_text(bytes, "broken.xls");
    if let Err(e) = &r {
        assert!(e.message_zh().contains("broken.xls"), "{e}");
        assert!(e.message_en().contains("broken.xls"), "{e}");
    }
    r.map(|t| t.text)
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn put_u16(b: &mut [u8], at: usize, v: u16) {
    b[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

fn put_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

/// The seed's OLE layout, read the plain way (it is a well-formed file with 512-byte
/// sectors): the FAT, the directory's sector ids, and the file offset of every byte of the
/// Workbook stream.
struct Layout {
    fat: Vec<u32>,
    dir_sectors: Vec<u32>,
    workbook_entry: usize,
    workbook: Vec<usize>,
}

fn sector_at(id: u32) -> usize {
    512 + id as usize * 512
}

fn layout(b: &[u8]) -> Layout {
    assert_eq!(u16_at(b, 30), 9);
    let mut fat = Vec::new();
    for k in 0..109 {
        let id = u32_at(b, 76 + 4 * k);
        if id < 0xFFFF_FFFA {
            let s = sector_at(id);
            fat.extend((0..128).map(|j| u32_at(b, s + 4 * j)));
        }
    }
    let mut dir_sectors = Vec::new();
    let mut id = u32_at(b, 48);
    while id != 0xFFFF_FFFE {
        dir_sectors.push(id);
        id = fat[id as usize];
    }
    let mut found = None;
    for (i, s) in dir_sectors.iter().enumerate() {
        for e in 0..4 {
            let at = sector_at(*s) + 128 * e;
            let name: Vec<u16> = (0..8).map(|k| u16_at(b, at + 2 * k)).collect();
            if String::from_utf16_lossy(&name) == "Workbook" {
                found = Some((i * 4 + e, at));
            }
        }
    }
    let (workbook_entry, at) = found.expect("a Workbook entry");
    let (start, len) = (u32_at(b, at + 116), u32_at(b, at + 120) as usize);
    assert!(
        len >= 4096,
        "the seed's Workbook stream is a regular stream"
    );
    let mut workbook = Vec::new();
    let mut id = start;
    while workbook.len() < len {
        let s = sector_at(id);
        workbook.extend((s..s + 512).take(len - workbook.len()));
        id = fat[id as usize];
    }
    Layout {
        fat,
        dir_sectors,
        workbook_entry,
        workbook,
    }
}

/// The Workbook stream's records: (offset in the stream, type, length).
fn records(b: &[u8], l: &Layout) -> Vec<(usize, u16, usize)> {
    let stream: Vec<u8> = l.workbook.iter().map(|o| b[*o]).collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at + 4 <= stream.len() {
        let len = u16_at(&stream, at + 2) as usize;
        out.push((at, u16_at(&stream, at), len));
        at += 4 + len;
    }
    out
}

/// Writes `v` at the Workbook stream's byte `at` (through the layout).
fn poke(b: &mut [u8], l: &Layout, at: usize, v: &[u8]) {
    for (k, x) in v.iter().enumerate() {
        b[l.workbook[at + k]] = *x;
    }
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

#[test]
fn the_fuzzers_truncated_sector_is_refused() {
    // calamine-0.38.0/src/cfb.rs:320: "slice index starts at 32256 but ends at 31893".
    let bytes = fixture("xls-truncated-sector.xls");
    let e = try_read(&bytes).unwrap_err();
    assert!(matches!(e, SheetError::Corrupt { .. }), "{e:?}");
    assert!(e.message_en().contains("past the end of the file"), "{e}");
}

#[test]
fn the_seed_reads_as_before() {
    // fixtures/seed.xls.txt is the seed's text from before the checks were added, its numbers
    // since shown under their #,##0 format (84579 became 84,579).
    let text = try_read(&fixture("seed.xls")).unwrap();
    let before = String::from_utf8(fixture("seed.xls.txt")).unwrap();
    assert_eq!(text, before);
}

#[test]
fn truncations_are_refused() {
    let seed = fixture("seed.xls");
    let mut cuts: Vec<usize> = (0..seed.len()).step_by(61).collect();
    // Each side of every sector boundary.
    for s in (0..=seed.len()).step_by(512) {
        cuts.extend([s.saturating_sub(1), s, s + 1, s + 4]);
    }
    for cut in cuts {
        let cut = cut.min(seed.len() - 1);
        // Whatever a truncation gives, it is no panic; most are refused.
        let _ = try_read(&seed[..cut]);
    }
    // Past the header a truncated seed loses sectors its chains need.
    for cut in [512, 4096, 20_000, seed.len() - 512, seed.len() - 1] {
        assert!(try_read(&seed[..cut]).is_err(), "cut at {cut}");
    }
}

#[test]
fn broken_headers_and_chains_are_refused() {
    let seed = fixture("seed.xls");
    let l = layout(&seed);
    let corrupt = |b: &[u8], want: &str| {
        let e = try_read(b).unwrap_err();
        assert!(matches!(e, SheetError::Corrupt { .. }), "{e:?}");
        assert!(e.message_en().contains(want), "{want:?} not in {e}");
    };
    let mut b = seed.clone();
    put_u16(&mut b, 30, 10);
    corrupt(&b, "sector shift");
    let mut b = seed.clone();
    put_u32(&mut b, 56, 512);
    corrupt(&b, "cutoff");
    // The first FAT sector past the end of the file.
    let mut b = seed.clone();
    put_u32(&mut b, 76, 5000);
    corrupt(&b, "FAT sector 5000");
    // A DIFAT chain into a sector past the end.
    let mut b = seed.clone();
    put_u32(&mut b, 68, 70_000);
    corrupt(&b, "DIFAT");
    // The directory chain looping on itself.
    let mut b = seed.clone();
    let last = *l.dir_sectors.last().unwrap();
    let fat_sector = u32_at(&seed, 76);
    put_u32(
        &mut b,
        sector_at(fat_sector) + 4 * last as usize,
        l.dir_sectors[0],
    );
    corrupt(&b, "loops");
    // The directory's first sector past the end of the file (the fuzzer's crash).
    let mut b = seed.clone();
    put_u32(&mut b, 48, 63 + 1000);
    corrupt(&b, "past the end of the file");
    // The Workbook stream claiming more bytes than its chain holds.
    let entry = |b: &mut Vec<u8>, k: usize, v: u32| {
        let s = l.dir_sectors[l.workbook_entry / 4];
        let at = sector_at(s) + 128 * (l.workbook_entry % 4) + k;
        put_u32(b, at, v);
    };
    let mut b = seed.clone();
    entry(&mut b, 120, 4_000_000);
    corrupt(&b, "claims 4000000 bytes");
    // Its first sector with no FAT entry.
    let mut b = seed.clone();
    entry(&mut b, 116, l.fat.len() as u32 + 3);
    corrupt(&b, "Workbook sector");
    // Made small, it is read from the mini stream, where it does not fit.
    let mut b = seed.clone();
    entry(&mut b, 120, 4000);
    entry(&mut b, 116, 500);
    corrupt(&b, "mini");
    // A huge mini FAT.
    let mut b = seed.clone();
    put_u32(&mut b, 64, 0x4000_0000);
    corrupt(&b, "mini FAT");
}

#[test]
fn broken_records_are_refused() {
    let seed = fixture("seed.xls");
    let l = layout(&seed);
    let recs = records(&seed, &l);
    let find = |typ: u16| recs.iter().find(|r| r.1 == typ).copied().unwrap();
    // A BoundSheet8 pointing past the end of the stream: calamine slices `&stream[pos..]`.
    let (at, _, _) = find(0x0085);
    let mut b = seed.clone();
    poke(&mut b, &l, at + 4, &0x00FF_FFFFu32.to_le_bytes());
    let e = try_read(&b).unwrap_err();
    assert!(e.message_en().contains("past the end of the"), "{e}");
    // A BOF record one byte long: calamine reads two.
    let (at, _, _) = find(0x0809);
    let mut b = seed.clone();
    poke(&mut b, &l, at + 2, &1u16.to_le_bytes());
    assert!(try_read(&b).is_err());
}

#[test]
fn a_dimensions_record_claiming_millions_of_cells_is_ignored() {
    let seed = fixture("seed.xls");
    let l = layout(&seed);
    let recs = records(&seed, &l);
    let (at, _, len) = *recs.iter().find(|r| r.1 == 0x0200).unwrap();
    assert_eq!(len, 14);
    let before = try_read(&seed).unwrap();
    // Rows 0..1,000,000 by columns 0..255: calamine would reserve 255 million cells.
    let mut b = seed.clone();
    poke(&mut b, &l, at + 4, &0u32.to_le_bytes());
    poke(&mut b, &l, at + 8, &1_000_000u32.to_le_bytes());
    poke(&mut b, &l, at + 12, &0u16.to_le_bytes());
    poke(&mut b, &l, at + 14, &255u16.to_le_bytes());
    assert_eq!(try_read(&b).unwrap(), before);
    // First row after the last: calamine's `end - start + 1` would overflow.
    let mut b = seed.clone();
    poke(&mut b, &l, at + 4, &50u32.to_le_bytes());
    poke(&mut b, &l, at + 8, &3u32.to_le_bytes());
    assert_eq!(try_read(&b).unwrap(), before);
}

#[test]
fn random_byte_flips_never_panic() {
    let seed = fixture("seed.xls");
    let mut rng = Rng(0x0DCF_11E0_A1B1_1AE1);
    let mut outcomes = [0usize; 2];
    for _ in 0..3000 {
        let mut b = seed.clone();
        let region = match rng.below(4) {
            0 => 0..512,                    // the header
            1 => 512..b.len().min(512 * 4), // the first sectors
            _ => 0..b.len(),                // anywhere
        };
        for _ in 0..1 + rng.below(8) {
            let at = region.start + rng.below(region.len());
            b[at] = rng.next() as u8;
        }
        outcomes[usize::from(try_read(&b).is_err())] += 1;
    }
    assert!(outcomes[0] > 100 && outcomes[1] > 100, "{outcomes:?}");
}

#[test]
fn random_record_damage_never_panics() {
    // Mutations aimed at the Workbook stream's records: lengths, fields, types.
    let seed = fixture("seed.xls");
    let l = layout(&seed);
    let recs = records(&seed, &l);
    let mut rng = Rng(0xB1FF_0008_2022_0001);
    let mut outcomes = [0usize; 2];
    for _ in 0..3000 {
        let mut b = seed.clone();
        for _ in 0..1 + rng.below(3) {
            let (at, _, len) = recs[rng.below(recs.len())];
            match rng.below(5) {
                // The length.
                0 => {
                    let v = match rng.below(3) {
                        0 => rng.below(len + 1) as u16,
                        1 => (len + 1 + rng.below(16)) as u16,
                        _ => rng.next() as u16,
                    };
                    poke(&mut b, &l, at + 2, &v.to_le_bytes());
                }
                // The type, as another that calamine reads.
                1 => {
                    const TYPES: [u16; 20] = [
                        0x002F, 0x0042, 0x0022, 0x041E, 0x00E0, 0x0085, 0x0809, 0x0018, 0x0017,
                        0x00FC, 0x000A, 0x0200, 0x0203, 0x0204, 0x0205, 0x0207, 0x027E, 0x00FD,
                        0x00BD, 0x0006,
                    ];
                    let t = TYPES[rng.below(TYPES.len())];
                    let t = if rng.below(4) == 0 { 0x003C } else { t };
                    poke(&mut b, &l, at, &t.to_le_bytes());
                }
                // A field: a byte, a 16-bit or a 32-bit value, extreme or random.
                _ if len > 0 => {
                    let k = at + 4 + rng.below(len);
                    let v: u32 = match rng.below(4) {
                        0 => 0,
                        1 => u32::MAX,
                        2 => rng.below(64) as u32,
                        _ => rng.next() as u32,
                    };
                    let n = [1, 2, 4][rng.below(3)].min(at + 4 + len - k);
                    poke(&mut b, &l, k, &v.to_le_bytes()[..n]);
                }
                _ => {}
            }
        }
        outcomes[usize::from(try_read(&b).is_err())] += 1;
    }
    assert!(outcomes[0] > 100 && outcomes[1] > 100, "{outcomes:?}");
}

#[test]
fn hand_made_formulas_are_refused_or_read() {
    // FORMULA records put in the place of a long record of the first sheet (the rest of
    // that record becomes a record of type 0, which calamine skips). Each tail is the
    // formula after its 20-byte head; the ones marked used to panic calamine.
    let seed = fixture("seed.xls");
    let l = layout(&seed);
    let recs = records(&seed, &l);
    let stream: Vec<u8> = l.workbook.iter().map(|o| seed[*o]).collect();
    let (sheet_at, _, _) = *recs.iter().find(|r| r.1 == 0x0085).unwrap();
    let sheet = u32_at(&stream, sheet_at + 4) as usize;
    let (at, _, len) = *recs
        .iter()
        .find(|r| r.0 > sheet && r.2 >= 48 && r.1 != 0x0809)
        .expect("a long record in the first sheet");
    let tails: [(&[u8], bool); 10] = [
        (&[], false),                             // no cce: panicked
        (&[9, 0, 0x24], false),                   // cce past the record: panicked
        (&[1, 0, 0x24], false),                   // PtgRef cut short: panicked
        (&[5, 0, 0x24, 0xFF, 0xFF, 0, 0], false), // PtgRef to row 65536: overflowed
        (&[5, 0, 0x23, 0, 0, 0, 0], false),       // PtgName 0: overflowed
        (&[3, 0, 0x1E, 1, 0, 0x19], false),       // PtgAttr past cce: fine, cce ends it
        (&[3, 0, 0x19, 0x40, 0], false),          // PtgAttrSpace cut short: panicked
        (&[2, 0, 0x19, 0x04], false),             // PtgAttrChoose cut short: panicked
        (&[3, 0, 0x1E, 7, 0], true),              // 7
        (&[6, 0, 0x1E, 7, 0, 0x1E, 0, 0], true),  // two operands, no operator
    ];
    let mut read = 0;
    for (tail, fine) in tails {
        let mut b = seed.clone();
        let body = 20 + tail.len();
        let mut rec = Vec::new();
        rec.extend_from_slice(&0x0006u16.to_le_bytes());
        rec.extend_from_slice(&(body as u16).to_le_bytes());
        rec.extend_from_slice(&[3, 0, 1, 0, 0, 0]); // row 3, column 1, XF 0
        rec.extend_from_slice(&1.5f64.to_le_bytes()); // its value
        rec.extend_from_slice(&[0; 6]); // flags, chn
        rec.extend_from_slice(tail);
        rec.extend_from_slice(&0u16.to_le_bytes());
        rec.extend_from_slice(&((len - body - 4) as u16).to_le_bytes());
        poke(&mut b, &l, at, &rec);
        let r = try_read(&b);
        if fine {
            assert!(r.is_ok(), "{tail:?}: {r:?}");
        }
        read += usize::from(r.is_ok());
    }
    assert!(read >= 2);
}

#[test]
fn damaged_number_formats_fall_back_to_general() {
    // The seed's numbers are under XF 26, whose ifmt 165 a FORMAT record gives as #,##0.
    let seed = fixture("seed.xls");
    let l = layout(&seed);
    let recs = records(&seed, &l);
    let stream: Vec<u8> = l.workbook.iter().map(|o| seed[*o]).collect();
    let (format_at, _, format_len) = *recs
        .iter()
        .find(|r| r.1 == 0x041E && u16_at(&stream, r.0 + 4) == 165)
        .expect("FORMAT 165");
    let xfs: Vec<(usize, u16, usize)> = recs.iter().filter(|r| r.1 == 0x00E0).copied().collect();
    let (xf_at, _, xf_len) = xfs[26];
    assert_eq!(u16_at(&stream, xf_at + 6), 165);
    let (number_at, _, _) = *recs.iter().find(|r| r.1 == 0x0203).unwrap();
    let formatted = try_read(&seed).unwrap();
    let general = "一、政府预算拨款\t84579\t一、一般公共服务支出\t9208";
    assert!(formatted.contains("一、政府预算拨款\t84,579\t一、一般公共服务支出\t9,208"));
    // A record cut to `keep` bytes, the rest of it made a record of type 0 (calamine skips it).
    let cut = |at: usize, len: usize, keep: usize| {
        let mut b = seed.clone();
        poke(&mut b, &l, at + 2, &(keep as u16).to_le_bytes());
        let rest = (len - keep - 4) as u16;
        poke(&mut b, &l, at + 4 + keep, &[0, 0]);
        poke(&mut b, &l, at + 6 + keep, &rest.to_le_bytes());
        b
    };
    // The FORMAT record cut inside its string: General everywhere.
    let t = try_read(&cut(format_at, format_len, 6)).unwrap();
    assert!(t.contains(general), "{t}");
    assert!(!t.contains("84,579"));
    // Its string's length past the record's end.
    let mut b = seed.clone();
    poke(&mut b, &l, format_at + 6, &0xFFFFu16.to_le_bytes());
    assert_eq!(try_read(&b).unwrap(), t);
    // XF 26 naming a format no FORMAT record gives and no built-in one is: General.
    let mut b = seed.clone();
    poke(&mut b, &l, xf_at + 6, &300u16.to_le_bytes());
    assert_eq!(try_read(&b).unwrap(), t);
    // XF 26 naming built-in format 4 (#,##0.00), which no FORMAT record gives.
    let mut b = seed.clone();
    poke(&mut b, &l, xf_at + 6, &4u16.to_le_bytes());
    let t4 = try_read(&b).unwrap();
    assert!(t4.contains("一、政府预算拨款\t84,579.00\t一、一般公共服务支出\t9,208.00"));
    // The 84578.99999999999 cell's XF index past the XF table: that cell alone is General.
    for ixfe in [xfs.len() as u16, 0xFFFF] {
        let mut b = seed.clone();
        poke(&mut b, &l, number_at + 8, &ixfe.to_le_bytes());
        let t = try_read(&b).unwrap();
        assert!(t.contains("一、政府预算拨款\t84579\t一、一般公共服务支出\t9,208"));
        assert!(!t.contains("84578"));
    }
    // An XF record too short for its ifmt: calamine refuses the workbook (no panic).
    assert!(try_read(&cut(xf_at, xf_len, 3)).is_err());
}
