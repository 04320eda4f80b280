#!/usr/bin/env node
// Revocation of signed Open Badges 3.0 credentials through a Bitstring
// Status List, as TAP, offline. The example site (one revoked award) is
// built with a throw-away key and award secret, then, with
// @digitalbazaar/vc-bitstring-status-list's checkStatus (pinned; the
// document loader serves the contexts, the built DID document and the
// built status list):
//  - every credential names its issuer's status list; the list is a
//    signed BitstringStatusListCredential that verifies with
//    @digitalbazaar/vc, of at least 131,072 bits, valid from a date of
//    the content (the latest revocation, else the first award; a new
//    award does not move it); the revoked award is reported revoked, the
//    others not; a tampered list fails;
//  - revoking another award sets its bit and re-signs the list, while the
//    award's credential stays byte for byte; rebuilds are byte-identical;
//  - publish records each credential's index in content/published.txt
//    with the DID document and the status list; a build computes the
//    same indices; a recorded index wins over the computed one; a new
//    award leaves the old indices as they were;
//  - a site that published signed files cannot publish (nor check as
//    published) without the key, but still previews; a site with a key
//    and no awards gets its DID document.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');

const repo = path.resolve(__dirname, '..', '..');
const build = path.resolve(repo, process.env.BADGESITE_BUILD || 'build');
const badgesite = path.join(build, 'badgesite');

const { ok, finish } = require('../tap.js');
const { readJson, siteContexts, offlineLoader, signingPackages } = require('./loader.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'badgesite-status-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function run(args, env) {
  const r = spawnSync(badgesite, args, {
    encoding: 'utf8',
    env: { ...process.env, BADGESITE_SIGNING_KEY: '', BADGESITE_AWARD_SECRET: '', ...env },
  });
  return { ok: r.status === 0, status: r.status, out: r.stdout, err: r.stderr };
}

// ---- keys, secret and the site ---------------------------------------------
const keys = path.join(tmp, 'keys');
fs.mkdirSync(keys, { mode: 0o700 });
const key = path.join(keys, 'key.json');
let r = run(['keys', 'new', '--out', key]);
if (!ok(r.ok, 'badgesite keys new makes a key', r.err)) finish();
const secret = path.join(keys, 'secret');
fs.writeFileSync(secret, 'c3RhdHVzIGxpc3QgdGVzdHMnIGF3YXJkIHNlY3JldA==\n', { mode: 0o600 });
const site = path.join(tmp, 'site');
fs.mkdirSync(site);
for (const f of ['site.json', 'content', 'layouts', 'assets'])
  fs.cpSync(path.join(repo, f), path.join(site, f), { recursive: true });
const base = readJson(path.join(site, 'site.json')).base_url;
const signed = ['--key', key, '--secret', secret];
const out = (n) => path.join(tmp, `out${n}`);

r = run(['build', site, '-o', out(1), '--quiet', ...signed]);
if (!ok(r.ok, 'the example site builds with a key and a secret', r.err)) finish();

const awardsOf = (pub) => {
  const dir = path.join(pub, 'awards');
  const m = {};
  for (const f of fs.readdirSync(dir).filter((x) => /^[0-9a-f]{16}\.json$/.test(x)).sort()) {
    const id = f.slice(0, 16);
    m[id] = {
      assertion: readJson(path.join(dir, f)),
      text: fs.readFileSync(path.join(dir, `${id}.credential.json`), 'utf8'),
    };
    m[id].cred = JSON.parse(m[id].text);
  }
  return m;
};
const aw1 = awardsOf(out(1));
const ids = Object.keys(aw1);
const revokedIds = ids.filter((id) => aw1[id].assertion.revoked);
ok(ids.length >= 5 && revokedIds.length === 1,
  `the example has awards (${ids.length}), one revoked (${revokedIds.length})`);
const listPath = 'awards/status/northbridge.json';
const listUrl = base + listPath;
const statusOk = ids.every((id) => {
  const s = aw1[id].cred.credentialStatus;
  return s && s.type === 'BitstringStatusListEntry' && s.statusPurpose === 'revocation' &&
    s.statusListCredential === listUrl && /^\d+$/.test(s.statusListIndex) &&
    s.id === `${listUrl}#${s.statusListIndex}`;
});
ok(statusOk, 'every credential has a BitstringStatusListEntry into its issuer\'s list',
  JSON.stringify(aw1[ids[0]].cred.credentialStatus));
const indices = ids.map((id) => aw1[id].cred.credentialStatus.statusListIndex);
ok(new Set(indices).size === ids.length, `each award has its own index (${indices.join(', ')})`);

const list1 = readJson(path.join(out(1), listPath));
const did = readJson(path.join(out(1), 'did.json'));
ok(list1.id === listUrl && list1.issuer === did.id &&
   list1.type.includes('BitstringStatusListCredential') &&
   list1.credentialSubject.type === 'BitstringStatusList' &&
   list1.credentialSubject.statusPurpose === 'revocation' &&
   list1.credentialSubject.id === `${listUrl}#list`,
'the status list is a BitstringStatusListCredential of the site\'s did:web, for revocation',
JSON.stringify({ ...list1, proof: undefined }).slice(0, 400));
const bits = (enc) => zlib.gunzipSync(Buffer.from(enc.slice(1), 'base64url'));
const raw1 = bits(list1.credentialSubject.encodedList);
ok(list1.credentialSubject.encodedList[0] === 'u' && raw1.length >= 16384,
  `its encodedList is multibase base64url of a GZIP'd list of ${raw1.length * 8} bits (at least 131,072)`);
const gz = Buffer.from(list1.credentialSubject.encodedList.slice(1), 'base64url');
ok(gz.readUInt32LE(4) === 0, 'the GZIP header holds no time');
ok(list1.validFrom === '2025-11-20T00:00:00Z' && [].concat(list1.proof)[0].created === list1.validFrom,
  `valid from the latest revocation (${list1.validFrom}), never the clock`);

// ---- offline document loader --------------------------------------------------
function loader(pub, lists) {
  return offlineLoader({
    contexts: siteContexts(pub, base), did: readJson(path.join(pub, 'did.json')),
    more: (url) => (lists && lists[url]) || (url.startsWith(base + 'awards/status/')
      ? readJson(path.join(pub, url.slice(base.length))) : undefined),
  });
}

(async () => {
  let vc, suite, bsl;
  try {
    ({ vc, suite, statusList: bsl } = await signingPackages());
  } catch (e) {
    ok(false, 'the pinned npm packages load (run `npm ci`)', e.message);
    finish();
  }
  const why = (res) => JSON.stringify(res.error && (res.error.errors || res.error.message) || res).slice(0, 600);
  // checkStatus: the list verified, the issuers matched; { revoked } or
  // { error }
  const status = async (cred, pub, lists) => {
    const res = await bsl.checkStatus({ credential: cred, documentLoader: loader(pub, lists), suite: suite() });
    if (!res.verified) return { error: why(res) };
    return { revoked: res.results[0].status };
  };

  const v = await vc.verifyCredential({ credential: list1, suite: suite(), documentLoader: loader(out(1)) });
  ok(v.verified, 'the status list credential verifies with @digitalbazaar/vc (eddsa-rdfc-2022)', why(v));

  for (const id of ids) {
    const s = await status(aw1[id].cred, out(1));
    const want = aw1[id].assertion.revoked === true;
    ok(!s.error && s.revoked === want,
      `${id}: checkStatus reports it ${want ? 'revoked' : 'not revoked'}`, s.error || JSON.stringify(s));
  }
  // the whole credential with its status: revoked one's signature still
  // holds, its status says revoked
  const [rid] = revokedIds;
  const full = await vc.verifyCredential({
    credential: aw1[rid].cred, suite: suite(), documentLoader: loader(out(1)),
    checkStatus: bsl.checkStatus,
  });
  ok(full.verified && full.statusResult && full.statusResult.results[0].status === true,
    'verifyCredential with checkStatus: the revoked award\'s signature holds and its status is revoked',
    why(full));

  // a tampered list: the revoked award's bit cleared, the proof kept
  const forged = JSON.parse(JSON.stringify(list1));
  const rbits = Buffer.from(raw1);
  const ri = Number(aw1[rid].cred.credentialStatus.statusListIndex);
  rbits[ri >> 3] &= ~(0x80 >> (ri & 7));
  forged.credentialSubject.encodedList = 'u' + zlib.gzipSync(rbits).toString('base64url');
  const t = await status(aw1[rid].cred, out(1), { [listUrl]: forged });
  ok(t.error && /not verified/.test(t.error), 'a tampered status list fails its verification', JSON.stringify(t));
  const fv = await vc.verifyCredential({ credential: forged, suite: suite(), documentLoader: loader(out(1)) });
  ok(!fv.verified, 'and does not verify with @digitalbazaar/vc');
  // a list of another issuer does not count
  const other = JSON.parse(JSON.stringify(list1));
  other.issuer = 'did:web:other.example';
  const o = await status(aw1[rid].cred, out(1), { [listUrl]: other });
  ok(o.error, 'a status list claiming another issuer is refused', JSON.stringify(o));

  // ---- revoking another award -------------------------------------------------
  const victim = ids.find((id) => !aw1[id].assertion.revoked);
  const rev = path.join(site, 'content', 'awards', 'revoked.csv');
  const revText = fs.readFileSync(rev, 'utf8');
  fs.writeFileSync(rev, revText + `${victim},"Withdrawn by the panel after an appeal.",2025-12-02\n`);
  r = run(['build', site, '-o', out(2), '--quiet', ...signed]);
  ok(r.ok, 'the site builds with a second award revoked', r.err);
  const aw2 = awardsOf(out(2));
  ok(aw2[victim].text === aw1[victim].text, 'the newly revoked award\'s credential is byte for byte as before');
  const list2 = readJson(path.join(out(2), listPath));
  ok(list2.credentialSubject.encodedList !== list1.credentialSubject.encodedList &&
     list2.validFrom === '2025-12-02T00:00:00Z',
  `the status list is re-signed with its bit set, valid from the revocation (${list2.validFrom})`);
  const s2 = await status(aw2[victim].cred, out(2));
  ok(!s2.error && s2.revoked === true, 'checkStatus now reports it revoked', JSON.stringify(s2));
  const s2b = await status(aw2[rid].cred, out(2));
  ok(!s2b.error && s2b.revoked === true, 'and the first revoked award still revoked', JSON.stringify(s2b));
  const keep = ids.find((id) => id !== victim && !aw1[id].assertion.revoked);
  const s2c = await status(aw2[keep].cred, out(2));
  ok(!s2c.error && s2c.revoked === false, 'an award not revoked is still not', JSON.stringify(s2c));
  fs.writeFileSync(rev, revText);
  r = run(['build', site, '-o', out(3), '--quiet', '-j', '1', ...signed]);
  ok(r.ok && fs.readFileSync(path.join(out(3), listPath), 'utf8') ===
     fs.readFileSync(path.join(out(1), listPath), 'utf8'),
  'a rebuild makes the same status list, byte for byte (and across -j)', r.err);
  fs.writeFileSync(rev, 'award,reason,date\n');
  r = run(['build', site, '-o', out(10), '--quiet', ...signed]);
  const list10 = r.ok && readJson(path.join(out(10), listPath));
  ok(list10 && list10.validFrom === '2025-09-30T00:00:00Z' && bits(list10.credentialSubject.encodedList).every((x) => x === 0),
    'with nothing revoked: no bit set, valid from the first award', r.err || (list10 && list10.validFrom));
  fs.writeFileSync(rev, revText);

  // ---- publish: the ledger keeps the indices ----------------------------------
  r = run(['publish', site, '-o', out(4), '--quiet', ...signed]);
  ok(r.ok, 'the site publishes with the key', r.err);
  const ledgerPath = path.join(site, 'content', 'published.txt');
  let ledger = fs.readFileSync(ledgerPath, 'utf8');
  const recorded = {};
  for (const m of ledger.matchAll(/^\/awards\/([0-9a-f]{16})\.credential\.json status:(\d+)$/gm))
    recorded[m[1]] = m[2];
  ok(ids.every((id) => recorded[id] === aw1[id].cred.credentialStatus.statusListIndex),
    'the ledger records each credential with the index a build without publish gave it',
    JSON.stringify(recorded));
  ok(/^\/did\.json$/m.test(ledger) && ledger.includes(`/${listPath}\n`),
    'and the DID document and the status list');

  // a recorded index is kept, whatever a new award's computation says
  const moved = ids.find((id) => !aw1[id].assertion.revoked);
  ledger = ledger.replace(`/awards/${moved}.credential.json status:${recorded[moved]}\n`,
    `/awards/${moved}.credential.json status:5\n`);
  fs.writeFileSync(ledgerPath, ledger);
  const batch = path.join(site, 'content', 'awards', '2026-spring.csv');
  fs.writeFileSync(batch, 'badge,version,recipient,name,show_name,issued,expires,evidence_url,evidence_narrative,key\n' +
    'online-learning-facilitator,,quill.ashgrove@learners.example,Quill Ashgrove,yes,2026-03-02,,,"Led the spring cohort\'s live sessions.",\n');
  r = run(['build', site, '-o', out(5), '--quiet', ...signed]);
  ok(r.ok, 'the site builds with a new batch', r.err);
  ok(readJson(path.join(out(5), listPath)).validFrom === list1.validFrom,
    'a new award does not move the status list\'s validFrom');
  const aw5 = awardsOf(out(5));
  ok(aw5[moved].cred.credentialStatus.statusListIndex === '5',
    'an index the ledger records is the one the credential carries');
  ok(ids.filter((id) => id !== moved).every((id) =>
    aw5[id].cred.credentialStatus.statusListIndex === recorded[id]),
  'a new award leaves every published index as it was');
  const fresh = Object.keys(aw5).find((id) => !aw1[id]);
  ok(fresh && !Object.values(recorded).includes(aw5[fresh].cred.credentialStatus.statusListIndex),
    `the new award takes a free index (${fresh && aw5[fresh].cred.credentialStatus.statusListIndex})`);
  fs.writeFileSync(ledgerPath, ledger.replace(`status:5\n`, 'status:five\n'));
  r = run(['build', site, '-o', out(6), '--quiet', ...signed]);
  ok(!r.ok && /published\.txt:\d+:\d+: error: 'status:five' is not a status list index/.test(r.err),
    'a malformed index in the ledger is an error at its line', r.err);
  fs.writeFileSync(ledgerPath, ledger);

  // ---- without the key --------------------------------------------------------
  r = run(['publish', site, '-o', out(7), '--secret', secret]);
  ok(!r.ok && /error: this site published signed credentials/.test(r.err) &&
     /--key FILE or BADGESITE_SIGNING_KEY/.test(r.err) &&
     (r.err.match(/published signed credentials/g) || []).length === 1,
  'publish without the key, after a signed publish, is one error with the fix', r.err);
  r = run(['check', site, '--secret', secret]);
  ok(!r.ok && /this site published signed credentials/.test(r.err),
    'check of the site as published says the same', r.err);
  r = run(['build', site, '-o', out(8), '--quiet', '--secret', secret]);
  ok(r.ok && !fs.existsSync(path.join(out(8), listPath)),
    'a build without the key still previews (no signed files)', r.err);

  // ---- a key and no awards: the DID document all the same ------------------------
  const bare = path.join(tmp, 'bare');
  fs.mkdirSync(bare);
  for (const f of ['site.json', 'content', 'layouts', 'assets'])
    fs.cpSync(path.join(repo, f), path.join(bare, f), { recursive: true });
  fs.rmSync(path.join(bare, 'content', 'awards'), { recursive: true });
  r = run(['build', bare, '-o', out(9), '--quiet', '--key', key]);
  ok(r.ok && fs.existsSync(path.join(out(9), 'did.json')) &&
     !fs.existsSync(path.join(out(9), 'awards')),
  'a site with a key and no awards publishes its DID document (and no status list)', r.err);
  finish();
})();
