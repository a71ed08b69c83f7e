/** kubeward as a library: scan manifests, run the rule catalog, format reports. */
export * from './core/model.ts';
export { scan, type ScanOptions } from './core/scan.ts';
export { evaluate, defaultSetting, type EngineOptions, type EngineResult, type RuleSetting } from './core/engine.ts';
export { catalog, getRule } from './core/rules/index.ts';
export type { Rule, RuleMeta, RuleContext, Violation, InventoryViolation } from './core/rules/index.ts';
export type { LiveContext, PssLevel } from './core/rules/types.ts';
export { podSecurityViolations, type PssViolation } from './core/rules/pss.ts';
export { loadManifests, parseManifestText } from './core/manifests/index.ts';
export type { K8sObject, Inventory, LoadOptions, LoadProblem } from './core/manifests/index.ts';
export { VERSION } from './core/version.ts';
export {
  ConfigError,
  parseConfig,
  resolveConfig,
  loadConfigFile,
  findConfigFile,
  type KubewardConfig,
} from './core/config.ts';
export { loadRunConfig } from './core/scan.ts';
export { createSuppressor, suppressionRules } from './core/suppress.ts';
export { renderRuleDoc } from './core/docs.ts';
export { formatReport, REPORT_FORMATS, type ReportFormat, type FormatOptions } from './core/report/index.ts';
export { reportFromJson } from './core/report/json-read.ts';
export { verify, verifyExitCode, parseDuration, VerifyUsageError, type VerifyOptions } from './core/verify.ts';
