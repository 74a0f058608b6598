// The interface's strings, one file per language: zh.js and en.js, each with one section per
// module (calculator, scenario, narrative, page, core). A module reads its section:
//
//   import { strings } from './i18n/index.js';
//   const STRINGS = { zh: strings('zh').calculator, en: strings('en').calculator };
//
// Plain static imports: fine under `script-src 'self'`, no bundler.
import zh from './zh.js';
import en from './en.js';

/** The interface languages, the default first. */
export const LANGS = ['zh', 'en'];

/** The strings of `lang` ('zh' or 'en'); any other value gets the Chinese ones. */
export function strings(lang) {
  return lang === 'en' ? en : zh;
}
