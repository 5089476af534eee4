"""Test data for the analysis views: the seed features, with the money kind (`flow`) of some features removed.

The catalog states a kind for every money item; the charts must also count items whose kind is not
stated (from a prebuilt corpus or an older file) apart, so tests can take the kind away from named features.
"""

from __future__ import annotations

import copy

import geopandas as gpd


def with_flows(features: gpd.GeoDataFrame, unstated: tuple[str, ...] = ()) -> gpd.GeoDataFrame:
    """A copy of the features whose money items keep their catalog `flow`, except in the features named in `unstated`."""
    out = features.copy()
    out["funding"] = [
        [{k: v for k, v in item.items() if k != "flow"} if fid in unstated else item for item in copy.deepcopy(items)]
        for fid, items in zip(out["id"], out["funding"], strict=True)
    ]
    assert all(item.get("flow") for fid, items in zip(out["id"], out["funding"], strict=True) if fid not in unstated for item in items)
    return out
