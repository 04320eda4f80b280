// tap.js: the Test Anything Protocol for the Node tests run by prove,
// as tap.h is for the C ones: ok() one line per check, finish() the
// plan and the exit status.
'use strict';

let tapN = 0;
let tapFailed = 0;

// One check: "ok N - name", or "not ok" with each diag line after "#".
function ok(cond, name, ...diag) {
  tapN++;
  console.log(`${cond ? '' : 'not '}ok ${tapN} - ${name}`);
  if (!cond) {
    tapFailed++;
    for (const d of diag)
      for (const line of String(d).split('\n')) console.log(`#   ${line}`);
  }
  return cond;
}

// The plan, then exit: 1 if any check failed.
function finish() {
  console.log(`1..${tapN}`);
  process.exit(tapFailed ? 1 : 0);
}

module.exports = { ok, finish };
