// Building DOM: the one way the element's modules (yusuan-calculator.js, scenario.js, chart.js,
// narrative.js) create elements. Attribute values are set with setAttribute, never parsed as
// HTML; an `on*` attribute takes a function only (a listener), never a string; children are
// Nodes or strings (appended as text nodes), arrays are flattened, null and false skipped.
// Everything that comes from data therefore reaches the page as text.

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** An element of namespace `ns` (null: HTML) with `attrs` and `children`. */
export function build(ns, tag, attrs, children) {
  const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) {
      if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value));
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendChildren(node, children);
  return node;
}

/** Appends children (Nodes, or strings as text; arrays flattened; null and false skipped). */
export function appendChildren(node, children) {
  for (const child of [children ?? []].flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** h('td', { class: 'num', onclick: fn }, 'text', child, [more]) → an HTML element. */
export const h = (tag, attrs, ...children) => build(null, tag, attrs, children);

/** The same for SVG: s('rect', { x: 0, width: 10 }). */
export const s = (tag, attrs, ...children) => build(SVG_NS, tag, attrs, children);
