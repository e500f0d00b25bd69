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
from generator.draw import Drawing, cached_svg, draw_svgs, drawing_key, vega_bundle
from generator import progress
from generator.parallel import build_jobs, map_forked, release_memory
from generator.errors import BuildError, Problem
from generator import cite, export, html_blocks
from generator.render import TEMPLATES_DIR, load_strings, page_environment, render_site
from generator.portal import Portal
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


def generate(project: Project, strict: bool = False, site_url: str | None = None,
             jobs: int | None = None, portal: Portal | None = None) -> tuple[dict[str, str | bytes], BuildReport]:
    """Stages 1-3: validate the content and produce the whole generated tree (nothing written).

    The two languages are generated side by side in two processes (`jobs`);
    charts missing from the cache are drawn afterwards in a pool of their own.
    `portal`: the content already validated (the preview), which is then used as it is.
    """
    report = BuildReport()
    jobs = build_jobs(jobs)
    started = time.perf_counter()
    if portal is None:
        portal, report.warnings = validate_content(project.content_dir, strict=strict)
    portal.find_figure_anchors()
    report.seconds["validate"] = time.perf_counter() - started
    progress.stage(f"read {len(portal.documents)} documents")
    strings = load_strings(project.templates_dir)
    words = {lang: Wording(strings[lang], portal, lang) for lang in urls.LANGUAGES}
    columns = export.dataset_columns(project.templates_dir)
    base_url = published_url(project, site_url)
    shared = _Shared(project, portal, strings, words, columns, base_url)
    results = map_forked(lambda lang: _language_tree(shared, lang), list(urls.LANGUAGES), jobs)
    # The open data after the languages, not before: the forked language never needs it, and the
    # build's peak memory is lower when the two are not held at the same time.
    started = time.perf_counter()
    files: dict[str, str | bytes] = dict(_dataset_files(portal, words, base_url, columns, strings["en"]))
    report.seconds["exports"] = time.perf_counter() - started
    for lang, (tree, config, pages, seconds) in zip(urls.LANGUAGES, results):
        files.update({f"md/{lang}/{path}": content for path, content in tree.items()})
        files[f"mkdocs.{lang}.yml"] = config
        report.pages[lang] = pages
        for stage, value in seconds.items():
            report.seconds[stage] = report.seconds.get(stage, 0.0) + value
    started = time.perf_counter()
    _draw_missing(files, project.cache_dir / "charts", jobs)
    if any(isinstance(v, Drawing) for v in files.values()):
        raise BuildError("a chart was left undrawn")
    files[f"md/{urls.DEFAULT_LANGUAGE}/assets/vendor/vega-bundle.js"] = _cached_bundle(project)
    report.seconds["drawing"] = time.perf_counter() - started  # vl-convert, for the charts the cache lacked
    return files, report


def _citation_files(portal, lang: str, t: dict, base_url: str) -> dict[str, str]:
    """Each document's BibTeX and CSL-JSON, beside its data.csv, citing its overview page in `lang`."""
    files = {}
    for doc in portal.documents:
        url = base_url + ("" if lang == urls.DEFAULT_LANGUAGE else f"{lang}/") + urls.site_url_path(urls.document_page(doc.id))
        files[urls.document_file(doc.id, "citation.bib")] = cite.bibtex(doc, lang, t, url)
        files[urls.document_file(doc.id, "citation.json")] = cite.csl_json(doc, lang, t, url)
    return files


@dataclass
class _Shared:
    """What both languages' generation reads (inherited by the forked processes, never pickled)."""

    project: Project
    portal: object
    strings: dict
    words: dict
    columns: dict
    base_url: str


def _language_tree(shared: _Shared, lang: str) -> tuple[dict, str, int, dict[str, float]]:
    """One language's generated tree: chart specs, cached drawings, data files, pages, its MkDocs config.

    Runs in a process of its own: it must not call vl-convert (a forked copy of
    a process that has used it hangs), so a drawing missing from the cache is
    left as a `Drawing` for the parent to make.
    """
    project, portal, words, columns = shared.project, shared.portal, shared.words, shared.columns
    seconds = {"chart specs": 0.0, "svg": 0.0, "exports": 0.0}  # "svg": reading cached drawings
    charts, chart_files = {}, {}
    cache = project.cache_dir / "charts"

    def add_chart(chart, where):
        started = time.perf_counter()
        chart_files.update(_chart_files(chart, where, lang, cache))
        seconds["svg"] += time.perf_counter() - started

    for number, doc in enumerate(portal.documents, start=1):
        progress.count(f"{lang}: documents", number, len(portal.documents))
        started = time.perf_counter()
        charts[doc.id] = document_charts(portal, doc, words[lang])
        seconds["chart specs"] += time.perf_counter() - started
        for chart in charts[doc.id]:
            add_chart(chart, lambda name, d=doc.id: urls.document_file(d, name))
    for view in series.indicator_views(portal):
        started = time.perf_counter()
        chart = indicator_chart(portal, view.indicator, view.entries, words[lang])
        seconds["chart specs"] += time.perf_counter() - started
        key = f"indicator:{view.indicator.id}"
        charts[key] = [chart] if chart else []
        if chart:
            add_chart(chart, lambda name, i=view.indicator.id: urls.indicator_file(i, name))
    started = time.perf_counter()
    chart_files.update(_citation_files(portal, lang, shared.strings[lang], shared.base_url))
    seconds["exports"] += time.perf_counter() - started
    started = time.perf_counter()
    env = page_environment(project.templates_dir)
    pages, nav = render_site(portal, lang, charts, shared.strings, env, _handwritten(project, lang), columns)
    seconds["render"] = time.perf_counter() - started
    tree = {**pages, **chart_files, **_site_assets(project.templates_dir)}
    config = _language_config(project, lang, shared.strings[lang], nav.items)
    return tree, config, sum(1 for p in pages if p.endswith(".md")), seconds


def _draw_missing(files: dict, cache: Path, jobs: int) -> None:
    """Draw every chart the cache did not hold, in parallel, and put the SVG text in its place."""
    missing = {v.key: v for v in files.values() if isinstance(v, Drawing)}
    if not missing:
        return
    progress.stage(f"drawing {len(missing)} charts")
    keys = sorted(missing)
    drawn = dict(zip(keys, draw_svgs([missing[k] for k in keys], cache, jobs)))
    for path, value in files.items():
        if isinstance(value, Drawing):
            files[path] = drawn[value.key]


def published_url(project: Project, site_url: str | None = None) -> str:
    """The site's address, ending in /: the option, else mkdocs.yml's site_url."""
    if not site_url:
        config = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
        site_url = config.get("site_url") or ""
    return site_url.rstrip("/") + "/"


def export_dataset(project: Project, fmt: str, site_url: str | None = None, table: str = "figures") -> str | bytes:
    """One table of the open dataset (figures or documents) in `fmt` (csv, json), or both tables
    as one SQLite database, for `portal export`."""
    portal, _warnings = validate_content(project.content_dir)
    strings = load_strings(project.templates_dir)
    words = {lang: Wording(strings[lang], portal, lang) for lang in urls.LANGUAGES}
    columns = export.dataset_columns(project.templates_dir)
    base_url = published_url(project, site_url)
    tables = {"documents": export.document_records(portal, base_url),
              "figures": export.figure_records(portal, words, base_url)}
    if fmt == "csv":
        return export.to_csv(tables[table], columns[table])
    if fmt == "json":
        return export.to_json(tables[table], columns[table])
    return export.sqlite_bytes(tables, columns)


def _chart_files(chart: Chart, where, lang: str, cache: Path) -> dict[str, str]:
    """A chart's drawings (wide and narrow SVG) and specs, at the paths `where(name)` gives."""
    out = {}
    for spec, svg_name, spec_name in ((chart.spec, chart.svg_file, chart.spec_file),
                                      (chart.spec_narrow, chart.svg_narrow_file, chart.spec_narrow_file)):
        if spec is not None:
            out[where(svg_name)] = cached_svg(spec, lang, cache) or Drawing(drawing_key(spec, lang), spec, lang)
            out[where(spec_name)] = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    return out


def _by_indicator(records: list[dict]) -> dict[str, list[dict]]:
    """The dataset cut per indicator: exactly the rows an indicator page shows."""
    out: dict[str, list[dict]] = {}
    for record in records:
        out.setdefault(record["indicator"], []).append(record)
    return out


def _dataset_files(portal: Portal, words: dict, base_url: str, columns: dict, t: dict) -> dict[str, str | bytes]:
    """The open data, published once at the site root whatever the language (the rows carry both).

    Each cut in the formats its readers use, and no more: the data is a third of
    the site's bytes, so a copy that serves no one costs real space at a city's
    scale. The whole portal (data/) as documents.csv + figures.csv, SQLite and
    datapackage.json (a researcher's tools; `portal export --format json` makes
    the whole as JSON); each document's figures as CSV and JSON (a spreadsheet,
    a web page; the JSON starts with the document's own row); each indicator's
    figures as CSV (a spreadsheet)."""
    root = f"md/{urls.DEFAULT_LANGUAGE}/"
    documents = export.document_records(portal, base_url)
    figures = {doc.id: export.figure_records(portal, words, base_url, [doc]) for doc in portal.documents}
    every = [r for doc_id in sorted(figures) for r in figures[doc_id]]
    tables = {"documents": documents, "figures": every}
    lines = dict(zip(map(id, every), export.csv_lines(every, columns["figures"])))  # each row's CSV once, for three files

    def csv_of(rows: list[dict]) -> str:
        return export.csv_file([lines[id(r)] for r in rows], columns["figures"])

    files: dict[str, str | bytes] = {
        root + urls.dataset_file("documents.csv"): export.to_csv(documents, columns["documents"]),
        root + urls.dataset_file("figures.csv"): csv_of(every),
        root + urls.dataset_file("figures.sqlite"): export.sqlite_bytes(tables, columns),
        root + urls.dataset_file("datapackage.json"): export.datapackage(columns, t["dataset_title"], t["dataset_description"]),
    }
    for document in documents:
        rows = figures[document["document"]]
        files[root + urls.document_file(document["document"], "data.csv")] = csv_of(rows)
        files[root + urls.document_file(document["document"], "data.json")] = export.to_json(rows, columns["figures"], document)
    for indicator_id, rows in _by_indicator(every).items():
        files[root + urls.indicator_file(indicator_id, "data.csv")] = csv_of(rows)
    return files


def build_site(project: Project, strict: bool = False, site_url: str | None = None,
               jobs: int | None = None) -> BuildReport:
    """The whole pipeline: generate, write build/, run MkDocs per language, swap site/ in.

    One build at a time per build/ and site/ folder (`portal serve` and
    `portal build` share build/): a second one stops at once with a message.
    `jobs` processes work side by side (default: the machine's cores); the
    output is the same bytes whatever their number.
    """
    jobs = build_jobs(jobs)
    protected = [project.content_dir, project.docs_dir, project.templates_dir, project.root / "generator"]
    with build_lock(project.build_dir, project.site_dir), _source_date(project):
        for out_dir in (project.build_dir, project.site_dir):
            clean_leftovers(out_dir)
        check_output_dir(project.site_dir, protected)
        check_output_dir(project.build_dir, protected)
        files, report = generate(project, strict=strict, site_url=site_url, jobs=jobs)
        started = time.perf_counter()
        write_tree(files, project.build_dir, protected)
        report.seconds["write"] = time.perf_counter() - started
        del files
        release_memory()  # before MkDocs forks: the languages' builds start from a small process
        staging = make_staging(project.site_dir)
        try:
            report.seconds.update(_publish_languages(project, staging, site_url, jobs))
            started = time.perf_counter()
            finish_site(staging)
            (staging / GENERATED_MARK).write_text("made by `portal build`; replaced on every build\n")
            swap_in(staging, project.site_dir)
            report.seconds["finish"] = time.perf_counter() - started
        except OSError as exc:  # a full disk, a read-only folder: say where, in one line
            shutil.rmtree(staging, ignore_errors=True)
            where = str(exc.filename2 or exc.filename or staging)  # copies name their source first
            where = where.replace(str(staging), str(project.site_dir)) if where.startswith(str(staging)) else project.site_dir
            raise BuildError(f"{where}: cannot write: {exc.strerror}; {project.site_dir} was left as it was") from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return report


def _publish_languages(project: Project, staging: Path, site_url: str | None, jobs: int) -> dict[str, float]:
    """MkDocs and the search index of each language, side by side; seconds per language and step.

    MkDocs empties the folder it builds into, so a language under a subfolder
    (en/) is built in a folder of its own beside `staging` and moved in after.
    """
    targets = {lang: staging if lang == urls.DEFAULT_LANGUAGE else make_staging(project.site_dir)
               for lang in urls.LANGUAGES}
    try:
        try:
            results = map_forked(lambda lang: _publish_language(project, lang, targets[lang], site_url),
                                 list(urls.LANGUAGES), jobs)
        except OSError as exc:  # name the file where it would have been: under staging, as one build writes it
            moved = {str(t): str(staging / lang) for lang, t in targets.items() if t != staging}
            raise OSError(exc.errno, exc.strerror, _moved(exc.filename, moved), None,
                          _moved(exc.filename2, moved)) from None
        for lang, target in targets.items():
            if target != staging:
                target.rename(staging / lang)
    finally:
        for target in targets.values():
            if target != staging and target.exists():
                shutil.rmtree(target, ignore_errors=True)
    return {stage: value for seconds in results for stage, value in seconds.items()}


def _moved(path, moved: dict[str, str]):
    for old, new in moved.items():
        if path is not None and str(path).startswith(old):
            return new + str(path)[len(old):]
    return path


def _publish_language(project: Project, lang: str, target: Path, site_url: str | None) -> dict[str, float]:
    """One language: MkDocs builds its pages into `target`, then its own search index is made from them."""
    started = time.perf_counter()
    progress.stage(f"{lang}: MkDocs")
    _mkdocs_build(project.build_dir / f"mkdocs.{lang}.yml", target, site_url, lang)
    built = time.perf_counter()
    write_search_index(target, lang)  # from its built pages, before the swap: a failed index never publishes
    done = time.perf_counter()
    progress.stage(f"{lang}: {sum(1 for _ in target.rglob('index.html'))} pages built and indexed")
    return {f"mkdocs {lang}": built - started, f"search {lang}": done - built}


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


def _mkdocs_build(config_file: Path, site_dir: Path, site_url: str | None, lang: str, dirty: bool = False) -> None:
    """MkDocs for one language; `dirty` (the preview) rebuilds only pages whose Markdown is newer than their HTML."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        # A dirty build warns that it is dirty: strictness was checked by the full build before it.
        config = load_config(config_file=str(config_file), strict=not dirty, site_dir=str(site_dir))
        # The English site lives under en/ of the published address.
        base = site_url or config.site_url
        if base:
            config.site_url = base.rstrip("/") + "/" + ("" if lang == urls.DEFAULT_LANGUAGE else f"{lang}/")
        build(config, dirty=dirty)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs failed for the {lang} site: {exc}") from None
    except SystemExit as exc:  # mkdocs aborts with SystemExit on --strict warnings
        raise BuildError(f"MkDocs failed for the {lang} site ({exc}); see the warnings above") from None


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
        # The templates' marked raw HTML blocks skip Python-Markdown (generator/html_blocks.py).
        "hooks": [os.path.relpath(Path(html_blocks.__file__), project.build_dir)],
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
