#!/usr/bin/env node
// Open Badges 2.0 conformance of a built site, as TAP: every BadgeClass
// (badges/**/badge.json) and Profile (issuers/*.json) expands as JSON-LD in
// safe mode with the official context and the site's own extension context,
// no key is dropped, the required properties are there, and each id is the
// URL the file is hosted at. Never touches the network.
//
//   node tests/jsonld/expand.js [PUBLIC_DIR [BASE_URL]]
//
// PUBLIC_DIR (or $BADGESITE_PUBLIC): a built site. Without one, the example
// site at the repository root is copied to a temporary folder and built with
// ${BADGESITE_BUILD:-build}/badgesite. BASE_URL (or $BADGESITE_BASE_URL)
// defaults to base_url in the site's site.json ($BADGESITE_SITE, default the
// repository root). The official context is the copy in
// tests/conformance/openbadges-v2-context.json.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const repo = path.resolve(__dirname, '..', '..');
const OB_CONTEXT = 'https://w3id.org/openbadges/v2';
const OB = 'https://w3id.org/openbadges#';
const SCHEMA = 'http://schema.org/';

// ---- TAP -----------------------------------------------------------------
let tapN = 0;
let tapFailed = 0;
function ok(cond, name, ...diag) {
  tapN++;
  console.log(`${cond ? '' : 'not '}ok ${tapN} - ${name}`);
  if (!cond) {
    tapFailed++;
    for (const d of diag)
      for (const line of String(d).split('\n')) console.log(`#   ${line}`);
  }
  return cond;
}
function bail(msg) {
  ok(false, msg);
  finish();
}
function finish() {
  console.log(`1..${tapN}`);
  process.exit(tapFailed ? 1 : 0);
}

let jsonld;
try {
  jsonld = require(path.join(repo, 'node_modules', 'jsonld'));
} catch (e) {
  bail('jsonld is installed (run `npm ci` at the repository root)');
}

// ---- where the site is ---------------------------------------------------
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function normalizeBase(u) {
  const url = new URL(u);
  let s = url.href;
  if (!s.endsWith('/')) s += '/';
  return s;
}

function buildExample() {
  const build = process.env.BADGESITE_BUILD || 'build';
  const bin = path.resolve(repo, build, 'badgesite');
  if (!fs.existsSync(bin))
    bail(`badgesite is built (no ${bin}: run make first)`);
  // Build a copy, so the repository's own ledger is never written.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'badgesite-jsonld-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const site = path.join(tmp, 'site');
  fs.mkdirSync(site);
  for (const entry of ['site.json', 'content', 'layouts', 'assets']) {
    const from = path.join(repo, entry);
    if (fs.existsSync(from))
      fs.cpSync(from, path.join(site, entry), { recursive: true });
  }
  const out = path.join(tmp, 'public');
  const r = spawnSync(bin, ['build', site, '-o', out, '--quiet'], {
    encoding: 'utf8',
  });
  if (!ok(r.status === 0, 'the example site builds', r.stderr || r.error))
    finish();
  return { pub: out, siteDir: site };
}

let pub = process.argv[2] || process.env.BADGESITE_PUBLIC;
let siteDir = process.env.BADGESITE_SITE || repo;
if (!pub) ({ pub, siteDir } = buildExample());
pub = path.resolve(pub);

let base = process.argv[3] || process.env.BADGESITE_BASE_URL;
if (!base) {
  const sj = path.join(siteDir, 'site.json');
  if (!fs.existsSync(sj))
    bail(`a base URL is known (give BASE_URL, or a site.json at ${sj})`);
  base = readJson(sj).base_url;
}
base = normalizeBase(base);

const obContextFile = path.join(repo, 'tests', 'conformance',
  'openbadges-v2-context.json');
if (!fs.existsSync(obContextFile))
  bail(`the Open Badges 2.0 context is at ${obContextFile}`);

// ---- offline document loader ---------------------------------------------
const contextsBase = base + 'contexts/';
const cache = new Map();
const loaded = new Set();
async function documentLoader(url) {
  let file;
  if (url === OB_CONTEXT) {
    file = obContextFile;
  } else if (url.startsWith(contextsBase) &&
             /^[A-Za-z0-9._-]+\.jsonld$/.test(url.slice(contextsBase.length))) {
    file = path.join(pub, 'contexts', url.slice(contextsBase.length));
  } else {
    throw new Error(`refusing to load ${url}: only the Open Badges and ` +
                    `site contexts are available offline`);
  }
  if (!cache.has(file)) cache.set(file, readJson(file));
  loaded.add(url);
  return { contextUrl: null, documentUrl: url, document: cache.get(file) };
}

// ---- the checks -------------------------------------------------------------
function findFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'badge.json') out.push(p);
    }
  };
  if (fs.existsSync(path.join(pub, 'badges'))) walk(path.join(pub, 'badges'));
  const iss = path.join(pub, 'issuers');
  if (fs.existsSync(iss))
    for (const f of fs.readdirSync(iss).sort())
      // issuers/<id>.ob3.json is OB 3.0: tests/ob3/expand.js checks it
      if (f.endsWith('.json') && !f.endsWith('.ob3.json'))
        out.push(path.join(iss, f));
  return out;
}

async function expand(doc) {
  return jsonld.expand(doc, { safe: true, documentLoader });
}

// Every [path, key] of the document's objects, @context values left out.
function keyPaths(v, at = [], out = []) {
  if (Array.isArray(v)) {
    v.forEach((x, i) => keyPaths(x, at.concat(i), out));
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (k === '@context') continue;
      out.push([at, k]);
      keyPaths(v[k], at.concat(k), out);
    }
  }
  return out;
}

function without(doc, at, key) {
  const copy = JSON.parse(JSON.stringify(doc));
  let o = copy;
  for (const step of at) o = o[step];
  delete o[key];
  return copy;
}

// Every property IRI and @type of the expanded form.
function expandedTerms(v, out = new Set()) {
  if (Array.isArray(v)) {
    v.forEach((x) => expandedTerms(x, out));
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (k === '@type' && !('@value' in v))
        [].concat(v[k]).forEach((t) => out.add(t));
      else if (!k.startsWith('@')) out.add(k);
      if (k !== '@value') expandedTerms(v[k], out);
    }
  }
  return out;
}

const known = [SCHEMA, OB, 'https://w3id.org/openbadges/extensions#',
  'http://purl.org/', 'https://w3id.org/security#',
  'https://w3id.org/credentials#', contextsBase];

async function checkFile(file) {
  const rel = path.relative(pub, file).split(path.sep).join('/');
  const url = base + rel;
  const isBadge = rel.startsWith('badges/');
  let doc;
  try {
    doc = readJson(file);
  } catch (e) {
    return ok(false, `${rel}: parses as JSON`, e.message);
  }
  const ctx = [].concat(doc['@context']);
  ok(ctx[0] === OB_CONTEXT, `${rel}: @context is the Open Badges 2.0 context`,
    JSON.stringify(doc['@context']));
  ok(doc.id === url, `${rel}: id is the URL it is hosted at`,
    `id:   ${doc.id}`, `want: ${url}`);

  // Required properties, by their names in the Open Badges context.
  const has = (o, k) => o && o[k] !== undefined && o[k] !== null &&
    o[k] !== '' && !(Array.isArray(o[k]) && !o[k].length);
  const types = [].concat(doc.type);
  const need = isBadge
    ? ['id', 'type', 'name', 'description', 'image', 'criteria', 'issuer']
    : ['id', 'type', 'name', 'url', 'email'];
  const missing = need.filter((k) => !has(doc, k));
  ok(missing.length === 0,
    `${rel}: has every required ${isBadge ? 'BadgeClass' : 'Profile'} ` +
    'property', `missing: ${missing.join(', ')}`);
  if (isBadge) {
    ok(types.includes('BadgeClass'), `${rel}: type is BadgeClass`);
    const img = typeof doc.image === 'string' ? doc.image
      : doc.image && doc.image.id;
    ok(/^https?:\/\//.test(img || ''), `${rel}: image has a URL id`);
    const crit = doc.criteria || {};
    ok(typeof crit === 'string' || has(crit, 'id') || has(crit, 'narrative'),
      `${rel}: criteria has an id or a narrative`);
    const issuer = typeof doc.issuer === 'string' ? doc.issuer : '';
    const issuerFile = issuer.startsWith(base)
      ? path.join(pub, ...issuer.slice(base.length).split('/')) : null;
    ok(issuerFile && fs.existsSync(issuerFile),
      `${rel}: issuer is a Profile this site hosts`, `issuer: ${issuer}`);
  } else {
    ok(types.includes('Profile') || types.includes('Issuer'),
      `${rel}: type is Profile`);
    const origins = [].concat((doc.verification || {}).allowedOrigins || []);
    const host = new URL(base).host;
    ok(origins.includes(host),
      `${rel}: allowedOrigins holds the site's host ${host}`,
      `allowedOrigins: ${JSON.stringify(origins)}`);
    ok(origins.every((o) => /^[a-z0-9.-]+(:[0-9]+)?$/.test(o)),
      `${rel}: allowedOrigins are host names, not URLs`,
      `allowedOrigins: ${JSON.stringify(origins)}`);
  }

  let ex;
  try {
    ex = await expand(doc);
  } catch (e) {
    const d = e.details && e.details.event ? JSON.stringify(e.details.event)
      : e.details ? JSON.stringify(e.details) : '';
    return ok(false, `${rel}: expands in safe mode`, e.message, d);
  }
  ok(ex.length === 1, `${rel}: expands in safe mode to one node`);
  const node = ex[0] || {};
  ok(node['@id'] === url, `${rel}: expanded @id is the hosting URL`);
  const want = isBadge
    ? [OB + 'BadgeClass', SCHEMA + 'name', SCHEMA + 'description',
      SCHEMA + 'image', OB + 'criteria', OB + 'issuer']
    : [SCHEMA + 'name', SCHEMA + 'url', SCHEMA + 'email'];
  const got = expandedTerms(ex);
  const lost = want.filter((iri) => !got.has(iri));
  ok(lost.length === 0, `${rel}: required properties expand to their IRIs`,
    ...lost.map((iri) => `missing: ${iri}`));

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
  ok(dropped.length === 0, `${rel}: every key survives expansion`,
    ...dropped.map((k) => `dropped: ${k}`));

  const strange = [...got].filter(
    (t) => !known.some((ns) => t.startsWith(ns)));
  ok(strange.length === 0,
    `${rel}: every term expands to an Open Badges, schema.org or site IRI`,
    ...strange.map((t) => `unexpected: ${t}`));
  return true;
}

(async () => {
  const files = findFiles();
  ok(files.some((f) => f.endsWith('badge.json')),
    `the site at ${pub} has BadgeClasses`);
  ok(files.some((f) => !f.endsWith('badge.json')),
    'the site has issuer Profiles');
  for (const f of files) await checkFile(f);
  ok([...loaded].some((u) => u.startsWith(contextsBase)),
    'the site\'s extension context was used');
  finish();
})().catch((e) => bail(`no exception: ${e.stack || e}`));
