import pytest

from generator.errors import ContentError
from generator.validate import validate_content
from tests.conftest import MINIMAL_DOCUMENT, write_document

DOC = "content/documents/testville-report-2030.yaml"


def problems_of(project, strict=False) -> list[str]:
    with pytest.raises(ContentError) as err:
        validate_content(project.content_dir, strict=strict)
    return [str(p) for p in err.value.problems]


def test_minimal_document_is_valid(project):
    portal, warnings = validate_content(project.content_dir)
    assert [d.id for d in portal.documents] == ["testville-report-2030"]
    assert warnings == []


def test_string_year_reports_line_and_field(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("year: 2030, kind", "year: twenty, kind"))
    assert problems_of(project) == [f"{DOC}:16:22: figures[0].year: expected a number, found 'twenty'"]


def test_unknown_field_suggests_the_right_name(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("issuer:", "isuer:"))
    found = problems_of(project)
    assert f"{DOC}:8:1: isuer: unknown field 'isuer'\n    hint: did you mean 'issuer'?" in found
    assert f"{DOC}:2:1: issuer: required field is missing\n    hint: add `issuer:`" in found


def test_every_error_of_every_file_is_reported_in_one_run(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("region: cangshan", "region: nowhere")
                   .replace("indicator: gdp", "indicator: gpd"))
    write_document(project.root, "id: other\nregion: [\n", name="other.yaml")
    found = problems_of(project)
    assert f"{DOC}:3:1: region: unknown region 'nowhere'\n    hint: add it to content/regions.yaml" in found
    assert f"{DOC}:16:6: figures[0].indicator: unknown indicator 'gpd'\n    hint: did you mean 'gdp'?" in found
    assert any(p.startswith("content/documents/other.yaml:3:1: YAML syntax error") for p in found)
    assert len(found) == 3


def test_missing_translation_is_a_warning_and_an_error_under_strict(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace(
        "en: GDP is expected to grow by about 6%; household consumption keeps recovering.", "en: ''"))
    _, warnings = validate_content(project.content_dir)
    assert [str(w) for w in warnings] == [
        f"{DOC}:13:9: warning: sections[0].body[0].en: missing English translation\n"
        "    hint: translate: 预计全年地区生产总值增长6%左右；居民消费持续回暖。"
    ]
    assert len(problems_of(project, strict=True)) == 1


def test_quote_not_in_the_text_is_an_error(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("quote: 地区生产总值增长6%左右", "quote: 地区生产总值增长7%左右"))
    assert problems_of(project) == [
        f"{DOC}:16:82: figures[0].quote: quote not found in the document's Chinese text\n"
        "    hint: copy the words exactly from a paragraph, table or box of this document; use … for omitted words"
    ]


def test_quote_may_skip_words_with_an_ellipsis(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("quote: 地区生产总值增长6%左右", "quote: 预计…增长6%左右"))
    validate_content(project.content_dir)


def test_duplicate_ids_are_reported_with_the_first_place(project):
    regions = project.content_dir / "regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8") + "  - id: fuzhou\n    name: {zh: 福州, en: Fuzhou}\n    level: city\n",
                       encoding="utf-8")
    found = problems_of(project)
    assert len(found) == 1 and "regions[4].id: duplicate region id 'fuzhou' (first at line 4)" in found[0]


def test_value_without_unit_and_figure_without_content_are_errors(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("growth: 6, qualifiers: [about],", "value: 6,"))
    found = problems_of(project)
    assert found == [f"{DOC}:16:5: figures[0]: a value needs its unit"]


def test_file_name_must_match_the_id(project):
    text = MINIMAL_DOCUMENT.replace("id: testville-report-2030", "id: testville-report-2031")
    write_document(project.root, text)
    found = problems_of(project)
    assert found == [f"{DOC}:2:1: id: id 'testville-report-2031' differs from the file name 'testville-report-2030'\n"
                     "    hint: rename the file to testville-report-2031.yaml or set id: testville-report-2030"]


def test_unexpected_files_and_missing_shared_files_are_named(project):
    (project.content_dir / "glossary.yaml").unlink()
    (project.content_dir / "notes.yaml").write_text("a: 1\n")
    found = problems_of(project)
    assert "content/glossary.yaml:1:1: file is missing\n    hint: every site needs content/glossary.yaml" in found
    assert any(p.startswith("content/notes.yaml:1:1: unexpected content file") for p in found)


def test_figure_outside_the_documents_years_is_a_warning(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("year: 2030, kind", "year: 2040, kind"))
    _, warnings = validate_content(project.content_dir)
    assert [str(w).splitlines()[0] for w in warnings] == [
        f"{DOC}:16:22: warning: figures[0].year: 2040 is outside the years this document covers (2030–2031)"]


def test_errors_inside_boxes_and_tables_name_the_real_path(project):
    text = MINIMAL_DOCUMENT.replace("""    figures:""", """          - box:
              title: {zh: 专栏1 重点项目, en: Box 1 Key projects}
              items:
                - {zh: 项目, en: Project, extra: 1}
          - table:
              header: [[{zh: 指标, en: Indicator}]]
              rows: [[{zh: 5, en: ''}]]
    figures:""")
    write_document(project.root, text)
    found = problems_of(project)
    assert f"{DOC}:18:37: sections[0].body[1].box.items[0].extra: unknown field 'extra'\n    hint: expected one of: zh, en" in found
    assert f"{DOC}:21:20: sections[0].body[2].table.rows[0][0].zh: expected text, found 5\n    hint: quote the value" in found


def test_null_list_says_nothing_was_given(project):
    write_document(project.root, MINIMAL_DOCUMENT.split("    sections:")[0] + "    sections: null\n")
    found = problems_of(project)
    assert found == [f"{DOC}:9:1: sections: expected a list, found nothing (null)\n"
                     "    hint: give a list (items start with '- '), or remove the key"]


def test_section_ids_may_not_take_reserved_anchors(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("      - number: 一、", "      - id: preamble\n        number: 一、"))
    found = problems_of(project)
    assert found == [f"{DOC}:9:1: sections: section id 'preamble' is reserved for the text outside sections and paragraphs\n"
                     "    hint: choose another id"]


def test_quote_of_only_an_ellipsis_matches_nothing(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("quote: 地区生产总值增长6%左右", "quote: ……"))
    assert "quote not found" in problems_of(project)[0]
