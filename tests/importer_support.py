"""Helpers shared by the importer tests."""


def brief(cand):
    """The parts of a candidate a test cares about, as plain data."""
    out = {"indicator": cand.indicator, "year": cand.year, "kind": cand.kind}
    for key in ("value", "unit", "growth", "text", "nature"):
        if getattr(cand, key) is not None:
            out[key] = getattr(cand, key)
    if cand.qualifiers:
        out["qualifiers"] = cand.qualifiers
    out["quote"] = cand.quote
    return out
