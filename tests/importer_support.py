"""Helpers shared by the importer tests."""

from pathlib import Path

import yaml

from generator.importer.candidates import Catalogue, Context

ROOT = Path(__file__).resolve().parents[1]
REPORT = Context(kind="annual-report", review=(2026, 2026), plan=(2027, 2027))
PLAN = Context(kind="five-year-plan", review=(2026, 2030), plan=(2031, 2035))


# The importer tests read a frozen catalogue: which names an import knows (and which it proposes
# as new) must not change each time content/indicators.yaml grows.
CATALOGUE = ROOT / "tests" / "fixtures" / "import" / "indicators.yaml"


def catalogue_data() -> dict:
    """The importer tests' indicator catalogue, as loaded from YAML."""
    with open(CATALOGUE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_catalogue() -> Catalogue:
    """The importer tests' indicator catalogue, as the figure finder reads it."""
    return Catalogue.from_data(catalogue_data())


def brief(cand):
    """The parts of a candidate a test cares about, as plain data."""
    out = {"indicator": cand.indicator, "year": cand.year, "kind": cand.kind}
    for key in ("value", "unit", "growth", "text", "nature"):
        if getattr(cand, key) is not None:
            out[key] = getattr(cand, key)
    if cand.growth_basis is not None:
        out["growth_basis"] = cand.growth_basis
    if cand.growth_unit != "percent":
        out["growth_unit"] = cand.growth_unit
    if cand.period is not None:
        out["period"] = cand.period
    if cand.qualifiers:
        out["qualifiers"] = cand.qualifiers
    out["quote"] = cand.quote
    if cand.column is not None:
        out["column"] = cand.column
    return out
