#!/bin/sh
# Installs exactly the Debian packages named on the command line that are
# missing, when run as root; otherwise prints the command and stops.
missing=""
# PKG@CMD names a package needed only when the command CMD is missing
# (node and npm may come from elsewhere than Debian).
for p in "$@"; do
	case "$p" in
	*@*)
		command -v "${p#*@}" >/dev/null 2>&1 || missing="$missing ${p%@*}"
		continue ;;
	esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing ||
	{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing; } || exit 1
else
	echo "deps: these packages are missing. Install them with:" >&2
	echo "  sudo apt-get install --no-install-recommends$missing" >&2
	exit 1
fi
