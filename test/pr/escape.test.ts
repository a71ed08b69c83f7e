import {
  catalogMarkdown,
  codeBlock,
  encodePath,
  escapeHtmlText,
  escapeMarkdown,
  fenceFor,
  inlineCode,
  md,
} from '../../src/pr/escape.ts';

describe('escaping untrusted text', () => {
  test('no HTML', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> & <script>')).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt; &amp; &lt;script&gt;',
    );
  });

  test('no markdown links, emphasis, tables or headings', () => {
    const out = escapeMarkdown('[click](https://evil) **bold** | cell # h `code`');
    expect(out).toBe('\\[click\\]\\(https:/&#8203;/evil\\) \\*\\*bold\\*\\* \\| cell \\# h \\`code\\`');
  });

  test('no @mentions or team pings', () => {
    const out = escapeMarkdown('ping @octocat and @acme/security');
    expect(out).not.toMatch(/@[a-z]/);
    expect(out).toBe('ping @&#8203;octocat and @&#8203;acme/security');
    // not inside a word: an image digest stays as it is, so it can be copied
    expect(escapeMarkdown('nginx@sha256:abc registry:5000/app:v1')).toBe('nginx@sha256:abc registry:5000/app:v1');
  });

  test('no autolinks: bare URLs, www. hosts, e-mail addresses and issue references are broken', () => {
    expect(escapeMarkdown('https://evil.example www.evil.example a@evil.example #12')).toBe(
      'https:/&#8203;/evil.example www&#8203;.evil.example a@&#8203;evil.example \\#&#8203;12',
    );
  });

  test('inside raw HTML (a <summary>) only entities are used', () => {
    expect(escapeHtmlText('drop NET_RAW <b> "q" @team')).toBe('drop NET_RAW &lt;b&gt; &quot;q&quot; @&#8203;team');
  });

  test('one line: newlines cannot start a new block', () => {
    expect(escapeMarkdown('a\n\n# heading\r\n- item')).toBe('a \\# heading - item');
  });

  test('inline code holds backticks and pipes', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('a|b')).toBe('`a|b`');
    // in a table cell GFM splits on the pipe before it sees the code span
    expect(inlineCode('a|b', true)).toBe('`a\\|b`');
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
      'Set `runAsNonRoot: true` &lt;b&gt;now&lt;/b&gt; @&#8203;team',
    );
  });
});

test("md: kubeward's text kept, interpolated values escaped", () => {
  expect(md`Give \`pull-requests: write\` to ${'@bot <b>'}`.markdown).toBe(
    'Give `pull-requests: write` to @&#8203;bot &lt;b&gt;',
  );
});
