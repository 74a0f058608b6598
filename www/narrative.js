// The narrative (文字部分) with every numeric claim marked by its verdict. A claim is a button:
// activating it shows the computation and highlights the table cells it rests on. Text from
// the publication only ever goes into the DOM through textContent.
import { h } from './dom.js';
import { strings } from './i18n/index.js';

/** Paragraphs built at once; a button builds the next ones. */
const PAGE = 300;

const ICON = { ok: '✓', rounding: '≈', mismatch: '✗', unverifiable: '?', note: 'ℹ', stale: '⟳' };

// The strings: the `narrative` section of i18n/zh.js and i18n/en.js.
const WORDS = { zh: strings('zh').narrative, en: strings('en').narrative };

const el = h;

/** A claim's place, the same in the published and the scenario's narrative. */
export const claimKey = (part, p, c) => `${part.label}|${p.line}|${c.start}`;

/**
 * Builds the narrative section.
 * @param {Array} parts `calc.narrative()`, or `calc.scenarioNarrative()` with `published`
 * @param {{lang?: string, onCells?: (cells: string[], origin: HTMLElement) => void, idPrefix?: string, published?: Map<string, string>}} options
 *   `published`: each claim's published status (claimKey → status). Given, a claim the
 *   scenario breaks (published ok or rounding, now a mismatch) is marked stale, its detail the
 *   computation with the scenario's figures.
 */
export function renderNarrative(parts, { lang = 'zh', onCells = () => {}, idPrefix = 'claim', published = null } = {}) {
  const w = WORDS[lang] ?? WORDS.zh;
  let stale = 0;
  const statusOf = (part, p, c) => {
    if (!published || c.status !== 'mismatch') return c.status;
    const before = published.get(claimKey(part, p, c));
    return before === 'ok' || before === 'rounding' ? 'stale' : c.status;
  };
  const counts = { total: 0, ok: 0, rounding: 0, mismatch: 0, unverifiable: 0, note: 0 };
  let serial = 0;
  const section = el('section', { class: 'narrative', 'aria-labelledby': `${idPrefix}-heading`, 'data-section': 'narrative' });
  section.append(el('h2', { id: `${idPrefix}-heading` }, w.heading), el('p', { class: 'narrative-intro' }, w.intro));
  const summary = el('p', { class: 'narrative-counts' });
  section.append(summary);
  const legend = el('ul', { class: 'claim-legend', 'aria-label': w.legend });
  for (const s of published ? ['ok', 'rounding', 'mismatch', 'unverifiable', 'note', 'stale'] : ['ok', 'rounding', 'mismatch', 'unverifiable', 'note']) {
    legend.append(el('li', { class: `claim claim-${s}` }, el('span', { class: 'claim-icon', 'aria-hidden': 'true' }, ICON[s]), ` ${w.status[s]}`));
  }
  section.append(legend);
  // Every claim is counted at once; paragraphs are built PAGE at a time (a text of several
  // megabytes has tens of thousands of claims, and building them all froze the tab).
  const queue = [];
  for (const part of parts) {
    for (const p of part.paragraphs) {
      if (!p.claims.length) continue;
      queue.push({ part, p });
      let at = 0;
      for (const c of p.claims) {
        if (c.start < at) continue;
        counts.total += 1;
        const st = statusOf(part, p, c);
        if (st === 'stale') stale += 1;
        else counts[st] = (counts[st] ?? 0) + 1;
        at = c.end;
      }
    }
  }
  const body = el('div', { class: 'narrative-body' });
  section.append(body);
  const more = el('button', { type: 'button', class: 'btn btn--small narrative-more', hidden: true });
  section.append(more);
  let shown = 0;
  let partEl = null;
  let partOf = null;
  const paragraph = (part, p) => {
    const chars = Array.from(p.text);
    const para = el('p', { class: 'narrative-paragraph', 'data-line': p.line });
    let at = 0;
    for (const c of p.claims) {
      if (c.start < at) continue; // overlapping spans: keep the first
      para.append(document.createTextNode(chars.slice(at, c.start).join('')));
      serial += 1;
      const detailId = `${idPrefix}-${serial}`;
      const detail = el('span', { class: 'claim-detail', id: detailId, role: 'note', hidden: true },
        el('span', { class: 'claim-detail-text', lang: lang === 'en' && c.messageEn ? 'en' : 'zh-CN' }, (lang === 'en' && c.messageEn) || c.message),
        c.cells.length
          ? el('button', { type: 'button', class: 'claim-cells', onclick: (e) => onCells(c.cells, e.currentTarget) }, w.cells)
          : el('span', { class: 'claim-nocells' }, ` ${w.noCells}`));
      const st = statusOf(part, p, c);
      const button = el('button', {
        type: 'button',
        class: `claim claim-${st}`,
        'aria-expanded': 'false',
        'aria-controls': detailId,
        'aria-label': `${chars.slice(c.start, c.end).join('')}：${w.status[st]}`,
        'data-rule': c.rule,
        onclick: (e) => {
          const open = button.getAttribute('aria-expanded') === 'true';
          button.setAttribute('aria-expanded', String(!open));
          detail.hidden = open;
          if (!open && c.cells.length) onCells(c.cells, e.currentTarget);
        },
      }, el('span', { class: 'claim-icon', 'aria-hidden': 'true' }, ICON[st] ?? '?'), chars.slice(c.start, c.end).join(''));
      para.append(button, detail);
      at = c.end;
    }
    para.append(document.createTextNode(chars.slice(at).join('')));
    return para;
  };
  const page = () => {
    let first = null;
    for (const { part, p } of queue.slice(shown, shown + PAGE)) {
      if (part !== partOf) {
        partOf = part;
        partEl = el('section', { class: 'narrative-part' }, el('h3', {}, w.part(part.label, part.title)));
        body.append(partEl);
      }
      const para = paragraph(part, p);
      first ??= para;
      partEl.append(para);
    }
    shown = Math.min(queue.length, shown + PAGE);
    const left = queue.length - shown;
    more.hidden = left <= 0;
    more.textContent = left > 0 ? w.more(Math.min(left, PAGE), left) : '';
    return first;
  };
  more.addEventListener('click', () => {
    const first = page()?.querySelector('.claim');
    first?.focus();
  });
  page();
  summary.textContent = stale ? `${w.counts(counts)} ${w.staleCounts(stale)}` : w.counts(counts);
  if (stale) section.setAttribute('data-stale', String(stale));
  return section;
}
