/**
 * Secret hunting: plaintext secrets in env, args, ConfigMaps and annotations, Secret objects
 * committed with data, and Secrets shared by too many workloads. Messages name what was found
 * (a GitHub token, a password) and where, never the value; findings carry a redacted preview.
 */
import type { FieldPath, Severity } from '../model.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import {
  classifySecretEntry,
  decodeBase64,
  detectInArgv,
  detectInText,
  detectNamedValue,
  type Detection,
  type DetectOptions,
} from '../secrets/index.ts';
import { allContainers, isObj, podTemplates } from './podspec.ts';
import type { Rule, RuleContext, Violation } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

const K8S_SECRETS = 'https://kubernetes.io/docs/concepts/configuration/secret/';
const K8S_SECRET_GOOD_PRACTICES = 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/';
const SEALED_SECRETS = 'https://github.com/bitnami-labs/sealed-secrets';
const ESO = 'https://external-secrets.io/';
const VAULT = 'https://developer.hashicorp.com/vault/docs/platform/k8s';
const OWASP_SECRETS = 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html';
const CWE_798 = 'https://cwe.mitre.org/data/definitions/798.html';

const STORE_ADVICE =
  'Keep the value out of the repository: create it as a Kubernetes Secret from a secret store, delivered by Sealed Secrets, the External Secrets Operator or the Vault agent/CSI provider, and rotate the exposed value, since it is already in the git history.';

const SECRET_KEY_REF_EXAMPLE = `env:
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: db-credentials   # created by External Secrets / Sealed Secrets / Vault
      key: password`;

/** Names of Secrets in the scanned set, per run: a value equal to one is a reference. */
function secretNames(ctx: RuleContext): ReadonlySet<string> {
  return ctx.memo('secrets:secret-names', () => {
    const s = new Set<string>();
    for (const o of ctx.objects) if (o.ref.kind === 'Secret' && o.ref.name) s.add(o.ref.name);
    return s;
  });
}

function opts(ctx: RuleContext): DetectOptions {
  return ctx.memo('secrets:detect-options', () => ({ resourceNames: secretNames(ctx), cache: new Map() }));
}

/** Detections of identifiers that pair with a secret, rather than of secrets. */
const IDENTIFIER_KINDS = new Set(['aws-access-key-id']);

/** The severity of a detection: entropy-only hunches are reported low, whatever the rule's default. */
function severityOf(d: Detection): Severity | undefined {
  return d.confidence === 'low' ? 'low' : undefined;
}

/** `a GitHub personal access token`, `a password`, `an API key`. */
function article(label: string): string {
  if (/^(registry )?credentials\b/.test(label)) return label;
  const vowelSound =
    /^[aeiouAEIOU]|^(npm|ssh|hmac|rsa|html|sdk|x509)\b/i.test(label) && !/^(one|user|uni)/i.test(label);
  return vowelSound ? `an ${label}` : `a ${label}`;
}

function describe(ds: readonly Detection[]): string {
  const labels = [...new Set(ds.map((d) => d.label))];
  const first = article(labels[0]);
  return labels.length === 1 ? first : `${first} and ${labels.length - 1} more kind(s) of secret`;
}

function best(ds: readonly Detection[]): Detection {
  const rank = { high: 2, medium: 1, low: 0 } as const;
  return [...ds].sort((a, b) => rank[b.confidence] - rank[a.confidence])[0];
}

/**
 * One violation for the detections in one value. For a multi-line value (a file in a ConfigMap, a
 * script in args) `details.lineInValue` says on which line of the value the secret sits.
 */
function violation(path: FieldPath, message: string, ds: readonly Detection[], text?: string): Violation {
  const d = best(ds);
  // an identifier that pairs with a secret (an AWS access key id alone) is medium: it names the key
  // and the account, but grants nothing without its secret
  const sev = ds.every((x) => IDENTIFIER_KINDS.has(x.kind))
    ? 'medium'
    : ds.some((x) => x.confidence !== 'low')
      ? undefined
      : severityOf(d);
  const details: Record<string, string> = { secretKind: d.kind, confidence: d.confidence };
  if (text !== undefined && d.index !== undefined && text.includes('\n')) {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < d.index; i = text.indexOf('\n', i + 1)) line++;
    details.lineInValue = String(line);
  }
  return { path, message, secretPreview: d.preview, ...(sev ? { severity: sev } : {}), details };
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// secret-in-env

export const secretInEnv: Rule = {
  meta: {
    id: 'secret-in-env',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Plaintext secret in container env, args or command',
    severity: 'critical',
    enabledByDefault: true,
    category: 'secrets',
    cis: '5.4.1',
    rationale:
      'A password, token or key written as an env `value`, or passed on the command line, is stored in plain text in the repository, in the object in etcd (readable by anyone who can read the workload), and in every rendered manifest and CI log. Command-line arguments are also visible in the process list of the node. Anyone with read access to the repository or the workload can use it.',
    remediation: `Move the value into a Kubernetes Secret and reference it with \`valueFrom.secretKeyRef\` (or mount it as a file). ${STORE_ADVICE} For command-line flags, read the value from an env var set by secretKeyRef (\`--password=$(DB_PASSWORD)\`) or from a mounted file.`,
    example: SECRET_KEY_REF_EXAMPLE,
    references: [K8S_SECRETS, K8S_SECRET_GOOD_PRACTICES, SEALED_SECRETS, ESO, VAULT, OWASP_SECRETS, CWE_798],
  },
  *check(obj, ctx) {
    const o = opts(ctx);
    for (const c of allContainers(obj)) {
      const env = c.container.env;
      if (Array.isArray(env)) {
        for (let i = 0; i < env.length; i++) {
          const e = env[i];
          if (!isObj(e) || e.valueFrom !== undefined) continue;
          const name = typeof e.name === 'string' ? e.name : '';
          const value = str(e.value);
          if (value === undefined) continue;
          const ds = detectNamedValue(name, value, o);
          if (!ds.length) continue;
          yield violation(
            [...c.path, 'env', i, 'value'],
            `${c.type} "${c.name}" sets env ${name || `[${i}]`} to ${describe(ds)} in plain text`,
            ds,
          );
        }
      }
      const command = Array.isArray(c.container.command) ? c.container.command : [];
      const args = Array.isArray(c.container.args) ? c.container.args : [];
      const argv = [...command, ...args];
      const byIndex = new Map<number, Detection[]>();
      for (const { index, detection } of detectInArgv(argv, o)) {
        const list = byIndex.get(index) ?? [];
        list.push(detection);
        byIndex.set(index, list);
      }
      for (const [index, ds] of [...byIndex].sort((a, b) => a[0] - b[0])) {
        const field = index < command.length ? 'command' : 'args';
        const j = index < command.length ? index : index - command.length;
        yield violation(
          [...c.path, field, j],
          `${c.type} "${c.name}" passes ${describe(ds)} in plain text in ${field}[${j}]`,
          ds,
          typeof argv[index] === 'string' ? argv[index] : undefined,
        );
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// secret-in-configmap

/** Detections in one ConfigMap-style entry: the key name with a one-line value, or a file's content. */
function entryDetections(key: string, value: string, o: DetectOptions): Detection[] {
  if (!value.includes('\n')) {
    const named = detectNamedValue(key, value, o);
    if (named.length) return named;
  }
  // a file, or a one-line `a=b;password=c` / `{"password": "c"}` value: judge what is inside
  return detectInText(value, o);
}

function printable(s: string): boolean {
  if (!s) return false;
  let bad = 0;
  for (let i = 0; i < Math.min(s.length, 4096); i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  return bad / Math.min(s.length, 4096) < 0.02;
}

export const secretInConfigMap: Rule = {
  meta: {
    id: 'secret-in-configmap',
    kinds: ['ConfigMap'],
    title: 'Secret in a ConfigMap',
    severity: 'high',
    enabledByDefault: true,
    category: 'secrets',
    rationale:
      'ConfigMaps are meant for non-confidential configuration: they are readable by far more principals than Secrets (many roles grant `get configmaps`), are not encrypted at rest by the usual EncryptionConfiguration, and are printed freely by tooling. A credential in a ConfigMap is exposed to all of them, and to everyone who can read the repository.',
    remediation: `Move the credential into a Secret and mount or reference it from there (\`secretKeyRef\`, a \`secret\` volume, or \`envFrom.secretRef\`); keep only non-secret settings in the ConfigMap. ${STORE_ADVICE}`,
    example: `apiVersion: v1
kind: Secret
metadata:
  name: app-credentials   # generated by External Secrets / Sealed Secrets, not committed
type: Opaque
---
# in the pod
envFrom:
- configMapRef: { name: app-config }
- secretRef: { name: app-credentials }`,
    references: [
      K8S_SECRETS,
      'https://kubernetes.io/docs/concepts/configuration/configmap/',
      SEALED_SECRETS,
      ESO,
      VAULT,
      CWE_798,
    ],
  },
  *check(obj, ctx) {
    if (obj.ref.kind !== 'ConfigMap') return;
    const o = opts(ctx);
    const data = obj.data.data;
    if (isObj(data)) {
      for (const [key, raw] of Object.entries(data)) {
        const value = str(raw);
        if (value === undefined) continue;
        const ds = entryDetections(key, value, o);
        if (ds.length) yield violation(['data', key], `ConfigMap key "${key}" holds ${describe(ds)}`, ds, value);
      }
    }
    const bin = obj.data.binaryData;
    if (isObj(bin)) {
      for (const [key, raw] of Object.entries(bin)) {
        if (typeof raw !== 'string') continue;
        const decoded = decodeBase64(raw);
        if (decoded === undefined || !printable(decoded)) continue;
        const ds = entryDetections(key, decoded, o);
        if (ds.length)
          yield violation(
            ['binaryData', key],
            `ConfigMap binaryData key "${key}" holds ${describe(ds)} (base64-encoded)`,
            ds,
            decoded,
          );
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// secret-in-annotation

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Detections inside an object embedded in last-applied-configuration, with their inner paths. */
function* embedded(data: unknown, o: DetectOptions): Generator<{ path: FieldPath; ds: Detection[] }> {
  if (!isObj(data)) return;
  if (data.kind === 'Secret') {
    const type = typeof data.type === 'string' ? data.type : 'Opaque';
    for (const field of ['data', 'stringData'] as const) {
      const m = data[field];
      if (!isObj(m)) continue;
      for (const [k, raw] of Object.entries(m)) {
        if (typeof raw !== 'string') continue;
        const value = field === 'data' ? decodeBase64(raw) : raw;
        if (value === undefined) continue;
        const d = classifySecretEntry(k, value, type, o);
        if (d) yield { path: [field, k], ds: [d] };
      }
    }
    return;
  }
  yield* walk(data, [], '', o);
}

/** Walks any JSON value, judging each string leaf by its key (env entries by their `name`). */
function* walk(
  v: unknown,
  path: FieldPath,
  key: string,
  o: DetectOptions,
): Generator<{ path: FieldPath; ds: Detection[] }> {
  if (typeof v === 'string') {
    const ds = v.includes('\n') ? detectInText(v, o) : detectNamedValue(key, v, o);
    if (ds.length) yield { path, ds };
    return;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield* walk(v[i], [...path, i], key, o);
    return;
  }
  if (!isObj(v)) return;
  if (typeof v.name === 'string' && v.value !== undefined && v.valueFrom === undefined) {
    const value = str(v.value);
    if (value !== undefined) {
      const ds = detectNamedValue(v.name, value, o);
      if (ds.length) yield { path: [...path, 'value'], ds };
    }
    return;
  }
  for (const [k, child] of Object.entries(v)) {
    if (k === 'valueFrom' || k === 'secretKeyRef') continue;
    yield* walk(child, [...path, k], k, o);
  }
}

function annotationSets(obj: K8sObject): { path: FieldPath; annotations: JsonObject }[] {
  const out: { path: FieldPath; annotations: JsonObject }[] = [];
  const md = obj.data.metadata;
  if (isObj(md) && isObj(md.annotations)) out.push({ path: ['metadata', 'annotations'], annotations: md.annotations });
  for (const t of podTemplates(obj)) {
    if (isObj(t.metadata.annotations) && t.metaPath.length > 1)
      out.push({ path: [...t.metaPath, 'annotations'], annotations: t.metadata.annotations });
  }
  return out;
}

export const secretInAnnotation: Rule = {
  meta: {
    id: 'secret-in-annotation',
    title: 'Secret in an annotation',
    severity: 'high',
    enabledByDefault: true,
    category: 'secrets',
    rationale:
      "Annotations are metadata: every tool that lists an object prints them, and whoever can read the object can read them. A credential placed in an annotation, or left in `kubectl.kubernetes.io/last-applied-configuration` (which `kubectl apply` fills with the whole applied object, including a Secret's data), is exposed in plain text even when the Secret itself is protected.",
    remediation: `Remove the value from the annotation and keep it in a Secret that the consumer reads by reference. For last-applied-configuration, do not \`kubectl apply\` Secrets with data from the repository; use server-side apply, or let Sealed Secrets / External Secrets / Vault create them. ${STORE_ADVICE}`,
    example: `metadata:
  annotations:
    # reference the credential, do not inline it
    example.com/credentials-secret: app-credentials`,
    references: [
      'https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/',
      'https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/',
      K8S_SECRET_GOOD_PRACTICES,
      SEALED_SECRETS,
      ESO,
      CWE_798,
    ],
  },
  *check(obj, ctx) {
    const o = opts(ctx);
    for (const set of annotationSets(obj)) {
      for (const [key, raw] of Object.entries(set.annotations)) {
        const value = str(raw);
        if (value === undefined) continue;
        const base: FieldPath = [...set.path, key];
        if (key === LAST_APPLIED) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(value);
          } catch {
            parsed = undefined;
          }
          if (parsed !== undefined) {
            for (const { path, ds } of embedded(parsed, o)) {
              const inner = path
                .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
                .join('')
                .replace(/^\./, '');
              yield violation([...base, ...path], `annotation ${LAST_APPLIED} embeds ${describe(ds)} at ${inner}`, ds);
            }
            continue;
          }
        }
        // Helm's `checksum/config: {{ include ... | sha256sum }}` pattern: a digest of a file that
        // rolls the pods when it changes, not the secret itself
        if (/^checksum\//.test(key) && /^(?:sha(?:1|256|512)[:-])?[a-f0-9]{32,128}$/i.test(value.trim())) continue;
        const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
        const ds = entryDetections(name, value, o);
        if (ds.length) yield violation(base, `annotation "${key}" holds ${describe(ds)}`, ds, value);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// secret-in-custom-resource

/** A kind served from a CustomResourceDefinition: its group is a domain outside Kubernetes' own. */
export function isCustomResource(obj: K8sObject): boolean {
  const api = obj.ref.apiVersion;
  const slash = api.indexOf('/');
  if (slash < 0) return false; // core v1
  const group = api.slice(0, slash);
  return group.includes('.') && !/(?:^|\.)k8s\.io$|(?:^|\.)kubernetes\.io$/.test(group);
}

/** Fields whose values are ciphertext meant to be committed (SealedSecret, SOPS), not secrets. */
const ENCRYPTED = /^ENC\[[A-Z0-9_]+,data:/;

/**
 * Every string field of a custom resource outside metadata and status, judged as a ConfigMap
 * entry: the key name with a one-line value, a multi-line value as a file; `{name, value}` pairs
 * by their name. Pod templates inside (Argo Rollouts, Knative ...) are secret-in-env's.
 */
function* crFields(
  v: unknown,
  path: FieldPath,
  key: string,
  o: DetectOptions,
  skip: ReadonlySet<string>,
): Generator<{ path: FieldPath; ds: Detection[]; value?: string }> {
  if (typeof v === 'string') {
    if (ENCRYPTED.test(v)) return;
    const ds = entryDetections(key, v, o);
    if (ds.length) yield { path, ds, value: v };
    return;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield* crFields(v[i], [...path, i], key, o, skip);
    return;
  }
  if (!isObj(v) || skip.has(path.join('\u0000'))) return;
  if (typeof v.name === 'string' && v.value !== undefined && !isObj(v.value) && !Array.isArray(v.value)) {
    const value = str(v.value);
    if (value !== undefined) {
      const ds = entryDetections(v.name, value, o);
      if (ds.length) yield { path: [...path, 'value'], ds, value };
    }
    return;
  }
  for (const [k, child] of Object.entries(v)) {
    if (path.length === 0 && (k === 'apiVersion' || k === 'kind' || k === 'metadata' || k === 'status' || k === 'sops'))
      continue;
    if (k === 'valueFrom' || k === 'secretKeyRef' || k === 'encryptedData') continue;
    yield* crFields(child, [...path, k], k, o, skip);
  }
}

export const secretInCustomResource: Rule = {
  meta: {
    id: 'secret-in-custom-resource',
    title: 'Secret in a custom resource',
    severity: 'high',
    enabledByDefault: true,
    category: 'secrets',
    rationale:
      "Custom resources (an AlertmanagerConfig's Slack token, an operator's database password) are stored in etcd unencrypted, readable by every principal that can read the resource and printed by every tool that lists it; a credential written into one is also in the repository and its history. Most operators offer a field that references a Secret instead.",
    remediation: `Use the resource's Secret reference field (\`passwordSecretRef\`, \`tokenSecret\`, \`*SecretKeyRef\`) and keep the value in a Secret. ${STORE_ADVICE}`,
    example: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
spec:
  receivers:
  - name: slack
    slackConfigs:
    - apiURL:            # a reference, not the webhook URL
        name: slack-webhook
        key: url`,
    references: [
      'https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/',
      K8S_SECRET_GOOD_PRACTICES,
      SEALED_SECRETS,
      ESO,
      CWE_798,
    ],
  },
  *check(obj, ctx) {
    if (!isCustomResource(obj)) return;
    const o = opts(ctx);
    const skip = new Set(podTemplates(obj).map((t) => t.specPath.join('\u0000')));
    const kind = obj.ref.kind;
    for (const { path, ds, value } of crFields(obj.data, [], '', o, skip)) {
      const field = path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .replace(/^\./, '');
      yield violation(path, `${kind} field ${field} holds ${describe(ds)}`, ds, value);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// secret-committed

export const secretCommitted: Rule = {
  meta: {
    id: 'secret-committed',
    kinds: ['Secret'],
    title: 'Secret with data committed to the repository',
    severity: 'high',
    enabledByDefault: true,
    category: 'secrets',
    rationale:
      'A Secret manifest with `data` or `stringData` stores the credential in the repository: base64 is an encoding, not encryption. Everyone with read access to the repository, its forks, CI logs and history holds the TLS key, registry password or token, and it stays in the git history after it is removed.',
    remediation: `Do not commit Secret values. Commit an encrypted SealedSecret (Sealed Secrets), an ExternalSecret that points at a secret store (External Secrets Operator), or inject the value with Vault; for TLS keys let cert-manager issue them. Rotate every value that was committed. ${STORE_ADVICE}`,
    example: `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: db-credentials
spec:
  secretStoreRef: { name: vault, kind: ClusterSecretStore }
  target: { name: db-credentials }
  data:
  - secretKey: password
    remoteRef: { key: prod/db, property: password }`,
    references: [
      K8S_SECRETS,
      K8S_SECRET_GOOD_PRACTICES,
      SEALED_SECRETS,
      ESO,
      VAULT,
      'https://cert-manager.io/docs/',
      CWE_798,
    ],
  },
  *check(obj, ctx) {
    if (obj.ref.kind !== 'Secret') return;
    // in a cluster a Secret is where the data belongs: only a committed manifest is a leak
    if (ctx.mode === 'live' || obj.origin !== 'manifest') return;
    const o = opts(ctx);
    const type = typeof obj.data.type === 'string' ? obj.data.type : 'Opaque';
    const name = obj.ref.name || '(unnamed)';
    for (const field of ['data', 'stringData'] as const) {
      const m = obj.data[field];
      if (!isObj(m)) continue;
      for (const [key, raw] of Object.entries(m)) {
        const rawStr = str(raw);
        if (rawStr === undefined || rawStr.trim() === '') continue;
        const value = field === 'data' ? decodeBase64(rawStr) : rawStr;
        // data that is not base64 is invalid for the API server; judge the raw text instead
        const d = classifySecretEntry(key, value ?? rawStr, type, o);
        if (!d) continue;
        yield violation(
          [field, key],
          `Secret "${name}" commits ${article(d.label)} in ${field} key "${key}"${field === 'data' ? ' (base64 is not encryption)' : ''}`,
          [d],
        );
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// secret-over-shared

interface SecretUse {
  workload: K8sObject;
  path: FieldPath;
  serviceAccount: string;
}

interface SecretIndex {
  /** namespace/name -> uses */
  uses: Map<string, SecretUse[]>;
  /** namespace/name -> service accounts that list the Secret (secrets, imagePullSecrets) */
  saRefs: Map<string, Set<string>>;
  secrets: Map<string, K8sObject>;
}

function nsOf(o: K8sObject): string {
  return o.ref.namespace ?? '';
}

function controlled(obj: K8sObject): boolean {
  const md = obj.data.metadata;
  if (!isObj(md) || !Array.isArray(md.ownerReferences)) return false;
  return md.ownerReferences.some((r) => isObj(r) && r.controller === true);
}

function secretIndex(ctx: RuleContext): SecretIndex {
  return ctx.memo('secrets:secret-uses', () => {
    const idx: SecretIndex = { uses: new Map(), saRefs: new Map(), secrets: new Map() };
    const add = (ns: string, name: unknown, u: SecretUse) => {
      if (typeof name !== 'string' || !name) return;
      const k = `${ns}/${name}`;
      const list = idx.uses.get(k) ?? [];
      list.push(u);
      idx.uses.set(k, list);
    };
    for (const obj of ctx.objects) {
      const ns = nsOf(obj);
      if (obj.ref.kind === 'Secret' && obj.ref.name) idx.secrets.set(`${ns}/${obj.ref.name}`, obj);
      if (obj.ref.kind === 'ServiceAccount' && obj.ref.name) {
        for (const field of ['secrets', 'imagePullSecrets']) {
          const list = obj.data[field];
          if (!Array.isArray(list)) continue;
          for (const r of list) {
            if (!isObj(r) || typeof r.name !== 'string') continue;
            const k = `${ns}/${r.name}`;
            const s = idx.saRefs.get(k) ?? new Set<string>();
            s.add(obj.ref.name);
            idx.saRefs.set(k, s);
          }
        }
      }
      // a Pod or ReplicaSet run by a controller (live inventories) is counted through its controller
      if (controlled(obj)) continue;
      for (const t of podTemplates(obj)) {
        const spec = t.spec;
        const sa =
          typeof spec.serviceAccountName === 'string'
            ? spec.serviceAccountName
            : typeof spec.serviceAccount === 'string'
              ? spec.serviceAccount
              : 'default';
        const use = (path: FieldPath) => ({ workload: obj, path, serviceAccount: sa });
        if (Array.isArray(spec.imagePullSecrets))
          spec.imagePullSecrets.forEach(
            (r, i) => isObj(r) && add(ns, r.name, use([...t.specPath, 'imagePullSecrets', i, 'name'])),
          );
        if (Array.isArray(spec.volumes)) {
          spec.volumes.forEach((v, i) => {
            if (!isObj(v)) return;
            if (isObj(v.secret))
              add(ns, v.secret.secretName, use([...t.specPath, 'volumes', i, 'secret', 'secretName']));
            if (isObj(v.projected) && Array.isArray(v.projected.sources))
              v.projected.sources.forEach((s, j) => {
                if (isObj(s) && isObj(s.secret))
                  add(
                    ns,
                    s.secret.name,
                    use([...t.specPath, 'volumes', i, 'projected', 'sources', j, 'secret', 'name']),
                  );
              });
          });
        }
        for (const c of allContainersOf(t)) {
          const env = c.container.env;
          if (Array.isArray(env))
            env.forEach((e, i) => {
              if (isObj(e) && isObj(e.valueFrom) && isObj(e.valueFrom.secretKeyRef))
                add(ns, e.valueFrom.secretKeyRef.name, use([...c.path, 'env', i, 'valueFrom', 'secretKeyRef', 'name']));
            });
          const envFrom = c.container.envFrom;
          if (Array.isArray(envFrom))
            envFrom.forEach((e, i) => {
              if (isObj(e) && isObj(e.secretRef))
                add(ns, e.secretRef.name, use([...c.path, 'envFrom', i, 'secretRef', 'name']));
            });
        }
      }
    }
    return idx;
  });
}

function allContainersOf(t: ReturnType<typeof podTemplates>[number]): { container: JsonObject; path: FieldPath }[] {
  const out: { container: JsonObject; path: FieldPath }[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = t.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => isObj(c) && out.push({ container: c, path: [...t.specPath, field, i] }));
  }
  return out;
}

function workloadId(o: K8sObject): string {
  return `${o.ref.kind}/${o.ref.name || '(unnamed)'}`;
}

export const secretOverShared: Rule = {
  meta: {
    id: 'secret-over-shared',
    title: 'Secret shared by many workloads',
    severity: 'medium',
    enabledByDefault: true,
    category: 'secrets',
    rationale:
      'A Secret mounted or referenced by many workloads, or by workloads running as different service accounts, widens its blast radius: the compromise of any one of them discloses a credential the others depend on, rotation touches all of them, and per-workload audit or revocation becomes impossible.',
    remediation:
      'Give each workload (or each service account) its own credential in its own Secret, scoped to what that workload needs, so that one can be rotated or revoked without the others. With External Secrets or Vault, issue separate (ideally dynamic, short-lived) credentials per workload. Raise the `threshold` option for Secrets that are shared by design (e.g. a registry pull secret).',
    example: `# one Secret per workload
envFrom:
- secretRef: { name: billing-db-credentials }   # not a shared "db-credentials"`,
    references: [K8S_SECRET_GOOD_PRACTICES, ESO, VAULT, OWASP_SECRETS],
    options: {
      threshold: {
        type: 'number',
        description: 'Report a Secret referenced by at least this many workloads.',
        default: 3,
      },
      serviceAccountThreshold: {
        type: 'number',
        description: 'Report a Secret used by (or listed in) at least this many distinct service accounts.',
        default: 3,
      },
    },
  },
  *checkAll(ctx) {
    const threshold = typeof ctx.options.threshold === 'number' ? ctx.options.threshold : 3;
    const saThreshold =
      typeof ctx.options.serviceAccountThreshold === 'number' ? ctx.options.serviceAccountThreshold : 3;
    const idx = secretIndex(ctx);
    const keys = new Set([...idx.uses.keys(), ...idx.saRefs.keys()]);
    for (const key of [...keys].sort()) {
      const uses = idx.uses.get(key) ?? [];
      const workloads = new Map<string, SecretUse>();
      for (const u of uses) if (!workloads.has(workloadId(u.workload))) workloads.set(workloadId(u.workload), u);
      const sas = new Set([...uses.map((u) => u.serviceAccount), ...(idx.saRefs.get(key) ?? [])]);
      if (workloads.size < threshold && sas.size < saThreshold) continue;
      const name = key.slice(key.indexOf('/') + 1);
      const names = [...workloads.keys()];
      const listed = names.slice(0, 5).join(', ') + (names.length > 5 ? `, +${names.length - 5} more` : '');
      const message =
        `Secret "${name}" is referenced by ${workloads.size} workload(s) (${listed || 'none'}) ` +
        `across ${sas.size} service account(s)`;
      const details = { workloads: String(workloads.size), serviceAccounts: String(sas.size) };
      const secret = idx.secrets.get(key);
      const first = [...workloads.values()][0];
      if (secret) yield { object: secret, path: ['metadata', 'name'], message, details };
      else if (first) yield { object: first.workload, path: first.path, message, details };
    }
  },
};

export const rules: Rule[] = [
  secretInEnv,
  secretInConfigMap,
  secretInAnnotation,
  secretInCustomResource,
  secretCommitted,
  secretOverShared,
];
