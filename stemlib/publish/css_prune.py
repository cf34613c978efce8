"""Leave out the style rules a page cannot use.

nbconvert's lab template inlines JupyterLab's whole style sheet, 240 KB of rules for menus,
dialogs, editors and file browsers, of which a report page uses a few: it was a sixth of
every page, and the browser matched every element it drew (every chart's SVG too) against
all of it. :func:`prune_page_css` keeps a rule when one of its selectors could match: each
class the selector requires occurs on the page, or is one that the page's script or Vega
adds when it draws (:data:`RUNTIME_CLASS_PREFIXES`). Rules without classes (elements,
``:root`` variables, attributes), at-rules other than ``@media`` and ``@supports``, and
selectors this test cannot read (``:is``, ``:where``, ``:has``, escapes) are kept whole.
"""

from __future__ import annotations

import re

import tinycss2

#: Classes that Vega, vega-embed and vega-tooltip add as they draw (none of them is in the HTML).
RUNTIME_CLASS_PREFIXES = ("vega", "vg-", "mark-", "role-", "marks", "fit-", "has-actions", "chart-wrapper",
                          "visible", "light-theme", "dark-theme", "key", "value")
#: The attribute that marks a style element to keep as it is.
KEEP = "data-stemlib-style"
_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.DOTALL | re.IGNORECASE)
_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
_NOT = re.compile(r":not\([^()]*\)")
_UNREADABLE = (":is(", ":where(", ":has(", "\\")


def page_classes(page: str) -> set[str]:
    """Every class name that an element of ``page`` carries."""
    return {name for match in _CLASS_ATTR.finditer(page) for name in (match[1] or match[2] or "").split()}


def _could_match(selector: str, classes: set[str]) -> bool:
    if any(mark in selector for mark in _UNREADABLE):
        return True
    needed = _CLASS_IN_SELECTOR.findall(_NOT.sub("", selector))
    return all(name in classes or name.startswith(RUNTIME_CLASS_PREFIXES) for name in needed)


def _split_selectors(prelude: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            out.append(prelude[start:i])
            start = i + 1
    return [*out, prelude[start:]]


def _prune_rules(rules, classes: set[str]) -> str:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if any(_could_match(s, classes) for s in _split_selectors(tinycss2.serialize(rule.prelude))):
                kept.append(rule.serialize())
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            inner = _prune_rules(tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                skip_whitespace=True), classes)
            if inner.strip():
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type != "error":
            kept.append(rule.serialize())
    return "\n".join(kept)


def prune_css(css: str, classes: set[str]) -> str:
    """Return ``css`` without the rules none of whose selectors could match an element with ``classes``."""
    return _prune_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), classes)


def _prune_block(match: re.Match, classes: set[str]) -> str:
    if KEEP in match[1]:
        return match[0]  # the page's own style: kept as written
    # tinycss2 writes strings with their escapes undone: a "\3c /style\3e" in a string must not end the element.
    return match[1] + "\n" + prune_css(match[2], classes).replace("</", "<\\/") + "\n" + match[3]


def prune_page_css(page: str) -> str:
    """Return ``page`` with each ``<style>`` element of its head cut to the rules the page can use.

    Style elements marked with :data:`KEEP` (the report's own, small and written for it) and those in the body
    (a notebook output's own style) are left as they are.
    """
    classes = page_classes(page)
    body = page.find("<body")
    head, rest = (page[:body], page[body:]) if body >= 0 else (page, "")
    return _STYLE.sub(lambda m: _prune_block(m, classes), head) + rest
