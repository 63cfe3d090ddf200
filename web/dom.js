// The one DOM builder the views share: h('li', {class: 'item', 'data-id': id}, child, …).
// Attributes that are undefined, null or false are left out, true is an empty attribute, a
// function is set as a property (onclick); children that are null, undefined or false are skipped.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (typeof v === 'function') el[k] = v;  // onclick, …
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c);
  return el;
}

