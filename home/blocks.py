"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"))
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("level"))

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"


class NoticeBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Important")), ("success", _("Done"))],
        default="info",
        label=_("kind"),
    )
    text = blocks.RichTextBlock(features=["bold", "link", "ul", "ol"], label=_("text"))

    class Meta:
        icon = "warning"
        template = "components/blocks/notice_block.html"


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False, label=_("page"))
    url = blocks.URLBlock(required=False, label=_("external URL"))
    text = blocks.CharBlock(label=_("link text"))

    class Meta:
        icon = "link"


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    links = blocks.ListBlock(LinkBlock(), label=_("links"))

    class Meta:
        icon = "list-ul"
        template = "components/blocks/link_list_block.html"


class DataTableBlock(TypedTableBlock):
    """A real table (料金表, 受付時間): a caption, then columns of text, numbers or linked text,
    typed cell by cell; the first column reads as the row headers."""

    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock(label=_("text"))),
                ("number", blocks.DecimalBlock(label=_("number"))),
                ("rich_text", blocks.RichTextBlock(features=["bold", "link"], label=_("text with links"))),
            ],
            **kwargs,
        )

    class Meta:
        icon = "table"
        label = _("table")
        template = "components/blocks/data_table_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul", "hr"],
        label=_("paragraph"),
    )
    image = ImageBlock(label=_("image"))
    notice = NoticeBlock()
    links = LinkListBlock()
    data_table = DataTableBlock()
    table = blocks.StructBlock(
        [
            ("caption", blocks.CharBlock(label=_("caption"))),
            ("rows", blocks.TextBlock(label=_("rows (one per line, cells separated by |, first line is the header)"))),
        ],
        icon="table",
        template="components/blocks/table_block.html",
        label=_("table (typed as text, older pages)"),
    )
