// One edit's answer, as the core hands it across (Calculator.editCompact): a small text with
// only what changed, no JSON. This turns it back into the step `edit` returns, taking what
// does not change (each figure's key, label, published value and cells) from the figures the
// page already holds, by index (the order of Calculator.figures()).
//
//   text:  "undo\tredo\n" then per figure moved
//          "index\tvalue\tdelta\tpercent\tyoy\tshare\tcell=value;cell=value\n"

/**
 * The step of a compact answer: `{ changed: [{ key, label, value, baseline, delta, percent,
 * yoy, share, cells, cellValues }], undo, redo }`, as `Calculator.edit` gives it; `null`
 * when a figure's index is not in `figures` (the figures changed since: fetch them again).
 * @param {string} text
 * @param {Array<{key: string, label: string, baseline: string, cells: string[]}>} figures
 */
export function decodeStep(text, figures) {
  const lines = String(text).split('\n');
  const head = (lines[0] ?? '').split('\t');
  const changed = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const [index, value, delta, percent, yoy, share, cells] = line.split('\t');
    const f = figures[Number(index)];
    if (!f) return null;
    const cellValues = {};
    if (cells) {
      for (const pair of cells.split(';')) {
        const at = pair.indexOf('=');
        if (at > 0) cellValues[pair.slice(0, at)] = pair.slice(at + 1);
      }
    }
    const figure = {
      key: f.key,
      label: f.label,
      value,
      baseline: f.baseline,
      delta: delta ?? '',
      percent: percent || null,
      share: share || null,
      cells: f.cells,
      cellValues,
    };
    if (yoy) figure.yoy = yoy;
    changed.push(figure);
  }
  return { changed, undo: Number(head[0]), redo: Number(head[1]) };
}
