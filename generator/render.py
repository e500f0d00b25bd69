"""Stage 3a, render: the portal as Markdown pages, one language at a time.

Input: a validated `Portal`, a language, the drawn charts. Output: a dict of
{path under the language root: text or bytes}. Writes nothing. Page wording
and layout live in ``site_templates/pages/*.md.j2`` and ``strings.yaml``.

Every value a template prints is escaped for Markdown and HTML unless it is
marked safe, so ``<script>`` in a paragraph is shown as text, never run.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from decimal import Decimal
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from generator import model as m
from generator import glossary, series, text, tracking, urls
from generator.charts import Chart
from generator.errors import BuildError
from generator.portal import Portal, series_key
from generator.wording import Wording, section_number

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "site_templates"
# Characters Python-Markdown (with the tables extension) lets a backslash escape.
_SPACES = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>])")
_MD_LIST_START = re.compile(r"^( ?\d+)([.)])|^( ?[-+])")
# Where a hand-written page (the methodology) shows the tracking statuses and their rules.
STATUS_RULES_MARK = "<!-- portal:status-rules -->"


@dataclass
class Nav:
    """The navigation of one language, as MkDocs' `nav:` list."""

    items: list[Any]


def md(value: Any) -> str:
    """Escape text for inline Markdown: markup and Markdown punctuation are shown, not interpreted.

    Line breaks are folded into spaces: a content text is one paragraph, one
    heading or one cell, and a newline inside it would start new Markdown blocks.
    """
    if isinstance(value, Markup):
        return value
    return _md_escaped(str(value))


@functools.lru_cache(maxsize=65536)
def _md_escaped(text: str) -> str:
    """md() of a plain string; cached, since units, names and labels recur on every row of every table."""
    text = _SPACES.sub(" ", text)  # one line; a space at either end is kept (English ": ")
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def html_text(value: Any) -> Markup:
    """Escape text for HTML (attributes included). MkDocs itself inserts page titles and
    navigation labels without escaping, so those pass through here too."""
    return _html_text(value) if type(value) is str else _html_text.__wrapped__(str(value))


@functools.lru_cache(maxsize=65536)
def _html_text(text: str) -> Markup:
    """html_text of a plain string; cached, since names, kinds and labels recur on every row."""
    return Markup(html.escape(" ".join(text.split()), quote=True))


def html_run(value: Any) -> Markup:
    """Escape a run of text inside a paragraph for HTML: like `html_text`, but a space at either
    end is kept, so the sentences of a paragraph, printed one after another, stay apart."""
    return _html_run(value) if type(value) is str else _html_run.__wrapped__(str(value))


@functools.lru_cache(maxsize=65536)
def _html_run(text: str) -> Markup:
    return Markup(html.escape(_SPACES.sub(" ", text), quote=True))


def load_strings(templates_dir: Path = TEMPLATES_DIR) -> dict[str, dict[str, Any]]:
    """Interface wording per language, with the tracking statuses (statuses.yaml) filled with their thresholds."""
    strings = yaml.safe_load((templates_dir / "strings.yaml").read_text(encoding="utf-8"))
    statuses = yaml.safe_load((templates_dir / "statuses.yaml").read_text(encoding="utf-8"))
    for lang, t in strings.items():
        t["status"] = {key: {"symbol": s["symbol"], "word": s[lang], "rule": s[f"rule_{lang}"].format(**tracking.THRESHOLDS)}
                       for key, s in statuses["statuses"].items()}
        t["reason"] = {key: r[lang] for key, r in statuses["reasons"].items()}
    return strings


def page_environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir / "pages")),
        undefined=jinja2.StrictUndefined,
        finalize=md,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["h"] = html_text
    env.filters["text"] = html_run
    env.filters["yaml"] = lambda v: Markup(json.dumps(str(html_text(v)), ensure_ascii=False))
    env.filters["raw"] = Markup
    env.filters["section_number"] = section_number
    return env


def render_site(portal: Portal, lang: str, charts: dict[str, list[Chart]], strings: dict, env: jinja2.Environment,
                handwritten: dict[str, str], columns: list, only: set[str] | None = None) -> tuple[dict[str, str], Nav]:
    """Every generated page of one language, and the navigation.

    `only` (the preview after a local edit) names the pages to render; the
    others are skipped before their context is computed.
    """
    t = strings[lang]
    words = Wording(t, portal, lang)
    pages: dict[str, str] = {}

    def wanted(page_path: str) -> bool:
        return only is None or page_path in only

    def render(template: str, page_path: str, **context: Any) -> None:
        def link(to_path: str, anchor: str = "") -> Markup:
            return Markup(urls.relative(page_path, to_path) + (f"#{anchor}" if anchor else ""))

        def href(to_page: str) -> Markup:
            return Markup(urls.href(page_path, to_page))

        def root_href(to_file: str) -> Markup:
            """A file published once at the site root, from a page of either language."""
            depth = urls.site_url_path(page_path).count("/") + (0 if lang == urls.DEFAULT_LANGUAGE else 1)
            return Markup("../" * depth + to_file)

        pages[page_path] = env.get_template(template).render(
            t=t, lang=lang, portal=portal, urls=urls, link=link, href=href, root_href=root_href, words=words, m=m,
            page_path=page_path,
            generated_from=context.pop("source", "content/"), **context,
        )

    views = series.indicator_views(portal) if only is None else []
    linker = glossary.TermLinker(portal.glossary)
    if wanted(urls.home()):
        matrix_years, matrix = series.document_matrix(portal)
        render("home.md.j2", urls.home(), documents=_newest_first(portal.documents), regions=portal.regions,
               matrix_years=matrix_years, matrix=matrix, headlines=series.latest_headlines(portal))
    for region in portal.regions:
        if not wanted(urls.region_page(region.id)):
            continue
        history_years, history = series.region_history(portal, region.id)
        render("region.md.j2", urls.region_page(region.id), region=region,
               documents=_by_date(portal.documents_of(region.id)),
               subregions=[r for r in portal.regions if r.parent == region.id],
               parent=portal.region(region.parent) if region.parent else None,
               history_years=history_years, history=history,
               tracking=tracking_rows(portal, tracking.region_tracking(portal, region.id), words),
               source="content/regions.yaml")
    for doc in portal.documents:
        source = f"content/documents/{doc.id}.yaml"
        if wanted(urls.document_page(doc.id)):
            if doc.kind == m.DocumentKind.five_year_plan:
                tracked = tracking_rows(portal, tracking.plan_targets(portal, doc), words)
            else:
                tracked = tracking_rows(portal, tracking.targets_reviewed_by(portal, doc), words)
            render("document.md.j2", urls.document_page(doc.id), doc=doc, region=portal.region(doc.region),
                   table=headline_table(portal, doc, words), charts=charts.get(doc.id, []),
                   data_files=data_files(doc.id), tracking=tracked,
                   all_figures=_figures_by_category(portal, doc, words), source=source)
        if wanted(urls.document_text_page(doc.id)):
            render("document_text.md.j2", urls.document_text_page(doc.id), doc=doc, region=portal.region(doc.region),
                   parts=_linked_to_glossary(text_view(doc, lang), linker) if lang == "en" else text_view(doc, lang),
                   others=text_view(doc, _other_language(lang)), source=source)
    if only is None:  # the views across documents: a local edit (the preview's `only`) leaves them as they were
        render("data.md.j2", urls.data_page(), documents=_newest_first(portal.documents),
               files={d.id: data_files(d.id) for d in portal.documents}, columns=columns)
        render("indicators.md.j2", urls.indicator_index(), categories=series.by_category(portal, views),
               source="content/indicators.yaml")
        for view in views:
            render("indicator.md.j2", urls.indicator_page(view.indicator.id), view=view,
                   rows=[figure_row(portal, e.document, e.figure, words) for e in view.entries],
                   comparisons=[_comparison_view(portal, c, words) for c in view.comparisons],
                   charts=charts.get(f"indicator:{view.indicator.id}", []),
                   files={"csv": urls.indicator_file(view.indicator.id, "data.csv")},
                   source="content/indicators.yaml")
        # The compare page indexes the comparisons the indicator pages print: each indicator, with its years.
        render("compare.md.j2", urls.compare_page(),
               items=[(v, sorted({c.year for c in v.comparisons})) for v in views if v.comparisons],
               source="content/indicators.yaml")
        render("glossary.md.j2", urls.glossary_page(), terms=sorted(portal.glossary, key=lambda term: term.zh),
               anchors=linker.anchors,
               source="content/glossary.yaml")
    clash = sorted(set(pages) & set(handwritten))
    if clash:
        raise BuildError(f"docs/{lang}/{clash[0]} would replace a generated page; rename it")
    pages.update({path: text.replace(STATUS_RULES_MARK, env.get_template("_status_rules.md.j2").render(t=t))
                  for path, text in handwritten.items() if wanted(path)})
    return pages, Nav(_nav(portal, t, handwritten))


def figure_row(portal: Portal, doc: m.Document, fig: m.Figure, words: Wording) -> dict[str, Any]:
    """A figure as the tables print it: its words in full, its notes, and where it comes from.

    Made once per figure and language (a figure is on its document's pages, its indicator's
    page and in the tracking of every later report); the row is shared, so templates only read it.
    """
    def make() -> dict[str, Any]:
        notes = [n.get(words.lang) for n in (fig.comparability.note if fig.comparability else None, fig.note) if n]
        label = words.t["nav_document"][doc.kind.value].format(review=doc.review_period.label(),
                                                               plan=doc.plan_period.label())
        return {"document": doc, "document_label": label, "figure": fig, "region": portal.region(doc.region),
                "text": words.figure_in_full(fig),
                "period": words.period(fig.period), "kind": words.t["figure_kind"][fig.kind.value], "notes": notes,
                "page": urls.document_text_page(doc.id), "anchor": portal.figure_anchor(doc, fig) or ""}

    return portal.remembered(("figure row", words.lang, doc.id, id(fig)), make)


def _figures_by_category(portal: Portal, doc: m.Document, words: Wording) -> list[tuple[m.Category, list[dict]]]:
    """Every figure of a document, grouped by the category of its indicator, in catalogue order."""
    order = {ind.id: i for i, ind in enumerate(portal.indicators)}
    groups: dict[str, list] = {}
    for fig in sorted(doc.figures, key=lambda f: (order[f.indicator], series_key(f))):
        groups.setdefault(portal.indicator(fig.indicator).category, []).append(fig)
    return [(c, [dict(figure_row(portal, doc, f, words), indicator=portal.indicator(f.indicator)) for f in groups[c.id]])
            for c in portal.categories if c.id in groups]


def tracking_rows(portal: Portal, tracked: list[tracking.Tracked], words: Wording) -> list[dict[str, Any]]:
    """Tracked targets as table rows, every number in words and every figure with its source."""
    t = words.t

    def row(item: tracking.Tracked) -> dict[str, Any]:
        target = item.target
        return {
            "indicator": portal.indicator(target.indicator),
            "target": figure_row(portal, item.document, target, words),
            "baseline": figure_row(portal, item.document, item.baseline, words) if item.baseline else None,
            "results": [figure_row(portal, o.document, o.figure, words) for o in item.observations],
            "status": t["status"][item.status],
            "reason": t["reason"][item.reason] if item.reason else "",
            "summary": _tracking_summary(item, words),
            "path": _tracking_path(item, words),
            "document": item.document,
        }

    # Once per target and language: a plan's targets are on its page, its region's and its reports'.
    return [portal.remembered(("tracking row", words.lang, id(item)), lambda item=item: row(item)) for item in tracked]


def _tracking_path(item: tracking.Tracked, words: Wording) -> str:
    """The path a target implies, year by year: levels from the baseline, a yearly rate, an even share of a total."""
    t, target = words.t, item.target
    span = target.period.end - target.period.start + 1
    if target.growth is not None and target.growth_unit == m.GrowthUnit.percent and target.basis == m.GrowthBasis.average_annual:
        return t["path_rate"].format(rate=f"{words.number_text(target.growth)}%")
    if target.value is not None and m.Qualifier.cumulative in target.qualifiers and span > 1:
        share = Decimal(str(round(float(target.value) / span, 4))).normalize()
        return t["path_total"].format(share=words.quantity(share, target.unit))
    steps = tracking.path(tracking.Tracked(item.document, target, baseline=item.baseline, measure="level"))
    if len(steps) > 2 and not any(q in target.qualifiers for q in (*tracking._UPPER_BOUNDS, *tracking._LOWER_BOUNDS)):
        shown = t["item_sep"].join(f"{year}{t['colon']}{words.quantity(Decimal(str(round(v, 2))).normalize(), target.unit)}"
                                   for year, v in steps[1:-1])
        return t["path_level"].format(steps=shown)
    return ""


def _tracking_summary(item: tracking.Tracked, words: Wording) -> str:
    """How the results were summed up against the target: "6.0% a year on average over ... (1 of 5)"."""
    t = words.t
    if item.achieved is None:
        return ""
    target = item.target
    span = target.period.end - target.period.start + 1
    n = len(item.years)
    whole = any(o.figure.period == target.period for o in item.observations)

    def amount(x: float) -> str:
        if item.measure == "rate":
            return words.number_text(round(x, 1))
        return words.quantity(Decimal(str(round(x, 4))).normalize(), target.unit)

    if whole:
        key = "status_whole"
    elif item.measure == "rate":
        key = "status_rate_total" if target.basis == m.GrowthBasis.cumulative else "status_rate"
    elif item.measure == "total":
        key = "status_total"
    else:
        key = "status_bound" if any(q in target.qualifiers for q in (*tracking._UPPER_BOUNDS, *tracking._LOWER_BOUNDS)) \
            else "status_level"
    achieved, expected = amount(item.achieved), amount(item.expected)
    if item.measure == "rate" and key == "status_whole":
        achieved, expected = f"{achieved}%", f"{expected}%"
    return t[key].format(achieved=achieved, expected=expected, n=n, span=span,
                         year=max(item.years) if item.years else target.period.end)


def _comparison_view(portal: Portal, comparison: series.Comparison, words: Wording) -> dict[str, Any]:
    t = words.t
    kind = t["comparison_results"] if comparison.kind == "results" else t["comparison_targets"]
    notes = []
    if len(comparison.units) > 1:
        notes.append(t["comparison_units_differ"].format(units=t["list_sep"].join(sorted(comparison.units))))
    if len(comparison.bases) > 1:
        notes.append(t["comparison_bases_differ"].format(bases=t["list_sep"].join(sorted(comparison.bases))))
    return {"title": t["comparison_for"].format(year=comparison.year, kind=kind), "notes": notes,
            "anchor": f"compare-{comparison.year}-{comparison.kind}",
            "rows": [figure_row(portal, e.document, e.figure, words) for e in comparison.entries]}


def data_files(document_id: str) -> dict[str, str]:
    return {"csv": urls.document_file(document_id, "data.csv"), "json": urls.document_file(document_id, "data.json")}


def _newest_first(documents: list[m.Document]) -> list[m.Document]:
    return sorted(documents, key=lambda d: (d.date or dt.date(d.review_period.end, 12, 31), d.id), reverse=True)


def _by_date(documents: list[m.Document]) -> list[m.Document]:
    """A region's timeline: oldest first."""
    return list(reversed(_newest_first(documents)))


def headline_table(portal: Portal, doc: m.Document, words: Wording) -> dict[str, Any]:
    """Rows of indicators, columns of (year, kind): the document's own figures and earlier targets for its review years."""
    comparison = [(i, pairs) for i, pairs in portal.comparison(doc) if portal.indicator(i).headline]
    columns = sorted({series_key(fig): fig for _i, pairs in comparison for _d, fig in pairs}.values(), key=series_key)
    rows = []
    for indicator_id, pairs in comparison:
        cells = []
        for column in columns:
            cells.append([
                {"text": words.figure(fig), "document": other, "anchor": portal.figure_anchor(other, fig),
                 "nature": fig.nature, "comparability": fig.comparability, "note": fig.note}
                for other, fig in pairs if series_key(fig) == series_key(column)
            ])
        rows.append({"indicator": portal.indicator(indicator_id), "cells": cells})
    return {"columns": [words.series(fig.period, fig.kind) for fig in columns], "rows": rows}


def text_view(doc: m.Document, lang: str) -> list[dict[str, Any]]:
    """The full text prepared for the template: headings with their level, blocks by kind, all in `lang`."""
    view = []
    for part in text.reading_order(doc):
        if part.section:
            number = section_number(part.section.number, lang) if part.section.number else ""
            view.append({"kind": "heading", "level": min(part.depth + 1, 6), "anchor": part.anchor,
                         "text": _numbered(number, part.section.title.get(lang))})
            continue
        if part.anchor in text.PART_ANCHORS and part.blocks and part.blocks[0][0] == text.block_anchor(part.anchor, 1):
            view.append({"kind": "mark", "anchor": part.anchor})
        for anchor, block in part.blocks:
            if isinstance(block, m.BoxBlock):
                box = block.box
                number = section_number(box.number, lang) if box.number else ""
                view.append({"kind": "box", "anchor": anchor, "title": _numbered(number, box.title.get(lang)),
                             "items": [(text.item_anchor(anchor, i), item.get(lang))
                                       for i, item in enumerate(box.items, start=1)]})
            elif isinstance(block, m.TableBlock):
                table = block.table
                view.append({"kind": "table", "anchor": anchor,
                             "caption": table.caption.get(lang) if table.caption else "",
                             "header": [[c.get(lang) for c in row] for row in table.header],
                             "rows": [(text.row_anchor(anchor, i), [c.get(lang) for c in row])
                                      for i, row in enumerate(table.rows, start=1)],
                             "notes": [n.get(lang) for n in table.notes]})
            else:
                view.append({"kind": "paragraph", "anchor": anchor, "sentences": _sentences(anchor, block, lang),
                             "zh": block.zh})
    return view


def _linked_to_glossary(view: list[dict[str, Any]], linker: glossary.TermLinker) -> list[dict[str, Any]]:
    """The English paragraphs with their glossary terms cut out as links ("runs" beside "sentences"):
    the first occurrence of each term per section, where the Chinese of the paragraph holds the term."""
    seen: set[str] = set()
    for part in view:
        if part["kind"] == "heading":
            seen = set()
        elif part["kind"] == "paragraph":
            runs = linker.segments(part["zh"], [s for _a, s in part["sentences"]], seen)
            part["runs"] = [[(piece, linker.anchors[term.zh] if term else "", term.zh if term else "")
                             for piece, term in pieces] for pieces in runs]
    return view


def _numbered(number: str, title: str) -> str:
    """A heading with its number: "1. Title", but "一、标题" (Chinese punctuation carries its own space)."""
    if number and number[-1] in "、）】」．：":
        return f"{number}{title}"
    return f"{number} {title}".strip()


def _other_language(lang: str) -> str:
    """The language a full-text page shows beside (or under) its own."""
    return next(other for other in urls.LANGUAGES if other != lang)


def _sentences(anchor: str, block: m.Paragraph, lang: str) -> list[tuple[str, str]]:
    """(sentence anchor, text) pairs, so a figure's source link lands on its sentence.

    Chinese always has them; English only where it cuts into as many sentences
    as the Chinese (the translation keeps sentence order), else one piece with
    no anchor, and the page highlights the whole paragraph instead.
    """
    zh = text.sentences(block.zh)
    if lang == "zh":
        pieces = zh
    else:
        pieces = text.english_sentences(block.get(lang))
        if len(pieces) != len(zh):
            # Every sentence anchor still exists (a link never lands nowhere): empty marks at the
            # paragraph's start, which the page turns into a highlight of the whole paragraph.
            marks = [(text.sentence_anchor(anchor, i), "") for i in range(1, len(zh) + 1)]
            return [*marks, ("", block.get(lang))]
    return [(text.sentence_anchor(anchor, i), piece) for i, piece in enumerate(pieces, start=1)]


def _nav(portal: Portal, t: dict, handwritten: dict[str, str]) -> list[Any]:
    """MkDocs' nav. Labels are HTML-escaped here because MkDocs prints them as they are."""
    def doc_label(doc: m.Document) -> str:
        return str(html_text(t["nav_document"][doc.kind.value].format(
            review=doc.review_period.label(), plan=doc.plan_period.label())))

    regions = []
    for region in portal.regions:
        entries: list[Any] = [{t["overview"]: urls.region_page(region.id)}]
        for doc in portal.documents_of(region.id):
            entries.append({doc_label(doc): [{t["overview"]: urls.document_page(doc.id)},
                                             {t["full_text"]: urls.document_text_page(doc.id)}]})
        regions.append({str(html_text(region.name.get(t["lang"]))): entries})
    nav: list[Any] = [{t["home"]: urls.home()}, *regions, {t["indicators"]: urls.indicator_index()},
                      {t["compare"]: urls.compare_page()}, {t["data"]: urls.data_page()},
                      {t["glossary"]: urls.glossary_page()}]
    for name in ("about", "methodology", "editing", "scaling"):
        if f"{name}.md" in handwritten:
            nav.append({t[name]: f"{name}.md"})
    return nav
