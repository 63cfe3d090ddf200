// A field tree beside the bytes it describes, linked both ways: hovering or focusing a field
// highlights its bytes, hovering or focusing a byte highlights the field that holds it (the
// deepest one). Fields come from the events' `fields` (docs/events.md: name, value, offset,
// length, note, children; offsets count from the first byte of `bytes`).
//
// Test hooks: tree nodes [data-field-path] ("0", "0.3", … the index path in the tree),
// bytes [data-offset], and the class .hl on whatever is highlighted.
import { t, getLang, withNames } from './i18n.js';
import { h } from './dom.js';

/** Bytes drawn one element each; past this many the rest is summarised (still counted). */
const MAX_BYTES = 16384;

function hexPairs(hex) {
  const out = [];
  for (let i = 0; i + 1 < hex.length; i += 2) out.push(hex.slice(i, i + 2));
  return out;
}

/** A field's note in the page's language: `note`, or in 中文 `note_zh`. A note that is only a
 *  code point or a number (0x1301, 3) has no Chinese twin and is shown in both. */
function noteOf(field) {
  if (getLang() !== 'zh') return field.note ?? '';
  return field.note_zh ?? (/^(0x[0-9a-f]+|\d+)$/i.test(field.note ?? '') ? field.note : '');
}

function valueText(field) {
  const v = field.value;
  if (v === undefined || v === null || v === '') return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function treeNode(field, path, link) {
  const value = valueText(field);
  const note = noteOf(field);
  const node = h('span', {
    class: 'field', tabindex: 0, 'data-field-path': path, 'data-offset': undefined,
    'data-from': field.offset, 'data-length': field.length,
  },
  h('span', { class: 'fname', translate: 'no' }, field.name),
  value ? h('span', { class: 'fvalue', translate: 'no' }, value) : null,
  h('span', { class: 'frange', translate: 'no' }, `[${field.offset}+${field.length}]`),
  note ? h('span', { class: 'fnote' }, getLang() === 'zh' ? withNames(note) : note) : null);
  const kids = (field.children ?? []).filter((c) => typeof c === 'object');
  return h('li', {}, node, link(field.name),
    kids.length ? h('ul', {}, kids.map((c, i) => treeNode(c, `${path}.${i}`, link))) : null);
}

const offsetLabel = (i) => i.toString(16).padStart(4, '0');

/**
 * The hex view's markup for bytes [from, to): a line of 16 bytes each (its offset first, and the
 * offset of its second half, shown only where a narrow screen breaks the line there), a span per
 * byte. Built as one string and parsed once: a certificate message is over a thousand bytes, and
 * an element made and appended one by one for each cost the click that shows it several ms. Only
 * hex digits reach the markup (a replayed transcript's `bytes` may hold anything). `from` is a
 * multiple of 16.
 */
function hexLines(pairs, flipped, from, to) {
  let html = '';
  for (let i = from; i < to; i++) {
    if (i % 16 === 0) html += `${i > from ? '</div>' : ''}<div class="line"><span class="off">${offsetLabel(i)}</span>`;
    else if (i % 8 === 0) html += `<span class="off mid">${offsetLabel(i)}</span>`;
    const b = /^[0-9a-f]{2}$/i.test(pairs[i]) ? pairs[i] : '??';
    html += `<span class="${flipped.has(i) ? 'b flipped' : 'b'}" data-offset="${i}" tabindex="-1">${b}</span>`;
  }
  return to > from ? `${html}</div>` : '';
}

/** The same lines as text, a run of bytes per half line instead of an element per byte: what a
 *  click draws of a step's hex view in the frame that shows it (drawVisibleLines): ~9 layout
 *  objects a line instead of ~36 (a screen of 16 lines was ~570). The style sheet spaces the bytes as the elements are
 *  (.hex .t), and the lines become elements once that frame is painted (or at once when a
 *  byte is needed: a highlight, a byte hovered). */
function hexText(pairs, from, to) {
  let html = '';
  for (let i = from; i < to; i += 8) {
    if (i % 16 === 0) html += `${i > from ? '</div>' : ''}<div class="line"><span class="off">${offsetLabel(i)}</span>`;
    else html += `<span class="off mid">${offsetLabel(i)}</span>`;
    const half = pairs.slice(i, Math.min(i + 8, to)).map((b) => (/^[0-9a-f]{2}$/i.test(b) ? b : '??'));
    html += `<span class="t">${half.join(' ')}</span>`;
  }
  return to > from ? `${html}</div>` : '';
}

/** Bytes drawn at once by default: a screenful of lines even if the view began at the top of the
 *  window (a line is ~18 px; 16 is assumed, so a smaller font still fills it). */
const firstScreenBytes = () => 16 * Math.ceil((globalThis.innerHeight || 1080) / 16);

/** A hex view's element → drawTo(n): draws its lines up to byte n, while some wait to be drawn. */
const pending = new WeakMap();

/** Runs `fn` once the next frame has been painted, when the page is idle (within 100 ms): a
 *  task of its own right after the frame would also delay whatever the learner does next. */
const afterNextFrame = (fn) => requestAnimationFrame(() => (globalThis.requestIdleCallback
  ? requestIdleCallback(fn, { timeout: 100 }) : setTimeout(fn)));

/** The deepest field containing byte `offset`, as its path ('' if none). */
function fieldAt(fields, offset, prefix = '') {
  for (const [i, f] of fields.entries()) {
    if (typeof f !== 'object') continue;
    if (offset >= f.offset && offset < f.offset + f.length) {
      const path = prefix ? `${prefix}.${i}` : String(i);
      return fieldAt(f.children ?? [], offset, path) || path;
    }
  }
  return '';
}

/**
 * The linked tree and hex view for one byte string.
 * hex: the bytes (lower-case hex); fields: the field tree; label: a heading key (i18n);
 * link: field name → an element placed after the field (its RFC section), or null;
 * flipped: offsets of bytes "Break it" changed (marked .flipped); first: how many bytes to draw
 * at once (0 when the caller places the view and then calls drawVisibleLines).
 */
export function renderBytes(hex, fields = [], { label = 'bytes', link = () => null, flipped = [], first = firstScreenBytes() } = {}) {
  const pairs = hexPairs(hex ?? '');
  const shown = pairs.slice(0, MAX_BYTES);
  const tree = h('ul', { class: 'tree' }, fields.filter((f) => typeof f === 'object').map((f, i) => treeNode(f, String(i), link)));
  const grid = h('div', { class: 'hex', translate: 'no' });
  const marked = new Set(flipped);
  // The lines past `first` follow once the next frame is painted, so that the frame showing a
  // step lays out only what can be seen of it (the certificate message's hex view was 1,200 of
  // its detail's 1,400 elements, most of them below the pane's first screen: bench/page/page.mjs,
  // click). Until then the view is aria-busy (tests wait for it to go); whatever needs a byte not
  // drawn yet (a field's highlight) draws them at once.
  // asText: the lines as text (hexText), made elements by the next drawTo without it.
  let drawn = 0;
  let asTextTo = 0;  // the bytes [0, asTextTo) are drawn as text
  let bytes = null;  // the byte elements drawn, found once
  const drawTo = (n, asText = false) => {
    const to = Math.min(shown.length, 16 * Math.ceil(n / 16));
    if (asText && drawn === 0 && !marked.size && to > 0) {
      grid.insertAdjacentHTML('beforeend', hexText(shown, 0, to));
      drawn = asTextTo = to;
      return;
    }
    if (asTextTo) {
      grid.innerHTML = hexLines(shown, marked, 0, Math.max(to, asTextTo));
      drawn = Math.max(to, asTextTo);
      asTextTo = 0;
    } else if (to > drawn) {
      grid.insertAdjacentHTML('beforeend', hexLines(shown, marked, drawn, to));
      drawn = to;
    }
    bytes = null;
    if (drawn < shown.length) return;
    grid.removeAttribute('aria-busy');
    pending.delete(grid);
  };
  drawTo(first);
  if (drawn < shown.length) {
    grid.setAttribute('aria-busy', 'true');
    pending.set(grid, drawTo);
    afterNextFrame(() => drawTo(shown.length));
  }
  const rest = pairs.length - shown.length;
  const box = h('div', { class: 'bytes-view' },
    h('div', { class: 'bytes-head' },
      h('span', { 'data-i18n': label }, t(label)), ' ',
      h('span', { class: 'count', 'data-i18n': 'n-bytes', 'data-i18n-args': JSON.stringify([pairs.length]) }, t('n-bytes', pairs.length))),
    fields.length ? tree : null,
    grid,
    rest > 0 ? h('p', { class: 'more', 'data-i18n': 'more-bytes', 'data-i18n-args': JSON.stringify([rest]) }, t('more-bytes', rest)) : null);

  const clear = () => { for (const el of box.querySelectorAll('.hl')) el.classList.remove('hl'); };
  const light = (path) => {
    clear();
    const node = path ? tree.querySelector(`[data-field-path="${path}"]`) : null;
    if (!node) return;
    node.classList.add('hl');
    const from = Number(node.dataset.from);
    const to = Math.min(from + Number(node.dataset.length), shown.length);
    if (to > drawn || asTextTo) drawTo(shown.length);
    bytes ??= grid.querySelectorAll('.b');
    for (let i = from; i < to; i++) bytes[i].classList.add('hl');
  };
  const fromTree = (ev) => {
    const node = ev.target.closest?.('[data-field-path]');
    if (node) light(node.dataset.fieldPath);
  };
  const fromHex = (ev) => {
    if (asTextTo) drawTo(shown.length);  // the byte under the pointer as an element, at the next move
    const b = ev.target.closest?.('[data-offset]');
    if (!b) return;
    const path = fieldAt(fields, Number(b.dataset.offset));
    if (path) light(path);
    else { clear(); b.classList.add('hl'); }
  };
  tree.addEventListener('mouseover', fromTree);
  tree.addEventListener('focusin', fromTree);
  grid.addEventListener('mouseover', fromHex);
  grid.addEventListener('focusin', fromHex);
  box.addEventListener('mouseleave', clear);
  return box;
}

/**
 * Draws, in each hex view under `root` whose lines wait, those the window shows: from where the
 * view begins to the window's bottom (a line that a narrow screen breaks in two counts as one,
 * which draws more than is seen, never less). The rest follow after the next frame. Asks where
 * each view begins, so it lays the page out: call it once the views are in the page and before
 * anything else changes it, and that layout is the frame's own done early, without the lines
 * not drawn yet. Returns whether every line of them is drawn (none goes past the window).
 */
export function drawVisibleLines(root) {
  let whole = true;
  for (const grid of root.querySelectorAll('.hex[aria-busy]')) {
    const drawTo = pending.get(grid);
    if (!drawTo) continue;
    const top = grid.getBoundingClientRect().top;
    const line = parseFloat(getComputedStyle(grid).lineHeight) || 16;
    drawTo(16 * Math.ceil(Math.max(0, innerHeight - top) / line), true);
    whole &&= !pending.has(grid);
  }
  return whole;
}

export { afterNextFrame };
