#!/bin/sh
# Awards' signed Open Badges 3.0 credentials: see awards.js.
exec node tests/sign/awards.js "$@"
