// The run on screen, drawn from the run store (store.js): the sequence diagram (diagram.js
// DiagramView: only what changed), the selected step in full (detail.js: redrawn when that step,
// the selection or the language changed), and — once the tools show after a run — the record
// layer, the relay's view and the secrets panel. What the page shows is kept here, in
// JavaScript; the DOM is only written.
import { getLang } from './i18n.js';
import { DiagramView } from './diagram.js';
import { renderDetailFirst } from './detail.js';
import { drawVisibleLines, afterNextFrame } from './hexview.js';
import { RelayView } from './relayview.js';
import { renderRecordLayer } from './records.js';
import { SecretsLadder, renderProof } from './secrets.js';

const $ = (id) => document.getElementById(id);
/** The tools' panels, each laid out only once it nears the viewport (RunView.drawToolsNow). */
const PANELS = ['secrets-panel', 'records-panel', 'relay-view'];
/** How near: half a window above or below it, so that scrolling draws a panel before it shows. */
const NEAR = '50% 0px';
const isFailureEvent = (e) => e.type === 'error' || e.type === 'relay_error';

/** failures.js once loaded (its renderFailureCard), else null; loadFailureCards() loads it. */
let failureCards = null;
let failureCardsLoading = null;
export function loadFailureCards() {
  failureCardsLoading ??= import('./failures.js').then((m) => { failureCards = m; });
  return failureCardsLoading;
}
export const failureCardsModule = () => failureCards;

export class RunView {
  constructor(store) {
    this.store = store;
    this.detail = $('detail');
    this.diagram = new DiagramView($('diagram'));
    this.selected = '';
    this.follow = true;           // the selection follows the newest step until the learner picks one
    this.drawnDetail = null;      // {item, lang} the detail pane shows
    this.details = new Map();     // item → {lang, nodes}: steps drawn since the model last changed
    this.detailDirty = false;
    this.detailWhenIdle = false;  // a live run's frames: the detail waits for an idle moment
    this.toolsShown = false;
    this.originSecrets = null;
    this.ladder = null;           // the secrets panel's derivation, drawn as the run goes
    this.relay = null;            // the relay view, drawn as the run goes
    this.toolsPending = false;    // an idle slice of toolsWhenIdle is asked for
    this.toolsLater = undefined;  // after a run: {done, resolve} until its tools are drawn, then null
    this.near = new Set();        // the panels within NEAR of the viewport (an IntersectionObserver's)
    this.nearby = globalThis.IntersectionObserver && new IntersectionObserver((entries) => {
      for (const { target, isIntersecting } of entries) {
        if (isIntersecting) this.near.add(target.id); else this.near.delete(target.id);
        if (isIntersecting) this.revealPanel(target);
      }
    }, { rootMargin: NEAR });
    // A keyboard learner's Tab goes through the panels' buttons: they are shown before it moves.
    document.addEventListener('keydown', (ev) => { if (ev.key === 'Tab') this.revealTools(); });
    this.stepNames = [];          // {id, entry} for the address bar once the frame is painted (nameStep)
    store.subscribe((model, changes) => this.update(model, changes));
  }

  get model() { return this.store.model; }
  itemById(id) { return this.store.itemById(id); }

  update(model, changes) {
    this.diagram.update(model, changes);
    // A step's detail reads other steps too (the certificate's shows the chain check): any
    // change may change any of them.
    this.details.clear();
    if (changes.reset) {
      this.stepNames.length = 0;
      this.selected = '';
      this.drawnDetail = null;
      this.ladder = null;
      this.relay = null;
    }
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (this.follow && wanted && this.itemById(wanted)) {
      this.follow = false;  // a deep link: stop following once its step exists
      this.setSelected(wanted);
    } else if (this.follow && model.items.length) {
      this.setSelected(model.items.at(-1).id);
    }
    const shown = this.itemById(this.selected);
    if (changes.reset || (shown && changes.items.has(shown)) || changes.trustStore) this.detailDirty = true;
    if (this.detailDirty) this.scheduleDetail();
    if (this.toolsShown && (changes.records || changes.frames || changes.items.size)) this.drawTools();
  }

  setSelected(id) {
    if (id === this.selected) return;
    this.selected = id;
    this.diagram.setSelected(id);
    this.detailDirty = true;
  }

  /** Selects a step by id (the deep link): marks it in the diagram, shows it in the detail.
   *  scroll: false when the learner clicked the step (it is in view: asking would lay the page
   *  out once more before the frame does). The detail is drawn first, so that focusing or
   *  scrolling lays out the page once, with it. fit: true for a learner's pick (drawDetail);
   *  false draws all of it at once (the automation API: a test reads it in the same task).
   *  entry: how the address bar names the step (nameStep): 'replace' the current history
   *  entry, 'push' a new one (a click: Back returns to the step before), null leave it. */
  select(id, { focus = false, entry = 'replace', scroll = true, fit = true } = {}) {
    if (!this.itemById(id)) return '';
    this.follow = false;
    this.setSelected(id);
    const li = this.diagram.elementOf(id);
    if (entry) this.nameStep(id, entry);
    this.drawDetail(false, { fit, whole: !fit });
    if (focus) li?.querySelector('a')?.focus();
    else if (scroll) li?.scrollIntoView({ block: 'nearest' });
    return id;
  }

  /** Names step `id` in the address bar (#id) once the frame that shows it is painted and the
   *  page is idle (within 100 ms): history.pushState took 0.5–11 ms in the task of a click (the
   *  browser process handles it; longer on a busy machine), and the frame waited for it
   *  (docs/performance.md, "The click's address bar after its frame"). The history ends as if
   *  each were done at once: a replace after anything waiting only renames it (a click then →
   *  is one new entry, named for the key's step; keys held down are one replaceState). */
  nameStep(id, entry) {
    const last = this.stepNames.at(-1);
    if (last && entry === 'replace') last.id = id;
    else this.stepNames.push({ id, entry });
    if (!last) afterNextFrame(() => this.nameStepsNow());
  }

  /** Names now what nameStep was asked (the automation API: a script reads the address next). */
  nameStepsNow() {
    for (const { id, entry } of this.stepNames.splice(0)) {
      if (location.hash === `#${id}`) continue;
      if (entry === 'push') history.pushState(null, '', `#${id}`);
      else history.replaceState(null, '', `#${id}`);
    }
  }

  /** A new run or replay clears the address bar's step: names still waiting are dropped. */
  forgetStepNames() { this.stepNames.length = 0; }

  move(delta) {
    const items = this.model.items;
    if (!items.length) return;
    const i = items.findIndex((it) => it.id === this.selected);
    const next = items[Math.max(0, Math.min(items.length - 1, (i < 0 ? 0 : i) + delta))];
    this.select(next.id, { focus: true });
  }

  atLastStep() { return this.selected === this.model.items.at(-1)?.id; }

  /** Step mode holds the client's last flight: its arrows say "ready, not sent yet". */
  setHolding(holding) { this.diagram.setHolding(holding); }

  scheduleDetail() {
    if (!this.detailWhenIdle) { this.drawDetail(); return; }
    if (this.detailPending) return;
    this.detailPending = true;
    const later = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 0));
    later(() => { this.detailPending = false; this.drawDetail(); }, { timeout: 500 });
  }

  /** Draws the selected step's detail; a step drawn before since the model last changed (a
   *  finished run's step visited again) is shown from the nodes built then.
   *  fit: a step the learner picked, drawn in the task of the pick with only what the window
   *  shows of it: its hex lines as far as the window's bottom (hexview.js drawVisibleLines:
   *  that layout is the frame's, done early) and, if they go past it, the parts after them (the
   *  chain, the records: built then too, detail.js renderDetailFirst) once the next frame is
   *  painted, the pane aria-busy until then.
   *  whole: everything at once. Otherwise (the selection following a run) the hex view draws a
   *  screenful of lines at once. */
  drawDetail(force = false, { fit = false, whole = false } = {}) {
    const it = this.itemById(this.selected);
    const lang = getLang();
    if (!force && !this.detailDirty && this.drawnDetail?.item === it && this.drawnDetail?.lang === lang) return;
    this.detailDirty = false;
    let kept = force ? null : this.details.get(it);
    if (kept?.lang === lang) {
      for (const n of kept.nodes) for (const lit of n.querySelectorAll?.('.hl') ?? []) lit.classList.remove('hl');
    } else {
      const hexFirst = fit ? 0 : whole ? Infinity : undefined;
      const { nodes: first, rest } = renderDetailFirst(it, this.model, { failureCard: failureCards?.renderFailureCard, hexFirst });
      // The parts after the step's own (its bytes view last) are built when they are drawn.
      kept = { lang, nodes: first, rest };
      if (it) this.details.set(it, kept);
    }
    const { nodes } = kept;
    const complete = () => {
      if (kept.rest) nodes.push(...kept.rest());
      kept.rest = null;
    };
    this.drawnDetail = { item: it, lang, nodes };
    this.detail.removeAttribute('aria-busy');
    const bytesAt = fit ? nodes.findIndex((n) => n.querySelector?.('.hex[aria-busy]')) : -1;
    if (bytesAt < 0) complete();
    const now = bytesAt < 0 ? nodes : nodes.slice(0, bytesAt + 1);
    this.detail.replaceChildren(...now);
    this.detail.hidden = !it;
    if (bytesAt >= 0 && !drawVisibleLines(this.detail)) {
      this.detail.setAttribute('aria-busy', 'true');
      afterNextFrame(() => {
        if (this.drawnDetail?.nodes !== nodes) return;
        complete();
        this.detail.append(...nodes.slice(now.length));
        this.detail.removeAttribute('aria-busy');
      });
    } else if (bytesAt >= 0) {
      complete();
      this.detail.append(...nodes.slice(now.length));
    }
    // A failure's step shows its card: drawn again once the cards' module is in.
    if (it && isFailureEvent(it.event) && !failureCards) loadFailureCards().then(() => this.drawDetail(true));
  }

  /** The tools (exports, record layer, relay view, secrets) are hidden while a run goes.
   *  later: after a run, the section shows at once (its exports work) with its panels empty and
   *  aria-busy, and the panels are drawn once the frame that shows the run's end is painted and
   *  the page is idle (within 100 ms: hexview.js afterNextFrame; 2 s at the latest, for a tab
   *  in the background or a fetch that hangs), with the origin's secrets
   *  (originSecrets, a promise) for the proof if they are coming. They start ~1,000 px below
   *  the fold of a 900 px window: drawn in that frame they cost it 10 ms of script and a third
   *  of its layout (docs/performance.md, "Fourth stop"). toolsReady() resolves once they are
   *  drawn; drawToolsNow() draws them at once (a link into the secrets panel). */
  showTools(shown, { later = false, originSecrets = null } = {}) {
    this.cancelTools();
    this.toolsShown = shown;
    const tools = $('tools');
    tools.hidden = !shown;
    if (!shown) {
      for (const id of PANELS) $(id).replaceChildren();
      this.revealTools();
      return;
    }
    for (const id of PANELS) this.nearby?.observe($(id));
    if (!later) { this.drawTools(); this.drawSecrets(); return; }
    let resolve;
    const pending = { done: new Promise((r) => { resolve = r; }), resolve };
    this.toolsLater = pending;
    tools.setAttribute('aria-busy', 'true');
    Promise.resolve(originSecrets).then((secrets) => {
      if (this.toolsLater !== pending && this.toolsLater !== null) return;
      this.originSecrets = secrets;
      if (this.toolsLater === pending) afterNextFrame(() => this.drawToolsNow(pending));
      else if (this.toolsShown && secrets) this.drawSecrets();  // drawn before they came
    });
    // A tab in the background paints no frame, a fetch may hang: they come within 2 s regardless.
    setTimeout(() => this.drawToolsNow(pending), 2000);
  }

  /** Draws the tools' panels now if they are still to be drawn (see showTools). A panel not
   *  near the viewport then (NEAR) is drawn hidden="until-found": in the page (find-in-page
   *  finds its words, a script reads it) but neither styled, laid out nor painted until it
   *  nears the viewport, is found (the browser shows it), a link leads into it or Tab may
   *  reach it (revealTools). Laid out after the run's end, ~1,000 px below the fold, they cost
   *  the page's main thread for a learner who may never scroll to them (docs/performance.md,
   *  "The tools' panels laid out only when scrolled near"). */
  drawToolsNow(pending = this.toolsLater) {
    if (!pending || this.toolsLater !== pending) return;
    this.toolsLater = null;
    if (this.nearby) for (const id of PANELS) if (!this.near.has(id)) $(id).setAttribute('hidden', 'until-found');
    this.drawTools();
    this.drawSecrets();
    $('tools').removeAttribute('aria-busy');
    pending.resolve();
  }

  /** Shows a panel drawn hidden until found (drawToolsNow); the next frame lays it out. */
  revealPanel(panel) {
    if (panel.hidden) panel.removeAttribute('hidden');
    this.nearby?.unobserve(panel);
  }

  /** Shows every panel of the tools now (a link into them, Tab, the automation API). */
  revealTools() { for (const id of PANELS) this.revealPanel($(id)); }

  cancelTools() {
    this.toolsLater?.resolve();
    this.toolsLater = undefined;  // neither pending nor drawn after a run: nothing to redraw
    $('tools').removeAttribute('aria-busy');
  }

  /** Resolves once the tools' panels are drawn (or will not be: a new run started). */
  toolsReady() { return this.toolsLater?.done ?? Promise.resolve(); }

  drawTools() {
    if (!this.toolsShown || this.toolsLater) return;
    const records = renderRecordLayer(this.model);
    $('records-panel').replaceChildren(...(records ? [records] : []));
    this.relay ??= new RelayView();
    this.relay.sync(this.model);
    const relay = this.relay.section(this.model);
    $('relay-view').replaceChildren(...(relay ? [relay] : []));
  }

  /** The secrets panel's derivation for this run's events so far, in the page's language. */
  syncLadder(more) {
    if (this.ladder?.lang !== getLang()) this.ladder = new SecretsLadder(getLang());
    return this.ladder.sync(this.store.events, more);
  }

  /** During a live run: the secrets panel's nodes and the relay view are built while the page
   *  waits on the network (idle moments, a few nodes at a time), not all at the end of the run. */
  toolsWhenIdle() {
    if (this.toolsPending || !globalThis.requestIdleCallback) return;
    this.toolsPending = true;
    requestIdleCallback((deadline) => {
      this.toolsPending = false;
      (this.relay ??= new RelayView()).sync(this.model);
      if (!this.syncLadder(() => deadline.timeRemaining() > 1)) this.toolsWhenIdle();
    });
  }

  /** How the keys were made (secrets.js), and beside it what the server derived, if known. */
  drawSecrets() {
    if (this.toolsLater) return;
    const panel = $('secrets-panel');
    const events = this.store.events;
    if (!this.toolsShown || !events.some((e) => e.type === 'secret')) { panel.replaceChildren(); return; }
    this.syncLadder();
    panel.replaceChildren(this.ladder.section(events), renderProof(events, this.originSecrets, { lang: getLang() }));
  }

  /** After a language switch: everything this view drew that is not relabelled by apply(). */
  relabel() {
    this.ladder = null;
    this.relay = null;
    this.drawDetail(true);
    this.drawTools();
    this.drawSecrets();
  }
}
