#!/bin/sh
# sign/ against jsonld.js and @digitalbazaar/vc: see verify.js.
exec node tests/sign/verify.js "$@"
