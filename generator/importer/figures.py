"""Importer, stage 4: propose indicator figures from the text (and, via table_figures.py, the tables).

Input: the `Skeleton` of a document, its kind and periods, and the indicator
catalogue. Output: `Candidate`s, each a value, growth, qualifiers and the exact
words (quote) it was read from, with the catalogue id when the name or an
alias matches. Names that match nothing are returned too, so editors can add
them to the catalogue; nothing found is silently dropped.

It proposes; it does not decide. Every candidate is a draft for an editor to
check against the quote.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterable

from generator.importer.candidates import (
    NUM,
    QUALIFIER_WORDS,
    RAW_UNIT,
    Candidate,
    Catalogue,
    Context,
    dedupe,
    split_unit,
)
from generator.importer.structure import BoxNode, Para, SectionNode, Skeleton, TableNode
from generator.importer.table_figures import table_figures

_GROWTH_VERBS = {"增长", "增速", "增速为", "增幅", "增幅为", "比增", "上涨", "下降", "降低", "降幅", "降幅为"}
_FIGURE = re.compile(
    rf"""^(?:总数|总量|规模|总额|数量|水平)?
    (?P<pre>同口径|同比|比上年|年均|累计)?
    (?:
       (?:实现|由)?从(?P<fnum>{NUM})(?:{RAW_UNIT})?(?:提高|增加|增长|提升|上升|扩大|增)(?:至|到)
     | (?P<verb>增长|增速为|增速|增幅为|增幅|比增|上涨|下降|降低|降幅为|降幅|达到|达|为|突破|超过|超|提高至|提高到|增至|增加到|提升至|提升到|保持在|稳定在|控制在|实现|完成|提高|提升)
    )?
    (?P<approx>约|近|超过|超|达)?
    (?P<num>{NUM})
    (?P<unit>{RAW_UNIT})?
    (?P<qual>及以上|左右|以上|以内|以下)?""",
    re.X,
)
_TRAILING_GROWTH = re.compile(rf"^[，,、]?(?:同比|比上年)?(?P<verb>增长|下降)(?P<num>{NUM})%(?P<qual>左右|以上|以内)?")
_IN_STEP = re.compile(r"^(?:收入)?(?:增长|增速)?与经济增长(?:基本)?(?:保持)?同步")
_AT_LEAST = re.compile(r"^(?:增速|增长)?不低于(?P<what>全省|全市|全国|全区)平均水平")
_POSITIVE = re.compile(r"^(?:保持|实现)?正增长")
_TASKS_AFTER = re.compile(r"完成(?P<who>[国省市区县])下达(?:的)?(?P<list>[^，。；：]{2,60}?)(?:任务|目标)")
_TASKS_BEFORE = re.compile(r"(?P<list>[^，。；：]{2,60}?)完成(?P<who>[国省市区县])下达(?:的)?(?:任务|目标)")

_APPROX_WORDS = {"约": "about", "近": "about", "超": "above", "超过": "above", "突破": "above"}
# The end of a name of a statistic: 值 (value), 额 (amount), 率 (rate), 入 (income)...
_NAME_END = set("值额数率入资量重模耗出口例度命限费润收价业")
_NAME_LEAD = re.compile(
    r"^(?:预计|其中|全年|全区|全市|全县|全省|全体|力争|确保|争取|实现|完成|到\d{4}年|至\d{4}年|\d{4}年|今年|明年|“十四五”期间|期间|五年|累计|年末|\s)+"
)
_NAME_TRAIL = re.compile(r"(?:年均|同比|累计|增长|增速|增幅|比增|上涨|下降|降低|达到|达|为|突破|超过|超|提高至|提高|增至|提升至|提升|保持在|稳定在|控制在|约|近)+$")


def find_figures(skeleton: Skeleton, context: Context, catalogue: Catalogue, warnings: list) -> list[Candidate]:
    """Every figure candidate in the document, in reading order, duplicates merged."""
    found: list[Candidate] = []
    for path, block in _walk(skeleton):
        if isinstance(block, TableNode):
            found.extend(table_figures(block, path, context, catalogue, warnings))
        else:
            for para in _paragraphs(block):
                found.extend(_text_figures(para, path, context, catalogue))
    return _merge(found, warnings)


# --- walking the document -------------------------------------------------------------


def _walk(skeleton: Skeleton) -> Iterable[tuple[list[SectionNode], Any]]:
    for block in skeleton.preamble:
        yield [], block

    def visit(section: SectionNode, path: list[SectionNode]):
        here = [*path, section]
        for block in section.body:
            yield here, block
        for sub in section.sections:
            yield from visit(sub, here)
        for block in section.closing:
            yield here, block

    for section in skeleton.sections:
        yield from visit(section, [])
    for block in skeleton.closing:
        yield [], block


def _paragraphs(block: Any) -> list[Para]:
    if isinstance(block, BoxNode):
        return list(block.items)
    return [block]


# --- which year and kind a sentence speaks of ---------------------------------------------


def _year_kind(path: list[SectionNode], sentence: str, context: Context) -> tuple[int, str, str] | None:
    """The year and kind of figure a sentence states, and the title of its part (for 预期)."""
    found = _year_kind_only(path, sentence, context)
    if found is None:
        return None
    top = f"{path[0].number or ''}{path[0].title}" if path else ""
    return (*found, top)


def _year_kind_only(path: list[SectionNode], sentence: str, context: Context) -> tuple[int, str] | None:
    review_end, plan_start, plan_end = context.review[1], context.plan[0], context.plan[1]
    titles = "".join(f"{s.number or ''}{s.title}" for s in path)
    top = f"{path[0].number or ''}{path[0].title}" if path else ""
    if context.kind == "annual-report":
        if re.search(rf"{plan_start}年", top) and "执行情况" not in top:
            return plan_start, "target"
        if "执行情况" in top or re.search(rf"{review_end}年", top):
            return review_end, "estimate"
        if "预计" in sentence:
            return review_end, "estimate"
        if re.search(r"目标|力争|预期", sentence):
            return plan_start, "target"
        return None
    years = {int(y) for y in re.findall(r"(\d{4})年", sentence)}
    later = [y for y in years if y > plan_end]
    if later and not any(plan_start <= y <= plan_end for y in years):
        return max(later), "target"  # the long-range objectives: 到2035年…
    in_plan = any(plan_start <= y <= plan_end for y in years) or context.plan_name() in sentence
    in_review = any(context.review[0] <= y <= review_end for y in years) or context.plan_name(-1) in sentence
    if in_review and not in_plan:
        stated = [y for y in years if context.review[0] <= y <= review_end]
        return (max(stated) if stated else review_end), "actual"
    if in_plan:
        return plan_end, "target"
    if re.search(r"发展基础|回顾|成就|成效|完成情况", titles):
        return review_end, "actual"
    return plan_end, "target"


# --- figures in text ----------------------------------------------------------------------


def _text_figures(para: Para, path: list[SectionNode], context: Context, catalogue: Catalogue) -> list[Candidate]:
    found: list[Candidate] = []
    for start, sentence in _sentences(para.text):
        when = _year_kind(path, sentence, context)
        matched_spans: list[tuple[int, int]] = []
        for m in catalogue.pattern.finditer(sentence):
            if _modified(sentence, m.start()):
                continue  # 工业固定资产投资, 海洋生产总值: a narrower statistic than the catalogue's
            ident = catalogue.lookup(m.group(0))
            cand = _figure_after(sentence, m, ident, catalogue)
            if cand is None:
                continue
            matched_spans.append((m.start(), m.end()))
            cand.line = para.line_at(start + m.start())
            cand.para, cand.start = para, start + m.start()
            cand.end = cand.start + len(cand.quote)
            _place(cand, when, sentence, context)
            if context.kind == "five-year-plan" and (cand.kind == "actual" or cand.growth_unit == "points") \
                    and cand.growth is not None and cand.growth_basis is None:
                cand.growth_basis = "cumulative"  # growth over the whole review (or plan) period
            found.append(cand)
        found.extend(_task_figures(sentence, start, para, when, catalogue, context))
        found.extend(_unmatched(sentence, start, para, catalogue, when, context, matched_spans))
    return found


def _modified(sentence: str, start: int) -> bool:
    """Whether the words just before ``start`` narrow the name down ('工业' in 工业固定资产投资)."""
    clause_start = max(sentence.rfind(c, 0, start) for c in "，；。：、（(“") + 1
    prefix = _NAME_LEAD.sub("", sentence[clause_start:start])
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z0-9]$", prefix))


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in re.finditer(r"[。！？]", text):
        out.append((start, text[start:m.end()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _figure_after(sentence: str, m: re.Match, ident: str | None, catalogue: Catalogue) -> Candidate | None:
    """Read the figure printed right after an indicator name, if any."""
    name = m.group(0)
    rest = sentence[m.end():]
    unit_of = catalogue.unit_of.get(ident or "")
    for pattern, build in ((_IN_STEP, _in_step), (_AT_LEAST, _at_least), (_POSITIVE, _positive)):
        q = pattern.match(rest)
        if q:
            cand = Candidate(name=name, quote=sentence[m.start():m.end() + q.end()], line=0, indicator=ident)
            build(cand, q)
            return cand
    f = _FIGURE.match(rest)
    if not f:
        return None
    cand = Candidate(name=name, quote="", line=0, indicator=ident)
    number = Decimal(f.group("num"))
    raw_unit = f.group("unit") or ""
    unit, more = split_unit(raw_unit)
    verb = f.group("verb") or ""
    pre = f.group("pre") or ""
    end = f.end()
    if more:
        cand.qualifiers.append("above")
    if f.group("approx") in _APPROX_WORDS:
        cand.qualifiers.append(_APPROX_WORDS[f.group("approx")])
    if verb in ("突破", "超过", "超"):
        cand.qualifiers.append("above")
    if f.group("qual"):
        cand.qualifiers.append(QUALIFIER_WORDS[f.group("qual")])
    if pre == "同口径":
        cand.qualifiers.append("like-for-like")
    if verb in ("提高", "提升") and unit != "个百分点":
        return None  # 提高2.5%: a level or a growth? Left to the editor (listed as unmatched if new)
    if unit == "个百分点":  # a change of a share or rate: 提高2个百分点, 下降0.5个百分点
        cand.growth = -number if verb in ("下降", "降低") else number
        cand.growth_unit = "points"
        cand.growth_basis = {"年均": "average-annual", "累计": "cumulative"}.get(pre)
    elif unit == "%":
        growth_word = verb in _GROWTH_VERBS or pre in ("同口径", "同比", "比上年", "年均")
        if growth_word and unit_of != "%":
            cand.growth = -number if verb in ("下降", "降低") else number
            cand.growth_basis = {"年均": "average-annual", "累计": "cumulative"}.get(pre)
        elif not growth_word and (unit_of == "%" or ident is None):
            cand.value, cand.unit = number, "%"
        elif growth_word and unit_of == "%":
            cand.value, cand.unit = number, "%"
        else:
            return None
    elif raw_unit:
        if unit not in catalogue.units:
            if ident is not None:
                cand.notes.append(f"unit {raw_unit} is not in the catalogue")
            cand.value, cand.unit = number, unit
        else:
            cand.value, cand.unit = number, unit
        g = _TRAILING_GROWTH.match(rest[end:])
        if g:
            value = Decimal(g.group("num"))
            cand.growth = -value if g.group("verb") == "下降" else value
            if g.group("qual"):
                cand.qualifiers.append(QUALIFIER_WORDS[g.group("qual")])
            end += g.end()
    else:
        return None
    cand.quote = sentence[m.start():m.end() + end]
    cand.qualifiers = dedupe(cand.qualifiers)
    return cand


def _in_step(cand: Candidate, m: re.Match) -> None:
    cand.qualifiers = ["in-step"]  # the qualifier says it all: no text to repeat it


def _at_least(cand: Candidate, m: re.Match) -> None:
    cand.text = f"{m.group('what')}平均水平"
    cand.qualifiers = ["at-least"]


def _positive(cand: Candidate, m: re.Match) -> None:
    cand.text = "正增长"


def _task_figures(sentence: str, start: int, para: Para, when, catalogue: Catalogue, context: Context) -> list[Candidate]:
    """'完成市下达的实际利用外资、进出口总额和节能减排降碳任务': one figure per indicator named."""
    found = []
    for pattern in (_TASKS_AFTER, _TASKS_BEFORE):
        for m in pattern.finditer(sentence):
            for t in catalogue.pattern.finditer(m.group("list")):
                ident = catalogue.lookup(t.group(0))
                cand = Candidate(name=t.group(0), quote=m.group(0).lstrip("，；、"), line=para.line_at(start + m.start()), indicator=ident)
                cand.text = f"完成{m.group('who')}下达任务"
                _place(cand, when, sentence, context)
                found.append(cand)
    return found


def _unmatched(sentence, start, para, catalogue, when, context, matched_spans) -> list[Candidate]:
    """Names of statistics in a sentence of figures that the catalogue does not know."""
    out = []
    for clause_start, clause in _clauses(sentence):
        f = re.search(rf"(?:从{NUM}(?:{RAW_UNIT})?\S{{0,4}}?(?:至|到))?(?P<num>{NUM})(?P<unit>{RAW_UNIT})", clause)
        if not f:
            continue
        name = clause[: f.start()]
        if any(s < clause_start + len(name) and e > clause_start for s, e in matched_spans):
            continue
        name = _NAME_TRAIL.sub("", _NAME_LEAD.sub("", name.lstrip("—－- "))).strip("“”《》、，").lstrip("（(")
        if name.count("（") > name.count("）") or name.count("(") > name.count(")"):
            name = name.rstrip("（(")
        name = re.sub(r"^(?:增长|达到|达|为)", "", name)
        if not (4 <= len(name) <= 20) or name[-1] not in _NAME_END or not re.search(r"[\u4e00-\u9fff]", name):
            continue
        if "进度" in name:
            continue  # 超序时进度9个百分点: how far a project runs ahead, not a statistic
        cand = Candidate(name=name, quote=clause.strip("，；、。").lstrip("—－"), line=para.line_at(start + clause_start))
        number = Decimal(f.group("num"))
        unit, more = split_unit(f.group("unit"))
        if unit == "年" and re.fullmatch(r"\d{4}", f.group("num")):
            continue  # a year
        if unit == "个百分点":
            cand.growth, cand.growth_unit = number, "points"
            if re.search(r"(?:下降|降低)$", clause[: f.start()]):
                cand.growth = -number
            if context.kind == "five-year-plan":
                cand.growth_basis = "average-annual" if "年均" in clause[: f.start()] else "cumulative"
        elif unit == "%" and re.search(r"(?:增长|比增|上涨|下降|降低)$", clause[: f.start()]):
            cand.growth = number
        else:
            cand.value, cand.unit = number, unit
        if more:
            cand.qualifiers.append("above")
        after = re.match(r"(?:及以上|以上|左右|以内|以下)", clause[f.end():])
        if after:
            cand.qualifiers.append(QUALIFIER_WORDS[after.group(0)])
            cand.quote = clause[: f.end() + after.end()].strip("，；、。").lstrip("—－")
        _place(cand, when, sentence, context)
        out.append(cand)
    if not catalogue.pattern.search(sentence):
        # Prose is full of counts (projects, events, investment totals); list
        # unknown names only from sentences that also state a catalogue
        # indicator (even a narrowed one): those are the sentences of figures.
        # A growth rate or a change in points is a statistic wherever it stands.
        return [c for c in out if c.growth is not None]
    return out


def _clauses(sentence: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in re.finditer(r"[，；。：、]", sentence):
        out.append((start, sentence[start:m.end()]))
        start = m.end()
    if start < len(sentence):
        out.append((start, sentence[start:]))
    return out


def _place(cand: Candidate, when, sentence: str, context: Context) -> None:
    if when is None:
        return
    (cand.year, cand.kind), top = when[:2], when[2]
    if cand.kind == "target" and context.kind == "annual-report" and ("预期" in sentence or "预期" in top):
        cand.nature = "expected"


# --- merging duplicates ---------------------------------------------------------------------


def _merge(found: list[Candidate], warnings: list) -> list[Candidate]:
    """One figure per indicator, year and kind: fill gaps from later mentions, report conflicts.

    Linear in the number of candidates: a 10 MB source holds ~300,000 of them,
    so duplicates are found through sets and dicts, never by scanning `out`.
    """
    out: list[Candidate] = []
    index: dict[tuple, int] = {}  # key -> position in `out` of the figure kept for it
    unmatched_seen: set[tuple] = set()
    for cand in found:
        if cand.indicator is None or cand.year is None:
            key = (cand.name, cand.quote, cand.year, cand.kind)
            if key not in unmatched_seen:  # the same unknown name, read twice from the same words
                if cand.indicator is None:
                    unmatched_seen.add(key)
                out.append(cand)
            continue
        at = index.get(cand.key())
        if at is None:
            index[cand.key()] = len(out)
            out.append(cand)
            continue
        first = out[at]
        conflicts = [
            f for f in ("value", "growth")
            if getattr(first, f) is not None and getattr(cand, f) is not None and getattr(first, f) != getattr(cand, f)
        ]
        if first.unit and cand.unit and first.unit != cand.unit and cand.value is not None:
            conflicts.append("unit")
        if conflicts:
            # A table is the document's own statement of its indicators; prefer it to prose.
            keep, drop = (cand, first) if cand.source == "table" and first.source == "text" else (first, cand)
            warnings.append((
                cand.line,
                f"{cand.indicator} {cand.year} {cand.kind}: line {drop.line} says {drop.describe()} "
                f"but line {keep.line} says {keep.describe()}; kept line {keep.line}",
            ))
            if keep is cand:
                out[at] = cand
        elif first.para is not None and first.para is cand.para and 0 <= cand.start - first.end <= 40:
            # One sentence states two sides of a figure ('年均增长6%左右，到2035年…达到1050亿元'):
            # one figure, quoting the words from the first to the last.
            for f in ("value", "unit", "growth", "text", "nature"):
                if getattr(first, f) is None:
                    setattr(first, f, getattr(cand, f))
            first.qualifiers = dedupe(first.qualifiers + cand.qualifiers)
            first.notes = dedupe(first.notes + cand.notes)
            first.end = cand.end
            first.quote = first.para.text[first.start:first.end]
        elif _richness(cand) > _richness(first):
            # Same figure, stated more fully (a table row after the text): keep
            # the fuller one whole, so that its quote still says what it holds.
            out[at] = cand
    return out


def _richness(cand: Candidate) -> int:
    return sum(getattr(cand, f) is not None for f in ("value", "growth", "text", "nature"))
