"""Page templates (定型): the headings a city's usual kinds of page have, to start a new page from.

An editor adding a standard page picks お知らせ, 手続き, 施設 or イベント at the top of the form
(``PageTemplatePanel``, a link to the same add view with ``?template=<key>``); the body is then
filled with that kind's headings, each followed by a 【記入】 line saying what goes there. The
page's 問い合わせ先 (its own section, phone and e-mail, or the city's) and 更新日 are shown at its
foot whatever the body holds. A page still holding a 【記入】 line can be saved as a draft but not
published (``home.page_forms.PageForm``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import Panel

#: Starts every line a template leaves for the editor to write; publishing is refused while one is left.
TO_WRITE = "【記入】"


@dataclass(frozen=True)
class PageTemplate:
    key: str
    label: str
    sections: tuple[tuple[str, str], ...]  # (heading, what to write under it)

    def body(self) -> list[dict]:
        """The body's raw StreamField data: an h2 and a 【記入】 paragraph per section."""
        blocks = []
        for heading, hint in self.sections:
            blocks.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
            blocks.append({"type": "paragraph", "value": f"<p>{TO_WRITE}{hint}</p>"})
        return blocks


PAGE_TEMPLATES = {
    template.key: template
    for template in [
        PageTemplate(
            "notice",
            pgettext_lazy("page template", "Notice"),
            (
                ("概要", "何のお知らせか、いつからかを1～2文で"),
                ("詳細", "日付・場所・変わる点など"),
                ("関連情報", "関連するページへのリンク（リンクの文字はページの名前に）"),
            ),
        ),
        PageTemplate(
            "procedure",
            pgettext_lazy("page template", "Procedure"),
            (
                ("対象となる方", "手続きができる方・しなければならない方（例：市内に住民登録のある方）"),
                ("必要なもの", "本人確認書類、印鑑など"),
                ("手続きの場所", "窓口の名前と階、支所・郵送・オンラインでできるか"),
                ("受付時間", "曜日と時間（例：平日 8時30分～17時15分）"),
                ("手数料", "金額（無料のときは「無料」）"),
            ),
        ),
        PageTemplate(
            "facility",
            pgettext_lazy("page template", "Facility"),
            (
                ("施設の概要", "どんな施設か、何ができるか"),
                ("所在地", "住所"),
                ("開館時間", "曜日と時間"),
                ("休館日", "定休日と年末年始など"),
                ("利用料金", "料金（無料のときは「無料」）"),
                ("交通アクセス", "最寄りの駅・バス停、駐車場の有無"),
            ),
        ),
        PageTemplate(
            "event",
            pgettext_lazy("page template", "Event"),
            (
                ("日時", "年月日（曜日）と時間"),
                ("場所", "会場の名前と住所"),
                ("内容", "何をするか"),
                ("対象・定員", "参加できる方と人数"),
                ("費用", "参加費（無料のときは「無料」）"),
                ("申し込み方法", "申し込みの要否・方法・締め切り"),
            ),
        ),
    ]
}


def body_for(template_key: str, page_model) -> object | None:
    """The StreamValue to start a *page_model* body from, or None for an unknown key."""
    template = PAGE_TEMPLATES.get(template_key)
    if template is None:
        return None
    return page_model._meta.get_field("body").stream_block.to_python(template.body())


class PageTemplatePanel(Panel):
    """「定型から始める」 on the add form: links that reload it with a template's body."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Start from a template (定型)"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtailadmin/panels/page_template_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.chosen = self.request.GET.get("template", "") if self.request else ""
            if self.is_shown() and not self.form.is_bound:
                body = body_for(self.chosen, type(self.instance))
                if body is not None:
                    self.form.initial["body"] = body

        def is_shown(self):
            return self.instance.pk is None and self.request is not None

        def choices(self) -> list[dict]:
            query = self.request.GET.copy()
            found = []
            for template in PAGE_TEMPLATES.values():
                query["template"] = template.key
                found.append(
                    {"href": f"?{query.urlencode()}", "label": template.label, "current": template.key == self.chosen}
                )
            return found

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["choices"] = self.choices()
            context["help"] = _(
                "Fills the body with the usual headings of that kind of page (what is in the body now is "
                "replaced). Write each 【記入】 line before publishing; the contact (問い合わせ先) and the "
                "date updated are shown at the foot of the page."
            )
            return context
