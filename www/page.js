// The stand-alone page around the element: its title, header, skip link and footer follow the
// element's interface language (the element says so with `yusuan-languagechange`). A host page
// that embeds the element has its own chrome and does not load this file.

import { strings } from './i18n/index.js';

// The strings: the `page` section of i18n/zh.js and i18n/en.js.
const STRINGS = { zh: strings('zh').page, en: strings('en').page };

function apply(lang) {
  const t = STRINGS[lang === 'en' ? 'en' : 'zh'];
  document.documentElement.lang = t.lang;
  document.title = t.title;
  document.querySelector('meta[name="description"]')?.setAttribute('content', t.description);
  for (const el of document.querySelectorAll('[data-page-text]')) {
    const text = t[el.getAttribute('data-page-text')];
    if (typeof text === 'string') el.textContent = text;
  }
  const heading = document.querySelector('[data-page-text="heading"]');
  if (heading) heading.lang = t.lang;
}

document.addEventListener('yusuan-languagechange', (e) => apply(e.detail?.lang));
customElements.whenDefined('yusuan-calculator').then(() => {
  const el = document.querySelector('yusuan-calculator');
  if (el && el.language) apply(el.language);
});
