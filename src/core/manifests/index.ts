export * from './types.ts';
export { loadManifests } from './load.ts';
export { parseManifestText } from './parse.ts';
