"""The English finder of the admin coverage test (tests/i18n/admin_text.py), on its own."""

from tests.i18n.admin_text import english_strings


def test_finds_english_in_text_labels_and_the_sidebar():
    html = (
        '<main><h2>Save changes</h2><button aria-label="Close dialog"></button><input placeholder="Search…">'
        '<script id="wagtail-sidebar-props" type="application/json">{"label": "Reports"}</script></main>'
    )
    assert english_strings(html) == {"Save changes", "Close dialog", "Search", "Reports"}


def test_leaves_out_what_is_not_shown_and_what_is_not_ui():
    html = (
        "<main><p>変更を保存 AED CSV Ctrl + j</p><script>var label = 'Hidden';</script>"
        "<div hidden><span>None</span></div><p>Machi Portal</p><p>Tiếng Việt</p>"
        '<select name="current_time_zone"><option>Japan</option></select>'
        "<p>子育て施設一覧 (childcare) 例: library</p><p>editor</p><p>Takamatsu City Life</p></main>"
    )
    assert english_strings(html, data={"editor", "Takamatsu City Life Portal"}) == set()
