// The sequence diagram: client ↔ relay ↔ server lifelines, one arrow per message, grouped by
// flight (the messages one side sends before it must wait for the other) and round trip, with
// the real time of each; secrets and checks as notes on the client's lifeline. It is also the
// page's navigation: each item is a link to its deep link (#client_hello, #finished, …).
//
// The model it draws is the run store's (store.js). DiagramView draws it as events arrive: a
// new item is appended to its group, a changed item's element replaced, nothing else touched.
import { t, titleOf, stepExplain } from './i18n.js';
import { h } from './dom.js';

/** The title of an item: the step's, except for the in-browser server's non-events (no DNS, no TCP). */
const IN_BROWSER_STEPS = { dns: 'inpage.dns', tcp: 'inpage.tcp', closed: 'inpage.closed' };
export function itemTitle(it, tag = 'span', cls = 'title') {
  const key = it.inBrowser && IN_BROWSER_STEPS[it.step];
  return key ? h(tag, { class: cls, 'data-i18n': `${key}.title` }, t(`${key}.title`)) : titleOf(it.step, tag, cls);
}
/** The explanation of an item (see itemTitle). */
export function itemExplainKey(it) {
  const key = it.inBrowser && IN_BROWSER_STEPS[it.step];
  return key ? `${key}.explain` : null;
}

const ms = (v) => (Math.round(v * 10) / 10).toFixed(1);

function itemSize(e) {
  if (e.type === 'dns' || e.type === 'tcp') return `${ms(e.ms)} ms`;
  if (e.type === 'tcp_closed') return `↑${e.bytes_up} ↓${e.bytes_down} B`;
  return e.length !== undefined ? `${e.length} B` : '';
}

function itemElement(it, selected, held) {
  const e = it.event;
  const attrs = {
    class: `item ${it.kind} lane-${it.lane}`,
    'data-id': it.id, 'data-step': it.step, 'data-kind': it.kind === 'arrow' && e.type === 'message' ? 'message' : e.type,
    'data-lane': it.lane, 'data-t': ms(it.t),
  };
  // The hover explanation, written here (a language switch rewrites it from data-tip-of): a
  // translation pass over each drawn item cost the live run ~2 ms of rewriting what was just built.
  if (!itemExplainKey(it)) { attrs['data-tip-of'] = it.step; attrs.title = stepExplain(it.step); }
  if (it.dir) attrs['data-dir'] = it.dir;
  if (it.kind === 'arrow' && it.lane === 'client-server') attrs['data-protected'] = String(it.protected);
  if (it.ok !== undefined) attrs['data-ok'] = String(it.ok);
  if (it.tampered) attrs['data-tampered'] = 'true';
  if (it.id === selected) attrs['aria-current'] = 'step';
  if (held.has(it)) attrs['data-held'] = 'true';
  const secrets = [e, ...it.attached].filter((x) => x.type === 'secret').map((x) => x.name);
  const badge = it.kind === 'arrow' && it.lane === 'client-server' && e.type !== 'application_data'
    ? h('span', { class: `badge ${it.protected ? 'enc' : 'clear'}`, 'data-i18n': it.protected ? 'encrypted' : 'clear' }, t(it.protected ? 'encrypted' : 'clear'))
    : null;
  const mark = it.ok === false ? h('span', { class: 'mark bad', 'aria-hidden': 'true' }, '✗')
    : it.ok === true ? h('span', { class: 'mark ok', 'aria-hidden': 'true' }, '✓') : null;
  const link = h('a', { href: `#${it.id}`, class: 'label' },
    mark, itemTitle(it),
    e.type === 'application_data' && e.dir === 'out' ? h('small', { class: 'mono', translate: 'no' }, (e.text ?? '').split('\r\n')[0].slice(0, 32)) : null,
    it.response ? h('small', { class: 'mono', translate: 'no' }, it.response.status_line) : null,
    e.type === 'alert' ? h('small', { class: 'mono', translate: 'no' }, e.description) : null,
    e.type === 'error' || e.type === 'relay_error' ? h('small', { class: 'mono', translate: 'no' }, e.code) : null,
    secrets.length ? h('small', { class: 'mono', translate: 'no' }, secrets.join(' · ')) : null,
    it.tampered ? h('small', { class: 'tamper', 'data-i18n': 'tampered' }, t('tampered')) : null,
    held.has(it) ? h('small', { class: 'held', 'data-i18n': 'not-sent' }, t('not-sent')) : null);
  return h('li', attrs,
    h('span', { class: 'time', translate: 'no' }, ms(it.t)),
    h('span', { class: 'track' }, link, badge, h('span', { class: 'size', translate: 'no' }, itemSize(e))));
}

function groupHead(g, inBrowser) {
  const setup = inBrowser ? 'setup.inpage' : 'setup';
  if (g.kind === 'setup') return h('div', { class: 'group-head' }, h('span', { 'data-i18n': setup }, t(setup)));
  const dirKey = g.dir === 'out' ? 'client-to-server' : 'server-to-client';
  return h('div', { class: 'group-head' },
    h('span', { 'data-i18n': 'flight', 'data-i18n-args': JSON.stringify([g.n]) }, t('flight', g.n)), ' · ',
    h('span', { 'data-i18n': dirKey }, t(dirKey)), ' · ',
    h('span', { 'data-i18n': 'round-trip', 'data-i18n-args': JSON.stringify([g.round]) }, t('round-trip', g.round)),
    g.wait !== undefined ? h('span', { class: 'wait', 'data-i18n': 'waited', 'data-i18n-args': JSON.stringify([ms(g.wait)]) }, t('waited', ms(g.wait))) : null);
}

/** The arrows of the client's last flight: the flight step mode is holding back, if it is. */
function heldArrows(model) {
  const last = model.groups.at(-1);
  return new Set(last?.kind === 'flight' && last.dir === 'out' ? last.items.filter((it) => it.kind === 'arrow') : []);
}

const lifelines = () => h('div', { class: 'lifelines', 'aria-hidden': 'true' },
  h('span', { 'data-i18n': 'client' }, t('client')),
  h('span', { 'data-i18n': 'relay' }, t('relay')),
  h('span', { 'data-i18n': 'server' }, t('server')));

function groupElement(g, inBrowser) {
  return h('li', { class: 'group', 'data-group': g.kind, 'data-flight': g.n, 'data-round': g.round, 'data-dir': g.dir },
    groupHead(g, inBrowser), h('ol', { class: 'items' }));
}

/** The whole diagram at once, detached (the warm-up's drawing). */
export function renderDiagram(model, selected, holding = false) {
  const held = holding ? heldArrows(model) : new Set();
  const list = h('ol', { id: 'steps', class: 'groups' }, model.groups.map((g) => {
    const el = groupElement(g, model.inBrowser);
    el.lastChild.append(...g.items.map((it) => itemElement(it, selected, held)));
    return el;
  }));
  return [lifelines(), list];
}

/**
 * The diagram in `container`, kept in step with the store: update(model, changes) draws what
 * changed (store.js flush); setSelected and setHolding change only the items they concern.
 * Each element is drawn in the page's language with its hover explanation.
 */
export class DiagramView {
  constructor(container) {
    this.container = container;
    this.holding = false;
    this.clear();
  }

  clear() {
    this.itemEls = new Map();
    this.groupEls = new Map();
    this.held = new Set();
    this.selected = '';
    this.list = h('ol', { id: 'steps', class: 'groups' });
    this.container.replaceChildren(lifelines(), this.list);
  }

  update(model, changes) {
    this.model = model;
    if (changes.reset) this.clear();
    for (const g of changes.groups) {
      const old = this.groupEls.get(g);
      const el = old ?? groupElement(g, model.inBrowser);
      if (!old) {
        this.groupEls.set(g, el);
        this.list.append(el);
      } else {
        el.firstChild.replaceWith(groupHead(g, model.inBrowser));
      }
    }
    const held = this.holding ? heldArrows(model) : new Set();
    for (const it of this.held) if (!held.has(it)) changes.items.add(it);
    for (const it of held) if (!this.held.has(it)) changes.items.add(it);
    this.held = held;
    for (const it of changes.items) this.drawItem(it);
  }

  drawItem(it) {
    const el = itemElement(it, this.selected, this.held);
    const old = this.itemEls.get(it);
    if (old) old.replaceWith(el);
    else this.groupEls.get(it.group)?.lastChild.append(el);
    this.itemEls.set(it, el);
  }

  /** Step mode holds the client's last flight (its messages exist, its bytes have not left). */
  setHolding(holding) {
    if (holding === this.holding) return;
    this.holding = holding;
    if (this.model) this.update(this.model, { reset: false, groups: new Set(), items: new Set() });
  }

  setSelected(id) {
    if (id === this.selected) return;
    this.selected = id;
    for (const el of this.list.querySelectorAll('[aria-current]')) el.removeAttribute('aria-current');
    this.elementOf(id)?.setAttribute('aria-current', 'step');
  }

  elementOf(id) {
    return this.list.querySelector(`[data-id="${CSS.escape(id)}"]`);
  }
}
