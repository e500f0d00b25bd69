"""Export stage (citations): a document as BibTeX and CSL-JSON, one language at a time.

Input: a validated `Document`, the language, its wording and its published
address. Output: the text of `citation.bib` and `citation.json`, published
beside the document's data.csv. Pure: no I/O. An issuer the source does not
print is left out (never guessed); the address of the original publication
is given only where the content records it.
"""

from __future__ import annotations

import json
import re

from generator import model as m

_BIBTEX_SPECIAL = re.compile(r"[&%$#_{}~^\\]")
_BIBTEX_ESCAPES = {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def _bib(value: str) -> str:
    """A BibTeX field value, braced: TeX's special characters escaped, capitals kept as written."""
    text = " ".join(value.split())
    return "{" + _BIBTEX_SPECIAL.sub(lambda x: _BIBTEX_ESCAPES.get(x[0], "\\" + x[0]), text) + "}"


def _fields(doc: m.Document, lang: str, t: dict, url: str) -> dict[str, str]:
    fields = {"title": doc.title.get(lang)}
    if doc.issuer:
        fields["author"] = doc.issuer.get(lang)
    if doc.date:
        fields["date"] = doc.date.isoformat()
    else:
        fields["year"] = str(doc.review_period.end)
    fields["type"] = t["kind"][doc.kind.value]
    fields["url"] = url
    if doc.source.url:
        fields["note"] = doc.source.url
    if lang != "zh":
        fields["origtitle"] = doc.title.zh
    fields["language"] = lang
    fields["publisher"] = t["site_name"]
    return fields


def bibtex(doc: m.Document, lang: str, t: dict, url: str) -> str:
    """One @report entry keyed by the document id (biblatex field names: date, origtitle, url)."""
    fields = _fields(doc, lang, t, url)
    if "note" in fields:
        fields["note"] = "Original: " + fields["note"]
    lines = [f"@report{{{doc.id},"]
    # the author is an organisation: braced twice so BibTeX never splits it into first and last names
    lines += [f"  {key} = {{{_bib(value)}}}," if key == "author" else f"  {key} = {_bib(value)},"
              for key, value in fields.items()]
    lines.append("}")
    return "\n".join(lines) + "\n"


def csl_json(doc: m.Document, lang: str, t: dict, url: str) -> str:
    """A one-item CSL-JSON list (type report), as Zotero and citeproc read it."""
    fields = _fields(doc, lang, t, url)
    item: dict = {"id": doc.id, "type": "report", "title": fields["title"], "genre": fields["type"],
                  "publisher": fields["publisher"], "URL": url, "language": lang}
    if "author" in fields:
        item["author"] = [{"literal": fields["author"]}]
    if doc.date:
        item["issued"] = {"date-parts": [[doc.date.year, doc.date.month, doc.date.day]]}
    else:
        item["issued"] = {"date-parts": [[doc.review_period.end]]}
    if "origtitle" in fields:
        item["original-title"] = fields["origtitle"]
    if doc.source.url:
        item["archive_location"] = doc.source.url
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
