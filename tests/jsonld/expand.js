#!/usr/bin/env node
// Open Badges 2.0 conformance of a built site, as TAP: every BadgeClass
// (badges/**/badge.json) and Profile (issuers/*.json) expands as JSON-LD in
// safe mode with the official context and the site's own extension context,
// no key is dropped, the required properties are there, and each id is the
// URL the file is hosted at. Every Open Badges extension node, in every
// BadgeClass of the build and in every kept snapshot under
// content/published/, is checked as the 1EdTech validator checks it: its
// context's obi:validation names a schema for one of its types (as the type
// compacts into the Open Badges context), and the node, compacted with the
// Open Badges context and its own, passes that JSON Schema (draft-04, ajv).
// Never touches the network.
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
const { keyPaths, without, expandedTerms } = require('./terms');
const { spawnSync } = require('child_process');

const repo = path.resolve(__dirname, '..', '..');
const OB_CONTEXT = 'https://w3id.org/openbadges/v2';
const OB = 'https://w3id.org/openbadges#';
const SCHEMA = 'http://schema.org/';

// ---- TAP -----------------------------------------------------------------
const { ok, finish } = require('../tap.js');
function bail(msg) {
  ok(false, msg);
  finish();
}

let jsonld, Ajv04;
try {
  jsonld = require(path.join(repo, 'node_modules', 'jsonld'));
  Ajv04 = require(path.join(repo, 'node_modules', 'ajv-draft-04'));
} catch (e) {
  bail('jsonld and ajv-draft-04 are installed (run `npm ci` at the ' +
       'repository root)');
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
// kept snapshots are checked when the site they belong to is known
let withSnapshots = !pub || !!process.env.BADGESITE_SITE;
if (!pub) ({ pub, siteDir } = buildExample());
pub = path.resolve(pub);

let base = process.argv[3] || process.env.BADGESITE_BASE_URL;
const siteJson = path.join(siteDir, 'site.json');
const siteBase = fs.existsSync(siteJson)
  ? normalizeBase(readJson(siteJson).base_url) : null;
const canon = withSnapshots ? siteBase : null;
if (!base) {
  if (!siteBase)
    bail(`a base URL is known (give BASE_URL, or a site.json at ${siteJson})`);
  base = siteBase;
}
base = normalizeBase(base);
// The vocabulary's IRIs come from site.json's base_url, whatever the
// build's: the context the build published says which that was.
let vocab = (canon || base) + 'contexts/framework-v1#';
try {
  vocab = readJson(path.join(pub, 'contexts', 'framework-v1.jsonld'))
    ['@context'].fwv || vocab;
} catch (e) { /* reported when the context is loaded */ }
if (canon)
  ok(vocab === canon + 'contexts/framework-v1#',
    'the vocabulary IRIs are under site.json\'s base_url', `fwv: ${vocab}`);

const obContextFile = path.join(repo, 'tests', 'conformance',
  'openbadges-v2-context.json');
if (!fs.existsSync(obContextFile))
  bail(`the Open Badges 2.0 context is at ${obContextFile}`);

// ---- offline document loader ---------------------------------------------
const contextsBase = base + 'contexts/';
// kept snapshots name the context at the canonical URL
const contextsBases = [contextsBase].concat(
  canon && canon !== base ? [canon + 'contexts/'] : []);
const cache = new Map();
const loaded = new Set();
// A file of the build's contexts/ named by url with the given suffix, or null.
function contextFile(url, suffix) {
  for (const cb of contextsBases) {
    const name = url.startsWith(cb) ? url.slice(cb.length) : '';
    if (/^[A-Za-z0-9._-]+$/.test(name) && name.endsWith(suffix))
      return path.join(pub, 'contexts', name);
  }
  return null;
}
async function documentLoader(url) {
  let file;
  if (url === OB_CONTEXT) {
    file = obContextFile;
  } else if (contextFile(url, '.jsonld')) {
    file = contextFile(url, '.jsonld');
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
  // each language edition's badges: fr/badges/...
  for (const d of fs.readdirSync(pub).sort())
    if (/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(d) &&
        fs.existsSync(path.join(pub, d, 'badges')))
      walk(path.join(pub, d, 'badges'));
  // awards/<id>.json: hosted Assertions (issue 14)
  const aw = path.join(pub, 'awards');
  if (fs.existsSync(aw))
    for (const f of fs.readdirSync(aw).sort())
      if (f.endsWith('.json')) out.push(path.join(aw, f));
  const iss = path.join(pub, 'issuers');
  if (fs.existsSync(iss))
    for (const f of fs.readdirSync(iss).sort())
      // issuers/<id>.ob3.json is OB 3.0: tests/ob3/expand.js checks it
      // (and issuers/<id>.revocations.json, a RevocationList)
      if (f.endsWith('.json') && !f.endsWith('.ob3.json'))
        out.push(path.join(iss, f));
  return out;
}

async function expand(doc) {
  return jsonld.expand(doc, { safe: true, documentLoader });
}


const known = [SCHEMA, OB, 'https://w3id.org/openbadges/extensions#',
  'http://purl.org/', 'https://w3id.org/security#',
  'https://w3id.org/credentials#', vocab];

// ---- extension nodes, as openbadges-validator-core checks them ------------
const ajv = new Ajv04({ allErrors: true, strict: false });
const schemas = new Map();
function schemaFor(url) {
  if (!schemas.has(url)) {
    const file = contextFile(url, '.schema.json');
    if (!file || !fs.existsSync(file)) return null;
    schemas.set(url, ajv.compile(readJson(file)));
  }
  return schemas.get(url);
}

// Every object whose type includes "Extension", with its key path.
function extensionNodes(v, at = [], out = []) {
  if (Array.isArray(v)) {
    v.forEach((x, i) => extensionNodes(x, at.concat(i), out));
  } else if (v && typeof v === 'object') {
    if ([].concat(v.type || []).includes('Extension')) out.push([at, v]);
    for (const k of Object.keys(v))
      if (k !== '@context' && k !== 'id' && k !== 'type')
        extensionNodes(v[k], at.concat(k), out);
  }
  return out;
}

// Problems of one extension node (an empty list when it passes). rootCtx is
// the document's @context, which the node inherits.
async function extensionProblems(node, rootCtx) {
  const own = node['@context'] !== undefined ? [].concat(node['@context']) : [];
  const ctxUrls = [...new Set([].concat(rootCtx || [], own))]
    .filter((u) => typeof u === 'string' && u !== OB_CONTEXT);
  if (!ctxUrls.length) return ['no extension context'];
  const doc = Object.assign({}, node,
    { '@context': [].concat(rootCtx || [], own) });
  const expanded = await jsonld.expand(doc, { safe: true, documentLoader });
  // its types as they compact into the Open Badges context
  const asOb = await jsonld.compact(expanded, OB_CONTEXT,
    { documentLoader, safe: true });
  const types = [].concat(asOb.type || []).filter((t) => t !== 'Extension');
  const problems = [];
  let tested = 0;
  for (const url of ctxUrls) {
    const ctxDoc = (await documentLoader(url)).document;
    const val = await jsonld.compact(ctxDoc, OB_CONTEXT, { documentLoader });
    for (const v of [].concat(val.validation || [])) {
      if (!types.includes(v.validatesType)) continue;
      tested++;
      const validate = schemaFor(v.validationSchema);
      if (!validate) {
        problems.push(`schema ${v.validationSchema} is not in the build`);
        continue;
      }
      const data = await jsonld.compact(expanded,
        [OB_CONTEXT, ctxDoc['@context']], { documentLoader });
      if (!validate(data))
        problems.push(`${v.validatesType}: ` + ajv.errorsText(validate.errors),
          JSON.stringify(data));
    }
  }
  if (!tested)
    problems.push('Could not determine extension type to test: no ' +
      `obi:validation entry for ${JSON.stringify(types)}`);
  return problems;
}

async function checkExtensions(doc, rel) {
  const nodes = extensionNodes(doc);
  for (const [at, node] of nodes) {
    let problems;
    try {
      problems = await extensionProblems(node, doc['@context']);
    } catch (e) {
      problems = [e.message];
    }
    ok(problems.length === 0,
      `${rel}: extension ${at.join('.')} passes its obi:validation schema`,
      ...problems);
  }
  return nodes.length;
}

async function checkFile(file) {
  const rel = path.relative(pub, file).split(path.sep).join('/');
  const url = base + rel;
  // a language edition's badges too: fr/badges/...
  const isBadge = /^([a-z]{2,3}(-[a-z0-9]+)*\/)?badges\//.test(rel);
  if (rel.startsWith('awards/') || rel.endsWith('.revocations.json'))
    return checkAward(file, rel, url);
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
    // the spec allows a list, but openbadges-validator-core refuses one
    const sw = (doc.verification || {}).startsWith;
    ok(sw === undefined || typeof sw === 'string',
      `${rel}: startsWith is absent or one string`,
      `startsWith: ${JSON.stringify(sw)}`);
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
  if (isBadge)
    ok(await checkExtensions(doc, rel) > 0, `${rel}: has an extension node`);
  return true;
}

// The file a URL of this site names, or null.
function hosted(u) {
  return typeof u === 'string' && u.startsWith(base)
    ? path.join(pub, ...u.slice(base.length).split('/')) : null;
}

// An award's Assertion (awards/<id>.json, or its revoked form at the same
// URL) or an issuer's RevocationList, checked as the 1EdTech validator
// checks hosted assertions: shape, a hashed recipient, the BadgeClass and
// Profile hosted here, the assertion's host among the Profile's
// allowedOrigins, and expansion in safe mode without a dropped key.
async function checkAward(file, rel, url) {
  let doc;
  try {
    doc = readJson(file);
  } catch (e) {
    return ok(false, `${rel}: parses as JSON`, e.message);
  }
  ok([].concat(doc['@context'])[0] === OB_CONTEXT,
    `${rel}: @context is the Open Badges 2.0 context`);
  ok(doc.id === url, `${rel}: id is the URL it is hosted at`,
    `id:   ${doc.id}`, `want: ${url}`);
  const list = rel.endsWith('.revocations.json');
  let want;
  if (list) {
    ok(doc.type === 'RevocationList', `${rel}: type is RevocationList`);
    const prof = hosted(doc.issuer);
    ok(prof && fs.existsSync(prof) &&
       readJson(prof).revocationList === url,
      `${rel}: its issuer's Profile names it as revocationList`);
    const rev = doc.revokedAssertions || [];
    ok(Array.isArray(rev) && rev.every((r) => {
      const f = hosted(r.id);
      return f && fs.existsSync(f) && readJson(f).revoked === true;
    }), `${rel}: lists only revoked assertions this site hosts`,
    JSON.stringify(rev));
    want = [OB + 'RevocationList', OB + 'revoked'];
  } else if (doc.revoked !== undefined) {
    ok(doc.revoked === true && doc.type === 'Assertion' &&
       Object.keys(doc).every((k) => ['@context', 'type', 'id', 'revoked',
         'revocationReason'].includes(k)),
    `${rel}: the revoked form: id, revoked: true and a reason only`,
    JSON.stringify(doc));
    want = [OB + 'Assertion', OB + 'revoked'];
  } else {
    ok(doc.type === 'Assertion', `${rel}: type is Assertion`);
    const r = doc.recipient || {};
    ok(['email', 'url', 'telephone'].includes(r.type) && r.hashed === true &&
       /^sha256\$[0-9a-f]{64}$/.test(r.identity || '') &&
       typeof r.salt === 'string' && r.salt.length >= 16,
    `${rel}: the recipient is hashed with sha256 and a salt`,
    JSON.stringify(r));
    ok(doc.verification && doc.verification.type === 'hosted',
      `${rel}: verification is hosted`);
    const dt = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
    ok(dt.test(doc.issuedOn || ''), `${rel}: issuedOn is an ISO 8601 DateTime`);
    ok(doc.expires === undefined || dt.test(doc.expires),
      `${rel}: expires, if any, is an ISO 8601 DateTime`);
    const bc = hosted(doc.badge);
    const badge = bc && fs.existsSync(bc) ? readJson(bc) : null;
    ok(badge && badge.type === 'BadgeClass',
      `${rel}: badge is a BadgeClass this site hosts`, `badge: ${doc.badge}`);
    const img = hosted(doc.image);
    ok(img && fs.existsSync(img), `${rel}: image is the baked PNG it hosts`);
    const pf = badge && hosted(badge.issuer);
    const prof = pf && fs.existsSync(pf) ? readJson(pf) : null;
    const ver = (prof && prof.verification) || {};
    const host = new URL(doc.id).host;
    ok([].concat(ver.allowedOrigins || []).includes(host) &&
       (ver.startsWith === undefined || doc.id.startsWith(ver.startsWith)),
    `${rel}: its host is one its issuer's Profile allows`,
    JSON.stringify(ver));
    want = [OB + 'Assertion', OB + 'recipient', OB + 'badge', OB + 'verify',
      OB + 'issueDate', OB + 'identityHash', OB + 'salt', OB + 'hashed'];
  }
  let ex;
  try {
    ex = await expand(doc);
  } catch (e) {
    return ok(false, `${rel}: expands in safe mode`, e.message);
  }
  const got = expandedTerms(ex);
  const lost = want.filter((iri) => !got.has(iri));
  ok(ex.length === 1 && ex[0]['@id'] === url && lost.length === 0,
    `${rel}: expands to one node at its URL with its terms`,
    ...lost.map((iri) => `missing: ${iri}`));
  const whole = JSON.stringify(ex);
  const dropped = [];
  for (const [at, k] of keyPaths(doc)) {
    let e2;
    try {
      e2 = JSON.stringify(await expand(without(doc, at, k)));
    } catch (e) {
      continue;
    }
    if (e2 === whole) dropped.push(at.concat(k).join('.'));
  }
  ok(dropped.length === 0, `${rel}: every key survives expansion`,
    ...dropped.map((k) => `dropped: ${k}`));
  return true;
}

// A kept snapshot: its bytes are frozen, so only what still depends on this
// build is checked: it expands in safe mode, and its extension validates
// against the context and schema the build publishes.
async function checkSnapshot(file) {
  const rel = path.relative(siteDir, file).split(path.sep).join('/');
  const doc = readJson(file);
  try {
    await expand(doc);
    ok(true, `${rel}: expands in safe mode`);
  } catch (e) {
    ok(false, `${rel}: expands in safe mode`, e.message);
  }
  ok(await checkExtensions(doc, rel) > 0, `${rel}: has an extension node`);
}

function snapshotFiles() {
  const dir = path.join(siteDir, 'content', 'published');
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const id of fs.readdirSync(dir).sort())
    for (const v of fs.readdirSync(path.join(dir, id)).sort()) {
      const f = path.join(dir, id, v, 'badge.json');
      if (fs.existsSync(f)) out.push(f);
    }
  return out;
}

// The check can fail: a node of the wrong type, a value the schema refuses.
async function selfTest(files) {
  const f = files.find((x) => x.endsWith('badge.json'));
  if (!f) return;
  const doc = readJson(f);
  const [, node] = extensionNodes(doc)[0] || [];
  if (!ok(node, 'self-test: a BadgeClass with an extension node')) return;
  const bad = Object.assign({}, node, { hours: '4' });
  const p1 = await extensionProblems(bad, doc['@context']);
  ok(p1.some((m) => /must be number/.test(m)),
    'self-test: a text where the schema wants a number fails', ...p1);
  const odd = Object.assign({}, node, { type: ['Extension', 'fwv:Nothing'],
    '@context': [].concat(node['@context'], { fwv: vocab }) });
  const p2 = await extensionProblems(odd, doc['@context']);
  ok(p2.some((m) => /Could not determine extension type/.test(m)),
    'self-test: a type without obi:validation fails', ...p2);
  const extra = Object.assign({}, node, { [vocab + 'unknownTerm']: 'x' });
  const p3 = await extensionProblems(extra, doc['@context']);
  ok(p3.length > 0, 'self-test: a property outside the vocabulary fails',
    ...p3);
}

(async () => {
  const files = findFiles();
  ok(files.some((f) => f.endsWith('badge.json')),
    `the site at ${pub} has BadgeClasses`);
  ok(files.some((f) => !f.endsWith('badge.json')),
    'the site has issuer Profiles');
  for (const f of files) await checkFile(f);
  const snaps = withSnapshots ? snapshotFiles() : [];
  for (const f of snaps) await checkSnapshot(f);
  await selfTest(files);
  ok([...loaded].some((u) => u.startsWith(contextsBase)),
    'the site\'s extension context was used');
  finish();
})().catch((e) => bail(`no exception: ${e.stack || e}`));
