"""The accessibility check a page must pass before it is published or sent for 承認.

Three faults that screen-reader users meet most on municipal pages, each named in the editor's
language: an image with no alt text (or a file name for one), a heading that skips a level (the
title is h1, so the body starts at h2), and a link whose words say nothing out of context
(「こちら」, "click here"). ``page_problems`` walks a page's rich text and StreamField values in
reading order; the functions below it need no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks import StreamValue, StructValue
from wagtail.contrib.typed_table_block.blocks import TypedTable
from wagtail.rich_text import RichText

#: Link words that say nothing once read out of their sentence (a screen reader's list of links).
VAGUE_LINK_TEXTS = {"こちら", "ここ", "こちらをクリック", "ここをクリック", "こちらから", "click here", "here", "more"}

_FILE_NAME = re.compile(
    r"(\.(jpe?g|png|gif|webp|svg|heic|tiff?|bmp)$)|^(img|dsc[nf]?|pxl|image|photo|screenshot|スクリーンショット)[\s_-]?\d",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Item:
    """One thing on the page that the check reads: a heading, a link or an image."""

    kind: str  # "heading", "link" or "image"
    text: str = ""
    level: int = 0


def is_vague_link_text(text: str) -> bool:
    words = re.sub(r"[\s。、．，.,!！:：>＞→»]+", " ", text).strip().lower()
    return words in VAGUE_LINK_TEXTS


def is_missing_alt(alt: str | None) -> bool:
    """No alt text, or one that is only a file name (IMG_0123.jpg) and tells a listener nothing."""
    alt = (alt or "").strip()
    return not alt or bool(_FILE_NAME.search(alt))


def problems(items: list[Item]) -> list[str]:
    """The faults among *items* (in reading order, after the page title's h1), in the user's language."""
    found = []
    previous = 1
    for item in items:
        if item.kind == "image" and is_missing_alt(item.text):
            if item.text.strip():
                found.append(
                    _("The image 「%(alt)s」 has a file name for its alt text: describe what it shows.")
                    % {"alt": item.text.strip()}
                )
            else:
                found.append(_("An image has no alt text: describe what it shows, or mark it as decorative."))
        elif item.kind == "heading":
            if item.level > previous + 1:
                found.append(
                    _("The heading 「%(text)s」 is h%(level)s after h%(previous)s: a level is skipped.")
                    % {"text": item.text, "level": item.level, "previous": previous}
                )
            previous = item.level
        elif item.kind == "link" and is_vague_link_text(item.text):
            found.append(
                _("The link text 「%(text)s」 says nothing on its own: name where the link goes.")
                % {"text": item.text.strip()}
            )
    return found


class _RichTextReader(HTMLParser):
    """Headings, links and embedded images of a rich text's stored HTML, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[Item] = []
        self._open: tuple[str, int] | None = None  # ("heading", level) or ("link", 0)
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._open, self._text = ("heading", int(tag[1])), []
        elif tag == "a":
            self._open, self._text = ("link", 0), []
        elif tag == "img" or (tag == "embed" and attributes.get("embedtype") == "image"):
            self.items.append(Item("image", attributes.get("alt") or ""))

    def handle_endtag(self, tag):
        if self._open and (tag == "a" if self._open[0] == "link" else tag == f"h{self._open[1]}"):
            self.items.append(Item(self._open[0], "".join(self._text).strip(), self._open[1]))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._text.append(data)


def rich_text_items(html: str) -> list[Item]:
    reader = _RichTextReader()
    reader.feed(html or "")
    reader.close()
    return reader.items


def _is_image(value) -> bool:
    return hasattr(value, "file") and hasattr(value, "default_alt_text")


def value_items(value, block=None) -> list[Item]:
    """The items of a field or block value: rich text, a stream, a struct, a list, a table, an image."""
    from home.blocks import HeadingBlock, LinkBlock

    if value is None:
        return []
    if isinstance(value, RichText):
        return rich_text_items(value.source)
    if isinstance(value, str):
        return rich_text_items(value) if isinstance(block, blocks.RichTextBlock) or block is None else []
    if isinstance(block, HeadingBlock):
        return [Item("heading", value.get("text", ""), int(str(value.get("level", "h2"))[1:]))]
    if isinstance(block, LinkBlock):
        return [Item("link", value.get("text", ""))]
    if _is_image(value):
        if getattr(value, "decorative", False):
            return []
        alt = getattr(value, "contextual_alt_text", None)
        return [Item("image", value.default_alt_text if alt is None else alt)]
    if isinstance(value, StreamValue):
        return [item for child in value for item in value_items(child.value, child.block)]
    if isinstance(value, StructValue):
        return [item for name, child in value.items() for item in value_items(child, value.block.child_blocks[name])]
    if isinstance(value, TypedTable):
        return [item for row in value.rows for cell in row for item in value_items(cell.value, cell.block)]
    if isinstance(value, list | tuple) or hasattr(value, "bound_blocks"):
        child_block = getattr(block, "child_block", None)
        return [item for child in value for item in value_items(child, child_block)]
    return []


def page_problems(form_values: list) -> list[str]:
    """The faults of a page whose readable fields hold *form_values* (in the order they are shown)."""
    return problems([item for value in form_values for item in value_items(value)])
