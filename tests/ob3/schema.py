#!/usr/bin/env python3
"""Open Badges 3.0 JSON Schema conformance of built sites, as TAP.

Builds the example site and tests/sites/atingi (tests/ob3/sites.py: every
badge version, one raised to version 2, both of the example's issuers)
and checks, against 1EdTech's published schemas in
tests/conformance/ob3/schema/ (JSON Schema draft 2019-09, Debian's
python3-jsonschema, no network):

- every badges/**/achievement.json against the Achievement schema
  (derived/: $defs/Achievement of the AchievementCredential schema);
- every issuers/*.ob3.json against the Profile schema;
- every Achievement wrapped in an unsigned OpenBadgeCredential (issuer the
  creator's Profile) against the AchievementCredential schema, both the
  json/ and the json-ld/ copy;
- ids are the URLs the files are hosted at, every badge folder has both
  JSON forms, version 2 names version 1 in `related`, and the extension
  context's IRIs do not follow --base-url.
"""
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
CONF = os.path.join(REPO, 'tests', 'conformance', 'ob3')

n = 0
failed = 0


def ok(cond, name, *diag):
    global n, failed
    n += 1
    print('%sok %d - %s' % ('' if cond else 'not ', n, name))
    if not cond:
        failed += 1
        for d in diag:
            for line in str(d).split('\n'):
                print('#   ' + line)
    return cond


def finish():
    print('1..%d' % n)
    sys.exit(1 if failed else 0)


try:
    from jsonschema import Draft201909Validator
except ImportError:
    ok(False, 'python3-jsonschema is installed (make check installs it)')
    finish()


def load(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def validator(rel):
    schema = load(os.path.join(CONF, 'schema', rel))
    if rel.startswith('derived/'):
        # the derived file's $id names its source with a space and a
        # fragment, which draft 2019-09 does not allow in an $id: give it
        # a plain one here (the file stays as it was derived)
        schema['$id'] = 'urn:badgesite:derived:' + os.path.basename(rel)
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(schema)


def errors(v, doc):
    out = []
    for e in sorted(v.iter_errors(doc), key=lambda e: list(e.path)):
        where = '/'.join(str(p) for p in e.absolute_path) or '(root)'
        out.append('%s: %s' % (where, e.message[:300]))
    return out


ACHIEVEMENT = validator('derived/ob_v3p0_achievement_schema.json')
PROFILE = validator('json/ob_v3p0_profile_schema.json')
CREDENTIAL = [
    ('json', validator('json/ob_v3p0_achievementcredential_schema.json')),
    ('json-ld',
     validator('json-ld/ob_v3p0_achievementcredential_schema.json')),
]


def credential(achievement, profile):
    """An unsigned OpenBadgeCredential awarding achievement."""
    a = copy.deepcopy(achievement)
    ctx = a.pop('@context')
    issuer = copy.deepcopy(profile)
    issuer.pop('@context', None)
    return {
        '@context': ctx,
        'id': 'urn:uuid:2f0c9a52-3f7e-4c53-9d0e-6a1f3b0c1d2e',
        'type': ['VerifiableCredential', 'OpenBadgeCredential'],
        'issuer': issuer,
        'validFrom': '2026-01-01T00:00:00Z',
        'name': a['name'],
        'credentialSubject': {
            'id': 'mailto:earner@example.org',
            'type': ['AchievementSubject'],
            'achievement': a,
        },
    }


def files(pub, sub, suffix):
    """Files under pub/sub, and under each language edition's pub/<lang>/sub
    (the French badges of a site in two languages: fr/badges/...)."""
    out = []
    subs = [os.path.join(pub, sub)] + [
        os.path.join(pub, d, sub) for d in sorted(os.listdir(pub))
        if re.fullmatch(r'[a-z]{2,3}(-[a-z0-9]+)*', d)
        and os.path.isdir(os.path.join(pub, d, sub))]
    for top in subs:
        for root, dirs, names in os.walk(top):
            dirs.sort()
            for f in sorted(names):
                if f.endswith(suffix):
                    out.append(os.path.join(root, f))
    return out


def url_of(pub, base, path):
    return base + os.path.relpath(path, pub).replace(os.sep, '/')


def check_site(s):
    pub, base, name = s['pub'], s['base'], s['name']
    site = load(os.path.join(s['site'], 'site.json'))
    profiles = {}
    ob3 = files(pub, 'issuers', '.ob3.json')
    ok(len(ob3) == len(site['issuers']),
       '%s: an OB 3.0 Profile for each of its %d issuers' %
       (name, len(site['issuers'])), 'found: %s' % ob3)
    for p in ob3:
        rel = os.path.relpath(p, pub)
        doc = load(p)
        errs = errors(PROFILE, doc)
        ok(not errs, '%s %s: valid against the Profile schema' % (name, rel),
           *errs)
        ok(doc.get('id') == url_of(pub, base, p),
           '%s %s: id is the URL it is hosted at' % (name, rel),
           'id: %s' % doc.get('id'))
        profiles[doc.get('id')] = doc

    badge_dirs = sorted(os.path.dirname(f)
                        for f in files(pub, 'badges', 'badge.json'))
    missing = [d for d in badge_dirs
               if not os.path.exists(os.path.join(d, 'achievement.json'))]
    ok(badge_dirs and not missing,
       '%s: each of its %d badge versions has an achievement.json' %
       (name, len(badge_dirs)),
       *('missing: %s' % os.path.relpath(d, pub) for d in missing))
    for p in files(pub, 'badges', 'achievement.json'):
        rel = os.path.relpath(p, pub)
        doc = load(p)
        errs = errors(ACHIEVEMENT, doc)
        ok(not errs,
           '%s %s: valid against the Achievement schema' % (name, rel),
           *errs)
        ok(doc.get('id') == url_of(pub, base, p),
           '%s %s: id is the URL it is hosted at' % (name, rel),
           'id: %s' % doc.get('id'))
        crit = doc.get('criteria', {})
        page = url_of(pub, base, os.path.dirname(p)) + '/'
        ok(crit.get('id') == page and crit.get('narrative'),
           '%s %s: criteria has the page as id and a narrative' %
           (name, rel), 'criteria.id: %s' % crit.get('id'))
        creator = (doc.get('creator') or {}).get('id')
        ok(creator in profiles,
           '%s %s: creator is a Profile this site hosts' % (name, rel),
           'creator: %s' % creator)
        for kind, v in CREDENTIAL:
            cred = credential(doc, profiles.get(creator, {}))
            errs = errors(v, cred)
            ok(not errs,
               '%s %s: as an OpenBadgeCredential, valid against the '
               'AchievementCredential schema (%s)' % (name, rel, kind),
               *errs)


def check_versions(info):
    s = next(x for x in info['sites'] if x['name'] == info['bumped']['site'])
    bid = info['bumped']['id']
    d = os.path.join(s['pub'], 'badges', bid)
    v1 = os.path.join(d, 'achievement.json')
    v2 = os.path.join(d, 'v2', 'achievement.json')
    if not ok(os.path.exists(v1) and os.path.exists(v2),
              '%s: version 1 (kept) and version 2 both have an '
              'Achievement' % bid):
        return
    a1, a2 = load(v1), load(v2)
    ok(a1.get('version') == '1' and a2.get('version') == '2',
       '%s: versions say 1 and 2' % bid,
       'v1: %s, v2: %s' % (a1.get('version'), a2.get('version')))
    rel = [r.get('id') for r in a2.get('related', [])]
    ok(a1.get('id') in rel,
       '%s: version 2 names version 1\'s Achievement in related' % bid,
       'related: %s' % rel)
    kept = os.path.join(s['site'], 'content', 'published', bid, 'v1',
                        'achievement.json')
    with open(kept, 'rb') as f1, open(v1, 'rb') as f2:
        ok(f1.read() == f2.read(),
           '%s: version 1\'s Achievement is served byte for byte from its '
           'snapshot' % bid)


def check_preview(info):
    p = info['preview']
    ctx = load(os.path.join(p['pub'], 'contexts', 'framework-ob3-v1.jsonld'))
    vocab = ctx['@context'].get('fw3', '')
    ok(vocab == p['canonical'] + 'contexts/framework-ob3-v1#',
       'a preview at another --base-url keeps the extension IRIs of '
       'site.json\'s base_url', 'fw3: %s' % vocab)
    a = load(os.path.join(p['pub'], 'badges', 'tripartism-basics', 'v2',
                          'achievement.json'))
    ok(a['id'].startswith(p['base']),
       'a preview\'s Achievement ids follow --base-url', 'id: %s' % a['id'])


def check_awards(tmp):
    """Each award's signed credential, as the example site builds it with
    a throw-away key and secret, against the AchievementCredential
    schema (the proof included)."""
    binary = os.path.join(REPO, os.environ.get('BADGESITE_BUILD', 'build'),
                          'badgesite')
    site = os.path.join(tmp, 'awards-site')
    os.makedirs(site)
    for e in ('site.json', 'content', 'layouts', 'assets'):
        src = os.path.join(REPO, e)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(site, e))
        else:
            shutil.copy2(src, os.path.join(site, e))
    keys = os.path.join(tmp, 'awards-keys')
    os.makedirs(keys, mode=0o700)
    key = os.path.join(keys, 'key.json')
    secret = os.path.join(keys, 'secret')
    fd = os.open(secret, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b'c2NoZW1hIHRlc3Qgc2VjcmV0IG9mIGF3YXJkcw==\n')
    os.close(fd)
    pub = os.path.join(tmp, 'awards-out')
    env = dict(os.environ, BADGESITE_SIGNING_KEY=key,
               BADGESITE_AWARD_SECRET=secret)
    r = subprocess.run([binary, 'keys', 'new', '--out', key],
                       capture_output=True, text=True)
    if r.returncode == 0:
        r = subprocess.run([binary, 'build', site, '-o', pub, '--quiet'],
                           capture_output=True, text=True, env=env)
    if not ok(r.returncode == 0,
              'the example site builds with a signing key', r.stderr):
        return
    creds = files(pub, 'awards', '.credential.json')
    ok(len(creds) >= 4, 'its awards have signed credentials (%d)' %
       len(creds))
    for p in creds:
        rel = os.path.relpath(p, pub)
        doc = load(p)
        ok(doc.get('credentialStatus', {}).get('type') ==
           'BitstringStatusListEntry',
           '%s: carries its BitstringStatusListEntry' % rel)
        for kind, v in CREDENTIAL:
            errs = errors(v, doc)
            ok(not errs, '%s: valid against the AchievementCredential '
               'schema (%s)' % (rel, kind), *errs)
    # the status list: 1EdTech publishes no schema for a
    # BitstringStatusListCredential; its proof against the schema's Proof,
    # and what the schema requires of every credential
    lists = files(pub, os.path.join('awards', 'status'), '.json')
    ok(len(lists) == 1, 'the example publishes one status list (%d)' %
       len(lists))
    cred_schema = load(os.path.join(
        CONF, 'schema', 'json', 'ob_v3p0_achievementcredential_schema.json'))
    proof_v = Draft201909Validator({'$defs': cred_schema['$defs'],
                                    '$ref': '#/$defs/Proof'})
    for p in lists:
        rel = os.path.relpath(p, pub)
        doc = load(p)
        errs = errors(proof_v, doc.get('proof'))
        ok(not errs and doc.get('proof'),
           '%s: its proof is valid against the schema\'s Proof' % rel, *errs)
        missing = [k for k in cred_schema['required']
                   if k not in doc and k != 'name']
        ok(not missing, '%s: has every property the schema requires of a '
           'credential (but name)' % rel, 'missing: %s' % missing)


def check_negative():
    """The validators can fail: a copy of a valid example, broken."""
    good = load(os.path.join(CONF, 'examples',
                             '1edtech-validator-test-simple.json'))
    ok(not errors(CREDENTIAL[0][1], good),
       '1EdTech\'s simple example is valid (the schema is read right)')
    bad = load(os.path.join(CONF, 'examples',
                            '1edtech-validator-test-simple-err-type.json'))
    ok(errors(CREDENTIAL[0][1], bad),
       '1EdTech\'s err-type example is refused')
    a = copy.deepcopy(good['credentialSubject']['achievement'])
    del a['criteria']
    ok(errors(ACHIEVEMENT, a),
       'an Achievement without criteria is refused')


def main():
    check_negative()
    with tempfile.TemporaryDirectory(prefix='badgesite-ob3-') as tmp:
        r = subprocess.run([sys.executable,
                            os.path.join(REPO, 'tests', 'ob3', 'sites.py'),
                            tmp], capture_output=True, text=True)
        if not ok(r.returncode == 0, 'the example and atingi sites publish',
                  r.stderr):
            finish()
        info = json.loads(r.stdout)
        for s in info['sites']:
            check_site(s)
        check_versions(info)
        check_preview(info)
        check_awards(tmp)
    finish()


if __name__ == '__main__':
    main()
