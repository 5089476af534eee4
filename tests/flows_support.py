"""Test data for the analysis views: the seed features with a money kind (`flow`) set on each item.

Until the money-by-kind work lands, the seed catalog's money items carry no `flow`; these tests
set one by instrument so that the charts' one-kind-at-a-time behaviour can be checked. The
assignment is test data, not a classification the product makes.
"""

from __future__ import annotations

import copy

import geopandas as gpd

FLOW_BY_INSTRUMENT = {
    "development assistance (ODA)": "finance",
    "grant (amount not stated)": "finance",
    "energy support (amount not stated)": "finance",
    "foreign direct investment (FDI)": "investment",
    "trade turnover (imports and exports)": "indicator",
}


def with_flows(features: gpd.GeoDataFrame, unstated: tuple[str, ...] = ()) -> gpd.GeoDataFrame:
    """A copy whose money items have `flow` set from their instrument, except the features named in `unstated`."""
    out = features.copy()
    out["funding"] = [
        [item if fid in unstated else {**item, "flow": FLOW_BY_INSTRUMENT[item["instrument"]]} for item in copy.deepcopy(items)]
        for fid, items in zip(out["id"], out["funding"], strict=True)
    ]
    return out
