/**
 * Dockerfile rules: images are part of delivery. They judge objects of kind Dockerfile
 * (core/sources/dockerfile.ts); findings point at the instruction's line. One cross-check joins a
 * Dockerfile with the manifests that run its image.
 */
import type { K8sObject } from '../manifests/types.ts';
import {
  DOCKERFILE_KIND,
  dockerfileData,
  isDockerfileObject,
  type DockerInstruction,
  type DockerStage,
} from '../sources/dockerfile.ts';
import { detectInText, detectNamedValue } from '../secrets/index.ts';
import { allContainers, boolOf, effective, numOf } from './podspec.ts';
import type { InventoryViolation, Rule, Violation } from './types.ts';

const DOCKER_REF = 'https://docs.docker.com/build/building/best-practices/';

/** Each instruction with its path, over the stages (the pseudo stage of leading ARGs included). */
function* instructions(
  obj: K8sObject,
): Generator<{ stage: DockerStage; si: number; ins: DockerInstruction; path: (string | number)[] }> {
  const d = dockerfileData(obj);
  for (let si = 0; si < d.stages.length; si++) {
    const stage = d.stages[si];
    for (let ii = 0; ii < stage.instructions.length; ii++) {
      yield { stage, si, ins: stage.instructions[ii], path: ['stages', si, 'instructions', ii] };
    }
  }
}

function finalStage(obj: K8sObject): { stage: DockerStage; si: number } | undefined {
  const d = dockerfileData(obj);
  for (let si = d.stages.length - 1; si >= 0; si--)
    if (d.stages[si].image !== '' || d.stages[si].instructions[0]?.keyword === 'FROM')
      return { stage: d.stages[si], si };
  return undefined;
}

/** The user the final stage runs as: the last USER of the stage or of the stages it builds FROM. */
export function finalUser(obj: K8sObject): { user?: string; path: (string | number)[] } | undefined {
  const d = dockerfileData(obj);
  const f = finalStage(obj);
  if (!f) return undefined;
  let si = f.si;
  const seen = new Set<number>();
  while (si >= 0 && !seen.has(si)) {
    seen.add(si);
    const st = d.stages[si];
    for (let ii = st.instructions.length - 1; ii >= 0; ii--) {
      const ins = st.instructions[ii];
      if (ins.keyword === 'USER') return { user: ins.args[0] ?? '', path: ['stages', si, 'instructions', ii] };
    }
    if (!st.fromStage) break;
    si = d.stages.findIndex((s) => s.name?.toLowerCase() === st.image.toLowerCase());
  }
  return { path: ['stages', f.si, 'instructions', 0] };
}

export function isRootUser(user: string): boolean {
  const u = user.split(':')[0].trim();
  return u === 'root' || u === '0';
}

const userRoot: Rule = {
  meta: {
    id: 'dockerfile-user-root',
    title: 'Dockerfile final stage runs as root',
    description: 'The final stage has no USER instruction, or its last USER is root or 0.',
    severity: 'high',
    enabledByDefault: true,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'Without a USER the container runs as root unless every manifest overrides it; a process escape or a writable mount then starts from root. Kubernetes `runAsNonRoot: true` refuses such an image outright.',
    remediation:
      'Create an unprivileged user in the image and end the final stage with `USER <uid>` (numeric, so runAsNonRoot can verify it).',
    example: 'FROM gcr.io/distroless/static:nonroot\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3002', DOCKER_REF + '#user'],
  },
  *check(obj) {
    if (!isDockerfileObject(obj)) return;
    const u = finalUser(obj);
    if (!u) return;
    if (u.user === undefined)
      yield { path: u.path, message: 'the final stage sets no USER: the container runs as root' };
    else if (isRootUser(u.user)) yield { path: u.path, message: `the final stage runs as ${u.user} (USER ${u.user})` };
  },
};

function baseImages(obj: K8sObject) {
  const d = dockerfileData(obj);
  return d.stages
    .map((s, si) => ({ s, path: ['stages', si, 'instructions', 0] as (string | number)[] }))
    .filter(({ s }) => s.image !== '' && !s.fromStage && s.image.toLowerCase() !== 'scratch' && !s.image.includes('$'));
}

const baseLatest: Rule = {
  meta: {
    id: 'dockerfile-base-latest',
    title: 'Dockerfile FROM uses latest or no tag',
    description: 'A FROM image has no tag (so :latest) or the :latest tag.',
    severity: 'high',
    enabledByDefault: true,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'A moving base image makes builds unrepeatable: the same Dockerfile builds a different image tomorrow, with changes nobody reviewed.',
    remediation: 'Pin the base image to a version tag (better: a digest).',
    example: 'FROM node:22.11-alpine3.20',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL3006',
      'https://github.com/hadolint/hadolint/wiki/DL3007',
    ],
  },
  *check(obj) {
    if (!isDockerfileObject(obj)) return;
    for (const { s, path } of baseImages(obj)) {
      if (s.digest) continue;
      if (!s.tag) yield { path, message: `FROM ${s.image} has no tag (it means :latest)` };
      else if (s.tag === 'latest') yield { path, message: `FROM ${s.image} uses the :latest tag` };
    }
  },
};

const baseDigest: Rule = {
  meta: {
    id: 'dockerfile-base-digest',
    title: 'Dockerfile FROM not pinned by digest',
    description: 'A FROM image is referenced by tag, not by @sha256 digest.',
    severity: 'medium',
    enabledByDefault: false,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale: 'Tags can be moved to other content; only a digest names exactly the image that was reviewed.',
    remediation:
      'Reference the base image by digest (`FROM node:22@sha256:...`) and let a bot such as Renovate update it.',
    references: [DOCKER_REF + '#pin-base-image-versions'],
  },
  *check(obj) {
    if (!isDockerfileObject(obj)) return;
    for (const { s, path } of baseImages(obj))
      if (!s.digest) yield { path, message: `FROM ${s.image} is not pinned by digest` };
  },
};

const KEY_FILE =
  /(?:^|\/)(?:id_(?:rsa|dsa|ecdsa|ed25519)|\.env|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials(?:\.json)?|[^/]*\.(?:pem|key|p12|pfx|jks|keystore))$|(?:^|\/)\.(?:ssh|aws|gnupg|docker)(?:\/|$)/i;

const secret: Rule = {
  meta: {
    id: 'dockerfile-secret',
    title: 'Secret in a Dockerfile',
    description: 'A secret value in ENV or ARG, or a COPY/ADD of a key or credentials file into the image.',
    severity: 'critical',
    enabledByDefault: true,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'ENV and ARG values and copied files are stored in the image layers and its history: everyone who can pull the image can read them, forever.',
    remediation:
      'Use build secrets (`RUN --mount=type=secret,id=...`) and runtime Secrets; remove the file from the build context (.dockerignore) and rotate the secret.',
    references: ['https://docs.docker.com/build/building/secrets/'],
  },
  *check(obj) {
    if (!isDockerfileObject(obj)) return;
    for (const { ins, path } of instructions(obj)) {
      if (ins.properties) {
        for (const [name, value] of ins.properties) {
          if (!value || value.includes('$')) continue;
          const d = detectNamedValue(name, value)[0];
          if (d) {
            yield {
              path,
              message: `${ins.keyword} ${name} holds a ${d.label}: it stays in the image history`,
              secretPreview: d.preview,
            };
          }
        }
      } else if (ins.keyword === 'RUN') {
        const d = detectInText(ins.content).find((x) => x.confidence === 'high');
        if (d) yield { path, message: `RUN holds a ${d.label}`, secretPreview: d.preview };
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const sources = ins.args.slice(0, -1);
        const key = sources.find((s) => KEY_FILE.test(s.replace(/\/+$/, '')));
        if (key) yield { path, message: `${ins.keyword} ${key} copies a key or credentials file into the image` };
      }
    }
  },
};

const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;

const add: Rule = {
  meta: {
    id: 'dockerfile-add',
    title: 'Dockerfile ADD where COPY serves',
    description: 'ADD of remote URLs, or ADD of plain files and folders (COPY does that without surprises).',
    severity: 'low',
    enabledByDefault: true,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'ADD fetches URLs without checksum verification and silently unpacks archives; COPY does only what it says.',
    remediation:
      'Use COPY for local files; download with curl/wget and verify a checksum (or `ADD --checksum=sha256:...`) for remote files.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3020'],
  },
  *check(obj) {
    if (!isDockerfileObject(obj)) return;
    for (const { ins, path } of instructions(obj)) {
      if (ins.keyword !== 'ADD') continue;
      const sources = ins.args.slice(0, -1);
      const url = sources.find((s) => /^(?:https?|git):\/\/|^git@/.test(s));
      if (url) {
        if (!ins.flags.some((f) => f.startsWith('--checksum')))
          yield { path, message: `ADD ${url} downloads without checksum verification` };
      } else if (!sources.every((s) => ARCHIVE.test(s))) {
        yield { path, message: 'ADD of local files: use COPY (ADD also unpacks archives)' };
      }
    }
  },
};

/** Commands of a RUN line (split at && || ; |). */
function commands(content: string): string[][] {
  return content
    .replace(/\\\r?\n/g, ' ')
    .split(/&&|\|\||;|\|/)
    .map((c) => c.trim().split(/\s+/).filter(Boolean));
}

function unpinned(cmd: string[]): string[] {
  const bin = cmd[0] === 'sudo' ? cmd.slice(1) : cmd;
  const w = bin.join(' ');
  const pkgs = (from: number) => bin.slice(from).filter((a) => !a.startsWith('-') && !a.startsWith('$'));
  if (/^(?:apt-get|apt) (?:.* )?install\b/.test(w))
    return pkgs(bin.indexOf('install') + 1).filter((p) => !p.includes('=') && !p.endsWith('.deb'));
  if (/^apk (?:.* )?add\b/.test(w)) return pkgs(bin.indexOf('add') + 1).filter((p) => !p.includes('='));
  if (/^(?:pip3?|python3? -m pip) (?:.* )?install\b/.test(w)) {
    if (bin.includes('-r') || bin.includes('--requirement')) return [];
    return pkgs(bin.indexOf('install') + 1).filter((p) => !/[=<>~@]/.test(p) && !p.startsWith('.') && !p.includes('/'));
  }
  if (/^npm (?:i|install|add)\b/.test(w))
    return pkgs(2).filter((p) => !/@[^/]*\d|^@[^@]+$/.test(p.slice(1)) && !p.startsWith('.') && !p.includes('/'));
  return [];
}

const pinning: Rule = {
  meta: {
    id: 'dockerfile-apt-pinning',
    title: 'Packages installed without versions',
    description: 'apt-get/apk/pip/npm installs packages without pinning their versions.',
    severity: 'low',
    enabledByDefault: true,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'Unpinned packages make every build pull whatever is newest: builds are not repeatable and a compromised release enters unnoticed.',
    remediation:
      'Pin versions (`curl=8.5.0-2`, `curl~=8.5`, `requests==2.32.3`, `typescript@5.9.3`) or install from a lock file.',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL3008',
      'https://github.com/hadolint/hadolint/wiki/DL3018',
      'https://github.com/hadolint/hadolint/wiki/DL3013',
    ],
  },
  *check(obj) {
    if (!isDockerfileObject(obj)) return;
    for (const { ins, path } of instructions(obj)) {
      if (ins.keyword !== 'RUN') continue;
      const loose = commands(ins.content).flatMap(unpinned);
      if (loose.length)
        yield { path, message: `packages installed without a version: ${[...new Set(loose)].slice(0, 8).join(', ')}` };
    }
  },
};

const pipeShell: Rule = {
  meta: {
    id: 'dockerfile-curl-pipe-shell',
    title: 'Dockerfile pipes a download into a shell',
    description: 'RUN curl|wget ... | sh (or bash): remote code runs in the build unverified.',
    severity: 'high',
    enabledByDefault: true,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'Whatever the server returns at build time runs as root in the image, without a checksum or signature check.',
    remediation:
      'Download to a file, verify its checksum or signature, then run it; or install from a package manager.',
    references: [DOCKER_REF],
  },
  *check(obj) {
    if (!isDockerfileObject(obj)) return;
    for (const { ins, path } of instructions(obj)) {
      if (
        ins.keyword === 'RUN' &&
        /\b(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b/.test(ins.content.replace(/\\\r?\n/g, ' '))
      ) {
        yield { path, message: 'a download is piped into a shell' };
      }
    }
  },
};

const sudo: Rule = {
  meta: {
    id: 'dockerfile-sudo',
    title: 'Dockerfile uses sudo',
    description: 'RUN uses sudo.',
    severity: 'medium',
    enabledByDefault: true,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'sudo in an image means a user can become root at run time; builds run as root anyway, so sudo only adds a path to privilege.',
    remediation: 'Run the step before switching USER, and do not install sudo in the image.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3004'],
  },
  *check(obj) {
    if (!isDockerfileObject(obj)) return;
    for (const { ins, path } of instructions(obj)) {
      if (ins.keyword === 'RUN' && commands(ins.content).some((c) => c[0] === 'sudo'))
        yield { path, message: 'RUN uses sudo' };
    }
  },
};

const healthcheck: Rule = {
  meta: {
    id: 'dockerfile-healthcheck',
    title: 'Dockerfile has no HEALTHCHECK',
    description: 'The final stage declares no HEALTHCHECK.',
    severity: 'low',
    enabledByDefault: false,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'Outside Kubernetes (docker, compose) a HEALTHCHECK is the only liveness signal; in Kubernetes probes replace it, hence off by default.',
    remediation: 'Add `HEALTHCHECK CMD ...` or rely on Kubernetes liveness/readiness probes.',
    references: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
  },
  *check(obj) {
    if (!isDockerfileObject(obj)) return;
    const f = finalStage(obj);
    if (f && !f.stage.instructions.some((i) => i.keyword === 'HEALTHCHECK')) {
      yield { path: ['stages', f.si, 'instructions', 0], message: 'the final stage declares no HEALTHCHECK' };
    }
  },
};

/** Registry of an image reference, Docker Hub short names being docker.io. */
function registryOf(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'docker.io';
}

function allowed(image: string, entries: readonly string[]): boolean {
  const reg = registryOf(image);
  const full =
    image.includes('/') && reg !== 'docker.io'
      ? image
      : `docker.io/${image.includes('/') ? image : `library/${image}`}`;
  return entries.some((e) => {
    if (e.startsWith('*.')) return reg.endsWith(e.slice(1));
    return reg === e || full === e || full.startsWith(e.replace(/\/?$/, '/'));
  });
}

const registry: Rule = {
  meta: {
    id: 'dockerfile-registry',
    title: 'Dockerfile base image from a registry not allowed',
    description:
      'A FROM image comes from a registry outside the `registries` option (the same list as image-registry-allowlist).',
    severity: 'medium',
    enabledByDefault: false,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'Base images from arbitrary registries bypass the scanning and provenance controls of your own registry.',
    remediation: 'Mirror the base image into an allowed registry, or add the registry to the option.',
    example: '# .kubeward.yaml\nrules:\n  dockerfile-registry:\n    registries: [registry.example.com, ghcr.io/my-org]',
    references: ['https://slsa.dev/spec/v1.0/threats'],
    options: {
      registries: {
        type: 'string[]',
        description: 'Allowed registries, registry paths or *.wildcards (Docker Hub short names mean docker.io).',
        default: [],
      },
    },
  },
  *check(obj, ctx) {
    if (!isDockerfileObject(obj)) return;
    const entries = (ctx.options.registries as string[] | undefined) ?? [];
    if (!entries.length) return;
    for (const { s, path } of baseImages(obj)) {
      if (!allowed(s.image, entries))
        yield { path, message: `FROM ${s.image}: registry ${registryOf(s.image)} is not in the allowed list` };
    }
  },
};

/** Image name without tag or digest. */
export function imageName(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

const userConflict: Rule = {
  meta: {
    id: 'dockerfile-user-conflict',
    title: 'runAsNonRoot with an image that runs as root',
    description:
      'A container sets runAsNonRoot: true without runAsUser, and the Dockerfile that builds its image (config `sources.images`, or a `# kubeward-image:` comment) ends as root: the pod fails with CreateContainerConfigError.',
    severity: 'high',
    enabledByDefault: true,
    category: 'dockerfile',
    kinds: [DOCKERFILE_KIND],
    rationale:
      'The kubelet refuses to start a container whose image user is root (or not numeric) when runAsNonRoot is true and no runAsUser is given: the rollout stalls at CreateContainerConfigError.',
    remediation: 'End the Dockerfile with `USER <non-zero uid>`, or set `runAsUser` to a non-zero uid in the manifest.',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
    options: {
      images: {
        type: 'object',
        description: 'Image name -> Dockerfile path (set from `sources.images`).',
        default: {},
      },
    },
  },
  *checkAll(ctx) {
    const dockerfiles = ctx.objects.filter(isDockerfileObject);
    if (!dockerfiles.length) return;
    const configured = (ctx.options.images as Record<string, string> | undefined) ?? {};
    const byImage = new Map<string, K8sObject>();
    for (const d of dockerfiles) {
      for (const name of dockerfileData(d).images) byImage.set(name, d);
      for (const [name, file] of Object.entries(configured))
        if (file === d.file || file.endsWith(`/${d.file}`)) byImage.set(name, d);
    }
    for (const obj of ctx.objects) {
      if (isDockerfileObject(obj)) continue;
      for (const c of allContainers(obj)) {
        const image = typeof c.container.image === 'string' ? c.container.image : '';
        const df = byImage.get(imageName(image));
        if (!df) continue;
        const nr = effective(c, 'runAsNonRoot');
        const nonRoot = boolOf(nr.value);
        const uid = numOf(effective(c, 'runAsUser').value);
        if (nonRoot !== true || uid !== undefined) continue;
        const u = finalUser(df);
        if (!u || (u.user !== undefined && !isRootUser(u.user))) continue;
        const at = df.locate?.(u.path);
        const v: InventoryViolation = {
          object: obj,
          path: nr.path,
          message: `container "${c.name}" sets runAsNonRoot: true without runAsUser, but its image ${imageName(image)} runs as root (${df.file}${at ? `:${at.line}` : ''}: ${u.user === undefined ? 'no USER' : `USER ${u.user}`}): the pod would fail with CreateContainerConfigError`,
          details: { dockerfile: `${df.file}${at ? `:${at.line}` : ''}`, container: c.name },
        };
        yield v;
      }
    }
  },
};

export const rules: Rule[] = [
  userRoot,
  baseLatest,
  baseDigest,
  secret,
  add,
  pinning,
  pipeShell,
  sudo,
  healthcheck,
  registry,
  userConflict,
];
export type { Violation };
