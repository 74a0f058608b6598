// The stand-alone page around the element: its title, header, skip link and footer follow the
// element's interface language (the element says so with `yusuan-languagechange`). A host page
// that embeds the element has its own chrome and does not load this file.

const STRINGS = {
  zh: {
    lang: 'zh-CN',
    title: 'Yusuan 预算 · 部门预算核算',
    description: '在浏览器中核对部门预算公开文本的每一个合计、小计与前后一致性，所有计算在本地完成。',
    skip: '跳到主要内容',
    heading: '部门预算核算',
    tagline: '逐项核对公开预算表中的合计、小计和前后数字，所有计算在本机浏览器内完成。',
    footer: '数字按公开文本原样显示；“尾数误差”指单位换算取整可以解释的差额。本工具不上传任何数据。',
  },
  en: {
    lang: 'en',
    title: 'Yusuan 预算 · Department budget checker',
    description: 'Checks every total, subtotal and repeated figure of a published Chinese department budget in your browser; nothing is uploaded.',
    skip: 'Skip to the main content',
    heading: 'Department budget checker',
    tagline: 'Checks the totals, subtotals and repeated figures of a published budget item by item; every calculation runs in this browser.',
    footer: 'Figures are shown as published (万元 = 10,000 yuan). A “Rounding” finding is a difference that rounding to the printed unit explains. Nothing is uploaded.',
  },
};

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
