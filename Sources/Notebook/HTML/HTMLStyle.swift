/// The exported page's style sheet: plain, readable, light or dark as the reader's system prefers; code in
/// the colours of the notebook page's editor (CodeMirror's default theme, and the page's dark theme).
enum HTMLStyle {
    static let css = """
        :root {
          color-scheme: light dark;
          --text: #1f2328; --muted: #59636e; --back: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
          --accent: #0969da; --error-back: #ffebe9; --error-text: #82071e; --stderr-back: #fff8c5;
          --keyword: #708; --def: #00f; --variable-2: #05a; --builtin: #30a; --string: #a11; --number: #164;
          --comment: #a50; --operator: inherit; --property: inherit; --meta: #555;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --text: #e6edf3; --muted: #9198a1; --back: #0d1117; --panel: #151b23; --line: #3d444d;
            --accent: #4493f8; --error-back: #2d1215; --error-text: #ffa198; --stderr-back: #272115;
            --keyword: #c792ea; --def: #82aaff; --variable-2: #e6e6e6; --builtin: #7fdbca; --string: #c3e88d;
            --number: #f78c6c; --comment: #7f848e; --operator: #89ddff; --property: #e6e6e6; --meta: #ffcb6b;
          }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--back); color: var(--text);
          font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 56rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
        header { border-bottom: 1px solid var(--line); margin-bottom: 1.5rem; }
        .notebook-title { margin: 0 0 .25rem; font-size: 2rem; }
        .dates, .timing { color: var(--muted); font-size: .85rem; margin: .25rem 0; }
        .cell { margin: 1.25rem 0; }
        pre, code { font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        pre { margin: .5rem 0; padding: .75rem 1rem; overflow-x: auto; white-space: pre-wrap;
          word-break: break-word; border-radius: 6px; }
        .source { background: var(--panel); border: 1px solid var(--line); }
        .cm-keyword { color: var(--keyword); } .cm-def { color: var(--def); }
        .cm-variable-2 { color: var(--variable-2); } .cm-builtin { color: var(--builtin); }
        .cm-string { color: var(--string); } .cm-number { color: var(--number); }
        .cm-comment { color: var(--comment); } .cm-operator { color: var(--operator); }
        .cm-property { color: var(--property); } .cm-meta { color: var(--meta); }
        .prompt { display: block; color: var(--muted); font-size: .75rem; font-family: ui-monospace, monospace; }
        .outputs { border-left: 3px solid var(--line); padding-left: .75rem; }
        .outputs pre { padding: .25rem 0; }
        .stream.stderr { background: var(--stderr-back); padding: .25rem .5rem; }
        .error { background: var(--error-back); color: var(--error-text); padding: .5rem .75rem; }
        .display img, .result img { max-width: 100%; height: auto; image-rendering: pixelated;
          background: #fff; border-radius: 4px; }
        .omitted { color: var(--muted); font-style: italic; }
        .markdown code { background: var(--panel); padding: .1em .3em; border-radius: 4px; }
        .markdown pre { background: var(--panel); }
        .markdown pre code { background: none; padding: 0; }
        .markdown table { border-collapse: collapse; }
        .markdown th, .markdown td { border: 1px solid var(--line); padding: .2rem .5rem; }
        .markdown .align-left { text-align: left; } .markdown .align-center { text-align: center; }
        .markdown .align-right { text-align: right; }
        .markdown blockquote { margin: .5rem 0; padding-left: 1rem; border-left: 3px solid var(--line);
          color: var(--muted); }
        .raw { color: var(--muted); border: 1px dashed var(--line); }
        a { color: var(--accent); }
        .tags { list-style: none; margin: 0; padding: 0; display: flex; gap: .4rem; }
        .tags li { font-size: .75rem; color: var(--muted); border: 1px solid var(--line); border-radius: 999px;
          padding: 0 .5rem; }

        """
}
