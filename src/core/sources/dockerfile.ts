/**
 * Dockerfiles (Dockerfile, *.Dockerfile, Containerfile) parsed with dockerfile-ast, multi-stage
 * aware, as objects of kind Dockerfile: the Dockerfile rules (rules/dockerfile.ts) read them and
 * findings point at the instruction's line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type { FieldPath, InputError, Location } from '../model.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';

export const DOCKERFILE_API = 'kubeward.dev/v1';
export const DOCKERFILE_KIND = 'Dockerfile';

export interface DockerInstruction {
  keyword: string;
  /** 1-based line of the instruction. */
  line: number;
  /** The arguments as written (after flags such as --from=). */
  content: string;
  args: string[];
  /** `--from=build`, `--chown=..` */
  flags: string[];
  /** ENV / ARG: name and value (value '' when none). */
  properties?: [string, string][];
}

export interface DockerStage {
  /** `AS name`, when given. */
  name?: string;
  /** The FROM image as written (`golang:1.22`, `$BASE`, an earlier stage's name). */
  image: string;
  imageName?: string;
  tag?: string;
  digest?: string;
  /** The FROM names an earlier stage (not an image). */
  fromStage: boolean;
  line: number;
  instructions: DockerInstruction[];
}

export interface DockerfileData {
  /** Images this Dockerfile builds, from `# kubeward-image: NAME` comments. */
  images: string[];
  stages: DockerStage[];
}

export function parseDockerfile(text: string): DockerfileData {
  const df = DockerfileParser.parse(text);
  const images = df
    .getComments()
    .map((c) => /^kubeward-image:\s*(\S+)/.exec(c.getContent().trim())?.[1])
    .filter((x): x is string => !!x);
  const stages: DockerStage[] = [];
  const names = new Set<string>();
  for (const ins of df.getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    const line = ins.getRange().start.line + 1;
    const flags =
      'getFlags' in ins && typeof (ins as { getFlags?: unknown }).getFlags === 'function'
        ? (ins as unknown as { getFlags(): { toString(): string }[] }).getFlags().map((f) => f.toString())
        : [];
    const item: DockerInstruction = {
      keyword,
      line,
      content: ins.getArgumentsContent() ?? '',
      args: ins.getArguments().map((a) => a.getValue()),
      flags,
    };
    if (keyword === 'ENV' || keyword === 'ARG') {
      const props = (
        ins as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }
      ).getProperties();
      item.properties = props.map((p) => [p.getName(), p.getValue() ?? '']);
    }
    if (keyword === 'FROM') {
      const f = ins as unknown as {
        getImage(): string | null;
        getImageName(): string | null;
        getImageTag(): string | null;
        getImageDigest(): string | null;
        getBuildStage(): string | null;
      };
      const image = f.getImage() ?? '';
      const stage: DockerStage = {
        image,
        fromStage: names.has(image.toLowerCase()),
        line,
        instructions: [item],
        ...(f.getBuildStage() ? { name: f.getBuildStage()! } : {}),
        ...(f.getImageName() ? { imageName: f.getImageName()! } : {}),
        ...(f.getImageTag() ? { tag: f.getImageTag()! } : {}),
        ...(f.getImageDigest() ? { digest: f.getImageDigest()! } : {}),
      };
      if (stage.name) names.add(stage.name.toLowerCase());
      stages.push(stage);
      continue;
    }
    // instructions before the first FROM (ARG) belong to no stage; keep them in a pseudo stage
    if (!stages.length) stages.push({ image: '', fromStage: true, line, instructions: [] });
    stages[stages.length - 1].instructions.push(item);
  }
  return { images, stages };
}

/** A Dockerfile as an object the engine can run rules on; locations are its instruction lines. */
export function dockerfileObject(file: string, text: string): K8sObject {
  const data = parseDockerfile(text);
  const locate = (p: FieldPath): Location => {
    let line = 1;
    const stage = typeof p[1] === 'number' ? data.stages[p[1]] : undefined;
    if (p[0] === 'stages' && stage) {
      line = stage.line;
      const ins = p[2] === 'instructions' && typeof p[3] === 'number' ? stage.instructions[p[3]] : undefined;
      if (ins) line = ins.line;
    }
    return { file, line, column: 1 };
  };
  return {
    data: {
      apiVersion: DOCKERFILE_API,
      kind: DOCKERFILE_KIND,
      metadata: { name: file },
      ...data,
    } as unknown as JsonObject,
    ref: { apiVersion: DOCKERFILE_API, kind: DOCKERFILE_KIND, name: file },
    origin: 'manifest',
    file,
    docPath: [],
    source: { file, fileText: text, start: 0, end: text.length },
    locate,
  };
}

export function loadDockerfiles(files: readonly string[], cwd: string): { objects: K8sObject[]; errors: InputError[] } {
  const out = { objects: [] as K8sObject[], errors: [] as InputError[] };
  for (const f of files) {
    const r = path.relative(cwd, f);
    const rel = (r.startsWith('..') || path.isAbsolute(r) ? f : r).split(path.sep).join('/');
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      out.errors.push({
        file: rel,
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      });
      continue;
    }
    try {
      out.objects.push(dockerfileObject(rel, text));
    } catch (e) {
      out.errors.push({ file: rel, message: `cannot parse Dockerfile: ${(e as Error).message}` });
    }
  }
  return out;
}

export function isDockerfileObject(o: K8sObject): boolean {
  return o.ref.kind === DOCKERFILE_KIND && o.ref.apiVersion === DOCKERFILE_API;
}

export function dockerfileData(o: K8sObject): DockerfileData {
  return o.data as unknown as DockerfileData;
}
