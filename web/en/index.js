// The page's English words, one module per module of web/ that has words, each under that
// module's name (the twin of web/zh/index.js). i18n.js fetches this (and so all of them) only for
// a page in English.
export { default as i18n } from './i18n.js';
export { default as keyshare } from './keyshare.js';
export { default as hybrid } from './hybrid.js';
export { default as records } from './records.js';
export { default as secrets } from './secrets.js';
