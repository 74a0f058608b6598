#!/usr/bin/env bash
# Make the test fixtures in fixtures/ with real tools. Needs: python3, qpdf, chromium,
# fonts-noto-cjk, libreoffice-writer (Debian: apt-get install -y qpdf chromium fonts-noto-cjk
# libreoffice-writer-nogui). The PDFs are committed, so tests don't need these tools.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
FX="$HERE/fixtures"
SEED=${SEED:-$(dirname "$0")/../../data/longgang-iit-2022-budget.txt}
mkdir -p "$FX"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
chrome_pdf() { # in.html out.pdf
  "$CHROME" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$TMP/chrome-profile" --print-to-pdf="$2" "file://$1" 2>/dev/null
}

# ---- (a) a "scan": a page holding only an image, printed by Chromium -----------------
python3 - "$TMP/scan.png" <<'PY'
import sys, zlib, struct
w, h = 400, 300
rows = b""
for y in range(h):
    row = bytearray()
    for x in range(w):
        v = 255 if (x // 20 + y // 20) % 2 else 200   # a grey checkerboard "scan"
        if 60 < y < 80 and 50 < x < 350: v = 30       # a dark bar, like a line of print
        row += bytes((v, v, v))
    rows += b"\x00" + bytes(row)
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
cat > "$TMP/scan.html" <<HTML
<!doctype html><html><body style="margin:0"><img src="scan.png" style="width:100%"></body></html>
HTML
chrome_pdf "$TMP/scan.html" "$FX/scanned.pdf"

# ---- (d) the seed budget typeset as HTML, printed by Chromium and by LibreOffice ------
python3 - "$SEED" "$TMP/seed.html" <<'PY'
import sys, html
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
out = ['<!doctype html><html><head><meta charset="utf-8"><title>budget</title><style>',
       'body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC",serif;font-size:11pt}',
       'table{border-collapse:collapse;margin:8pt 0}td{border:1px solid #444;padding:2pt 6pt}',
       'td.n{text-align:right}</style></head><body>']
i = 0
while i < len(lines):
    if "\t" in lines[i]:
        out.append("<table>")
        while i < len(lines) and "\t" in lines[i]:
            cells = lines[i].split("\t")
            tds = []
            for c in cells:
                num = c.strip().replace(",", "").replace(".", "", 1).lstrip("-").isdigit()
                tds.append('<td class="n">%s</td>' % html.escape(c) if num else "<td>%s</td>" % html.escape(c))
            out.append("<tr>" + "".join(tds) + "</tr>")
            i += 1
        out.append("</table>")
        continue
    t = lines[i].strip()
    if t:
        out.append("<p>%s</p>" % html.escape(t))
    i += 1
out.append("</body></html>")
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
PY
chrome_pdf "$TMP/seed.html" "$FX/seed-chromium.pdf"
( cd "$TMP" && soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export \
    --outdir "$TMP/lo" seed.html >/dev/null 2>&1 )
cp "$TMP/lo/seed.pdf" "$FX/seed-libreoffice.pdf"

# ---- the seed's workbook printed by LibreOffice Calc: each sheet's columns run over pages
# (all rows of the first columns, then all rows of the next), the cells clipped at their edges
mkdir -p "$TMP/calc"
cp "$HERE/../sheet/fixtures/seed.xlsx" "$TMP/calc/seed.xlsx"
( cd "$TMP/calc" && soffice --headless --convert-to pdf seed.xlsx >/dev/null 2>&1 )
cp "$TMP/calc/seed.pdf" "$FX/seed-calc.pdf"

# ---- a small real PDF for the fuzz test: a short table printed by Chromium -----------
cat > "$TMP/small.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><style>body{font-family:"Noto Sans CJK SC",sans-serif}
td{border:1px solid #000;padding:2pt 8pt}</style></head><body><p>收支总表 单位：万元</p>
<table><tr><td>项目</td><td>2022年预算数</td></tr><tr><td>一般公共预算拨款</td><td>84,579</td></tr>
<tr><td>本年收入合计</td><td>84,579</td></tr></table></body></html>
HTML
chrome_pdf "$TMP/small.html" "$FX/small.pdf"

# ---- (b) encrypted, with qpdf: a user password (refused), and an empty user password
# (opened) with each cipher: AES-256 (R6), AES-128 (R4), RC4-128 (R3), RC4-40 (R2)
# the same file with object streams and a cross-reference stream (PDF 1.5 compression)
qpdf --object-streams=generate --compress-streams=y "$FX/small.pdf" "$FX/small-objstm.pdf"
qpdf --encrypt secret owner 256 -- "$FX/small.pdf" "$FX/encrypted.pdf"
qpdf --encrypt "" owner 256 -- "$FX/small.pdf" "$FX/encrypted-empty-password.pdf"
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=y -- "$FX/small.pdf" "$FX/encrypted-aes128.pdf"
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- "$FX/small.pdf" "$FX/encrypted-rc4-128.pdf"
qpdf --allow-weak-crypto --encrypt "" owner 40 -- "$FX/small.pdf" "$FX/encrypted-rc4-40.pdf"

# ---- (c) malformed files ------------------------------------------------------------
# truncated: the first half of a real file
python3 - "$FX/small.pdf" "$FX/truncated.pdf" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(d[: len(d) // 2])
PY
# not a PDF at all
printf 'This is plain text, not a PDF.\n' > "$FX/not-a-pdf.pdf"
# hand-built PDFs, each broken in one way
python3 - "$FX" <<'PY'
import sys, zlib
fx = sys.argv[1]
def build(objs, trailer_extra=b"", break_xref=False, tail=None):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % ((o + 7) if break_xref else o)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, trailer_extra, (x + 3) if break_xref else x)
    if tail is not None:
        out = out[:tail]
    return bytes(out)
font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
def page(content_ref=b"4 0 R"):
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 5 0 R >> >> /Contents " + content_ref + b" >>"
text = b"BT /F1 12 Tf 20 100 Td (Total 84,579) Tj ET"
stream = lambda data, extra=b"": b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"
catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
# a valid one, to prove the builder is sound
open(fx + "/handmade-ok.pdf", "wb").write(build([catalog, pages, page(), stream(text), font]))
# broken xref: every offset and startxref point a few bytes off (the reader must rebuild)
open(fx + "/broken-xref.pdf", "wb").write(build([catalog, pages, page(), stream(text), font], break_xref=True))
# xref and objects gone: only garbage after the header
open(fx + "/garbage-body.pdf", "wb").write(b"%PDF-1.7\n" + bytes((i * 37 + 11) % 256 for i in range(4000)))
# an object that refers to itself: /Pages 2 0 R where 2 0 obj is "2 0 R", and a page tree loop
open(fx + "/self-reference.pdf", "wb").write(build([catalog, b"2 0 R", page(), stream(text), font]))
open(fx + "/page-tree-loop.pdf", "wb").write(build([catalog, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
    b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>", stream(text), font]))
# a content stream that never ends: no endstream, a Length past the end of the file
endless = b"<< /Length 99999999 >>\nstream\n" + b"BT /F1 12 Tf 20 100 Td (" + b"x" * 3000
open(fx + "/endless-stream.pdf", "wb").write(build([catalog, pages, page(), endless, font])[: -1])
# a decompression bomb: 64 MiB of zeros deflated to ~64 KiB, as the page content
bomb = zlib.compress(b"0" * (64 << 20), 9)
open(fx + "/zip-bomb.pdf", "wb").write(build([catalog, pages, page(), stream(bomb, b"/Filter /FlateDecode "), font]))
# an operator flood: millions of tiny operators in a small compressed stream
flood = zlib.compress(b"q Q " * 3_000_000, 9)
open(fx + "/operator-flood.pdf", "wb").write(build([catalog, pages, page(), stream(flood, b"/Filter /FlateDecode "), font]))
# layout stress: pages whose words make naive (or poppler's) layout slow
def big_page(content):
    pg = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 2000 2000] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
    return build([catalog, pages, pg, stream(zlib.compress(content, 9), b"/Filter /FlateDecode "), font])
grid = b"BT /F1 4 Tf\n" + b"".join(b"1 0 0 1 %d %d Tm (x) Tj\n" % (10 + k * 6, 10 + r * 6) for r in range(300) for k in range(300)) + b"ET"
open(fx + "/stress-grid.pdf", "wb").write(big_page(grid))          # 90,000 isolated words
line = b"BT /F1 1 Tf\n" + b"".join(b"1 0 0 1 %.3f 100 Tm (x) Tj\n" % (k * 0.021) for k in range(90000)) + b"ET"
open(fx + "/stress-line.pdf", "wb").write(big_page(line))          # 90,000 overlapping words, one line
pile = b"BT /F1 10 Tf\n" + b"1 0 0 1 100 100 Tm (ab) Tj\n" * 90000 + b"ET"
open(fx + "/stress-pile.pdf", "wb").write(big_page(pile))          # 90,000 copies of one word
diag = b"BT /F1 4 Tf\n" + b"".join(b"1 0 0 1 %.2f %.2f Tm (ab) Tj\n" % (i * 0.09, 1990 - i * 0.09) for i in range(20000)) + b"ET"
open(fx + "/stress-staircase.pdf", "wb").write(big_page(diag))     # 20,000 blocks, each right of the last
# Form XObjects nested into each other without end (the form draws itself)
form = stream(b"/X0 Do BT /F1 12 Tf 20 100 Td (deep) Tj ET", b"/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /XObject << /X0 6 0 R >> /Font << /F1 5 0 R >> >> ")
open(fx + "/recursive-form.pdf", "wb").write(build([catalog, pages,
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /X0 6 0 R >> >> /Contents 4 0 R >>",
    stream(b"/X0 Do"), font, form]))
PY
ls -la "$FX"
