"""The portal's main forms with a keyboard only: every control reached by Tab in order, focus visible,
Enter submits.

For each form (garbage area picker, facilities near me, events filter, nursery filter, search) the
test lists the form's visible, enabled controls in document order (one stop per radio group, as
browsers do), presses Tab from the top of the page until the first one has focus, then Tab again and
again until focus leaves the form: the stops must be exactly that list. At every stop the focused
element must match :focus-visible and draw an outline or a box-shadow. Then it types into the form's
text field (or picks an option with the arrow keys) and presses Enter: the browser must load the
results URL carrying what was typed.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Mark the form's controls in document order and return their keys. One stop per radio group: the
# checked radio, else the first one.
MARK_CONTROLS = """
(formSelector) => {
  const form = document.querySelector(formSelector);
  if (!form) return null;
  const seenGroups = new Set();
  const keys = [];
  const candidates = [...form.querySelectorAll("input, select, textarea, button, a[href], summary, [tabindex]")];
  candidates.forEach((el, i) => {
    if (el.disabled || el.type === "hidden" || !el.getClientRects().length) return;
    if (el.checkVisibility && !el.checkVisibility()) return;  // e.g. inside a closed <details>
    if (getComputedStyle(el).visibility === "hidden") return;
    if (el.type === "radio") {
      if (seenGroups.has(el.name)) return;
      seenGroups.add(el.name);
      const group = candidates.filter(r => r.type === "radio" && r.name === el.name);
      el = group.find(r => r.checked) || group[0];
    }
    const key = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}[name=${el.name || ""}]${el.type === "radio" ? "=" + el.value : ""}#${i}`;
    el.dataset.a11yKey = key;
    keys.push(key);
  });
  return keys;
}
"""

FOCUSED = """
(formSelector) => {
  const el = document.activeElement;
  if (!el || el === document.body) return {key: null, inForm: false};
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const shadow = !!s.boxShadow && s.boxShadow !== "none";
  return {
    key: el.dataset.a11yKey || `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className}`,
    inForm: !!el.closest(formSelector),
    focusVisible: el.matches(":focus-visible"),
    drawn: outline || shadow,
    style: `outline: ${s.outlineStyle} ${s.outlineWidth}; box-shadow: ${s.boxShadow}`,
  };
}
"""


def _page_url(model_name: str, language: str = "ja") -> str:
    from wagtail.models import Page

    for page in Page.objects.live().filter(locale__language_code=language).order_by("path").specific():
        if type(page).__name__ == model_name:
            return page.get_url_parts()[2]
    raise AssertionError(f"load_demo made no live {model_name} in {language}")


def check_tab_order(page, form_selector: str, problems: list[str], where: str) -> None:
    expected = page.evaluate(MARK_CONTROLS, form_selector)
    if not expected:
        problems.append(f"{where}: no form {form_selector} with controls")
        return
    # From the top of the freshly loaded page to the form's first control; focus must show on the
    # way too (skip link, header search, language switcher, menu, breadcrumbs).
    page.keyboard.press("Tab")
    for _ in range(120):
        focused = page.evaluate(FOCUSED, form_selector)
        if focused["key"] == expected[0]:
            break
        if focused["key"] and not (focused["focusVisible"] and focused["drawn"]):
            problems.append(f"{where}: focus is not visible on {focused['key']} ({focused['style']})")
        page.keyboard.press("Tab")
    else:
        problems.append(f"{where}: Tab never reaches the first control {expected[0]}")
        return

    stops: list[str] = []
    for _ in range(len(expected) * 4 + 10):  # a date field takes a Tab per part (year, month, day)
        focused = page.evaluate(FOCUSED, form_selector)
        if not focused["inForm"]:
            break
        if not stops or stops[-1] != focused["key"]:
            stops.append(focused["key"])
            if not (focused["focusVisible"] and focused["drawn"]):
                problems.append(f"{where}: focus is not visible on {focused['key']} ({focused['style']})")
        page.keyboard.press("Tab")
    if stops != expected:
        missing = [key for key in expected if key not in stops]
        extra = [key for key in stops if key not in expected]
        problems.append(
            f"{where}: Tab order differs from the document order\n"
            f"    expected {expected}\n    got      {stops}\n    missing {missing}, unexpected {extra}"
        )


def press_enter_and_wait(page) -> bool:
    """Enter on the focused element; whether it made the browser load a page."""
    try:
        with page.expect_navigation(timeout=15_000):
            page.keyboard.press("Enter")
    except PlaywrightTimeoutError:
        return False
    return True


def submit_with_enter(page, origin, path: str, field: str, value: str, param: str, problems, where) -> None:
    """Type *value* into *field*, press Enter: the next page's URL must carry ``param=value``."""
    page.goto(origin + path)
    page.locator(field).focus()
    page.keyboard.type(value)
    if not press_enter_and_wait(page):
        problems.append(f"{where}: Enter in {field} loaded nothing")
        return
    query = parse_qs(urlsplit(page.url).query)
    if query.get(param, [""])[0] != value:
        problems.append(f"{where}: Enter in {field} did not submit {param}={value!r} (now at {page.url})")


def select_and_press_enter_on_button(page, origin, path, select, button, param, problems, where) -> None:
    """Pick an option with the arrow key, Tab to the button, Enter: the URL must carry the choice."""
    page.goto(origin + path)
    page.locator(select).focus()
    page.keyboard.press("ArrowDown")
    chosen = page.locator(select).input_value()
    page.keyboard.press("Tab")
    if not page.evaluate("(selector) => document.activeElement.matches(selector)", button):
        problems.append(f"{where}: Tab from {select} does not go to {button}")
        return
    if not press_enter_and_wait(page):
        problems.append(f"{where}: Enter on {button} loaded nothing")
        return
    query = parse_qs(urlsplit(page.url).query)
    if not chosen or query.get(param, [""])[0] != chosen:
        problems.append(f"{where}: choosing {chosen!r} in {select} and Enter did not submit {param} ({page.url})")


def check_forms(page, origin: str) -> list[str]:
    from services.garbage.models import CollectionArea

    garbage = _page_url("GarbageCalendarPage")
    facilities = _page_url("FacilityIndexPage")
    events = _page_url("EventIndexPage")
    nurseries = _page_url("NurseryIndexPage")
    search = "/ja/search/"
    area = CollectionArea.objects.order_by("pk").first()
    assert area is not None, "load_demo made no garbage area"

    forms = [
        ("garbage area search", garbage, "form:has(#garbage-where)"),
        ("garbage area list", garbage, "form:has(#garbage-area)"),
        ("garbage dictionary", garbage, "form:has(#garbage-q)"),
        ("facilities near me", facilities, "form.near-me-form"),
        ("events filter", events, "form.event-filters"),
        ("nursery filter", nurseries, "form.nursery-filters"),
        ("search", search, "form.search-page-form"),
    ]
    problems: list[str] = []
    for name, path, selector in forms:
        page.goto(origin + path)
        check_tab_order(page, selector, problems, f"{name} ({path})")

    address = "高松市番町一丁目"
    submit_with_enter(page, origin, garbage, "#garbage-where", area.name, "where", problems, "garbage area")
    select_and_press_enter_on_button(
        page,
        origin,
        garbage,
        "#garbage-area",
        "form:has(#garbage-area) button[type=submit]",
        "area",
        problems,
        "garbage list",
    )
    submit_with_enter(page, origin, garbage, "#garbage-q", "電池", "q", problems, "garbage dictionary")
    submit_with_enter(
        page, origin, facilities, "form.near-me-form [name=address]", address, "address", problems, "facilities"
    )
    submit_with_enter(page, origin, events, "form.event-filters [name=q]", "図書館", "q", problems, "events")
    submit_with_enter(
        page, origin, nurseries, "form.nursery-filters [name=address]", "横浜市中区", "address", problems, "nurseries"
    )
    submit_with_enter(page, origin, search, "#search-page-q", "ごみ", "q", problems, "search")
    return problems
