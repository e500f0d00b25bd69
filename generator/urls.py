"""Where every page and file lives: the one place that builds paths and URLs.

Both languages use the same paths (Chinese at the site root, English under
``en/``), so that switching language lands on the same page.
"""

from __future__ import annotations

import functools

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


def home() -> str:
    return "index.md"


def region_page(region_id: str) -> str:
    return f"regions/{region_id}/index.md"


def document_page(document_id: str) -> str:
    return f"documents/{document_id}/index.md"


def document_text_page(document_id: str) -> str:
    return f"documents/{document_id}/text.md"


def document_file(document_id: str, name: str) -> str:
    """A file that belongs to a document: its chart SVGs, specs, data downloads."""
    return f"documents/{document_id}/{name}"


def indicator_index() -> str:
    return "indicators/index.md"


def indicator_page(indicator_id: str) -> str:
    return f"indicators/{indicator_id}/index.md"


def indicator_file(indicator_id: str, name: str) -> str:
    """A file of an indicator page: its data downloads, its chart."""
    return f"indicators/{indicator_id}/{name}"


def compare_page() -> str:
    return "compare.md"


def data_page() -> str:
    return "data.md"


def dataset_file(name: str) -> str:
    """The whole portal's open data, published once under the site root (not per language)."""
    return f"data/{name}"


def glossary_page() -> str:
    return "glossary.md"


def site_url_path(page_path: str) -> str:
    """Markdown path -> URL path under the language root (MkDocs directory URLs)."""
    if page_path.endswith("index.md"):
        return page_path[: -len("index.md")]
    if page_path.endswith(".md"):
        return page_path[: -len(".md")] + "/"
    return page_path


def relative(from_page: str, to_path: str) -> str:
    """Link from one Markdown page to another file, as MkDocs resolves it (by source path)."""
    from_parts = from_page.split("/")[:-1]
    to_parts = to_path.split("/")
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])


@functools.lru_cache(maxsize=262144)
def href(from_page: str, to_page: str) -> str:
    """Link for raw HTML, which MkDocs does not rewrite: URL of `to_page` relative to the URL of `from_page`.

    Cached: a page links the same few pages from every row of its tables."""
    import posixpath

    start = site_url_path(from_page) or "."
    target = site_url_path(to_page)
    rel = posixpath.relpath(target or ".", start)
    return rel + "/" if to_page.endswith(".md") and not rel.endswith("/") else rel
