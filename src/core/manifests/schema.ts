/** The YAML schema Kubernetes reads manifests with (sigs.k8s.io/yaml, YAML 1.1 scalars). */
import yaml from 'js-yaml';

const TRUE = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/** YAML 1.1 booleans: `yes`, `on`, `y` ... are booleans, as Kubernetes' decoder reads them. */
const bool11 = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  // booleans are 1 to 5 characters: most scalars are ruled out without the regex
  resolve: (data: string | null) => data !== null && data.length <= 5 && BOOL.test(data),
  construct: (data: string) => TRUE.test(data),
  predicate: (obj: unknown) => typeof obj === 'boolean',
  represent: (obj: object) => String(obj),
});

/** YAML 1.1 octal integers (`0644`), as file modes are often written. */
const octal11 = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data !== null && (data[0] === '0' || data[1] === '0') && /^[-+]?0[0-7]+$/.test(data),
  construct: (data: string) => {
    const neg = data.startsWith('-');
    const v = parseInt(data.replace(/^[-+]/, ''), 8);
    return neg ? -v : v;
  },
  predicate: (obj: unknown) => typeof obj === 'number' && Number.isInteger(obj),
  represent: (obj: object) => '0' + (obj as unknown as number).toString(8),
});

/**
 * Core schema (no timestamps: Kubernetes keeps `2024-01-01` as a string) plus merge keys,
 * YAML 1.1 booleans and octals.
 */
const merge = (yaml as unknown as { types: { merge: yaml.Type } }).types.merge;
export const K8S_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [bool11, octal11, merge] });
