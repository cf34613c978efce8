"""Leaving out the style rules a page cannot use (stemlib.publish.css_prune)."""

from __future__ import annotations

from stemlib.publish.css_prune import prune_css, prune_page_css

CSS = """
:root { --jp-x: 1px; }
a { color: red; }
.jp-Notebook .jp-Cell { margin: 0; }
.jp-FileBrowser .jp-DirListing { display: flex; }
.jp-Toolbar, .jp-Cell:not(.jp-mod-active) { padding: 0; }
.vega-embed .vega-actions { display: none; }
@media print { .jp-Dialog { display: none; } .jp-Cell { break-inside: avoid; } }
@media screen { .jp-Menu { color: blue; } }
@keyframes spin { from { opacity: 0; } to { opacity: 1; } }
"""


def test_rules_for_classes_the_page_lacks_are_left_out():
    kept = prune_css(CSS, {"jp-Notebook", "jp-Cell"})
    for selector in (":root", "a {", ".jp-Notebook .jp-Cell", ".jp-Cell:not(.jp-mod-active)", ".vega-embed",
                     "@media print", ".jp-Cell { break-inside", "@keyframes spin"):
        assert selector in kept, f"{selector} was left out"
    for selector in (".jp-FileBrowser", ".jp-Dialog", ".jp-Menu", "@media screen"):
        assert selector not in kept, f"{selector} was kept"


def test_the_pages_own_style_is_kept_as_written_and_no_string_ends_a_style_element():
    page = ('<html><head><style type="text/css">.x::after { content: "\\3c /style\\3e"; } .gone { a: b; }</style>'
            '<style type="text/css" data-stemlib-style>.gone2 { content: "\\3c /style\\3e"; }</style></head>'
            '<body class="x"></body></html>')
    out = prune_page_css(page)
    assert ".gone {" not in out and '.gone2 { content: "\\3c /style\\3e"; }' in out
    assert out.count("</style>") == 2  # the unescaped string did not close the first element early


def test_a_style_element_in_the_body_is_left_as_written():
    page = ('<html><head><style>.gone { a: b; }</style></head>'
            '<body class="x"><div class="card"><style>.card-state { color: red; }</style></div></body></html>')
    out = prune_page_css(page)
    assert ".gone" not in out and "<style>.card-state { color: red; }</style>" in out
