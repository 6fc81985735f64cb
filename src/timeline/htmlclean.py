"""HTML made safe to extract an article from: nothing a reader does not see becomes article text.

A saved page holds text no reader sees: scripts and styles, templates, ``<noscript>`` fallbacks, and elements
hidden with the ``hidden`` attribute, ``aria-hidden``, an inline ``display: none`` or ``visibility: hidden``,
or a class that front-end frameworks use to hide things. Trafilatura drops scripts, styles and inline
``display: none`` itself; it keeps the rest. :func:`clean_html` removes all of them before extraction (the text
that follows a removed element, its "tail", is kept: it is visible).

Nesting: libxml2 stops building the tree 256 levels down and silently drops what is deeper, so a page nested
deeper (by accident or to hide text from extractors) would lose its article. When the parser reports it, the
page is first flattened by a one-pass tokenizer that keeps the text and the first ``MAX_DEPTH`` levels of tags,
then parsed again.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

MAX_DEPTH = 160  # real pages stay well under 100 levels; libxml2 gives up at 256

# Elements whose content is never article text (JSON-LD scripts stay: they hold the publication date).
DROPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas", "select",
     "button", "datalist", "dialog"}
)
KEPT_SCRIPT_TYPES = frozenset({"application/ld+json"})
# Utility classes that hide an element in Bootstrap, Tailwind, Foundation, WordPress and most site styles.
HIDDEN_CLASSES = frozenset(
    {"hidden", "hide", "is-hidden", "d-none", "invisible", "visually-hidden", "visuallyhidden", "sr-only",
     "screen-reader-text", "screenreader-only", "element-invisible", "u-hidden", "js-hidden", "display-none"}
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Inline styles that hide: "display:none", "display : none !important", "visibility:hidden". One class of
# characters between the parts, bounded: linear.
_HIDING_STYLE = re.compile(r"(?:display\s{0,8}:\s{0,8}none|visibility\s{0,8}:\s{0,8}(?:hidden|collapse))", re.I)


def is_hidden(tag: str, attributes: Mapping[str, Any]) -> bool:
    """Whether an element with this tag and these attributes shows nothing to a reader."""
    tag = tag.lower() if isinstance(tag, str) else ""
    if tag in DROPPED_TAGS:
        return not (tag == "script" and str(attributes.get("type", "")).strip().lower() in KEPT_SCRIPT_TYPES)
    if "hidden" in attributes:
        return True
    if str(attributes.get("aria-hidden", "")).strip().lower() == "true":
        return True
    if tag == "input" and str(attributes.get("type", "")).strip().lower() == "hidden":
        return True
    style = attributes.get("style")
    if style and _HIDING_STYLE.search(str(style)):
        return True
    classes = attributes.get("class")
    return bool(classes) and not HIDDEN_CLASSES.isdisjoint(str(classes).lower().split())


def _parse(markup: str) -> tuple[Any, bool]:
    """The lxml tree of the page and whether libxml2 hit its depth limit (and so dropped content)."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    too_deep = any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log)
    return tree, too_deep


def _remove_hidden(tree: Any) -> None:
    doomed = [
        element
        for element in tree.iter()
        if isinstance(element.tag, str) and is_hidden(element.tag, element.attrib)
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the element's tail: the visible text after it


class _Flattener(HTMLParser):
    """One pass over the page: the text kept, tags deeper than ``max_depth`` dropped, hidden elements removed
    with their content. No tree is built, so no depth limit and no recursion."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.max_depth = max_depth
        self.out: list[str] = []
        self.stack: list[str] = []
        self.open_counts: Counter[str] = Counter()  # how often each tag is on the stack: O(1) membership
        self.skipping: str | None = None
        self.skip_depth = 0

    def handle_decl(self, decl: str) -> None:
        if decl.lower().startswith("doctype"):
            self.out.append("<!DOCTYPE html>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is not None:
            if tag == self.skipping and tag not in VOID_TAGS:
                self.skip_depth += 1
            return
        attributes = {name: value or "" for name, value in attrs}
        if is_hidden(tag, attributes):
            if tag not in VOID_TAGS:
                self.skipping, self.skip_depth = tag, 1
            return
        if tag not in VOID_TAGS:
            self.stack.append(tag)
            self.open_counts[tag] += 1
        if len(self.stack) <= self.max_depth:
            rendered = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes.items())
            self.out.append(f"<{tag}{rendered}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:  # <div/> opens and closes (or, inside a skipped <div>, nests and unnests)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skipping = None
            return
        if not self.open_counts[tag]:
            return
        while self.stack:  # close what the author left open inside it, as a browser does
            depth = len(self.stack)
            closed = self.stack.pop()
            self.open_counts[closed] -= 1
            if depth <= self.max_depth:
                self.out.append(f"</{closed}>")
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            self.out.append(html.escape(data, quote=False))


def flatten(markup: str, max_depth: int = MAX_DEPTH) -> str:
    """The page with its text and its first ``max_depth`` levels of tags, hidden elements removed."""
    flattener = _Flattener(max_depth)
    flattener.feed(markup)
    flattener.close()
    return "".join(flattener.out)


def clean_html(markup: str) -> Any:
    """The page as an lxml tree without anything a reader does not see, ready for trafilatura; None when it
    holds no document at all."""
    tree, too_deep = _parse(markup)
    if too_deep:
        tree, _ = _parse(flatten(markup))
    if tree is None:
        return None
    _remove_hidden(tree)
    return tree


__all__ = ["DROPPED_TAGS", "HIDDEN_CLASSES", "MAX_DEPTH", "clean_html", "flatten", "is_hidden"]
