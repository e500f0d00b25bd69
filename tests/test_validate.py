import pytest

from generator import model as m
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
    write_document(project.root, MINIMAL_DOCUMENT.replace("period: 2030, kind", "period: twenty, kind"))
    assert problems_of(project) == [f"{DOC}:16:22: figures[0].period: expected a year (2023) or a span of years (2021-2025), found 'twenty'"]


def test_unknown_field_suggests_the_right_name(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("region:", "regoin:"))
    found = problems_of(project)
    assert f"{DOC}:3:1: regoin: unknown field 'regoin'\n    hint: did you mean 'region'?" in found
    assert f"{DOC}:2:1: region: required field is missing\n    hint: add `region:`" in found


def test_a_misspelt_optional_field_is_named_and_a_missing_issuer_is_no_error(project):
    # The issuer is optional: a document whose source prints none has none (never an invented one).
    write_document(project.root, MINIMAL_DOCUMENT.replace("issuer:", "isuer:"))
    assert problems_of(project) == [f"{DOC}:8:1: isuer: unknown field 'isuer'\n    hint: did you mean 'issuer'?"]
    write_document(project.root, "\n".join(l for l in MINIMAL_DOCUMENT.splitlines() if "issuer:" not in l) + "\n")
    portal, warnings = validate_content(project.content_dir)
    assert portal.documents[0].issuer is None and warnings == []


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
        f"{DOC}:16:84: figures[0].quote: quote not found in the document's Chinese text\n"
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
    write_document(project.root, MINIMAL_DOCUMENT.replace("period: 2030, kind", "period: 2040, kind"))
    _, warnings = validate_content(project.content_dir)
    assert [str(w).splitlines()[0] for w in warnings] == [
        f"{DOC}:16:22: warning: figures[0].period: 2040 is outside the years this document covers (2030–2031)"]


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


# --- the figure model: periods, growth bases, comparability, table cells, other places ------

def with_figure(figure: str, body: str = "") -> str:
    """The minimal document with its one figure replaced (and blocks added to its section)."""
    text = MINIMAL_DOCUMENT.replace(
        "      - {indicator: gdp, period: 2030, kind: estimate, growth: 6, qualifiers: [about], quote: 地区生产总值增长6%左右}\n",
        figure)
    return text.replace("    figures:\n", body + "    figures:\n")


TABLE = """\
          - table:
              header: [[{zh: 指标, en: Indicator}, {zh: 2030年, en: '2030'}, {zh: 年均增长, en: Average annual growth}]]
              rows: [[{zh: 地区生产总值（亿元）, en: GDP}, {zh: '600', en: ''}, {zh: '6%', en: ''}]]
"""


def test_growth_over_a_span_without_its_basis_is_an_error(project):
    write_document(project.root, with_figure(
        "      - {indicator: gdp, period: 2026-2030, kind: estimate, growth: 6, quote: 地区生产总值增长6%左右}\n"))
    assert problems_of(project) == [
        f"{DOC}:16:5: figures[0]: growth over 2026–2030 needs `growth_basis`: average-annual or cumulative"]


def test_an_average_annual_growth_over_one_year_is_an_error(project):
    write_document(project.root, with_figure(
        "      - {indicator: gdp, period: 2030, kind: estimate, growth: 6, growth_basis: average-annual, quote: 地区生产总值增长6%左右}\n"))
    assert problems_of(project) == [
        f"{DOC}:16:5: figures[0]: `growth_basis: average-annual` needs a span of years as `period`, e.g. 2021-2025"]


def test_an_average_annual_growth_over_a_span_is_valid(project):
    write_document(project.root, with_figure(
        "      - {indicator: gdp, period: 2026-2030, kind: estimate, growth: 6, growth_basis: average-annual, quote: 地区生产总值增长6%左右}\n"))
    portal, _ = validate_content(project.content_dir)
    fig = portal.documents[0].figures[0]
    assert (fig.period.start, fig.period.end, fig.year, fig.basis) == (2026, 2030, 2030, m.GrowthBasis.average_annual)


def test_not_comparable_without_a_note_is_an_error(project):
    write_document(project.root, with_figure(
        "      - {indicator: gdp, period: 2030, kind: estimate, growth: 6, comparability: {basis: not-comparable}, quote: 地区生产总值增长6%左右}\n"))
    assert problems_of(project) == [
        f"{DOC}:16:63: figures[0].comparability: say why in `note`: a reader must know what makes it not-comparable"]


def test_a_column_quote_that_is_not_a_whole_row_is_an_error_naming_the_field(project):
    write_document(project.root, with_figure(
        "      - {indicator: gdp, period: 2030, kind: estimate, value: 600, unit: 亿元, column: 2, quote: 地区生产总值（亿元）}\n",
        TABLE))
    assert problems_of(project) == [
        f"{DOC}:19:85: figures[0].quote: with `column`, the quote must be a whole table row as printed\n"
        "    hint: copy the row's cells, separated by spaces, e.g. '地区生产总值（亿元） 600 6%'"]


def test_a_whole_row_with_its_column_is_valid_and_an_empty_column_is_named(project):
    row = "地区生产总值（亿元） 600 6%"
    write_document(project.root, with_figure(
        f"      - {{indicator: gdp, period: 2030, kind: estimate, value: 600, unit: 亿元, column: 2, quote: {row}}}\n", TABLE))
    validate_content(project.content_dir)
    write_document(project.root, with_figure(
        f"      - {{indicator: gdp, period: 2030, kind: estimate, value: 600, unit: 亿元, column: 4, quote: {row}}}\n", TABLE))
    assert problems_of(project) == [
        f"{DOC}:19:74: figures[0].column: column 4 of that row is empty or missing (the row has 3 cells)"]


def test_a_whole_row_without_its_column_is_a_warning(project):
    write_document(project.root, with_figure(
        "      - {indicator: gdp, period: 2030, kind: estimate, value: 600, unit: 亿元, quote: 地区生产总值（亿元） 600 6%}\n", TABLE))
    _, warnings = validate_content(project.content_dir)
    assert [str(w) for w in warnings] == [
        f"{DOC}:19:74: warning: figures[0].quote: the quote is a whole table row: say which cell the figure comes from\n"
        "    hint: add `column: N` (1 = the first column)"]


def test_the_quotes_of_other_places_are_checked(project):
    figure = ("      - indicator: gdp\n        period: 2030\n        kind: estimate\n        growth: 6\n"
              "        quote: 地区生产总值增长6%左右\n        also:\n"
              "          - {quote: 地区生产总值（亿元） 600 6%, column: 3}\n"
              "          - {quote: 地区生产总值增长7%}\n"
              "          - {quote: 地区生产总值（亿元）, column: 3}\n")
    write_document(project.root, with_figure(figure, TABLE))
    assert problems_of(project) == [
        f"{DOC}:26:10: figures[0].also[1].quote: quote not found in the document's Chinese text\n"
        "    hint: copy the words exactly from a paragraph, table or box of this document; use … for omitted words",
        f"{DOC}:27:10: figures[0].also[2].quote: with `column`, the quote must be a whole table row as printed\n"
        "    hint: copy the row's cells, separated by spaces, e.g. '地区生产总值（亿元） 600 6%'",
    ]


def test_english_that_lacks_a_glossary_rendering_is_reported_where_it_is_and_fails_strict(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace(
        "预计全年地区生产总值增长6%左右；居民消费持续回暖。", "预计全年地区生产总值增长6%左右；专精特新企业持续增加。").replace(
        "household consumption keeps recovering.", "little giant firms keep growing."))
    _, warnings = validate_content(project.content_dir)
    assert [str(w) for w in warnings] == [
        f"{DOC}:14:9: warning: sections[0].body[0].en: the Chinese has the glossary term 专精特新 but the English "
        "lacks its rendering 'specialised, refined, distinctive and innovative (SRDI)'\n"
        "    hint: use the glossary's rendering (content/glossary.yaml), or add a `variants:` form there"]
    assert problems_of(project, strict=True) == [str(w) for w in warnings]


def test_a_term_inside_a_longer_glossary_term_answers_to_the_longer_one(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace(
        "预计全年地区生产总值增长6%左右；居民消费持续回暖。", "预计全年地区生产总值增长6%左右；推进连片旧屋区改造。").replace(
        "household consumption keeps recovering.", "redevelopment of contiguous old housing areas went on."))
    _, warnings = validate_content(project.content_dir)
    assert warnings == []
