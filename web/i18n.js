// Languages. Step titles and explanations come only from the engine's step table (steps() in
// tlsscope.js, engine/src/tables/steps.cpp): one source of truth for engine, CLI and page. This
// module holds just the page's own words (buttons, headings, status lines) in both languages.
//
// Markup contract, so a language switch can relabel everything already on the page:
//   data-i18n="key"        → textContent = the page string `key` (data-i18n-args: JSON array)
//   data-title-of="step"   → textContent = that step's title
//   data-explain-of="step" → textContent = that step's explanation
//   data-tip-of="step"     → title attribute = that step's explanation (hover)

const UI = {
  en: {
    tagline: 'Type an https:// address and press Enter: a real TLS client, running in this page as WebAssembly, connects to the real server through the relay, and every step is shown as it happens.',
    address: 'Address',
    version: 'TLS version',
    'version.auto': 'auto (server chooses)',
    'version.1.2': 'TLS 1.2',
    'version.1.3': 'TLS 1.3',
    language: 'Language',
    connect: 'Connect',
    compare: 'Compare 1.2 ↔ 1.3',
    failed: 'The connection failed',
    response: 'HTTP response (decrypted)',
    steps: 'Steps',
    'compare.title': 'TLS 1.2 and TLS 1.3 side by side, against the same server',
    'compare.intro': 'The same address, connected twice: first with only TLS 1.2 offered, then with only TLS 1.3. Each message is shown in its flight (the messages one side sends before it must wait for the other); each message is marked clear or encrypted by the record that carried it; ◆ marks a secret as the client derives it. Times are milliseconds since the run began.',
    'loading': 'Loading the TLS engine…',
    'ready': 'Ready. Press Enter to connect.',
    'engine-failed': 'The TLS engine failed to load: {0}',
    'connecting': 'Connecting to {0}…',
    'connecting-version': 'Connecting to {0} with {1} only…',
    'done': 'Done: {0}, {1} — decrypted response {2} ms after Enter.',
    'failed-status': 'Failed: {0}',
    'compare-done': 'Compared: TLS 1.2 needed {0} round trips until the response, TLS 1.3 {1}.',
    'compare-failed': 'Compared, with a failure: TLS 1.2 {0}, TLS 1.3 {1}.',
    'no-response': 'The server sent no HTTP response.',
    flight: 'Flight {0}',
    'client-to-server': 'client → server',
    'server-to-client': 'server → client',
    'after-handshake': 'after the handshake',
    clear: 'clear',
    encrypted: 'encrypted',
    ignored: 'ignored (compatibility only)',
    'm.negotiated': 'negotiated',
    'm.flights': 'flights until the response',
    'm.round_trips': 'round trips until the response',
    'm.handshake_round_trips': 'round trips before the client may send its request',
    'm.tcp_ms': 'TCP connected at',
    'm.handshake_ms': 'handshake (ClientHello → complete)',
    'm.first_encrypted_ms': 'first encrypted record at',
    'm.response_ms': 'decrypted response at',
    'm.clear': 'handshake messages in clear',
    'm.encrypted': 'handshake messages encrypted',
    'm.secrets': 'secrets derived',
    'm.error': 'failed',
    ms: '{0} ms',
    running: 'running…',
  },
  zh: {
    tagline: '输入一个 https:// 地址并按回车：在本页面中以 WebAssembly 运行的真实 TLS 客户端，通过中继连接到真实服务器，每一步发生时都会显示出来。',
    address: '地址',
    version: 'TLS 版本',
    'version.auto': '自动（由服务器选择）',
    'version.1.2': 'TLS 1.2',
    'version.1.3': 'TLS 1.3',
    language: '语言',
    connect: '连接',
    compare: '对比 1.2 ↔ 1.3',
    failed: '连接失败',
    response: 'HTTP 响应（已解密）',
    steps: '步骤',
    'compare.title': 'TLS 1.2 与 TLS 1.3 并排对比（同一台服务器）',
    'compare.intro': '同一个地址连接两次：第一次只提供 TLS 1.2，第二次只提供 TLS 1.3。每条消息显示在它所属的“飞行”（一方在必须等待对方之前连续发送的消息）中；每条消息按承载它的记录标为明文或加密；◆ 表示客户端派生出的密钥。时间为从开始运行起的毫秒数。',
    'loading': '正在加载 TLS 引擎…',
    'ready': '准备就绪。按回车连接。',
    'engine-failed': 'TLS 引擎加载失败：{0}',
    'connecting': '正在连接 {0}…',
    'connecting-version': '正在只用 {1} 连接 {0}…',
    'done': '完成：{0}，{1} —— 按下回车后 {2} 毫秒得到解密的响应。',
    'failed-status': '失败：{0}',
    'compare-done': '对比完成：TLS 1.2 需要 {0} 个往返才得到响应，TLS 1.3 需要 {1} 个。',
    'compare-failed': '对比完成，但有失败：TLS 1.2 {0}，TLS 1.3 {1}。',
    'no-response': '服务器没有发送 HTTP 响应。',
    flight: '第 {0} 组飞行',
    'client-to-server': '客户端 → 服务器',
    'server-to-client': '服务器 → 客户端',
    'after-handshake': '握手之后',
    clear: '明文',
    encrypted: '加密',
    ignored: '被忽略（仅为兼容）',
    'm.negotiated': '协商结果',
    'm.flights': '得到响应前的飞行数',
    'm.round_trips': '得到响应前的往返次数',
    'm.handshake_round_trips': '客户端可以发送请求前的往返次数',
    'm.tcp_ms': 'TCP 连接建立于',
    'm.handshake_ms': '握手耗时（ClientHello → 完成）',
    'm.first_encrypted_ms': '第一条加密记录出现于',
    'm.response_ms': '解密后的响应出现于',
    'm.clear': '明文传输的握手消息',
    'm.encrypted': '加密传输的握手消息',
    'm.secrets': '派生的密钥',
    'm.error': '失败',
    ms: '{0} 毫秒',
    running: '运行中…',
  },
};

export const LANGS = ['en', 'zh'];
let lang = 'en';
let table = new Map();

/** The engine's step table: [{name, title_en, title_zh, explain_en, explain_zh}]. */
export function setStepTable(list) {
  table = new Map(list.map((s) => [s.name, s]));
  apply();
}

export const getLang = () => lang;

/** A page string in the current language, {0} {1} … replaced by args. */
export function t(key, ...args) {
  const s = UI[lang][key] ?? UI.en[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

export const stepTitle = (step) => table.get(step)?.[`title_${lang}`] ?? table.get(step)?.title_en ?? step;
export const stepExplain = (step) => table.get(step)?.[`explain_${lang}`] ?? table.get(step)?.explain_en ?? '';
export const hasStep = (step) => table.has(step);

/** Switches the language and relabels everything on the page that follows the markup contract. */
export function setLang(next) {
  if (!LANGS.includes(next)) throw new Error(`unknown language ${next}: use ${LANGS.join(' or ')}`);
  lang = next;
  const root = document.documentElement;
  root.lang = next === 'zh' ? 'zh-CN' : 'en';
  root.dataset.lang = next;
  apply();
}

export function apply(scope = document) {
  const all = (sel) => [...(scope.matches?.(sel) ? [scope] : []), ...scope.querySelectorAll(sel)];
  for (const el of all('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n, ...(el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : []));
  }
  for (const el of all('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  if (!table.size) return;
  for (const el of all('[data-title-of]')) el.textContent = stepTitle(el.dataset.titleOf);
  for (const el of all('[data-explain-of]')) el.textContent = stepExplain(el.dataset.explainOf);
  for (const el of all('[data-tip-of]')) el.title = stepExplain(el.dataset.tipOf);
}

/** Small element builder shared by the views. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('data-') || k === 'title' || k === 'role' || k.startsWith('aria-')) el.setAttribute(k, String(v));
    else el[k] = v;
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c);
  return el;
}

/** A step's title that follows language switches. */
export const titleOf = (step, tag = 'span', cls = 'title') =>
  h(tag, { class: cls, 'data-title-of': step }, stepTitle(step));
/** A step's explanation that follows language switches. */
export const explainOf = (step, tag = 'p', cls = 'explain') =>
  h(tag, { class: cls, 'data-explain-of': step }, stepExplain(step));
