"""Hostile Markdown for the sanitizer tests: each must render with nothing executable.

Kept in one module so the request tests and the browser test (and any domain that
renders user Markdown) use the same corpus, and `assert_inert()` the same checks.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

PAYLOADS = [
    # script tags, plain and disguised
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\x00>alert(1)</script>",
    "<<script>alert(1);//<</script>",
    '<script src="data:text/javascript,alert(1)"></script>',
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<img src="/materials/1/download" onerror="alert(1)">',
    "<body onload=alert(1)>",
    "<div onmouseover='alert(1)'>survol</div>",
    "<a href='https://ok.example' onclick='alert(1)'>lien</a>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>",
    '<p style="x:expression(alert(1))" onclick=alert(1)>p</p>',
    # javascript:, data:, vbscript: links
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](  javascript:alert(1))",
    "[clic](java\tscript:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "[clic](javascript&#58;alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[clic](vbscript:msgbox(1))",
    "[clic](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "[ref][x]\n\n[x]: javascript:alert(1)",
    '<a href="javascript:alert(1)">a</a>',
    '<a href="&#x6A;avascript:alert(1)">a</a>',
    '<a href="data:text/html,<script>alert(1)</script>">a</a>',
    # images: remote, data:, javascript:, protocol-relative, tricks
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![x](/materials/1/download "title" onerror="alert(1)")',
    "![x](https://evil.example/track.png)",
    "![x](//evil.example/materials/1/download)",
    "![x](/materials/1/download?x=1)",
    "![x](/materials/../admin)",
    '![x"onerror="alert(1)](/materials/2/download)',
    "[![x](javascript:alert(1))](javascript:alert(1))",
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # other dangerous tags
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<base href="javascript:alert(1)//">',
    # malformed tags, comments and entity tricks
    "<img/src=x/onerror=alert(1)>",
    '<img """><script>alert(1)</script>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="jav&#x09;ascript:alert(1)">a</a>',
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "> <img src=x onerror=alert(1)>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
]

DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class _Audit(HTMLParser):
    """Collects what could run: script elements, on* attributes, dangerous URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "svg", "math", "base", "meta"}:
            if not (tag == "script" and dict(attrs).get("src", "").startswith("/static/")):
                self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES and value:
                cleaned = re.sub(r"[\x00-\x20]", "", value)
                if DANGEROUS_SCHEME.match(cleaned):
                    self.problems.append(f"{tag} {name}={value}")
            if (
                tag == "img"
                and name == "src"
                and not re.fullmatch(r"/materials/\d+/download", value or "")
            ):
                self.problems.append(f"img src={value}")


def problems(html: str) -> list[str]:
    """Executable or remote content found in `html` (empty when it is inert)."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    found = audit.problems
    if re.search(r"<script(?![^>]*src=\"/static/)", html, re.IGNORECASE):
        found.append("<script")
    return found
