// The benchmark `make bench` drives: for each budget size, the time to load and reconcile,
// the time of one edit (the wasm call from JS until the changed figures are back), and the time
// of a full recompute. Results are microseconds; the page needs cross-origin isolation for a
// fine-grained clock (scripts/serve.py sends the headers).
//
// Beside Yusuan, the same page times peers on the same budgets and the same edit sequence
// (same keys, same values, same order): plain float64 and decimal.js kept up to date by deltas,
// decimal.js recomputing every sum, and HyperFormula with SUM-range and SUMIF sheets. Each edit
// of a peer sets one project's amount from the typed text and reads back the total, the
// edited project's 类/款/项 subtotals and the total's % change as strings (toFixed at the
// budget's decimals), which is what a Yusuan edit hands back too. The peers come from
// www/vendor/ (tests/e2e/bench.mjs copies them there from tests/e2e/node_modules).
import init, { Calculator } from './pkg/yusuan.js';
import { decodeStep } from './step.js';

// The seed is a file the page fetches (the .wasm does not embed it).
const SEED_TEXT = await (await fetch('./data/longgang-iit-2022-budget.txt')).text();

function quantile(sorted, q) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const round2 = (x) => Number(x.toFixed(2));
const plain = (text) => text.replace(/,/g, '');
// Whatever an edit reads back goes here, so that no engine's reads can be optimised away.
let sink;

// ---------------------------------------------------------------------------------------------
// The edit sequence and the timing loops (shared by every engine).

/** `count` random project edits: the same keys and values for every engine of a size. */
function editSequence(keys, size, count) {
  const random = rng(size);
  const seq = [];
  for (let i = 0; i < count; i++) {
    const key = keys[Math.floor(random() * keys.length)];
    const value = String(1 + Math.floor(random() * 9000));
    seq.push({ key, value });
  }
  return seq;
}

/** Times each edit of seq[from..to) on its own; returns the microseconds of each. */
function timeEach(engine, seq, from, to) {
  const times = [];
  for (let i = from; i < to; i++) {
    const { key, value } = seq[i];
    const start = performance.now();
    sink = engine.edit(key, value);
    times.push((performance.now() - start) * 1000);
  }
  return times;
}

/**
 * Plays seq[from..to) in blocks of 16 edits with one clock reading per block and returns the
 * median of the block means: the figure to read for engines faster than the clock's step. (The
 * sequence has a second stretch of `edits` edits for this, after the ones timed one by one;
 * what is left over from the last block is played untimed.)
 */
function blockMedian(engine, seq, from, to) {
  const means = [];
  let b = from;
  for (; b + 16 <= to; b += 16) {
    const start = performance.now();
    for (let i = b; i < b + 16; i++) sink = engine.edit(seq[i].key, seq[i].value);
    means.push(((performance.now() - start) * 1000) / 16);
  }
  for (; b < to; b++) sink = engine.edit(seq[b].key, seq[b].value);
  means.sort((a, b) => a - b);
  return means.length ? round2(quantile(means, 0.5)) : null;
}

/** The smallest step performance.now() moves by, in µs (5 with isolation, 100 without). */
function clockStepUs() {
  let step = Infinity;
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    step = Math.min(step, b - a);
  }
  return round2(step * 1000);
}

/** Median, 95th percentile and count of a list of µs. */
function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    medianUs: round2(quantile(sorted, 0.5)),
    p95Us: round2(quantile(sorted, 0.95)),
    edits: sorted.length,
  };
}

// ---------------------------------------------------------------------------------------------
// The budget every peer starts from, taken from Yusuan's own calculator.

/**
 * The projects with their 项 codes and amounts, the published subtotals and total, and the
 * prior-year total, from Yusuan's API:
 * - `calc.editables()` (kind 'project') gives each project's key and published amount, but not
 *   its 项 code. The budget's own JSON, `calc.toJson()`, does: `figures.projects[]` is
 *   `{ id, code, amount }` with `code` the 7-digit 项 of table 7 (for the seed inferred from
 *   table 7, `code_inferred: true`), and `id` is the `<id>` of the key `project:<id>`.
 *   款 = the code's first 5 digits, 类 = its first 3.
 * - A subtotal is more than its projects: 支出总计 = 基本支出 + 项目支出, and a publication need
 *   not add up to the unit (the seed's inferred codes put 3,703 under a 项 table 7 prints as
 *   3,702; its 表3 total is 84,579 where its 类 add up to 84,578). Yusuan starts every figure
 *   from the published one (`fn:<code>:total`, `total` of `calc.figures()`) and moves it by
 *   each edit's delta. So the peers get one fixed line per level: `rest.x` per 项 = the
 *   published 项 minus its projects (its basic expenditure, plus any such difference),
 *   `rest.k` per 款 = the published 款 minus its 项, `rest.l` per 类, `rest.total`; sums over
 *   the lines then start at the published figures, whether an engine adds deltas or recomputes.
 * - The prior-year total is the `total` figure's value minus its `yoy`; a generated budget has
 *   no prior year (`yoy` absent), and there the % change is taken against the published total
 *   (the same work: one subtraction, one division, one format).
 */
function budgetModel(calc, D) {
  const json = JSON.parse(calc.toJson());
  const step = String(json.unit?.step ?? '1');
  const decimals = step.includes('.') ? step.split('.')[1].length : 0;
  const codeById = new Map(json.figures.projects.map((p) => [p.id, p.code]));
  const figures = new Map(calc.figures().map((f) => [f.key, f]));
  const projects = calc.editables()
    .filter((e) => e.kind === 'project')
    .map((e) => ({ key: e.key, amount: plain(e.baseline), code: codeById.get(e.key.slice('project:'.length)) }));
  for (const p of projects) {
    if (!/^\d{7}$/.test(p.code ?? '')) throw new Error(`bench: ${p.key} has no 7-digit 项 code (${p.code})`);
  }
  const published = (key) => (figures.has(key) ? new D(plain(figures.get(key).baseline)) : null);
  const xiang = new Set(projects.map((p) => p.code));
  for (const key of figures.keys()) if (/^fn:\d{7}:total$/.test(key)) xiang.add(key.slice(3, 10));
  const model = { decimals, projects, ...classification([...xiang].sort(), projects) };
  const total = figures.get('total');
  model.rest = restLines(model, published, D);
  model.prior = total.yoy ? new D(plain(total.value)).minus(plain(total.yoy)).toString() : plain(total.baseline);
  return model;
}

/** The fixed line of each level: the published figure minus what the level below adds up to. */
function restLines(model, published, D) {
  const rest = (pub, sum) => (pub ?? sum).minus(sum);
  const xSum = model.xiang.map(() => new D(0));
  model.projects.forEach((p, i) => { xSum[model.px[i]] = xSum[model.px[i]].plus(p.amount); });
  const x = model.xiang.map((c, i) => rest(published(`fn:${c}:total`), xSum[i]));
  const kSum = model.kuan.map(() => new D(0));
  xSum.forEach((v, i) => { kSum[model.xiangKuan[i]] = kSum[model.xiangKuan[i]].plus(v).plus(x[i]); });
  const k = model.kuan.map((c, i) => rest(published(`fn:${c}:total`), kSum[i]));
  const lSum = model.lei.map(() => new D(0));
  kSum.forEach((v, i) => { lSum[model.kuanLei[i]] = lSum[model.kuanLei[i]].plus(v).plus(k[i]); });
  const l = model.lei.map((c, i) => rest(published(`fn:${c}:total`), lSum[i]));
  const all = lSum.reduce((a, v, i) => a.plus(v).plus(l[i]), new D(0));
  const str = (list) => list.map((v) => v.toString());
  return { x: str(x), k: str(k), l: str(l), total: rest(published('total'), all).toString() };
}

/** Indexes: each project's 项/款/类, each 项's 款 and each 款's 类 (codes sorted). */
function classification(xiang, projects) {
  const kuan = [...new Set(xiang.map((c) => c.slice(0, 5)))];
  const lei = [...new Set(xiang.map((c) => c.slice(0, 3)))];
  const at = (list) => new Map(list.map((c, i) => [c, i]));
  const [xAt, kAt, lAt] = [at(xiang), at(kuan), at(lei)];
  return {
    xiang, kuan, lei,
    xiangKuan: xiang.map((c) => kAt.get(c.slice(0, 5))),
    kuanLei: kuan.map((c) => lAt.get(c.slice(0, 3))),
    keyIndex: new Map(projects.map((p, i) => [p.key, i])),
    px: projects.map((p) => xAt.get(p.code)),
    pk: projects.map((p) => kAt.get(p.code.slice(0, 5))),
    pl: projects.map((p) => lAt.get(p.code.slice(0, 3))),
  };
}

/**
 * Every sum from the leaves: 项 = its fixed line + its projects, 款 = its line + its 项, 类 =
 * its line + its 款, the total = its line + the 类. `num` makes a value from a decimal string,
 * `add` adds two (JS numbers or decimal.js values).
 */
function leafSums(model, amount, num, add) {
  const x = model.rest.x.map(num);
  for (let i = 0; i < amount.length; i++) x[model.px[i]] = add(x[model.px[i]], amount[i]);
  const k = model.rest.k.map(num);
  x.forEach((v, i) => { k[model.xiangKuan[i]] = add(k[model.xiangKuan[i]], v); });
  const l = model.rest.l.map(num);
  k.forEach((v, i) => { l[model.kuanLei[i]] = add(l[model.kuanLei[i]], v); });
  return { x, k, l, total: l.reduce(add, num(model.rest.total)) };
}

/** Subtotals as a Map code → string from per-level value arrays and a formatter. */
function subtotalMap(model, [x, k, l], format) {
  const out = new Map();
  model.xiang.forEach((c, i) => out.set(c, format(x[i])));
  model.kuan.forEach((c, i) => out.set(c, format(k[i])));
  model.lei.forEach((c, i) => out.set(c, format(l[i])));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The engines. Each has edit(key, text) → the strings read back, total() → string,
// subtotals() → Map code → string, and optionally catchUp(edits) (the rest of the sequence,
// applied untimed, for engines whose timed run is capped) and destroy().

/** The floor: JS numbers; an edit adds the delta to the 项, 款, 类 and the total. */
function float64Incremental(model) {
  const d = model.decimals;
  const amount = model.projects.map((p) => Number(p.amount));
  const s = leafSums(model, amount, Number, (a, b) => a + b);
  const { x, k, l } = s;
  let total = s.total;
  const prior = Number(model.prior);
  return {
    exact: false,
    edit(key, text) {
      const i = model.keyIndex.get(key);
      const v = Number(text);
      const delta = v - amount[i];
      amount[i] = v;
      x[model.px[i]] += delta;
      k[model.pk[i]] += delta;
      l[model.pl[i]] += delta;
      total += delta;
      return [total.toFixed(d), l[model.pl[i]].toFixed(d), k[model.pk[i]].toFixed(d),
        x[model.px[i]].toFixed(d), (((total - prior) / prior) * 100).toFixed(d)];
    },
    total: () => total.toFixed(d),
    subtotals: () => subtotalMap(model, [x, k, l], (v) => v.toFixed(d)),
  };
}

/** decimal.js sums from the leaves (leafSums). */
function decimalSums(D, model, amount) {
  return leafSums(model, amount, (v) => new D(v), (a, b) => a.plus(b));
}

/** What a decimal.js edit reads back for project i. */
function decimalReads(s, model, prior, i) {
  const d = model.decimals;
  return [s.total.toFixed(d), s.l[model.pl[i]].toFixed(d), s.k[model.pk[i]].toFixed(d),
    s.x[model.px[i]].toFixed(d), s.total.minus(prior).div(prior).times(100).toFixed(d)];
}

/** decimal.js, incremental: the float64 engine's structure with exact decimals. */
function decimalIncremental(D, model) {
  const amount = model.projects.map((p) => new D(p.amount));
  const s = decimalSums(D, model, amount);
  const prior = new D(model.prior);
  return {
    exact: true,
    edit(key, text) {
      const i = model.keyIndex.get(key);
      const v = new D(text);
      const delta = v.minus(amount[i]);
      amount[i] = v;
      s.x[model.px[i]] = s.x[model.px[i]].plus(delta);
      s.k[model.pk[i]] = s.k[model.pk[i]].plus(delta);
      s.l[model.pl[i]] = s.l[model.pl[i]].plus(delta);
      s.total = s.total.plus(delta);
      return decimalReads(s, model, prior, i);
    },
    total: () => s.total.toFixed(model.decimals),
    subtotals: () => subtotalMap(model, [s.x, s.k, s.l], (v) => v.toFixed(model.decimals)),
  };
}

/** decimal.js, naive: an edit sets the amount and recomputes every sum from all projects. */
function decimalNaive(D, model) {
  const amount = model.projects.map((p) => new D(p.amount));
  let s = decimalSums(D, model, amount);
  const prior = new D(model.prior);
  return {
    exact: true,
    edit(key, text) {
      const i = model.keyIndex.get(key);
      amount[i] = new D(text);
      s = decimalSums(D, model, amount);
      return decimalReads(s, model, prior, i);
    },
    catchUp(edits) {
      for (const { key, value } of edits) amount[model.keyIndex.get(key)] = new D(value);
      s = decimalSums(D, model, amount);
    },
    total: () => s.total.toFixed(model.decimals),
    subtotals: () => subtotalMap(model, [s.x, s.k, s.l], (v) => v.toFixed(model.decimals)),
  };
}

/**
 * The rows both sheets share, nested by code: the total's fixed line, then per 类 its line, per
 * 款 its line, per 项 its line and its projects. Each row is { amount, x, k, l } (the indexes of
 * its 项/款/类, -1 above its level); `span` gives each 项, 款 and 类 its first and last row
 * (contiguous), `rowOf` each project's row.
 */
function sheetRows(model) {
  const below = (n, parent) => {
    const out = Array.from({ length: n }, () => []);
    parent.forEach((p, i) => out[p].push(i));
    return out;
  };
  const kuanOf = below(model.lei.length, model.kuanLei);
  const xiangOf = below(model.kuan.length, model.xiangKuan);
  const projectsOf = below(model.xiang.length, model.px);
  const rows = [{ amount: model.rest.total, x: -1, k: -1, l: -1 }];
  const span = { x: [], k: [], l: [] };
  const rowOf = new Array(model.projects.length);
  kuanOf.forEach((kuans, l) => {
    const lFirst = rows.length;
    rows.push({ amount: model.rest.l[l], x: -1, k: -1, l });
    for (const k of kuans) {
      const kFirst = rows.length;
      rows.push({ amount: model.rest.k[k], x: -1, k, l });
      for (const x of xiangOf[k]) {
        const xFirst = rows.length;
        rows.push({ amount: model.rest.x[x], x, k, l });
        for (const i of projectsOf[x]) {
          rowOf[i] = rows.length;
          rows.push({ amount: model.projects[i].amount, x, k, l });
        }
        span.x[x] = [xFirst, rows.length - 1];
      }
      span.k[k] = [kFirst, rows.length - 1];
    }
    span.l[l] = [lFirst, rows.length - 1];
  });
  return { rows, span, rowOf };
}

/**
 * A HyperFormula sheet wrapped as an engine: `amountCol` holds the amounts, `cells` the
 * formula cells ({ x, k, l } arrays of addresses, total, pct). An edit is setCellContents on
 * the project's amount cell with the typed text, then getCellValue of the total, the
 * project's 类/款/项 subtotals and the % change.
 */
function hyperformulaEngine(hf, model, rowOf, amountCol, cells) {
  const d = model.decimals;
  const read = (addr) => hf.getCellValue(addr).toFixed(d);
  return {
    exact: false,
    edit(key, text) {
      const i = model.keyIndex.get(key);
      hf.setCellContents({ sheet: 0, row: rowOf[i], col: amountCol }, text);
      return [read(cells.total), read(cells.l[model.pl[i]]), read(cells.k[model.pk[i]]),
        read(cells.x[model.px[i]]), read(cells.pct)];
    },
    catchUp(edits) {
      hf.batch(() => {
        for (const { key, value } of edits) {
          hf.setCellContents({ sheet: 0, row: rowOf[model.keyIndex.get(key)], col: amountCol }, value);
        }
      });
    },
    total: () => read(cells.total),
    subtotals: () => subtotalMap(model, [cells.x, cells.k, cells.l], read),
    destroy: () => hf.destroy(),
  };
}

/** Puts formulas in column `col` from row 0 down; returns their addresses. */
function placeFormulas(data, col, formulas) {
  return formulas.map((f, row) => {
    const cells = (data[row] ??= []);
    while (cells.length < col) cells.push(null); // empty cells, not holes
    cells[col] = f;
    return { sheet: 0, row, col };
  });
}

/** Builds the sheet; total, prior and % change go in column `col`, rows 0 to 2. */
function buildSheet(HyperFormula, model, data, col, totalFormula) {
  const letter = String.fromCharCode(65 + col);
  const [total, , pct] = placeFormulas(data, col,
    [totalFormula, Number(model.prior), `=(${letter}1-${letter}2)/${letter}2*100`]);
  // maxRows: the default limit (40,000 rows) is below 100,000 projects.
  const hf = HyperFormula.buildFromArray(data, { licenseKey: 'gpl-v3', maxRows: 1_000_000 });
  return { hf, total, pct };
}

/**
 * HyperFormula (a): one amount column A, rows sorted by code (sheetRows); each 项, 款 and 类
 * subtotal is SUM over its contiguous range of A (columns C, D, E), the total SUM over all of A
 * (F1), and F3 the % change against F2 (the prior-year total).
 */
function hyperformulaSumRange(HyperFormula, model) {
  const { rows, span, rowOf } = sheetRows(model);
  const data = rows.map((r) => [Number(r.amount)]);
  const sum = ([a, b]) => `=SUM(A${a + 1}:A${b + 1})`;
  const cells = {
    x: placeFormulas(data, 2, span.x.map(sum)),
    k: placeFormulas(data, 3, span.k.map(sum)),
    l: placeFormulas(data, 4, span.l.map(sum)),
  };
  const { hf, total, pct } = buildSheet(HyperFormula, model, data, 5, `=SUM(A1:A${rows.length})`);
  return hyperformulaEngine(hf, model, rowOf, 0, { ...cells, total, pct });
}

/**
 * HyperFormula (b): columns A 项 code, B 款 code, C 类 code (empty above the row's level), D
 * amount, the same rows as (a); each subtotal is SUMIF over its code column (F 项, G 款, H 类),
 * the total SUM over D (I1), I3 the % change against I2.
 */
function hyperformulaSumif(HyperFormula, model) {
  const { rows, rowOf } = sheetRows(model);
  const code = (list, i) => (i < 0 ? null : Number(list[i]));
  const data = rows.map((r) => [code(model.xiang, r.x), code(model.kuan, r.k), code(model.lei, r.l), Number(r.amount)]);
  const n = rows.length;
  const sumif = (col) => (c) => `=SUMIF(${col}$1:${col}$${n},${c},D$1:D$${n})`;
  const cells = {
    x: placeFormulas(data, 5, model.xiang.map(sumif('A'))),
    k: placeFormulas(data, 6, model.kuan.map(sumif('B'))),
    l: placeFormulas(data, 7, model.lei.map(sumif('C'))),
  };
  const { hf, total, pct } = buildSheet(HyperFormula, model, data, 8, `=SUM(D1:D${n})`);
  return hyperformulaEngine(hf, model, rowOf, 3, { ...cells, total, pct });
}

// ---------------------------------------------------------------------------------------------
// Running the peers and checking them against Yusuan.

/**
 * The peers in the order they run, and their caps: { size: { warmup, edits } } where the full
 * sequence would take too long. A capped engine times the first warmup + edits edits of the
 * sequence, then applies the rest of it untimed in one go (catchUp), so that every engine ends
 * on the same figures as Yusuan. Caps keep `make bench` within minutes: HyperFormula's SUMIF
 * sheet takes about a second an edit at 10,000 projects and about 15 at 100,000.
 */
const PEERS = [
  { name: 'float64', label: 'plain float64, incremental', make: (p, m) => float64Incremental(m) },
  { name: 'decimalIncremental', label: 'decimal.js, incremental', make: (p, m) => decimalIncremental(p.D, m) },
  { name: 'decimalNaive', label: 'decimal.js, naive (recompute all)', make: (p, m) => decimalNaive(p.D, m),
    caps: { 100000: { warmup: 5, edits: 100 } } },
  { name: 'hyperformulaSum', label: 'HyperFormula, SUM ranges', make: (p, m) => hyperformulaSumRange(p.HyperFormula, m) },
  { name: 'hyperformulaSumif', label: 'HyperFormula, SUMIF', make: (p, m) => hyperformulaSumif(p.HyperFormula, m),
    caps: { 10000: { warmup: 2, edits: 50 }, 100000: { warmup: 1, edits: 5 } } },
];

async function loadPeers() {
  const { default: Decimal } = await import('./vendor/decimal.mjs');
  const HyperFormula = globalThis.HyperFormula;
  if (typeof HyperFormula?.buildFromArray !== 'function') {
    throw new Error('bench: www/vendor/hyperformula.full.min.js did not load (tests/e2e/bench.mjs copies it)');
  }
  // 40 significant digits: room for 15 integer digits and 6 decimals, and more.
  return { D: Decimal.clone({ precision: 40 }), HyperFormula };
}

/** Compares an engine's total and subtotals with Yusuan's final figures. */
function agreement(engine, yusuan) {
  const same = (mine, theirs) => engine.exact
    ? mine === theirs
    : Math.abs(Number(mine) - Number(theirs)) <= 1e-6 * Math.max(1, Math.abs(Number(theirs)));
  const total = engine.total();
  const bad = [];
  let checked = 0;
  for (const [code, value] of engine.subtotals()) {
    const theirs = yusuan.get(`fn:${code}:total`);
    if (theirs === undefined) continue;
    checked++;
    if (!same(value, theirs)) bad.push({ code, engine: value, yusuan: theirs });
  }
  const agrees = same(total, yusuan.get('total')) && bad.length === 0;
  return {
    agrees,
    rule: engine.exact ? 'equal to the cent, as strings' : 'within 1e-6 relative',
    total, yusuanTotal: yusuan.get('total'),
    subtotalsChecked: checked, subtotalsDisagreeing: bad.length, examples: bad.slice(0, 3),
  };
}

/**
 * Builds, times and checks one peer on one size; frees it. The edits timed one by one are
 * seq[warmup..warmup + edits) as for Yusuan (fewer when capped); an engine under 20 µs an edit
 * then plays the block stretch (blockMedian), any other applies the rest untimed.
 */
function runPeer(peer, peers, model, seq, options, size, yusuan) {
  const cap = peer.caps?.[size];
  const mainEnd = options.warmup + options.edits;
  const warmup = Math.min(cap?.warmup ?? options.warmup, mainEnd);
  const end = Math.min(warmup + (cap?.edits ?? options.edits), mainEnd);
  console.log(`bench: ${size} projects, ${peer.label}: building`);
  const t0 = performance.now();
  const engine = peer.make(peers, model);
  const buildMs = round2(performance.now() - t0);
  timeEach(engine, seq, 0, warmup);
  const result = { label: peer.label, buildMs, ...stats(timeEach(engine, seq, warmup, end)), warmup };
  const catchUp = engine.catchUp ?? ((rest) => rest.forEach((e) => engine.edit(e.key, e.value)));
  if (end < mainEnd) {
    result.cap = `${result.edits} timed edits (after ${warmup} warm-up) instead of ${options.edits}; the rest of the sequence applied untimed in one go before the check`;
    catchUp(seq.slice(end));
  } else if (result.medianUs < 20) {
    result.blockMedianUs = blockMedian(engine, seq, mainEnd, seq.length);
  } else {
    catchUp(seq.slice(mainEnd));
  }
  result.agreement = agreement(engine, yusuan);
  engine.destroy?.();
  return result;
}

/**
 * Ratios Yusuan / peer, 3 significant digits: median over median (null when the peer's median
 * is below the clock's step, 0), and block median over block median where both have one.
 */
function ratios(yusuan, result) {
  const r = (a, b) => Number((a / b).toPrecision(3));
  result.yusuanOverPeer = result.medianUs > 0 ? r(yusuan.medianUs, result.medianUs) : null;
  if (yusuan.blockMedianUs && result.blockMedianUs) {
    result.yusuanOverPeerBlocks = r(yusuan.blockMedianUs, result.blockMedianUs);
  }
}

// ---------------------------------------------------------------------------------------------

async function measure(size, { edits, warmup }, peers) {
  const t0 = performance.now();
  const make = () => (size === 16 ? Calculator.fromText(SEED_TEXT, 'longgang-iit-2022-budget.txt') : Calculator.generated(size, 42));
  const calc = make();
  const findings = calc.findings();
  const loadMs = performance.now() - t0;
  const keys = calc.editables().filter((e) => e.kind === 'project').map((e) => e.key);
  // warm-up, the edits timed one by one, then as many again timed in blocks of 16 (blockMedian).
  const seq = editSequence(keys, size, warmup + 2 * edits);
  const model = budgetModel(calc, peers.D);
  // Yusuan: the page's path, from the wasm call until the changed figures are back as the
  // page's step objects (editCompact's text decoded against the figures the page holds).
  const figs = calc.figures();
  const yusuanEngine = { edit: (key, value) => decodeStep(calc.editCompact(key, value), figs) };
  timeEach(yusuanEngine, seq, 0, warmup);
  const times = timeEach(yusuanEngine, seq, warmup, warmup + edits);
  const touched = sink.changed.length; // the last timed edit's step
  const yusuanStats = { label: 'Yusuan (wasm)', ...stats(times), warmup };
  yusuanStats.blockMedianUs = blockMedian(yusuanEngine, seq, warmup + edits, seq.length);
  times.sort((a, b) => a - b);
  const full = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    calc.fullRecompute();
    full.push((performance.now() - start) * 1000);
  }
  full.sort((a, b) => a - b);
  const final = new Map(calc.figures().map((f) => [f.key, plain(f.value)]));
  calc.free();
  // The same edits answered as JSON objects (Calculator.edit, the path before editCompact),
  // on a second calculator of the same budget: the boundary's before and after in one run.
  const before = make();
  const jsonEngine = { edit: (key, value) => before.edit(key, value) };
  timeEach(jsonEngine, seq, 0, warmup);
  const jsonTimes = timeEach(jsonEngine, seq, warmup, warmup + edits);
  before.free();
  const engines = { yusuan: yusuanStats, yusuanJson: { label: 'Yusuan edit() as JSON (before editCompact)', ...stats(jsonTimes), warmup } };
  for (const peer of PEERS) {
    engines[peer.name] = runPeer(peer, peers, model, seq, { edits, warmup }, size, final);
    ratios(yusuanStats, engines[peer.name]);
  }
  return {
    projects: size === 16 ? keys.length : size,
    loadAndReconcileMs: Number(loadMs.toFixed(2)),
    findings: findings.findings.length,
    edit: {
      count: times.length,
      medianUs: Number(quantile(times, 0.5).toFixed(2)),
      p95Us: Number(quantile(times, 0.95).toFixed(2)),
      figuresChangedPerEdit: touched,
    },
    fullRecomputeMedianUs: Number(quantile(full, 0.5).toFixed(1)),
    engines,
  };
}

window.yusuanBench = async (sizes = [16, 10000, 100000], options = { edits: 2000, warmup: 200 }) => {
  await init();
  const peers = await loadPeers();
  const results = [];
  for (const size of sizes) results.push(await measure(size, options, peers));
  return { crossOriginIsolated: self.crossOriginIsolated, clockStepUs: clockStepUs(), results };
};
document.getElementById('status').textContent = '就绪 ready';
