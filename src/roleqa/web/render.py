"""What the chat page shows: answers, sources and notices as safe Markdown-and-HTML.

Everything shown is escaped here, user and corpus text alike, so nothing typed
or quoted can become markup, a link or an image: Gradio's own sanitizer is a
second line, not the first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..types import Answer, Source

__all__ = ["CSS", "escape_text", "notice", "render_answer", "render_sources"]

# Inline Markdown punctuation becomes numeric entities: a renderer shows the
# character but never reads it as a link, image, emphasis, code or table.
# "(", ")", "!", "." and "-" stay plain (common in prose; read aloud by screen
# readers from Gradio's aria-label); "[" alone already defeats links and images.
_INLINE = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]|~$<>&"}
_INLINE.update({ord(c): html.escape(c, quote=False) for c in "<>&"})
# Block syntax only counts at a line's start: headings, lists, rules, setext.
_BLOCK = re.compile(r"^([ \t]*)([#+=-]|\d+(?=[.)]))", re.MULTILINE)
# Autolinks (GFM links bare URLs, www. names and e-mail addresses).
_AUTOLINK = re.compile(r"://|(?i:www)\.|@")
_CITATION = re.compile(r"\[(\d+)\]")
# Indigo instead of Gradio's orange, set on the theme's own variables.
CSS = """
:root, :root.dark, :root .dark {--primary-50:#eef2ff; --primary-100:#e0e7ff; --primary-200:#c7d2fe;
  --primary-300:#a5b4fc; --primary-400:#818cf8; --primary-500:#4f46e5; --primary-600:#4338ca;
  --primary-700:#3730a3; --primary-800:#312e81; --primary-900:#2b2c5e}
.gradio-container {max-width: 860px !important; margin: 0 auto}
#rq-header h1 {font-size: 1.45rem; margin: .2rem 0 .25rem}
#rq-header p {margin: 0; opacity: .8}
.rq-cite {font-size: .75em; opacity: .75}
details.rq-sources {margin-top: .6rem; border-top: 1px solid var(--border-color-primary);
  padding-top: .4rem; font-size: .92em}
details.rq-sources summary {cursor: pointer; font-weight: 600}
details.rq-sources ol {margin: .4rem 0 0; padding-left: 1.2rem}
details.rq-sources blockquote {margin: .2rem 0 .5rem; padding-left: .6rem; opacity: .9;
  border-left: 3px solid var(--color-accent); font-style: italic}
.rq-doc, .rq-muted {opacity: .7; font-size: .9em}
.rq-notice {padding: .4rem .7rem; border-radius: 6px; background: var(--primary-50)}
.rq-notice.rq-warning, .rq-notice.rq-error {background: #fef2f2; color: #991b1b}
.dark .rq-notice {background: var(--primary-800)}
.dark .rq-notice.rq-warning, .dark .rq-notice.rq-error {background: #450a0a; color: #fecaca}
#rq-status:has(.prose:empty) {display: none}
#rq-followups {flex-wrap: wrap; gap: .4rem; align-items: center}
#rq-next {flex: 0 0 auto !important; white-space: nowrap}
#rq-followups button {flex: 0 1 auto; width: auto; white-space: normal; text-align: left;
  font-size: .85rem}
#rq-chat {flex: 1 1 0 !important}
#rq-input-row {flex-wrap: nowrap; align-items: stretch; position: sticky; bottom: 0; z-index: 5;
  background: var(--body-background-fill); padding: 4px 0}
#rq-send {flex: 0 0 auto; min-width: 72px}
@media (max-width: 640px) {.gradio-container {padding: 0 !important}
  .gradio-container > .main {padding: 8px 10px !important}
  #rq-header h1 {font-size: 1.15rem} #rq-header p, #rq-footer {font-size: .85em}
  #rq-chat .example {padding: .45rem .7rem}
  #rq-followups {flex-wrap: nowrap; overflow-x: auto; max-width: calc(100vw - 20px)}
  #rq-next {display: none}
  #rq-followups button {flex: 0 0 auto; white-space: nowrap}}
"""


def escape_text(text: str) -> str:
    """``text`` safe to show in a Markdown-and-HTML message: ``html.escape``'d,
    with Markdown syntax and autolinks neutralised, so it reads literally."""
    text = text.translate(_INLINE)
    text = _BLOCK.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)
    return _AUTOLINK.sub(lambda m: m.group().replace(":", "&#58;").replace(".", "&#46;")
                         .replace("@", "&#64;"), text)


def _prose(text: str) -> str:
    """Escaped prose whose citation marks ``[n]`` become small superscripts."""
    parts = _CITATION.split(text)
    out = [escape_text(p) if i % 2 == 0 else f'<sup class="rq-cite">&#91;{p}&#93;</sup>'
           for i, p in enumerate(parts)]
    return "".join(out)


def render_sources(sources: Sequence[Source]) -> str:
    """A collapsed ``<details>`` block: each source's section, guide and quoted passage."""
    if not sources:
        return ""  # a decline cites nothing
    sections = list(dict.fromkeys(escape_text(s.passage.section) for s in sources))
    # each item names its section only when the summary's list does not say it all
    items = "".join(
        (f"<li><strong>{escape_text(s.passage.section)}</strong> " if len(sections) > 1
         else "<li>") + f'<span class="rq-doc">{escape_text(s.passage.doc_title)}</span>'
        f"<blockquote>{escape_text(s.passage.quote)}</blockquote></li>"
        for s in sources
    )
    # One line: a blank line would end Markdown's HTML block mid-way.
    summary = f"Sources ({len(sources)}): {'; '.join(sections)}"
    return f'<details class="rq-sources"><summary>{summary}</summary><ol>{items}</ol></details>'


def render_answer(answer: Answer, words: int | None = None) -> str:
    """The assistant's message: prose with citations, then (once complete, when
    ``words`` is None) the decline's example questions or the sources block."""
    examples = answer.suggestions if not answer.answered and answer.lead else ()
    tokens = answer.prose.split(" ")
    body = _prose(" ".join(tokens if words is None else tokens[:words]))
    if words is not None and words < len(tokens):
        return body + " …"
    if examples:
        body += "\n\n" + "\n".join(f"- {escape_text(e.strip())}" for e in examples)
    sources = render_sources(answer.sources)
    return f"{body}\n\n{sources}" if sources else body


def notice(text: str, kind: str = "info") -> str:
    return f'<div class="rq-notice rq-{kind}" role="status">{escape_text(text)}</div>'

