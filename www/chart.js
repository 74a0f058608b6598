// The charts of the what-if panel (方案测算, scenario.js):
//   功能分类（类）：公开数与方案 — each functional class (类, figure key `fn:XXX:total`), its
//     published figure and the scenario's, as two horizontal bars;
//   较上年增减 — the figures that carry a change against the prior year (`yoy`), largest change
//     first, as bars right (increase) or left (decrease) of a zero line.
//
// No chart library: plain inline SVG built with document.createElementNS. The page stays
// CSP-clean (`style-src 'self'`: only SVG presentation attributes and classes, never a style
// attribute), needs no bundler and adds a few kilobytes. Every text that comes from the data is
// set with textContent, never parsed as markup.
//
// Each chart is an <svg role="img"> named by its <title>, and has beside it a real <table> with
// the same numbers (under a <details> "以表格查看"). The numbers shown are the core's strings,
// as the publication prints them; the amounts parsed here only give the bars their lengths.
// Colour is never the only signal: published bars are hollow and dashed, the scenario's solid,
// each bar is tagged in words, changed figures carry "（已改）" and changes keep their sign.
//
//   const charts = new ScenarioCharts({ t, unit, idPrefix });
//   charts.element()      → the charts' container (a new one for each rendering of the panel)
//   charts.update(figs)   → repaint from the current figures (an iterable of the core's figures)

/** The stylesheet for the charts; scenario.js links it into the shadow root. */
import { h, s } from './dom.js';

export const CHART_CSS_URL = new URL('./chart.css', import.meta.url).href;

// Geometry, in the SVG's user units. The SVG is as wide as its container up to a width set in
// em (chart.css): text of FS units in a W-unit-wide viewBox is FS/W of the chart's width, so
// 12 px or more on any container at least 240 px wide (a 360 px phone leaves about 290 px).
const W = 400;
const FS = 20;
const LINE = 25;
const BAR = 20;
const GAP = 5;
const GROUP_GAP = 10;
const PAD = 6;
/** At most this many bars in the prior-year chart (the largest changes); its table lists all. */
export const MAX_YOY_BARS = 30;

const CLASS_KEY = /^fn:(\d{3}):total$/;

/** An amount as printed (`73,300`, `+15,218`, `−5`) as a number, for a bar's length only. */
export function amountOf(text) {
  const s = String(text ?? '').replace(/[,\s]/g, '').replace(/^[−–]/, '-').replace(/^\+/, '');
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? n : 0;
}

/** The functional classes (类) among the figures, in code order. */
export function classFigures(figures) {
  const out = [];
  for (const f of figures ?? []) {
    const m = CLASS_KEY.exec(String(f?.key ?? ''));
    if (m) out.push({ code: m[1], f });
  }
  out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return out.map((x) => x.f);
}

/** The figures with a change against the prior year, largest absolute change first (stable). */
export function yoyFigures(figures) {
  const out = [];
  for (const f of figures ?? []) if (typeof f?.yoy === 'string' && f.yoy.trim() !== '') out.push(f);
  return out
    .map((f, i) => ({ f, i, a: Math.abs(amountOf(f.yoy)) }))
    .sort((x, y) => y.a - x.a || x.i - y.i)
    .map((x) => x.f);
}

// ---------------------------------------------------------------------------------------------
// Measuring text (elements come from dom.js, where strings become text nodes).

/** A generous estimate of a text's width in user units (CJK one em, digits about 0.6 em). */
function textWidth(text, fs = FS) {
  let w = 0;
  for (const ch of String(text)) {
    const c = ch.codePointAt(0);
    if (c >= 0x2e80) w += 1;
    else if (/[0-9]/.test(ch)) w += 0.6;
    else if (/[\s,.:;'|!il()[\]]/.test(ch)) w += 0.36;
    else if (/[A-Z%+\-mw]/.test(ch)) w += 0.8;
    else w += 0.62;
  }
  return w * fs;
}

/** A label broken into lines no wider than `max` (CJK between any two characters, latin at spaces). */
function wrap(text, max) {
  const tokens = String(text).match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+/gu) ?? [String(text)];
  const lines = [];
  let line = '';
  for (const tok of tokens) {
    // Closing punctuation stays with the character before it.
    const closing = /^[，。、；：）》」』’”!?,.;:)\]]/.test(tok);
    if (line && !closing && textWidth(line + tok) > max) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line += tok;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length ? lines : [''];
}

/**
 * The label of a bar group: its lines of data text (Chinese, from the publication) and, on the
 * last line or a line of its own, the mark in the interface language. Returns the new y.
 */
function labelLines(g, label, mark, y, lang) {
  const lines = wrap(label, W);
  const markFits = mark && textWidth(lines[lines.length - 1] + mark) <= W;
  lines.forEach((line, i) => {
    const text = s('text', { class: 'ch-label', x: 0, y: y + FS, lang: 'zh-CN' }, line);
    if (mark && markFits && i === lines.length - 1) text.append(s('tspan', { class: 'ch-mark', lang }, mark));
    g.append(text);
    y += LINE;
  });
  if (mark && !markFits) {
    g.append(s('text', { class: 'ch-label', x: 0, y: y + FS }, s('tspan', { class: 'ch-mark', lang }, mark)));
    y += LINE;
  }
  return y;
}

/** The text baseline that centres a line of FS-unit text on a bar at y. */
const midline = (y) => y + BAR / 2 + FS * 0.35;

// ---------------------------------------------------------------------------------------------

/** A chart with nothing to draw: `text` in its place, no legend, no table. */
function empty(p, text) {
  p.legend.replaceChildren();
  p.legend.hidden = true;
  p.canvas.replaceChildren(h('p', { class: 'ch-empty sc-hint' }, text));
  p.details.hidden = true;
  p.scroller.replaceChildren();
}

export class ScenarioCharts {
  #t;
  #unit;
  #id;
  #lang;
  #parts = null;

  /** t: the panel's strings (STRINGS.zh or .en of scenario.js); unit: the budget's unit. */
  constructor({ t, unit, idPrefix = 'yc-sc-chart', lang = 'zh' }) {
    this.#t = t;
    this.#unit = String(unit || '') || '万元';
    this.#id = idPrefix;
    this.#lang = lang === 'en' ? 'en' : 'zh-CN';
  }

  element() {
    const fn = this.#frame('fn');
    const yoy = this.#frame('yoy');
    this.#parts = { fn, yoy };
    return h('div', { class: 'ch-charts' }, fn.root, yoy.root);
  }

  /** One chart's frame: heading, legend, the SVG's place and the table under <details>. */
  #frame(name) {
    const t = this.#t;
    const id = `${this.#id}-${name}`;
    const heading = h('h4', { class: 'ch-title sc-mini-title', id: `${id}-h` });
    const legend = h('ul', { class: 'ch-legend' });
    const canvas = h('div', { class: 'ch-canvas' });
    const note = h('p', { class: 'ch-note sc-hint', hidden: true });
    const scroller = h('div', { class: 'sc-scroller ch-scroller', tabindex: '0', role: 'region' });
    const details = h('details', { class: 'ch-details' }, h('summary', { class: 'ch-details__summary' }, t.chartTable), scroller);
    const root = h('div', { class: 'ch-chart', 'data-chart': name, role: 'group', 'aria-labelledby': `${id}-h` }, heading, legend, note, canvas, details);
    return { id, root, heading, legend, note, canvas, scroller, details };
  }

  /** Repaints both charts from the figures (an iterable of the core's figure objects). */
  update(figures) {
    if (!this.#parts) return;
    const list = [...(figures ?? [])];
    this.#paintClasses(classFigures(list));
    this.#paintYoy(yoyFigures(list));
  }

  #paintClasses(items) {
    const t = this.#t;
    const p = this.#parts.fn;
    const unit = this.#unit;
    p.heading.textContent = t.chartFnTitle(unit);
    p.scroller.setAttribute('aria-label', t.chartRegion(t.chartFnTitle(unit)));
    if (!items.length) {
      empty(p, t.chartFnNone);
      return;
    }
    p.legend.hidden = false;
    p.details.hidden = false;
    p.legend.replaceChildren(
      h('li', null, h('span', { class: 'ch-swatch ch-swatch--pub', 'aria-hidden': 'true' }), t.chartPublished),
      h('li', null, h('span', { class: 'ch-swatch ch-swatch--now', 'aria-hidden': 'true' }), t.chartScenario),
    );
    const changed = items.filter((f) => f.delta).length;

    // The SVG.
    const tagW = Math.max(textWidth(t.chartTagPub), textWidth(t.chartTagNow)) + PAD;
    const nowText = (f) => (f.delta ? t.chartNowDelta(f.value, f.delta) : f.value);
    const valueW = Math.max(...items.flatMap((f) => [textWidth(f.baseline), textWidth(nowText(f), f.delta ? FS * 1.08 : FS)])) + PAD;
    const x0 = tagW;
    const span = Math.max(W / 4, W - x0 - valueW);
    const max = Math.max(1, ...items.flatMap((f) => [amountOf(f.baseline), amountOf(f.value)]));
    const len = (text) => {
      const n = Math.max(0, amountOf(text));
      return n > 0 ? Math.max(1, (n / max) * span) : 0;
    };
    const body = s('g', { class: 'ch-body' });
    let y = 0;
    for (const f of items) {
      const g = s('g', { class: ['ch-group', f.delta && 'is-changed'] });
      y = labelLines(g, f.label ?? '', f.delta ? t.chartChanged : '', y, this.#lang);
      for (const [kind, tag, value, shown] of [
        ['pub', t.chartTagPub, f.baseline, f.baseline],
        ['now', t.chartTagNow, f.value, nowText(f)],
      ]) {
        const w = len(value);
        g.append(
          s('text', { class: 'ch-tag', x: 0, y: midline(y) }, tag),
          s('rect', { class: `ch-bar ch-bar--${kind}`, x: x0, y, width: w.toFixed(1), height: BAR }),
          s('text', { class: ['ch-value', kind === 'now' && f.delta && 'is-changed'], x: (x0 + w + PAD).toFixed(1), y: midline(y) }, shown),
        );
        y += BAR + GAP;
      }
      y += GROUP_GAP;
      body.append(g);
    }
    const height = Math.ceil(y - GROUP_GAP + GAP);
    p.canvas.replaceChildren(
      this.#svg(p.id, t.chartFnTitle(unit), t.chartFnDesc(items.length, changed), height, [
        // The axis first: the texts' halo covers it where a label crosses it.
        s('line', { class: 'ch-axis', x1: x0, y1: 0, x2: x0, y2: height }),
        body,
      ]),
    );

    // The table with the same numbers.
    const rows = items.map((f) =>
      h(
        'tr',
        { class: f.delta ? 'is-changed' : null },
        // Text only in a cell (the label is the publication's, Chinese; the mark follows it).
        h('th', { scope: 'row', lang: 'zh-CN' }, f.label ?? '', f.delta ? t.chartChanged : null),
        h('td', { class: 'ch-num' }, f.baseline),
        h('td', { class: 'ch-num' }, f.value),
        h('td', { class: 'ch-num' }, f.delta || t.unchanged),
      ),
    );
    p.scroller.replaceChildren(
      h(
        'table',
        { class: 'ch-table' },
        h('caption', null, t.chartFnCaption(unit)),
        h('thead', null, h('tr', null, [t.chartColClass, t.chartPublished, t.chartScenario, t.chartColDelta].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, rows),
      ),
    );
  }

  #paintYoy(all) {
    const t = this.#t;
    const p = this.#parts.yoy;
    const items = all.slice(0, MAX_YOY_BARS);
    const unit = this.#unit;
    p.heading.textContent = t.chartYoyTitle(unit);
    p.scroller.setAttribute('aria-label', t.chartRegion(t.chartYoyTitle(unit)));
    if (!items.length) {
      p.note.hidden = true;
      empty(p, t.chartYoyNone);
      return;
    }
    p.legend.hidden = false;
    p.details.hidden = false;
    p.note.hidden = all.length <= items.length;
    p.note.textContent = p.note.hidden ? '' : t.chartYoyMore(items.length, all.length);
    p.legend.replaceChildren(
      h('li', null, h('span', { class: 'ch-swatch ch-swatch--up', 'aria-hidden': 'true' }), t.chartUp),
      h('li', null, h('span', { class: 'ch-swatch ch-swatch--down', 'aria-hidden': 'true' }), t.chartDown),
    );
    const shown = (f) => t.chartYoyValue(f.yoy, f.percent || '');
    const down = items.filter((f) => amountOf(f.yoy) < 0);
    const up = items.filter((f) => amountOf(f.yoy) > 0);
    const changed = items.filter((f) => f.delta).length;
    // Every value is printed right of the zero line: after its bar for an increase, just right
    // of the line for a decrease (its bar runs left). The zero line sits where the largest
    // decrease and the largest increase with its value both fit.
    const negMax = Math.max(0, ...down.map((f) => -amountOf(f.yoy)));
    const posMax = Math.max(0, ...up.map((f) => amountOf(f.yoy)));
    const room = (f) => textWidth(shown(f), f.delta ? FS * 1.08 : FS) + PAD;
    // Bars share `span`; each increase must leave room for its value after it.
    let span = W;
    for (const f of items) {
      const n = amountOf(f.yoy);
      const fixed = room(f);
      const frac = n > 0 ? n / (negMax + posMax || 1) : 0;
      const left = negMax / (negMax + posMax || 1);
      // zero + its bar + its value <= W, with zero = left * span.
      if (left + frac > 0) span = Math.min(span, (W - fixed) / (left + frac));
    }
    span = Math.max(W / 4, span);
    const total = negMax + posMax || 1;
    const zero = (span * negMax) / total;
    const body = s('g', { class: 'ch-body' });
    let y = 0;
    for (const f of items) {
      const n = amountOf(f.yoy);
      const g = s('g', { class: ['ch-group', f.delta && 'is-changed'] });
      y = labelLines(g, f.label ?? '', f.delta ? t.chartChanged : '', y, this.#lang);
      const w = n === 0 ? 0 : Math.max(1, (Math.abs(n) / total) * span);
      const neg = n < 0;
      g.append(
        s('rect', { class: `ch-bar ch-bar--${neg ? 'down' : 'up'}`, x: (neg ? zero - w : zero).toFixed(1), y, width: w.toFixed(1), height: BAR }),
        s(
          'text',
          { class: ['ch-value', f.delta && 'is-changed'], x: (neg ? zero + PAD : zero + w + PAD).toFixed(1), y: midline(y) },
          shown(f),
        ),
      );
      y += BAR + GAP + GROUP_GAP;
      body.append(g);
    }
    const height = Math.ceil(y - GROUP_GAP);
    p.canvas.replaceChildren(
      this.#svg(p.id, t.chartYoyTitle(unit), t.chartYoyDesc(items.length, up.length, down.length, changed), height, [
        s('line', { class: 'ch-axis ch-axis--zero', x1: zero.toFixed(1), y1: 0, x2: zero.toFixed(1), y2: height }),
        body,
      ]),
    );

    const rows = all.map((f) =>
      h(
        'tr',
        { class: f.delta ? 'is-changed' : null },
        // Text only in a cell (the label is the publication's, Chinese; the mark follows it).
        h('th', { scope: 'row', lang: 'zh-CN' }, f.label ?? '', f.delta ? t.chartChanged : null),
        h('td', { class: 'ch-num' }, f.value),
        h('td', { class: 'ch-num' }, f.yoy),
        h('td', { class: 'ch-num' }, f.percent || '—'),
      ),
    );
    p.scroller.replaceChildren(
      h(
        'table',
        { class: 'ch-table' },
        h('caption', null, t.chartYoyCaption(unit)),
        h('thead', null, h('tr', null, [t.chartColItem, t.chartColValue, t.chartColYoy, t.chartColPercent].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, rows),
      ),
    );
  }

  /** An <svg role="img"> with its <title> and <desc>, scaled to its container (chart.css). */
  #svg(id, title, desc, height, children) {
    return s(
      'svg',
      {
        class: 'ch-svg',
        role: 'img',
        'aria-labelledby': `${id}-title`,
        'aria-describedby': `${id}-desc`,
        viewBox: `0 0 ${W} ${Math.max(height, 1)}`,
        width: '100%',
        preserveAspectRatio: 'xMinYMin meet',
        'font-size': FS,
        focusable: 'false',
      },
      s('title', { id: `${id}-title` }, title),
      s('desc', { id: `${id}-desc` }, desc),
      children,
    );
  }
}
