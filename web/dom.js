// The one DOM builder the views share: h('li', {class: 'item', 'data-id': id}, child, …).
// Attributes that are undefined, null or false are left out, true is an empty attribute, a
// function is set as a property (onclick); children that are null, undefined or false are skipped.
// Thousands of calls a run, the first ones cold: no array is made per call beyond its arguments.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const k in attrs) {
    const v = attrs[k];
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (typeof v === 'function') el[k] = v;  // onclick, …
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (!Array.isArray(c)) appendChild(el, c);
    else for (const d of c) appendChild(el, d);
  }
  return el;
}

function appendChild(el, c) {
  if (c !== undefined && c !== null && c !== false) el.append(c);
}

