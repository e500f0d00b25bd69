"""Stage 1, load: read YAML files from ``content/`` into plain data with positions.

Input: paths. Output: `RawDocument(path, data, positions)`, where `positions`
maps a key path such as ``("figures", 3, "year")`` to a 1-based (line, column).
This is the only module that opens YAML. It validates nothing about meaning;
it only refuses what is unsafe or unreadable: unknown tags, duplicate keys,
files too large, and alias bombs (every node visit counts, aliases included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem
from generator.files import FileRefusedError, link_loop, outside, read_regular_file

MAX_FILE_BYTES = 5_000_000
MAX_NODES = 500_000  # a 300 KB plan has ~5,000; a billion-laughs file hits this at once
MAX_EXPONENT = 30  # 1e30: far beyond any figure; bigger exponents are typos or attacks
MAX_DEPTH = 60  # content nests ~12 deep; deeper is a mistake or an attack

_ALLOWED_TAGS = {f"tag:yaml.org,2002:{name}" for name in
                 ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")}

Position = tuple[int, int]
KeyPath = tuple[Any, ...]


@dataclass
class RawDocument:
    path: str
    data: Any
    positions: dict[KeyPath, Position] = field(default_factory=dict)

    def position(self, key_path: KeyPath) -> Position:
        """Where `key_path` is, or its nearest parent that exists."""
        path = tuple(key_path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class LoadError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


class _Budget:
    def __init__(self, limit: int):
        self.left = limit

    def spend(self, path: str, mark: yaml.Mark) -> None:
        self.left -= 1
        if self.left < 0:
            raise LoadError(
                Problem(path, mark.line + 1, mark.column + 1, "", f"file expands to more than {MAX_NODES:,} YAML nodes",
                        hint="aliases (*name) may be nested too deeply; write the data out plainly")
            )


def load_file(path: Path, display_path: str | None = None, within: Path | None = None) -> RawDocument:
    """Read one YAML file safely. Raises LoadError with a located Problem.

    :param within: the folder the file must stay in once links are followed
        (content/): a link to /etc/passwd is refused before a byte is read, so
        no error message can quote it.
    """
    shown = display_path or str(path)
    if link_loop(path):
        raise LoadError(Problem(shown, 1, 1, "", "is a link that leads round in a circle; refusing to read it",
                                hint="point the link at a file, or replace it by the file"))
    if within is not None and outside(path, within):
        raise LoadError(Problem(shown, 1, 1, "", f"is a link to a file outside {within.name}/; refusing to read it",
                                hint=f"copy the file into {within.name}/ instead of linking to it"))
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except FileRefusedError as exc:
        hint = "split the document, or check that this is the file you meant" if "limit" in str(exc) else None
        raise LoadError(Problem(shown, 1, 1, "", str(exc), hint=hint)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(Problem(shown, line, 1, "", "file is not UTF-8 text",
                                hint="save the file as UTF-8")) from None
    return load_text(text, shown)


def load_text(text: str, shown: str) -> RawDocument:
    """Parse YAML text; positions are recorded for every key and item.

    libyaml (about ten times faster than pure Python) reads it where it is
    installed; a file it cannot take is read again by the pure-Python parser,
    whose messages (and the hints keyed on them) are the ones users see.
    """
    if getattr(yaml, "__with_libyaml__", False):
        try:
            return _load_text(text, shown, yaml.CSafeLoader)
        except LoadError:
            pass
    return _load_text(text, shown, yaml.SafeLoader)


def _load_text(text: str, shown: str, loader_class) -> RawDocument:
    loader = None
    try:
        yaml.reader.Reader(text)  # checks every character first: a NUL byte fails here
        loader = loader_class(text)
        root = loader.get_single_node()
        doc = RawDocument(shown, None)
        if root is not None:
            doc.data = _construct(loader, root, (), doc.positions, _Budget(MAX_NODES), shown)
        doc.positions.setdefault((), (1, 1))
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or str(exc)
        if exc.context and "tag" not in message:
            message = f"{message} ({exc.context})"
        raise LoadError(Problem(shown, line, col, "", f"YAML syntax error: {message}",
                                hint=_syntax_hint(message))) from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        raise LoadError(Problem(shown, line, col, "", f"control character {_codepoint(exc.character)} is not allowed "
                                "in a YAML file", hint="delete it; it is invisible in most editors")) from None
    except yaml.YAMLError as exc:
        raise LoadError(Problem(shown, 1, 1, "", f"YAML error: {exc}")) from None
    except RecursionError:
        raise LoadError(Problem(shown, 1, 1, "", "YAML nested more than the parser can follow",
                                hint=f"content nests a few levels deep; the limit is {MAX_DEPTH}")) from None
    finally:
        if loader is not None:
            loader.dispose()


def _line_col(text: str, position: int) -> Position:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _codepoint(character: str | int) -> str:
    code = character if isinstance(character, int) else ord(character)
    return f"U+{code:04X}"


def _syntax_hint(message: str) -> str | None:
    if "could not determine a constructor" in message:
        return "tags such as !!python/... are not allowed in content files"
    if "mapping values are not allowed" in message:
        return "a text containing ': ' must be quoted"
    if "found character '\\t'" in message:
        return "indent with spaces, not tabs"
    return None


def _construct(loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath,
               positions: dict[KeyPath, Position], budget: _Budget, shown: str,
               ancestors: tuple[int, ...] = ()) -> Any:
    budget.spend(shown, node.start_mark)
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if id(node) in ancestors:
        raise LoadError(Problem(shown, line, col, _dotted(path), "an alias refers to itself",
                                hint="write the data out plainly instead of using &anchors and *aliases"))
    if len(path) > MAX_DEPTH:
        raise LoadError(Problem(shown, line, col, "", f"nested more than {MAX_DEPTH} levels deep"))
    ancestors = ancestors + (id(node),)
    if node.tag not in _ALLOWED_TAGS:
        raise LoadError(Problem(shown, node.start_mark.line + 1, node.start_mark.column + 1, _dotted(path),
                                f"YAML tag {node.tag!r} is not allowed",
                                hint="tags such as !!python/... are not allowed in content files"))
    positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node, path, shown)
            if not isinstance(key, str):
                raise LoadError(Problem(shown, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        _dotted(path), f"keys must be text, found {key_node.value!r} read as "
                                        f"{type(key).__name__}",
                                        hint=f"quote it: '{key_node.value}':"))
            if key in result:
                raise LoadError(Problem(shown, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        _dotted(path + (key,)), "duplicate key",
                                        hint="a key may appear once in a mapping; the second would silently replace the first"))
            child = path + (key,)
            positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _construct(loader, value_node, child, positions, budget, shown, ancestors)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, path + (i,), positions, budget, shown, ancestors)
                for i, item in enumerate(node.value)]
    return _scalar(loader, node, path, shown)


_STR = "tag:yaml.org,2002:str"


def _scalar(loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath, shown: str) -> Any:
    """A scalar value. Decimals stay exact (3.10 keeps its printed zero); bad dates are located errors."""
    if node.tag == _STR:  # most scalars: what SafeLoader's constructor would return, without its detour
        return node.value
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if node.tag == "tag:yaml.org,2002:float":
        try:
            value = Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise LoadError(Problem(shown, line, col, _dotted(path), f"{node.value!r} is not a usable number"))
        if abs(value.adjusted()) > MAX_EXPONENT:
            # 1.0e+100000000 would take seconds and gigabytes to print: refuse it before anything does.
            raise LoadError(Problem(shown, line, col, _dotted(path), f"{node.value!r} is out of range",
                                    hint="write the number as the source prints it, e.g. 560 or 3.5"))
        return value
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as exc:
        raise LoadError(Problem(shown, line, col, _dotted(path), f"cannot read {node.value!r}: {exc}",
                                hint="dates are written YYYY-MM-DD; quote the value if it is text")) from None


def _dotted(path: KeyPath) -> str:
    """("figures", 3, "year") -> "figures[3].year"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted  # shared with validate.py for field paths in messages
