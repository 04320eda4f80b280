#!/bin/sh
# Open Badges 3.0 JSON Schema conformance of built sites: see schema.py.
# Debian's python3 with its python3-jsonschema (make check installs it).
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
exec "$py" tests/ob3/schema.py "$@"
