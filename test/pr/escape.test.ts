import { catalogMarkdown, codeBlock, encodePath, escapeMarkdown, fenceFor, inlineCode } from '../../src/pr/escape.ts';

describe('escaping untrusted text', () => {
  test('no HTML', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> & <script>')).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt; &amp; &lt;script&gt;',
    );
  });

  test('no markdown links, emphasis, tables or headings', () => {
    const out = escapeMarkdown('[click](https://evil) **bold** | cell # h `code`');
    expect(out).toBe('\\[click\\]\\(https://evil\\) \\*\\*bold\\*\\* \\| cell \\# h \\`code\\`');
  });

  test('no @mentions or team pings', () => {
    const out = escapeMarkdown('ping @octocat and @acme/security');
    expect(out).not.toMatch(/@[a-z]/);
    expect(out).toBe('ping @\u200doctocat and @\u200dacme/security');
  });

  test('one line: newlines cannot start a new block', () => {
    expect(escapeMarkdown('a\n\n# heading\r\n- item')).toBe('a \\# heading - item');
  });

  test('inline code holds backticks and pipes', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('a|b')).toBe('`a&#124;b`');
  });

  test('a fenced block cannot be closed by its content', () => {
    const content = 'x\n```\n@octocat\n````';
    expect(fenceFor(content)).toBe('`````');
    expect(codeBlock('suggestion', content)).toBe('`````suggestion\nx\n```\n@octocat\n````\n`````');
  });

  test('link targets cannot end the link early', () => {
    expect(encodePath('deploy/a (copy)/x y.yaml')).toBe('deploy/a%20%28copy%29/x%20y.yaml');
  });

  test("kubeward's own rule text keeps its code spans, but not HTML or mentions", () => {
    expect(catalogMarkdown('Set `runAsNonRoot: true`\n<b>now</b> @team')).toBe(
      'Set `runAsNonRoot: true` &lt;b&gt;now&lt;/b&gt; @\u200dteam',
    );
  });
});
