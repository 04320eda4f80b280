#!/bin/sh
# samebytes.sh: proves a change to the generator changed no output. Builds
# the example site, every test site and a generated 2,000-badge site (with
# 300 free pages) with two badgesite binaries, without the cache, and
# compares the published trees file for file (names, bytes, symlinks).
#
#   sh tools/samebytes.sh OLD-BINARY NEW-BINARY [BADGES]
#
# Typical use around a refactor:
#   make && cp build/badgesite /tmp/badgesite-before
#   ... change the code ...
#   make && sh tools/samebytes.sh /tmp/badgesite-before build/badgesite
# Exits 0 when every tree is identical, 1 with the first differences.
set -eu
[ $# -ge 2 ] || { echo "usage: samebytes.sh OLD-BINARY NEW-BINARY [BADGES]" >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
badges=${3:-2000}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000

perl "$repo/tools/bench/gensite.pl" "$work/generated" --badges "$badges" --pages 300 >/dev/null

status=0
compare() { # NAME SITE [build options]
	name=$1 site=$2
	shift 2
	for which in old new; do
		eval bin=\$$which
		# each build gets its own copy: a canonical build may write the ledger
		rm -rf "$work/src-$which" && cp -r "$site" "$work/src-$which"
		rm -rf "$work/src-$which/.badgesite-cache"
		if ! "$bin" build "$work/src-$which" -o "$work/out-$which" --no-cache --quiet "$@" \
			>"$work/log-$which" 2>&1; then
			echo "samebytes: $name: the $which binary failed:" >&2
			cat "$work/log-$which" >&2
			status=1
			return
		fi
	done
	if diff -r --no-dereference "$work/out-old" "$work/out-new" >"$work/diff" 2>&1 &&
		diff -r "$work/src-old/content" "$work/src-new/content" >>"$work/diff" 2>&1; then
		n=$(find "$work/out-new" -type f | wc -l)
		echo "same: $name ($n files)"
	else
		echo "DIFFERENT: $name" >&2
		head -20 "$work/diff" >&2
		status=1
	fi
	rm -rf "$work/out-old" "$work/out-new"
}

compare example "$repo"
compare example-drafts "$repo" --drafts --base-url https://preview.example.org/sub/
for s in "$repo"/tests/sites/*/; do
	compare "tests/sites/$(basename "$s")" "$s"
done
compare "generated $badges badges" "$work/generated"
exit $status
