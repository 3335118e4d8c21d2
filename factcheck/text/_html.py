"""HTML tags, comments and character references, masked in place; metadata on the way.

The tokenizer follows the HTML standard where that keeps it linear: a tag runs to the
next ``>`` outside a quoted attribute value, an unclosed comment or tag runs to the end
of the input, raw-text elements (``<script>``, ``<style>``, ``<noscript>``…) run to their
end tag. Every search either consumes what it scanned or stops at the end of the input,
so hostile input (``<<<<``, megabytes of unclosed comments) costs linear time.

Markdown uses the same tokenizer with CommonMark's stricter idea of a tag, since a bare
``<`` in Markdown is text ("< 5 %"), and with autolinks (``<https://…>``).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.entities import html5

#: Where a title or a publication date came from, the most trusted first.
DATE_FRONT_MATTER, DATE_FRONT_MATTER_OTHER, DATE_META_PUBLISHED, DATE_META = 0, 1, 2, 3
DATE_JSON_LD, DATE_ITEMPROP, DATE_TIME = 4, 5, 6
TITLE_FRONT_MATTER, TITLE_OG, TITLE_ELEMENT = 0, 1, 2
LANG_HTML, LANG_META = 0, 1

_BLOCK = frozenset(
    [
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "dd"),
        *("details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr"),
        *("legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary"),
        *("table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    ]
)
#: Elements whose content is raw text up to their end tag, and never shown.
_RAW = frozenset(["script", "style", "noscript", "iframe", "noembed", "noframes", "xmp", "title"])
#: Elements whose content is parsed but never shown.
_HIDDEN = frozenset(["head", "svg", "math", "template"])
#: What a <head> may hold; any other start tag ends it, as non-blank text does.
_HEAD_CONTENT = frozenset(
    ["html", "head", "meta", "link", "title", "script", "style", "base", "noscript", "template"]
)
#: Elements in which newlines of the source are shown as line breaks.
_PREFORMATTED = frozenset(["pre", "listing", "textarea", "plaintext"])
#: <meta name=…> that give a publication date.
_META_DATE_NAMES = frozenset(
    [
        *("date", "pubdate", "publish-date", "publishdate", "publish_date"),
        *("dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued"),
    ]
)

#: What the HTML scan stops at: markup, or a character reference.
_TOKEN = re.compile(
    r"""
    (?= [<&] )                                # lets the engine skip plain text quickly
    (?: (?P<comment> <!-- )                   # a comment; before "<!" below, its prefix
      | (?P<cdata> <!\[CDATA\[ )              # a CDATA section, to "]]>"
      | (?P<decl> <[!?] )                     # <!doctype …>, <?xml …?>, a bogus comment
      | (?P<tag> </?                          # a start or an end tag, whose name runs to
          (?P<name> [A-Za-z][^\s/>]* )        # whitespace, "/" or ">" ("<a<b>" is one tag)
          (?P<rest>                           # then the rest, which stops only at ">" or
            (?: [^>=]                         # the end of the input and never fails, so
              | = \s* "[^"]*"?                # there is nothing to backtrack into: quoted
              | = \s* '[^']*'?                # values may hold ">", unclosed ones run on;
              | =                             # possessive (*+), so that the engine keeps
            )*+                               # no state per character (a megabyte of
            >?                                # "<a " cost 140 MB)
          )
        )
      | (?P<ref> & (?: \#[0-9]{1,8} | \#[xX][0-9a-fA-F]{1,8} | [A-Za-z][A-Za-z0-9]{0,31} ) ;? )
                                              # a character reference, numeric or named
    )
    """,
    re.VERBOSE,
)

#: The same inside Markdown, where a tag is only its start: it must pass the stricter
#: test of ``_MD_TAG``, and an attempt must not run on to the next ">".
_MD_TOKEN = re.compile(
    r"""
    (?= [<&] )                                # lets the engine skip plain text quickly
    (?: (?P<comment> <!-- )                   # a comment
      | (?P<cdata> <!\[CDATA\[ )              # a CDATA section
      | (?P<decl> <[!?] )                     # a declaration or processing instruction
      | (?P<tag> </?[A-Za-z] )                # perhaps a tag, perhaps an autolink
      | (?P<ref> & (?: \#[0-9]{1,8} | \#[xX][0-9a-fA-F]{1,8} | [A-Za-z][A-Za-z0-9]{0,31} ) ;? )
                                              # a character reference
    )
    """,
    re.VERBOSE,
)

#: The rest of an end tag of a raw-text element, as in the tag alternative above.
_TAG_REST = re.compile(
    r"""
    (?: [^>=]                                 # any character but the two below
      | = \s* "[^"]*"?                        # a double-quoted value, which may hold ">"
      | = \s* '[^']*'?                        # a single-quoted value, likewise
      | =                                     # an unquoted value, or none
    )*+                                       # possessive: no state kept per character
    >?                                        # the end; a tag cut off by the end just ends
    """,
    re.VERBOSE,
)

#: A tag as CommonMark recognises it inside Markdown. Names are separated by required
#: whitespace, so an attempt that fails does so at the first character out of place.
_MD_TAG = re.compile(
    r"""
    < /? (?P<name> [A-Za-z][A-Za-z0-9-]* )    # the tag name
    (?: \s+ [A-Za-z_:][\w.:-]*                # an attribute name,
        (?: \s* = \s* (?: [^\s"'=<>`]+ | '[^']*' | "[^"]*" ) )?   # with or without a value
    )*+                                       # possessive: no state kept per attribute
    \s* /? >                                  # the end, perhaps self-closing
    """,
    re.VERBOSE,
)

#: A Markdown autolink: a URI or an e-mail address in angle brackets.
_AUTOLINK = re.compile(
    r"""
    < (?P<url>
        [A-Za-z][A-Za-z0-9+.-]{1,31} : [^\s<>]*      # scheme:rest, as in <https://…>
      | [\w.+-]+ @ [\w-]+ (?: \. [\w-]+ )+           # an e-mail address
    ) >
    """,
    re.VERBOSE,
)

#: One attribute of a tag.
_ATTRIBUTE = re.compile(
    r"""
    (?P<name> [^\s"'>/=]+ )                   # the name
    (?: \s* = \s*
        (?: "(?P<double>[^"]*)"               # a double-quoted value
          | '(?P<single>[^']*)'               # a single-quoted value
          | (?P<bare>[^\s>]+)                 # an unquoted value
        )
    )?
    """,
    re.VERBOSE,
)

#: The end of a comment: "-->", or "--!>", which browsers accept too.
_COMMENT_END = re.compile(
    r"""
    --!?>
    """,
    re.VERBOSE,
)

#: Attributes beyond this many characters of a tag are not read: no real page has them.
_MAX_ATTRIBUTES = 1 << 14

#: The end tag of a raw-text element; the scan looks for the one of the element it is in.
_RAW_END = re.compile(
    r"""
    </ (?P<name> script | style | noscript | iframe | noembed | noframes | xmp | title )
    (?= [\s/>] | \Z )                         # the whole name: not </scripts
    """,
    re.VERBOSE | re.IGNORECASE,
)

#: What masking overwrites: everything but line breaks.
_NOT_LINE_BREAK = re.compile(
    r"""
    [^\r\n]                                   # any character but CR and LF
    """,
    re.VERBOSE,
)

#: Text that is shown, which ends an unclosed <head>.
_NON_SPACE = re.compile(
    r"""
    \S                                        # anything but whitespace
    """,
    re.VERBOSE,
)


def blanked(segment: str) -> str:
    """``segment`` as spaces, keeping its line breaks.

    >>> blanked("a\\r\\nbc")
    ' \\r\\n  '
    """
    if "\n" in segment or "\r" in segment:
        return _NOT_LINE_BREAK.sub(" ", segment)
    return " " * len(segment)


class Canvas:
    """A copy of the input in which markup is overwritten, never removed."""

    __slots__ = ("_chars", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._chars = list(text)

    def blank(self, start: int, end: int, lead: str = "") -> None:
        """Spaces over ``[start, end)``, keeping the input's newlines; ``lead`` first."""
        if start >= end:
            return
        fill = blanked(self._text[start:end])
        self._chars[start:end] = lead + fill[len(lead) :] if lead else fill

    def put(self, start: int, end: int, value: str) -> None:
        """``value`` at ``start``, then spaces up to ``end``."""
        self._chars[start:end] = value + " " * (end - start - len(value))

    def soften(self, at: int) -> None:
        """A space for the line break at ``at``."""
        self._chars[at] = " "

    def masked(self, at: int) -> bool:
        return self._chars[at] != self._text[at]

    def render(self) -> str:
        return "".join(self._chars)


@dataclass
class Found:
    """What a scan finds besides markup. Candidates carry the tier of their source."""

    dates: list[tuple[int, str]] = field(default_factory=list)
    titles: list[tuple[int, str]] = field(default_factory=list)
    #: (url, start, end) of links whose visible text is their span.
    links: list[tuple[str, int, int]] = field(default_factory=list)
    #: (url, start, end) of autolinks: the span is the URL itself, which is masked.
    autolinks: list[tuple[str, int, int]] = field(default_factory=list)
    #: The span of the first level-one Markdown heading's text.
    heading: tuple[int, int] | None = None
    #: Spans of <pre> and its kin, where source newlines are line breaks.
    preformatted: list[tuple[int, int]] = field(default_factory=list)
    #: The language the page declares, with the tier of where it says so.
    langs: list[tuple[int, str]] = field(default_factory=list)


def char_ref(ref: str) -> str | None:
    """The character an HTML character reference stands for; a no-break space is a space.

    >>> char_ref("&euro;"), char_ref("&#8364;"), char_ref("&#x20AC;"), char_ref("&nbsp;")
    ('€', '€', '€', ' ')
    >>> char_ref("&amp"), char_ref("&#128;"), char_ref("&bogus;")
    ('&', '€', None)
    """
    if ref.startswith("&#"):
        value = html.unescape(ref if ref.endswith(";") else ref + ";")
    else:
        value = html5.get(ref[1:], "")
        if not value:
            return None
    return " " if value == "\xa0" else value


def attributes(tag_body: str) -> dict[str, str]:
    """The attributes of a tag, names lower-cased, values unescaped; the first one wins.

    >>> attributes(' href="/a?x=1&amp;y=2" data-X=5 hidden')
    {'href': '/a?x=1&y=2', 'data-x': '5', 'hidden': ''}
    """
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(tag_body, 0, _MAX_ATTRIBUTES):
        value = match["double"] or match["single"] or match["bare"] or ""
        found.setdefault(match["name"].lower(), html.unescape(value))
    return found


def json_ld_published(script: str) -> str | None:
    """The ``datePublished`` of a JSON-LD script, also inside ``@graph``; None if absent.

    >>> json_ld_published('{"@graph": [{"@type": "WebSite"}, {"datePublished": "2025-06-02"}]}')
    '2025-06-02'
    """
    try:
        data = json.loads(script)
    except (ValueError, RecursionError):
        return None
    return _find_published(data, 0)


def _find_published(data: object, depth: int) -> str | None:
    if depth > 8:
        return None
    items: list[object] = []
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        value = data.get("datePublished")
        if isinstance(value, str):
            return value
        graph = data.get("@graph")
        items = graph if isinstance(graph, list) else []
    for item in items:
        found = _find_published(item, depth + 1)
        if found is not None:
            return found
    return None


def scan(text: str, canvas: Canvas, found: Found, *, markdown: bool, start: int = 0) -> None:
    """Mask the HTML in ``text[start:]`` on ``canvas``; record metadata in ``found``."""
    _Scanner(text, canvas, found, markdown).run(start)


class _Scanner:
    def __init__(self, text: str, canvas: Canvas, found: Found, markdown: bool) -> None:
        self.text = text
        self.canvas = canvas
        self.found = found
        self.markdown = markdown
        self.hidden: list[str] = []  # open elements whose content is not shown
        self.open_hidden: dict[str, int] = {}  # how many of each name are open
        self.hidden_start = 0
        self.link: tuple[str, int] | None = None  # the open <a href>: url, text start
        self.pre_start: int | None = None
        self.next_end: dict[str, int] = {}  # where each end marker was last found

    def run(self, pos: int) -> None:
        text = self.text
        tokens = _MD_TOKEN if self.markdown else _TOKEN
        while (token := tokens.search(text, pos)) is not None:
            if self.hidden == ["head"]:
                shown = _NON_SPACE.search(text, pos, token.start())
                if shown is not None:  # text ends an unclosed <head>
                    self.close_hidden(shown.start())
            kind = token.lastgroup
            if kind == "tag":
                pos = self.tag(token)
            elif kind == "ref":
                pos = self.reference(token.start(), token.end())
            elif kind == "comment":
                pos = self.comment(token.start())
            else:
                pos = self.declaration(token.start(), cdata=kind == "cdata")
        if self.hidden == ["head"] and (shown := _NON_SPACE.search(text, pos)) is not None:
            self.close_hidden(shown.start())
        if self.hidden:
            self.canvas.blank(self.hidden_start, len(text))
        self.close_link(len(text))
        if self.pre_start is not None:
            self.found.preformatted.append((self.pre_start, len(text)))

    def find(self, marker: str, start: int) -> int:
        """``text.find(marker, start)``, remembered: repeated misses cost nothing."""
        known = self.next_end.get(marker)
        if known is None or (0 <= known < start):
            known = self.text.find(marker, start)
            self.next_end[marker] = known
        return known

    def reference(self, start: int, end: int) -> int:
        if self.hidden == ["head"]:
            self.close_hidden(start)
        if not self.hidden:
            value = char_ref(self.text[start:end])
            if value is not None and len(value) <= end - start:
                self.canvas.put(start, end, value)
        return end

    def comment(self, start: int) -> int:
        body = start + 4
        if self.text.startswith(">", body):  # "<!-->" is a whole, empty comment
            end = body + 1
        elif self.text.startswith("->", body):
            end = body + 2
        else:
            close = _COMMENT_END.search(self.text, body)
            end = close.end() if close else len(self.text)
        self.canvas.blank(start, end)
        return end

    def declaration(self, start: int, *, cdata: bool) -> int:
        marker = "]]>" if cdata else ">"
        close = self.find(marker, start + 2)
        if close < 0:
            if self.markdown:  # in Markdown, "<!" or "<?" without an end is text
                return start + 1
            close = len(self.text)
        end = min(close + len(marker), len(self.text))
        self.canvas.blank(start, end)
        return end

    def tag(self, token: re.Match[str]) -> int:
        text, start = self.text, token.start()
        if not self.markdown:
            name, body_start, end = token["name"].lower(), token.end("name"), token.end()
        else:
            autolink = _AUTOLINK.match(text, start)
            if autolink is not None:
                self.canvas.blank(start, autolink.end())
                if not self.hidden:
                    self.found.autolinks.append((autolink["url"], start + 1, autolink.end() - 1))
                return autolink.end()
            strict = _MD_TAG.match(text, start)
            if strict is None:
                return start + 1
            name, body_start, end = strict["name"].lower(), strict.end("name"), strict.end()
        if text[start + 1] == "/":
            return self.end_tag(name, start, end)
        return self.start_tag(name, start, body_start, end)

    def start_tag(self, name: str, start: int, body_start: int, end: int) -> int:
        if self.hidden == ["head"] and name not in _HEAD_CONTENT:
            self.close_hidden(start)
        self.canvas.blank(start, end, lead="\n" if name in _BLOCK else "")
        body = self.text[body_start:end]
        if name in _RAW:
            return self.raw_text(name, start, body, end)
        if name in _HIDDEN and not body.endswith("/>"):
            if not self.hidden:
                self.hidden_start = start
            self.hidden.append(name)
            self.open_hidden[name] = self.open_hidden.get(name, 0) + 1
        elif name in _PREFORMATTED and self.pre_start is None:
            self.pre_start = end
        if name == "a":
            self.close_link(start)
            href = attributes(body).get("href", "").strip()
            if href and not self.hidden:
                self.link = (href, end)
        elif name == "meta":
            self.meta(attributes(body))
        elif name == "html":
            lang = attributes(body).get("lang", "").strip()
            if lang:
                self.found.langs.append((LANG_HTML, lang))
        elif name == "time" or "itemprop" in body:
            attrs = attributes(body)
            if attrs.get("itemprop", "").lower() == "datepublished":
                value = attrs.get("datetime") or attrs.get("content")
                if value:
                    self.found.dates.append((DATE_ITEMPROP, value))
            if name == "time" and attrs.get("datetime"):
                self.found.dates.append((DATE_TIME, attrs["datetime"]))
        return end

    def end_tag(self, name: str, start: int, end: int) -> int:
        self.canvas.blank(start, end, lead="\n" if name in _BLOCK else "")
        if self.open_hidden.get(name):
            while (closed := self.hidden.pop()) != name:
                self.open_hidden[closed] -= 1
            self.open_hidden[name] -= 1
            if not self.hidden:
                self.canvas.blank(self.hidden_start, end)
        elif name == "a":
            self.close_link(start)
        elif name in _PREFORMATTED and self.pre_start is not None:
            self.found.preformatted.append((self.pre_start, start))
            self.pre_start = None
        return end

    def raw_text(self, name: str, start: int, body: str, tag_end: int) -> int:
        """Mask a raw-text element whole; keep a <title> and JSON-LD for metadata."""
        text = self.text
        close = _RAW_END.search(text, tag_end)
        while close is not None and close["name"].lower() != name:  # "</style>" in a script
            close = _RAW_END.search(text, close.end())
        if close is None:
            content_end = end = len(text)
        else:
            rest = _TAG_REST.match(text, close.end())
            assert rest is not None  # it matches the empty string
            content_end, end = close.start(), rest.end()
        self.canvas.blank(start, end)
        if self.hidden and self.hidden != ["head"]:
            return end  # an <svg> title is a tooltip, not the page's
        content = text[tag_end:content_end]
        if name == "title":
            title = " ".join(html.unescape(content).split())
            if title:
                self.found.titles.append((TITLE_ELEMENT, title))
        elif name == "script" and "ld+json" in attributes(body).get("type", "").lower():
            published = json_ld_published(content)
            if published:
                self.found.dates.append((DATE_JSON_LD, published))
        return end

    def meta(self, attrs: dict[str, str]) -> None:
        content = attrs.get("content")
        if not content:
            return
        if attrs.get("http-equiv", "").strip().lower() == "content-language":
            self.found.langs.append((LANG_META, content.split(",")[0]))
        for key in (attrs.get(k, "").strip().lower() for k in ("property", "name", "itemprop")):
            if key in ("article:published_time", "og:article:published_time"):
                self.found.dates.append((DATE_META_PUBLISHED, content))
            elif key in _META_DATE_NAMES:
                self.found.dates.append((DATE_META, content))
            elif key == "datepublished":
                self.found.dates.append((DATE_ITEMPROP, content))
            elif key == "og:title":
                self.found.titles.append((TITLE_OG, " ".join(content.split())))

    def close_hidden(self, at: int) -> None:
        self.canvas.blank(self.hidden_start, at)
        self.hidden.clear()
        self.open_hidden.clear()

    def close_link(self, at: int) -> None:
        if self.link is not None:
            url, start = self.link
            self.found.links.append((url, start, at))
            self.link = None
