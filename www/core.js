// The wasm core (pkg/yusuan.js), loaded once per page and kept alive across a trap.
//
// A bug in the Rust core traps its wasm instance (a WebAssembly.RuntimeError such as
// "unreachable"); after a trap the instance cannot be trusted. Every call the page makes into
// the core goes through run() below, which catches the trap, starts a fresh instance and
// rebuilds every open budget on it: from the same source (the text the page read: the
// seed, a file), with the user's operations replayed in order, so the figures, the balance mode and
// the undo/redo position are as they were. The call that trapped is then tried once more on
// the fresh instance.
//
// How a fresh instance is made: wasm-bindgen's --target web glue keeps its instance in module
// state, and an ES module is evaluated once per URL, so every instance has its own copy of
// the glue, imported as `pkg/yusuan.js?instance=N` (same origin: fine under
// `script-src 'self'`). The .wasm is compiled once (WebAssembly.compileStreaming, allowed by
// 'wasm-unsafe-eval') and every instance is made from that module. One spare copy of the glue
// is imported ahead of need, so a restart is synchronous: the call that trapped gets its answer
// and the page never shows a half-restored state. Without a spare (a second trap straight
// after the first) the restart is asynchronous, and the budgets are told when it is done.
//
//   const core = await loadCore();
//   const session = core.open({ kind: 'text', text, name } | { kind: 'json', text, name }
//                             | { kind: 'converted', text, name, notes });   (a PDF or workbook: opener.js)
//   session.calc            the Calculator (docs/js-api.md), every call guarded
//   session.spawn()         another Calculator of the same budget (guarded, not restored)
//   session.history         { undo, redo } after the last operation
//   session.onRestart = (info) => …   { edits, balance, retried, failed, pending, error }
//   session.close()

import { strings } from './i18n/index.js';

export const PKG_URL = new URL('./pkg/yusuan.js', import.meta.url).href;
const WASM_URL = new URL('./pkg/yusuan_bg.wasm', import.meta.url).href;

/**
 * The largest budget file the page reads: the core's own limit for published text
 * (MAX_INPUT_BYTES in src/import/text.rs, 8 MiB), applied to JSON too.
 */
export const MAX_BUDGET_BYTES = 8 * 1024 * 1024;

/** After this many restarts in one page the core is given up on (a reload starts afresh). */
const MAX_RESTARTS = 8;
/** The operations that change a scenario, replayed after a restart. */
const MUTATING = new Set(['edit', 'editCompact', 'undo', 'redo', 'reset', 'setBalance', 'applyEdits']);
/** Past this many logged operations the log is folded into one snapshot (the undo history is shortened). */
const MAX_LOG = 5000;

/** The page's own messages about the core: the `core` section of i18n/zh.js and i18n/en.js. */
const TEXT = { zh: strings('zh').core, en: strings('en').core };

/** An error of the page's own about the core, in both languages (like the core's errors). */
export class CoreError extends Error {
  constructor(which, cause) {
    super(TEXT.zh[which], cause ? { cause } : undefined);
    this.name = 'CoreError';
    this.messageEn = TEXT.en[which];
    this.kind = `core.${which}`;
  }
}

/** True for a trapped wasm instance (unreachable, out-of-bounds access, stack overflow, …). */
export function isTrap(err) {
  return typeof WebAssembly === 'object' && err instanceof WebAssembly.RuntimeError;
}

function countOf(edits) {
  return edits && typeof edits === 'object' ? Object.keys(edits).length : 0;
}

/** Frees a calculator made on instance `generation`: on the live instance, or detached from a dead one. */
function release(raw, generation) {
  if (!raw) return;
  if (live && generation === live.generation) {
    try {
      raw.free();
    } catch {
      // already freed
    }
  } else detach(raw);
}

/** Detaches a wasm-bindgen handle of a dead instance without calling into it. */
function detach(raw) {
  if (!raw) return;
  try {
    if (typeof raw.__destroy_into_raw === 'function') raw.__destroy_into_raw();
    else raw.free();
  } catch {
    // the instance is gone; nothing to release
  }
}

// ---------------------------------------------------------------------------------------------

let compiled = null; // WebAssembly.Module
let live = null; // { mod, generation } of the instance in use; null while restarting
let generation = 0;
let nextInstance = 1;
let spare = null; // a glue module imported but not initialised
let spareLoading = null;
let restarts = 0;
let armed = { times: 0, on: null }; // traps still to set off, one per call (of method `on`, or any) (tests)
let asyncRestart = null;
let gaveUp = false;
const sessions = new Set();
let corePromise = null;

async function compile() {
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(WASM_URL));
    } catch {
      // a server that does not say application/wasm: compile from the bytes
    }
  }
  const res = await fetch(WASM_URL);
  if (!res.ok) throw new Error(`${WASM_URL}: HTTP ${res.status}`);
  return WebAssembly.compile(await res.arrayBuffer());
}

function prepareSpare() {
  if (spare || spareLoading || gaveUp) return;
  const url = `${PKG_URL}?instance=${nextInstance++}`;
  spareLoading = import(url)
    .then((mod) => {
      spare = mod;
    })
    .catch((err) => {
      console.warn('yusuan: could not prepare a spare instance of the core:', err);
    })
    .finally(() => {
      spareLoading = null;
    });
}

/** Loads the core (once per page); resolves to the API above. */
export function loadCore() {
  if (!corePromise) {
    corePromise = (async () => {
      const [module, mod] = await Promise.all([compile(), import(PKG_URL)]);
      compiled = module;
      await mod.default({ module_or_path: compiled });
      live = { mod, generation };
      // A spare copy of the glue for a synchronous restart, once the page has what it needs.
      setTimeout(prepareSpare, 0);
      return api;
    })();
    corePromise.catch(() => {
      corePromise = null; // let a retry try again
    });
  }
  return corePromise;
}

// ---------------------------------------------------------------------------------------------
// Calls into the core.

/**
 * Runs fn() (a call into the live instance). On a trap: restart, then, for a budget's main
 * calculator (`retry`), run fn() once more on the fresh instance.
 */
function run(owner, fn, retry, name = null) {
  if (gaveUp) throw new CoreError('gaveUp');
  if (!live) throw new CoreError('restarting');
  if (owner && owner.generation !== live.generation) throw new CoreError('stale');
  const invoke = () => {
    if (armed.times > 0 && (armed.on === null || armed.on === name)) {
      armed.times--;
      live.mod.abortForTesting();
    }
    return fn();
  };
  try {
    return invoke();
  } catch (err) {
    if (!isTrap(err)) throw err;
    if (!restart(err)) throw new CoreError(gaveUp ? 'gaveUp' : 'restarting', err);
    if (!retry) throw new CoreError('stale', err);
    try {
      const result = invoke();
      owner.notify({ retried: true });
      return result;
    } catch (again) {
      if (!isTrap(again)) throw again;
      // The operation itself traps: restart without it and say so.
      const done = restart(again);
      owner.notify({ retried: false, pending: !done });
      throw new CoreError(gaveUp ? 'gaveUp' : 'opFailed', again);
    }
  }
}

/** A fresh instance after a trap; true when it is ready now (synchronously). */
function restart(err) {
  console.error(`yusuan: the calculation core stopped (${err?.name ?? 'Error'}: ${err?.message ?? err}); restarting it with every open budget restored.`);
  live = null;
  for (;;) {
    if (++restarts > MAX_RESTARTS) {
      giveUp(err);
      return false;
    }
    const mod = spare;
    spare = null;
    if (!mod) {
      startAsync();
      return false;
    }
    try {
      mod.initSync({ module: compiled });
    } catch (e) {
      console.error('yusuan: a fresh instance of the core could not start:', e);
      continue;
    }
    generation++;
    live = { mod, generation };
    if (rebuildAll()) {
      prepareSpare();
      return true;
    }
    live = null; // a trap while restoring: try yet another instance
  }
}

function startAsync() {
  if (asyncRestart) return;
  asyncRestart = (async () => {
    for (;;) {
      if (gaveUp) return;
      if (!spare) {
        if (!spareLoading) prepareSpare();
        await spareLoading;
      }
      const mod = spare;
      spare = null;
      if (!mod) {
        giveUp(new Error('no fresh instance of the core could be loaded'));
        return;
      }
      try {
        mod.initSync({ module: compiled });
      } catch (e) {
        if (++restarts > MAX_RESTARTS) {
          giveUp(e);
          return;
        }
        continue;
      }
      generation++;
      live = { mod, generation };
      if (rebuildAll({ pending: false })) {
        prepareSpare();
        return;
      }
      live = null;
      if (++restarts > MAX_RESTARTS) {
        giveUp(new Error('the core traps while restoring'));
        return;
      }
    }
  })().finally(() => {
    asyncRestart = null;
  });
  for (const s of sessions) s.notify({ pending: true });
}

/** Rebuilds every open budget on the live instance; false when the instance trapped meanwhile. */
function rebuildAll(extra = {}) {
  for (const s of sessions) {
    try {
      s.rebuild();
    } catch (err) {
      if (isTrap(err)) return false;
      s.notify({ failed: true, error: err });
      continue;
    }
  }
  for (const s of sessions) if (!s.broken) s.notify({ restored: true, ...extra });
  return true;
}

function giveUp(err) {
  gaveUp = true;
  live = null;
  console.error('yusuan: the calculation core failed too often; giving up.', err);
  for (const s of sessions) s.notify({ failed: true, gaveUp: true, error: new CoreError('gaveUp', err) });
}

function build(mod, source) {
  const { Calculator } = mod;
  if (source.kind === 'json') return Calculator.fromJson(source.text);
  if (source.kind === 'converted') {
    const notes = (source.notes ?? []).flatMap((n) => [String(n.place ?? ''), String(n.message ?? ''), String(n.messageEn ?? n.message ?? '')]);
    return Calculator.fromConverted(source.text, source.name ?? '', notes);
  }
  return Calculator.fromText(source.text, source.name ?? '');
}

/** A Calculator whose every method goes through run(); `owner` holds the raw handle. */
function guard(owner) {
  return new Proxy(Object.create(null), {
    get(_, name) {
      if (name === 'free') return () => owner.free();
      const raw = owner.raw;
      if (typeof name !== 'string' || !raw || typeof raw[name] !== 'function') return undefined;
      return (...args) => owner.call(name, args);
    },
    has(_, name) {
      return typeof name === 'string' && Boolean(owner.raw) && typeof owner.raw[name] === 'function';
    },
  });
}

/** A calculator that is not restored after a restart (comparisons): its calls fail instead. */
class Spawned {
  constructor(raw) {
    this.raw = raw;
    this.generation = live.generation;
    this.calc = guard(this);
  }

  call(name, args) {
    return run(this, () => this.raw[name](...args), false, name);
  }

  free() {
    const raw = this.raw;
    this.raw = null;
    release(raw, this.generation);
  }
}

/** One open budget: its source, its main calculator and the log of the user's operations. */
class Session {
  onRestart = null;
  history = { undo: 0, redo: 0 };
  broken = false;
  #log = [];
  #snapshot = { balance: 'follow', edits: {} };

  constructor(source) {
    this.source = source;
    this.raw = null;
    this.generation = -1;
    this.calc = guard(this);
  }

  /** The calculator of this budget on the live instance, with the user's operations replayed. */
  rebuild() {
    const old = this.raw;
    this.raw = null;
    detach(old);
    let raw = build(live.mod, this.source);
    try {
      let last = null;
      for (const [name, args] of this.#log) {
        const r = raw[name](...args);
        if (r && Number.isFinite(r.undo)) last = r;
      }
      if (last) this.history = { undo: last.undo, redo: last.redo };
    } catch (err) {
      if (isTrap(err)) throw err;
      // The log does not replay (it should): fall back on the figures as they were.
      try {
        raw.free();
      } catch {
        // nothing to free
      }
      raw = build(live.mod, this.source);
      this.#log = this.#snapshotLog();
      let last = null;
      for (const [name, args] of this.#log) last = raw[name](...args);
      this.history = { undo: last && Number.isFinite(last.undo) ? last.undo : 0, redo: 0 };
    }
    this.raw = raw;
    this.generation = live.generation;
  }

  #snapshotLog() {
    const log = [];
    if (this.#snapshot.balance === 'ceiling') log.push(['setBalance', ['ceiling']]);
    if (countOf(this.#snapshot.edits)) log.push(['applyEdits', [this.#snapshot.edits]]);
    return log;
  }

  call(name, args) {
    return run(
      this,
      () => {
        const result = this.raw[name](...args);
        if (MUTATING.has(name)) this.#record(name, args, result);
        return result;
      },
      true,
      name,
    );
  }

  /** After a successful operation: log it, and keep the edits and the balance as they are now. */
  #record(name, args, result) {
    // The snapshot first: should it trap, the operation is not logged, and run() does it again
    // on the fresh instance.
    let snapshot = this.#snapshot;
    try {
      snapshot = { balance: this.raw.balance(), edits: this.raw.edits() ?? {} };
    } catch (err) {
      if (isTrap(err)) throw err;
    }
    this.#snapshot = snapshot;
    this.#log.push([name, JSON.parse(JSON.stringify(args))]);
    if (result && Number.isFinite(result.undo)) this.history = { undo: result.undo, redo: result.redo };
    if (typeof result === 'string') {
      // A compact step (editCompact): its first line is `undo<TAB>redo`.
      const [undo, redo] = result.slice(0, result.indexOf('\n')).split('\t').map(Number);
      if (Number.isFinite(undo)) this.history = { undo, redo };
    }
    if (this.#log.length > MAX_LOG) this.#log = this.#snapshotLog();
  }

  /** The edits and balance mode as last recorded (what a restart restores). */
  get snapshot() {
    return { balance: this.#snapshot.balance, edits: { ...this.#snapshot.edits } };
  }

  notify(info) {
    if (info.failed) this.broken = true;
    const full = { edits: countOf(this.#snapshot.edits), balance: this.#snapshot.balance, history: { ...this.history }, ...info };
    try {
      this.onRestart?.(full);
    } catch (err) {
      console.error('yusuan: a restart listener failed:', err);
    }
  }

  spawn() {
    const s = run(null, () => new Spawned(build(live.mod, this.source)), false);
    return s.calc;
  }

  free() {
    this.close();
  }

  close() {
    sessions.delete(this);
    const raw = this.raw;
    this.raw = null;
    release(raw, this.generation);
  }
}

const api = {
  /** Builds a budget from a source; rejects with the core's error (a budget it cannot read). */
  async open(source) {
    const session = new Session(source);
    const make = () => session.rebuild();
    try {
      run(null, make, false);
    } catch (err) {
      // A trap while reading: once more on the fresh instance.
      if (!(err instanceof CoreError) || err.kind === 'core.gaveUp') throw err;
      if (asyncRestart) await asyncRestart;
      run(null, make, false);
    }
    sessions.add(session);
    return session;
  },

  /**
   * For tests: a real wasm trap (the core's abortForTesting) in the instance the page uses,
   * 'now', at the 'next' call the page makes, or at the next call of the Calculator method
   * named `when` (such as 'edit'); `times` calls in a row: 2 makes the call that trapped trap
   * again when it is tried on the fresh instance. Resolves once the core is back.
   */
  abortForTesting(when = 'now', times = 1) {
    if (when !== 'now') {
      armed = { times: Math.max(1, Math.floor(Number(times)) || 1), on: when === 'next' ? null : String(when) };
      return Promise.resolve(false);
    }
    try {
      run(null, () => live.mod.abortForTesting(), false);
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
    }
    return (asyncRestart ?? Promise.resolve()).then(() => true);
  },

  /** How many times the core has been restarted in this page. */
  get restarts() {
    return generation;
  },
};
