"""JavaScript the browser tests run in the page, and the hover that looks for a tooltip."""

from __future__ import annotations

#: True once every chart container holds an SVG (or Vega's error text, which the tests then report).
CHARTS_DRAWN = """() => [...document.querySelectorAll('.stemlib-chart')]
    .every(c => c.querySelector('svg.marks') || c.textContent.trim().length > 0)"""

#: Each table's header texts, whether they carry scope="col", and the number of cells in each body row.
#: Vega's tooltip (a small key-value table that follows the mouse) is not a data table and is left out.
TABLE_HEADERS = """() => [...document.querySelectorAll('table')].filter(t => !t.closest('#vg-tooltip-element')).map(t => {
    const heads = [...t.querySelectorAll('thead th')];
    return {headers: heads.map(h => h.textContent),
            scoped: heads.every(h => h.getAttribute('scope') === 'col'),
            row_lengths: [...t.querySelectorAll('tbody tr')].map(r => r.querySelectorAll('td, th').length)};
})"""

#: Every visible piece of text: its colour and the background colours behind it, innermost first.
#: SVG text uses its fill; chart backgrounds are transparent, so the page's background shows through.
TEXT_COLOURS = """() => {
  const out = [];
  const visible = el => {
    const s = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity) > 0 && box.width > 1
           && box.height > 1;
  };
  const backgrounds = el => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && bg !== 'transparent' && !/rgba\\([^)]*,\\s*0\\)$/.test(bg)) layers.push(bg);
    }
    return layers;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent.trim()) continue;
    if (el.closest('script, style, #vg-tooltip-element')) continue;
    seen.add(el);
    if (!visible(el)) continue;
    const s = getComputedStyle(el);
    const colour = el instanceof SVGElement ? s.fill : s.color;
    if (!colour || colour === 'none') continue;
    out.push({text: node.textContent.trim().slice(0, 60), colour, backgrounds: backgrounds(el)});
  }
  return out;
}"""

#: Text elements that reach past the left or right edge of the window (so would need sideways scrolling).
#: A year × area table scrolls inside its own box by design (the year column stays in view); the box itself
#: must fit the window, which the page's scroll width shows.
TEXT_OUTSIDE_VIEWPORT = """() => {
  const width = window.innerWidth, out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest('script, style, #vg-tooltip-element, .stemlib-scroll')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) {
      if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
        out.push(`${node.textContent.trim().slice(0, 40)} (${Math.round(box.left)}-${Math.round(box.right)} px)`);
        break;
      }
    }
  }
  return out;
}"""

#: The fill and stroke colours of each chart's data marks (bars, points, lines, areas), per chart.
CHART_MARK_COLOURS = """() => [...document.querySelectorAll('.stemlib-chart')].map(c => {
  const colours = new Set();
  for (const item of c.querySelectorAll('.mark-rect path, .mark-symbol path, .mark-line path, .mark-area path')) {
    if (item.closest('.role-legend')) continue;  // legend swatches repeat the data colours
    for (const attr of ['fill', 'stroke']) {
      const value = item.getAttribute(attr);
      if (value && value !== 'none' && value !== 'transparent' && value !== '#fff' && value !== '#ffffff'
          && value !== 'white') colours.add(value);
    }
  }
  return {id: c.id, colours: [...colours]};
})"""

#: Bars and points: marks with an area to hover (a line's box centre may miss the line).
_MARKS = ".stemlib-chart svg .mark-rect path[role='graphics-symbol'], .stemlib-chart svg .mark-symbol path[role='graphics-symbol']"


def hover_until_tooltip(page, tries: int = 40) -> str:
    """Move the mouse over chart marks until Vega's tooltip shows; return its text ('' if it never did)."""
    marks = page.locator(_MARKS)
    for index in range(min(marks.count(), tries)):
        mark = marks.nth(index)
        mark.scroll_into_view_if_needed()
        box = mark.bounding_box()
        if not box or box["width"] * box["height"] < 4:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_selector("#vg-tooltip-element.visible", timeout=800)
        except Exception:  # noqa: BLE001 - no tooltip over this mark: try the next one
            continue
        text = page.inner_text("#vg-tooltip-element").strip()
        if text:
            return text
    return ""
