"""Helpers for the accessibility checks: axe-core in the page, horizontal overflow at 320 px, focus.

axe-core (tests/a11y/vendor/axe.min.js, MPL-2.0, see vendor/LICENSE) is injected from the repo, so
no network is needed. Violations are collected as plain dicts so a test can gather them over many
pages and assert once, with a readable report.
"""

from __future__ import annotations

from pathlib import Path

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"

# WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Leaflet's map tiles come from a tile server the test machine cannot reach. They are the only
# thing ever excluded: every other element, the map container and its controls included, is checked.
EXCLUDE = [[".leaflet-tile"]]

AXE_RUN = """
async ([tags, exclude]) => {
  const results = await axe.run(
    {include: [document], exclude: exclude},
    {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]},
  );
  return results.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map(n => ({target: n.target.join(" "), summary: (n.failureSummary || "").split("\\n").slice(0, 3).join(" "), html: n.html.slice(0, 160)})),
  }));
}
"""

# Elements whose right edge goes past the viewport, innermost first: what makes a page scroll sideways.
# An element inside a scroll or clip box (.table-wrap, the map) only counts if that box is in its
# containing-block chain: an absolutely positioned child of a static scroll box escapes it.
OVERFLOW_CULPRITS = """
() => {
  const width = document.documentElement.clientWidth;
  const sticksOut = el => el.getBoundingClientRect().right > width + 1;
  const clipped = el => {
    let position = getComputedStyle(el).position;
    if (position === "fixed") return true;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      const containing = position !== "absolute" || s.position !== "static" || s.transform !== "none";
      if (!containing) continue;
      if (["auto", "scroll", "hidden", "clip"].includes(s.overflowX) && !sticksOut(p)) return true;
      position = s.position;
      if (position === "fixed") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || !sticksOut(el) || clipped(el)) continue;
    if ([...el.children].some(c => sticksOut(c) && !clipped(c))) continue;
    const id = el.id ? "#" + el.id : "";
    const cls = el.classList.length ? "." + [...el.classList].join(".") : "";
    const text = (el.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 30);
    out.push(`${el.tagName.toLowerCase()}${id}${cls} "${text}" (right edge ${Math.round(r.right)} px)`);
    if (out.length >= 5) break;
  }
  return out;
}
"""


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_PATH))
    return page.evaluate(AXE_RUN, [WCAG_TAGS, EXCLUDE])


def horizontal_overflow(page) -> tuple[int, list[str]]:
    """How many px the page scrolls sideways, and the elements that stick out."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    return overflow, (page.evaluate(OVERFLOW_CULPRITS) if overflow > 0 else [])


def format_violations(found: list[dict]) -> str:
    lines = [f"{len(found)} accessibility problem(s):"]
    for v in found:
        lines.append(f"- {v['page']} [{v['width']}] {v['rule']} ({v['impact']}): {v['target']}\n    {v['help']}")
        if v.get("detail"):
            lines.append(f"    {v['detail']}")
    return "\n".join(lines)
