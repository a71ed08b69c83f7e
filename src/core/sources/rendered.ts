/** Splits `helm template` output into documents with their `# Source:` template and ordinal. */
import { parseManifestText } from '../manifests/parse.ts';
import type { K8sObject, LoadProblem } from '../manifests/types.ts';
import type { SkippedDocument } from '../model.ts';

export interface RenderedDoc {
  obj: K8sObject;
  /** `chart/templates/x.yaml` as helm prints it ('' when absent). */
  source: string;
  /** Index of this document among those of the same source. */
  ordinal: number;
}

export function splitRendered(
  text: string,
  name: string,
): { docs: RenderedDoc[]; skipped: SkippedDocument[]; problems: LoadProblem[] } {
  const parsed = parseManifestText(text, name);
  const counts = new Map<string, number>();
  const docs: RenderedDoc[] = [];
  let lastStart = -1;
  let lastSource = '';
  for (const obj of parsed.objects) {
    const src = obj.source;
    let source = '';
    if (src) {
      if (src.start === lastStart) source = lastSource;
      else {
        const m = /^# Source: (.+?)\s*$/m.exec(src.fileText.slice(src.start, src.end));
        source = m ? m[1] : '';
      }
      lastStart = src.start;
      lastSource = source;
    }
    const key = `${source}\0${obj.docPath.length ? 'list' : ''}`;
    const ordinal = counts.get(key) ?? 0;
    counts.set(key, ordinal + 1);
    docs.push({ obj, source, ordinal });
  }
  return { docs, skipped: parsed.skipped, problems: parsed.problems };
}
