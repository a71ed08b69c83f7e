/**
 * JUnit XML for CI test views (CircleCI, GitLab, Jenkins): one testsuite per file, one failing
 * testcase per finding (type = severity), suppressed findings as skipped testcases, and one
 * passing testcase per object without findings (when the scanned objects are known).
 */
import { atLeast, type Finding, type ObjectRef, type Report } from '../model.ts';
import { NO_FILE, escapeXml, fileOf, objectName } from './util.ts';

/** An object that was scanned; lets junit list objects that passed. */
export interface ScannedObject {
  ref: ObjectRef;
  file?: string;
  line?: number;
}

export interface JunitOptions {
  /** The scanned objects; defaults to `report.objects` when the report carries them. */
  objects?: readonly ScannedObject[];
}

interface Case {
  classname: string;
  name: string;
  body: string;
  failed: boolean;
  skipped: boolean;
}

function objectKey(ref: ObjectRef | undefined): string {
  return ref ? objectName(ref) : '(file)';
}

function failureBody(f: Finding): string {
  const lines = [
    `${f.severity.toUpperCase()} ${f.ruleId}: ${f.message}`,
    f.location ? `at ${f.location.file}:${f.location.line}:${f.location.column}` : '',
    f.object ? `object: ${objectName(f.object)}` : '',
    f.path ? `path: ${f.path}` : '',
    f.secretPreview ? `secret: ${f.secretPreview}` : '',
    `rule: ${f.title}`,
  ].filter(Boolean);
  return lines.join('\n');
}

export function formatJunit(report: Report, opts: JunitOptions = {}): string {
  const objects = opts.objects ?? (report as Report & { objects?: readonly ScannedObject[] }).objects ?? [];
  const suites = new Map<string, Case[]>();
  const suite = (file: string) => {
    let s = suites.get(file);
    if (!s) suites.set(file, (s = []));
    return s;
  };
  const withFinding = new Set<string>();
  const threshold = report.failOn;
  for (const f of report.findings) {
    const file = fileOf(f);
    withFinding.add(`${file}\0${objectKey(f.object)}`);
    const where = f.location ? ` (line ${f.location.line})` : '';
    // CI test views count failures: only findings at or above the threshold fail a test; the others
    // pass and carry the finding as output, so nothing is hidden
    const failing = threshold !== 'none' && atLeast(f.severity, threshold);
    suite(file).push({
      classname: objectKey(f.object),
      name: `${f.ruleId}${f.path ? ` ${f.path}` : ''}${where}`,
      failed: failing,
      skipped: false,
      body: failing
        ? `<failure type="${escapeXml(f.severity)}" message="${escapeXml(f.message)}">${escapeXml(failureBody(f))}</failure>`
        : `<system-out>${escapeXml(`below the ${threshold} threshold\n${failureBody(f)}`)}</system-out>`,
    });
  }
  for (const f of report.suppressed) {
    const file = fileOf(f);
    withFinding.add(`${file}\0${objectKey(f.object)}`);
    const why = f.suppression ? `suppressed (${f.suppression.kind}): ${f.suppression.reason}` : 'suppressed';
    suite(file).push({
      classname: objectKey(f.object),
      name: `${f.ruleId}${f.path ? ` ${f.path}` : ''}`,
      failed: false,
      skipped: true,
      body: `<skipped message="${escapeXml(why)}"/>`,
    });
  }
  for (const o of objects) {
    const file = o.file ?? NO_FILE;
    if (withFinding.has(`${file}\0${objectKey(o.ref)}`)) continue;
    withFinding.add(`${file}\0${objectKey(o.ref)}`);
    suite(file).push({
      classname: objectKey(o.ref),
      name: 'all checks passed',
      failed: false,
      skipped: false,
      body: '',
    });
  }
  if (suites.size === 0) {
    suite('kubeward').push({
      classname: 'kubeward',
      name: `${report.objectsScanned} objects in ${report.filesScanned} files: no findings`,
      failed: false,
      skipped: false,
      body: '',
    });
  }

  const time = (report.durationMs / 1000).toFixed(3);
  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  const parts: string[] = [];
  for (const [file, cases] of suites) {
    const failures = cases.filter((c) => c.failed).length;
    const skipped = cases.filter((c) => c.skipped).length;
    totalTests += cases.length;
    totalFailures += failures;
    totalSkipped += skipped;
    parts.push(
      `  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    );
    for (const c of cases) {
      const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" file="${escapeXml(file)}"`;
      parts.push(c.body ? `${open}>\n      ${c.body}\n    </testcase>` : `${open}/>`);
    }
    parts.push('  </testsuite>');
  }
  if (report.errors.length) {
    totalTests += report.errors.length;
    parts.push(
      `  <testsuite name="kubeward input errors" tests="${report.errors.length}" failures="0" errors="${report.errors.length}" skipped="0">`,
    );
    for (const e of report.errors) {
      const at = e.line ? `${e.file}:${e.line}` : e.file;
      parts.push(
        `    <testcase classname="input" name="${escapeXml(at)}">\n      <error message="${escapeXml(e.message)}">${escapeXml(`${at}: ${e.message}`)}</error>\n    </testcase>`,
      );
    }
    parts.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kubeward" tests="${totalTests}" failures="${totalFailures}" errors="${report.errors.length}" skipped="${totalSkipped}" time="${time}">`,
    ...parts,
    '</testsuites>',
    '',
  ].join('\n');
}
