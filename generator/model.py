"""Content model: the shape of every YAML file under ``content/``.

Stage: none (data). Input: plain Python data as loaded from YAML; output: typed
objects the later stages read. This module does no I/O and imports no yaml,
jinja2, altair or click, so that the JSON Schema, the validator, the importer
and the renderer all share one definition of what a plan looks like.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Optional, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Strict(BaseModel):
    """Base for every content object: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class LocalizedText(Strict):
    """A text in Chinese (the original) and English (our translation)."""

    zh: str = Field(min_length=1, description="Chinese text, as in the source document.")
    en: str = Field(
        default="",
        description="English translation. Empty means 'not translated yet' (a warning; an error under --strict).",
    )

    def get(self, lang: str) -> str:
        """The text in ``lang``; English falls back to Chinese when not translated yet."""
        return self.en or self.zh if lang == "en" else self.zh


# --- shared catalogues -------------------------------------------------------


class RegionLevel(str, Enum):
    city = "city"
    district = "district"


class Region(Strict):
    id: str = Field(pattern=SLUG, description="Stable slug, used in URLs: e.g. `cangshan`.")
    name: LocalizedText = Field(description="Official name, e.g. 仓山区 / Cangshan District.")
    level: RegionLevel = Field(description="Administrative level: `city` or `district`.")
    parent: Optional[str] = Field(default=None, description="Id of the region this one belongs to.")
    summary: Optional[LocalizedText] = Field(default=None, description="One-paragraph introduction shown on the region page.")


class RegionsFile(Strict):
    regions: list[Region] = Field(description="Every region the portal covers.")


class Unit(Strict):
    """A unit as printed in Chinese, with how to say it in English."""

    id: str = Field(min_length=1, description="The unit exactly as the source prints it, e.g. `亿元`.")
    name: LocalizedText = Field(description="How the unit reads in each language.")
    factor: float = Field(
        default=1.0,
        gt=0,
        description="Multiplier to the English base unit: 亿元 is 1e8 yuan. English pages rescale to thousand/million/billion.",
    )
    counter: bool = Field(
        default=False,
        description="A counting word (家, 个, 项, 所 …) whose English depends on what is counted: English shows "
        "the number alone, next to the indicator's name, never a wrong noun ('2 enterprises' for two hospitals).")


class Category(Strict):
    """A group of indicators on the indicator index (economy, fiscal, ...)."""

    id: str = Field(pattern=SLUG, description="Stable slug: e.g. `economy`.")
    name: LocalizedText = Field(description="Name of the category.")


class Indicator(Strict):
    id: str = Field(pattern=SLUG, description="Stable slug: e.g. `gdp`.")
    name: LocalizedText = Field(description="Name of the indicator.")
    category: str = Field(description="Id of its category (see `categories`).")
    definition: Optional[LocalizedText] = Field(
        default=None,
        description="One line saying what it measures, so that different series are never merged "
        "(missing: a warning; an error under --strict).",
    )
    comparability: Optional[LocalizedText] = Field(
        default=None, description="What a reader must know before comparing its values across regions or years.")
    unit: Optional[str] = Field(default=None, description="Usual unit of its level value (a unit id), if it has one.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other Chinese names used for it in the sources; the importer matches on them.",
    )
    headline: bool = Field(default=True, description="Show in a document's headline table and charts.")


class IndicatorsFile(Strict):
    units: list[Unit] = Field(description="Units used by indicator values.")
    categories: list[Category] = Field(description="Groups of indicators, in the order the index shows them.")
    indicators: list[Indicator] = Field(description="The indicator catalogue.")


class GlossaryTerm(Strict):
    zh: str = Field(min_length=1, description="The Chinese term.")
    en: str = Field(min_length=1, description="Our agreed English rendering. Words in ( ) are an explanation, not part of it; ` / ` separates accepted forms.")
    variants: list[str] = Field(
        default_factory=list,
        description="Other English forms that count as this rendering (grammar or context), e.g. a verb form.")
    check: bool = Field(
        default=True,
        description="Whether validation checks that an English text renders it (false for units and words whose "
        "English depends on the sentence, such as 亿元).")
    note: Optional[LocalizedText] = Field(
        default=None, description="Why this rendering, or what the term means, in both languages (shown in the page's).")


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(description="Agreed translations of recurring terms.")


# --- documents ----------------------------------------------------------------


class DocumentKind(str, Enum):
    five_year_plan = "five-year-plan"
    annual_report = "annual-report"


class YearRange(Strict):
    start: int = Field(ge=1949, le=2100, description="First year.")
    end: int = Field(ge=1949, le=2100, description="Last year (same as start for a single year).")

    @model_validator(mode="after")
    def _ordered(self) -> "YearRange":
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    def __contains__(self, year: int) -> bool:
        return self.start <= year <= self.end

    def label(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


class Paragraph(LocalizedText):
    """One paragraph of body text."""


class Box(Strict):
    """A boxed list inside a section, such as a 专栏 of key projects."""

    number: Optional[str] = Field(default=None, description="Numbering as printed, e.g. `专栏1`.")
    title: LocalizedText = Field(description="Title of the box.")
    items: list[LocalizedText] = Field(description="The box's items, in order.")


class TableCell(Strict):
    zh: str = Field(default="", description="Cell text as printed (may be empty for a merged cell).")
    en: str = Field(default="", description="English, when the cell holds words; empty for numbers.")

    def get(self, lang: str) -> str:
        """The cell in `lang`; numbers (no English) show as printed."""
        return self.en or self.zh if lang == "en" else self.zh


class Table(Strict):
    caption: Optional[LocalizedText] = Field(default=None, description="Caption as printed.")
    header: list[list[TableCell]] = Field(description="Header rows (one or two), each a list of cells.")
    rows: list[list[TableCell]] = Field(description="Body rows, each a list of cells.")
    notes: list[LocalizedText] = Field(default_factory=list, description="Notes printed under the table.")


class BoxBlock(Strict):
    box: Box = Field(description="A boxed list.")


class TableBlock(Strict):
    table: Table = Field(description="A table.")


def _block_tag(value: Any) -> str:
    """Pick the block kind from its key, so errors speak of one kind, not of all three."""
    if isinstance(value, dict):
        if "box" in value:
            return "box"
        if "table" in value:
            return "table"
    elif isinstance(value, BoxBlock):
        return "box"
    elif isinstance(value, TableBlock):
        return "table"
    return "paragraph"


Block = Annotated[
    Union[
        Annotated[Paragraph, Tag("paragraph")],
        Annotated[BoxBlock, Tag("box")],
        Annotated[TableBlock, Tag("table")],
    ],
    Discriminator(_block_tag),
]


class Section(Strict):
    id: Optional[str] = Field(
        default=None,
        pattern=SLUG,
        description="Anchor of the section in the full text. Defaults to its position, e.g. `s1-2`; set it to keep links stable when sections move.",
    )
    number: Optional[str] = Field(default=None, description="Numbering as printed: `一、`, `（三）`, `第二章`, `第一节`.")
    title: LocalizedText = Field(description="Heading text without its number.")
    body: list[Block] = Field(default_factory=list, description="Paragraphs, boxes and tables, in order.")
    sections: list["Section"] = Field(default_factory=list, description="Subsections, in order.")
    closing: list[Block] = Field(default_factory=list, description="Text after the subsections that belongs to this section (e.g. a summing-up).")


class Qualifier(str, Enum):
    about = "about"  # 左右
    within = "within"  # 以内 / 不超过
    below = "below"  # 以下
    above = "above"  # 以上 / 超 / 突破
    at_least = "at-least"  # 不低于 / 不少于
    cumulative = "cumulative"  # a total over the period, printed in [ ] or as 累计
    in_step = "in-step"  # 与经济增长基本同步


class FigureKind(str, Enum):
    target = "target"
    estimate = "estimate"
    actual = "actual"
    baseline = "baseline"


class Nature(str, Enum):
    expected = "expected"  # 预期性
    binding = "binding"  # 约束性


class GrowthBasis(str, Enum):
    """What a growth rate is measured against."""

    previous_year = "previous-year"  # 比上年增长 / 增长: the period is one year
    average_annual = "average-annual"  # 年均增长: a yearly average over the period
    cumulative = "cumulative"  # over the whole period: the bracketed [ ] five-year totals, 累计


class GrowthUnit(str, Enum):
    percent = "percent"  # growth in %
    points = "points"  # a change in percentage points (of a share or rate)


class ComparabilityBasis(str, Enum):
    like_for_like = "like-for-like"  # 同口径: growth computed on a comparable basis
    not_comparable = "not-comparable"  # 不可比: the source says it cannot be compared
    different_scope = "different-scope"  # a statistical scope or unit other than the series'


class Comparability(Strict):
    """A comparability note the source makes (or an editor found): shown wherever the figure is."""

    basis: ComparabilityBasis = Field(description="`like-for-like` (同口径), `not-comparable` (不可比) or `different-scope`.")
    note: Optional[LocalizedText] = Field(default=None, description="Why, in words (required unless `like-for-like`).")

    @model_validator(mode="after")
    def _explained(self) -> "Comparability":
        if self.basis != ComparabilityBasis.like_for_like and self.note is None:
            raise ValueError(f"say why in `note`: a reader must know what makes it {self.basis.value}")
        return self


_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—~至到]\s*(\d{4}))?\s*$")


def _parse_period(value: Any) -> Any:
    """`2023` -> 2023–2023, `"2021-2025"` -> 2021–2025; anything else is left for the model to refuse."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        _check_years(value)
        return {"start": value, "end": value}
    if isinstance(value, str):
        match = _PERIOD.match(value)
        if not match:
            raise ValueError(f"expected a year (2023) or a span of years (2021-2025), found {value!r}")
        start = int(match.group(1))
        end = int(match.group(2) or start)
        _check_years(start, end)
        return {"start": start, "end": end}
    return value


def _check_years(*years: int) -> None:
    """One clear message for a mistyped year, instead of one per end of the period."""
    for year in years:
        if not 1949 <= year <= 2100:
            raise ValueError(f"the year must be between 1949 and 2100, found {year}")


Period = Annotated[
    YearRange,
    BeforeValidator(_parse_period),
    WithJsonSchema({
        "anyOf": [
            {"type": "integer", "minimum": 1949, "maximum": 2100},
            {"type": "string", "pattern": r"^\d{4}-\d{4}$"},
        ],
        "description": "A year (`2023`) or a span of years (`2021-2025`).",
    }),
]


class Place(Strict):
    """Another place in the same document that states the same figure."""

    quote: str = Field(min_length=2, description="The exact Chinese words there (for a table: the whole row as printed).")
    column: Optional[int] = Field(default=None, ge=1, description="For a table row: the 1-based column of the cell.")


class Figure(Strict):
    """One value a document states, with what it measures, over which time, and the words it was stated in."""

    indicator: str = Field(description="Id from the indicator catalogue.")
    period: Period = Field(
        description="The year the figure is for (`2023`), or the span it covers (`2021-2025`) for average annual "
        "rates, five-year totals and levels to reach by the end of a plan.")
    kind: FigureKind = Field(description="`target` (planned), `estimate` (预计), `actual` (outturn) or `baseline`, as the source's own words or table columns say.")
    value: Optional[Decimal] = Field(default=None, description="Level value, in `unit`, with the decimals the source prints. For a span: the level at its end, or its total with the `cumulative` qualifier.")
    unit: Optional[str] = Field(default=None, description="Unit id of `value`, e.g. `亿元`.")
    growth: Optional[Decimal] = Field(default=None, description="Growth (or change) as printed, in percent or in percentage points (`growth_unit`).")
    growth_basis: Optional[GrowthBasis] = Field(
        default=None,
        description="What `growth` is measured against: `previous-year` (the default for a one-year period), "
        "`average-annual` over the period (年均), or `cumulative` over the period ([ ] totals, 累计). Required for a span.")
    growth_unit: GrowthUnit = Field(default=GrowthUnit.percent, description="`percent`, or `points` for a change in percentage points.")
    qualifiers: list[Qualifier] = Field(
        default_factory=list,
        description="How the figure is hedged: about 左右, within 以内, below 以下, above 以上, at-least 不低于, cumulative (a total over the period), in-step 同步.",
    )
    text: Optional[LocalizedText] = Field(
        default=None,
        description="The figure in words when it is not (only) a number: 完成市下达任务 / 不低于全省平均水平 → `全省平均水平`.",
    )
    nature: Optional[Nature] = Field(default=None, description="`expected` (预期性) or `binding` (约束性), only where the source says so.")
    comparability: Optional[Comparability] = Field(default=None, description="同口径, 不可比 or a different statistical scope, as data.")
    quote: str = Field(min_length=2, description="The exact Chinese words of the source: the sentence's words for prose (… for omitted words); for a table figure, the whole row as printed.")
    column: Optional[int] = Field(
        default=None, ge=1,
        description="For a figure from a table: the 1-based column of the cell it comes from (its `quote` is then the whole row).")
    also: list[Place] = Field(
        default_factory=list,
        description="Other places in this document that state the same figure, e.g. the main-target table's cell "
        "when `quote` is the sentence. One figure per value: never list a value twice.")
    note: Optional[LocalizedText] = Field(default=None, description="Anything a reader must know to use the figure, e.g. where the source is doubtful.")

    @field_validator("qualifiers")
    @classmethod
    def _distinct(cls, qualifiers: list[Qualifier]) -> list[Qualifier]:
        if len(set(qualifiers)) != len(qualifiers):
            raise ValueError("a qualifier is listed twice")
        return qualifiers

    @model_validator(mode="after")
    def _has_content(self) -> "Figure":
        if self.value is None and self.growth is None and self.text is None and Qualifier.in_step not in self.qualifiers:
            raise ValueError("a figure needs a value, a growth, a text or the in-step qualifier")
        if self.value is not None and not self.unit:
            raise ValueError("a value needs its unit")
        if self.unit and self.value is None:
            raise ValueError("a unit without a value: give the value, or remove the unit")
        span = self.period.start != self.period.end
        if self.growth is not None and span and self.growth_basis is None:
            raise ValueError(f"growth over {self.period.label()} needs `growth_basis`: average-annual or cumulative")
        if not span and self.growth_basis in (GrowthBasis.average_annual, GrowthBasis.cumulative):
            raise ValueError(f"`growth_basis: {self.growth_basis.value}` needs a span of years as `period`, e.g. 2021-2025")
        if self.growth is None and (self.growth_basis is not None or self.growth_unit != GrowthUnit.percent):
            raise ValueError("`growth_basis` and `growth_unit` describe a growth: give `growth` or remove them")
        return self

    @property
    def year(self) -> int:
        """The year the figure is for: the last year of its period."""
        return self.period.end

    @property
    def basis(self) -> Optional[GrowthBasis]:
        """The growth basis, with the one default the sources share: a one-year growth is over the previous year."""
        if self.growth is None:
            return None
        return self.growth_basis or GrowthBasis.previous_year


class Source(Strict):
    file: Optional[str] = Field(default=None, description="File name of the extracted source text.")
    url: Optional[str] = Field(default=None, pattern=r"^https?://", description="Where the original was published.")


class Document(Strict):
    id: str = Field(pattern=SLUG, description="Slug, equal to the file name: `cangshan-report-2022`.")
    region: str = Field(description="Id of the region that issued it.")
    kind: DocumentKind = Field(description="`five-year-plan` or `annual-report`.")
    review_period: YearRange = Field(description="The years whose results it reports.")
    plan_period: YearRange = Field(description="The years it sets targets for.")
    vision_year: Optional[int] = Field(
        default=None, ge=1949, le=2100,
        description="Year of the long-range objectives a five-year plan also sets (二〇三五年远景目标 → 2035).")
    title: LocalizedText = Field(description="Full title.")
    issuer: Optional[LocalizedText] = Field(default=None, description="Who drafted or issued it, only where the source prints it.")
    meeting: Optional[LocalizedText] = Field(default=None, description="The people's congress session it was presented to or approved by, in full.")
    presented: Optional[dt.date] = Field(default=None, description="Date it was presented to the congress, as printed (YYYY-MM-DD).")
    approved: Optional[dt.date] = Field(default=None, description="Date the congress approved it (YYYY-MM-DD).")
    issued: Optional[dt.date] = Field(default=None, description="Date of the notice that issued it (YYYY-MM-DD).")
    doc_number: Optional[LocalizedText] = Field(default=None, description="Document number, only where printed, e.g. 台政综〔2021〕12号.")
    session_document: Optional[LocalizedText] = Field(
        default=None, description="Session document label as printed, e.g. 区十八届人大四次会议文件（五） (not a document number).")
    source: Source = Field(default_factory=Source, description="Where the text comes from.")
    notes: Optional[LocalizedText] = Field(default=None, description="Editors' notes shown on the overview page.")
    preamble: list[Block] = Field(default_factory=list, description="Text before the first heading (salutation, introduction).")
    sections: list[Section] = Field(description="The full text, as a tree of sections.")
    closing: list[Block] = Field(default_factory=list, description="Text after the last section that belongs to none (closing appeal).")
    figures: list[Figure] = Field(default_factory=list, description="Indicator values stated in the text.")

    @property
    def date(self) -> Optional[dt.date]:
        """The date a reader cites it by: issued, else approved, else presented."""
        return self.issued or self.approved or self.presented

    @field_validator("sections")
    @classmethod
    def _not_empty(cls, sections: list[Section]) -> list[Section]:
        if not sections:
            raise ValueError("a document needs at least one section")
        return sections


Section.model_rebuild()

# The files editors write, by what they hold. The schema and the loader use this map.
FILE_MODELS: dict[str, type[Strict]] = {
    "regions": RegionsFile,
    "indicators": IndicatorsFile,
    "glossary": GlossaryFile,
    "document": Document,
}

CJK = re.compile(r"[\u3400-\u9fff]")
