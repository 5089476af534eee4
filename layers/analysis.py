"""Aggregations behind the charts and summary figures: features in, small DataFrames out.

The charts receive these aggregated rows, never the features, so they stay small at 100k
features. Money of different kinds (`flow`: development finance, investment, trade
indicators) is never added together; items whose kind is not stated are counted apart.
A feature with several partners counts in each partner's bar (as it is in each partner's
map layer), but only once in a total.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd

from layers import detail, filters
from layers.filters import FLOWS, UNSTATED, View, flow_of
from layers.partners import layer_name

FLOW_LABELS = {
    "finance": "development finance (loans, grants, ODA)",
    "investment": "investment (FDI, capital pledges)",
    "indicator": "trade indicators (turnover, shares)",
    UNSTATED: "kind not stated",
}
FLOW_NAMES = {"finance": "development finance", "investment": "investment", "indicator": "trade indicators", UNSTATED: "money, kind not stated"}
CHART_FLOWS = (*FLOWS, UNSTATED)
TOOLTIP_FEATURES = 3  # features named, with a quote, in a bar's tooltip
QUOTE_CHARS = 160
TIMELINE_MARKS = 2_000  # above this many dated features the timeline shows counts per partner and month

ITEM_COLUMNS = ["pos", "item", "first", "id", "name", "partner", "category", "flow", "amount", "currency", "amount_usd", "quote"]


def money_items(features: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per money item and partner layer; `pos` is the feature's row position, `item` its number in the feature.

    Made once for all features: a view takes its rows with `rows_of`.

    Examples
    --------
    >>> from layers.features import load_features
    >>> items = money_items(load_features())
    >>> items.loc[items["id"] == "hcmc-metro-line-1", ["partner", "currency", "amount"]].values.tolist()
    [['JPN', 'JPY', 42300000000.0]]
    """
    rows = []
    columns = zip(*(features[c].tolist() for c in ("id", "name", "category", "layers", "funding")), strict=True)  # lists: fast to iterate
    for pos, (fid, name, category, layers, funding) in enumerate(columns):
        for k, item in enumerate(funding):
            usd = item.get("amount_usd")
            for j, partner in enumerate(layers):  # `first`: the item's row to count once in totals
                rows.append(
                    (pos, k, j == 0, fid, name, partner, category, flow_of(item), item.get("amount"), item.get("currency"), usd, item.get("quote") or "")
                )
    items = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    items["amount_usd"] = pd.to_numeric(items["amount_usd"], errors="coerce").astype(float)
    items["amount"] = pd.to_numeric(items["amount"], errors="coerce").astype(float)
    return items


def rows_of(table: pd.DataFrame, features: gpd.GeoDataFrame, view_features: gpd.GeoDataFrame) -> pd.DataFrame:
    """The rows of a table made by `money_items` or `timeline_rows` (column `pos`) that belong to the features of a view."""
    keep = np.zeros(len(features), dtype=bool)
    keep[features.index.get_indexer(view_features.index)] = True
    return table[keep[table["pos"].to_numpy()]] if len(table) else table


def _status(items: pd.DataFrame) -> np.ndarray:
    """Per item: "usd" (has a USD value), "no_usd" (an amount the ECB cannot convert) or "no_amount" (none stated)."""
    has_amount = items["amount"].notna().to_numpy()
    return np.where(items["amount_usd"].notna().to_numpy(), "usd", np.where(has_amount, "no_usd", "no_amount"))


def _tooltips(items: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group: the first features' names with a quote each, and how many more."""
    per_feature = items.drop_duplicates([*keys, "pos"])
    counts = per_feature.groupby(keys, sort=False).size().rename("features")
    first = per_feature.groupby(keys, sort=False).head(TOOLTIP_FEATURES).copy()
    first["line"] = [f"{name}: “{detail.excerpt(quote, QUOTE_CHARS)}”" for name, quote in zip(first["name"], first["quote"], strict=True)]
    first["n"] = first.groupby(keys, sort=False).cumcount() + 1
    wide = first.pivot_table(index=keys, columns="n", values="line", aggfunc="first").rename(columns=lambda n: f"feature_{n}")
    for n in range(1, TOOLTIP_FEATURES + 1):
        if f"feature_{n}" not in wide:
            wide[f"feature_{n}"] = None
    out = wide.astype(object).where(wide.notna(), "").join(counts, how="outer")
    out["more"] = [f"and {c - TOOLTIP_FEATURES:,} more" if c > TOOLTIP_FEATURES else "" for c in out["features"]]
    return out


def funding_by_partner(items: pd.DataFrame, flow: str) -> pd.DataFrame:
    """Stated money of one kind, by partner and category: the chart's rows.

    Columns: partner, partner_name, category, flow, usd (sum of the items with a USD value),
    with_usd, no_usd (an amount in a currency the ECB does not publish), no_amount (support
    with no amount stated), features, feature_1..3 (name and quote), more.

    Examples
    --------
    >>> from layers.features import load_features
    >>> rows = funding_by_partner(money_items(load_features()), "finance")
    >>> rows.loc[rows["category"] == "metro", ["partner", "usd", "with_usd"]].values.tolist()
    [['JPN', 298431066.71, 1]]
    """
    chosen = items[items["flow"] == flow].copy()
    columns = ["partner", "partner_name", "category", "flow", "usd", "with_usd", "no_usd", "no_amount", "features"]
    if chosen.empty:
        return pd.DataFrame(columns=columns + [f"feature_{n}" for n in range(1, TOOLTIP_FEATURES + 1)] + ["more"])
    status = _status(chosen)
    for name in ("usd", "no_usd", "no_amount"):
        chosen[f"is_{name}"] = status == name
    keys = ["partner", "category"]
    sums = chosen.groupby(keys, sort=True).agg(
        usd=("amount_usd", "sum"), with_usd=("is_usd", "sum"), no_usd=("is_no_usd", "sum"), no_amount=("is_no_amount", "sum")
    )
    out = sums.join(_tooltips(chosen, keys)).reset_index()
    out.insert(1, "partner_name", out["partner"].map(layer_name))
    out.insert(3, "flow", flow)
    out["usd"] = out["usd"].round(2)
    return out[columns + [c for c in out.columns if c not in columns]]


@dataclasses.dataclass(frozen=True)
class Summary:
    """The summary figures (below the map) for a view and one kind of money."""

    features: int
    partners: int
    articles: int
    flow: str
    usd: float  # the sum of this kind's amounts that have a USD value, each item once
    with_usd: int
    no_usd: int  # amounts in a currency the ECB does not publish (VND, LAK, KHR...)
    no_amount: int  # support stated with no amount


def distinct_values(features: gpd.GeoDataFrame, column: str) -> pd.DataFrame:
    """(pos, code) for each value of a list column ("partners", "articles"), made once: a view counts distinct values by position."""
    exploded = features[column].reset_index(drop=True).explode().dropna()
    return pd.DataFrame({"pos": exploded.index.to_numpy(), "code": pd.factorize(exploded)[0]})


def summary(view_features: gpd.GeoDataFrame, view_items: pd.DataFrame, flow: str, distinct: dict | None = None) -> Summary:
    """Counts of the view and its stated money of one kind; an item shared by two partners counts once.

    `distinct` maps "partners" and "articles" to `distinct_values` tables of the features the view
    was taken from, as `rows_of(...)` (faster at scale); without it the lists are exploded here.

    Examples
    --------
    >>> from layers.features import load_features
    >>> feats = load_features()
    >>> s = summary(feats, money_items(feats), "finance")  # the catalog: 31 entries, 5 partners; 5 finance items, 1 with an amount (JPY)
    >>> s.features, s.partners, s.with_usd, s.no_amount
    (31, 5, 1, 4)
    """
    once = view_items[(view_items["flow"] == flow).to_numpy() & view_items["first"].to_numpy(bool)]
    status = _status(once)

    def count(column: str) -> int:
        if distinct is not None:
            return int(distinct[column]["code"].nunique())
        return int(view_features[column].explode().nunique())

    return Summary(
        features=len(view_features),
        partners=count("partners"),  # the "no partner" layer is not a partner
        articles=count("articles"),
        flow=flow,
        usd=round(float(once["amount_usd"].sum()), 2),
        with_usd=int((status == "usd").sum()),
        no_usd=int((status == "no_usd").sum()),
        no_amount=int((status == "no_amount").sum()),
    )


def flows_present(view_items: pd.DataFrame) -> dict[str, int]:
    """How many money items of each kind are in the view (an item shared by partners counts once)."""
    counts = view_items.loc[view_items["first"].to_numpy(bool), "flow"].value_counts()
    return {flow: int(counts.get(flow, 0)) for flow in CHART_FLOWS}


def _exclusive_end(last: pd.Series) -> pd.Series:
    """The day after the last day of an ISO date at its precision: "2023-09-12" -> 09-13, "2023-09" -> 10-01, "2023" -> 2024-01-01."""
    out = pd.Series(pd.NaT, index=last.index, dtype="datetime64[ns]")
    size = last.str.len()
    for length, pad, step in ((10, "", pd.DateOffset(days=1)), (7, "-01", pd.DateOffset(months=1)), (4, "-01-01", pd.DateOffset(years=1))):
        mask = (size == length).fillna(False).to_numpy(bool)
        if mask.any():
            out[mask] = pd.to_datetime(last[mask] + pad, format="%Y-%m-%d") + step
    return out


TIMELINE_COLUMNS = ["pos", "id", "name", "partner", "partner_name", "kind", "category", "start", "end", "precision", "date_text", "quote"]


def timeline_rows(features: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per dated feature and partner layer: its span [start, end) at the precision stated.

    A day is one day long, a month-precision date the whole month, a year the whole year; a range
    runs from the first day of its start to the end of its last unit. Made once for all features.

    Examples
    --------
    >>> from layers.features import load_features
    >>> rows = timeline_rows(load_features()).set_index("id")
    >>> str(rows.loc["biden-visit-hanoi-2023", "start"].date()), str(rows.loc["biden-visit-hanoi-2023", "end"].date())
    ('2023-09-01', '2023-10-01')
    """
    lo, _ = filters.date_bounds(features)
    dated = lo.notna().to_numpy(bool)
    last = features["date_end"].astype("string").fillna(features["date_start"].astype("string"))
    frame = pd.DataFrame(
        {
            "pos": np.arange(len(features))[dated],
            "id": features["id"].to_numpy()[dated],
            "name": features["name"].to_numpy()[dated],
            "layers": features["layers"].to_numpy()[dated],
            "kind": features["kind"].to_numpy()[dated],
            "category": features["category"].to_numpy()[dated],
            "start": pd.to_datetime(lo[dated].to_numpy(), format="%Y-%m-%d"),
            "end": _exclusive_end(last[dated].reset_index(drop=True)).to_numpy(),
            "precision": features["date_precision"].to_numpy()[dated],
            "date_text": features["date_text"].to_numpy()[dated],
            "quote": [detail.excerpt(s[0]["quote"], QUOTE_CHARS) if s else "" for s in features["sources"].to_numpy()[dated]],
        }
    )
    frame = frame.explode("layers").rename(columns={"layers": "partner"}).reset_index(drop=True)
    frame["partner_name"] = frame["partner"].map({p: layer_name(p) for p in frame["partner"].unique()})  # a lookup per partner, not per row
    return frame[TIMELINE_COLUMNS]


def timeline_by_month(rows: pd.DataFrame) -> pd.DataFrame:
    """Dated features counted per partner and span: the timeline's rows at scale.

    Features dated to the day are counted in the month they fall in; coarser spans (a month, a
    year, a range) keep their own span, so a year is never drawn as one of its months.
    """
    day = (rows["end"] - rows["start"]) <= pd.Timedelta(days=31)
    month = rows["start"].dt.to_period("M").dt.start_time
    binned = rows.assign(start=rows["start"].where(~day, month), end=rows["end"].where(~day, month + pd.DateOffset(months=1)))
    grouped = binned.groupby(["partner", "partner_name", "start", "end"], sort=True)
    return grouped.agg(features=("id", "size"), first=("name", "first")).reset_index()


def narrow(view: View, bar: dict | None = None, period: tuple[dt.date | None, dt.date | None] | None = None) -> View:
    """The view a chart selection asks for: a bar (partner, category, flow) and a brushed period.

    A bar becomes the partner, category and money-kind filters; a period the dated filter (the
    same filters `python -m layers export` takes). A bar that no longer fits the view (its partner
    or category unticked since) is ignored.

    Examples
    --------
    >>> narrow(View(), {"partner": "JPN", "category": "metro", "flow": "finance"}).partners
    ('JPN',)
    >>> narrow(View(partners=("CHN",)), {"partner": "JPN", "category": "metro", "flow": "finance"}) == View(partners=("CHN",))
    True
    """
    if bar:
        partner_ok = view.partners is None or bar["partner"] in view.partners
        category_ok = not view.categories or bar["category"] in view.categories
        if partner_ok and category_ok:
            view = dataclasses.replace(view, partners=(bar["partner"],), categories=(bar["category"],), flows=(bar["flow"],))
    if period:
        view = dataclasses.replace(view, dated_from=period[0], dated_to=period[1])
    return view
