#!/usr/bin/env node
// sign/ against independent implementations, as TAP, offline:
//  - the canonical N-Quads badgesite makes (JSON-LD to RDF, then RDFC-1.0)
//    equal jsonld.js + rdf-canonize's (safe mode) for every OB 3.0
//    credential made from the example site's Achievements (each wrapped
//    in an OpenBadgeCredential with a hashed identifier, the way awards
//    will be) and for the fixtures in tests/sign/fixtures (credentials
//    with blank nodes that tie, lists, @json, escapes, a proof in its
//    @graph; a document with embedded, type- and property-scoped contexts,
//    aliases and compact IRIs); a ring of blank nodes, beyond
//    rdf-canonize's default work, is refused by both; and 300 random
//    credential-shaped documents (fixed seed): whatever badgesite accepts
//    canonicalises as with jsonld.js;
//  - credentials badgesite signs (eddsa-rdfc-2022, a did:web key) verify
//    with @digitalbazaar/vc and the eddsa-rdfc-2022 cryptosuite, and a
//    tampered credential or one signed by another key does not;
//  - a credential @digitalbazaar/vc signs verifies with badgesite.
// The contexts and the DID document are served from local files.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const repo = path.resolve(__dirname, '..', '..');
const build = path.resolve(repo, process.env.BADGESITE_BUILD || 'build');
const signtool = path.join(build, 'tests', 'signtool');
const SEED = '5a'.repeat(32);
const OTHER_SEED = 'c3'.repeat(32);

// ---- TAP -----------------------------------------------------------------
const { ok, finish } = require('../tap.js');
const { VC2, OB3, readJson, siteContexts, offlineLoader, signingPackages } = require('./loader.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'badgesite-sign-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function tool(...args) {
  const r = spawnSync(signtool, args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stdout, err: r.stderr || String(r.error || '') };
}

// ---- the example site, built into tmp ------------------------------------
const site = path.join(tmp, 'site');
const pub = path.join(tmp, 'out');
fs.mkdirSync(site);
for (const f of ['site.json', 'content', 'layouts', 'assets'])
  fs.cpSync(path.join(repo, f), path.join(site, f), { recursive: true });
const b = spawnSync(path.join(build, 'badgesite'),
  ['build', site, '-o', pub, '--quiet'], { encoding: 'utf8' });
if (!ok(b.status === 0, 'the example site builds', b.stderr)) finish();
const base = readJson(path.join(site, 'site.json')).base_url;
const extUrl = base + 'contexts/framework-ob3-v1.jsonld';
const extFile = path.join(pub, 'contexts', 'framework-ob3-v1.jsonld');

// ---- the DID of the site and its document --------------------------------
const didRun = tool('did', base, SEED, OTHER_SEED);
if (!ok(didRun.ok, 'signtool makes the did:web and its DID document',
  didRun.err)) finish();
const did = didRun.out.split('\n')[0];
const didDoc = JSON.parse(didRun.out.slice(did.length + 1));
ok(did === 'did:web:badges.northbridge.example:framework',
  `the site's did:web follows its base_url (${did})`);
const method = didDoc.verificationMethod[0].id;
const otherMethod = didDoc.verificationMethod[1].id;

// ---- offline document loader ------------------------------------------------
const loader = offlineLoader({ contexts: siteContexts(pub, base), did: didDoc });
const ctxArgs = [`${extUrl}=${extFile}`];

// ---- the credentials --------------------------------------------------------
function achievements(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, c) => (a.name < c.name ? -1 : a.name > c.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...achievements(p));
    else if (e.name === 'achievement.json') out.push(p);
  }
  return out;
}

// An OpenBadgeCredential awarding achievement a, issued by the site's did.
function credential(a, n) {
  const subject = JSON.parse(JSON.stringify(a));
  const ctx = subject['@context'];
  delete subject['@context'];
  const creator = subject.creator || {};
  return {
    '@context': ctx,
    id: `${base}awards/award-${n}.credential.json`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: did, type: ['Profile'], name: creator.name, url: creator.url },
    validFrom: '2026-06-30T12:00:00Z',
    name: a.name,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{
        type: 'IdentityObject',
        identityHash: 'sha256$' + (n * 7919).toString(16).padStart(64, '0'),
        identityType: 'emailAddress',
        hashed: true,
        salt: `salt-${n}`,
      }],
      achievement: subject,
    },
  };
}

const cases = [];
achievements(path.join(pub, 'badges')).forEach((f, i) => cases.push({
  name: path.relative(pub, f).split(path.sep).join('/'),
  doc: credential(readJson(f), i),
}));
ok(cases.length >= 5, `the example site has Achievements to award (${cases.length})`);
const fixDir = path.join(__dirname, 'fixtures');
for (const f of fs.readdirSync(fixDir).filter((x) => x.endsWith('.json')).sort())
  cases.push({ name: `fixtures/${f}`, doc: readJson(path.join(fixDir, f)) });

(async () => {
  let jsonld, vc, DataIntegrityProof, cryptosuite, suite, Ed25519Multikey;
  try {
    jsonld = require(path.join(repo, 'node_modules', 'jsonld'));
    ({ vc, DataIntegrityProof, cryptosuite, suite } = await signingPackages());
    Ed25519Multikey = await import(path.join(repo, 'node_modules',
      '@digitalbazaar/ed25519-multikey/lib/index.js'));
  } catch (e) {
    ok(false, 'the pinned npm packages load (run `npm ci`)', e.message);
    finish();
  }

  // canonical N-Quads, badgesite and jsonld.js
  for (const c of cases) {
    const file = path.join(tmp, 'c.json');
    fs.writeFileSync(file, JSON.stringify(c.doc));
    const mine = tool('canon', file, ...ctxArgs);
    let theirs, failed = null;
    try {
      theirs = await jsonld.canonize(c.doc, {
        algorithm: 'RDFC-1.0', format: 'application/n-quads',
        documentLoader: loader, safe: true,
      });
    } catch (e) {
      failed = e.message;
    }
    if (failed !== null && /deep iterations/.test(failed))
      // beyond rdf-canonize's default work: badgesite must refuse it too
      ok(!mine.ok && /more work than allowed/.test(mine.err),
        `${c.name}: refused as too much work, as by rdf-canonize`,
        mine.err || mine.out, failed);
    else
      ok(mine.ok && failed === null && mine.out === theirs,
        `${c.name}: canonical N-Quads equal jsonld.js + rdf-canonize's`,
        mine.err, failed || '', mine.ok ? firstDiff(mine.out, theirs) : '');
  }

  // random credential-shaped documents (fixed seed): whatever badgesite
  // accepts, jsonld.js accepts and canonicalises to the same N-Quads
  {
    let state = 20260701;
    const rnd = () => { // mulberry32
      state = (state + 0x6D2B79F5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = (a) => a[Math.floor(rnd() * a.length)];
    const top = ['name', 'description', 'image', 'url', 'alignment',
      'endorsement', 'inLanguage', 'narrative', 'awardedDate'];
    const by = {
      Achievement: ['achievementType', 'criteria', 'creditsAvailable', 'tag',
        'version', 'resultDescription', 'related', 'creator'],
      AchievementSubject: ['achievement', 'identifier', 'result',
        'creditsEarned', 'activityStartDate'],
      IdentityObject: ['hashed', 'identityHash', 'identityType', 'salt'],
      Result: ['value', 'status', 'achievedLevel', 'resultDescription'],
      ResultDescription: ['allowedValue', 'requiredValue', 'resultType'],
      Alignment: ['targetUrl', 'targetName', 'targetCode', 'targetType'],
      VerifiableCredential: ['issuer', 'validFrom', 'credentialSubject',
        'evidence', 'proof'],
      DataIntegrityProof: ['created', 'cryptosuite', 'proofPurpose',
        'verificationMethod', 'proofValue'],
      Image: ['caption'], Profile: ['email', 'address'],
      Address: ['addressCountry'], Evidence: ['genre'],
    };
    const scalars = ['x', 'https://e.example/a', 'q"\\\n\t', '2020-01-01T00:00:00Z',
      'assertionMethod', 'Achievement', 'eddsa-rdfc-2022', 1, 2.5, -3, 0,
      true, false, 1e21, 100.0];
    const value = (d) => {
      const r = rnd();
      if (d > 3 || r < 0.4) return pick(scalars);
      if (r < 0.55) return [value(d + 1), value(d + 1)];
      return node(d + 1);
    };
    const node = (d) => {
      const o = {};
      let own = [];
      if (rnd() < 0.8) {
        const a = pick(Object.keys(by)), c = pick(Object.keys(by));
        o.type = rnd() < 0.5 ? a : [a, c];
        own = by[a].concat(rnd() < 0.5 ? [] : by[c]);
      }
      if (rnd() < 0.4)
        o.id = pick(['https://e.example/n1', 'https://e.example/n2', '_:b0',
          '_:b1', 'did:example:1']);
      for (let i = 1 + Math.floor(rnd() * 4); i > 0; i--)
        o[pick(own.length && rnd() < 0.7 ? own : top)] = value(d);
      return o;
    };
    let same = 0, refused = 0;
    const wrong = [];
    for (let i = 0; i < 300; i++) {
      const doc = { '@context': [VC2, OB3], ...node(0) };
      const file = path.join(tmp, 'r.json');
      fs.writeFileSync(file, JSON.stringify(doc));
      const mine = tool('canon', file);
      let theirs = null;
      try {
        theirs = await jsonld.canonize(doc, {
          algorithm: 'RDFC-1.0', format: 'application/n-quads',
          documentLoader: loader, safe: true,
        });
      } catch (e) { /* refused there */ }
      if (!mine.ok) refused++;
      else if (mine.out === theirs) same++;
      else wrong.push(JSON.stringify(doc));
    }
    ok(wrong.length === 0 && same >= 50,
      `300 random documents: ${same} canonicalise as with jsonld.js, ` +
      `${refused} refused, none different`, ...wrong.slice(0, 3));
  }

  const verify = async (credential) => {
    const r = await vc.verifyCredential({ credential, suite: suite(), documentLoader: loader });
    return r.verified ? '' : JSON.stringify(r.error && (r.error.errors || r.error.message) || r);
  };

  // signed by badgesite, verified by @digitalbazaar/vc
  // three of the site's credentials and the fixtures that are unsigned
  // credentials
  const signCases = cases.filter((c, i) => i < 3 ||
    (c.name.startsWith('fixtures/') && !c.doc.proof &&
     [].concat(c.doc['@context'])[0] === VC2));
  for (const c of signCases) {
    const doc = JSON.parse(JSON.stringify(c.doc));
    if (typeof doc.issuer === 'object') doc.issuer.id = did;
    else doc.issuer = did;
    const file = path.join(tmp, 'u.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const s = tool('sign', file, SEED, method, '2026-06-30T12:00:00Z', ...ctxArgs);
    if (!ok(s.ok, `${c.name}: badgesite signs it`, s.err)) continue;
    const signed = JSON.parse(s.out);
    const why = await verify(signed);
    ok(why === '', `${c.name}: the signature verifies with @digitalbazaar/vc`, why);

    const tampered = JSON.parse(JSON.stringify(signed));
    tampered.validFrom = '2026-07-01T12:00:00Z';
    ok(await verify(tampered) !== '', `${c.name}: a tampered credential does not verify`);

    // signed with another key, claiming the first key's method
    const w = tool('sign', file, OTHER_SEED, method, '2026-06-30T12:00:00Z', ...ctxArgs);
    ok(w.ok && await verify(JSON.parse(w.out)) !== '',
      `${c.name}: a signature by another key does not verify`, w.err);
    // and with its own method, it does: both keys are in the DID document
    const o = tool('sign', file, OTHER_SEED, otherMethod, '2026-06-30T12:00:00Z', ...ctxArgs);
    ok(o.ok && await verify(JSON.parse(o.out)) === '',
      `${c.name}: an older key kept in the DID document still verifies`, o.err);
  }

  // signed by @digitalbazaar/vc, verified by badgesite
  const kp = await Ed25519Multikey.generate({ seed: Buffer.from(SEED, 'hex'), controller: did });
  kp.id = method;
  const unsigned = JSON.parse(JSON.stringify(signCases[0].doc));
  unsigned.issuer.id = did;
  const theirs = await vc.issue({
    credential: unsigned,
    suite: new DataIntegrityProof({ signer: kp.signer(), cryptosuite, date: '2026-06-30T12:00:00Z' }),
    documentLoader: loader,
  });
  const tf = path.join(tmp, 'theirs.json');
  fs.writeFileSync(tf, JSON.stringify(theirs));
  const mk = method.split('#')[1];
  const v = tool('verify', tf, mk, ...ctxArgs);
  ok(v.ok, 'a credential @digitalbazaar/vc signs verifies with badgesite', v.err);
  theirs.name += '!';
  fs.writeFileSync(tf, JSON.stringify(theirs));
  ok(!tool('verify', tf, mk, ...ctxArgs).ok, 'and badgesite refuses it once tampered');
  finish();
})();

function firstDiff(a, b) {
  const x = String(a).split('\n'), y = String(b).split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if (x[i] !== y[i]) return `line ${i + 1}:\n  badgesite: ${x[i]}\n  jsonld.js: ${y[i]}`;
  return '';
}
