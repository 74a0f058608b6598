// <yusuan-calculator>: the Yusuan budget checker as one custom element.
//
// Embeds in any page: <script type="module" src="…/yusuan-calculator.js"></script> and
// <yusuan-calculator></yusuan-calculator> (the seed budget, data/ beside this file) or
// <yusuan-calculator src="budget.txt"> (published text) / src="budget.json" (our JSON).
// Attributes: src, ui-lang ("zh" | "en": the language of the interface, not of the data).
// A reader can also open a budget file of their own (打开预算文件: .txt or .json, read in the
// browser, never uploaded). The core runs in core.js, which survives a trap of the wasm
// instance: a fresh instance, the budget rebuilt and the reader's changes replayed.
//
// Works under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`: no inline script or
// style; styles come from yusuan-calculator.css through a <link> in the open shadow root.
// Every text that comes from data enters the DOM as a text node (h() below); nothing is ever
// parsed as HTML.

const CSS_URL = new URL('./yusuan-calculator.css', import.meta.url).href;
/** The seed, shown when no `src` is given: a file beside this one (the .wasm does not embed it). */
const SEED_URL = new URL('./data/longgang-iit-2022-budget.txt', import.meta.url).href;
const SEED_NAME = 'longgang-iit-2022-budget.txt';
/** Where the reader's choice of interface language is kept (when the host sets no ui-lang). */
const LANG_KEY = 'yusuan.lang';

// The wasm core: loaded once per page, restarted after a trap (core.js).
import { loadCore, MAX_BUDGET_BYTES } from './core.js';
import { convert, fileKind, MAX_CONVERTED_BYTES } from './opener.js';
import { appendChildren, h } from './dom.js';

// The what-if panel (方案测算) lives in scenario.js; this file only mounts it.
import { ScenarioPanel } from './scenario.js';
// The narrative with its numbers checked lives in narrative.js.
import { claimKey, renderNarrative } from './narrative.js';
// The interface's strings, one file per language (i18n/zh.js, i18n/en.js).
import { strings } from './i18n/index.js';
const NARRATIVE_CSS_URL = new URL('./narrative.css', import.meta.url).href;

/**
 * Resolves once the browser has painted (the next frame, then a task), or after 100 ms where
 * no frame comes (a background tab).
 */
function afterPaint() {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      setTimeout(resolve, 0);
    };
    requestAnimationFrame(go);
    setTimeout(go, 100);
  });
}

/** The findings' statuses, in the order the groups are shown. */
/** Findings built per group at once; a button builds the next ones. */
const FINDINGS_PAGE = 200;
const STATUS_ORDER = ['mismatch', 'missing', 'rounding', 'unverifiable', 'note', 'ok'];
/** The order the live announcement reads the counts in. */
const ANNOUNCE_ORDER = ['mismatch', 'rounding', 'missing', 'unverifiable', 'note', 'ok'];
const STATUS_ICON = {
  ok: '✓',
  rounding: '≈',
  mismatch: '✗',
  missing: '∅',
  unverifiable: '?',
  note: 'ℹ',
};

// The interface's strings: the `calculator` section of i18n/zh.js and i18n/en.js.
const STRINGS = { zh: strings('zh').calculator, en: strings('en').calculator };

// ---------------------------------------------------------------------------------------------
// Reading the published cells.

/** A printed amount (`84,579`, `-21`, `0`, `1.5`) or percentage (`22%`). */
const AMOUNT_RE = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;

/**
 * A cell's text as paragraphs. The core turns the PDF's `<p>…</p>` fragments into line
 * breaks; should a literal `<p>` still arrive, it is split on here as plain text (the string
 * is never handed to an HTML parser).
 */
function paragraphs(text) {
  return String(text ?? '')
    .split(/<\/?p\s*>|\r?\n/i)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function isAmount(text) {
  const parts = paragraphs(text);
  return parts.length === 1 && AMOUNT_RE.test(parts[0]);
}

/**
 * Header rows as cells with spans. Takes the documented shape ({text, colspan, rowspan, col?})
 * and keeps it when the spans tile the grid; when they overlap (a rowspan running into a cell
 * that a colspan below claims), or when the rows are plain strings, the spans are derived
 * again from the texts by spansFromGrid().
 */
function normalizeHeader(header) {
  const rows = (Array.isArray(header) ? header : []).filter(Array.isArray);
  const objects = rows.every((row) => row.every((c) => c !== null && typeof c === 'object'));
  if (!objects) return spansFromGrid(rows.map((row) => row.map((c) => (c !== null && typeof c === 'object' ? String(c.text ?? '') : String(c ?? '')))));
  const cells = rows.map((row) =>
    row.map((c) => ({
      text: String(c.text ?? ''),
      col: Number.isInteger(c.col) && c.col >= 0 ? c.col : null,
      colspan: Math.max(1, Math.floor(Number(c.colspan)) || 1),
      rowspan: Math.max(1, Math.floor(Number(c.rowspan)) || 1),
    })),
  );
  if (tiles(cells)) return cells;
  // Put each text back where it was printed, then derive the spans again.
  const grid = cells.map((row) => {
    const out = [];
    let cursor = 0;
    for (const c of row) {
      const at = c.col ?? cursor;
      out[at] = c.text;
      cursor = at + (c.col == null ? c.colspan : 1);
    }
    return Array.from(out, (x) => x ?? '');
  });
  return spansFromGrid(grid);
}

/** True when the cells, placed as an HTML table places them, neither overlap nor sit off their `col`. */
function tiles(cells) {
  const taken = [];
  const isTaken = (r, c) => Boolean(taken[r]?.[c]);
  for (let r = 0; r < cells.length; r++) {
    let c = 0;
    for (const cell of cells[r]) {
      while (isTaken(r, c)) c++;
      if (cell.col != null && cell.col !== c) return false;
      for (let a = 0; a < cell.rowspan; a++) {
        for (let b = 0; b < cell.colspan; b++) {
          if (a + r < cells.length && isTaken(r + a, c + b)) return false;
          (taken[r + a] ??= [])[c + b] = true;
        }
      }
      c += cell.colspan;
    }
  }
  return true;
}

/**
 * Spans for a grid of header texts (one string per printed column): a label spans the empty
 * cells to its right that have a heading somewhere below them; then a label spans down over
 * the empty cells below it that no such wider label claims.
 */
function spansFromGrid(grid) {
  const R = grid.length;
  const W = Math.max(0, ...grid.map((r) => r.length));
  const text = (r, c) => grid[r]?.[c] ?? '';
  const colspanAt = grid.map(() => []);
  const claimed = grid.map(() => []);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < W; c++) {
      if (!text(r, c) || claimed[r][c]) continue;
      let cs = 1;
      while (c + cs < W && !text(r, c + cs) && grid.slice(r + 1).some((row) => (row[c + cs] ?? '') !== '')) {
        claimed[r][c + cs] = true;
        cs++;
      }
      colspanAt[r][c] = cs;
    }
  }
  const covered = grid.map(() => []);
  const out = [];
  for (let r = 0; r < R; r++) {
    const row = [];
    for (let c = 0; c < W; c++) {
      if (covered[r][c]) continue;
      const t = text(r, c);
      const cs = t ? colspanAt[r][c] ?? 1 : 1;
      let rs = 1;
      if (t) {
        const free = (rr) => Array.from({ length: cs }, (_, k) => c + k).every((cc) => !text(rr, cc) && !claimed[rr][cc] && !colspanAt[rr][cc]);
        while (r + rs < R && free(r + rs)) rs++;
      }
      for (let a = 0; a < rs; a++) for (let b = 0; b < cs; b++) covered[r + a][c + b] = true;
      row.push({ text: t, col: c, colspan: cs, rowspan: rs });
    }
    out.push(row);
  }
  return out;
}

/** For each column, the header texts above it, top to bottom. */
function columnHeadings(header, columns) {
  const heads = Array.from({ length: columns }, () => []);
  const taken = [];
  header.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]?.[c]) c++;
      for (let a = 0; a < cell.rowspan; a++) {
        for (let b = 0; b < cell.colspan; b++) {
          (taken[r + a] ??= [])[c + b] = true;
        }
      }
      for (let b = 0; b < cell.colspan; b++) {
        if (c + b < columns && cell.text.trim() && !heads[c + b].includes(cell.text.trim())) heads[c + b].push(cell.text.trim());
      }
      c += cell.colspan;
    }
  });
  return heads;
}

/** The classes of a cell starting at column `col` over `span` columns when `leads` label columns stay in view: lead, lead--2 (the second), lead--code (a code column before the name). */
function leadClasses(col, span, leads) {
  if (col + span > leads) return [];
  return ['lead', col === 1 && 'lead--2', col === 0 && span === 1 && leads === 2 && 'lead--code'];
}

/** Marks the heading cells over the lead columns (placed as an HTML table places them, rowspans included). */
function markLeadHeads(thead, leads) {
  const taken = [];
  [...thead.rows].forEach((tr, r) => {
    let c = 0;
    for (const th of tr.cells) {
      while (taken[r]?.[c]) c++;
      for (let a = 0; a < th.rowSpan; a++) {
        for (let b = 0; b < th.colSpan; b++) (taken[r + a] ??= [])[c + b] = true;
      }
      for (const cls of leadClasses(c, th.colSpan, leads)) if (cls) th.classList.add(cls);
      c += th.colSpan;
    }
  });
}

/** A DOM id for a cell id (`t7:1:3` → `yc-cell-t7-1-3`), valid and unique in the shadow root. */
function cellDomId(cellId) {
  return `yc-cell-${String(cellId).replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
function tableDomId(key) {
  return `yc-table-${String(key).replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function reducedMotion() {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

// ---------------------------------------------------------------------------------------------
// Errors.

class LoadError extends Error {
  /** `cause`: the error behind it (the core's, with `messageEn` in English), shown in the UI language. */
  constructor(kind, cause, extra) {
    super(cause == null ? kind : messageOf(cause));
    this.kind = kind; // 'module' | 'nowasm' | 'fetch' | 'parse' | 'unknown'
    this.cause = cause;
    this.extra = extra;
  }
}

/** The interface language the reader chose last, or null (no choice, or no storage). */
function rememberedLanguage() {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'zh' ? v : null;
  } catch {
    return null;
  }
}

function rememberLanguage(lang) {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // No storage (a sandboxed frame, storage off): the choice lasts this visit.
  }
}

function messageOf(err, lang = 'zh') {
  if (err instanceof Error) {
    // The core's errors carry an English message beside the Chinese one.
    if (lang === 'en' && typeof err.messageEn === 'string' && err.messageEn) return err.messageEn;
    return err.message;
  }
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

function formatBytes(n) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB`;
  return `${Math.max(1, Math.ceil(n / 1024))} KB`;
}

/** A file's bytes as text: UTF-8, or GB18030 (which covers GBK) when it is not valid UTF-8. */
function decodeText(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------

class YusuanCalculator extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'ui-lang'];
  }

  #root;
  #app;
  #view;
  #live;
  #langButtons = {};
  #lang = 'zh';
  #state = 'idle';
  #data = null;
  #error = null;
  #session = null;
  #calculator = null;
  #loadSeq = 0;
  #fileSeq = 0;
  #fileSource = null;
  #started = false;
  #cells = new Map();
  #tableTargets = new Map();
  #findingsHeading = null;
  #marked = [];
  #returnTo = null;
  #announceTimer = 0;
  #scenario = null;
  #open = {};
  #openMsg = null;
  #alert = {};
  #restart = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const link = h('link', { rel: 'stylesheet', href: CSS_URL });
    // Hidden until the stylesheet has arrived (or failed), so nothing flashes unstyled.
    this.#app = h('div', { class: 'app', hidden: true, 'data-state': 'idle' });
    const styled = () => this.#app.removeAttribute('hidden');
    link.addEventListener('load', styled, { once: true });
    link.addEventListener('error', styled, { once: true });
    setTimeout(styled, 3000);
    this.#live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.#view = h('div', { class: 'view' });
    this.#app.append(this.#languageBar(), this.#coreAlert(), this.#live, this.#view);
    this.#root.append(link, h('link', { rel: 'stylesheet', href: NARRATIVE_CSS_URL }), this.#app);
    this.#app.addEventListener('keydown', (e) => this.#onKeydown(e));
  }

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    // The host's ui-lang wins; without one, the reader's last choice.
    const wanted = (this.getAttribute('ui-lang') || rememberedLanguage() || '').toLowerCase();
    this.#lang = wanted.startsWith('en') ? 'en' : 'zh';
    this.#applyLang();
    this.#load();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.#started || oldValue === newValue) return;
    if (name === 'src') {
      this.#fileSource = null;
      this.#load();
    }
    if (name === 'ui-lang') this.setLanguage((newValue || '').toLowerCase().startsWith('en') ? 'en' : 'zh');
  }

  /** 'idle' | 'loading' | 'ready' | 'error'. */
  get state() {
    return this.#state;
  }

  /** The interface language: 'zh' or 'en'. */
  get language() {
    return this.#lang;
  }

  /** Switch the interface language (the published data stays as published). */
  setLanguage(lang) {
    const next = lang === 'en' ? 'en' : 'zh';
    if (next === this.#lang) return;
    const hadFocus = this.#root.activeElement;
    const focusLang = hadFocus && Object.values(this.#langButtons).includes(hadFocus);
    this.#lang = next;
    this.#applyLang();
    this.#render();
    if (focusLang) this.#langButtons[next]?.focus();
    // The host page may follow (its title, header and footer: www/page.js).
    this.dispatchEvent(new CustomEvent('yusuan-languagechange', { detail: { lang: next }, bubbles: true, composed: true }));
  }

  /** The rendered table cell for a cell id (`t7:1:3`), or null. */
  cellElement(cellId) {
    return this.#cells.get(cellId) ?? null;
  }

  /** Reload (the seed, the `src` attribute, or the file the reader opened). */
  reload() {
    return this.#load();
  }

  /**
   * For tests only: a real trap (the core's abortForTesting) in the wasm instance this element
   * uses, `now`, at the `next` call the page makes into the core, or at the next call of the
   * Calculator method of that name (`'edit'`); `times` calls in a row.
   * Resolves once the core runs again. The page recovers as it would from a bug in the core.
   */
  abortCoreForTesting(when = 'now', times = 1) {
    return loadCore().then((core) => core.abortForTesting(when, times));
  }

  get #t() {
    return STRINGS[this.#lang];
  }

  #languageBar() {
    const make = (lang, label, langTag) => {
      const choose = () => {
        rememberLanguage(lang);
        this.setLanguage(lang);
      };
      const b = h('button', { type: 'button', class: 'lang-btn', lang: langTag, 'aria-pressed': 'false', onclick: choose }, label);
      this.#langButtons[lang] = b;
      return b;
    };
    this.#langGroup = h('div', { class: 'lang', role: 'group' }, make('zh', '中文', 'zh-CN'), make('en', 'English', 'en'));
    return h('div', { class: 'topbar' }, this.#openBar(), this.#langGroup);
  }

  #langGroup = null;

  /** 打开预算文件: a file input the reader can use in every state (ready, error, loading). */
  #openBar() {
    const o = this.#open;
    o.label = h('label', { for: 'yc-open-file', class: 'open__label' });
    o.input = h('input', { id: 'yc-open-file', type: 'file', multiple: '', class: 'open__input', accept: '.txt,.json,.pdf,.xlsx,.xls,.ods,.csv,text/plain,application/json,application/pdf,text/csv', 'aria-describedby': 'yc-open-hint' });
    o.input.addEventListener('change', () => {
      const files = [...(o.input.files ?? [])];
      o.input.value = '';
      if (files.length) this.openFile(files.length === 1 ? files[0] : files);
    });
    o.hint = h('p', { class: 'open__hint', id: 'yc-open-hint' });
    // 粘贴: the same reading as a file, from text the reader copied.
    o.pasteSummary = h('summary', { class: 'open__paste-summary' });
    o.pasteLabel = h('label', { for: 'yc-paste', class: 'open__label' });
    o.pasteHint = h('p', { class: 'open__hint open__hint--paste', id: 'yc-paste-hint' });
    o.paste = h('textarea', { id: 'yc-paste', class: 'open__paste', rows: '6', 'aria-describedby': 'yc-paste-hint', spellcheck: 'false' });
    o.pasteButton = h('button', {
      type: 'button',
      class: 'btn btn--small open__paste-btn',
      onclick: () => {
        const text = o.paste.value;
        if (!text.trim()) return;
        this.openFile(new File([text], `${this.#t.pasteName}.txt`, { type: 'text/plain' }));
      },
    });
    o.pasteBox = h('details', { class: 'open__paste-box' }, o.pasteSummary, o.pasteLabel, o.pasteHint, o.paste, o.pasteButton);
    // An error enters as a new role=alert element (announced on insertion); progress and
    // success go to a status region that is always there.
    o.errorSlot = h('div', { class: 'open__slot' });
    o.status = h('p', { class: 'open__msg', role: 'status' });
    return h('div', { class: 'open' }, h('div', { class: 'open__field' }, o.label, o.input), o.hint, o.pasteBox, o.errorSlot, o.status);
  }

  /** The alert that says the core failed and what was restored. */
  #coreAlert() {
    const a = this.#alert;
    a.slot = h('div', { class: 'core-alert__slot' });
    a.dismiss = h('button', { type: 'button', class: 'btn btn--small core-alert__dismiss', onclick: () => this.#setRestart(null) });
    a.box = h('div', { class: 'core-alert', 'data-status': 'mismatch' }, h('span', { class: 'core-alert__icon', 'aria-hidden': 'true' }, '⚠'), a.slot, a.dismiss);
    a.box.hidden = true;
    return a.box;
  }

  #applyLang() {
    const t = this.#t;
    this.#app.setAttribute('lang', t.lang);
    this.#langGroup?.setAttribute('aria-label', `${STRINGS.zh.languageGroup} / ${STRINGS.en.languageGroup}`);
    for (const [lang, b] of Object.entries(this.#langButtons)) b.setAttribute('aria-pressed', String(lang === this.#lang));
    this.#open.label.textContent = t.openLabel;
    this.#open.hint.textContent = t.openHint(formatBytes(MAX_BUDGET_BYTES), formatBytes(MAX_CONVERTED_BYTES));
    this.#open.pasteSummary.textContent = t.pasteSummary;
    this.#open.pasteLabel.textContent = t.pasteLabel;
    this.#open.pasteHint.textContent = t.pasteHint;
    this.#open.pasteButton.textContent = t.pasteButton;
    this.#paintOpenMsg();
    this.#paintRestart();
  }

  #setState(state) {
    this.#state = state;
    this.#app.setAttribute('data-state', state);
  }

  // -------------------------------------------------------------------------------------------
  // Loading a budget: the seed, the src attribute, or a file the reader opens.

  async #load() {
    const seq = ++this.#loadSeq;
    this.#setState('loading');
    this.#data = null;
    this.#error = null;
    this.#render();
    try {
      if (typeof WebAssembly !== 'object') throw new LoadError('nowasm');
      // The budget's text is fetched while the .wasm compiles.
      const fetching = this.#fileSource ? Promise.resolve(this.#fileSource) : this.#fetchSource();
      fetching.catch(() => {}); // awaited below; a failure there is the one reported
      let core;
      try {
        core = await loadCore();
      } catch (err) {
        throw new LoadError('module', err);
      }
      const source = await fetching;
      const { session, data } = await this.#openSource(core, source);
      if (seq !== this.#loadSeq) {
        session.close();
        return;
      }
      // The first screen (overview, tables) before the checks, which take longer.
      this.#scenario?.destroy();
      this.#scenario = null;
      this.#overviewState = null;
      this.#data = data;
      this.#render();
      await this.#check(session, data);
      if (seq !== this.#loadSeq) {
        session.close();
        return;
      }
      this.#install(session, data);
    } catch (err) {
      if (seq !== this.#loadSeq) return;
      this.#error = err instanceof LoadError ? err : new LoadError('unknown', err);
      this.#setState('error');
      this.#render();
      this.dispatchEvent(new CustomEvent('yusuan-error', { bubbles: true, composed: true, detail: { message: messageOf(err) } }));
    }
  }

  /** The source the `src` attribute names, or the seed: fetched. */
  async #fetchSource() {
    const src = this.getAttribute('src');
    if (!src) {
      try {
        const res = await fetch(SEED_URL);
        if (!res.ok) throw new LoadError('fetch', null, { src: SEED_NAME, status: `HTTP ${res.status}` });
        return { kind: 'text', text: await res.text(), name: SEED_NAME };
      } catch (err) {
        if (err instanceof LoadError) throw err;
        throw new LoadError('fetch', null, { src: SEED_NAME, status: messageOf(err) });
      }
    }
    let url;
    try {
      url = new URL(src, document.baseURI);
    } catch (err) {
      throw new LoadError('fetch', err, { src, status: messageOf(err) });
    }
    let text;
    try {
      const res = await fetch(url);
      if (!res.ok) throw new LoadError('fetch', null, { src, status: `HTTP ${res.status}` });
      text = await res.text();
    } catch (err) {
      if (err instanceof LoadError) throw err;
      throw new LoadError('fetch', null, { src, status: messageOf(err) });
    }
    return { kind: /\.json$/i.test(url.pathname) ? 'json' : 'text', text, name: src };
  }

  /**
   * A budget from a source, read but not yet checked: { session, data } with `findings`
   * null (see #check); throws a LoadError.
   */
  async #openSource(core, source) {
    let session;
    try {
      session = await core.open(source);
    } catch (err) {
      throw new LoadError('parse', err);
    }
    const calculator = session.calc;
    try {
      const data = {
        overview: calculator.overview(),
        tables: calculator.tables(),
        contents: calculator.contents(),
        findings: null,
        narrative: [],
      };
      return { session, data };
    } catch (err) {
      session.close();
      throw new LoadError('unknown', err);
    }
  }

  /**
   * The checks of a budget read by #openSource, into `data` (findings, narrative), once the
   * browser has painted what is shown; throws a LoadError (the session closed).
   */
  async #check(session, data) {
    await afterPaint();
    try {
      data.findings = session.calc.findings();
      data.narrative = typeof session.calc.narrative === 'function' ? session.calc.narrative() : [];
    } catch (err) {
      session.close();
      throw new LoadError('unknown', err);
    }
  }

  /** Shows a budget that has been read: replaces the one shown (and its scenario panel). */
  #install(session, data) {
    this.#scenario?.destroy();
    this.#scenario = null;
    this.#session?.close();
    this.#session = session;
    this.#calculator = session.calc;
    this.#setRestart(null);
    session.onRestart = (info) => this.#onRestart(session, info);
    try {
      this.#overviewState = null;
      this.#scenarioNarrative = null;
      this.#scenario = new ScenarioPanel({
        host: this,
        root: this.#root,
        calc: session.calc,
        rebuild: () => session.spawn(),
        cell: (id) => this.#cells.get(id) ?? null,
        lang: () => this.#lang,
        onState: (state) => {
          this.#overviewState = state;
          this.#paintOverviewState();
          // The host page may follow: the state line and the totals, published and now.
          this.dispatchEvent(new CustomEvent('yusuan-change', { detail: { state: state?.text ?? '', modified: Boolean(state?.modified), totals: state?.figs ?? {} }, bubbles: true, composed: true }));
        },
        onNarrative: (parts) => this.#showScenarioNarrative(parts),
      });
    } catch (err) {
      console.warn('yusuan: the scenario panel is not available:', err);
    }
    this.#data = data;
    this.#setState('ready');
    this.#render();
    this.#announceSummary();
    this.dispatchEvent(new CustomEvent('yusuan-ready', { bubbles: true, composed: true }));
  }

  /**
   * Opens a budget file the reader chose (a File): published text (.txt) or our JSON. Files
   * over MAX_BUDGET_BYTES are refused before they are read. On any error the budget and the
   * scenario shown stay as they were. Resolves to true when the file replaced the budget.
   */
  async openFile(fileOrFiles) {
    const seq = ++this.#fileSeq;
    // Several files are one publication (Jiangsu's 公开文件 + 公开表), read as one in order.
    const files = (Array.isArray(fileOrFiles) ? fileOrFiles : [fileOrFiles]).filter(Boolean);
    const name = files.map((f) => String(f?.name ?? '')).join(' + ');
    const kinds = [];
    for (const file of files) {
      const fileName = String(file?.name ?? '');
      const size = Number(file?.size) || 0;
      let head;
      try {
        head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
      } catch {
        head = new Uint8Array(0);
      }
      // A PDF or a workbook goes through the opener (loaded now, not before); text and JSON to
      // the core as they are.
      const kind = fileKind(head, fileName);
      const limit = kind === 'text' ? MAX_BUDGET_BYTES : MAX_CONVERTED_BYTES;
      if (size > limit) {
        this.#setOpenMsg('error', (t) => t.openTooBig(fileName, formatBytes(size), formatBytes(limit)));
        return false;
      }
      kinds.push(kind);
    }
    this.#setOpenMsg('busy', (t) => t.openReading(name));
    this.#open.input.setAttribute('aria-busy', 'true');
    try {
      const read = [];
      for (const [i, file] of files.entries()) {
        const fileName = String(file?.name ?? '');
        const kind = kinds[i];
        let bytes;
        try {
          bytes = await file.arrayBuffer();
        } catch (err) {
          throw new LoadError('fetch', err, { unreadable: true });
        }
        if (kind === 'text') {
          let text;
          try {
            text = decodeText(bytes);
          } catch (err) {
            throw new LoadError('fetch', err, { unreadable: true });
          }
          const json = /\.json$/i.test(fileName) || (!/\.txt$/i.test(fileName) && /^\s*\{/.test(text));
          read.push({ kind: json ? 'json' : 'text', text, notes: [] });
        } else {
          this.#setOpenMsg('busy', (t) => t.openConverting(fileName, kind));
          const out = await convert(new Uint8Array(bytes), fileName);
          read.push(out ? { kind: 'converted', text: out.text, notes: out.notes } : { kind: 'text', text: decodeText(bytes), notes: [] });
        }
      }
      let source;
      if (read.length === 1) {
        const [only] = read;
        source = only.kind === 'converted' ? { kind: 'converted', text: only.text, notes: only.notes, name } : { kind: only.kind, text: only.text, name };
      } else {
        // The texts one after another, as `yusuan check full.txt tables.txt` reads them.
        source = { kind: 'converted', text: read.map((r) => r.text.replace(/\n?$/, '\n')).join(''), notes: read.flatMap((r) => r.notes), name };
      }
      let core;
      try {
        core = await loadCore();
      } catch (err) {
        throw new LoadError('module', err);
      }
      const { session, data } = await this.#openSource(core, source);
      await this.#check(session, data);
      if (seq !== this.#fileSeq) {
        session.close();
        return false;
      }
      ++this.#loadSeq; // a src still loading gives way to the file
      this.#fileSource = source;
      this.#install(session, data);
      const title = data.overview?.title || data.overview?.department || name;
      this.#setOpenMsg('ok', (t) => t.opened(name, title));
      this.#announce(this.#t.opened(name, title));
      return true;
    } catch (err) {
      if (seq !== this.#fileSeq) return false;
      const cause = err instanceof LoadError ? err.cause ?? err : err;
      const unreadable = err instanceof LoadError && err.extra?.unreadable;
      this.#setOpenMsg('error', (t) => t.openFailed(name, unreadable ? t.openUnreadable(messageOf(cause, this.#lang)) : messageOf(cause, this.#lang).replace(/[。.]$/, '')));
      return false;
    } finally {
      if (seq === this.#fileSeq) this.#open.input.removeAttribute('aria-busy');
    }
  }

  /** The message under the file input: `kind` 'error' (role=alert), 'ok' or 'busy' (role=status). */
  #setOpenMsg(kind, make) {
    this.#openMsg = kind ? { kind, make } : null;
    this.#paintOpenMsg();
  }

  #paintOpenMsg() {
    const o = this.#open;
    if (!o.status) return;
    const m = this.#openMsg;
    const text = m ? m.make(this.#t) : '';
    const error = m?.kind === 'error';
    o.errorSlot.replaceChildren(error ? h('p', { class: 'open__msg open__msg--error', role: 'alert' }, text) : '');
    if (o.status.textContent !== (error ? '' : text)) o.status.textContent = error ? '' : text;
    o.status.setAttribute('data-status', m?.kind === 'ok' ? 'ok' : 'note');
  }

  // -------------------------------------------------------------------------------------------
  // The core stopped (a trap) and was restarted by core.js.

  #onRestart(session, info) {
    if (session !== this.#session) return;
    const prev = this.#restart ?? {};
    if (info.failed) this.#setRestart({ failed: true, error: info.error });
    else if (info.pending) this.#setRestart({ ...prev, pending: true, opFailed: Boolean(prev.opFailed || info.retried === false) });
    else if (info.restored) {
      // After an asynchronous restart, keep what happened to the operation that trapped.
      this.#setRestart({ edits: info.edits, opFailed: Boolean(prev.pending && prev.opFailed) });
      // The figures on the fresh instance are those shown (the operation in flight is tried
      // again and answered as usual); repaint from them all the same, once the call is done.
      setTimeout(() => {
        if (session !== this.#session || this.#restart?.pending) return;
        try {
          this.#scenario?.resync(session.history);
        } catch (err) {
          console.warn('yusuan: could not repaint after the restart:', err);
        }
      }, 0);
    } else if (info.retried === false) this.#setRestart({ ...prev, opFailed: true });
  }

  #setRestart(state) {
    this.#restart = state;
    this.#paintRestart();
  }

  #paintRestart() {
    const a = this.#alert;
    if (!a.slot) return;
    const t = this.#t;
    const r = this.#restart;
    let text = '';
    if (r?.failed) text = t.restartFailed(messageOf(r.error, this.#lang));
    else if (r?.pending) text = t.restarting;
    else if (r) text = t.restarted(r.edits) + (r.opFailed ? `${t.sentenceGap}${t.restartOpFailed}` : '');
    // A new role=alert element for a new message (announced on insertion).
    const current = a.slot.firstElementChild;
    if (!text) a.slot.replaceChildren();
    else if (current?.textContent !== text) a.slot.replaceChildren(h('p', { class: 'core-alert__text', role: 'alert' }, text));
    a.dismiss.textContent = t.dismiss;
    a.dismiss.hidden = !r || Boolean(r.pending);
    a.box.hidden = !r;
  }

  // -------------------------------------------------------------------------------------------

  #render() {
    this.#cells = new Map();
    this.#tableTargets = new Map();
    this.#marked = [];
    this.#returnTo = null;
    this.#findingsHeading = null;
    let content;
    if (this.#state === 'error') content = this.#renderError();
    else if (this.#data && (this.#state === 'ready' || !this.#data.findings)) content = this.#renderReady();
    else content = this.#renderLoading();
    this.#view.replaceChildren(content);
    if (this.#state === 'ready') {
      this.#scenario?.rendered();
      this.#paintOverviewState();
    }
  }

  #renderLoading() {
    return h('div', { class: 'state state--loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', null, this.#t.loading));
  }

  #renderError() {
    const t = this.#t;
    const err = this.#error;
    const paras = [];
    const detail = err.cause != null ? messageOf(err.cause, this.#lang) : '';
    // The core's messages are Chinese unless it gave an English one.
    const detailLang = this.#lang === 'en' && typeof err.cause?.messageEn === 'string' ? 'en' : 'zh-CN';
    if (err.kind === 'nowasm') paras.push(h('p', null, t.errorNoWasm));
    else if (err.kind === 'module') {
      paras.push(h('p', null, t.errorModule));
      if (detail) paras.push(h('p', { class: 'error-detail' }, h('code', null, detail)));
    } else if (err.kind === 'fetch') paras.push(h('p', null, t.errorFetch(err.extra?.src ?? '', err.extra?.status ?? '')));
    else {
      paras.push(h('p', null, err.kind === 'parse' ? t.errorParse : t.errorUnknown));
      if (detail) paras.push(h('p', { class: 'error-detail', lang: detailLang }, detail));
    }
    return h(
      'div',
      { class: 'state state--error', role: 'alert' },
      h('h2', { class: 'state__title' }, h('span', { class: 'state__icon', 'aria-hidden': 'true' }, '✗'), ' ', t.errorTitle),
      paras,
      h('p', null, h('button', { type: 'button', class: 'btn', onclick: () => this.#load() }, t.retry)),
    );
  }

  #renderReady() {
    const t = this.#t;
    const { overview, tables, contents, findings } = this.#data;
    const tableList = Array.isArray(tables) ? tables : [];
    const labels = new Map(tableList.map((tb) => [tb.key, tb.label || (tb.number != null ? `表${tb.number}` : tb.key)]));
    const missing = (Array.isArray(contents) ? contents : []).filter((c) => c && c.present === false);

    // Read but not yet checked (the first screen while the checks run): the overview, the
    // checks said to be under way; the tables come with the checks' marks.
    if (!findings) {
      const pending = h(
        'section',
        { class: 'findings', 'data-section': 'findings', 'aria-labelledby': 'yc-findings-title', 'aria-busy': 'true' },
        h('h2', { id: 'yc-findings-title', class: 'section-title', tabindex: '-1' }, t.findings),
        h('p', { class: 'verdict findings__pending', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', t.checking),
      );
      return h('div', { class: 'layout' }, this.#renderOverview(overview), pending);
    }
    const tablesSection = this.#renderTables(tableList);
    const nav = this.#renderToc(tableList, contents);
    const findingsSection = this.#renderFindings(findings, labels, missing, contents, overview);
    return h(
      'div',
      { class: 'layout' },
      this.#renderOverview(overview),
      h('div', { class: 'columns' }, nav, h('div', { class: 'main-col' }, findingsSection, this.#places, this.#narrativeSection(), this.#scenarioSection(), tablesSection)),
    );
  }

  /** The narrative with every number's verdict (narrative.js): the published one, or under a scenario the scenario's, its stale numbers marked. */
  #narrativeSection() {
    const parts = this.#data?.narrative;
    if (!Array.isArray(parts) || !parts.length) return null;
    const scenario = this.#scenarioNarrative;
    try {
      const el = renderNarrative(scenario ?? parts, {
        lang: this.#lang,
        idPrefix: 'yc-claim',
        onCells: (cells, origin) => this.#mark(cells, origin),
        published: scenario ? this.#publishedStatuses(parts) : null,
      });
      this.#narrativeEl = el;
      return el;
    } catch (err) {
      console.warn('yusuan: the narrative failed to render:', err);
      return null;
    }
  }

  #narrativeEl = null;
  #scenarioNarrative = null;

  /** Each published claim's status, by its place. */
  #publishedStatuses(parts) {
    const map = new Map();
    for (const part of parts) for (const p of part.paragraphs ?? []) for (const c of p.claims ?? []) map.set(claimKey(part, p, c), c.status);
    return map;
  }

  /** Under a scenario (parts: `scenarioNarrative()`), or back at the published figures (null). */
  #showScenarioNarrative(parts) {
    const next = Array.isArray(parts) && parts.length ? parts : null;
    if (next === null && this.#scenarioNarrative === null) return;
    this.#scenarioNarrative = next;
    const old = this.#narrativeEl;
    if (!old?.isConnected) return;
    const fresh = this.#narrativeSection();
    if (fresh) old.replaceWith(fresh);
  }

  /** Every place the publication prints the figure of a cell, with the verdicts. */
  #showPlaces(cellId, origin) {
    const findings = Array.isArray(this.#data?.findings?.findings) ? this.#data.findings.findings : [];
    const here = findings.filter((f) => Array.isArray(f.locations) && f.locations.some((l) => l.cell === cellId) && f.status !== 'missing');
    const zh = this.#lang !== 'en';
    const cell = this.#cells.get(cellId);
    const title = h('h2', { class: 'section-title', tabindex: '-1', id: 'yc-places-title' },
      zh ? `此数字的出处与核对：${cell ? this.#describeCell(cell) : cellId}` : `Where this figure is printed and checked: ${cell ? this.#describeCell(cell) : cellId}`);
    const list = h('ol', { class: 'places__list' }, here.map((f) => {
      const others = f.locations.filter((l) => l.cell !== cellId);
      return h('li', { class: 'places__item', 'data-status': f.status },
        h('span', { class: 'places__status' }, `${STATUS_ICON[f.status] ?? ''} ${this.#t.status?.[f.status] ?? f.status}`), ' ',
        h('span', { class: 'places__msg', lang: !zh && f.messageEn ? 'en' : 'zh-CN' }, (!zh && f.messageEn) || f.message),
        others.length ? h('span', { class: 'places__where' }, ' — ', others.map((l) => (l.cell
          ? h('button', { type: 'button', class: 'btn btn--small', onclick: (e) => this.#mark([l.cell], e.currentTarget) }, `${l.label ?? ''} ${l.row ?? ''} ${l.column ?? ''}`.trim())
          : h('span', { class: 'places__text' }, `${l.label ?? ''}「${l.text ?? ''}」`)))) : null);
    }));
    const empty = h('p', null, zh ? '没有核对涉及此单元格。' : 'No check involves this cell.');
    const close = h('button', { type: 'button', class: 'btn', onclick: () => { this.#places.hidden = true; origin?.focus?.(); } }, zh ? '关闭' : 'Close');
    this.#places.replaceChildren(title, here.length ? list : empty, close);
    this.#places.hidden = false;
    title.focus();
    this.#announce(zh ? `此数字涉及 ${here.length} 项核对` : `${here.length} checks involve this figure`);
  }
  #places = h('section', { class: 'places', 'aria-labelledby': 'yc-places-title', hidden: true });

  /** The what-if panel's section (scenario.js), or nothing when it is not available. */
  #scenarioSection() {
    try {
      return this.#scenario?.element() ?? null;
    } catch (err) {
      console.warn('yusuan: the scenario panel failed to render:', err);
      return null;
    }
  }

  #renderOverview(o = {}) {
    const t = this.#t;
    const unit = o.unit ?? '';
    // Each card's number follows the scenario shown (#paintOverviewState): its figure key.
    this.#overviewNums = new Map();
    const money = (value, key) => {
      const num = h('span', { class: 'card__num' }, value ?? '—');
      const change = h('span', { class: 'card__change' });
      this.#overviewNums.set(key, { num, change, published: value ?? '—' });
      return [num, unit ? h('span', { class: 'card__unit' }, unit) : null, change];
    };
    const card = (label, value, extra, cls, key) => h('div', { class: ['card', cls], 'data-key': key }, h('dt', null, label), h('dd', null, value, extra ? h('span', { class: 'card__extra' }, extra) : null));
    this.#stateLine = h('p', { class: 'overview__state', role: 'status', 'data-section': 'state' });
    const fact = (label, value, lang) => h('div', { class: 'fact' }, h('dt', null, label), h('dd', { lang }, value));
    return h(
      'section',
      { class: 'overview', 'data-section': 'overview', 'aria-labelledby': 'yc-overview-title' },
      this.#stateLine,
      h('p', { class: 'overview__kicker' }, t.overview),
      h('h2', { id: 'yc-overview-title', class: 'overview__title', lang: 'zh-CN' }, o.title ?? ''),
      h(
        'dl',
        { class: 'facts' },
        fact(t.department, o.department ?? '—', 'zh-CN'),
        fact(t.year, t.yearValue(o.year ?? '—', o.priorYear)),
        unit ? fact(t.unitLabel, t.unitValue(unit), t.lang === 'en' ? 'en' : 'zh-CN') : null,
      ),
      h(
        'dl',
        { class: 'cards' },
        card(t.totalIncome, money(o.totalIncome, 'income:total'), null, 'card--total', 'income:total'),
        card(t.totalExpenditure, money(o.totalExpenditure, 'total'), null, 'card--total', 'total'),
        card(t.basic, money(o.basic, 'basic'), null, null, 'basic'),
        card(t.project, money(o.project, 'project'), o.projectCount != null ? t.projectCount(o.projectCount) : null, null, 'project'),
      ),
      this.#renderJobs(),
    );
  }

  /** The two jobs, from the first screen: check the publication, or try a scenario (to its first field in one step). */
  #renderJobs() {
    const t = this.#t;
    const check = h('a', { href: '#yc-findings-title', class: 'btn job', onclick: (e) => this.#jump(e, () => this.#findingsHeading) }, t.jobCheck);
    const tryIt = this.#scenario
      ? h('a', { href: '#yc-scenario', class: 'btn job', onclick: (e) => {
          e.preventDefault();
          this.#scenario?.focusFirstField();
        } }, t.jobScenario)
      : null;
    return h('nav', { class: 'jobs', 'aria-label': t.jobsLabel }, check, tryIt);
  }

  #overviewState = null;
  #overviewNums = new Map();
  #stateLine = null;

  /**
   * The state shown, always at the top: the published budget or a scenario (its name and the
   * number of changes, from the what-if panel), and the overview's cards at that state, each
   * changed one with its published figure and the change (▲/▼, not colour alone).
   */
  #paintOverviewState() {
    const state = this.#overviewState;
    if (this.#stateLine) {
      this.#stateLine.textContent = state?.text ?? '';
      this.#stateLine.classList.toggle('is-modified', Boolean(state?.modified));
      this.#stateLine.hidden = !state;
    }
    for (const [key, { num, change, published }] of this.#overviewNums) {
      const f = state?.figs?.[key];
      const changed = Boolean(f && f.delta);
      num.textContent = changed ? f.value : published;
      change.textContent = changed ? this.#t.cardScenario(f.baseline, f.delta) : '';
      num.closest('.card')?.classList.toggle('is-changed', changed);
    }
  }

  #renderToc(tables, contents) {
    const t = this.#t;
    const byNumber = new Map(tables.filter((tb) => tb.number != null).map((tb) => [tb.number, tb]));
    const items = [];
    const link = (tb) =>
      h('li', null, h('a', { href: `#${tableDomId(tb.key)}`, class: 'toc__link', onclick: (e) => this.#jump(e, () => this.#tableTargets.get(tb.key)) }, h('span', { class: 'toc__label', lang: 'zh-CN' }, tb.label ?? ''), ' ', h('span', { class: 'toc__title', lang: 'zh-CN' }, tb.title ?? '')));
    // Tables without a number (第七部分's project table) come first, as in the publication.
    tables.filter((tb) => tb.number == null).forEach((tb) => items.push(link(tb)));
    const listed = new Set();
    for (const entry of Array.isArray(contents) ? contents : []) {
      listed.add(entry.number);
      const tb = byNumber.get(entry.number);
      if (tb) items.push(link(tb));
      else
        items.push(
          h(
            'li',
            { class: 'toc__missing' },
            h('span', { class: 'toc__label', lang: 'zh-CN' }, `表${entry.number}`),
            ' ',
            h('span', { class: 'toc__title', lang: 'zh-CN' }, entry.title ?? ''),
            ' ',
            h('span', { class: 'mini-badge', 'data-status': 'missing' }, h('span', { 'aria-hidden': 'true' }, `${STATUS_ICON.missing} `), t.tocMissing),
          ),
        );
    }
    tables.filter((tb) => tb.number != null && !listed.has(tb.number)).forEach((tb) => items.push(link(tb)));
    return h(
      'nav',
      { class: 'toc', 'aria-labelledby': 'yc-toc-title' },
      h('h2', { id: 'yc-toc-title', class: 'toc__heading' }, t.toc),
      h('ul', { class: 'toc__list' }, h('li', { class: 'toc__findings' }, h('a', { href: '#yc-findings-title', class: 'toc__link', onclick: (e) => this.#jump(e, () => this.#findingsHeading) }, t.tocFindings)), this.#scenario ? h('li', { class: 'toc__scenario' }, this.#scenario.tocItem()) : null),
      h('h3', { class: 'toc__sub' }, t.tocTables),
      h('ol', { class: 'toc__list toc__tables' }, items),
    );
  }

  #jump(event, target) {
    event.preventDefault();
    const el = target();
    if (!el) return;
    el.scrollIntoView({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' });
    el.focus({ preventScroll: true });
  }

  #renderFindings(findings, labels, missing, contents, overview) {
    const t = this.#t;
    const list = Array.isArray(findings?.findings) ? findings.findings : [];
    const summary = { ok: 0, rounding: 0, mismatch: 0, missing: 0, unverifiable: 0, note: 0 };
    if (findings?.summary && typeof findings.summary === 'object') {
      for (const s of STATUS_ORDER) summary[s] = Number(findings.summary[s]) || 0;
    } else {
      for (const f of list) if (f.status in summary) summary[f.status]++;
    }
    const groups = new Map(STATUS_ORDER.map((s) => [s, []]));
    for (const f of list) (groups.get(f.status) ?? groups.get('note')).push(f);

    const heading = h('h2', { id: 'yc-findings-title', class: 'section-title', tabindex: '-1' }, t.findings);
    this.#findingsHeading = heading;

    const verdict = [];
    verdict.push(summary.mismatch ? t.verdictMismatch(summary.mismatch) : t.verdictNoMismatch);
    if (summary.rounding) verdict.push(t.verdictRounding(summary.rounding));
    if (missing.length) verdict.push(t.verdictMissing(missing.length));
    if (summary.unverifiable) verdict.push(t.verdictUnverifiable(summary.unverifiable));

    const groupIds = Object.fromEntries(STATUS_ORDER.map((s) => [s, `yc-group-${s}`]));
    const summaryBar = h(
      'ul',
      { class: 'summary', 'aria-label': t.summaryLabel },
      STATUS_ORDER.map((s) => {
        const inner = [h('span', { class: 'badge__icon', 'aria-hidden': 'true' }, STATUS_ICON[s]), h('span', { class: 'badge__label' }, t.status[s]), h('span', { class: 'badge__count' }, t.count(summary[s]))];
        const hasGroup = groups.get(s).length > 0;
        return h(
          'li',
          { class: ['summary__item', summary[s] === 0 && 'is-zero'], 'data-status': s },
          hasGroup
            ? h('a', { class: 'badge badge--link', href: `#${groupIds[s]}`, onclick: (e) => this.#jump(e, () => this.#root.getElementById(groupIds[s])) }, inner)
            : h('span', { class: 'badge' }, inner),
        );
      }),
    );

    let missingNotice = null;
    if (missing.length) {
      const total = Array.isArray(contents) ? contents.length : missing.length;
      missingNotice = h(
        'div',
        { class: 'notice notice--missing', 'data-status': 'missing' },
        h('h3', { class: 'notice__title' }, h('span', { class: 'badge__icon', 'aria-hidden': 'true' }, STATUS_ICON.missing), ' ', t.missingTitle),
        h('p', null, t.missingText(total, missing.length)),
        h(
          'ul',
          { class: 'notice__list', lang: 'zh-CN' },
          missing.map((m) => h('li', null, h('strong', null, `表${m.number}`), ' ', m.title ?? '')),
        ),
      );
    }

    const groupSections = [];
    for (const s of STATUS_ORDER) {
      const items = groups.get(s);
      if (!items.length) continue;
      const title = [h('span', { class: 'badge__icon', 'aria-hidden': 'true' }, STATUS_ICON[s]), ' ', h('span', null, t.status[s]), ' ', h('span', { class: 'group__count' }, t.groupCount(items.length))];
      const help = h('p', { class: 'group__help' }, t.statusHelp[s]);
      // The ok group is collapsed: its findings are built when it is first opened.
      const ol = this.#pagedFindings(items, labels, overview, s !== 'ok');
      if (s === 'ok') {
        groupSections.push(
          h(
            'section',
            { class: 'group', 'data-status': s, id: groupIds[s], tabindex: '-1', 'aria-labelledby': `${groupIds[s]}-h` },
            h('details', { class: 'group__details', ontoggle: (e) => e.currentTarget.open && ol.fill() }, h('summary', { class: 'group__summary' }, h('h3', { class: 'group__title', id: `${groupIds[s]}-h` }, title), h('span', { class: 'group__toggle' }, t.showOk(items.length))), help, ol),
          ),
        );
      } else {
        groupSections.push(h('section', { class: 'group', 'data-status': s, id: groupIds[s], tabindex: '-1', 'aria-labelledby': `${groupIds[s]}-h` }, h('h3', { class: 'group__title', id: `${groupIds[s]}-h` }, title), help, ol));
      }
    }

    return h('section', { class: 'findings', 'data-section': 'findings', 'aria-labelledby': 'yc-findings-title' }, heading, h('p', { class: 'verdict' }, verdict.join(t.sentenceGap)), summaryBar, missingNotice, groupSections);
  }

  /**
   * A group's findings, FINDINGS_PAGE at a time with a button for the next ones: a budget of
   * several megabytes has tens of thousands of findings, and building them all at once froze
   * the tab. Returns the container; its `fill()` builds the first page (at once when `now`).
   */
  #pagedFindings(items, labels, overview, now) {
    const t = this.#t;
    const ol = h('ol', { class: 'finding-list' });
    const box = h('div', { class: 'finding-pages' }, ol);
    let shown = 0;
    const more = h('button', { type: 'button', class: 'btn btn--small finding-more', hidden: true });
    const page = () => {
      const next = items.slice(shown, shown + FINDINGS_PAGE);
      const first = next.length ? this.#renderFinding(next[0], labels, overview) : null;
      appendChildren(ol, [first, ...next.slice(1).map((f) => this.#renderFinding(f, labels, overview))]);
      shown += next.length;
      const left = items.length - shown;
      more.hidden = left <= 0;
      more.textContent = left > 0 ? t.moreFindings(Math.min(left, FINDINGS_PAGE), left) : '';
      return first;
    };
    more.addEventListener('click', () => {
      // Focus moves to the first finding added, so a keyboard user reads on from there.
      const first = page();
      if (first) {
        first.setAttribute('tabindex', '-1');
        first.focus();
      }
    });
    box.appendChild(more);
    box.fill = () => {
      if (shown === 0) page();
    };
    if (now) box.fill();
    return box;
  }

  #renderFinding(f, labels, overview) {
    const t = this.#t;
    const unit = overview?.unit ?? '';
    const locations = Array.isArray(f.locations) ? f.locations : [];
    const cellLocs = locations.filter((l) => l && typeof l.cell === 'string');
    const meta = [];
    if (f.difference != null) meta.push(h('span', { class: 'meta__item' }, h('span', { class: 'meta__key' }, `${t.difference} `), h('span', { class: 'meta__val' }, `${f.difference}${unit ? ` ${unit}` : ''}`)));
    if (f.tolerance != null) meta.push(h('span', { class: 'meta__item' }, h('span', { class: 'meta__key' }, `${t.tolerance} `), h('span', { class: 'meta__val' }, `±${String(f.tolerance).replace(/^[±+]/, '')}${unit ? ` ${unit}` : ''}`)));
    if (f.rule) meta.push(h('span', { class: 'meta__item meta__rule' }, h('span', { class: 'meta__key' }, `${t.rule} `), h('code', null, f.rule)));

    const li = h('li', { class: 'finding', 'data-status': f.status });
    const markAll = cellLocs.length > 1 ? h('button', { type: 'button', class: 'btn btn--small finding__mark', onclick: () => this.#mark(cellLocs.map((l) => l.cell), li.querySelector('.finding__mark')) }, h('span', { 'aria-hidden': 'true' }, '◆ '), t.markAll(cellLocs.length)) : null;

    const locItems = locations.map((loc) => {
      if (loc && typeof loc.cell === 'string') {
        const key = loc.key ?? loc.cell.split(':')[0];
        const label = loc.label ?? labels.get(key) ?? (loc.table != null ? `表${loc.table}` : key);
        const btn = h(
          'button',
          { type: 'button', class: 'loc', 'data-cell': loc.cell },
          h('span', { class: 'loc__icon', 'aria-hidden': 'true' }, '◆'),
          h('span', { class: 'loc__table', lang: 'zh-CN' }, label),
          loc.row ? h('span', { class: 'loc__row', lang: 'zh-CN' }, loc.row) : null,
          loc.column ? h('span', { class: 'loc__col', lang: 'zh-CN' }, loc.column) : null,
          loc.line != null ? h('span', { class: 'loc__line' }, t.line(loc.line)) : null,
        );
        btn.addEventListener('click', () => this.#mark([loc.cell], btn));
        return h('li', null, btn);
      }
      if (loc && typeof loc === 'object') {
        // A narrative phrase (`part`), the contents page, or any other place the core names.
        const label = loc.part != null ? t.part(Number(loc.part)) : (loc.label ?? '');
        if (!label && !loc.text && loc.line == null) return null;
        return h(
          'li',
          { class: 'loc-text' },
          label ? h('span', { class: 'loc__table', lang: loc.part != null ? null : 'zh-CN' }, label) : null,
          loc.text ? h('q', { class: 'loc__quote', lang: 'zh-CN' }, String(loc.text).trim()) : null,
          loc.line != null ? h('span', { class: 'loc__line' }, t.line(loc.line)) : null,
        );
      }
      return null;
    });

    appendChildren(li, [
      h('p', { class: 'finding__msg', lang: this.#lang === 'en' && f.messageEn ? 'en' : 'zh-CN' }, h('span', { class: 'finding__icon', 'aria-hidden': 'true' }, STATUS_ICON[f.status] ?? 'ℹ'), h('span', null, (this.#lang === 'en' && f.messageEn) || (f.message ?? ''))),
      meta.length ? h('p', { class: 'finding__meta' }, meta) : null,
      locItems.some(Boolean) ? h('div', { class: 'finding__locs' }, h('span', { class: 'visually-hidden' }, t.locations), h('ul', { class: 'loc-list' }, locItems), markAll) : null,
    ]);
    return li;
  }

  #renderTables(tables) {
    const t = this.#t;
    return h(
      'section',
      { class: 'tables', 'data-section': 'tables', 'aria-labelledby': 'yc-tables-title' },
      h('h2', { id: 'yc-tables-title', class: 'section-title' }, t.tables),
      h('p', { class: 'tables__hint' }, t.tablesHint),
      tables.map((tb) => this.#renderTable(tb)),
    );
  }

  #renderTable(tb) {
    const t = this.#t;
    const rows = Array.isArray(tb.rows) ? tb.rows : [];
    const header = normalizeHeader(tb.header);
    const columns = Math.max(Number(tb.columns) || 0, ...rows.map((r) => (Array.isArray(r.cells) ? r.cells.length : 0)), ...header.map((r) => r.reduce((n, c) => n + c.colspan, 0)));
    const heads = columnHeadings(header, columns);
    const isCode = heads.map((hs) => hs.some((x) => /编码|代码|编号/.test(x)));
    const codeCol = isCode.indexOf(true);
    // The label columns a narrow element keeps in view while the amounts scroll (class lead):
    // the first column, and the second too when the first is a code column (科目编码).
    const leads = isCode[0] && columns > 1 ? 2 : 1;
    const name = `${tb.label ?? ''} ${tb.title ?? ''}`.trim();
    const titleId = `${tableDomId(tb.key)}-title`;

    const thead = h(
      'thead',
      null,
      header.map((row) =>
        h(
          'tr',
          null,
          row.map((c) =>
            h(
              'th',
              {
                class: c.text.replace(/\s/g, '').length > 8 ? 'wrap' : null,
                scope: c.colspan > 1 ? 'colgroup' : 'col',
                colspan: c.colspan > 1 ? c.colspan : null,
                rowspan: c.rowspan > 1 ? c.rowspan : null,
              },
              c.text,
            ),
          ),
        ),
      ),
    );

    markLeadHeads(thead, leads);

    const tbody = h('tbody');
    rows.forEach((row, r) => {
      const cells = Array.isArray(row.cells) ? row.cells.slice() : [];
      while (cells.length < columns) cells.push('');
      let headerCol = cells.findIndex((c, i) => paragraphs(c).length > 0 && !isCode[i] && !isAmount(c));
      const total = row.kind === 'total' || (row.kind == null && headerCol >= 0 && /合计|总计/.test(paragraphs(cells[headerCol]).join('')));
      let level = null;
      if (codeCol >= 0) {
        const code = paragraphs(cells[codeCol]).join('');
        if (/^\d+$/.test(code)) level = code.length <= 3 ? 1 : code.length <= 5 ? 2 : 3;
      }
      const tr = h('tr', { class: [total && 'is-total', level && `lvl-${level}`], 'data-line': row.line ?? null });
      cells.forEach((text, c) => {
        const id = `${tb.key}:${r}:${c}`;
        const paras = paragraphs(text);
        const amount = !isCode[c] && (Array.isArray(row.numeric) ? Boolean(row.numeric[c]) : isAmount(text));
        const length = paras.join('').length;
        const long = !amount && (paras.length > 1 || length > 24);
        const mid = !amount && !long && length > 10;
        const xlong = long && (paras.length > 1 || length > 60);
        const xxlong = long && length > 150;
        const isRowHeader = c === headerCol;
        const el = h(isRowHeader ? 'th' : 'td', {
          id: cellDomId(id),
          scope: isRowHeader ? 'row' : null,
          tabindex: '-1',
          'data-cell': id,
          class: [amount && 'num', isCode[c] && 'code', long && 'long', xlong && 'xlong', xxlong && 'xxlong', mid && 'mid', isRowHeader && 'rowhead', paras.length > 1 && 'multi', ...leadClasses(c, 1, leads)],
        });
        if (paras.length > 1) el.append(...paras.map((p) => h('span', { class: 'para' }, p)));
        else if (paras.length === 1) el.textContent = paras[0];
        if (amount) {
          el.addEventListener('click', () => this.#showPlaces(id, el));
          el.addEventListener('keydown', (e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              this.#showPlaces(id, el);
            }
          });
          el.classList.add('traceable');
        }
        tr.append(el);
        this.#cells.set(id, el);
      });
      tbody.append(tr);
    });

    const meta = [];
    if (tb.department) meta.push(h('span', { class: 'caption__meta-item' }, t.departmentLine(tb.department)));
    if (tb.unit) meta.push(h('span', { class: 'caption__meta-item' }, t.unit(t.unitValue(tb.unit))));

    const table = h(
      'table',
      { class: ['budget-table', `budget-table--${tb.key}`], 'aria-labelledby': null },
      h('caption', null, h('div', { class: 'caption__inner' }, h('h3', { class: 'caption__title', id: titleId }, h('span', { class: 'caption__label' }, tb.label ?? ''), ' ', h('span', { class: 'caption__name' }, tb.title ?? '')), meta.length ? h('span', { class: 'caption__meta' }, meta) : null)),
      thead,
      tbody,
    );
    const scroller = h('div', { class: 'scroller', tabindex: '0', role: 'region', 'aria-label': t.scrollRegion(name) }, table);
    this.#tableTargets.set(tb.key, scroller);
    const notes = Array.isArray(tb.notes) && tb.notes.length ? h('div', { class: 'table-notes', role: 'note', 'aria-label': t.notes }, tb.notes.map((n) => h('p', null, n))) : null;
    return h('section', { class: 'table-block', id: tableDomId(tb.key), lang: 'zh-CN', 'aria-labelledby': titleId }, scroller, notes);
  }

  // -------------------------------------------------------------------------------------------

  #mark(cellIds, origin) {
    for (const el of this.#marked) el.classList.remove('is-marked', 'is-marked-first');
    this.#marked = [];
    const found = [];
    const notFound = [];
    for (const id of cellIds) {
      const el = this.#cells.get(id);
      if (el) found.push(el);
      else notFound.push(id);
    }
    if (!found.length) {
      this.#announce(notFound.map((id) => this.#t.announceNotFound(id)).join('；'));
      return;
    }
    for (const el of found) el.classList.add('is-marked');
    found[0].classList.add('is-marked-first');
    this.#marked = found;
    this.#returnTo = origin ?? null;
    const first = found[0];
    first.scrollIntoView({ block: 'center', inline: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
    first.focus({ preventScroll: true });
    this.#announce(this.#t.announceMarked(found.length, this.#describeCell(first)));
  }

  #describeCell(el) {
    const table = el.closest('table');
    const label = table?.querySelector('caption .caption__label')?.textContent ?? '';
    const row = el.closest('tr')?.querySelector('th[scope="row"]')?.textContent ?? '';
    const value = el.textContent ?? '';
    return [label, row !== value ? row : '', value].filter(Boolean).join(' ');
  }

  #onKeydown(e) {
    if (e.key !== 'Escape' || !this.#returnTo) return;
    const active = this.#root.activeElement;
    if (active && this.#marked.includes(active)) {
      e.preventDefault();
      const back = this.#returnTo;
      if (back.isConnected) {
        back.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
        back.focus({ preventScroll: true });
      }
    }
  }

  #announce(text) {
    clearTimeout(this.#announceTimer);
    this.#live.textContent = '';
    // A short pause so assistive technology notices the change even when the text repeats.
    this.#announceTimer = setTimeout(() => {
      this.#live.textContent = text;
    }, 120);
  }

  #announceSummary() {
    const t = this.#t;
    const f = this.#data?.findings;
    const list = Array.isArray(f?.findings) ? f.findings : [];
    const summary = f?.summary ?? {};
    const counts = Object.fromEntries(ANNOUNCE_ORDER.map((s) => [s, Number(summary[s]) || list.filter((x) => x.status === s).length]));
    const total = ANNOUNCE_ORDER.reduce((n, s) => n + counts[s], 0);
    this.#announce(t.announce(total, ANNOUNCE_ORDER.map((s) => t.announcePart(t.status[s], counts[s]))));
  }
}

if (!customElements.get('yusuan-calculator')) {
  customElements.define('yusuan-calculator', YusuanCalculator);
}

export { YusuanCalculator };
