import { diffsOf, patchLines, rangeInDiff } from '../../src/pr/diff.ts';

const PATCH = [
  '@@ -1,3 +1,4 @@',
  ' a',
  '+b',
  ' c',
  '-d',
  '+e',
  '@@ -10,2 +11,3 @@ spec:',
  ' x',
  '+y',
  '+z',
  '\\ No newline at end of file',
].join('\n');

describe('patchLines', () => {
  test('added lines and the hunk of every new-file line', () => {
    const d = patchLines(PATCH);
    expect([...d.added].sort((a, b) => a - b)).toEqual([2, 4, 12, 13]);
    expect([...d.hunkOf.entries()]).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
      [11, 1],
      [12, 1],
      [13, 1],
    ]);
  });

  test('a file without a patch (binary or too large) has no lines', () => {
    expect(patchLines(undefined).added.size).toBe(0);
  });

  test('a new file: every line is added', () => {
    const d = patchLines('@@ -0,0 +1,3 @@\n+a\n+b\n+c');
    expect([...d.added]).toEqual([1, 2, 3]);
  });

  test('ranges must sit in one hunk', () => {
    const d = patchLines(PATCH);
    expect(rangeInDiff(d, 2, 4)).toBe(true);
    expect(rangeInDiff(d, 4, 11)).toBe(false);
    expect(rangeInDiff(d, 5, 5)).toBe(false);
  });

  test('removed files are left out', () => {
    const m = diffsOf([
      { filename: 'a.yaml', status: 'modified', patch: '@@ -1 +1 @@\n-x\n+y' },
      { filename: 'b.yaml', status: 'removed' },
    ]);
    expect([...m.keys()]).toEqual(['a.yaml']);
    expect(m.get('a.yaml')!.added.has(1)).toBe(true);
  });
});
