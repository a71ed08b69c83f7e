/** Secret detection and redaction: detectors for known token formats and Kubernetes context. */
export { redact, typePrefix } from './redact.ts';
export { secretName, words, type SecretName } from './names.ts';
export { findTokens, TOKEN_PATTERNS, type TokenMatch } from './patterns.ts';
export { secretlintSync, lintWithSecretlintCore, type SecretlintMatch } from './secretlint.ts';
export {
  classifySecretEntry,
  decodeBase64,
  detectByName,
  detectFormats,
  detectInArgv,
  detectInText,
  detectNamedValue,
  type Confidence,
  type DetectOptions,
  type Detection,
} from './detect.ts';
export { isBenignValue, isPlaceholder, looksRandom, shannonEntropy, charsetOf } from './text.ts';
