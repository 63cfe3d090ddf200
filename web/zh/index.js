// The page's Chinese words, one module per module of web/ that has words, each under that
// module's name. i18n.js fetches this (and so all of them) only for a page in 中文.
export { default as i18n } from './i18n.js';
export { default as keyshare } from './keyshare.js';
export { default as hybrid } from './hybrid.js';
export { default as records } from './records.js';
export { default as secrets } from './secrets.js';
