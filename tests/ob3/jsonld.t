#!/bin/sh
# Open Badges 3.0 JSON-LD conformance of built sites: see expand.js.
exec node tests/ob3/expand.js "$@"
