#!/bin/sh
# Every page of the example site, drafts included, passes axe-core's
# accessibility rules in a real browser (Debian's Chromium), with the
# site's styles applied, so colour contrast is checked too.
set -u
build="${BADGESITE_BUILD:-build}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/site"
cp -r site.json content layouts assets "$tmp/site/" 2>/dev/null
base=http://badgesite.test/
if ! "$build/badgesite" build "$tmp/site" -o "$tmp/out" --drafts \
	--base-url "$base" --quiet >"$tmp/log" 2>&1; then
	echo "1..1"
	echo "not ok 1 - the example site builds"
	sed 's/^/#   /' "$tmp/log"
	exit 1
fi
exec node tests/html/axe.js "$tmp/out" "$base"
