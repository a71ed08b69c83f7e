/** Images: tags, digests, pull policy, registries and known-risky components, per container. */
import { isPlaceholder } from './inventory.ts';
import { allContainers, type ContainerInfo } from './podspec.ts';
import type { Rule } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

const IMAGES_DOC = 'https://kubernetes.io/docs/concepts/containers/images/';

/** A parsed image reference (`registry/repository:tag@digest`). */
export interface ImageRef {
  /** Registry host (`docker.io` for Docker Hub short names). */
  registry: string;
  /** Repository path without registry (`library/nginx` for `nginx`). */
  repository: string;
  tag?: string;
  digest?: string;
  /** `registry/repository`, normalised. */
  name: string;
}

/**
 * Parses an image reference as the container runtime does: the first path component is a
 * registry when it contains `.` or `:` or is `localhost` (so `host:5000/img` has no tag);
 * Docker Hub short names get `docker.io` and single names `library/`.
 */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!.toLowerCase();
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  let repository = parts.join('/');
  if (registry === 'docker.io' && parts.length === 1) repository = `library/${repository}`;
  return {
    registry,
    repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
    name: `${registry}/${repository}`,
  };
}

function imageOf(c: ContainerInfo): string | undefined {
  const v = c.container.image;
  // placeholders (`$IMAGE`, `<registry>/app`) are not judged: they are replaced before deploy
  return typeof v === 'string' && v.trim() !== '' && !isPlaceholder(v) ? v : undefined;
}

function pinned(ref: ImageRef): boolean {
  return ref.digest !== undefined && /^sha256:[a-f0-9]{64}$/i.test(ref.digest);
}

// The image reference grammar of the container registries (distribution/reference), as the kubelet
// and the runtimes parse it.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);
const DIGEST_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Why an image reference is not valid, or undefined when it is. */
export function invalidImageReason(image: string): string | undefined {
  const s = image.trim();
  if (s.length > 255 + 140) return 'it is too long';
  if (!REFERENCE.test(s)) return 'it does not match the image reference grammar (registry/name:tag@algorithm:hex)';
  const at = s.indexOf('@');
  if (at !== -1) {
    const [algo, hex] = s.slice(at + 1).split(':');
    const want = DIGEST_LENGTH[algo];
    if (want !== undefined && hex.length !== want)
      return `its ${algo} digest has ${hex.length} hex digits, not ${want}`;
  }
  const name = s.split('@')[0].replace(/:[\w][\w.-]*$/, '');
  if (name.length > 255) return 'its name is longer than 255 characters';
  return undefined;
}

function floating(ref: ImageRef): boolean {
  return !pinned(ref) && (ref.tag === undefined || ref.tag === 'latest');
}

export const imageTagLatest: Rule = {
  meta: {
    id: 'image-tag-latest',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Image uses :latest or no tag',
    severity: 'high',
    enabledByDefault: true,
    category: 'images',
    rationale:
      'An image without a tag, or with `:latest`, can change under the same name: every pull may run different code, rollbacks are impossible, and you cannot tell what is deployed.',
    remediation:
      'Use an immutable version tag (`nginx:1.27.3`), or better, pin the image by digest (`nginx@sha256:...`).',
    example: 'containers:\n- name: web\n  image: nginx:1.27.3',
    references: [
      `${IMAGES_DOC}#image-names`,
      'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
    ],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const image = imageOf(c);
      // an invalid reference pulls nothing at all: image-reference-invalid reports it
      if (!image || invalidImageReason(image)) continue;
      const ref = parseImage(image);
      if (!floating(ref)) continue;
      yield {
        path: [...c.path, 'image'],
        message: `${c.type} "${c.name}" uses image "${image}" ${ref.tag === undefined ? 'without a tag (pulls :latest)' : 'with the :latest tag'}`,
      };
    }
  },
};

export const imageDigest: Rule = {
  meta: {
    id: 'image-digest',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Image not pinned by digest',
    severity: 'medium',
    enabledByDefault: false,
    category: 'images',
    rationale:
      'Tags are mutable: a registry compromise or a re-pushed tag silently changes what runs. A `@sha256:` digest names exactly one image.',
    remediation:
      'Reference images by digest (`image: nginx:1.27.3@sha256:<digest>`); tools like Renovate keep digests current.',
    example: 'image: nginx:1.27.3@sha256:0123...abcd',
    references: [`${IMAGES_DOC}#image-names`],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const image = imageOf(c);
      if (!image || pinned(parseImage(image))) continue;
      yield {
        path: [...c.path, 'image'],
        message: `${c.type} "${c.name}" image "${image}" is not pinned by a sha256 digest`,
      };
    }
  },
};

export const imagePullPolicy: Rule = {
  meta: {
    id: 'image-pull-policy',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Image pull policy not Always',
    severity: 'low',
    enabledByDefault: true,
    category: 'images',
    rationale:
      'With `IfNotPresent` or `Never`, a node reuses whatever image it cached under the tag, so a pod may run an outdated or tampered image, and one pod can use an image another tenant pulled with credentials it does not have.',
    remediation:
      'Set `imagePullPolicy: Always` (cheap: only the manifest is re-checked), or pin the image by digest, which makes the policy irrelevant. Kubernetes defaults an unset policy to Always only for `:latest` or untagged images.',
    example: 'containers:\n- name: web\n  image: nginx:1.27.3\n  imagePullPolicy: Always',
    references: [`${IMAGES_DOC}#image-pull-policy`],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const image = imageOf(c);
      if (!image) continue;
      const ref = parseImage(image);
      if (pinned(ref)) continue;
      const set = c.container.imagePullPolicy;
      const policy = typeof set === 'string' ? set : floating(ref) ? 'Always' : 'IfNotPresent';
      if (policy === 'Always') continue;
      yield {
        path: [...c.path, 'imagePullPolicy'],
        message:
          typeof set === 'string'
            ? `${c.type} "${c.name}" has imagePullPolicy ${set} for an image not pinned by digest`
            : `${c.type} "${c.name}" has no imagePullPolicy: Kubernetes defaults it to IfNotPresent for tagged image "${image}"`,
        fix: {
          description: 'set imagePullPolicy: Always',
          set: [{ path: [...c.path, 'imagePullPolicy'], value: 'Always' }],
        },
      };
    }
  },
};

/** Normalises an allow-list entry: Docker Hub short forms mean docker.io. */
function normaliseRegistryEntry(e: string): string {
  let s = e.trim().replace(/\/+$/, '').toLowerCase();
  s = s.replace(/^https?:\/\//, '');
  if (s === 'index.docker.io' || s === 'registry-1.docker.io' || s === 'docker.com' || s === 'hub.docker.com')
    return 'docker.io';
  const first = s.split('/')[0];
  if (s.includes('/') && !(first.includes('.') || first.includes(':') || first === 'localhost'))
    return `docker.io/${s}`;
  return s;
}

/** Does an image name (`registry/repository`) fall under an allow-list entry? `*.example.com` matches subdomains. */
export function registryAllowed(ref: ImageRef, entries: readonly string[]): boolean {
  const name = ref.name.toLowerCase();
  for (const raw of entries) {
    const e = normaliseRegistryEntry(raw);
    if (!e) continue;
    if (e.startsWith('*.')) {
      const suffix = e.slice(1);
      if (ref.registry.endsWith(suffix)) return true;
      continue;
    }
    if (name === e || name.startsWith(`${e}/`)) return true;
  }
  return false;
}

export const imageRegistryAllowlist: Rule = {
  meta: {
    id: 'image-registry-allowlist',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Image from a registry outside the allow-list',
    severity: 'medium',
    enabledByDefault: false,
    category: 'images',
    rationale:
      'Images from arbitrary registries bypass the scanning, signing and provenance controls of your own registry, and typosquatted public images are a common supply-chain attack.',
    remediation:
      'Mirror the image into an allowed registry, or add the registry to the `registries` option. Entries are registries (`ghcr.io`), registry paths (`gcr.io/my-project`) or wildcards (`*.dkr.ecr.eu-west-1.amazonaws.com`); Docker Hub short names mean docker.io.',
    example:
      '# .kubeward.yaml\nrules:\n  image-registry-allowlist:\n    registries: [registry.example.com, ghcr.io/my-org]',
    references: [`${IMAGES_DOC}#image-names`],
    options: {
      registries: {
        type: 'string[]',
        description: 'Allowed registries or registry path prefixes; the rule reports nothing while the list is empty.',
        default: [],
      },
    },
  },
  *check(obj, ctx) {
    const list = ctx.options.registries;
    const entries = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    if (!entries.length) return;
    for (const c of allContainers(obj)) {
      const image = imageOf(c);
      if (!image) continue;
      const ref = parseImage(image);
      if (registryAllowed(ref, entries)) continue;
      yield {
        path: [...c.path, 'image'],
        message: `${c.type} "${c.name}" image "${image}" comes from ${ref.registry}, which is not in the allowed registries`,
      };
    }
  },
};

/** Retired registries: prefix of the normalised image name -> replacement advice. */
export const DEPRECATED_REGISTRIES: { prefix: string; advice: string }[] = [
  { prefix: 'k8s.gcr.io/', advice: 'k8s.gcr.io was frozen in April 2023; use registry.k8s.io' },
  {
    prefix: 'gcr.io/google_containers/',
    advice: 'gcr.io/google_containers is the legacy Kubernetes registry; use registry.k8s.io',
  },
  {
    prefix: 'gcr.io/google-containers/',
    advice: 'gcr.io/google-containers is the legacy Kubernetes registry; use registry.k8s.io',
  },
  {
    prefix: 'eu.gcr.io/k8s-artifacts-prod/',
    advice: 'use registry.k8s.io instead of the k8s-artifacts-prod backing bucket',
  },
  {
    prefix: 'us.gcr.io/k8s-artifacts-prod/',
    advice: 'use registry.k8s.io instead of the k8s-artifacts-prod backing bucket',
  },
  {
    prefix: 'asia.gcr.io/k8s-artifacts-prod/',
    advice: 'use registry.k8s.io instead of the k8s-artifacts-prod backing bucket',
  },
  {
    prefix: 'quay.io/coreos/flannel',
    advice: 'flannel moved to docker.io/flannel/flannel; quay.io/coreos/flannel is no longer updated',
  },
  {
    prefix: 'quay.io/coreos/kube-state-metrics',
    advice: 'kube-state-metrics moved to registry.k8s.io/kube-state-metrics',
  },
  { prefix: 'quay.io/kubernetes-ingress-controller/', advice: 'ingress-nginx moved to registry.k8s.io/ingress-nginx' },
  { prefix: 'docker.pkg.github.com/', advice: 'the GitHub Packages Docker registry was replaced by ghcr.io' },
];

export const deprecatedRegistry: Rule = {
  meta: {
    id: 'deprecated-registry',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Image from a retired registry',
    severity: 'medium',
    enabledByDefault: true,
    category: 'images',
    rationale:
      'Retired registries (k8s.gcr.io, gcr.io/google_containers, ...) receive no new images or security fixes and may stop serving: pods fail to pull, and the images they hold are frozen at old, vulnerable versions.',
    remediation:
      'Pull the image from its current home (for Kubernetes project images: registry.k8s.io) and update to a maintained version.',
    example: 'image: registry.k8s.io/pause:3.10',
    references: [
      'https://kubernetes.io/blog/2023/02/06/k8s-gcr-io-freeze-announcement/',
      'https://kubernetes.io/blog/2023/03/10/image-registry-redirect/',
    ],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const image = imageOf(c);
      if (!image) continue;
      const name = `${parseImage(image).name.toLowerCase()}`;
      const hit = DEPRECATED_REGISTRIES.find((d) => `${name}/`.startsWith(d.prefix) || name.startsWith(d.prefix));
      if (!hit) continue;
      yield { path: [...c.path, 'image'], message: `${c.type} "${c.name}" image "${image}": ${hit.advice}` };
    }
  },
};

/** A numeric version from a tag (`v1.2.3`, `1.2`, `v0.49.3-alpine`); undefined when not versioned. */
export function versionOf(tag: string | undefined): number[] | undefined {
  if (!tag) return undefined;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

function lessThan(a: number[], b: number[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** Known-risky components: image repository pattern and a predicate on the version. */
interface RiskyComponent {
  /** Matches the normalised repository path (no registry). */
  repo: RegExp;
  /** Returns a reason when the tag is risky; versions that cannot be read are judged by `unknownVersion`. */
  risky(version: number[] | undefined, tag: string | undefined): string | undefined;
}

export const RISKY_COMPONENTS: RiskyComponent[] = [
  {
    repo: /(^|\/)tiller$/,
    risky: () =>
      'Helm 2 Tiller (end of life since November 2020) exposes an unauthenticated gRPC API with cluster-admin rights',
  },
  {
    repo: /(^|\/)kubernetes-dashboard(-amd64|-arm64|-arm|-ppc64le|-s390x)?$/,
    risky: (v) =>
      !v || v[0] < 2
        ? 'Kubernetes Dashboard v1 is unmaintained and, with its common broad service account, has been used to take over clusters (CVE-2018-18264)'
        : undefined,
  },
  {
    repo: /(^|\/)kubernetesui\/dashboard$/,
    risky: (v) => (v && v[0] < 2 ? 'Kubernetes Dashboard before v2 is unmaintained (CVE-2018-18264)' : undefined),
  },
  {
    repo: /(^|\/)ingress-nginx\/controller(-chroot)?$/,
    risky: (v) =>
      v && (lessThan(v, [1, 11, 5]) || (v[0] === 1 && v[1] === 12 && v[2] < 1))
        ? 'ingress-nginx controller before v1.11.5 / v1.12.1 is affected by CVE-2025-1974 (unauthenticated remote code execution, "IngressNightmare")'
        : undefined,
  },
  {
    repo: /(^|\/)nginx-ingress-controller(-amd64|-arm64)?$/,
    risky: () =>
      'the pre-1.0 nginx-ingress-controller image is end of life and affected by CVE-2021-25742 and CVE-2025-1974; move to registry.k8s.io/ingress-nginx/controller',
  },
  {
    repo: /(^|\/)git-sync(\/git-sync)?$/,
    risky: (v) =>
      v && lessThan(v, [4, 4, 3])
        ? 'git-sync before v4.4.3 bundles a git affected by CVE-2025-48384 (arbitrary file write); v3 is no longer maintained'
        : undefined,
  },
  {
    repo: /(^|\/)heapster(-amd64)?$/,
    risky: () => 'Heapster was retired in Kubernetes 1.13 and receives no security fixes; use metrics-server',
  },
];

export const riskyComponent: Rule = {
  meta: {
    id: 'risky-component',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Known-risky component',
    severity: 'medium',
    enabledByDefault: true,
    category: 'images',
    rationale:
      'Some components have a history of cluster takeovers: Helm 2 Tiller, Kubernetes Dashboard v1, ingress-nginx versions affected by CVE-2025-1974, git-sync builds with a vulnerable git. Running them invites known exploits.',
    remediation:
      'Remove the component (Tiller: migrate to Helm 3) or upgrade it to a maintained, fixed version. The table of components and versions is in the rule documentation.',
    example: 'image: registry.k8s.io/ingress-nginx/controller:v1.12.1',
    references: [
      'https://kubernetes.io/blog/2025/03/24/ingress-nginx-cve-2025-1974/',
      'https://helm.sh/blog/helm-v2-deprecation-timeline/',
      'https://github.com/kubernetes/dashboard/pull/3400',
      'https://github.com/kubernetes/git-sync/releases/tag/v4.4.3',
    ],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const image = imageOf(c);
      if (!image) continue;
      const ref = parseImage(image);
      for (const rc of RISKY_COMPONENTS) {
        if (!rc.repo.test(ref.repository.toLowerCase())) continue;
        const reason = rc.risky(versionOf(ref.tag), ref.tag);
        if (reason) yield { path: [...c.path, 'image'], message: `${c.type} "${c.name}" runs "${image}": ${reason}` };
        break;
      }
    }
  },
};

export const imageReferenceInvalid: Rule = {
  meta: {
    id: 'image-reference-invalid',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Image reference is not valid',
    severity: 'medium',
    enabledByDefault: true,
    category: 'images',
    rationale:
      'An image reference the runtime cannot parse (an uppercase repository, a truncated digest such as `app@sha256:123`, stray characters) pulls nothing: the pod fails with InvalidImageName, and no other image rule can say what would run.',
    remediation:
      'Write the reference as `registry/repository:tag` or `registry/repository@sha256:<64 hex digits>`, in lower case.',
    example: 'containers:\n- name: web\n  image: registry.example.com/shop/web@sha256:<64 hex digits>',
    references: [`${IMAGES_DOC}#image-names`, 'https://github.com/distribution/reference/blob/main/reference.go'],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const image = imageOf(c);
      if (!image) continue;
      const why = invalidImageReason(image);
      if (!why) continue;
      yield {
        path: [...c.path, 'image'],
        message: `${c.type} "${c.name}" image "${image}" is not a valid image reference: ${why}`,
      };
    }
  },
};

export const rules: Rule[] = [
  imageTagLatest,
  imageReferenceInvalid,
  imageDigest,
  imagePullPolicy,
  imageRegistryAllowlist,
  deprecatedRegistry,
  riskyComponent,
];
