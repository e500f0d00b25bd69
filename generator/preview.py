"""The preview of `portal serve`: after an edit, rebuild only what the edit touches.

Stage runner, like build.py (whose stages it reuses). Input: the project and
the paths that changed. Output: the preview site, the same bytes a full build
of the same content would give (a test builds an edit both ways and compares).

- The first build, and any change outside content/ and docs/ (templates,
  mkdocs.yml), is a full `build_site`.
- After an edit, files whose size and time are unchanged are not read again
  (validate's memo); the generated tree is made in memory (charts come from
  the drawing cache) and only the files whose bytes changed are written to
  build/ — unchanged files keep their modification time.
- MkDocs then runs in dirty mode, which rebuilds only pages whose Markdown is
  newer than their HTML, straight into the preview folder; a navigation that
  changed (a new document, a new title) means a full build instead, since it
  is on every page.
- The finishing touches go to the pages MkDocs rewrote; the search index of a
  language whose pages changed is made again after the page is on screen.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from generator import urls
from generator import export
from generator.build import (Project, BuildReport, _handwritten, _mkdocs_build, _source_date, build_site,
                             check_output_dir, generate, published_url)
from generator.render import load_strings, page_environment, render_site
from generator.wording import Wording
from generator.finish import finish_pages, page_times
from generator.parallel import build_jobs, map_forked
from generator.search import INDEX_DIR, write_search_index
from generator.validate import validate_content
from generator.write import build_lock, sync_tree, update_files

WATCHED = ("content", "docs", "site_templates", "mkdocs.yml")


class Preview:
    """The preview site of one project, kept up to date edit after edit."""

    def __init__(self, project: Project, site_url: str | None = None, jobs: int | None = None):
        self.project = project
        self.site_url = site_url
        self.jobs = build_jobs(jobs)
        self.memo: dict = {}
        self.files: dict | None = None
        self.stamps: dict[str, tuple[int, int]] = {}
        self.indexing: threading.Thread | None = None
        self.built = False
        self.portal = None  # the content of the last build, to tell what an edit touched

    def changed(self) -> list[str]:
        """Paths (relative to the project) added, removed or modified since the last call."""
        now = {}
        for name in WATCHED:
            top = self.project.root / name
            for path in [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []:
                if path.is_file():
                    info = path.stat()
                    now[path.relative_to(self.project.root).as_posix()] = (info.st_mtime_ns, info.st_size)
        changed = sorted(p for p in set(now) | set(self.stamps) if now.get(p) != self.stamps.get(p))
        self.stamps = now
        return changed

    def update(self) -> str:
        """Rebuild for what changed since the last update; says which way ("full" or "N pages")."""
        self.wait()
        changed = self.changed()
        if not self.built or any(not p.startswith(("content/", "docs/")) for p in changed):
            return self.full()
        if not changed:
            return "nothing changed"
        return self.incremental(changed)

    def full(self) -> str:
        build_site(self.project, site_url=self.site_url, jobs=self.jobs)
        self.files = None  # the next update compares with build/ on disk
        self.built = True
        # So that the next update reads only the edit, and can tell what the edit touched.
        self.portal, _warnings = validate_content(self.project.content_dir, memo=self.memo)
        return "full"

    def incremental(self, changed: list[str]) -> str:
        project = self.project
        with build_lock(project.build_dir, project.site_dir), _source_date(project):
            check_output_dir(project.build_dir, [project.content_dir, project.docs_dir])
            portal, _warnings = validate_content(project.content_dir, memo=self.memo)
            local = local_pages(self.portal, portal, changed, load_strings(project.templates_dir),
                                published_url(project, self.site_url))
            self.portal = portal
            if local is not None:  # the edit stays on its own pages: render those, leave the rest as it is
                files = render_pages(project, portal, local)
            else:
                files, _report = generate(project, site_url=self.site_url, jobs=self.jobs, portal=portal)
                configs = [f"mkdocs.{lang}.yml" for lang in urls.LANGUAGES]
                before = self.files or {c: _text(project.build_dir / c) for c in configs}
                same_navigation = all(files[c] == before.get(c) for c in configs)
                on_disk = {p.relative_to(project.build_dir).as_posix() for p in (project.build_dir / "md").rglob("*.md")}
                same_pages = _pages(files) == (_pages(self.files) if self.files is not None else on_disk)
                if not same_navigation or not same_pages:
                    local = False
        if local is False:
            return self.full()  # the navigation is on every page, the list of pages in the sitemaps
        return self._publish(files, patch=local is not None)

    def _publish(self, files: dict[str, str | bytes], patch: bool) -> str:
        """Write what changed of `files` (the whole tree, or with `patch` some of its pages) to build/,
        let MkDocs rebuild the pages whose Markdown changed, finish them; index for search afterwards."""
        project = self.project
        with build_lock(project.build_dir, project.site_dir), _source_date(project):
            if patch:
                written = update_files(files, project.build_dir)
                if self.files is not None:
                    self.files.update(files)
            else:
                written = sync_tree(files, project.build_dir, self.files)
                self.files = files
            before = page_times(project.site_dir)
            languages = [lang for lang in urls.LANGUAGES if any(p.startswith(f"md/{lang}/") for p in written)]
            sitemaps = {path: path.read_bytes() for lang in urls.LANGUAGES
                        for path in (self.folder(lang) / "sitemap.xml", self.folder(lang) / "sitemap.xml.gz")}
            map_forked(lambda lang: _mkdocs_build(project.build_dir / f"mkdocs.{lang}.yml", self.folder(lang),
                                                  self.site_url, lang, dirty=True), languages, self.jobs)
            for path, data in sitemaps.items():  # the same pages: the finished sitemaps of the last build stand
                path.write_bytes(data)
            pages = finish_pages(project.site_dir, before, base=self.site_url or published_url(project))
        self.indexing = threading.Thread(target=self._index, args=(languages,), daemon=True)
        self.indexing.start()
        return f"{pages} pages" + (", a local edit" if patch else "")

    def folder(self, lang: str) -> Path:
        return self.project.site_dir if lang == urls.DEFAULT_LANGUAGE else self.project.site_dir / lang

    def _index(self, languages: list[str]) -> None:
        for lang in languages:
            folder = self.folder(lang)
            shutil.rmtree(folder / INDEX_DIR, ignore_errors=True)
            others = [self.folder(o) for o in urls.LANGUAGES if o != lang and self.folder(o) != folder]
            write_search_index(folder, lang, skip=[o for o in others if o.is_relative_to(folder)])

    def wait(self) -> None:
        """Until the search index of the last update is written."""
        if self.indexing is not None:
            self.indexing.join()
            self.indexing = None


def _pages(files: dict) -> set[str]:
    return {path for path in files if path.endswith(".md")}


def _text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def local_pages(before, after, changed: list[str], strings: dict, base_url: str) -> dict[str, set[str]] | None:
    """The pages (per language) an edit touches when it stays on its own pages, else None.

    Local edits: the text of a document whose figures, as published (values,
    quotes, the anchors they link to), and every other field are as they were:
    only its full-text pages change; an existing hand-written page of docs/:
    only that page. Anything else (a figure, a title, a new file) goes through
    the whole portal, since indicator pages, comparisons and the navigation
    read it.
    """
    if before is None:
        return None
    pages: dict[str, set[str]] = {lang: set() for lang in urls.LANGUAGES}
    old_docs = {d.id: d for d in before.documents}
    new_docs = {d.id: d for d in after.documents}
    for path in changed:
        folder, _, name = path.partition("/")
        if folder == "docs":
            lang, _, page = name.partition("/")
            if lang not in pages or not page.endswith(".md"):
                return None
            pages[lang].add(page)
        elif path.startswith("content/documents/") and path.endswith(".yaml"):
            doc_id = Path(path).stem
            old, new = old_docs.get(doc_id), new_docs.get(doc_id)
            if old is None or new is None or not _same_but_text(before, old, after, new, strings, base_url):
                return None
            for lang in urls.LANGUAGES:
                pages[lang].add(urls.document_text_page(doc_id))
        else:
            return None
    return pages


_TEXT = {"preamble", "sections", "closing"}


def _same_but_text(before, old, after, new, strings: dict, base_url: str) -> bool:
    """True when two versions of a document differ in their text alone, as every other page shows them."""
    if old.model_dump(exclude=_TEXT) != new.model_dump(exclude=_TEXT):
        return False

    def published(portal, doc) -> list[dict]:
        words = {lang: Wording(strings[lang], portal, lang) for lang in urls.LANGUAGES}
        return export.figure_records(portal, words, base_url, [doc])

    return published(before, old) == published(after, new)


def render_pages(project: Project, portal, pages: dict[str, set[str]]) -> dict[str, str]:
    """Only `pages` of each language, as `generate` would make them (paths under build/)."""
    strings = load_strings(project.templates_dir)
    env = page_environment(project.templates_dir)
    columns = export.dataset_columns(project.templates_dir)
    files = {}
    for lang, wanted in pages.items():
        if wanted:
            rendered, _nav = render_site(portal, lang, {}, strings, env, _handwritten(project, lang), columns,
                                         only=wanted)
            files.update({f"md/{lang}/{path}": text for path, text in rendered.items()})
    return files
