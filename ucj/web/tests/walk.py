"""What the persona walk checks on each page: the page header, the language of every visible
string, axe-core's serious and critical findings. Used by test_browser_walk.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ucj.web.tests.catalogue import languages

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# The design system's page header (web/base.html): every page has it, with breadcrumbs.
PAGE_HEADER = "main header.page-header nav.breadcrumbs"
BLOCKING = {"serious", "critical"}

# Every visible text node (and what a user reads from attributes: placeholders, titles,
# labels for screen readers, the page title), with the tag it sits in.
VISIBLE_TEXT = """() => {
  const out = [];
  // <code> shows identifiers as they must be typed (a template's column names).
  const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "CODE"]);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !el || skip.has(el.tagName)) continue;
    if (el.closest('[translate="no"]')) continue;  // a name or title shown as recorded
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    out.push([el.tagName.toLowerCase(), node.textContent]);
  }
  for (const el of document.querySelectorAll("[placeholder],[title],[aria-label],img[alt]")) {
    for (const name of ["placeholder", "title", "aria-label", "alt"]) {
      const value = el.getAttribute(name);
      if (value && value.trim()) out.push([el.tagName.toLowerCase() + "@" + name, value]);
    }
  }
  for (const option of document.querySelectorAll("select option")) {
    out.push(["option", option.textContent]);
  }
  out.push(["title", document.title]);
  return out;
}"""

# Links to pages inside <main>: (path, the table the link sits in or -1). Rows of one
# table open pages of one kind, so the walk opens the first of each table only.
MAIN_LINKS = """() => {
  const tables = Array.from(document.querySelectorAll("main table"));
  return Array.from(document.querySelectorAll("main a[href^='/']")).map(a => {
    const table = a.closest("table");
    return [a.getAttribute("href"), table ? tables.indexOf(table) : -1];
  });
}"""
DOWNLOAD = re.compile(r"\.(csv|xlsx|pdf|json|png|svg)$|^/api/|^/static/")

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


def foreign_strings(page: Any, lang: str) -> list[str]:
    """Visible strings of the other language ("tag: text (catalogue entry)")."""
    check = languages()[lang]
    found = []
    for tag, text in page.evaluate(VISIBLE_TEXT):
        entry = check.foreign(text)
        if entry is not None:
            found.append(f"{tag}: {' '.join(text.split())[:120]!r} ({entry!r})")
    return sorted(set(found))


def axe_violations(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now. Injected with
    evaluate (a debugger call), which the page's Content-Security-Policy does not govern,
    so the product's policy stays as strict as it is for users."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    out = []
    for v in page.evaluate(RUN_AXE):
        if v["impact"] in BLOCKING:
            nodes = "\n      ".join(v["nodes"])
            out.append(f"{v['impact']} {v['id']}: {v['help']}\n      {nodes}")
    return out


def shape(path: str) -> str:
    """Pages that differ only by ids are one kind of page: /monev/sesi/1/ ~ /monev/sesi/2/."""
    return re.sub(r"\d+", "N", path)


def pages_beyond(page: Any, seen: set[str]) -> list[str]:
    """Paths of the kinds of page linked from this one that are not yet in `seen` (shapes):
    one per table, every link outside tables; downloads and the API are left out."""
    found, tables = [], set()
    for href, table in page.evaluate(MAIN_LINKS):
        path = href.split("#", 1)[0].split("?", 1)[0]
        if not path or DOWNLOAD.search(path) or shape(path) in seen:
            continue
        if table >= 0:
            if table in tables:
                continue
            tables.add(table)
        seen.add(shape(path))
        found.append(path)
    return found
