// The interface's string tables (www/i18n/zh.js, en.js), read in Node without a browser: both
// languages have the same sections and keys, each value of the same kind (a string, a function,
// or a table of keys, compared in turn), so a string added in one language only fails here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import zh from '../../www/i18n/zh.js';
import en from '../../www/i18n/en.js';
import { LANGS, strings } from '../../www/i18n/index.js';

const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every difference between two tables, as 'path: what' lines. */
function differences(a, b, nameA, nameB, path = []) {
  const out = [];
  const at = (key) => [...path, key].join('.');
  for (const key of Object.keys(a)) {
    if (!Object.hasOwn(b, key)) {
      out.push(`${at(key)}: in ${nameA}, not in ${nameB}`);
      continue;
    }
    const [ka, kb] = [kind(a[key]), kind(b[key])];
    if (ka !== kb) out.push(`${at(key)}: a ${ka} in ${nameA}, a ${kb} in ${nameB}`);
    else if (ka === 'object' || ka === 'array') out.push(...differences(a[key], b[key], nameA, nameB, [...path, key]));
  }
  for (const key of Object.keys(b)) {
    if (!Object.hasOwn(a, key)) out.push(`${at(key)}: in ${nameB}, not in ${nameA}`);
  }
  return out;
}

/** Every leaf of a table: [path, value]. */
function leaves(t, path = []) {
  return Object.entries(t).flatMap(([k, v]) =>
    kind(v) === 'object' || kind(v) === 'array' ? leaves(v, [...path, k]) : [[[...path, k].join('.'), v]],
  );
}

describe('the interface strings (www/i18n)', () => {
  test('both languages have the same sections', () => {
    assert.deepEqual(Object.keys(en), Object.keys(zh));
    for (const section of ['calculator', 'scenario', 'narrative', 'page', 'core']) {
      assert.equal(kind(zh[section]), 'object', `zh has a ${section} section`);
    }
  });

  test('every key of every section is in both languages, with the same kind of value', () => {
    assert.deepEqual(differences(zh, en, 'zh', 'en'), []);
  });

  test('the comparison catches a key in one language only, or of another kind', () => {
    const a = { s: { x: 'a', f: () => 'a', deep: { y: 'a' } } };
    const b = { s: { x: () => 'b', f: () => 'b', deep: { z: 'b' } } };
    assert.deepEqual(differences(a, b, 'zh', 'en'), [
      's.x: a string in zh, a function in en',
      's.deep.y: in zh, not in en',
      's.deep.z: in en, not in zh',
    ]);
  });

  test('every value is a string or a function', () => {
    for (const [name, table] of [['zh', zh], ['en', en]]) {
      for (const [path, v] of leaves(table)) {
        assert.ok(typeof v === 'string' || typeof v === 'function', `${name}.${path} is a ${kind(v)}`);
      }
    }
  });

  test('strings(lang) gives the table of the language, Chinese for any other', () => {
    assert.deepEqual(LANGS, ['zh', 'en']);
    assert.equal(strings('zh'), zh);
    assert.equal(strings('en'), en);
    for (const other of [undefined, null, '', 'fr', 'zh-CN', 'constructor', '__proto__']) assert.equal(strings(other), zh);
  });

  test('a few values, as the modules read them', () => {
    assert.equal(zh.calculator.lang, 'zh-CN');
    assert.equal(en.calculator.lang, 'en');
    assert.equal(zh.calculator.part(0), '目录');
    assert.equal(zh.calculator.part(11), '第十一部分');
    assert.equal(en.calculator.unitValue('单位：万元'), '单位：万元 (10,000 yuan)');
    assert.equal(zh.scenario.nameLong, '方案名称不能超过 60 个字。');
    assert.equal(en.scenario.pathItem('支出总计', '100', '+5', '3%'), '支出总计 100 (+5, 3% of spending)');
    assert.equal(en.core.gaveUp, 'The calculation engine failed repeatedly and has stopped. Please reload the page.');
  });
});
