"""The page editor's checks panel gives Japanese pages Japanese figures (sentence length, kanji,
difficult words) instead of Wagtail's word count, which counts a Japanese paragraph as one word."""

from django.urls import reverse

from home.groups import EDITORS
from home.models import StandardPage
from translation.easy_japanese import readability

LONG = "粗大ごみは事前に申し込みが必要で、申込受付センターに電話またはインターネットで申請したうえで、指定された収集日の朝八時までに玄関先へ出してください。"
SHORT = "ごみは 朝 8時までに 出して ください。"


def test_readability_counts_sentences_length_kanji_and_hard_words():
    figures = readability(f"{LONG}\n{SHORT}")
    assert figures.sentences == 2
    assert figures.longest_chars == len(LONG)
    assert figures.long_sentences == 1
    assert figures.average_chars == round((len(LONG) + len(SHORT.replace(" ", ""))) / 2)
    assert 30 < figures.kanji_percent < 70
    assert "申請" in figures.hard_words


def test_plain_text_has_no_long_sentence_and_little_kanji():
    figures = readability(SHORT)
    assert figures.long_sentences == 0
    assert figures.kanji_percent <= 30


def test_nothing_to_read_is_zero_not_an_error():
    figures = readability("")
    assert (figures.sentences, figures.average_chars, figures.kanji_share) == (0, 0, 0.0)


def test_the_checks_panel_of_a_japanese_page_shows_japanese_figures(client, site_tree, make_user):
    page = StandardPage(title="粗大ごみ", slug="sodai", body=[("paragraph", f"<p>{LONG}</p>")])
    site_tree.add_child(instance=page)
    page.save_revision()
    client.force_login(make_user(EDITORS, username="editor"))

    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    panel = html.split('class="japanese-readability"')[1].split("</section>")[0]
    assert "日本語の読みやすさ" in panel
    assert f"{len(LONG)}文字" in panel  # the longest sentence
    assert "50文字を超える文が1文あります" in panel
    assert "申請" in panel
    assert "漢字が多めです" in panel  # the advice in Japanese too
    assert "data-content-word-count" not in html  # Wagtail's word count is not shown for Japanese


def test_a_new_page_asks_for_a_draft_first(client, site_tree, make_user):
    client.force_login(make_user(EDITORS, username="editor"))
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", site_tree.pk])
    html = client.get(url).content.decode()
    assert "下書きを保存すると、日本語の読みやすさをここに表示します。" in html
