#!/usr/bin/env python3
"""Makes the committed test fixtures in ../fixtures from the project's seed.

Needs `pip install xlsxwriter` (the workbooks are written by a real library, not by hand).
LibreOffice (`soffice`, apt package libreoffice-calc-nogui) turns the .xlsx into .ods and
.xls; make-fixtures.sh runs both steps.

Fixtures:
  seed.xlsx          the seed's tables, one sheet per table, the title a merged first row,
                     numbers real numeric cells under #,##0; the 84,579 of 一、政府预算拨款 in
                     收支总表 is stored as 84578.99999999999
  seed-utf8bom.csv   the same tables in one CSV, UTF-8 with a BOM (as Excel writes it)
  seed-gbk.csv       the same in GBK (Excel on Chinese Windows)
  formats.xlsx       number formats: 1838.5 under #,##0 (shown 1,839: a note), percent,
                     0.00, General float noise, a date, a 17-digit integer, negatives
  bomb-honest.xlsx   a zip whose one entry inflates to 70 MiB, its header saying so
  bomb-lying.xlsx    the same with the sizes in its headers rewritten to 1 KiB
  corrupt.xlsx       seed.xlsx cut short (no central directory)
"""
import os
import re
import struct
import sys
import zipfile
import zlib

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures")
SEED = os.environ.get("SEED", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "data", "longgang-iit-2022-budget.txt"))

NUM = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")


def seed_tables(path):
    """The seed's tables from its 表格部分: [(label, title, meta_lines, rows, notes)]."""
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f]
    starts = [i for i, l in enumerate(lines) if l.strip() == "二、表格部分"]
    lines = lines[starts[-1] + 1:]
    tables = []
    cur = None
    header_len = 0
    page_rows = None
    i = 0
    while i < len(lines):
        raw = lines[i]
        s = raw.strip()
        i += 1
        m = re.match(r"^表\s*(\d+)$", s)
        if m:
            label = m.group(1)
            # the title: the next non-empty line
            while i < len(lines) and not lines[i].strip():
                i += 1
            title = lines[i].strip()
            i += 1
            if cur is not None and cur["label"] == label:
                page_rows = []  # a continuation page: its repeated header is dropped
                cur["pages"].append(page_rows)
            else:
                cur = {"label": label, "title": title, "meta": [], "pages": [[]], "notes": []}
                page_rows = cur["pages"][0]
                tables.append(cur)
            continue
        if cur is None or not s:
            continue
        if "\t" in raw:
            page_rows.append(raw.split("\t"))
        elif s.startswith("部门名称") or s.startswith("单位"):
            if len(cur["pages"]) == 1:
                cur["meta"].append(s.replace(" ", ""))
        else:
            cur["notes"].append(s)
    out = []
    for t in tables:
        first = t["pages"][0]
        # header rows: the leading rows of the first page with no amount in them
        header = []
        for r in first:
            if any(NUM.match(c.strip()) for c in r if c.strip()):
                break
            header.append(r)
        rows = list(first)
        for page in t["pages"][1:]:
            k = 0
            while k < len(page) and k < len(header) and page[k] == header[k]:
                k += 1
            rows.extend(page[k:])
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        out.append((t["label"], t["title"], t["meta"], rows, t["notes"], len(header)))
    return out


def is_code_column(header_rows, col):
    return any(col < len(h) and "编码" in h[col] for h in header_rows)


def write_seed_xlsx(tables, path, stored=None):
    """The seed's tables as a workbook; `stored` maps (sheet label, a cell of the row, printed
    value) to the value stored instead (a cell whose display hides what it holds)."""
    stored = stored or {}
    wb = xlsxwriter.Workbook(path)
    title_fmt = wb.add_format({"bold": True, "align": "center", "font_size": 14})
    head_fmt = wb.add_format({"bold": True, "align": "center", "border": 1, "text_wrap": True})
    num_fmt = wb.add_format({"num_format": "#,##0", "border": 1})
    text_fmt = wb.add_format({"border": 1, "text_wrap": True})
    noise_done = False
    for label, title, meta, rows, notes, nheader in tables:
        ws = wb.add_worksheet("表" + label)
        width = len(rows[0])
        ws.merge_range(0, 0, 0, max(width - 1, 1), title, title_fmt)
        dept = next((m for m in meta if m.startswith("部门名称")), "")
        unit = next((m for m in meta if m.startswith("单位")), "")
        ws.write_string(1, 0, dept)
        ws.write_string(1, max(width - 1, 1), unit)
        header = rows[:nheader]
        # header rows: merge a header cell over the empty cells to its right in the first
        # header row when the row below fills them (收 入 over 项 目 | 2022 年预算数)
        for r, row in enumerate(rows):
            xr = r + 2
            for c, cell in enumerate(row):
                v = cell.strip()
                if r < nheader:
                    if v:
                        ws.write_string(xr, c, v, head_fmt)
                    continue
                if v and NUM.match(v) and not is_code_column(header, c):
                    n = float(v.replace(",", ""))
                    if not noise_done and v == "84,579" and row[0].strip() == "一、政府预算拨款":
                        n = 84578.99999999999
                        noise_done = True
                    for (at, word, shown), value in stored.items():
                        if at == label and v == shown and any(x.strip() == word for x in row):
                            n = value
                    ws.write_number(xr, c, n, num_fmt)
                elif v:
                    ws.write_string(xr, c, v, text_fmt)
        # merged header cells: a cell followed by empty cells in the first header row whose
        # next header row has text under them spans them
        if nheader >= 2:
            top, below = rows[0], rows[1]
            c = 0
            while c < width:
                if top[c].strip():
                    e = c
                    while e + 1 < width and not top[e + 1].strip() and below[e + 1].strip():
                        e += 1
                    if e > c:
                        ws.merge_range(2, c, 2, e, top[c].strip(), head_fmt)
                    c = e + 1
                else:
                    c += 1
        nr = len(rows) + 3
        for k, note in enumerate(notes):
            ws.write_string(nr + k, 0, note)
        ws.set_column(0, width - 1, 18)
    wb.close()


def write_seed_csv(tables, path, encoding):
    import csv
    import io
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for label, title, meta, rows, notes, nheader in tables:
        w.writerow(["表" + label])
        w.writerow([title])
        dept = next((m for m in meta if m.startswith("部门名称")), "")
        unit = next((m for m in meta if m.startswith("单位")), "")
        w.writerow([dept] + [""] * (len(rows[0]) - 2) + [unit])
        for r in rows:
            w.writerow([c.strip() for c in r])
        for n in notes:
            w.writerow([n])
        w.writerow([])
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode(encoding))


def write_formats_xlsx(path):
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("格式")
    f = lambda s: wb.add_format({"num_format": s})
    rows = [
        ("#,##0 1838.5", 1838.5, f("#,##0")),            # B2: shown 1,839, a note
        ("#,##0 noise", 84578.99999999999, f("#,##0")),  # B3: 84,579, no note
        ("0.00", 84579, f("0.00")),                      # B4: 84579.00
        ("0.00%", 0.1234, f("0.00%")),                   # B5: 12.34%
        ("General noise", 0.1 + 0.2, None),              # B6: 0.3
        ("General int", 4146, None),                     # B7: 4146
        ("yyyy-mm-dd", 44562, f("yyyy-mm-dd")),          # B8: 2022-01-01
        ("17 digits", 12345678901234567, None),          # B9: 12345678901234600
        ("negative", -21, f("#,##0;(#,##0)")),           # B10: -21
        ("0.0 round", 2.675, f("0.00")),                 # B11: 2.68 (as Excel)
        ("text", "科目编码", None),                       # B12
        ("万元 literal", 12.5, f('0.0"万元"')),           # B13: 12.5
    ]
    ws.write_row(0, 0, ["what", "value"])
    for i, (what, v, fmt) in enumerate(rows, start=1):
        ws.write_string(i, 0, what)
        if isinstance(v, str):
            ws.write_string(i, 1, v)
        elif fmt is None:
            ws.write_number(i, 1, v)
        else:
            ws.write_number(i, 1, v, fmt)
    wb.close()


def write_bombs(dirpath):
    body = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + b" " * (70 << 20) + b"</sheetData></worksheet>")
    honest = os.path.join(dirpath, "bomb-honest.xlsx")
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/worksheets/sheet1.xml", body)
    data = bytearray(open(honest, "rb").read())
    # rewrite every declared uncompressed size (local headers and central directory) to 1 KiB
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        struct.pack_into("<I", data, pos + 22, 1024)
        pos += 4
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        struct.pack_into("<I", data, pos + 24, 1024)
        pos += 4
    open(os.path.join(dirpath, "bomb-lying.xlsx"), "wb").write(bytes(data))


def main():
    os.makedirs(OUT, exist_ok=True)
    tables = seed_tables(SEED)
    print("seed tables:", [(t[0], t[1], len(t[3])) for t in tables], file=sys.stderr)
    write_seed_xlsx(tables, os.path.join(OUT, "seed.xlsx"))
    # 表7's 2011302 一般行政管理事务 project amount stored as 3701.6, shown (#,##0) as 3,702.
    write_seed_xlsx(tables, os.path.join(OUT, "seed-stored.xlsx"),
                    {("7", "2011302", "3,702"): 3701.6})
    write_seed_csv(tables, os.path.join(OUT, "seed-utf8bom.csv"), "utf-8-sig")
    write_seed_csv(tables, os.path.join(OUT, "seed-gbk.csv"), "gbk")
    write_formats_xlsx(os.path.join(OUT, "formats.xlsx"))
    write_bombs(OUT)
    seed = open(os.path.join(OUT, "seed.xlsx"), "rb").read()
    open(os.path.join(OUT, "corrupt.xlsx"), "wb").write(seed[: len(seed) * 6 // 10])


if __name__ == "__main__":
    main()
