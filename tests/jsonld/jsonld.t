#!/bin/sh
# Open Badges 2.0 JSON-LD conformance of a built site: see expand.js.
exec node tests/jsonld/expand.js "$@"
