// Runs axe-core (the accessibility engine of Deque, pinned in
// package.json) in Debian's Chromium over every page of a built site, and
// prints one TAP line per page: ok when axe finds no violation.
// Usage: node tests/html/axe.js OUT BASE_URL
// Requests are answered from OUT by the browser's router, so the site is
// seen at its base URL, styles and images included, without a server.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const axe = require('axe-core');

const [out, base] = process.argv.slice(2);
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.json': 'application/json', '.js': 'text/javascript',
  '.xml': 'application/xml', '.txt': 'text/plain', '.woff2': 'font/woff2',
};

function pages(dir) {
  let found = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found = found.concat(pages(p));
    else if (e.name.endsWith('.html')) found.push(p);
  }
  return found.sort();
}

function fileFor(url) {
  if (!url.startsWith(base)) return null;
  let rel = decodeURIComponent(url.slice(base.length).replace(/[?#].*$/, ''));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const p = path.resolve(out, rel);
  if (!p.startsWith(path.resolve(out) + path.sep)) return null;
  return fs.existsSync(p) && fs.statSync(p).isFile() ? p : null;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => {
    const f = fileFor(route.request().url());
    if (!f) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200, body: fs.readFileSync(f),
      contentType: types[path.extname(f)] || 'application/octet-stream',
    });
  });
  const page = await context.newPage();
  const list = pages(out);
  console.log(`1..${list.length}`);
  let n = 0, failed = 0;
  for (const f of list) {
    let rel = path.relative(out, f).split(path.sep).join('/');
    if (rel.endsWith('index.html')) rel = rel.slice(0, -'index.html'.length);
    await page.goto(base + rel, { waitUntil: 'load' });
    await page.addScriptTag({ content: axe.source });
    const r = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    n++;
    if (r.violations.length === 0) {
      console.log(`ok ${n} - /${rel}: axe finds no violation`);
      continue;
    }
    failed++;
    console.log(`not ok ${n} - /${rel}: axe finds ${r.violations.length} violation(s)`);
    for (const v of r.violations)
      for (const node of v.nodes.slice(0, 3))
        console.log(`#   ${v.id} (${v.impact}): ${v.help}: ${node.target.join(' ')}\n#     ${node.failureSummary.replace(/\n/g, ' ')}`);
  }
  await browser.close();
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log(`not ok - axe run failed: ${e.message}`); process.exit(1); });
