"""Tests for generator/importer/source.py: reading and decoding source files."""

import os

import pytest

from generator.errors import ImportSourceError
from generator.importer.source import MAX_BYTES, read_source

TEXT = "一、2022年国民经济和社会发展计划执行情况\n\n全年地区生产总值增长3.0%。\n"


def test_utf8_text_is_read_and_its_encoding_reported(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    source = read_source(path)
    assert source.text == TEXT
    assert source.encoding == "utf-8"
    assert source.size == len(TEXT.encode("utf-8"))


def test_a_byte_order_mark_is_dropped_and_reported_as_utf8_sig(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    source = read_source(path)
    assert source.encoding == "utf-8-sig"
    assert source.text == TEXT


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "gb2312"])
def test_gbk_and_gb18030_text_is_decoded_as_gb18030(tmp_path, codec):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(codec))
    source = read_source(path)
    assert source.encoding == "gb18030"
    assert source.text == TEXT


def test_an_empty_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ImportSourceError) as err:
        read_source(path)
    assert str(err.value) == f"{path}: file is empty; expected the text extracted from a plan or report"


def test_a_file_of_blank_lines_counts_as_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n \n\u3000\n", encoding="utf-8")
    with pytest.raises(ImportSourceError, match="file is empty"):
        read_source(path)


def test_a_binary_file_is_refused_naming_the_offset_of_its_first_nul(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2048) + b"\x00")
    data = path.read_bytes()
    with pytest.raises(ImportSourceError) as err:
        read_source(path)
    assert str(err.value) == (
        f"{path}: looks like a binary file (NUL byte at offset {data.index(0)}); "
        "expected plain text extracted from a PDF"
    )


def test_a_pdf_is_refused_with_a_hint_to_extract_its_text(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(ImportSourceError, match=r"this is a PDF, not text; extract its text first \(e\.g\. `pdftotext"):
        read_source(path)


def test_text_full_of_control_characters_is_refused_as_binary(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 9)) * 200 + "正文".encode("utf-8"))
    with pytest.raises(ImportSourceError, match="too many control characters"):
        read_source(path)


def test_bytes_that_are_neither_utf8_nor_gb18030_are_refused(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"abc \x81\x20 def")  # 0x81 needs a second byte in GB18030, and is not UTF-8
    with pytest.raises(ImportSourceError, match="is neither UTF-8 nor GB18030/GBK text; re-save it as UTF-8"):
        read_source(path)


def test_a_50_mb_file_is_refused_by_the_size_limit_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    line = ("地区生产总值增长6%左右。" * 20 + "\n").encode("utf-8")
    with open(path, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert path.stat().st_size >= 50 * 1024 * 1024
    with pytest.raises(ImportSourceError) as err:
        read_source(path)
    size_mb = path.stat().st_size / 1024 / 1024
    assert str(err.value) == (
        f"{path}: file is {size_mb:.1f} MB; the importer reads at most 10 MB "
        "(a plan's extracted text is well under 1 MB). "
        "Check that this is the right file, or split it into one file per document."
    )


def test_the_size_limit_is_10_mb():
    assert MAX_BYTES == 10 * 1024 * 1024


def test_a_missing_file_is_reported_without_a_traceback_worthy_error(tmp_path):
    with pytest.raises(ImportSourceError, match="no such file"):
        read_source(tmp_path / "missing.txt")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ImportSourceError, match="is a folder"):
        read_source(tmp_path)
