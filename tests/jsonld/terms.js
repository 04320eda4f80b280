// terms.js: what the JSON-LD tests ask of a document and its expanded
// form: every key of it (to drop one at a time), and every term the
// expansion produced (to check none is unknown). Used by tests/jsonld and
// tests/ob3.
'use strict';

// Every [path, key] of the document's objects, @context values left out.
function keyPaths(v, at = [], out = []) {
  if (Array.isArray(v)) {
    v.forEach((x, i) => keyPaths(x, at.concat(i), out));
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (k === '@context') continue;
      out.push([at, k]);
      keyPaths(v[k], at.concat(k), out);
    }
  }
  return out;
}

function without(doc, at, key) {
  const copy = JSON.parse(JSON.stringify(doc));
  let o = copy;
  for (const step of at) o = o[step];
  delete o[key];
  return copy;
}

// Every property IRI and node @type of the expanded form.
function expandedTerms(v, out = new Set()) {
  if (Array.isArray(v)) {
    v.forEach((x) => expandedTerms(x, out));
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (k === '@type' && !('@value' in v))
        [].concat(v[k]).forEach((t) => out.add(t));
      else if (!k.startsWith('@')) out.add(k);
      if (k !== '@value') expandedTerms(v[k], out);
    }
  }
  return out;
}

module.exports = { keyPaths, without, expandedTerms };
