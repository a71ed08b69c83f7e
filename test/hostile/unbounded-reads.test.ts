/**
 * Hostile input (issue 10, section 3): no unbounded read. Only regular files are read: a FIFO or a
 * device named explicitly, or a symlink to /dev/zero inside a scanned directory, is an input error
 * and never hangs; a FIFO inside a directory is reported; standard input has the same 32 MiB cap and
 * binary check as files. Cases that hang today run the CLI in a child process with a deadline.
 */
import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loadManifests } from '../../src/core/manifests/load.ts';
import { scan } from '../../src/core/scan.ts';
import { processIO } from '../../src/cli/io.ts';
import { cli, POD, spawnCli, tree } from './support.ts';

jest.setTimeout(120_000);

const MiB = 1024 * 1024;
const posix = process.platform !== 'win32' && existsSync('/dev/zero');
const itPosix = posix ? test : test.skip;
if (!posix) console.warn('unbounded-reads: FIFO and /dev/zero cases skipped (no POSIX special files here)');

function mkfifo(p: string): void {
  execFileSync('mkfifo', [p]);
}

describe('only regular files are read', () => {
  itPosix('a FIFO named explicitly: an input error, no hang (exit 2)', async () => {
    const dir = tree({ 'pod.yaml': POD });
    mkfifo(path.join(dir, 'pipe.yaml'));
    const r = await spawnCli(['scan', 'pipe.yaml', 'pod.yaml', '--format', 'json'], dir);
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.errors).toEqual([
      expect.objectContaining({ file: 'pipe.yaml', message: expect.stringMatching(/FIFO/) }),
    ]);
    expect(doc.summary.objects).toBe(1);
  });

  itPosix('/dev/zero named explicitly: an input error, not 5 GB of reading (exit 2)', async () => {
    const dir = tree({ 'pod.yaml': POD });
    const r = await spawnCli(['scan', '/dev/zero', 'pod.yaml', '--format', 'json'], dir, { ms: 20_000 });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors).toEqual([
      expect.objectContaining({ file: '/dev/zero', message: expect.stringMatching(/device/) }),
    ]);
  });

  itPosix('a symlink to /dev/zero inside a scanned directory: an input error naming it', async () => {
    const dir = tree({ 'k8s/pod.yaml': POD });
    symlinkSync('/dev/zero', path.join(dir, 'k8s', 'zero.yaml'));
    const inv = await loadManifests({ paths: ['k8s'], cwd: dir });
    expect(inv.errors).toEqual([
      expect.objectContaining({
        file: 'k8s/zero.yaml',
        message: expect.stringMatching(/symbolic link to a character device/),
      }),
    ]);
    expect(inv.objects).toHaveLength(1);
  });

  itPosix('a FIFO inside a scanned directory is reported, not silently ignored', async () => {
    const dir = tree({ 'k8s/pod.yaml': POD });
    mkfifo(path.join(dir, 'k8s', 'deploy.yaml'));
    mkfifo(path.join(dir, 'k8s', 'events'));
    const report = await scan({ paths: ['k8s'], cwd: dir });
    // named like a manifest: an input error; any other name: listed as skipped, with the reason
    expect(report.errors).toEqual([expect.objectContaining({ file: 'k8s/deploy.yaml' })]);
    expect(report.skipped).toEqual([
      expect.objectContaining({ file: 'k8s/events', reason: expect.stringMatching(/FIFO/) }),
    ]);
    expect((await cli(['scan', 'k8s'], dir)).code).toBe(2);
  });

  itPosix('a FIFO matched by a glob is reported too', async () => {
    const dir = tree({ 'k8s/pod.yaml': POD });
    mkfifo(path.join(dir, 'k8s', 'svc.yaml'));
    const inv = await loadManifests({ paths: ['k8s/*.yaml'], cwd: dir });
    expect(inv.errors.map((e) => e.file)).toEqual(['k8s/svc.yaml']);
  });
});

describe('standard input has the same limits as a file', () => {
  test('over the size limit: too large, not parsed (exit 2)', async () => {
    const big = `${POD}# ${'x'.repeat(2 * MiB)}\n`;
    const inv = await loadManifests({ paths: ['-'], readStdin: async () => big, maxFileBytes: MiB });
    expect(inv.objects).toEqual([]);
    expect(inv.problems).toEqual([expect.objectContaining({ kind: 'too-large', file: '<stdin>' })]);
    const r = await cli(['scan', '-'], tree({}), `${POD}# ${'x'.repeat(33 * MiB)}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/32 MiB limit/);
  });

  test('NUL bytes: binary, not parsed (exit 2)', async () => {
    const bin = Buffer.concat([Buffer.from(POD), Buffer.from([0, 1, 2])]);
    const inv = await loadManifests({ paths: ['-'], readStdin: async () => bin });
    expect(inv.objects).toEqual([]);
    expect(inv.problems).toEqual([expect.objectContaining({ kind: 'binary', file: '<stdin>' })]);
    expect((await cli(['scan', '-'], tree({}), bin)).code).toBe(2);
  });

  test('the CLI stops reading an endless standard input past the limit (memory stays bounded)', async () => {
    let produced = 0;
    // endless as far as the limit goes (16 MiB, so that a reader without a limit ends too)
    const endless = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(produced > 16 * MiB ? null : Buffer.alloc(64 * 1024, 0x61));
      },
    });
    const original = Object.getOwnPropertyDescriptor(process, 'stdin');
    Object.defineProperty(process, 'stdin', { value: endless, configurable: true });
    let got: string | Uint8Array;
    try {
      got = await processIO().readStdin(MiB);
    } finally {
      if (original) Object.defineProperty(process, 'stdin', original);
    }
    expect(got.length).toBe(MiB + 1);
    expect(produced).toBeLessThan(4 * MiB);
  });

  test('end to end: an endless pipe into `scan -` ends with exit 2, not a hang', async () => {
    const chunk = Buffer.alloc(1 << 20, 0x61);
    const r = await spawnCli(['scan', '-'], tree({}), {
      ms: 60_000,
      stdin: (w) => {
        const write = () => {
          while (w.write(chunk));
          w.once('drain', write);
        };
        write();
        w.on('error', () => undefined);
      },
    });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/standard input is over the 32 MiB limit/);
  });
});

// Node's mkdir(dir, { recursive: true }) never returns for a missing folder under /proc: a
// report path there spun a CPU forever instead of failing
const haveProc = existsSync('/proc/self');
(haveProc ? test : test.skip)(
  'an output path under /proc is a write error, not a hang',
  async () => {
    const { ensureDir } = await import('../../src/core/dirs.ts');
    await expect(ensureDir('/proc/kubeward-nope/reports')).rejects.toMatchObject({ code: 'ENOENT' });
    const dir = tree({ 'pod.yaml': POD });
    const r = await cli(['scan', '.', '-f', 'json', '-o', '/proc/kubeward-nope/report.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \/proc\/kubeward-nope\/report\.json/);
  },
  20_000,
);
