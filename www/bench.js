// The benchmark `make bench` drives: for each budget size, the time to load and reconcile,
// the time of one edit (the wasm call from JS until the changed figures are back), and the time
// of a full recompute. Results are microseconds; the page needs cross-origin isolation for a
// fine-grained clock (scripts/serve.py sends the headers).
import init, { Calculator } from './pkg/yusuan.js';

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

async function measure(size, { edits, warmup }) {
  const t0 = performance.now();
  const calc = size === 16 ? Calculator.seed() : Calculator.generated(size, 42);
  const findings = calc.findings();
  const loadMs = performance.now() - t0;
  const keys = calc.editables().filter((e) => e.kind === 'project').map((e) => e.key);
  const random = rng(size);
  const times = [];
  let touched = 0;
  for (let i = 0; i < warmup + edits; i++) {
    const key = keys[Math.floor(random() * keys.length)];
    const value = String(1 + Math.floor(random() * 9000));
    const start = performance.now();
    const step = calc.edit(key, value);
    const us = (performance.now() - start) * 1000;
    touched = step.changed.length;
    if (i >= warmup) times.push(us);
  }
  times.sort((a, b) => a - b);
  const full = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    calc.fullRecompute();
    full.push((performance.now() - start) * 1000);
  }
  full.sort((a, b) => a - b);
  calc.free();
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
  };
}

window.yusuanBench = async (sizes = [16, 10000, 100000], options = { edits: 2000, warmup: 200 }) => {
  await init();
  const results = [];
  for (const size of sizes) results.push(await measure(size, options));
  return { crossOriginIsolated: self.crossOriginIsolated, results };
};
document.getElementById('status').textContent = '就绪 ready';
