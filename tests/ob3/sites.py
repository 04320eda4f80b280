#!/usr/bin/env python3
"""Builds the sites the Open Badges 3.0 tests read, into a temporary folder.

    python3 tests/ob3/sites.py TMPDIR

Copies the example site (the repository root) and tests/sites/atingi into
TMPDIR and publishes each copy, so every badge's current version is built
now and the version-1 snapshots under content/published/ are served as
they were kept. Then it raises one example badge (tripartism-basics) to
version 2 and publishes again, so a badge has an older version (from its
snapshot) and a newer one (built now). Last, a preview of the example at
another --base-url. The repository's own files are never written.

Prints one JSON object: {"sites": [{"name", "pub", "base", "site"}],
"preview": {"pub", "base", "canonical"}, "bumped": {"id", "site"}}.
Exits 1 with the reason on stderr when a build fails.
"""
import json
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.join(REPO, os.environ.get('BADGESITE_BUILD', 'build'),
                   'badgesite')
BUMP = 'tripartism-basics'
PREVIEW_BASE = 'http://localhost:8000/preview/'


def run(*args):
    r = subprocess.run([BIN, *args, '--quiet'], capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.stderr.write('badgesite %s failed (%d):\n%s%s' %
                         (' '.join(args), r.returncode, r.stdout, r.stderr))
        sys.exit(1)


def copy_site(src, dst):
    os.makedirs(dst)
    for entry in ('site.json', 'content', 'layouts', 'assets'):
        f = os.path.join(src, entry)
        if os.path.isdir(f):
            shutil.copytree(f, os.path.join(dst, entry), symlinks=True)
        elif os.path.exists(f):
            shutil.copy2(f, os.path.join(dst, entry))


def base_of(site):
    with open(os.path.join(site, 'site.json'), encoding='utf-8') as f:
        b = json.load(f)['base_url']
    return b if b.endswith('/') else b + '/'


def bump(site, badge):
    """Version 2 of a badge: its narrative gains a sentence."""
    p = os.path.join(site, 'content', 'badges', badge + '.md')
    with open(p, encoding='utf-8') as f:
        text = f.read()
    m = re.match(r'(\{.*?\n\})\n(.*)\Z', text, re.S)
    fm = json.loads(m.group(1))
    fm['version'] = 2
    body = m.group(2).rstrip('\n') + '\n\nVersion 2 adds this sentence.\n'
    with open(p, 'w', encoding='utf-8') as f:
        f.write(json.dumps(fm, indent=2, ensure_ascii=False) + '\n' + body)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write('usage: sites.py TMPDIR\n')
        sys.exit(2)
    if not os.access(BIN, os.X_OK):
        sys.stderr.write('no %s: run make first\n' % BIN)
        sys.exit(1)
    tmp = os.path.abspath(sys.argv[1])
    # the example awards badges: publishing needs an award secret, kept
    # outside the sites and readable by its owner only
    secret = os.path.join(tmp, 'award-secret')
    fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, b'a test secret, never a real one\n')
    os.close(fd)
    os.environ['BADGESITE_AWARD_SECRET'] = secret
    sites = []
    for name, src in (('example', REPO),
                      ('atingi', os.path.join(REPO, 'tests', 'sites',
                                              'atingi'))):
        site = os.path.join(tmp, name)
        pub = os.path.join(tmp, name + '-public')
        copy_site(src, site)
        run('publish', site, '-o', pub)
        sites.append({'name': name, 'pub': pub, 'base': base_of(site),
                      'site': site})
    example = sites[0]
    bump(example['site'], BUMP)
    run('publish', example['site'], '-o', example['pub'])
    preview = os.path.join(tmp, 'preview-public')
    run('build', example['site'], '-o', preview, '--base-url', PREVIEW_BASE)
    print(json.dumps({
        'sites': sites,
        'preview': {'pub': preview, 'base': PREVIEW_BASE,
                    'canonical': example['base']},
        'bumped': {'id': BUMP, 'site': 'example'},
    }))


if __name__ == '__main__':
    main()
