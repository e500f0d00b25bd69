"""The pipeline, top to bottom: load -> validate -> render + charts -> write -> MkDocs.

Nothing is written until every file has been read and validated, and the
site folder is replaced only when both languages have built, so a broken
YAML file or a failing MkDocs build never leaves half a site behind.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import urls
from generator import series
from generator.charts import Chart, document_charts, indicator_chart
from generator.draw import chart_svg, vega_bundle
from generator.errors import BuildError, Problem
from generator import cite, export
from generator.render import TEMPLATES_DIR, load_strings, page_environment, render_site
from generator.search import write_search_index
from generator.validate import validate_content
from generator.wording import Wording
from generator.finish import finish_site
from generator.write import (GENERATED_MARK, build_lock, check_output_dir, clean_leftovers, make_staging, swap_in,
                             write_tree)

log = logging.getLogger("portal")

# The build date when neither SOURCE_DATE_EPOCH nor git says (2026-01-01):
# the sitemap carries it, and the same commit must build the same bytes.
DEFAULT_SOURCE_DATE_EPOCH = "1767225600"


@dataclass
class Project:
    """Where things are. Defaults follow the repository layout."""

    root: Path
    content_dir: Path = None
    build_dir: Path = None
    site_dir: Path = None
    cache_dir: Path = None

    def __post_init__(self):
        self.root = self.root.resolve()
        self.content_dir = self.content_dir or self.root / "content"
        self.build_dir = self.build_dir or self.root / "build"
        self.site_dir = self.site_dir or self.root / "site"
        self.cache_dir = self.cache_dir or self.root / ".cache"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def templates_dir(self) -> Path:
        """The project's own site_templates/, or the portal's when the project has none."""
        own = self.root / "site_templates"
        return own if own.is_dir() else TEMPLATES_DIR


@dataclass
class BuildReport:
    warnings: list[Problem] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def generate(project: Project, strict: bool = False, site_url: str | None = None) -> tuple[dict[str, str | bytes], BuildReport]:
    """Stages 1-3: validate the content and produce the whole generated tree (nothing written)."""
    report = BuildReport()
    started = time.perf_counter()
    portal, report.warnings = validate_content(project.content_dir, strict=strict)
    report.seconds["validate"] = time.perf_counter() - started
    strings = load_strings(project.templates_dir)
    env = page_environment(project.templates_dir)
    files: dict[str, str | bytes] = {}
    words = {lang: Wording(strings[lang], portal, lang) for lang in urls.LANGUAGES}
    columns = export.dataset_columns(project.templates_dir)
    base_url = published_url(project, site_url)
    records = {doc.id: export.figure_records(portal, words, base_url, [doc]) for doc in portal.documents}
    every = [r for doc_id in sorted(records) for r in records[doc_id]]
    files.update(_dataset_files(every, columns, strings["en"]))
    for lang in urls.LANGUAGES:
        t = strings[lang]
        charts, chart_files = {}, {}
        cache = project.cache_dir / "charts"
        for doc in portal.documents:
            charts[doc.id] = document_charts(portal, doc, words[lang])
            for chart in charts[doc.id]:
                chart_files.update(_chart_files(chart, lambda name, d=doc.id: urls.document_file(d, name), lang, cache))
            chart_files[urls.document_file(doc.id, "data.csv")] = export.to_csv(records[doc.id], columns)
            chart_files[urls.document_file(doc.id, "data.json")] = export.to_json(records[doc.id], columns)
        for view in series.indicator_views(portal):
            chart = indicator_chart(portal, view.indicator, view.entries, words[lang])
            key = f"indicator:{view.indicator.id}"
            charts[key] = [chart] if chart else []
            if chart:
                chart_files.update(_chart_files(chart, lambda name, i=view.indicator.id: urls.indicator_file(i, name),
                                                lang, cache))
        for indicator_id, rows in _by_indicator(every).items():
            chart_files[urls.indicator_file(indicator_id, "data.csv")] = export.to_csv(rows, columns)
            chart_files[urls.indicator_file(indicator_id, "data.json")] = export.to_json(rows, columns)
        chart_files.update(_citation_files(portal, lang, t, base_url))
        pages, nav = render_site(portal, lang, charts, strings, env, _handwritten(project, lang), columns)
        tree = {**pages, **chart_files, **_site_assets(project.templates_dir)}
        if lang == urls.DEFAULT_LANGUAGE:
            tree["assets/vendor/vega-bundle.js"] = _cached_bundle(project)
        files.update({f"md/{lang}/{path}": content for path, content in tree.items()})
        files[f"mkdocs.{lang}.yml"] = _language_config(project, lang, t, nav.items)
        report.pages[lang] = sum(1 for p in pages if p.endswith(".md"))
    report.seconds["generate"] = time.perf_counter() - started
    return files, report


def _citation_files(portal, lang: str, t: dict, base_url: str) -> dict[str, str]:
    """Each document's BibTeX and CSL-JSON, beside its data.csv, citing its overview page in `lang`."""
    files = {}
    for doc in portal.documents:
        url = base_url + ("" if lang == urls.DEFAULT_LANGUAGE else f"{lang}/") + urls.site_url_path(urls.document_page(doc.id))
        files[urls.document_file(doc.id, "citation.bib")] = cite.bibtex(doc, lang, t, url)
        files[urls.document_file(doc.id, "citation.json")] = cite.csl_json(doc, lang, t, url)
    return files


def published_url(project: Project, site_url: str | None = None) -> str:
    """The site's address, ending in /: the option, else mkdocs.yml's site_url."""
    if not site_url:
        config = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
        site_url = config.get("site_url") or ""
    return site_url.rstrip("/") + "/"


def export_dataset(project: Project, fmt: str, site_url: str | None = None) -> str | bytes:
    """Every figure of every document as one table, in `fmt` (csv, json, sqlite), for `portal export`."""
    portal, _warnings = validate_content(project.content_dir)
    strings = load_strings(project.templates_dir)
    words = {lang: Wording(strings[lang], portal, lang) for lang in urls.LANGUAGES}
    columns = export.dataset_columns(project.templates_dir)
    records = export.figure_records(portal, words, published_url(project, site_url))
    if fmt == "csv":
        return export.to_csv(records, columns)
    if fmt == "json":
        return export.to_json(records, columns)
    return export.sqlite_bytes(records, columns)


def _chart_files(chart: Chart, where, lang: str, cache: Path) -> dict[str, str]:
    """A chart's drawings (wide and narrow SVG) and specs, at the paths `where(name)` gives."""
    out = {}
    for spec, svg_name, spec_name in ((chart.spec, chart.svg_file, chart.spec_file),
                                      (chart.spec_narrow, chart.svg_narrow_file, chart.spec_narrow_file)):
        if spec is not None:
            out[where(svg_name)] = chart_svg(spec, lang, cache)
            out[where(spec_name)] = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    return out


def _by_indicator(records: list[dict]) -> dict[str, list[dict]]:
    """The dataset cut per indicator: exactly the rows an indicator page shows."""
    out: dict[str, list[dict]] = {}
    for record in records:
        out.setdefault(record["indicator"], []).append(record)
    return out


def _dataset_files(records: list[dict], columns: list, t: dict) -> dict[str, str | bytes]:
    """The whole portal's figures, published once at the site root (data/), in every format readers asked for."""
    root = f"md/{urls.DEFAULT_LANGUAGE}/"
    return {
        root + urls.dataset_file("figures.csv"): export.to_csv(records, columns),
        root + urls.dataset_file("figures.json"): export.to_json(records, columns),
        root + urls.dataset_file("figures.sqlite"): export.sqlite_bytes(records, columns),
        root + urls.dataset_file("datapackage.json"): export.datapackage(columns, t["dataset_title"], t["dataset_description"]),
    }


def build_site(project: Project, strict: bool = False, site_url: str | None = None) -> BuildReport:
    """The whole pipeline: generate, write build/, run MkDocs per language, swap site/ in.

    One build at a time per build/ and site/ folder (`portal serve` and
    `portal build` share build/): a second one stops at once with a message.
    """
    protected = [project.content_dir, project.docs_dir, project.templates_dir, project.root / "generator"]
    with build_lock(project.build_dir, project.site_dir), _source_date(project):
        for out_dir in (project.build_dir, project.site_dir):
            clean_leftovers(out_dir)
        check_output_dir(project.site_dir, protected)
        check_output_dir(project.build_dir, protected)
        files, report = generate(project, strict=strict, site_url=site_url)
        write_tree(files, project.build_dir, protected)
        started = time.perf_counter()
        staging = make_staging(project.site_dir)
        try:
            for lang in urls.LANGUAGES:
                _mkdocs_build(project.build_dir / f"mkdocs.{lang}.yml",
                              staging if lang == urls.DEFAULT_LANGUAGE else staging / lang, site_url, lang)
            _index_languages(staging)
            finish_site(staging)
            (staging / GENERATED_MARK).write_text("made by `portal build`; replaced on every build\n")
            swap_in(staging, project.site_dir)
        except OSError as exc:  # a full disk, a read-only folder: say where, in one line
            shutil.rmtree(staging, ignore_errors=True)
            where = str(exc.filename2 or exc.filename or staging)  # copies name their source first
            where = where.replace(str(staging), str(project.site_dir)) if where.startswith(str(staging)) else project.site_dir
            raise BuildError(f"{where}: cannot write: {exc.strerror}; {project.site_dir} was left as it was") from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    report.seconds["mkdocs"] = time.perf_counter() - started
    return report


@contextmanager
def _source_date(project: Project):
    """SOURCE_DATE_EPOCH for this build: as given, else the time of the last commit that changed the pages' text.

    The sitemap's <lastmod> comes from it, and the same commit builds the same
    bytes wherever it is checked out. Outside git, a fixed date.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = given or _last_commit_time(project) or DEFAULT_SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        if given is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def _last_commit_time(project: Project) -> str | None:
    folders = [str(p) for p in (project.content_dir, project.docs_dir) if p.exists()]
    try:
        found = subprocess.run(["git", "-C", str(project.root), "log", "-1", "--format=%ct", "--", *folders],
                               capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = found.stdout.strip()
    return stamp if found.returncode == 0 and stamp.isdigit() else None


def _mkdocs_build(config_file: Path, site_dir: Path, site_url: str | None, lang: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir))
        # The English site lives under en/ of the published address.
        base = site_url or config.site_url
        if base:
            config.site_url = base.rstrip("/") + "/" + ("" if lang == urls.DEFAULT_LANGUAGE else f"{lang}/")
        build(config)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs failed for the {lang} site: {exc}") from None
    except SystemExit as exc:  # mkdocs aborts with SystemExit on --strict warnings
        raise BuildError(f"MkDocs failed for the {lang} site ({exc}); see the warnings above") from None


def _index_languages(staging: Path) -> None:
    """Each language's own search index, from its built pages (before the swap: a failed index never publishes)."""
    others = [staging / lang for lang in urls.LANGUAGES if lang != urls.DEFAULT_LANGUAGE]
    for lang in urls.LANGUAGES:
        if lang == urls.DEFAULT_LANGUAGE:
            write_search_index(staging, lang, skip=others)
        else:
            write_search_index(staging / lang, lang)


def _language_config(project: Project, lang: str, t: dict, nav: list) -> str:
    """A config that INHERITs mkdocs.yml and sets what differs per language."""
    config = {
        "INHERIT": os.path.relpath(project.root / "mkdocs.yml", project.build_dir),
        "docs_dir": f"md/{lang}",
        "site_name": t["site_name"],
        "site_description": t["site_description"],
        "nav": nav,
        # Paths in an inherited config resolve against this file: point back to the repo.
        "theme": {"language": lang, "custom_dir": os.path.relpath(project.templates_dir / "overrides", project.build_dir)},
        "extra": {"site_root": "" if lang == urls.DEFAULT_LANGUAGE else "../",
                  "search_ui": t["search_ui"],
                  "footer": _footer(t),
                  "alternate": [
                      {"name": "中文", "lang": "zh", "link": "./" if lang == "zh" else "../"},
                      {"name": "English", "lang": "en", "link": "en/" if lang == "zh" else "./"},
                  ]},
    }
    header = "# generated by `portal build`; edit mkdocs.yml or site_templates/ instead\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _footer(t: dict) -> dict[str, str]:
    """The footer's wording, with the build date as readers write it (from SOURCE_DATE_EPOCH)."""
    import datetime as dt

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or DEFAULT_SOURCE_DATE_EPOCH)
    day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()
    names = t.get("month_names")
    built = t["date_format"].format(year=day.year, month=day.month, day=day.day,
                                    month_name=names[day.month - 1] if names else day.month)
    return {"licence": t["footer_licence"], "repository": t["footer_repository"],
            "built_label": t["footer_built"] + t["colon"], "built": built, "built_iso": day.isoformat()}


def _handwritten(project: Project, lang: str) -> dict[str, str]:
    folder = project.docs_dir / lang
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


def _site_assets(templates_dir: Path) -> dict[str, bytes]:
    folder = templates_dir / "assets"
    return {f"assets/{p.relative_to(folder)}": p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cached_bundle(project: Project) -> str:
    import vl_convert

    cached = project.cache_dir / f"vega-bundle-{vl_convert.__version__}.js"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    text = vega_bundle()
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(cached)  # a build interrupted here must not leave half a bundle to ship next time
    return text
