"""The view in the URL query string, so a view can be bookmarked and shared.

?partners=CHN,JPN&category=rail,metro&kind=project&from=2023-12-01&to=2024-08-31&q=hanoi&feature=hcmc-metro-line-1
&flow=finance&dated_from=2023-09-01&dated_to=2023-12-31 (a chart's selection: money of a kind, a brushed period)
Unknown or malformed values are dropped (and reported), never fatal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import geopandas as gpd

from layers.filters import FLOWS, UNSTATED, View, available_partners
from layers.partners import UnknownPartner, parse_partner

NONE = "none"


def _split(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    return [v.strip() for v in str(value or "").split(",") if v.strip()]


def view_from_query(params: Mapping, features: gpd.GeoDataFrame) -> tuple[View, str | None, list[str]]:
    """(view, selected feature id, problems) from query parameters."""
    problems: list[str] = []
    partners = None
    if "partners" in params:
        raw = _split(params["partners"])
        partners = []
        if raw != [NONE]:
            for value in raw:
                try:
                    partners.append(parse_partner(value, available_partners(features)))
                except UnknownPartner as exc:
                    problems.append(str(exc))
        partners = tuple(dict.fromkeys(partners))
    # Distinct values only when the link names some (pandas' unique(), not a Python set over 100,000 strings: 0.3 s a column)
    cats = set(features["category"].unique()) if params.get("category") else set()
    kinds = set(features["kind"].unique()) if params.get("kind") else set()
    categories = tuple(c for c in _split(params.get("category")) if c in cats or problems.append(f"unknown category {c!r}"))
    kind_list = tuple(k for k in _split(params.get("kind")) if k in kinds or problems.append(f"unknown kind {k!r}"))
    dates = {}
    flows = tuple(f for f in _split(params.get("flow")) if f in (*FLOWS, UNSTATED) or problems.append(f"unknown flow {f!r}"))
    for name in ("from", "to", "dated_from", "dated_to"):
        if params.get(name):
            try:
                dates[name] = dt.date.fromisoformat(str(params[name]))
            except ValueError:
                problems.append(f"{name}={params[name]!r} is not an ISO date")
    selected = str(params["feature"]) if params.get("feature") else None
    if selected is not None and not (features["id"] == selected).any():
        problems.append(f"unknown feature {selected!r}")
        selected = None
    view = View(
        partners=partners,
        categories=categories,
        kinds=kind_list,
        reported_from=dates.get("from"),
        reported_to=dates.get("to"),
        search=str(params.get("q", "")),
        flows=flows,
        dated_from=dates.get("dated_from"),
        dated_to=dates.get("dated_to"),
    )
    return view, selected, problems


def view_to_query(view: View, selected: str | None = None) -> dict[str, str]:
    """Query parameters for a view; a filter left open is left out."""
    out: dict[str, str] = {}
    if view.partners is not None:
        out["partners"] = ",".join(view.partners) or NONE
    if view.categories:
        out["category"] = ",".join(view.categories)
    if view.kinds:
        out["kind"] = ",".join(view.kinds)
    if view.reported_from:
        out["from"] = view.reported_from.isoformat()
    if view.reported_to:
        out["to"] = view.reported_to.isoformat()
    if view.flows:
        out["flow"] = ",".join(view.flows)
    for name in ("dated_from", "dated_to"):
        if getattr(view, name):
            out[name] = getattr(view, name).isoformat()
    if view.search:
        out["q"] = view.search
    if selected:
        out["feature"] = selected
    return out
