// Jest on Node 20 cannot load an ES module from CommonJS, and NestJS 12 ships its packages as ES modules only.
// The built app is unaffected (Node >= 20.19 loads them with require(esm)); under Jest this transform compiles
// those packages to CommonJS on the fly. Drop it once the test runner loads ES modules itself (Jest on Node 24.9+).
const { transformSync } = require('@swc/core');
const { createHash } = require('node:crypto');

const SELF = require('node:fs').readFileSync(__filename, 'utf8');

/** `createRequire(import.meta.url)` is the module's own require, which CommonJS (and Jest's registry) already has. */
function prepare(source) {
  return source
    .replace(/^\s*const require = createRequire\(import\.meta\.url\);\s*$/gm, '')
    .replace(/createRequire\(import\.meta\.url\)/g, 'require')
    .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href");
}

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(prepare(source), {
      filename,
      swcrc: false,
      sourceMaps: true,
      module: { type: 'commonjs', ignoreDynamic: false },
      jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022', keepClassNames: true },
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha1').update(SELF).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
