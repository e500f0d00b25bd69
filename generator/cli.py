"""The `portal` command. The only module that imports click.

Each command parses options, calls one function and maps our errors to exit
codes: 1 for content or build errors, 2 for usage errors. Tracebacks only
with --debug.
"""

from __future__ import annotations

import errno
import logging
import sys
import time
from pathlib import Path

import click

from generator.errors import ContentError, PortalError, summarize


class _Context:
    def __init__(self, root: Path, debug: bool):
        self.root = root
        self.debug = debug


def _fail(ctx: _Context, exc: Exception) -> None:
    if ctx.debug:
        raise exc
    if isinstance(exc, OSError) and not isinstance(exc, PortalError):
        hint = "free some disk space, then run it again" if exc.errno == errno.ENOSPC else \
            "check the path and its permissions" if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else None
        click.echo(f"Error: {exc.filename or 'a file'}: {exc.strerror or exc}" + (f"\n    hint: {hint}" if hint else ""), err=True)
    elif not isinstance(exc, PortalError):
        click.echo(f"Error: unexpected {type(exc).__name__}: {exc}\n    hint: run with --debug for the traceback, "
                   "and report it if the content looks right", err=True)
    elif isinstance(exc, ContentError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"Stopped: {summarize(exc.problems)}. Nothing was written.", err=True)
    else:
        click.echo(f"Error: {exc}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The project folder (holding content/, mkdocs.yml).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def main(click_ctx: click.Context, root: Path, debug: bool) -> None:
    """Build the Fuzhou plan portal: YAML plans in content/, a bilingual site out.

    Typical loop: edit content/, run `portal validate`, preview with
    `portal serve`, publish with `portal build`.
    """
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s: %(message)s")
    click_ctx.obj = _Context(root, debug)


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. a missing English translation) as errors.")
@click.pass_obj
def validate(ctx: _Context, strict: bool) -> None:
    """Check every file under content/ and print every problem found.

    Problems print as FILE:LINE:COL: field: message. Exit 0 when there is no
    error, 1 otherwise.
    """
    from generator.validate import validate_content

    try:
        portal, warnings = validate_content(ctx.root / "content", strict=strict)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message and exit 1
        _fail(ctx, exc)
        return
    for problem in warnings:
        click.echo(str(problem), err=True)
    figures = sum(len(d.figures) for d in portal.documents)
    click.echo(f"OK: {len(portal.documents)} documents, {figures} figures, {len(portal.regions)} regions"
               + (f"; {summarize(warnings)}" if warnings else ""))


@main.command()
@click.option("--strict", is_flag=True, help="Treat content warnings as errors.")
@click.option("--site-url", envvar="SITE_URL",
              help="Published address, e.g. https://USER.github.io/REPO/ (default: $SITE_URL, else mkdocs.yml's site_url).")
@click.pass_obj
def build(ctx: _Context, strict: bool, site_url: str | None) -> None:
    """Validate content/, generate the pages and charts into build/, and build the site into site/.

    site/ is replaced only when everything succeeded.
    """
    from generator import progress
    from generator.build import Project, build_site

    started = time.perf_counter()
    progress.enable()
    try:
        report = build_site(Project(ctx.root), strict=strict, site_url=site_url)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message and exit 1
        _fail(ctx, exc)
        return
    for problem in report.warnings:
        click.echo(str(problem), err=True)
    pages = ", ".join(f"{n} {lang}" for lang, n in report.pages.items())
    click.echo(progress.summary(report.seconds, time.perf_counter() - started), err=True)
    click.echo(f"Built site/ in {time.perf_counter() - started:.1f} s ({pages} pages)")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.pass_obj
def serve(ctx: _Context, host: str, port: int) -> None:
    """Serve a live preview that rebuilds and reloads when content/, docs/ or a template changes.

    A change that breaks validation prints its errors and keeps the last good
    site on screen.
    """
    from mkdocs.livereload import LiveReloadServer

    from generator.build import Project
    from generator.preview import Preview

    project = Project(ctx.root, site_dir=Path(ctx.root).resolve() / ".cache" / "preview")
    preview = Preview(project, site_url=f"http://{host}:{port}/")

    def rebuild() -> None:
        started = time.perf_counter()
        try:
            how = preview.update()
            click.echo(f"Rebuilt ({how}) in {time.perf_counter() - started:.1f} s", err=True)
        except Exception as exc:  # noqa: BLE001 - the preview server must survive any broken edit
            if isinstance(exc, ContentError):
                for problem in exc.problems:
                    click.echo(str(problem), err=True)
            click.echo(f"Build failed ({exc}); still showing the last good site.", err=True)

    project.site_dir.parent.mkdir(parents=True, exist_ok=True)
    rebuild()
    if not project.site_dir.exists():
        project.site_dir.mkdir()
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(project.site_dir))
    for folder in ("content", "docs", "site_templates", "mkdocs.yml"):
        path = project.root / folder
        if path.exists():
            server.watch(str(path))
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


@main.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--region", required=True, help="Id of the region that issued it (see content/regions.yaml).")
@click.option("--kind", required=True, type=click.Choice(["annual-report", "five-year-plan"]), help="The kind of document.")
@click.option("--id", "doc_id", help="Document id; defaults to the source file's name, e.g. cangshan-report-2022.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the draft (default: content/documents/<id>.yaml).")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@click.pass_obj
def import_(ctx: _Context, source: Path, region: str, kind: str, doc_id: str | None, out: Path | None, force: bool) -> None:
    """Draft a document's YAML from the text extracted from its PDF.

    Recovers the title, issuer, meeting and date, the headings, tables and
    boxes, removes extraction noise, and proposes indicator figures with their
    quotes. English is left empty. Prints a summary, the indicator names the
    catalogue does not know, and warnings with source line numbers. Exit 1
    when the source cannot be imported (empty, binary, too large, no headings);
    nothing is written then.
    """
    from generator.importer import import_draft, load_catalogues

    doc_id = doc_id or source.stem
    out = out or ctx.root / "content" / "documents" / f"{doc_id}.yaml"
    if out.exists() and not force:
        raise click.UsageError(f"{out} exists; pass --out to write elsewhere, or --force to overwrite it")
    if not out.parent.is_dir():
        raise click.UsageError(f"folder {out.parent} does not exist")
    started = time.perf_counter()
    try:
        catalogues = load_catalogues(ctx.root / "content")
        if region not in catalogues.region_ids:
            raise click.BadParameter(f"unknown region '{region}'; expected one of: {', '.join(sorted(catalogues.region_ids))}",
                                     param_hint="--region")
        result = import_draft(source, region, kind, doc_id, out, catalogues, root=ctx.root)
    except PortalError as exc:
        _fail(ctx, exc)
        return
    except OSError as exc:  # the draft could not be written: a read-only folder, a full disk
        _fail(ctx, PortalError(f"{out}: cannot write the draft: {exc.strerror}; nothing was written"))
        return
    click.echo(result.summary_text(str(source)))
    click.echo(f"Wrote {out} in {time.perf_counter() - started:.2f} s; check it, translate it, then run `portal validate`")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "sqlite"]), default="csv", show_default=True,
              help="csv (UTF-8 with BOM, formulas neutralised), json (numbers as numbers) or sqlite (both tables).")
@click.option("--table", type=click.Choice(["figures", "documents"]), default="figures", show_default=True,
              help="For csv and json: one row per figure, or one row per document (joined by `document`).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; default: standard output (required for sqlite).")
@click.option("--site-url", envvar="SITE_URL",
              help="Published address the source_url column points at (default: $SITE_URL, else mkdocs.yml's site_url).")
@click.pass_obj
def export(ctx: _Context, fmt: str, table: str, out: Path | None, site_url: str | None) -> None:
    """Write the open dataset: every figure of every document, one row per figure
    (or the documents table they refer to; SQLite holds both).

    The columns are described on the site's data page and in
    site_templates/dataset.yaml. The file is written whole or not at all.
    """
    from generator.build import Project, export_dataset

    if fmt == "sqlite" and out is None:
        raise click.UsageError("--format sqlite needs --out FILE")
    try:
        data = export_dataset(Project(ctx.root), fmt, site_url, table)
        if out is None:
            click.echo(data, nl=False)
            return
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        tmp.replace(out)
    except OSError as exc:
        _fail(ctx, PortalError(f"{out}: cannot write: {exc.strerror or exc}"))
        return
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message and exit 1
        _fail(ctx, exc)
        return
    click.echo(f"Wrote {out} ({fmt})", err=True)


@main.command()
@click.option("--check", is_flag=True, help="Exit 1 if schema/ is out of date instead of writing it.")
@click.pass_obj
def schema(ctx: _Context, check: bool) -> None:
    """Write the JSON Schemas of the content files to schema/ (for editor completion)."""
    from generator.schema import SCHEMA_DIR, json_schemas

    folder = ctx.root / SCHEMA_DIR
    stale = [name for name, text in json_schemas().items()
             if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]
    if check:
        if stale:
            click.echo(f"Out of date: {', '.join(stale)}; run `portal schema`", err=True)
            sys.exit(1)
        click.echo("schema/ is up to date")
        return
    folder.mkdir(exist_ok=True)
    for name, text in json_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
    click.echo(f"Wrote {len(json_schemas())} schemas to {folder}/")


if __name__ == "__main__":
    main()
