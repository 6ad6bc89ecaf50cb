"""English left in a rendered admin page: the visible text and the labels a screen reader reads.

Pure functions, no database: ``english_strings(html)`` answers the runs of ASCII words in what a
member of staff sees (text outside scripts and styles, ``aria-label``/``placeholder``/``title``,
and the labels of the sidebar's JSON props), less the proper nouns and codes of ``ALLOWED``.
"""

import json
import re
from html.parser import HTMLParser

# Names, codes and units that are the same in a Japanese admin, and keyboard keys.
ALLOWED = {
    "AED",
    "API",
    "CSV",
    "GeoJSON",
    "HTML",
    "ICS",
    "iCal",
    "ID",
    "JSON",
    "JMA",
    "LINE",
    "OK",
    "PDF",
    "PO",
    "QR",
    "RSS",
    "SVG",
    "TOTP",
    "URL",
    "UTC",
    "Wagtail",
    "XLSX",
    "ZIP",
    "DeepL",
    "LibreTranslate",
    "Google",
    "GIF",
    "PNG",
    "JPEG",
    "JPG",
    "WebP",
    "AVIF",
    "px",
    "KB",
    "MB",
    "GB",
    "GPS",
    "Alt",
    "Ctrl",
    "Esc",
    "Shift",
    "Cmd",
    # Language names in their own language (the language switcher, locale columns).
    "English",
    "Português",
    "Tiếng Việt",
}
PHRASES = {"Machi Portal"}  # the product's name (WAGTAIL_SITE_NAME)
ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
SKIPPED = {"script", "style", "svg", "noscript"}
# ASCII words not glued to other letters (the "ng" of "Tiếng" is no English word).
WORDS = re.compile(r"(?<![^\W\d_])[A-Za-z][A-Za-z'’]*(?:[ \-][A-Za-z][A-Za-z'’]*)*(?![^\W\d_])")
CODE = re.compile(r"[A-Z]{1,5}")  # TOTP secrets, time zone abbreviations, AED
# A code shown beside its name or as an example: 子育て施設一覧 (childcare), 例: library.
CODE_SHOWN = re.compile(r"\([a-z0-9_\-]+\)|例[:：]\s*[a-z0-9_\-]+")
EMAIL = re.compile(r"\S+@\S+")
URLISH = re.compile(r"(?:https?://|/)\S*|\S+\.(?:jp|com|org|invalid|localhost|test|html|csv|json|py)\b")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """Collects the text runs a reader meets; skips what is not shown (scripts, styles, icons,
    elements marked ``hidden``) and the options of a time zone list (names of places)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runs: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, whether it hides what is inside)
        self._time_zones = False
        self._json = False

    @property
    def _hiding(self) -> bool:
        return any(hides for _tag, hides in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._time_zones = "time_zone" in (attrs.get("name") or "")
        hides = tag in SKIPPED or "hidden" in attrs or (tag == "option" and self._time_zones)
        if tag not in VOID:
            self._open.append((tag, hides))
        # The sidebar's menu is built by script from JSON: its labels are UI text.
        self._json = tag == "script" and attrs.get("id") == "wagtail-sidebar-props"
        if not self._hiding or tag in VOID and not hides:
            self.runs += [attrs[name] for name in ATTRIBUTES if attrs.get(name)]

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        self._json = False

    def handle_data(self, data):
        if self._json:
            self.runs += _json_labels(data)
        elif not self._hiding:
            self.runs.append(data)


def _json_labels(data: str) -> list[str]:
    try:
        value = json.loads(data)
    except ValueError:
        return []
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, item in node.items():
                if key == "label" and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value)
    return found


def english_strings(html: str, data: set[str] = frozenset()) -> set[str]:
    """The English UI strings in *html*; *data* holds values (user names…) that are not UI."""
    data_words = {word for value in data for word in re.split(r"[\s\-]+", value)}
    parser = _Text()
    parser.feed(html)
    found = set()
    for run in parser.runs:
        run = CODE_SHOWN.sub(" ", URLISH.sub(" ", EMAIL.sub(" ", run)))
        for phrase in PHRASES | {value for value in data if " " in value}:
            run = run.replace(phrase, " ")
        for match in WORDS.finditer(run):
            words = match.group()
            parts = re.split(r"[ \-]", words)
            # A single letter is a keyboard key or a list marker; a word of a title is data (a
            # title is cut short in places).
            if all(len(w) == 1 or w in ALLOWED or w in data_words or CODE.fullmatch(w) for w in parts):
                continue
            found.add(words)
    return found
