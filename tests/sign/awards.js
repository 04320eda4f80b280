#!/usr/bin/env node
// Awards' signed Open Badges 3.0 credentials, as TAP, offline. The example
// site is built with a throw-away key (`badgesite keys new`) and award
// secret, then:
//  - every award not revoked has /awards/<id>.credential.json, and every
//    one verifies with @digitalbazaar/vc and the eddsa-rdfc-2022
//    cryptosuite, the contexts and the built did.json served locally;
//    a tampered credential, and one checked against another key's DID
//    document, do not;
//  - its issuer is the site's did:web, validFrom and the proof's created
//    the award's issue date, its identifier the OB 2.0 assertion's hash;
//  - a rebuild is byte-identical; the secret key is in no file of OUT or
//    the cache; the earner page links the credential; the revoked award
//    keeps its credential (tests/sign/status.js checks its status);
//  - a key in the site folder is refused; without a key the build makes
//    no credentials and says so; a retired key listed in site.json's
//    signing.previous_keys stays in the DID document, so a credential it
//    signed still verifies after the rotation.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const repo = path.resolve(__dirname, '..', '..');
const build = path.resolve(repo, process.env.BADGESITE_BUILD || 'build');
const badgesite = path.join(build, 'badgesite');

const { ok, finish } = require('../tap.js');
const { readJson, siteContexts, offlineLoader, signingPackages } = require('./loader.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'badgesite-awards-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function run(args, env) {
  const r = spawnSync(badgesite, args, {
    encoding: 'utf8',
    env: { ...process.env, BADGESITE_SIGNING_KEY: '', BADGESITE_AWARD_SECRET: '', ...env },
  });
  return { ok: r.status === 0, status: r.status, out: r.stdout, err: r.stderr };
}

function walk(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

// ---- keys, secret and the site ---------------------------------------------
const keys = path.join(tmp, 'keys');
fs.mkdirSync(keys, { mode: 0o700 });
const key = path.join(keys, 'key.json');
const key2 = path.join(keys, 'key2.json');
for (const k of [key, key2]) {
  const r = run(['keys', 'new', '--out', k]);
  if (!ok(r.ok, `badgesite keys new makes ${path.basename(k)}`, r.err)) finish();
}
const secret = path.join(keys, 'secret');
fs.writeFileSync(secret, 'dGhyb3ctYXdheSBhd2FyZCBzZWNyZXQgb2YgdGhlIHRlc3Rz\n', { mode: 0o600 });
const site = path.join(tmp, 'site');
fs.mkdirSync(site);
for (const f of ['site.json', 'content', 'layouts', 'assets'])
  fs.cpSync(path.join(repo, f), path.join(site, f), { recursive: true });
const base = readJson(path.join(site, 'site.json')).base_url;
const pub = path.join(tmp, 'out');

let b = run(['build', site, '-o', pub, '--quiet', '--key', key, '--secret', secret]);
if (!ok(b.ok, 'the example site builds with a key and a secret', b.err)) finish();

const didFile = path.join(pub, 'did.json');
ok(fs.existsSync(didFile), 'the build publishes the DID document at did.json under the base path');
const didDoc = readJson(didFile);
const did = didDoc.id;
ok(did === 'did:web:badges.northbridge.example:framework',
  `the DID document is the site's did:web (${did})`);
const pubKey = readJson(key).publicKeyMultibase;
const secretKey = readJson(key).secretKeyMultibase;
ok(didDoc.verificationMethod.length === 1 &&
   didDoc.verificationMethod[0].publicKeyMultibase === pubKey &&
   didDoc.assertionMethod[0] === `${did}#${pubKey}`,
'the DID document lists the key as a Multikey for assertionMethod',
JSON.stringify(didDoc));

// ---- offline document loader --------------------------------------------------
function loaderFor(doc) {
  // the site's status lists, as the first build wrote them
  return offlineLoader({
    contexts: siteContexts(pub, base), did: doc,
    more: (url) => (url.startsWith(base + 'awards/status/')
      ? readJson(path.join(pub, url.slice(base.length))) : undefined),
  });
}

// ---- the awards -----------------------------------------------------------------
const awardsDir = path.join(pub, 'awards');
const assertions = fs.readdirSync(awardsDir).filter((f) => /^[0-9a-f]{16}\.json$/.test(f)).sort();
const creds = fs.readdirSync(awardsDir).filter((f) => f.endsWith('.credential.json')).sort();
const revoked = assertions.filter((f) => readJson(path.join(awardsDir, f)).revoked);
ok(assertions.length >= 5 && revoked.length >= 1,
  `the example has awards (${assertions.length}), one revoked (${revoked.length})`);
ok(creds.length === assertions.length &&
   revoked.every((f) => fs.existsSync(path.join(awardsDir, f.replace('.json', '.credential.json')))),
`a credential for each award (${creds.length}), the revoked one kept (its status list says it is revoked: status.js)`);

(async () => {
  let vc, suite, checkStatus;
  try {
    ({ vc, suite, statusList: { checkStatus } } = await signingPackages());
  } catch (e) {
    ok(false, 'the pinned npm packages load (run `npm ci`)', e.message);
    finish();
  }
  const verify = async (credential, doc) => {
    const r = await vc.verifyCredential({
      credential, suite: suite(),
      documentLoader: loaderFor(doc), checkStatus,
    });
    return r.verified ? '' : JSON.stringify(r.error && (r.error.errors || r.error.message) || r).slice(0, 600);
  };

  const first = {};
  for (const f of creds) {
    const c = readJson(path.join(awardsDir, f));
    first[f] = c;
    const a = readJson(path.join(awardsDir, f.replace('.credential', '')));
    const why = await verify(c, didDoc);
    ok(why === '', `${f}: verifies with @digitalbazaar/vc (eddsa-rdfc-2022)`, why);
    const idn = c.credentialSubject.identifier[0];
    const proof = [].concat(c.proof)[0];
    // a revoked assertion says only that it is revoked
    if (a.revoked) continue;
    ok(c.id === base + 'awards/' + f && c.issuer.id === did &&
       c.validFrom === a.issuedOn && proof.created === a.issuedOn &&
       Array.isArray(c.proof) && proof.verificationMethod === `${did}#${pubKey}` &&
       proof.cryptosuite === 'eddsa-rdfc-2022' &&
       idn.identityHash === a.recipient.identity && idn.salt === a.recipient.salt &&
       idn.hashed === true &&
       (c.validUntil || null) === (a.expires || null),
    `${f}: its id, did:web issuer, dates and hashed identifier are the award's`,
    JSON.stringify({ id: c.id, issuer: c.issuer, validFrom: c.validFrom, proof: c.proof }));
    const ach = readJson(path.join(pub, new URL(c.credentialSubject.achievement.id).pathname
      .slice(new URL(base).pathname.length)));
    delete ach['@context'];
    ok(JSON.stringify(ach) === JSON.stringify(c.credentialSubject.achievement),
      `${f}: embeds the Achievement of the badge version awarded, as published`);
  }

  // a tampered credential, and another key's DID document, fail
  const [f0] = creds;
  const t = JSON.parse(JSON.stringify(first[f0]));
  t.credentialSubject.achievement.name += ' (forged)';
  ok(await verify(t, didDoc) !== '', 'a tampered credential does not verify');
  const t2 = JSON.parse(JSON.stringify(first[f0]));
  t2.validFrom = '2020-01-01T00:00:00Z';
  ok(await verify(t2, didDoc) !== '', 'a credential with another date does not verify');

  const pub2 = path.join(tmp, 'out2');
  b = run(['build', site, '-o', pub2, '--quiet', '--key', key2, '--secret', secret]);
  ok(b.ok, 'the site builds with another key', b.err);
  const did2 = readJson(path.join(pub2, 'did.json'));
  const pk2 = readJson(key2).publicKeyMultibase;
  const other = readJson(path.join(pub2, 'awards', f0));
  // the credential signed by key 2, named as key 1's: key 1 does not verify it
  other.proof[0].verificationMethod = `${did}#${pubKey}`;
  ok(await verify(other, didDoc) !== '', 'a credential signed by another key does not verify');
  ok(await verify(first[f0], did2) !== '',
    'a credential does not verify against a DID document without its key');

  // rotation: key 2 current, key 1 retired in site.json
  const sj = readJson(path.join(site, 'site.json'));
  sj.signing = { previous_keys: [pubKey] };
  fs.writeFileSync(path.join(site, 'site.json'), JSON.stringify(sj, null, 2) + '\n');
  const pub3 = path.join(tmp, 'out3');
  b = run(['build', site, '-o', pub3, '--quiet', '--key', key2, '--secret', secret]);
  ok(b.ok, 'the site builds with key 2 and key 1 retired', b.err);
  const did3 = readJson(path.join(pub3, 'did.json'));
  ok(did3.verificationMethod.map((v) => v.publicKeyMultibase).join() === [pk2, pubKey].join(),
    'after a rotation the DID document lists the current key, then the retired one',
    JSON.stringify(did3.verificationMethod));
  const why = await verify(first[f0], did3);
  ok(why === '', 'a credential signed with the retired key still verifies', why);
  ok(await verify(readJson(path.join(pub3, 'awards', f0)), did3) === '',
    'and one signed with the current key too');
  sj.signing = { previous_keys: ['not-a-key'] };
  fs.writeFileSync(path.join(site, 'site.json'), JSON.stringify(sj, null, 2) + '\n');
  b = run(['check', site, '--key', key2, '--secret', secret]);
  ok(!b.ok && /site\.json:\d+:\d+: error: 'not-a-key' is not an Ed25519 public key/.test(b.err),
    'a retired key that is not a Multikey is an error at its place in site.json', b.err);
  delete sj.signing;
  fs.writeFileSync(path.join(site, 'site.json'), JSON.stringify(sj, null, 2) + '\n');

  // byte-identical on rebuild; the secret key nowhere in OUT or the cache
  const pub4 = path.join(tmp, 'out4');
  b = run(['build', site, '-o', pub4, '--quiet', '-j', '1', '--key', key, '--secret', secret]);
  ok(b.ok, 'a second build with the first key', b.err);
  const same = creds.concat(['did.json']).every((f) => {
    const p = f === 'did.json' ? f : path.join('awards', f);
    return fs.readFileSync(path.join(pub, p), 'utf8') === fs.readFileSync(path.join(pub4, p), 'utf8');
  });
  ok(same, 'credentials and DID document are byte-identical on rebuild (and across -j)');
  const leaks = [pub, pub4, path.join(site, '.badgesite-cache')]
    .flatMap(walk).filter((f) => fs.readFileSync(f).includes(secretKey));
  ok(leaks.length === 0, 'the secret key is in no file of OUT or the cache', ...leaks);

  // the earner page links its credential
  const id0 = f0.replace('.credential.json', '');
  const page = fs.readFileSync(path.join(pub, 'awards', id0, 'index.html'), 'utf8');
  ok(page.includes(`href="../../awards/${f0}"`) || page.includes(`awards/${f0}"`),
    'the earner page links the credential');

  // a key in the site folder is refused
  const inside = path.join(site, 'key.json');
  fs.copyFileSync(key, inside);
  fs.chmodSync(inside, 0o600);
  b = run(['build', site, '-o', path.join(tmp, 'out5'), '--quiet', '--secret', secret],
    { BADGESITE_SIGNING_KEY: inside });
  ok(!b.ok && /inside the site folder/.test(b.err),
    'a key inside the site folder is refused (given by BADGESITE_SIGNING_KEY)', b.err);
  fs.rmSync(inside);

  // without a key: no credentials, and a note
  const pub6 = path.join(tmp, 'out6');
  b = run(['build', site, '-o', pub6, '--secret', secret]);
  ok(b.ok && /note: no signing key/.test(b.err) &&
     !walk(pub6).some((f) => f.endsWith('.credential.json') || f.endsWith('did.json')),
  'without a key the site builds, with no credentials nor DID document, and says so', b.err);
  const page6 = fs.readFileSync(path.join(pub6, 'awards', id0, 'index.html'), 'utf8');
  ok(!page6.includes('credential.json'), 'and its earner pages link no credential');
  // a preview at another https address signs too, older badge versions
  // (kept as published, naming the canonical context) included
  const pub8 = path.join(tmp, 'out8');
  b = run(['build', site, '-o', pub8, '--base-url', 'https://preview.example/fw/',
    '--quiet', '--key', key, '--secret', secret]);
  ok(b.ok && fs.existsSync(path.join(pub8, 'awards', f0)) &&
     readJson(path.join(pub8, 'did.json')).id === 'did:web:preview.example:fw',
  'a preview at another https --base-url signs every credential as its own did:web', b.err);
  const pub9 = path.join(tmp, 'out9');
  b = run(['build', site, '-o', pub9, '--base-url', 'https://preview.example/',
    '--quiet', '--key', key, '--secret', secret]);
  ok(b.ok && readJson(path.join(pub9, '.well-known', 'did.json')).id === 'did:web:preview.example',
    'at a host\'s root the DID document is /.well-known/did.json', b.err);
  // a preview at an http address makes none either
  b = run(['build', site, '-o', path.join(tmp, 'out7'), '--base-url', 'http://127.0.0.1:8000/',
    '--key', key, '--secret', secret]);
  ok(b.ok && /no signed credentials in a build for http/.test(b.err),
    'a preview at an http --base-url builds, without credentials, and says so', b.err);
  finish();
})();
