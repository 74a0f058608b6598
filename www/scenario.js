// The what-if panel of <yusuan-calculator> (方案测算): edit the amounts a budget officer
// decides and see every figure follow; undo/redo, balance mode, the checks re-run on the
// scenario, regenerated sentences, named scenarios (localStorage), JSON export/import, CSV
// export, a share link (#s=…), a comparison of scenarios and charts (chart.js).
//
// The element creates one ScenarioPanel per loaded budget (see yusuan-calculator.js):
//   panel.element()   → the <section> to place in the page (built again on a language switch)
//   panel.rendered()  → call after the element has (re)rendered its tables: writes the
//                       scenario's figures into the table cells; the first call also restores
//                       the scenario from a share link or from the last session
//   panel.destroy()   → before the calculator is freed
//
// All text enters the DOM as text nodes (createElement/textContent), never parsed as HTML.

import { CHART_CSS_URL, ScenarioCharts } from './chart.js';
import { toXlsx } from './opener.js';
import { h } from './dom.js';
import { decodeStep } from './step.js';
import { strings } from './i18n/index.js';
// The longest scenario name; in i18n/limits.js because the messages state it too.
import { MAX_NAME } from './i18n/limits.js';

const CSS_URL = new URL('./scenario.css', import.meta.url).href;

/** The format of an exported scenario file. */
export const FORMAT = 'yusuan-scenario';
export const VERSION = 1;
/** Largest scenario file accepted by the import. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Largest share-link fragment accepted. */
export const MAX_FRAGMENT = 64 * 1024;
const DEBOUNCE_MS = 150;
// A figure's key; a project the scenario adds is `new:{code}:{name}` (the name as typed).
const KEY_RE = /^(?:[A-Za-z0-9_.:-]{1,120}|new:\d{1,12}:[^:\u0000-\u001f\u007f]{1,40})$/u;
/** Names that reach into an object's prototype: never an amount's key. */
const UNSAFE_KEY = /(^|[.:])(__proto__|prototype|constructor)($|[.:])/;

/** The summary strip: figure key → string key. */
const STRIP = [
  ['total', 'total'],
  ['basic', 'basic'],
  ['project', 'project'],
  ['income:total', 'income'],
  ['gap', 'gap'],
];
/** A subtotal of the functional classification: a 类 (3 digits), a 款 (5) or a 项 (7). */
const FN_TOTAL = /^fn:(\d{3}|\d{5}|\d{7}):total$/;
const STATUS_ORDER = ['mismatch', 'rounding', 'missing', 'unverifiable', 'note', 'ok'];
const STATUS_ICON = { ok: '✓', rounding: '≈', mismatch: '✗', missing: '∅', unverifiable: '?', note: 'ℹ' };

// The panel's strings (its charts' too): the `scenario` section of i18n/zh.js and i18n/en.js.
const STRINGS = { zh: strings('zh').scenario, en: strings('en').scenario };

// ---------------------------------------------------------------------------------------------
// Messages and small helpers (elements come from dom.js, where strings become text nodes).

/** An error's message; in English the core's `messageEn` when it gives one. */
function messageOf(err, lang = 'zh') {
  if (err instanceof Error) return lang === 'en' && typeof err.messageEn === 'string' && err.messageEn ? err.messageEn : err.message;
  return typeof err === 'string' ? err : String(err);
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function countOf(edits) {
  return isObject(edits) ? Object.keys(edits).length : 0;
}

function sameEdits(a, b) {
  const ka = Object.keys(a ?? {}).sort();
  const kb = Object.keys(b ?? {}).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

function isNegative(text) {
  return /^[-−]/.test(String(text ?? ''));
}

function fileSafe(name) {
  return String(name).replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80) || 'yusuan';
}

function formatBytes(n) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

// ---------------------------------------------------------------------------------------------
// Scenario data: validation, share link. Errors are Errors with a message for the user.

/**
 * Checks an imported scenario object and returns { balance, edits }.
 * `t` gives the messages; `title` is the current budget's title.
 */
export function validateScenario(obj, t, title) {
  if (!isObject(obj) || obj.format !== FORMAT) throw new Error(t.importFormat);
  if (obj.version !== VERSION) throw new Error(t.importVersion(String(obj.version)));
  if (obj.budget != null && title && obj.budget !== title) throw new Error(t.importBudget(String(obj.budget), title));
  const balance = obj.balance ?? 'follow';
  if (balance !== 'follow' && balance !== 'ceiling') throw new Error(t.importBalance(String(balance)));
  return { balance, edits: checkEdits(obj.edits, t) };
}

function checkEdits(edits, t) {
  if (!isObject(edits)) throw new Error(t.importEdits);
  const out = [];
  for (const [key, value] of Object.entries(edits)) {
    if (!KEY_RE.test(key) || UNSAFE_KEY.test(key)) throw new Error(t.importKey(key.slice(0, 40)));
    if (typeof value !== 'string' || value.length > 64) throw new Error(t.importValue(key));
    out.push([key, value]);
  }
  return Object.fromEntries(out);
}

/** `#s=c;project:p01=170;…` for a balance mode and edits. */
export function shareFragment(balance, edits) {
  const enc = (s) => encodeURIComponent(s).replace(/%3A/gi, ':');
  const parts = [balance === 'ceiling' ? 'c' : 'f'];
  for (const key of Object.keys(edits).sort()) parts.push(`${enc(key)}=${enc(edits[key])}`);
  return `#s=${parts.join(';')}`;
}

/** Reads a `#s=…` fragment: null when the fragment is no share link; throws when it is a bad one. */
export function parseShareFragment(hash, t) {
  if (typeof hash !== 'string' || !hash.startsWith('#s=')) return null;
  if (hash.length > MAX_FRAGMENT) throw new Error(t.shareTooLong);
  const parts = hash.slice(3).split(';');
  const mode = parts.shift();
  if (mode !== 'c' && mode !== 'f') throw new Error(t.shareMode);
  const seen = new Map();
  for (const part of parts) {
    if (part === '') continue;
    const at = part.indexOf('=');
    if (at <= 0 || at === part.length - 1) throw new Error(t.sharePart(part.slice(0, 40)));
    let key;
    let value;
    try {
      key = decodeURIComponent(part.slice(0, at));
      value = decodeURIComponent(part.slice(at + 1));
    } catch {
      throw new Error(t.shareEncoding);
    }
    if (!KEY_RE.test(key) || UNSAFE_KEY.test(key)) throw new Error(t.importKey(key.slice(0, 40)));
    if (value.length > 64) throw new Error(t.importValue(key));
    if (seen.has(key)) throw new Error(t.shareDup(key));
    seen.set(key, value);
  }
  return { balance: mode === 'c' ? 'ceiling' : 'follow', edits: Object.fromEntries(seen) };
}

/**
 * True when a storage error means the storage is full (not blocked): a QuotaExceededError while
 * the origin already holds data. (Some browsers also throw QuotaExceededError from an empty,
 * refused storage, as Safari did in private windows.)
 */
function storageFull(err) {
  const quota = err?.name === 'QuotaExceededError' || err?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || err?.code === 22 || err?.code === 1014;
  if (!quota) return false;
  try {
    return window.localStorage.length > 0;
  } catch {
    return false;
  }
}

/** localStorage, with every failure (blocked, full, disabled) turned into a thrown Error. */
const storage = {
  get(key) {
    return window.localStorage.getItem(key);
  },
  set(key, value) {
    window.localStorage.setItem(key, value);
  },
  remove(key) {
    window.localStorage.removeItem(key);
  },
};

// ---------------------------------------------------------------------------------------------

export class ScenarioPanel {
  #host;
  #root;
  #calc;
  #rebuild;
  #cellOf;
  #langOf;
  /** Told the state after every change: `{ text, modified, figs: { total, basic, project, 'income:total' } }`. */
  #onState;
  /** Told the scenario's narrative after the checks re-run (`null` with no change made). */
  #onNarrative;
  #title = '';
  #unit = '';
  #editables = [];
  /** The next amount field's number (fields of added projects come after the published ones). */
  #rowSeq = 0;
  #figs = new Map();
  /** Every figure, in the core's order (a compact step names them by index). */
  #order = [];
  /** The 类 (codes) that hold the lines the last step moved: open in the classes list. */
  #fnOpen = new Set();
  /** Watches the sticky bar's height (the classes list sticks below it) and the list's own. */
  #barObserver = null;
  /** Where the bar's height is written (--sc-bar-h), adopted by the shadow root. */
  #barSheet = null;
  #history = { undo: 0, redo: 0 };
  #ui = null;
  #cellOrig = new Map();
  #marked = new Set();
  #started = false;
  #destroyed = false;
  #active = null;
  /** Where the unsaved scenario came from: 'share' (a share link), 'restored' (the last visit) or null. */
  #origin = null;
  #notice = null;
  #checks = null;
  #staleText = 0;
  #checksError = null;
  #publishedMismatch = 0;
  #compare = null;
  #compareSel = new Set();
  #storageError = null;
  #timer = 0;
  #liveTimer = 0;
  #engaged = false;
  #abort = new AbortController();
  #cssReady = false;
  #cssWaiters = [];

  /**
   * host: the <yusuan-calculator> element; root: its shadow root; calc: its Calculator;
   * rebuild(): a promise of a new Calculator of the same budget (freed here after use);
   * cell(id): the rendered table cell for a cell id, or null; lang(): 'zh' | 'en'.
   */
  constructor({ host, root, calc, rebuild, cell, lang, onState, onNarrative }) {
    this.#onState = typeof onState === 'function' ? onState : null;
    this.#onNarrative = typeof onNarrative === 'function' ? onNarrative : null;
    this.#host = host;
    this.#root = root;
    this.#calc = calc;
    this.#rebuild = rebuild;
    this.#cellOf = cell;
    this.#langOf = lang;
    const overview = calc.overview() ?? {};
    this.#title = String(overview.title ?? '');
    this.#unit = String(overview.unit ?? '');
    this.#editables = Array.isArray(calc.editables()) ? calc.editables() : [];
    this.#order = calc.figures() ?? [];
    for (const f of this.#order) this.#figs.set(f.key, f);
    try {
      this.#publishedMismatch = Number(calc.findings()?.summary?.mismatch) || 0;
    } catch {
      this.#publishedMismatch = 0;
    }
    this.#loadCss();
    const signal = this.#abort.signal;
    document.addEventListener('keydown', (e) => this.#onKeydown(e), { signal });
    document.addEventListener('pointerdown', (e) => (this.#engaged = e.composedPath().includes(this.#host)), { signal, capture: true });
    document.addEventListener(
      'focusin',
      (e) => {
        // Focus inside the element engages it; focus on one of its ancestors (the page's <main>
        // after a click on plain text) leaves it as the pointer left it.
        if (e.composedPath().includes(this.#host)) this.#engaged = true;
        else if (!(e.target instanceof Node && e.target.contains(this.#host))) this.#engaged = false;
      },
      { signal, capture: true },
    );
    window.addEventListener('hashchange', () => this.#openShareLink(true), { signal });
    for (const name of Object.keys(this.#readStore())) this.#compareSel.add(name);
  }

  destroy() {
    this.#destroyed = true;
    this.#abort.abort();
    this.#barObserver?.disconnect();
    if (this.#barSheet) {
      try {
        this.#root.adoptedStyleSheets = this.#root.adoptedStyleSheets.filter((s) => s !== this.#barSheet);
      } catch {
        // (A root without adopted sheets has nothing to take back.)
      }
      this.#barSheet = null;
    }
    clearTimeout(this.#timer);
    clearTimeout(this.#liveTimer);
  }

  get #t() {
    return STRINGS[this.#langOf() === 'en' ? 'en' : 'zh'];
  }

  /** An error's message in the interface language. */
  #m(err) {
    return messageOf(err, this.#langOf() === 'en' ? 'en' : 'zh');
  }

  #loadCss() {
    // The charts' stylesheet (chart.js), beside this one.
    if (!this.#root.querySelector('link[data-chart-css]')) this.#root.append(h('link', { rel: 'stylesheet', href: CHART_CSS_URL, 'data-chart-css': '' }));
    let link = this.#root.querySelector('link[data-scenario-css]');
    if (!link) {
      link = h('link', { rel: 'stylesheet', href: CSS_URL, 'data-scenario-css': '' });
      this.#root.append(link);
    }
    const ready = () => {
      this.#cssReady = true;
      for (const w of this.#cssWaiters.splice(0)) w();
    };
    if (link.sheet) ready();
    else {
      link.addEventListener('load', ready, { once: true });
      link.addEventListener('error', ready, { once: true });
      setTimeout(ready, 3000);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Building the section.

  /** The section to place in the page (a new one at each call, in the current language). */
  element() {
    const t = this.#t;
    const ui = { inputs: new Map(), rows: new Map(), strip: new Map(), groups: new Map() };
    this.#ui = ui;

    ui.live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    ui.heading = h('h2', { id: 'yc-scenario-title', class: 'section-title', tabindex: '-1' }, t.title);
    ui.notice = h('p', { class: 'sc-notice', role: 'status' });
    ui.status = h('p', { class: 'sc-status' });

    const section = h(
      'section',
      { class: 'sc', 'data-section': 'scenario', id: 'yc-scenario', 'aria-labelledby': 'yc-scenario-title', hidden: !this.#cssReady },
      ui.heading,
      h('p', { class: 'sc-intro' }, t.intro(this.#unit)),
      ui.notice,
      (ui.bar = h('div', { class: 'sc-bar' }, ui.status, this.#buildStrip(), (ui.path = h('p', { class: 'sc-path', hidden: true })), this.#buildToolbar())),
      ui.live,
      this.#buildCharts(),
      this.#buildEditor(),
      this.#buildChecks(),
      this.#buildSentences(),
      this.#buildManage(),
      this.#buildCompare(),
    );
    if (!this.#cssReady) this.#cssWaiters.push(() => section.removeAttribute('hidden'));
    ui.section = section;
    this.#watchBar();
    this.#paintAll();
    this.#paintChecks();
    this.#paintSentences();
    this.#paintCompare();
    return section;
  }

  /** Brings the first amount field into view and focuses it (the first screen's 测算 link). */
  focusFirstField() {
    const input = this.#ui?.inputs.values().next().value;
    if (!input) return;
    input.closest('details')?.setAttribute('open', '');
    input.scrollIntoView({ block: 'center' });
    input.focus({ preventScroll: true });
  }

  /** A link for the element's table of contents. */
  tocItem(className = 'toc__link') {
    return h(
      'a',
      {
        href: '#yc-scenario',
        class: className,
        onclick: (e) => {
          e.preventDefault();
          const target = this.#ui?.heading;
          if (!target) return;
          target.scrollIntoView({ block: 'start' });
          target.focus({ preventScroll: true });
        },
      },
      this.#t.title,
    );
  }

  #buildStrip() {
    const t = this.#t;
    const dl = h('dl', { class: 'sc-strip', 'aria-label': t.stripLabel });
    for (const [key, name] of STRIP) {
      if (!this.#figs.has(key)) continue;
      const dd = h('dd', { class: 'sc-fig__value' });
      const item = h('div', { class: ['sc-fig', key === 'gap' && 'sc-fig--gap'], 'data-key': key }, h('dt', null, t.strip[name]), dd);
      this.#ui.strip.set(key, { item, dd });
      dl.append(item);
    }
    return dl;
  }

  #buildToolbar() {
    const t = this.#t;
    const ui = this.#ui;
    ui.undo = h('button', { type: 'button', class: 'btn btn--small sc-btn', title: t.undoTitle, 'aria-keyshortcuts': 'Control+Z', onclick: () => this.undo() }, h('span', { 'aria-hidden': 'true' }, '↶ '), t.undo);
    ui.redo = h('button', { type: 'button', class: 'btn btn--small sc-btn', title: t.redoTitle, 'aria-keyshortcuts': 'Control+Shift+Z Control+Y', onclick: () => this.redo() }, h('span', { 'aria-hidden': 'true' }, '↷ '), t.redo);
    ui.reset = h('button', { type: 'button', class: 'btn btn--small sc-btn', title: t.resetTitle, onclick: () => this.reset() }, t.reset);
    const mode = this.#calc.balance();
    const radio = (value, label, help) => {
      const id = `yc-sc-balance-${value}`;
      const input = h('input', { type: 'radio', name: 'yc-sc-balance', id, value, checked: mode === value, onchange: () => this.setBalance(value) });
      ui[`balance_${value}`] = input;
      return h('div', { class: 'sc-radio' }, input, h('label', { for: id }, label, h('span', { class: 'visually-hidden' }, t === STRINGS.en ? ` (${help})` : `（${help}）`)));
    };
    const fieldset = h(
      'fieldset',
      { class: 'sc-balance' },
      h('legend', null, t.balanceLegend),
      radio('follow', t.follow, t.followHelp),
      radio('ceiling', t.ceiling, t.ceilingHelp),
    );
    return h('div', { class: 'sc-toolbar' }, h('div', { class: 'sc-history', role: 'group', 'aria-label': `${t.undo} / ${t.redo}` }, ui.undo, ui.redo, ui.reset), fieldset);
  }

  /** The charts (chart.js): the classes published and in the scenario, the changes on the prior year. */
  #buildCharts() {
    const t = this.#t;
    this.#ui.charts = new ScenarioCharts({ t, unit: this.#unit, idPrefix: 'yc-sc-chart', lang: this.#langOf() === 'en' ? 'en' : 'zh' });
    return h(
      'section',
      { class: 'sc-block sc-charts', 'aria-labelledby': 'yc-sc-charts-title' },
      h('h3', { class: 'sc-sub', id: 'yc-sc-charts-title' }, t.chartsTitle),
      this.#ui.charts.element(),
    );
  }

  #buildEditor() {
    const t = this.#t;
    const groups = new Map();
    for (const e of this.#editables) {
      if (!groups.has(e.group)) groups.set(e.group, []);
      groups.get(e.group).push(e);
    }
    // 项目支出 first, then the order of the core.
    const names = [...groups.keys()].sort((a, b) => (b === '项目支出') - (a === '项目支出'));
    let index = 0;
    const blocks = names.map((name, gi) => {
      const items = groups.get(name);
      const rows = items.map((e) => this.#buildRow(e, index++));
      const count = h('span', { class: 'sc-group__count' });
      const rowsEl = h('div', { class: 'sc-rows' }, rows);
      const changedHere = items.some((e) => this.#figs.get(e.key)?.delta);
      const details = h(
        'details',
        { class: 'sc-group', open: gi === 0 || changedHere },
        h('summary', { class: 'sc-group__summary' }, h('h4', { class: 'sc-group__title', lang: 'zh-CN' }, name), ' ', count),
        rowsEl,
      );
      this.#ui.groups.set(name, { count, items, rows: rowsEl, details });
      return details;
    });
    this.#rowSeq = index;
    // The classes list first (stacked above the fields when narrow; beside them, sticky, when
    // there is room: scenario.css), then the forms and the amounts.
    this.#ui.classesBox = h('section', { class: 'sc-classes', 'aria-labelledby': 'yc-sc-classes-title' });
    this.#fillClasses();
    return h(
      'div',
      { class: 'sc-edit' },
      h('h3', { class: 'sc-sub' }, t.editTitle),
      h('p', { class: 'sc-hint' }, t.editHint),
      h('div', { class: 'sc-work' }, this.#ui.classesBox, h('div', { class: 'sc-work__main' }, this.#buildScale(), this.#buildAdd(), this.#buildMove(), blocks)),
    );
  }

  /**
   * The classes list (各类支出): one entry per 类 of the functional classification with its
   * subtotal, share of the spending and change on the prior year; its 款 and 项 under it, in a
   * <details> open for the 类 that holds the line last changed. Built empty; #paintClasses
   * writes the figures. Hidden when the budget lists no 类.
   */
  #fillClasses() {
    const ui = this.#ui;
    const box = ui?.classesBox;
    if (!box) return;
    const t = this.#t;
    const classes = new Map();
    const parts = [];
    for (const f of this.#figs.values()) {
      const m = FN_TOTAL.exec(f.key);
      if (!m) continue;
      if (m[1].length === 3) classes.set(m[1], { f, kuan: new Map(), loose: [] });
      else parts.push({ f, code: m[1] });
    }
    const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
    parts.sort(byCode);
    // A 款 under the 类 of its first 3 digits; a 项 under the 款 of its first 5 (or, with no
    // such 款, straight under its 类).
    for (const p of parts) if (p.code.length === 5) classes.get(p.code.slice(0, 3))?.kuan.set(p.code, { ...p, xiang: [] });
    for (const p of parts) {
      if (p.code.length !== 7) continue;
      const c = classes.get(p.code.slice(0, 3));
      const k = c?.kuan.get(p.code.slice(0, 5));
      if (k) k.xiang.push(p);
      else c?.loose.push(p);
    }
    const items = new Map();
    const entries = new Map();
    const line = (f, level) => {
      const fig = h('span', { class: 'sc-part__fig' });
      const el = h('li', { class: ['sc-part', level === 2 ? 'sc-part--kuan' : 'sc-part--xiang'] }, h('div', { class: 'sc-part__line' }, h('span', { class: 'sc-part__name', lang: 'zh-CN' }, f.label), fig));
      items.set(f.key, { key: f.key, level, el, fig, meta: null, sig: '' });
      return el;
    };
    const list = h('ul', { class: 'sc-classes__list' });
    for (const [code, c] of [...classes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const label = String(c.f.label ?? code);
      const fig = h('span', { class: 'sc-class__fig' });
      const meta = h('span', { class: 'sc-class__meta' });
      const head = [h('span', { class: 'sc-class__name', lang: 'zh-CN' }, label), fig, meta];
      const kuan = [...c.kuan.values()].map((k) => {
        const el = line(k.f, 2);
        if (k.xiang.length) el.append(h('ul', { class: 'sc-part__items' }, k.xiang.map((x) => line(x.f, 3))));
        return el;
      });
      const subs = [...kuan, ...c.loose.map((x) => line(x.f, 3))];
      // A 类 with nothing under it is a plain entry (no disclosure that opens on nothing).
      const details = subs.length
        ? h('details', { class: 'sc-class', 'data-code': code, open: this.#fnOpen.has(code) }, h('summary', { class: 'sc-class__sum' }, head), h('ul', { class: 'sc-class__parts', 'aria-label': t.classParts(label) }, subs))
        : null;
      const el = details ?? h('div', { class: 'sc-class sc-class--leaf', 'data-code': code }, h('div', { class: 'sc-class__sum' }, head));
      items.set(c.f.key, { key: c.f.key, level: 1, el, fig, meta, sig: '' });
      entries.set(code, { details, el });
      list.append(h('li', { class: 'sc-classes__item' }, el));
    }
    ui.classes = { items, entries };
    box.hidden = classes.size === 0;
    box.replaceChildren(
      ...(classes.size
        ? [h('h4', { class: 'sc-classes__title', id: 'yc-sc-classes-title' }, t.classesTitle), h('p', { class: 'sc-classes__hint' }, t.classesHint), list]
        : []),
    );
  }

  /** The sticky bar's height, for the classes list to stick below it; the list's tab stop. */
  #watchBar() {
    const ui = this.#ui;
    this.#barObserver?.disconnect();
    this.#barObserver = null;
    if (!ui?.bar || !ui.section || typeof ResizeObserver !== 'function') return;
    // The height goes into a constructed stylesheet of the shadow root (no style attribute:
    // the element keeps none, for its CSP).
    if (!this.#barSheet && typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in this.#root) {
      try {
        this.#barSheet = new CSSStyleSheet();
        this.#root.adoptedStyleSheets = [...this.#root.adoptedStyleSheets, this.#barSheet];
      } catch {
        this.#barSheet = null;
      }
    }
    const sheet = this.#barSheet;
    const box = ui.classesBox;
    let last = -1;
    this.#barObserver = new ResizeObserver(() => {
      const px = Math.ceil(ui.bar.getBoundingClientRect().height);
      if (sheet && px !== last) {
        last = px;
        sheet.replaceSync(`.sc { --sc-bar-h: ${px}px; }`);
      }
      // Where the list scrolls within its own height (beside the fields), it takes the focus
      // to scroll by keyboard; elsewhere it is no tab stop.
      if (box) {
        if (box.scrollHeight > box.clientHeight + 1) box.setAttribute('tabindex', '0');
        else box.removeAttribute('tabindex');
      }
    });
    this.#barObserver.observe(ui.bar);
    if (box) this.#barObserver.observe(box);
  }

  /** A project the publication does not list, added under a 项 (the core's `addProject`). */
  #buildAdd() {
    const t = this.#t;
    const ui = this.#ui;
    const items = [];
    for (const f of this.#figs.values()) {
      const m = /^fn:(\d{7}):project$/.exec(f.key);
      if (m) items.push([m[1], String(f.label ?? m[1]).replace(/\s*项目支出$/, '')]);
    }
    if (!items.length) return null;
    ui.addName = h('input', { id: 'yc-sc-add-name', type: 'text', autocomplete: 'off', maxlength: '40', class: 'sc-add__name' });
    ui.addCode = h('select', { id: 'yc-sc-add-code', class: 'sc-add__code' }, items.map(([code, label]) => h('option', { value: code }, label)));
    // A code the classification does not have: the core opens the 项 (and its 款 and 类).
    ui.addNewCode = h('input', { id: 'yc-sc-add-newcode', type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '7', class: 'sc-add__newcode' });
    ui.addAmount = h('input', { id: 'yc-sc-add-amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'sc-add__amount' });
    ui.addMsg = h('p', { class: 'sc-msg sc-add__msg', role: 'status' });
    return h(
      'form',
      {
        class: 'sc-scale sc-add',
        'aria-labelledby': 'yc-sc-add-title',
        onsubmit: (e) => {
          e.preventDefault();
          this.#addProject();
        },
      },
      h('h4', { class: 'sc-scale__title', id: 'yc-sc-add-title' }, t.addTitle),
      h(
        'div',
        { class: 'sc-scale__fields' },
        h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-add-name' }, t.addName), ui.addName),
        h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-add-code' }, t.addCode), ui.addCode),
        h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-add-newcode' }, t.addNewCode), ui.addNewCode),
        h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-add-amount' }, t.addAmount), ui.addAmount),
        h('button', { type: 'submit', class: 'btn sc-btn' }, t.addApply),
      ),
      ui.addMsg,
    );
  }

  #addProject() {
    const ui = this.#ui;
    if (!ui?.addName) return;
    const t = this.#t;
    const name = ui.addName.value.trim();
    const newCode = ui.addNewCode?.value.trim() ?? '';
    const code = newCode || ui.addCode.value;
    let step;
    try {
      step = this.#calc.addProject(code, name, ui.addAmount.value);
    } catch (err) {
      ui.addMsg.setAttribute('data-status', 'mismatch');
      ui.addMsg.textContent = this.#m(err);
      return;
    }
    this.#applyStep(step);
    const known = [...ui.addCode.options].find((o) => o.value === code);
    const added = known ? known.textContent : t.newCode(code);
    const text = t.added(name, added, this.#figs.get(`new:${code}:${name}`)?.value ?? ui.addAmount.value);
    ui.addMsg.setAttribute('data-status', 'ok');
    ui.addMsg.textContent = text;
    ui.addName.value = '';
    ui.addAmount.value = '';
    if (ui.addNewCode) ui.addNewCode.value = '';
    this.#say(text);
  }

  /** Move a project to another 项, or remove it (its amount to 0): the core's `moveProject`, `edit`. */
  #buildMove() {
    const t = this.#t;
    const ui = this.#ui;
    const projects = this.#editables.filter((e) => e.group === '项目支出');
    const codes = [...(ui.addCode?.options ?? [])].map((o) => [o.value, o.textContent]);
    if (!projects.length || !codes.length) return null;
    ui.moveWhich = h('select', { id: 'yc-sc-move-which', class: 'sc-add__code' }, projects.map((e) => h('option', { value: e.key }, e.label)));
    ui.moveTo = h('select', { id: 'yc-sc-move-to', class: 'sc-add__code' }, codes.map(([code, label]) => h('option', { value: code }, label)));
    ui.moveMsg = h('p', { class: 'sc-msg sc-move__msg', role: 'status' });
    const done = (text) => {
      ui.moveMsg.setAttribute('data-status', 'ok');
      ui.moveMsg.textContent = text;
      this.#say(text);
    };
    const run = (op) => {
      const key = ui.moveWhich.value;
      const name = ui.moveWhich.selectedOptions[0]?.textContent ?? key;
      const was = this.#figs.get(key)?.value ?? '';
      let step;
      try {
        step = op === 'move' ? this.#calc.moveProject(key, ui.moveTo.value) : this.#calc.edit(key, '0');
      } catch (err) {
        ui.moveMsg.setAttribute('data-status', 'mismatch');
        ui.moveMsg.textContent = this.#m(err);
        return;
      }
      this.#applyStep(step);
      this.#paintRow(key, true);
      done(op === 'move' ? t.moved(name, ui.moveTo.selectedOptions[0]?.textContent ?? ui.moveTo.value, was) : t.removed(name, was));
    };
    return h(
      'form',
      {
        class: 'sc-scale sc-move',
        'aria-labelledby': 'yc-sc-move-title',
        onsubmit: (e) => {
          e.preventDefault();
          run('move');
        },
      },
      h('h4', { class: 'sc-scale__title', id: 'yc-sc-move-title' }, t.moveTitle),
      h(
        'div',
        { class: 'sc-scale__fields' },
        h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-move-which' }, t.moveWhich), ui.moveWhich),
        h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-move-to' }, t.moveTo), ui.moveTo),
        h('button', { type: 'submit', class: 'btn sc-btn' }, t.moveApply),
        h('button', { type: 'button', class: 'btn sc-btn', onclick: () => run('remove') }, t.removeApply),
      ),
      ui.moveMsg,
    );
  }

  /** Amount fields for the projects a step added (an added project, a share link bringing one). */
  #ensureRows(changed) {
    const ui = this.#ui;
    if (!ui) return;
    const missing = changed.filter((f) => typeof f.key === 'string' && f.key.startsWith('new:') && !ui.rows.has(f.key));
    if (!missing.length) return;
    this.#editables = Array.isArray(this.#calc.editables()) ? this.#calc.editables() : this.#editables;
    for (const f of missing) {
      const e = this.#editables.find((x) => x.key === f.key);
      const group = e && ui.groups.get(e.group);
      if (!group) continue;
      group.rows.append(this.#buildRow(e, this.#rowSeq++));
      group.items.push(e);
      group.details.open = true;
      ui.moveWhich?.append(h('option', { value: e.key }, e.label));
    }
  }

  /** A cut or rise over many lines at once (the core's `scale`): all projects, or a 类. */
  #buildScale() {
    const t = this.#t;
    const ui = this.#ui;
    const targets = [];
    if (this.#figs.has('project')) targets.push(['project', t.scaleAllProjects]);
    for (const f of this.#figs.values()) {
      const m = /^fn:(\d{3}|\d{5}):total$/.exec(f.key);
      // The label is the class as printed (`201 一般公共服务支出`); add its code if it lacks it.
      const label = String(f.label ?? '');
      if (m) targets.push([f.key, label.startsWith(m[1]) ? label : `${m[1]} ${label}`.trim()]);
    }
    if (!targets.length) return null;
    ui.scaleTarget = h('select', { id: 'yc-sc-scale-target', class: 'sc-scale__target' }, targets.map(([key, label]) => h('option', { value: key }, label)));
    ui.scaleChange = h('input', { id: 'yc-sc-scale-change', type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', class: 'sc-scale__change', placeholder: '-5%', 'aria-describedby': 'yc-sc-scale-hint' });
    ui.scaleMsg = h('p', { class: 'sc-msg sc-scale__msg', role: 'status' });
    return h(
      'form',
      {
        class: 'sc-scale',
        'aria-labelledby': 'yc-sc-scale-title',
        onsubmit: (e) => {
          e.preventDefault();
          this.#scale();
        },
      },
      h('h4', { class: 'sc-scale__title', id: 'yc-sc-scale-title' }, t.scaleTitle),
      h('div', { class: 'sc-scale__fields' }, h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-scale-target' }, t.scaleTarget), ui.scaleTarget), h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-scale-change' }, t.scaleChange), ui.scaleChange), h('button', { type: 'submit', class: 'btn sc-btn' }, t.scaleApply)),
      h('p', { class: 'sc-hint', id: 'yc-sc-scale-hint' }, t.scaleHint),
      ui.scaleMsg,
    );
  }

  #scale() {
    const ui = this.#ui;
    if (!ui?.scaleTarget) return;
    let step;
    try {
      step = this.#calc.scale(ui.scaleTarget.value, ui.scaleChange.value);
    } catch (err) {
      ui.scaleMsg.setAttribute('data-status', 'mismatch');
      ui.scaleMsg.textContent = this.#m(err);
      return;
    }
    this.#applyStep(step);
    const text = (this.#langOf() === 'en' && step?.messageEn) || step?.message || '';
    ui.scaleMsg.setAttribute('data-status', 'ok');
    ui.scaleMsg.textContent = text;
    this.#say(text);
  }

  #buildRow(e, i) {
    const id = `yc-sc-in-${i}`;
    const input = h('input', {
      id,
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      class: 'sc-input',
      'data-key': e.key,
      'aria-describedby': `${id}-d ${id}-e`,
    });
    const delta = h('span', { class: 'sc-row__delta', id: `${id}-d` });
    const error = h('p', { class: 'sc-row__err', id: `${id}-e`, role: 'alert' });
    const lock = e.key === 'income:general' ? h('p', { class: 'sc-row__lock', id: `${id}-l` }) : null;
    if (lock) input.setAttribute('aria-describedby', `${id}-d ${id}-l ${id}-e`);
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        this.#commit(e.key);
        input.select();
      } else if (ev.key === 'Escape') {
        if (this.#dirty(e.key) || error.textContent) {
          ev.preventDefault();
          ev.stopPropagation();
          input.value = this.#shown(e.key);
          error.textContent = '';
          input.select();
        }
      }
    });
    input.addEventListener('blur', () => this.#commit(e.key));
    const row = h(
      'div',
      { class: 'sc-row', 'data-key': e.key },
      h('label', { for: id, class: 'sc-row__label', lang: 'zh-CN' }, e.label),
      h('div', { class: 'sc-row__field' }, input),
      h('div', { class: 'sc-row__info' }, delta, lock, error),
    );
    this.#ui.inputs.set(e.key, input);
    this.#ui.rows.set(e.key, { row, input, delta, error, lock, editable: e });
    return row;
  }

  #buildChecks() {
    const t = this.#t;
    const ui = this.#ui;
    ui.checksCounts = h('ul', { class: 'sc-counts', 'aria-label': t.checksTitle });
    ui.checksBody = h('div', { class: 'sc-checks__body' });
    return h(
      'section',
      { class: 'sc-block sc-checks', 'aria-labelledby': 'yc-sc-checks-title', 'aria-busy': 'false' },
      h('h3', { class: 'sc-sub', id: 'yc-sc-checks-title' }, t.checksTitle),
      h('p', { class: 'sc-hint' }, t.checksHint),
      ui.checksCounts,
      ui.checksBody,
    );
  }

  #buildSentences() {
    const t = this.#t;
    const ui = this.#ui;
    ui.sentChanged = h('div', { class: 'sc-sentences__changed' });
    ui.sentAllSummary = h('summary', { class: 'sc-more__summary' });
    ui.sentAll = h('ol', { class: 'sc-sentence-list' });
    ui.sentDetails = h('details', { class: 'sc-more' }, ui.sentAllSummary, ui.sentAll);
    ui.sentMsg = h('p', { class: 'sc-msg', role: 'status' });
    return h(
      'section',
      { class: 'sc-block sc-sentences', 'aria-labelledby': 'yc-sc-sent-title' },
      h('h3', { class: 'sc-sub', id: 'yc-sc-sent-title' }, t.sentencesTitle),
      h('p', { class: 'sc-hint' }, t.sentencesHint),
      ui.sentChanged,
      ui.sentMsg,
      ui.sentDetails,
    );
  }

  #buildManage() {
    const t = this.#t;
    const ui = this.#ui;
    ui.name = h('input', { id: 'yc-sc-name', type: 'text', class: 'sc-text', maxlength: String(MAX_NAME), autocomplete: 'off', value: this.#active ?? '' });
    ui.name.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.save(ui.name.value);
      }
    });
    ui.saveMsg = h('p', { class: 'sc-msg', role: 'status' });
    ui.savedList = h('ul', { class: 'sc-saved' });
    ui.importMsg = h('p', { class: 'sc-msg', role: 'status' });
    ui.file = h('input', { id: 'yc-sc-file', type: 'file', accept: '.json,application/json', class: 'sc-file' });
    ui.file.addEventListener('change', () => {
      const file = ui.file.files?.[0];
      ui.file.value = '';
      if (file) this.importFile(file);
    });
    ui.link = h('input', { id: 'yc-sc-link', type: 'text', class: 'sc-text sc-link', readonly: true, 'aria-describedby': 'yc-sc-link-hint' });
    ui.link.addEventListener('focus', () => ui.link.select());
    ui.linkMsg = h('p', { class: 'sc-msg', role: 'status' });

    return h(
      'section',
      { class: 'sc-block sc-manage', 'aria-labelledby': 'yc-sc-manage-title' },
      h('h3', { class: 'sc-sub', id: 'yc-sc-manage-title' }, t.manageTitle),
      h(
        'div',
        { class: 'sc-manage__grid' },
        h(
          'div',
          { class: 'sc-card' },
          h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-name' }, t.nameLabel), h('div', { class: 'sc-inline' }, ui.name, h('button', { type: 'button', class: 'btn sc-btn', onclick: () => this.save(ui.name.value) }, t.save))),
          ui.saveMsg,
          h('h4', { class: 'sc-mini-title', id: 'yc-sc-saved-title' }, t.savedTitle),
          ui.savedList,
        ),
        h(
          'div',
          { class: 'sc-card' },
          h('h4', { class: 'sc-mini-title' }, t.fileTitle),
          h(
            'div',
            { class: 'sc-buttons' },
            h('button', { type: 'button', class: 'btn btn--small sc-btn', onclick: () => this.exportJson() }, t.exportJson),
            h('button', { type: 'button', class: 'btn btn--small sc-btn', onclick: () => this.exportCsv() }, t.exportCsv),
            h('button', { type: 'button', class: 'btn btn--small sc-btn', onclick: () => this.exportXlsx() }, t.exportXlsx),
          ),
          h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-file' }, t.importJson), ui.file),
          ui.importMsg,
          h('div', { class: 'sc-field' }, h('label', { for: 'yc-sc-link' }, t.shareLabel), h('div', { class: 'sc-inline' }, ui.link, h('button', { type: 'button', class: 'btn sc-btn', onclick: () => this.copyLink() }, t.copyLink))),
          h('p', { class: 'sc-hint', id: 'yc-sc-link-hint' }, t.shareHint),
          ui.linkMsg,
        ),
      ),
    );
  }

  #buildCompare() {
    const t = this.#t;
    const ui = this.#ui;
    ui.compareBtn = h('button', { type: 'button', class: 'btn btn--small sc-btn', onclick: () => this.compare() }, t.compareBtn);
    ui.compareMsg = h('p', { class: 'sc-msg', role: 'status' });
    ui.compareOut = h('div', { class: 'sc-compare__out' });
    return h(
      'section',
      { class: 'sc-block sc-compare', 'aria-labelledby': 'yc-sc-compare-title' },
      h('h3', { class: 'sc-sub', id: 'yc-sc-compare-title' }, t.compareTitle),
      h('p', { class: 'sc-hint' }, t.compareHint),
      h('div', { class: 'sc-buttons' }, ui.compareBtn),
      ui.compareMsg,
      ui.compareOut,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Painting the current state.

  /** The text an input shows for a key. */
  #shown(key) {
    if (key === 'income:general' && this.#calc.balance() === 'follow') {
      const f = this.#figs.get('income:general:shown');
      if (f) return f.value;
    }
    return this.#figs.get(key)?.value ?? '';
  }

  #dirty(key) {
    const input = this.#ui?.inputs.get(key);
    return Boolean(input) && input.value.trim() !== this.#shown(key);
  }

  #paintAll() {
    if (!this.#ui) return;
    for (const key of this.#ui.rows.keys()) this.#paintRow(key, true);
    this.#paintGroups();
    this.#paintStrip();
    this.#paintClasses();
    this.#paintCharts();
    this.#paintToolbar();
    this.#paintStatus();
    this.#paintNotice();
    this.#paintSaved();
    this.#paintLink();
  }

  /**
   * Beside the fields, in the sticky bar: the 类, 款 and 项 the last step moved, each with its
   * new figure, its change and (a 类) its share of the spending; at most four, then how many more.
   */
  #paintPath(changed) {
    const ui = this.#ui;
    if (!ui?.path) return;
    const t = this.#t;
    const moved = changed
      .filter((f) => /^fn:\d+:total$/.test(f.key) && f.delta)
      .map((f) => ({ f, code: f.key.split(':')[1] }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    if (!moved.length) {
      ui.path.hidden = true;
      ui.path.replaceChildren();
      return;
    }
    const shown = moved.slice(0, 4).map(({ f }) => h('span', { class: 'sc-path__item', lang: 'zh-CN' }, t.pathItem(f.label, f.value, f.delta, f.share)));
    const more = moved.length > 4 ? h('span', { class: 'sc-path__more' }, t.pathMore(moved.length - 4)) : null;
    ui.path.replaceChildren(h('span', { class: 'sc-path__label' }, t.pathLabel), ' ', ...shown.flatMap((el, i) => (i ? [t.pathSep, el] : [el])), ...(more ? [' ', more] : []));
    ui.path.hidden = false;
  }

  /**
   * The classes list follows the figures: `figures` (a step's changed list) repaints only the
   * entries among them whose figures differ from what they show; null repaints every entry.
   * A subtotal the list does not have (a budget that gained one) builds the list again.
   */
  #paintClasses(figures = null) {
    const c = this.#ui?.classes;
    if (!c) return;
    if (figures && figures.some((f) => FN_TOTAL.test(f.key) && !c.items.has(f.key))) {
      this.#fillClasses();
      figures = null;
    }
    const items = this.#ui.classes.items;
    if (figures) {
      for (const f of figures) {
        const item = items.get(f.key);
        if (item) this.#paintClassItem(item);
      }
    } else for (const item of items.values()) this.#paintClassItem(item);
  }

  #paintClassItem(item) {
    const f = this.#figs.get(item.key);
    if (!f) return;
    const sig = [f.value, f.baseline, f.delta, f.share, f.yoy, f.percent].map((v) => v ?? '').join('|');
    if (sig === item.sig) return;
    item.sig = sig;
    const t = this.#t;
    const changed = Boolean(f.delta);
    const down = isNegative(f.delta);
    const parts = [];
    if (changed) parts.push(h('span', { class: 'sc-fig__was' }, f.baseline), h('span', { class: 'sc-fig__arrow' }, ' → '));
    parts.push(h('strong', { class: 'sc-classes__now' }, f.value));
    // The change as text (a sign, and for a 类 the word 已改), the ▲/▼ marker from the CSS.
    if (changed) parts.push(h('span', { class: 'sc-classes__diff' }, t.paren(f.delta)));
    if (changed && item.level === 1) parts.push(' ', h('span', { class: 'sc-tag sc-classes__tag' }, t.classChanged));
    item.fig.replaceChildren(...parts);
    if (item.meta) {
      const bits = [];
      if (f.share) bits.push(t.classShare(f.share));
      if (f.yoy) bits.push(t.yoyStrip(f.yoy, f.percent));
      else if (f.percent) bits.push(t.yoy(f.percent));
      const text = bits.join(' · ');
      if (item.meta.textContent !== text) item.meta.textContent = text;
      item.meta.hidden = !bits.length;
    }
    item.el.classList.toggle('is-changed', changed);
    item.el.classList.toggle('is-up', changed && !down);
    item.el.classList.toggle('is-down', changed && down);
  }

  /** The 类 whose 款 or 项 (or itself) `figures` move from what the panel shows now. */
  #movedClasses(figures) {
    const moved = new Set();
    for (const f of figures) {
      const m = FN_TOTAL.exec(f?.key ?? '');
      if (!m) continue;
      const prev = this.#figs.get(f.key);
      if (!prev || prev.value !== f.value) moved.add(m[1].slice(0, 3));
    }
    return moved;
  }

  /**
   * Opens the 类 that hold the lines a step moved (their 款 and 项 show) and closes the others;
   * a step that moves no 类 (a balance switch) leaves the list as the reader has it.
   */
  #openClasses(moved) {
    if (!moved.size) return;
    this.#fnOpen = moved;
    const c = this.#ui?.classes;
    if (!c) return;
    let first = null;
    for (const [code, { details, el }] of c.entries) {
      if (details) details.open = moved.has(code);
      if (!first && moved.has(code)) first = el;
    }
    // Beside the fields the list scrolls within its own height: bring the opened 类 into it
    // (the page itself does not scroll: the reader's field stays where it is).
    const box = this.#ui.classesBox;
    if (first && box && box.scrollHeight > box.clientHeight + 1) {
      const a = box.getBoundingClientRect();
      const b = first.getBoundingClientRect();
      if (b.top < a.top || b.bottom > a.bottom) box.scrollTop += b.top - a.top - box.clientHeight / 4;
    }
  }

  #paintRow(key, setValue) {
    const t = this.#t;
    const r = this.#ui?.rows.get(key);
    if (!r) return;
    const follow = this.#calc.balance() === 'follow';
    const f = key === 'income:general' && follow ? this.#figs.get('income:general:shown') ?? this.#figs.get(key) : this.#figs.get(key);
    if (!f) return;
    if (setValue && !(this.#root.activeElement === r.input && this.#dirty(key))) r.input.value = this.#shown(key);
    const parts = [f.delta ? t.changedLine(f.baseline, f.value, f.delta) : t.baselineOnly(f.baseline)];
    if (f.percent) parts.push(t.yoy(f.percent));
    if (f.share) parts.push(t.share(f.share));
    r.delta.textContent = parts.join(' · ');
    r.row.classList.toggle('is-changed', Boolean(f.delta));
    r.row.classList.toggle('is-up', Boolean(f.delta) && !isNegative(f.delta));
    r.row.classList.toggle('is-down', isNegative(f.delta));
    if (r.lock) {
      const locked = key === 'income:general' && follow;
      r.input.disabled = locked;
      r.lock.textContent = locked ? t.followLocked : '';
    }
  }

  #paintGroups() {
    const t = this.#t;
    for (const { count, items } of this.#ui?.groups.values() ?? []) {
      const changed = items.filter((e) => this.#figs.get(e.key)?.delta).length;
      count.textContent = t.groupCount(items.length, changed);
    }
  }

  #paintStrip() {
    const t = this.#t;
    const follow = this.#calc.balance() === 'follow';
    for (const [key, { item, dd }] of this.#ui?.strip ?? []) {
      const f = this.#figs.get(key);
      if (!f) continue;
      const changed = Boolean(f.delta);
      const parts = [];
      if (changed) {
        parts.push(h('span', { class: 'sc-fig__was' }, f.baseline), h('span', { class: 'sc-fig__arrow' }, ' → '));
      }
      parts.push(h('strong', { class: 'sc-fig__now' }, f.value));
      parts.push(h('span', { class: 'sc-fig__diff' }, t.paren(changed ? f.delta : t.unchanged)));
      // The change against the prior year, at the publication's precision (`较上年 +15,218（22%）`).
      if (f.yoy) parts.push(h('span', { class: 'sc-fig__yoy' }, t.yoyStrip(f.yoy, f.percent)));
      if (key === 'gap') {
        let note = '';
        if (follow && !changed && /^0(\.0+)?$/.test(f.value)) note = t.gapFollow;
        else if (isNegative(f.value)) note = t.gapOver(f.value.replace(/^[-−]/, ''));
        else if (!/^0(\.0+)?$/.test(f.value)) note = t.gapUnder(f.value);
        if (note) parts.push(h('span', { class: 'sc-fig__note' }, isNegative(f.value) ? h('span', { 'aria-hidden': 'true' }, '✗ ') : null, note));
        item.setAttribute('data-status', isNegative(f.value) ? 'mismatch' : 'ok');
        item.classList.toggle('is-bad', !/^0(\.0+)?$/.test(f.value));
      }
      item.classList.toggle('is-changed', changed);
      dd.replaceChildren(...parts);
    }
  }

  /** The charts follow the current figures (every edit, undo, redo, reset, balance, restore). */
  #paintCharts() {
    try {
      this.#ui?.charts?.update(this.#figs.values());
    } catch (err) {
      console.warn('yusuan: the charts failed to paint:', err);
    }
  }

  #paintToolbar() {
    const ui = this.#ui;
    if (!ui) return;
    const active = this.#root.activeElement;
    ui.undo.disabled = this.#history.undo === 0;
    ui.redo.disabled = this.#history.redo === 0;
    ui.reset.disabled = countOf(this.#edits()) === 0 && this.#history.undo === 0;
    // A button that just became disabled loses focus: keep it in the toolbar.
    if (active && active.disabled) {
      const next = [ui.undo, ui.redo, ui.reset].find((b) => !b.disabled) ?? ui.heading;
      next.focus();
    }
    const mode = this.#calc.balance();
    if (ui.balance_follow) ui.balance_follow.checked = mode === 'follow';
    if (ui.balance_ceiling) ui.balance_ceiling.checked = mode === 'ceiling';
  }

  #edits() {
    try {
      return this.#calc.edits() ?? {};
    } catch {
      return {};
    }
  }

  #paintStatus() {
    const t = this.#t;
    if (!this.#ui) return;
    const edits = this.#edits();
    const n = countOf(edits);
    const mode = this.#calc.balance();
    let text;
    if (this.#active) {
      const saved = this.#readStore()[this.#active];
      const clean = saved && sameEdits(saved.edits, edits) && saved.balance === mode;
      text = clean ? t.statusActive(this.#active, n) : t.statusActiveDirty(this.#active, n);
    } else if (n > 0 && this.#origin === 'share') text = t.statusShared(n);
    else if (n > 0 && this.#origin === 'restored') text = t.statusRestored(n);
    else text = n === 0 && mode === 'follow' ? t.statusPublished : t.statusUnsaved(n);
    if (mode === 'ceiling') text += ` · ${t.statusCeiling}`;
    this.#ui.status.textContent = text;
    this.#ui.status.classList.toggle('is-modified', n > 0 || mode === 'ceiling');
    if (this.#onState) {
      const figs = {};
      for (const key of ['total', 'basic', 'project', 'income:total']) {
        const f = this.#figs.get(key);
        if (f) figs[key] = { value: f.value, baseline: f.baseline, delta: f.delta ?? '' };
      }
      try {
        this.#onState({ text, modified: n > 0 || mode === 'ceiling', figs });
      } catch (err) {
        console.warn('yusuan: onState failed', err);
      }
    }
  }

  #paintNotice() {
    const el = this.#ui?.notice;
    if (!el) return;
    const n = this.#notice;
    // A refusal (a damaged share link, a scenario that cannot be restored) is an alert.
    el.setAttribute('role', n?.error ? 'alert' : 'status');
    el.textContent = n ? n.text : '';
    el.hidden = !n;
    if (n?.error) el.setAttribute('data-status', 'mismatch');
    else el.setAttribute('data-status', 'note');
  }

  #setNotice(text, error = false) {
    this.#notice = text ? { text, error } : null;
    this.#paintNotice();
  }

  #paintLink() {
    if (!this.#ui) return;
    this.#ui.link.value = this.shareUrl();
  }

  /** Writes the figures into the element's table cells and marks (or unmarks) them. */
  #paintCells(figures) {
    const t = this.#t;
    for (const f of figures) {
      for (const id of Array.isArray(f.cells) ? f.cells : []) {
        const el = this.#cellOf(id);
        if (!el) continue;
        if (!this.#cellOrig.has(id) && !this.#marked.has(id)) this.#cellOrig.set(id, el.textContent);
        // Each cell moves from what it printed (表1 9,208 and 表7 9,207 both move by +100).
        const shown = (f.cellValues && typeof f.cellValues[id] === 'string') ? f.cellValues[id] : f.value;
        if (f.delta) {
          if (el.textContent !== shown) el.textContent = shown;
          const down = isNegative(f.delta);
          el.classList.add('sc-changed');
          el.classList.toggle('sc-up', !down);
          el.classList.toggle('sc-down', down);
          // "原" is what this cell printed: a figure can print as 9,207 in one table and 9,208
          // (rounding) in another.
          const label = t.cellMark(this.#cellOrig.get(id) || f.baseline, shown, f.delta);
          el.setAttribute('title', label);
          el.setAttribute('aria-label', label);
          // What it printed, shown above the new figure without hovering (scenario.css).
          el.setAttribute('data-was', t.cellWas(this.#cellOrig.get(id) || f.baseline));
          this.#marked.add(id);
        } else if (this.#marked.has(id) || el.classList.contains('sc-changed')) {
          el.textContent = this.#cellOrig.get(id) ?? f.value;
          el.classList.remove('sc-changed', 'sc-up', 'sc-down');
          el.removeAttribute('title');
          el.removeAttribute('aria-label');
          el.removeAttribute('data-was');
          this.#marked.delete(id);
        }
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Applying steps.

  #applyStep(step) {
    if (!step) return [];
    const changed = Array.isArray(step.changed) ? step.changed : [];
    const moved = this.#movedClasses(changed);
    for (const f of changed) this.#figs.set(f.key, f);
    this.#ensureRows(changed);
    if (Number.isFinite(step.undo)) this.#history = { undo: step.undo, redo: step.redo };
    this.#paintCells(changed);
    this.#paintPath(changed);
    const keys = new Set(changed.map((f) => f.key));
    if (keys.has('income:general:shown')) keys.add('income:general');
    for (const key of keys) this.#paintRow(key, true);
    this.#paintGroups();
    this.#paintStrip();
    this.#paintClasses(changed);
    this.#openClasses(moved);
    this.#paintCharts();
    this.#paintToolbar();
    this.#paintStatus();
    this.#paintLink();
    this.#saveSession();
    this.#schedule();
    if (this.#compare) this.#paintCompare();
    return changed;
  }

  /** After a bulk change (reset + balance + edits): every figure again. */
  #syncAll(step) {
    const figures = this.#calc.figures() ?? [];
    this.#order = figures;
    const moved = this.#movedClasses(figures);
    for (const f of figures) this.#figs.set(f.key, f);
    this.#ensureRows(figures);
    if (step && Number.isFinite(step.undo)) this.#history = { undo: step.undo, redo: step.redo };
    this.#paintCells(figures);
    this.#paintAll();
    this.#openClasses(moved);
    if (this.#compare) this.#paintCompare();
    this.#saveSession();
    this.#schedule();
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#ui?.section?.querySelector('.sc-checks')?.setAttribute('aria-busy', 'true');
    this.#timer = setTimeout(() => {
      if (this.#destroyed) return;
      const before = this.#checks ? this.#checks.findings.length : null;
      this.#runChecks();
      this.#paintChecks();
      this.#paintSentences();
      if (this.#onNarrative) {
        try {
          this.#onNarrative(countOf(this.#edits()) > 0 ? this.#calc.scenarioNarrative() : null);
        } catch (err) {
          console.warn('yusuan: the scenario narrative failed:', err);
        }
      }
      // Say so when the scenario starts or stops breaking a check (the counts are on screen).
      const now = this.#checks ? this.#checks.findings.length : null;
      if (before !== null && now !== null && now !== before) this.#sayAlso(this.#t.checksChanged(now));
    }, DEBOUNCE_MS);
  }

  #runChecks() {
    try {
      // Every check, as the publication's (count for count with no edit); the core says which
      // the scenario broke (checks between tables) and which statements of the text it made
      // stale (the text still prints the published figures).
      const r = this.#calc.scenarioChecks();
      this.#checks = { summary: r?.summary ?? {}, findings: Array.isArray(r?.broken) ? r.broken : [] };
      this.#staleText = Number(r?.stale) || 0;
      this.#checksError = null;
    } catch (err) {
      this.#checks = null;
      this.#checksError = this.#m(err);
    }
  }

  #describe(changed, verb) {
    const t = this.#t;
    const leaf = changed.find((f) => this.#ui?.rows.has(f.key));
    const parts = [];
    if (leaf) parts.push(verb(leaf.label, leaf.value));
    const total = changed.find((f) => f.key === 'total');
    if (total) parts.push(t.announceTotal(total.value, total.delta));
    const gap = changed.find((f) => f.key === 'gap');
    if (gap && this.#calc.balance() === 'ceiling') parts.push(t.announceGap(gap.value));
    return parts.join(t.sep) + t.end;
  }

  #say(text) {
    const live = this.#ui?.live;
    if (!live) return;
    clearTimeout(this.#liveTimer);
    live.textContent = '';
    this.#liveTimer = setTimeout(() => {
      live.textContent = text;
    }, 60);
  }

  /** Adds a sentence to what the live region says now (or says it alone). */
  #sayAlso(text) {
    const live = this.#ui?.live;
    if (!live) return;
    const current = live.textContent;
    this.#say(current ? `${current} ${text}` : text);
  }

  #commit(key) {
    const r = this.#ui?.rows.get(key);
    if (!r || r.input.disabled) return;
    if (!this.#dirty(key)) {
      if (r.input.value !== this.#shown(key)) r.input.value = this.#shown(key);
      return;
    }
    const typed = r.input.value.trim();
    let step;
    try {
      const text = this.#calc.editCompact(key, typed);
      step = decodeStep(text, this.#order);
      if (!step) {
        // A figure the page did not hold (added since it fetched them): fetch them again.
        this.#order = this.#calc.figures() ?? [];
        step = decodeStep(text, this.#order) ?? { changed: [] };
      }
    } catch (err) {
      const current = this.#shown(key);
      r.input.value = current;
      r.error.textContent = this.#t.refused(this.#m(err).replace(/[。.]$/, ''), current);
      return;
    }
    r.error.textContent = '';
    const changed = this.#applyStep(step);
    r.input.value = this.#shown(key);
    if (changed.length) this.#say(this.#describe(changed, this.#t.announceEdit));
  }

  undo() {
    this.#travel('undo', this.#t.nothingUndo, this.#t.announceUndo);
  }

  redo() {
    this.#travel('redo', this.#t.nothingRedo, this.#t.announceRedo);
  }

  /** One step back or forward in the history (`op` is 'undo' or 'redo'). */
  #travel(op, nothing, announce) {
    // An amount field with the focus and nothing typed in it shows the step's result at once
    // (Ctrl+Z in the field after Enter): else it would keep the undone value and re-apply it
    // when the reader leaves it.
    const active = this.#root.activeElement;
    const key = active?.getAttribute?.('data-key');
    const field = key && this.#ui?.inputs.get(key) === active && !this.#dirty(key) ? active : null;
    let step;
    try {
      step = this.#calc[op]();
    } catch (err) {
      this.#setNotice(this.#m(err), true);
      return;
    }
    if (!step) {
      this.#say(nothing);
      return;
    }
    this.#clearErrors();
    const changed = this.#applyStep(step);
    if (field) {
      field.value = this.#shown(key);
      field.select();
    }
    this.#say(this.#describe(changed, announce));
  }

  reset() {
    try {
      this.#applyStep(this.#calc.reset());
    } catch (err) {
      this.#setNotice(this.#m(err), true);
      return;
    }
    this.#active = null;
    this.#origin = null;
    this.#clearErrors();
    this.#setNotice(null);
    this.#paintStatus();
    this.#saveSession();
    this.#say(this.#t.announceReset);
  }

  setBalance(mode) {
    const t = this.#t;
    let changed;
    try {
      changed = this.#applyStep(this.#calc.setBalance(mode));
    } catch (err) {
      this.#setNotice(this.#m(err), true);
      this.#paintToolbar();
      return;
    }
    this.#paintRow('income:general', true);
    const parts = [t.announceBalance(t.modeName[mode] ?? mode)];
    const income = changed.find((f) => f.key === 'income:total');
    if (income) parts.push(`${t.strip.income} ${income.value}`);
    const gap = this.#figs.get('gap');
    if (gap) parts.push(t.announceGap(gap.value));
    this.#say(parts.join(t.sep) + t.end);
  }

  #clearErrors() {
    for (const r of this.#ui?.rows.values() ?? []) r.error.textContent = '';
  }

  /** Replaces the scenario by { balance, edits }; on failure the previous one is put back. */
  #applyState({ balance, edits }) {
    const prev = { balance: this.#calc.balance(), edits: this.#edits() };
    try {
      this.#calc.reset();
      this.#calc.setBalance(balance === 'ceiling' ? 'ceiling' : 'follow');
      const step = countOf(edits) ? this.#calc.applyEdits(edits) : null;
      this.#syncAll(step ?? { undo: 0, redo: 0 });
    } catch (err) {
      try {
        this.#calc.reset();
        this.#calc.setBalance(prev.balance);
        if (countOf(prev.edits)) this.#calc.applyEdits(prev.edits);
      } catch {
        // The previous state came from the same calculator: it applies.
      }
      this.#syncAll({ undo: countOf(prev.edits) ? 1 : 0, redo: 0 });
      throw err;
    }
    this.#clearErrors();
  }

  // -------------------------------------------------------------------------------------------
  // After rendering: cells, first restore.

  /** Call after the element has rendered its tables (a fresh table DOM each time). */
  rendered() {
    if (this.#destroyed) return;
    this.#marked = new Set();
    this.#paintCells([...this.#figs.values()].filter((f) => f.delta));
    if (!this.#started) {
      this.#started = true;
      this.#restore();
    }
  }

  /**
   * After the core was restarted (core.js): every figure again from the calculator (the same
   * handle, now on a fresh instance), with the undo/redo position it reports.
   */
  resync(history) {
    if (this.#destroyed) return;
    this.#syncAll(history && Number.isFinite(history.undo) ? history : null);
  }

  #restore() {
    const t = this.#t;
    if (this.#openShareLink(false)) return;
    let session = null;
    try {
      const raw = storage.get(this.#sessionKey());
      session = raw ? JSON.parse(raw) : null;
    } catch (err) {
      if (!(err instanceof SyntaxError)) this.#storageFailed(err);
      session = null;
    }
    if (!isObject(session)) {
      this.#runChecks();
      this.#paintChecks();
      this.#paintSentences();
      return;
    }
    try {
      const edits = checkEdits(session.edits ?? {}, t);
      const balance = session.balance === 'ceiling' ? 'ceiling' : 'follow';
      const store = this.#readStore();
      const active = typeof session.active === 'string' && store[session.active] ? session.active : null;
      if (countOf(edits) === 0 && balance === 'follow' && !active) {
        this.#runChecks();
        this.#paintChecks();
        this.#paintSentences();
        return;
      }
      this.#applyState({ balance, edits });
      this.#active = active;
      this.#origin = active ? null : 'restored';
      if (this.#ui) this.#ui.name.value = active ?? '';
      this.#saveSession();
      this.#paintStatus();
      this.#paintSaved();
      this.#setNotice(t.restored(countOf(edits), active));
    } catch (err) {
      this.#setNotice(t.restoreFailed(this.#m(err)), true);
    }
  }

  /** Applies a `#s=` fragment; true when there was one. */
  #openShareLink(fromHashChange) {
    const t = this.#t;
    const hash = window.location.hash;
    if (!hash.startsWith('#s=')) return false;
    try {
      const state = parseShareFragment(hash, t);
      this.#applyState(state);
      this.#active = null;
      this.#origin = 'share';
      if (this.#ui) this.#ui.name.value = '';
      this.#paintStatus();
      this.#setNotice(t.shareOpened(countOf(state.edits)));
      if (fromHashChange) this.#say(t.shareOpened(countOf(state.edits)));
    } catch (err) {
      this.#setNotice(t.shareBad(this.#m(err)), true);
    }
    // The scenario now lives in the page (and the session); a reload should not re-apply a
    // link the user has since moved on from.
    try {
      history.replaceState(history.state, '', window.location.pathname + window.location.search);
    } catch {
      // A sandboxed frame may refuse: harmless.
    }
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Checks and sentences.

  #paintChecks() {
    const ui = this.#ui;
    if (!ui) return;
    const t = this.#t;
    const block = ui.section.querySelector('.sc-checks');
    if (this.#checksError) {
      ui.checksCounts.replaceChildren();
      ui.checksBody.replaceChildren(h('p', { class: 'sc-msg', 'data-status': 'mismatch' }, t.checksFailed(this.#checksError)));
      block?.setAttribute('aria-busy', 'false');
      return;
    }
    const f = this.#checks;
    if (!f) {
      ui.checksCounts.replaceChildren();
      ui.checksBody.replaceChildren(h('p', { class: 'sc-hint' }, t.checksPending));
      return;
    }
    block?.setAttribute('aria-busy', 'false');
    const list = Array.isArray(f.findings) ? f.findings : [];
    const summary = {};
    for (const s of STATUS_ORDER) summary[s] = Number(f.summary?.[s]) || 0;
    ui.checksCounts.replaceChildren(
      ...STATUS_ORDER.map((s) =>
        h(
          'li',
          { class: ['sc-count', summary[s] === 0 && 'is-zero'], 'data-status': s },
          h('span', { class: 'sc-count__icon', 'aria-hidden': 'true' }, STATUS_ICON[s]),
          ' ',
          t.count(t.status[s], summary[s]),
        ),
      ),
    );
    const mismatches = list.filter((x) => x.status === 'mismatch');
    const body = [];
    // The counts are every check's; a mismatch the edit did not make (the text still printing the
    // published figures, the publication's own slips) is said so, not left to contradict the verdict.
    const others = Math.max(0, summary.mismatch - mismatches.length);
    body.push(h('p', { class: ['sc-verdict', mismatches.length && 'is-bad'] }, mismatches.length ? t.mismatchIntro(mismatches.length) : t.noMismatch, others ? ` ${t.mismatchNotEdit(others)}` : '', ' ', h('span', { class: 'sc-muted' }, t.checksPublished(this.#publishedMismatch))));
    if (this.#staleText) body.push(h('p', { class: 'sc-muted sc-stale' }, t.staleText(this.#staleText)));
    if (mismatches.length) {
      body.push(
        h(
          'ol',
          { class: 'sc-findings' },
          mismatches.map((m) => {
            const cells = (Array.isArray(m.locations) ? m.locations : []).filter((l) => l && typeof l.cell === 'string');
            return h(
              'li',
              { class: 'sc-finding', 'data-status': 'mismatch' },
              h('p', { class: 'sc-finding__msg', lang: this.#langOf() === 'en' && m.messageEn ? 'en' : 'zh-CN' }, h('span', { class: 'sc-finding__icon', 'aria-hidden': 'true' }, '✗'), h('span', null, (this.#langOf() === 'en' && m.messageEn) || (m.message ?? ''))),
              cells.length
                ? h(
                    'ul',
                    { class: 'sc-finding__locs' },
                    cells.map((l) =>
                      h(
                        'li',
                        null,
                        h(
                          'button',
                          { type: 'button', class: 'sc-loc', onclick: () => this.#showCell(l.cell) },
                          h('span', { class: 'visually-hidden' }, `${t.showCell}：`),
                          h('span', { lang: 'zh-CN' }, [l.label, l.row, l.column].filter(Boolean).join(' · ')),
                        ),
                      ),
                    ),
                  )
                : null,
            );
          }),
        ),
      );
    }
    ui.checksBody.replaceChildren(...body);
  }

  #showCell(id) {
    const el = this.#cellOf(id);
    if (!el) return;
    el.scrollIntoView({ block: 'center', inline: 'center' });
    el.focus({ preventScroll: true });
  }

  #paintSentences() {
    const ui = this.#ui;
    if (!ui) return;
    const t = this.#t;
    let list;
    try {
      list = this.#calc.sentences() ?? [];
    } catch (err) {
      ui.sentChanged.replaceChildren(h('p', { class: 'sc-msg', 'data-status': 'mismatch' }, this.#m(err)));
      return;
    }
    const item = (s, withOriginal) => {
      const changed = Boolean(this.#figs.get(s.key)?.delta);
      const regen = h('p', { class: 'sc-sentence__text', lang: 'zh-CN' }, s.regenerated ?? '');
      return h(
        'li',
        { class: ['sc-sentence', changed && 'is-changed'], 'data-key': s.key ?? '' },
        h('div', { class: 'sc-sentence__head' }, h('span', { class: 'sc-sentence__name', lang: 'zh-CN' }, s.name ?? ''), changed ? h('span', { class: 'sc-tag' }, t.sentChanged) : null, h('button', { type: 'button', class: 'btn btn--small sc-btn sc-copy', 'aria-label': t.copyLabel(s.name ?? ''), onclick: () => this.#copy(s.regenerated ?? '', regen, ui.sentMsg, t.copied, t.copyManual) }, t.copy)),
        withOriginal && s.original && s.original !== s.regenerated ? h('p', { class: 'sc-sentence__line sc-sentence__was' }, h('span', { class: 'sc-sentence__k' }, t.sentPublished), h('span', { lang: 'zh-CN' }, s.original)) : null,
        h('div', { class: 'sc-sentence__line' }, h('span', { class: 'sc-sentence__k' }, t.sentRegenerated), regen),
      );
    };
    const changed = list.filter((s) => this.#figs.get(s.key)?.delta);
    ui.sentChanged.replaceChildren(changed.length ? h('ol', { class: 'sc-sentence-list' }, changed.map((s) => item(s, true))) : h('p', { class: 'sc-hint sc-empty' }, t.sentencesNone));
    ui.sentAllSummary.textContent = t.sentencesAll(list.length);
    ui.sentAll.replaceChildren(...list.map((s) => item(s, false)));
  }

  async #copy(text, selectEl, msgEl, okText, manualText) {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      msgEl.textContent = okText;
      return;
    } catch {
      // fall back to a selection the user can copy
    }
    if (selectEl instanceof HTMLInputElement) {
      selectEl.focus();
      selectEl.select();
    } else {
      const sel = window.getSelection();
      const range = document.createRange();
      range.selectNodeContents(selectEl);
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    msgEl.textContent = manualText;
  }

  // -------------------------------------------------------------------------------------------
  // Saved scenarios (localStorage), session.

  #storeKey() {
    return `yusuan:scenarios:${this.#title}`;
  }

  #sessionKey() {
    return `yusuan:scenario-session:${this.#title}`;
  }

  /** Remembers why storage failed (full, or not available) and says so under the save field. */
  #storageFailed(err) {
    this.#storageError = { full: storageFull(err), detail: this.#m(err) || 'localStorage' };
    this.#saveMessage(this.#storageText(), true, false);
  }

  #storageText() {
    const e = this.#storageError;
    if (!e) return '';
    return e.full ? this.#t.storageFull : this.#t.storageError(e.detail);
  }

  /** The message under the save field; `alert` for the answer to an action that failed. */
  #saveMessage(text, bad, alert = bad) {
    const el = this.#ui?.saveMsg;
    if (!el) return;
    el.setAttribute('role', alert ? 'alert' : 'status');
    el.setAttribute('data-status', bad ? 'mismatch' : 'ok');
    if (el.textContent !== text) el.textContent = text;
  }

  /**
   * { name: { edits, balance, saved } }, invalid entries left out; empty when storage fails.
   * A null-prototype object: a scenario may be called "__proto__" or "constructor".
   */
  #readStore() {
    const out = Object.create(null);
    let raw;
    try {
      raw = storage.get(this.#storeKey());
    } catch (err) {
      this.#storageFailed(err);
      return out;
    }
    let data;
    try {
      data = raw ? JSON.parse(raw) : {};
    } catch {
      return out;
    }
    if (!isObject(data)) return out;
    for (const [name, s] of Object.entries(data)) {
      if (!isObject(s)) continue;
      try {
        out[name] = { edits: checkEdits(s.edits ?? {}, this.#t), balance: s.balance === 'ceiling' ? 'ceiling' : 'follow', saved: typeof s.saved === 'string' ? s.saved : '' };
      } catch {
        // skip an entry this version cannot read
      }
    }
    return out;
  }

  /** Writes the saved scenarios (one key: a failed write leaves the stored value as it was); the error, or null. */
  #writeStore(data) {
    try {
      storage.set(this.#storeKey(), JSON.stringify(data));
      this.#storageError = null;
      return null;
    } catch (err) {
      this.#storageError = { full: storageFull(err), detail: this.#m(err) || 'localStorage' };
      return err;
    }
  }

  #saveSession() {
    if (!this.#started) return;
    const edits = this.#edits();
    const balance = this.#calc.balance();
    try {
      if (!countOf(edits) && balance === 'follow' && !this.#active) storage.remove(this.#sessionKey());
      else storage.set(this.#sessionKey(), JSON.stringify({ active: this.#active, balance, edits }));
    } catch (err) {
      this.#storageFailed(err);
    }
  }

  save(nameText) {
    const t = this.#t;
    const ui = this.#ui;
    const name = String(nameText ?? '').trim();
    const msg = (text, bad) => this.#saveMessage(text, bad);
    if (!name) {
      msg(t.nameEmpty, true);
      ui?.name.focus();
      return false;
    }
    if (name.length > MAX_NAME) {
      msg(t.nameLong, true);
      return false;
    }
    const store = this.#readStore();
    const existed = Object.hasOwn(store, name);
    store[name] = { edits: this.#edits(), balance: this.#calc.balance(), saved: new Date().toISOString() };
    const failed = this.#writeStore(store);
    if (failed) {
      msg(this.#storageError?.full ? t.storageFullSave(name) : t.storageError(this.#m(failed)), true);
      return false;
    }
    this.#active = name;
    this.#compareSel.add(name);
    this.#saveSession();
    this.#paintSaved();
    this.#paintStatus();
    msg(existed ? t.updated(name) : t.saved(name), false);
    return true;
  }

  load(name) {
    const t = this.#t;
    const s = this.#readStore()[name];
    if (!s) return;
    try {
      this.#applyState(s);
    } catch (err) {
      this.#saveMessage(t.loadFailed(name, this.#m(err)), true);
      return;
    }
    this.#active = name;
    this.#origin = null;
    if (this.#ui) this.#ui.name.value = name;
    this.#saveMessage(t.loaded(name, countOf(s.edits)), false);
    this.#setNotice(null);
    this.#saveSession();
    this.#paintStatus();
    this.#say(t.loaded(name, countOf(s.edits)));
  }

  remove(name) {
    const t = this.#t;
    const store = this.#readStore();
    if (!Object.hasOwn(store, name)) return;
    delete store[name];
    const failed = this.#writeStore(store);
    if (failed) {
      this.#saveMessage(this.#storageError?.full ? t.storageFull : t.storageError(this.#m(failed)), true);
      return;
    }
    if (this.#active === name) this.#active = null;
    this.#compareSel.delete(name);
    this.#saveSession();
    this.#paintSaved();
    this.#paintStatus();
    this.#saveMessage(t.deleted(name), false);
    this.#ui?.name.focus();
  }

  #paintSaved() {
    const ui = this.#ui;
    if (!ui) return;
    const t = this.#t;
    const store = this.#readStore();
    const names = Object.keys(store).sort((a, b) => (store[b].saved || '').localeCompare(store[a].saved || ''));
    if (this.#storageError) this.#saveMessage(this.#storageText(), true, false);
    if (!names.length) {
      ui.savedList.replaceChildren(h('li', { class: 'sc-saved__none' }, t.savedNone));
      return;
    }
    const lang = t === STRINGS.en ? 'en' : 'zh-CN';
    ui.savedList.replaceChildren(
      ...names.map((name, i) => {
        const s = store[name];
        let date = '';
        if (s.saved) {
          const d = new Date(s.saved);
          if (!Number.isNaN(d.getTime())) date = d.toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' });
        }
        const cid = `yc-sc-cmp-${i}`;
        const box = h('input', { type: 'checkbox', id: cid, checked: this.#compareSel.has(name), onchange: (e) => (e.target.checked ? this.#compareSel.add(name) : this.#compareSel.delete(name)) });
        return h(
          'li',
          { class: ['sc-saved__item', name === this.#active && 'is-active'] },
          h('div', { class: 'sc-saved__main' }, h('span', { class: 'sc-saved__name' }, name), h('span', { class: 'sc-saved__meta' }, t.savedMeta(countOf(s.edits), t.modeName[s.balance], date))),
          h(
            'div',
            { class: 'sc-saved__actions' },
            h('span', { class: 'sc-check' }, box, h('label', { for: cid }, t.compareWith)),
            h('button', { type: 'button', class: 'btn btn--small sc-btn', 'aria-label': t.loadLabel(name), onclick: () => this.load(name) }, t.load),
            h('button', { type: 'button', class: 'btn btn--small sc-btn sc-btn--quiet', 'aria-label': t.delLabel(name), onclick: () => this.remove(name) }, t.del),
          ),
        );
      }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Files and link.

  #download(fileName, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h('a', { href: url, download: fileName, hidden: true });
    (this.#ui?.section ?? this.#root).append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  /** The scenario as the exported JSON object. */
  scenarioObject() {
    return { format: FORMAT, version: VERSION, budget: this.#title, balance: this.#calc.balance(), edits: this.#edits() };
  }

  exportJson() {
    const name = `${fileSafe(this.#title)}-${fileSafe(this.#active ?? '方案')}.json`;
    this.#download(name, 'application/json', `${JSON.stringify(this.scenarioObject(), null, 2)}\n`);
    if (this.#ui) {
      this.#ui.importMsg.textContent = this.#t.exported(name);
      this.#ui.importMsg.setAttribute('data-status', 'ok');
    }
  }

  exportCsv() {
    let csv;
    try {
      csv = this.#calc.csv();
    } catch (err) {
      if (this.#ui) this.#ui.importMsg.textContent = this.#m(err);
      return;
    }
    const name = `${fileSafe(this.#title)}-${countOf(this.#edits()) ? fileSafe(this.#active ?? '方案') : '公开数'}.csv`;
    // The BOM makes Excel on Chinese Windows read the file as UTF-8.
    this.#download(name, 'text/csv;charset=utf-8', `\uFEFF${csv}`);
    if (this.#ui) {
      this.#ui.importMsg.textContent = this.#t.exported(name);
      this.#ui.importMsg.setAttribute('data-status', 'ok');
    }
  }

  /**
   * The tables as an .xlsx workbook: each in its published layout, every amount column as
   * 方案 · 公开数 · 增减 (numbers in the publication's format), and a sheet of the changes. The
   * workbook writer is the opener module's (fetched on first use).
   */
  async exportXlsx() {
    const t = this.#t;
    const say = (text, bad) => {
      if (!this.#ui) return;
      this.#ui.importMsg.textContent = text;
      this.#ui.importMsg.setAttribute('data-status', bad ? 'mismatch' : 'ok');
    };
    say(t.exportingXlsx, false);
    let bytes;
    try {
      bytes = await toXlsx(this.#calc.exportTables());
    } catch (err) {
      say(this.#m(err), true);
      return;
    }
    const name = `${fileSafe(this.#title)}-${countOf(this.#edits()) ? fileSafe(this.#active ?? '方案') : '公开数'}.xlsx`;
    this.#download(name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes);
    say(t.exported(name), false);
  }

  async importFile(file) {
    const t = this.#t;
    const msg = (text, bad) => {
      if (!this.#ui) return;
      this.#ui.importMsg.textContent = text;
      this.#ui.importMsg.setAttribute('data-status', bad ? 'mismatch' : 'ok');
      this.#ui.importMsg.setAttribute('role', bad ? 'alert' : 'status');
    };
    if (file.size > MAX_FILE_BYTES) {
      msg(t.importTooBig(formatBytes(file.size)), true);
      return false;
    }
    let state;
    try {
      const text = await file.text();
      let obj;
      try {
        obj = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (err) {
        throw new Error(t.importNotJson(this.#m(err)));
      }
      state = validateScenario(obj, t, this.#title);
      this.#applyState(state);
    } catch (err) {
      msg(t.importFailed(this.#m(err)), true);
      return false;
    }
    this.#active = null;
    this.#origin = null;
    if (this.#ui) this.#ui.name.value = String(file.name ?? '').replace(/\.json$/i, '').slice(0, MAX_NAME);
    this.#saveSession();
    this.#paintStatus();
    this.#setNotice(null);
    msg(t.imported(countOf(state.edits)), false);
    this.#say(t.imported(countOf(state.edits)));
    return true;
  }

  /** The page's address with the scenario in the fragment. */
  shareUrl() {
    const base = window.location.href.split('#')[0];
    return base + shareFragment(this.#calc.balance(), this.#edits());
  }

  async copyLink() {
    const ui = this.#ui;
    if (!ui) return;
    ui.link.value = this.shareUrl();
    await this.#copy(ui.link.value, ui.link, ui.linkMsg, this.#t.linkCopied, this.#t.linkManual);
  }

  // -------------------------------------------------------------------------------------------
  // Comparison.

  async compare() {
    const t = this.#t;
    const ui = this.#ui;
    const store = this.#readStore();
    // Oldest first: the order the scenarios were made in.
    const names = Object.keys(store)
      .filter((n) => this.#compareSel.has(n))
      .sort((a, b) => (store[a].saved || '').localeCompare(store[b].saved || ''));
    if (ui) {
      ui.compareMsg.textContent = t.comparing;
      ui.compareBtn.disabled = true;
    }
    const columns = [];
    let other = null;
    try {
      if (names.length) other = await this.#rebuild();
      for (const name of names) {
        const s = store[name];
        try {
          other.reset();
          other.setBalance(s.balance);
          if (countOf(s.edits)) other.applyEdits(s.edits);
          columns.push({ name, figs: new Map((other.figures() ?? []).map((f) => [f.key, f])) });
        } catch (err) {
          columns.push({ name, error: this.#m(err) });
        }
      }
    } catch (err) {
      if (ui) {
        ui.compareMsg.textContent = t.compareFailed(this.#m(err));
        ui.compareBtn.disabled = false;
      }
      return;
    } finally {
      try {
        other?.free?.();
      } catch {
        // already freed
      }
    }
    if (this.#destroyed) return;
    this.#compare = { columns };
    this.#paintCompare();
    const msgUi = this.#ui;
    if (msgUi) {
      msgUi.compareMsg.textContent = t.compareDone(columns.length + 1);
      msgUi.compareBtn.disabled = false;
    }
  }

  #paintCompare() {
    const ui = this.#ui;
    if (!ui || !this.#compare) return;
    const t = this.#t;
    const rows = [];
    for (const [key, name] of STRIP) if (this.#figs.has(key)) rows.push({ key, label: t.strip[name], lang: null });
    for (const f of this.#figs.values()) if (/^fn:\d{3}:total$/.test(f.key)) rows.push({ key: f.key, label: f.label, lang: 'zh-CN' });
    const current = { name: t.colCurrent, figs: this.#figs };
    const cols = [...this.#compare.columns, current];
    const cellText = (col, key) => {
      if (col.error) return t.compareError(col.error);
      const f = col.figs.get(key);
      if (!f) return '—';
      return f.delta ? `${f.value}${t.paren(f.delta)}` : f.value;
    };
    const table = h(
      'table',
      { class: 'sc-compare-table' },
      h('caption', null, t.compareCaption(this.#unit)),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t.colFigure), h('th', { scope: 'col' }, t.colPublished), cols.map((c) => h('th', { scope: 'col', lang: c === current ? null : 'zh-CN' }, c.name)))),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row', lang: r.lang }, r.label),
            h('td', { class: 'num' }, this.#figs.get(r.key)?.baseline ?? '—'),
            cols.map((c) => {
              const f = c.figs?.get(r.key);
              return h('td', { class: ['num', f?.delta && 'is-changed', f?.delta && (isNegative(f.delta) ? 'is-down' : 'is-up')] }, cellText(c, r.key));
            }),
          ),
        ),
      ),
    );
    ui.compareOut.replaceChildren(h('div', { class: 'sc-scroller', tabindex: '0', role: 'region', 'aria-label': t.compareRegion }, table));
  }

  // -------------------------------------------------------------------------------------------
  // Keyboard: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y while the element has the reader's attention.

  #onKeydown(e) {
    if (this.#destroyed || !this.#ui?.section?.isConnected) return;
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return;
    const k = e.key.toLowerCase();
    let action = null;
    if (k === 'z') action = e.shiftKey ? 'redo' : 'undo';
    else if (k === 'y' && !e.shiftKey) action = 'redo';
    if (!action) return;
    const path = e.composedPath();
    const inside = path.includes(this.#host);
    const active = document.activeElement;
    // Focus on the page around the element (body, or an ancestor such as <main>) after a click
    // on plain text inside it.
    const around = !active || active === document.body || active === document.documentElement || active.contains(this.#host);
    if (!inside && !(around && this.#engaged)) return;
    const target = path[0];
    if (target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && !['radio', 'checkbox', 'button', 'submit', 'reset', 'file'].includes(target.type)))) {
      // Inside a text field: the field's own undo, unless it is an amount field showing the
      // applied value (nothing typed yet).
      const key = target.getAttribute('data-key');
      if (!key || !this.#ui.inputs.has(key) || this.#dirty(key)) return;
    }
    e.preventDefault();
    if (action === 'undo') this.undo();
    else this.redo();
  }
}
