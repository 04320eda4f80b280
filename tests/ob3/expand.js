#!/usr/bin/env node
// Open Badges 3.0 JSON-LD conformance of built sites, as TAP: every
// Achievement (badges/**/achievement.json) and OB 3.0 Profile
// (issuers/*.ob3.json) of the example site and tests/sites/atingi (built by
// tests/ob3/sites.py: every version, one badge raised to version 2) expands
// in safe mode with the VC 2.0 and OB 3.0 contexts and the site's extension
// context, no key is dropped, every term expands to a W3C credentials,
// OB 3.0, schema.org or extension IRI, and the expanded @id is the hosting
// URL. An Achievement wrapped in an OpenBadgeCredential expands too. A
// preview at another --base-url expands its extension terms to the IRIs
// of site.json's base_url. Never touches the network: the contexts are
// the copies in tests/conformance/ob3/context/.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { keyPaths, without, expandedTerms } = require('../jsonld/terms');
const { spawnSync } = require('child_process');

const repo = path.resolve(__dirname, '..', '..');
const ctxDir = path.join(repo, 'tests', 'conformance', 'ob3', 'context');
const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB3_PREFIX = 'https://purl.imsglobal.org/spec/ob/v3p0/';
const OB3_VOCAB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const EXT_CONTEXT = 'contexts/framework-ob3-v1.jsonld';
const EXT_VOCAB = 'contexts/framework-ob3-v1#';

// ---- TAP -----------------------------------------------------------------
const { ok, finish } = require('../tap.js');
function bail(msg, ...diag) {
  ok(false, msg, ...diag);
  finish();
}

let jsonld;
try {
  jsonld = require(path.join(repo, 'node_modules', 'jsonld'));
} catch (e) {
  bail('jsonld is installed (run `npm ci` at the repository root)');
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// ---- the sites -------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'badgesite-ob3-ld-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const py = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const r = spawnSync(py, [path.join(repo, 'tests', 'ob3', 'sites.py'), tmp],
  { encoding: 'utf8' });
if (!ok(r.status === 0, 'the example and atingi sites publish',
  r.stderr || r.error))
  finish();
const info = JSON.parse(r.stdout);

// ---- offline document loader -------------------------------------------------
// The OB 3.0 contexts by file name; a site's contexts from its build.
const fixed = new Map([
  [VC2, path.join(ctxDir, 'w3c-credentials-v2.jsonld')],
  [OB3_PREFIX + 'context-3.0.3.json', path.join(ctxDir, 'context-3.0.3.json')],
  [OB3_PREFIX + 'context-3.0.2.json', path.join(ctxDir, 'context-3.0.2.json')],
]);
const cache = new Map();
function loaderFor(pub, base) {
  const contexts = base + 'contexts/';
  return async (url) => {
    let file = fixed.get(url);
    if (!file && url.startsWith(contexts) &&
        /^[A-Za-z0-9._-]+\.jsonld$/.test(url.slice(contexts.length)))
      file = path.join(pub, 'contexts', url.slice(contexts.length));
    if (!file)
      throw new Error(`refusing to load ${url}: only the VC 2.0, OB 3.0 ` +
                      'and site contexts are available offline');
    if (!cache.has(file)) cache.set(file, readJson(file));
    return { contextUrl: null, documentUrl: url, document: cache.get(file) };
  };
}

// ---- the checks ----------------------------------------------------------------
function findFiles(pub) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'achievement.json') out.push(p);
    }
  };
  walk(path.join(pub, 'badges'));
  // each language edition's badges: fr/badges/...
  for (const d of fs.readdirSync(pub).sort())
    if (/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(d) &&
        fs.existsSync(path.join(pub, d, 'badges')))
      walk(path.join(pub, d, 'badges'));
  for (const f of fs.readdirSync(path.join(pub, 'issuers')).sort())
    if (f.endsWith('.ob3.json')) out.push(path.join(pub, 'issuers', f));
  return out;
}


function why(e) {
  const d = e.details && e.details.event ? JSON.stringify(e.details.event)
    : e.details ? JSON.stringify(e.details) : '';
  return [e.message, d];
}

async function checkFile(site, file, loader, vocab) {
  const { pub, base, name } = site;
  const expand = (doc) => jsonld.expand(doc,
    { safe: true, documentLoader: loader });
  const rel = path.relative(pub, file).split(path.sep).join('/');
  const label = `${name} ${rel}`;
  const url = base + rel;
  const isAchievement = rel.startsWith('badges/');
  const doc = readJson(file);
  const ctx = [].concat(doc['@context']);
  ok(ctx[0] === VC2 && ctx[1] === OB3_PREFIX + 'context-3.0.3.json',
    `${label}: @context starts with VC 2.0 and OB 3.0`, JSON.stringify(ctx));
  let ex;
  try {
    ex = await expand(doc);
  } catch (e) {
    return ok(false, `${label}: expands in safe mode`, ...why(e));
  }
  ok(ex.length === 1 && ex[0]['@id'] === url,
    `${label}: expands in safe mode to one node, the hosting URL`,
    `@id: ${ex[0] && ex[0]['@id']}`);
  const got = expandedTerms(ex);
  const want = isAchievement
    ? [OB3_VOCAB + 'Achievement', OB3_VOCAB + 'Criteria',
      OB3_VOCAB + 'achievementType', OB3_VOCAB + 'creator',
      'https://schema.org/name', 'https://schema.org/description',
      OB3_VOCAB + 'image']
    : [OB3_VOCAB + 'Profile', 'https://schema.org/name'];
  const lost = want.filter((iri) => !got.has(iri));
  ok(lost.length === 0, `${label}: its OB 3.0 properties expand to their IRIs`,
    ...lost.map((iri) => `missing: ${iri}`));
  const known = [OB3_VOCAB, 'https://schema.org/',
    'https://www.w3.org/2018/credentials#', vocab];
  const strange = [...got].filter((t) => !known.some((ns) => t.startsWith(ns)));
  ok(strange.length === 0,
    `${label}: every term expands to an OB 3.0, schema.org, credentials ` +
    'or extension IRI', ...strange.map((t) => `unexpected: ${t}`));
  if (isAchievement)
    ok([...got].some((t) => t.startsWith(vocab)),
      `${label}: the framework's fields expand to ${vocab}`);

  // A key that changes nothing when removed was dropped by expansion.
  const whole = JSON.stringify(ex);
  const dropped = [];
  for (const [at, k] of keyPaths(doc)) {
    let e2;
    try {
      e2 = JSON.stringify(await expand(without(doc, at, k)));
    } catch (e) {
      continue; // removing it broke something, so it was kept
    }
    if (e2 === whole) dropped.push(at.concat(k).join('.'));
  }
  ok(dropped.length === 0, `${label}: every key survives expansion`,
    ...dropped.map((k) => `dropped: ${k}`));
  return doc;
}

// An unsigned OpenBadgeCredential that awards achievement a.
function credential(a, issuer) {
  const subject = JSON.parse(JSON.stringify(a));
  const ctx = subject['@context'];
  delete subject['@context'];
  const iss = JSON.parse(JSON.stringify(issuer));
  delete iss['@context'];
  return {
    '@context': ctx,
    id: 'urn:uuid:2f0c9a52-3f7e-4c53-9d0e-6a1f3b0c1d2e',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: iss,
    validFrom: '2026-01-01T00:00:00Z',
    name: a.name,
    credentialSubject: {
      id: 'mailto:earner@example.org',
      type: ['AchievementSubject'],
      achievement: subject,
    },
  };
}

(async () => {
  for (const site of info.sites) {
    const loader = loaderFor(site.pub, site.base);
    const vocab = site.base + EXT_VOCAB;
    const files = findFiles(site.pub);
    ok(files.some((f) => f.endsWith('achievement.json')) &&
       files.some((f) => f.endsWith('.ob3.json')),
    `${site.name}: has Achievements and OB 3.0 Profiles`);
    const profiles = new Map();
    const achievements = [];
    for (const f of files) {
      const doc = await checkFile(site, f, loader, vocab);
      if (!doc || typeof doc !== 'object') continue;
      if (f.endsWith('.ob3.json')) profiles.set(doc.id, doc);
      else achievements.push(doc);
    }
    for (const a of achievements) {
      const issuer = profiles.get(a.creator && a.creator.id);
      const label = `${site.name} ${a.id.slice(site.base.length)}`;
      try {
        const ex = await jsonld.expand(credential(a, issuer || {}),
          { safe: true, documentLoader: loader });
        ok(ex.length === 1, `${label}: in an OpenBadgeCredential, expands ` +
          'in safe mode');
      } catch (e) {
        ok(false, `${label}: in an OpenBadgeCredential, expands in safe ` +
          'mode', ...why(e));
      }
    }
  }

  // A preview: ids follow --base-url, the extension's IRIs do not.
  const p = info.preview;
  const file = path.join(p.pub, 'badges', 'tripartism-basics', 'v2',
    'achievement.json');
  const doc = readJson(file);
  ok(doc['@context'].includes(p.base + EXT_CONTEXT),
    'preview: the Achievement reads the context the preview hosts');
  try {
    const ex = await jsonld.expand(doc, { safe: true,
      documentLoader: loaderFor(p.pub, p.base) });
    const got = [...expandedTerms(ex)];
    ok(got.some((t) => t.startsWith(p.canonical + EXT_VOCAB)) &&
       !got.some((t) => t.startsWith(p.base)),
    'preview: the framework\'s fields expand to the IRIs of site.json\'s ' +
    'base_url', ...got.filter((t) => !t.startsWith(OB3_VOCAB)));
  } catch (e) {
    ok(false, 'preview: the Achievement expands in safe mode', ...why(e));
  }
  finish();
})().catch((e) => bail(`no exception: ${e.stack || e}`));
