"""layers/analysis.py and the filters behind the charts: one kind of money at a time, spans at their precision."""

from __future__ import annotations

import datetime as dt
import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from layers import analysis, filters, query
from layers.cli import main as cli
from layers.filters import View
from layers.partners import NO_PARTNER
from tests.flows_support import with_flows


def money(amount, currency, usd, flow=None, quote="q"):
    item = {"amount": amount, "currency": currency, "amount_usd": usd, "instrument": "x", "text": "t", "article": "a1", "quote": quote}
    return item if flow is None else {**item, "flow": flow}


def frame(*rows) -> gpd.GeoDataFrame:
    """Small features frames: (id, category, layers, funding, date_start, date_end, precision)."""
    records = []
    for fid, category, layers, funding, start, end, precision in rows:
        records.append(
            {
                "id": fid,
                "name": f"Name of {fid}",
                "kind": "project",
                "category": category,
                "layers": layers,
                "partners": [code for code in layers if code != NO_PARTNER],  # as layers.features builds them
                "funding": funding,
                "date_start": start,
                "date_end": end,
                "date_precision": precision,
                "date_text": "text",
                "sources": [{"article": "a1", "quote": f"Quote of {fid}", "published": "2024-01-01"}],
                "articles": ["a1"],
                "geometry": Point(105, 21),
            }
        )
    return gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")


@pytest.fixture()
def mixed():
    return frame(
        ("loan", "rail", ["CHN"], [money(100.0, "USD", 100.0, "finance")], "2023-09", None, "month"),
        ("fdi", "investment", ["CHN"], [money(1000.0, "USD", 1000.0, "investment")], "2024-01", "2024-07", "month"),
        ("trade", "trade", ["CHN"], [money(5000.0, "USD", 5000.0, "indicator")], "2024", None, "year"),
        ("grant", "rail", ["CHN"], [money(None, None, None, "finance")], "2023-12-12", "2023-12-13", "day"),
        ("dong", "energy", ["JPN", "USA"], [money(2.5e12, "VND", None, "finance"), money(30.0, "USD", 30.0, "finance")], None, None, None),
        ("old", "port", ["JPN"], [money(7.0, "USD", 7.0)], "2008", None, "year"),  # no flow stated
    )


def test_one_kind_at_a_time_and_never_summed_together(mixed):
    items = analysis.money_items(mixed)
    finance = analysis.funding_by_partner(items, "finance").set_index(["partner", "category"])
    assert finance.loc[("CHN", "rail"), "usd"] == 100.0  # the grant has no amount; the FDI and the trade are other kinds
    assert finance.loc[("CHN", "rail"), ["with_usd", "no_amount", "no_usd", "features"]].tolist() == [1, 1, 0, 2]
    assert ("CHN", "investment") not in finance.index and ("CHN", "trade") not in finance.index
    investment = analysis.funding_by_partner(items, "investment")
    assert investment[["partner", "category", "usd"]].values.tolist() == [["CHN", "investment", 1000.0]]
    assert analysis.funding_by_partner(items, "indicator")["usd"].tolist() == [5000.0]


def test_items_without_a_kind_are_counted_apart_not_dropped(mixed):
    items = analysis.money_items(mixed)
    assert analysis.flows_present(items) == {"finance": 4, "investment": 1, "indicator": 1, "unstated": 1}
    unstated = analysis.funding_by_partner(items, "unstated")
    assert unstated[["partner", "category", "usd"]].values.tolist() == [["JPN", "port", 7.0]]
    assert 7.0 not in analysis.funding_by_partner(items, "finance")["usd"].tolist()


def test_amounts_without_usd_are_counted_and_a_shared_feature_counts_once_in_the_total(mixed):
    items = analysis.money_items(mixed)
    rows = analysis.funding_by_partner(items, "finance").set_index(["partner", "category"])
    for partner in ("JPN", "USA"):  # the feature is in both partners' bars, as on the map
        assert rows.loc[(partner, "energy"), ["usd", "with_usd", "no_usd"]].tolist() == [30.0, 1, 1]
    s = analysis.summary(mixed, items, "finance")
    assert (s.features, s.partners, s.articles) == (6, 3, 1)
    assert (s.usd, s.with_usd, s.no_usd, s.no_amount) == (130.0, 2, 1, 1)  # 30 once, not twice
    # A feature with no foreign partner is on the map's "no foreign partner" layer; that layer is not a partner.
    with_port = pd.concat([mixed, frame(("depot", "port", [NO_PARTNER], [], None, None, None))])
    assert (analysis.summary(with_port, items, "finance").features, analysis.summary(with_port, items, "finance").partners) == (7, 3)
    # The fast path (distinct values made once, taken by position) counts the same, on a part of the view too.
    distinct = {c: analysis.distinct_values(mixed, c) for c in ("partners", "articles")}
    part = mixed[mixed["id"].isin(["dong", "old"])]
    fast = analysis.summary(part, analysis.rows_of(items, mixed, part), "finance", {c: analysis.rows_of(t, mixed, part) for c, t in distinct.items()})
    assert fast == analysis.summary(part, analysis.rows_of(items, mixed, part), "finance") and (fast.features, fast.partners) == (2, 2)


def test_a_bars_tooltip_names_its_features_with_their_quotes():
    many = frame(*[(f"f{i}", "rail", ["CHN"], [money(1.0, "USD", 1.0, "finance", quote=f"Quote <b>{i}</b>")], None, None, None) for i in range(5)])
    row = analysis.funding_by_partner(analysis.money_items(many), "finance").iloc[0]
    assert row["feature_1"] == "Name of f0: “Quote <b>0</b>”"  # Vega's tooltip escapes; the text stays as written
    assert row["feature_3"].startswith("Name of f2") and row["more"] == "and 2 more" and row["features"] == 5


def test_timeline_spans_follow_the_stated_precision(mixed):
    rows = analysis.timeline_rows(mixed)
    spans = {(r.id, r.partner): (str(r.start.date()), str(r.end.date()), r.precision) for r in rows.itertuples()}
    assert spans == {
        ("loan", "CHN"): ("2023-09-01", "2023-10-01", "month"),  # a month is the whole month, not its first day
        ("fdi", "CHN"): ("2024-01-01", "2024-08-01", "month"),
        ("trade", "CHN"): ("2024-01-01", "2025-01-01", "year"),
        ("grant", "CHN"): ("2023-12-12", "2023-12-14", "day"),
        ("old", "JPN"): ("2008-01-01", "2009-01-01", "year"),
    }  # "dong" is undated: not on the time axis


def test_timeline_at_scale_counts_days_per_month_and_keeps_longer_spans():
    days = [(f"d{i}", "rail", ["CHN"], [], f"2023-12-{i + 1:02d}", None, "day") for i in range(20)]
    year = [("y", "rail", ["CHN"], [], "2023", None, "year")]
    out = analysis.timeline_by_month(analysis.timeline_rows(frame(*days, *year)))
    got = {(str(r.start.date()), str(r.end.date())): r.features for r in out.itertuples()}
    assert got == {("2023-12-01", "2024-01-01"): 20, ("2023-01-01", "2024-01-01"): 1}


def test_the_dated_filter_keeps_overlapping_spans_and_drops_undated(mixed):
    def ids(lo, hi):
        return list(filters.select(mixed, View(dated_from=lo, dated_to=hi))["id"])

    assert ids(dt.date(2023, 9, 30), dt.date(2023, 9, 30)) == ["loan"]  # the last day of a month-precision date
    assert ids(dt.date(2023, 10, 1), dt.date(2023, 12, 11)) == []
    assert ids(dt.date(2024, 7, 31), None) == ["fdi", "trade"]
    assert ids(None, dt.date(2008, 6, 1)) == ["old"]


def test_the_flow_filter(mixed):
    assert list(filters.select(mixed, View(flows=("finance",)))["id"]) == ["loan", "grant", "dong"]
    assert list(filters.select(mixed, View(flows=("unstated",)))["id"]) == ["old"]


def test_a_selection_narrows_the_view_with_the_exports_filters():
    bar = {"partner": "JPN", "category": "energy", "flow": "finance"}
    period = (dt.date(2023, 9, 1), dt.date(2023, 12, 31))
    narrowed = analysis.narrow(View(categories=("energy", "rail")), bar, period)
    assert narrowed == View(partners=("JPN",), categories=("energy",), flows=("finance",), dated_from=period[0], dated_to=period[1])
    assert analysis.narrow(View(partners=("CHN",)), bar) == View(partners=("CHN",))  # a stale bar: Japan was unticked since
    assert analysis.narrow(View(categories=("rail",)), bar) == View(categories=("rail",))


def test_the_url_keeps_the_chart_filters(features):
    view = View(partners=("JPN",), flows=("finance",), dated_from=dt.date(2023, 9, 1), dated_to=dt.date(2023, 12, 31))
    params = query.view_to_query(view)
    assert params == {"partners": "JPN", "flow": "finance", "dated_from": "2023-09-01", "dated_to": "2023-12-31"}
    assert query.view_from_query(params, features) == (view, None, [])
    _, _, problems = query.view_from_query({"flow": "loans", "dated_to": "soon"}, features)
    assert problems == ["unknown flow 'loans'", "dated_to='soon' is not an ISO date"]


def test_the_cli_exports_what_a_selection_shows(tmp_path, features, monkeypatch):
    monkeypatch.setattr("layers.cli.load_features", lambda *a, **k: with_flows(features))
    out = tmp_path / "sel.geojson"
    args = ["export", "--out", str(out), "--partner", "JPN", "--category", "energy", "--flow", "finance"]
    assert cli([*args, "--dated-from", "2024-01-01"]) == 0
    assert json.loads(out.read_text())["features"] == []  # both Japanese energy projects are of 16 December 2023 ("the 16th", article of 2023-12-19)
    assert cli(args) == 0
    view = analysis.narrow(View(), {"partner": "JPN", "category": "energy", "flow": "finance"})
    expected = list(filters.select(with_flows(features), view)["id"])
    assert [f["id"] for f in json.loads(out.read_text())["features"]] == expected == ["block-b-o-mon-gas", "southern-vietnam-power-plant"]


def test_aggregated_rows_stay_small_at_scale():
    from bench import synthetic

    big = synthetic.features(20_000)
    items = analysis.money_items(big)
    rows = analysis.funding_by_partner(items, "finance")  # the synthetic corpus's money is development finance
    assert len(items) > 10_000 and len(rows) <= len(synthetic.PARTNERS) * 10  # one row per partner and category
    assert rows["features"].sum() >= items.drop_duplicates(["pos", "partner"]).shape[0] * 0.99
    timeline = analysis.timeline_rows(big)
    if len(timeline) > analysis.TIMELINE_MARKS:
        assert len(analysis.timeline_by_month(timeline)) < analysis.TIMELINE_MARKS
    assert isinstance(rows, pd.DataFrame)
