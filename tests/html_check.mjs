// html_check.mjs: opens newsrec's HTML pages in Debian's chromium (headless, via playwright-core) and checks what a reader sees and that article text never runs.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [pages, seedJson, injectionJson, shotPath] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${name} ${detail === undefined ? '' : JSON.stringify(detail)}`); }
}

// The flags the project asks for; an empty profile of its own.
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'newsrec-chromium-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
});
const page = await context.newPage();
const dialogs = [], requests = [], errors = [];
page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
const open = async (id) => page.goto('file://' + resolve(pages, id + '.html'));

// The seed article: the page shows what the JSON says, and clicking an actor marks its mentions.
if (seedJson && existsSync(seedJson)) {
  const doc = JSON.parse(readFileSync(seedJson, 'utf8'));
  await open(doc.article.id);
  const rows = await page.locator('#statements tbody tr').count();
  const marked = await page.evaluate(() => new Set([...document.querySelectorAll('#text [data-s]')]
    .flatMap((e) => e.getAttribute('data-s').split(' '))).size);
  check('seed: statement rows equal the JSON statements', rows === doc.statements.length, [rows, doc.statements.length]);
  check('seed: statements marked in the text equal the JSON statements', marked === doc.statements.length,
        [marked, doc.statements.length]);
  const landrieu = doc.actors.find((a) => /Landrieu/.test(a.name));
  check('seed: the JSON has a Landrieu actor', !!landrieu);
  if (landrieu) {
    await page.click(`#actors tr[data-a="${landrieu.id}"]`);
    const lit = await page.evaluate((id) => [...document.querySelectorAll('#text .hl')]
      .filter((e) => (' ' + e.getAttribute('data-a') + ' ').includes(' ' + id + ' ')).length, landrieu.id);
    const mentions = await page.evaluate((id) => [...document.querySelectorAll('#text [data-a]')]
      .filter((e) => (' ' + e.getAttribute('data-a') + ' ').includes(' ' + id + ' ')).length, landrieu.id);
    const others = await page.evaluate((id) => [...document.querySelectorAll('#text .hl')]
      .filter((e) => !(' ' + e.getAttribute('data-a') + ' ').includes(' ' + id + ' ')).length, landrieu.id);
    check('seed: clicking Landrieu marks each of his mentions and nothing else',
          mentions >= landrieu.mentions.length && lit === mentions && others === 0,
          [lit, mentions, landrieu.mentions.length, others]);
    await page.screenshot({ path: shotPath, fullPage: false });
  }
  const first = doc.statements[0];
  await page.click(`#text [data-s~="${first.id}"]:not(.m)`);
  const detail = await page.locator('#detail').textContent();
  check('seed: clicking a statement shows its speaker, cue and kind',
        (await page.locator('#detail').isVisible()) && detail.includes('kind: ' + first.kind), detail);
}

// An article full of markup: shown as text, nothing of it runs or loads.
const inj = JSON.parse(readFileSync(injectionJson, 'utf8'));
await open(inj.article.id);
await page.waitForTimeout(300);
const state = await page.evaluate(() => ({
  pwned: window.__pwned || null,
  scripts: document.querySelectorAll('script').length,
  imgs: document.querySelectorAll('img, iframe, b').length,
  text: document.getElementById('text').textContent,
  title: document.title,
}));
check('injection: no dialog opened', dialogs.length === 0, dialogs);
check('injection: no script of the article ran', state.pwned === null, state.pwned);
check('injection: the page holds only its own script', state.scripts === 1, state.scripts);
check('injection: no element made from the article (img, iframe, b)', state.imgs === 0, state.imgs);
check('injection: the markup is shown as text', state.text.includes('<script>alert(1)</script>') &&
      state.text.includes('"><img src=x onerror='), state.text.slice(0, 200));
check('injection: the title is text', state.title.includes('<script>'), state.title);
check('no page asked the network for anything', requests.length === 0, requests);
// Our own script is allowed by its hash: clicking an actor works on this page too.
const actor = inj.actors[0];
if (actor) {
  await page.click(`#actors tr[data-a="${actor.id}"]`);
  check('injection: the page script runs (its hash is allowed)', (await page.locator('#actors tr.hl').count()) === 1);
}
check('no script error or policy violation', errors.length === 0, errors);
await context.close();
console.log(`html: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
