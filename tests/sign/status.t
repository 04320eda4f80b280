#!/bin/sh
# Status lists of signed credentials: see status.js.
exec node tests/sign/status.js "$@"
