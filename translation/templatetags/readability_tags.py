"""``{% japanese_readability object as figures %}``: the checks panel's figures for a Japanese page."""

from django import template

from translation.easy_japanese import readability

register = template.Library()


@register.simple_tag
def japanese_readability(page):
    """The readability of *page*'s latest saved draft, or None for a page not saved yet."""
    from translation.admin_views import page_text

    if page is None or not getattr(page, "pk", None):
        return None
    return readability(page_text(page))
