from pathlib import Path

import pytest

from generator.load import MAX_NODES, LoadError, load_file, load_text


def test_positions_are_recorded_for_keys_and_items():
    raw = load_text("a:\n  - x: 1\n  - x: 2\n", "f.yaml")
    assert raw.data == {"a": [{"x": 1}, {"x": 2}]}
    assert raw.positions[("a", 1, "x")] == (3, 5)
    assert raw.position(("a", 1, "missing")) == (3, 5)


def test_syntax_error_reports_file_line_and_column():
    with pytest.raises(LoadError) as err:
        load_text("title:\n  zh: 报告\n  en: [unclosed\n", "content/documents/x.yaml")
    assert str(err.value).startswith("content/documents/x.yaml:4:1: YAML syntax error:")


def test_unquoted_colon_gets_a_hint():
    with pytest.raises(LoadError) as err:
        load_text("zh: a: b\n", "f.yaml")
    assert "f.yaml:1:6: YAML syntax error: mapping values are not allowed here" in str(err.value)
    assert "hint: a text containing ': ' must be quoted" in str(err.value)


def test_python_tags_are_refused():
    with pytest.raises(LoadError) as err:
        load_text("x: !!python/object/apply:os.system ['echo hi']\n", "f.yaml")
    assert "f.yaml:1:4:" in str(err.value)
    assert "not allowed in content files" in str(err.value)


def test_duplicate_keys_are_an_error_not_a_silent_overwrite():
    with pytest.raises(LoadError) as err:
        load_text("id: a\nregion: x\nid: b\n", "f.yaml")
    assert str(err.value).startswith("f.yaml:3:1: id: duplicate key")


def test_alias_bomb_is_stopped():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    with pytest.raises(LoadError) as err:
        load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert f"more than {MAX_NODES:,} YAML nodes" in str(err.value)


def test_huge_file_is_refused_before_parsing(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"x: " + b"a" * 6_000_000 + b"\n")
    with pytest.raises(LoadError) as err:
        load_file(path, "content/huge.yaml")
    assert "content/huge.yaml:1:1: file is 6,000,004 bytes; the limit is 5,000,000" in str(err.value)


def test_non_utf8_file_is_refused_with_its_line(tmp_path: Path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("a: 1\nzh: 报告\n".encode("gbk"))
    with pytest.raises(LoadError) as err:
        load_file(path, "content/gbk.yaml")
    assert str(err.value).startswith("content/gbk.yaml:2:1: file is not UTF-8 text")


def test_invalid_date_is_a_located_error():
    with pytest.raises(LoadError) as err:
        load_text("id: x\ndate: 2022-13-45\n", "f.yaml")
    assert str(err.value).startswith("f.yaml:2:7: date: cannot read '2022-13-45'")


def test_self_referencing_alias_is_refused():
    with pytest.raises(LoadError) as err:
        load_text("x: &a [*a]\n", "f.yaml")
    assert "an alias refers to itself" in str(err.value)


def test_deep_nesting_is_refused_without_a_traceback():
    with pytest.raises(LoadError) as err:
        load_text("x: " + "[" * 3000 + "]" * 3000 + "\n", "f.yaml")
    assert "f.yaml:1:1:" in str(err.value) and "nested" in str(err.value)


def test_yaml11_boolean_keys_get_a_quoting_hint():
    with pytest.raises(LoadError) as err:
        load_text("on: 1\n", "f.yaml")
    assert str(err.value) == "f.yaml:1:1: keys must be text, found 'on' read as bool\n    hint: quote it: 'on':"


def test_decimals_keep_the_digits_as_printed():
    assert str(load_text("growth: 3.10\n", "f.yaml").data["growth"]) == "3.10"
