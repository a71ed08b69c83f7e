// Jest transform for the TypeScript sources and tests: Node's own type stripping
// (module.stripTypeScriptTypes, the code path `node file.ts` runs), instead of compiling each file
// with the TypeScript compiler in every jest worker. The project only uses erasable syntax
// (tsconfig: erasableSyntaxOnly), so the types are replaced by blanks: line and column numbers stay
// those of the source and no source map is needed. Type errors are `npm run typecheck`'s job.
const { stripTypeScriptTypes } = require('node:module');
const { createHash } = require('node:crypto');

const VERSION = '1';

if (typeof stripTypeScriptTypes !== 'function')
  throw new Error(
    `the tests need Node >= 22.13 (module.stripTypeScriptTypes); this is ${process.version}: run them with npm test`,
  );

module.exports = {
  process(source) {
    return { code: stripTypeScriptTypes(source, { mode: 'strip' }) };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(VERSION)
      .update('\0')
      .update(process.version)
      .update('\0')
      .update(filename)
      .update('\0')
      .update(source)
      .digest('hex');
  },
};
