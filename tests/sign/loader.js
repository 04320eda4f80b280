// loader.js: the offline JSON-LD document loader the signing tests share.
// It serves the credentials v2 and Open Badges 3.0 contexts from the
// copies in tests/conformance/ob3/context, the site's own extension
// context from a build, a DID document and its verification methods, and
// whatever else a test hands it; any other URL is refused, so no test
// ever reaches the network.
'use strict';

const fs = require('fs');
const path = require('path');

const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const ctxDir = path.join(__dirname, '..', 'conformance', 'ob3', 'context');

const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));

// The contexts a credential of the site built into pub (base: its
// base_url) names: VC 2.0, OB 3.0.3 and the site's extension context.
function siteContexts(pub, base) {
  return new Map([
    [VC2, readJson(path.join(ctxDir, 'w3c-credentials-v2.jsonld'))],
    [OB3, readJson(path.join(ctxDir, 'context-3.0.3.json'))],
    [base + 'contexts/framework-ob3-v1.jsonld',
      readJson(path.join(pub, 'contexts', 'framework-ob3-v1.jsonld'))],
  ]);
}

// A document loader: contexts (url -> document), the DID document did
// and its verification methods (as Multikey documents), then
// more(url), which gives a document or undefined.
function offlineLoader({ contexts, did, more }) {
  const found = (url, document) => ({ contextUrl: null, documentUrl: url, document });
  return async (url) => {
    if (contexts.has(url)) return found(url, contexts.get(url));
    const extra = more && more(url);
    if (extra) return found(url, extra);
    const [doc, frag] = url.split('#');
    if (did && doc === did.id) {
      if (!frag) return found(url, did);
      const vm = did.verificationMethod.find((v) => v.id === url);
      if (vm) return found(url, { '@context': 'https://w3id.org/security/multikey/v1', ...vm });
    }
    throw new Error(`refusing to load ${url}: tests run offline`);
  };
}

// The pinned npm packages that sign and verify (@digitalbazaar/vc,
// data-integrity, the eddsa-rdfc-2022 cryptosuite, the bitstring status
// list), and suite(), a fresh verifying proof suite. Rejects when they
// are not installed (npm ci).
async function signingPackages() {
  const scope = path.join(__dirname, '..', '..', 'node_modules', '@digitalbazaar');
  const lib = (name) => import(path.join(scope, name, 'lib', 'index.js'));
  const vc = await lib('vc');
  const { DataIntegrityProof } = await lib('data-integrity');
  const { cryptosuite } = await lib('eddsa-rdfc-2022-cryptosuite');
  const statusList = await lib('vc-bitstring-status-list');
  return {
    vc, DataIntegrityProof, cryptosuite, statusList,
    suite: () => new DataIntegrityProof({ cryptosuite }),
  };
}

module.exports = { VC2, OB3, ctxDir, readJson, siteContexts, offlineLoader, signingPackages };
