#!/bin/sh
# Every page of the example site is valid HTML5 and passes the
# accessibility rules of html-validate (alt text, landmarks, headings,
# labels), offline from the locked node_modules.
set -u
build="${BADGESITE_BUILD:-build}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..2"
mkdir -p "$tmp/site"
cp -r site.json content layouts assets "$tmp/site/" 2>/dev/null
if "$build/badgesite" build "$tmp/site" -o "$tmp/out" --quiet >"$tmp/log" 2>&1; then
	echo "ok 1 - the example site builds"
else
	echo "not ok 1 - the example site builds"
	sed 's/^/#   /' "$tmp/log"
fi
pages=$(find "$tmp/out" -name '*.html' | sort)
if node_modules/.bin/html-validate --config tests/html/htmlvalidate.json $pages >"$tmp/v" 2>&1; then
	echo "ok 2 - $(echo "$pages" | wc -l) pages are valid HTML5 and pass the accessibility rules"
else
	echo "not ok 2 - pages are valid HTML5 and pass the accessibility rules"
	sed "s|$tmp/out/||; s/^/#   /" "$tmp/v" | head -80
fi
