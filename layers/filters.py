"""The view's filters as plain functions: the dashboard and the CLI export call the same one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import numpy as np

from geo.gazetteer import fold
from layers.partners import parse_partner
from seeds.flows import FLOWS  # noqa: F401  (re-exported: the kinds of stated money the filters take, never added together)


@dataclass(frozen=True)
class View:
    """What the user has chosen to see. Empty tuples mean "no restriction"."""

    partners: tuple[str, ...] | None = None  # None: every layer; (): none at all
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    reported_from: dt.date | None = None  # article publication dates
    reported_to: dt.date | None = None
    search: str = ""
    flows: tuple[str, ...] = ()  # kinds of stated money (finance, investment, indicator; "unstated" for items without one)
    dated_from: dt.date | None = None  # the features' own dates (events, periods) overlapping this period
    dated_to: dt.date | None = None


def available_partners(features: gpd.GeoDataFrame) -> list[str]:
    """Layer keys present in the features, sorted."""
    return sorted({k for ks in features["layers"] for k in ks})


def layer_counts(features: gpd.GeoDataFrame) -> dict[str, int]:
    """How many features each partner layer holds (a feature counts in each of its partners' layers)."""
    counts: dict[str, int] = {}
    for keys in features["layers"]:
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def normalise_partners(values, features: gpd.GeoDataFrame) -> tuple[str, ...]:
    """ISO alpha-3 layer keys from codes or names; UnknownPartner lists the valid ones."""
    available = available_partners(features)
    return tuple(dict.fromkeys(parse_partner(v, available) for v in values))


def select(features: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """The features in view, in their original order.

    A feature is shown when any of its layers is ticked, its category and kind
    are chosen (or none are), one of its articles was published in the date
    range, it states money of one of the chosen kinds, its own dates overlap the
    dated period (an undated feature is left out then), and the search text is in its name, places or quotes (case and
    diacritics ignored).

    Examples
    --------
    >>> from layers.features import load_features
    >>> features = load_features()
    >>> len(select(features, View(partners=("USA",)))) < len(features)
    True
    """
    keep = features.index == features.index  # all True
    if view.partners is not None:
        exploded = features.reset_index(drop=True)["layers"].explode()  # one row per feature and partner layer
        hit = np.zeros(len(features), dtype=bool)
        hit[exploded.index[exploded.isin(view.partners).to_numpy()].to_numpy()] = True
        keep &= hit
    if view.categories:
        keep &= features["category"].isin(view.categories).to_numpy()
    if view.kinds:
        keep &= features["kind"].isin(view.kinds).to_numpy()
    if view.reported_from or view.reported_to:
        lo = (view.reported_from or dt.date.min).isoformat()
        hi = (view.reported_to or dt.date.max).isoformat()
        keep &= features["sources"].apply(lambda srcs: any(lo <= s["published"] <= hi for s in srcs)).to_numpy()
    if view.flows:
        keep &= features["funding"].apply(lambda items: any(flow_of(i) in view.flows for i in items)).to_numpy()
    if view.dated_from or view.dated_to:
        lo, hi = date_bounds(features)
        keep &= ((lo <= (view.dated_to or dt.date.max).isoformat()) & (hi >= (view.dated_from or dt.date.min).isoformat())).fillna(False).to_numpy(bool)
    if view.search.strip():
        needle = fold(view.search)
        keep &= features.apply(lambda row: needle in _haystack(row), axis=1).to_numpy()
    return features[keep]


UNSTATED = "unstated"  # a money item whose kind (flow) is not stated


def flow_of(item: dict) -> str:
    """The kind of a money item: finance, investment, indicator, or "unstated" (never guessed)."""
    return item.get("flow") or UNSTATED


def date_bounds(features: gpd.GeoDataFrame):
    """Each feature's first and last day as ISO strings at its precision ("2023-10" -> "2023-10-01", "2023-10-31"); NaN when undated.

    The last day of a month is written "-31" whatever the month: compared as strings it still falls
    after every day of that month and before the next one.
    """
    start = features["date_start"].astype("string")
    end = features["date_end"].astype("string").fillna(start)
    pad_lo = start.str.len().map({4: "-01-01", 7: "-01", 10: ""})
    pad_hi = end.str.len().map({4: "-12-31", 7: "-31", 10: ""})
    return start + pad_lo, end + pad_hi


def _haystack(row) -> str:
    parts = [row["name"], *row["places"], *(s["quote"] for s in row["sources"])]
    return fold(" ".join(parts))
