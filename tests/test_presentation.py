"""What readers see: popups, tooltips, reader, table, style and URL state; hostile text stays text."""

import datetime as dt

import pandas as pd
import pytest

from layers import compact, detail, query, style
from layers import map as fmap
from layers.filters import View

PAYLOAD = '<script>window.pwned=1</script><img src=x onerror="window.pwned=1">'


def hostile_row(features):
    row = features.iloc[0].copy()
    row["name"] = f"Metro {PAYLOAD}"
    row["sources"] = [dict(s, quote=f"{PAYLOAD} quoted", title=f"Title {PAYLOAD}") for s in row["sources"]]
    row["funding"] = [dict(f, instrument=PAYLOAD) for f in row["funding"]]
    row["partner_names"] = [PAYLOAD]
    return row


def test_popup_and_tooltip_escape_everything(features):
    row = hostile_row(features)
    for html in (detail.popup_html(row), detail.tooltip_html(row)):
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;" in html


@pytest.mark.parametrize("rich", [True, False])
def test_map_data_is_escaped(features, rich, monkeypatch):
    monkeypatch.setattr(compact, "RICH_LIMIT", 2000 if rich else 0)
    frame = features.head(3).copy()
    frame.at[frame.index[1], "name"] = f"Kunming {PAYLOAD}"
    payload = compact.payload(frame)
    text = compact._json(payload).decode()
    assert "<script" not in text and "<img" not in text  # "<" is escaped in the JSON too
    assert payload["name"][1] == f"Kunming {PAYLOAD}"  # the browser sets it with textContent
    if rich:
        assert all("<script" not in h and "<img" not in h for h in payload["popup"])
        assert "&lt;script&gt;" in payload["popup"][1]


def test_compact_map_data_ships_only_compact_fields(features, monkeypatch):
    monkeypatch.setattr(compact, "RICH_LIMIT", 0)
    payload = compact.payload(features)
    assert "popup" not in payload and "icons" not in payload
    assert len(payload["id"]) == len(payload["xy"]) == len(payload["layers"]) == len(features)


def test_popup_shows_the_sourced_details(features):
    row = features.set_index("id", drop=False).loc["hcmc-metro-line-1"]
    html = detail.popup_html(row)
    assert "42.3 billion JPY" in html and "298.4 million USD" in html and "ECB rate of 2023-12-15" in html
    assert "Japan" in html and "funding decided" in html and "precision 2" in html
    assert "It is understood that Kishida** has decided" in html


def test_money_formatting():
    assert detail.money(1_524_000_000, "USD") == "1.5 billion USD"
    assert detail.money(3_000, "USD") == "3,000 USD"
    assert detail.money(None, None) == "amount not stated"


def test_reader_highlights_and_escapes():
    text = "First <b>line</b>.\nThe quote is here. After."
    html = detail.reader_html(text, [(text.index("The quote"), text.index(" After"))])
    assert html.count("<p>") == 2 and '<mark id="q-0">The quote is here.</mark>' in html and "&lt;b&gt;" in html


def test_related_features_share_an_article(features):
    related = detail.related(features, "hcmc-metro-line-1")
    ids = {i for i, _ in related["000_7af896c34d36777b"]}
    assert "chinh-kishida-talks-2023-12-16" in ids and "hcmc-metro-line-1" not in ids


def test_table_is_one_row_per_feature(features):
    table = detail.table(features)
    assert isinstance(table, pd.DataFrame) and len(table) == len(features)
    assert table.set_index("id").loc["cn-vn-trade-2024", "funding (USD)"] == 112_200_000_000


def test_approximate_is_drawn_as_approximate():
    exact, approx = style.path_style("JPN", 1, "LineString"), style.path_style("JPN", 5, "LineString")
    assert exact["dashArray"] is None and approx["dashArray"] and approx["opacity"] < exact["opacity"]
    assert style.path_style("JPN", 2, "LineString")["dashArray"] is None  # a line through exact stations (the metro) is solid
    assert "stroke-dasharray" in style.marker_html("CHN", "rail", 2) and "stroke-dasharray" not in style.marker_html("CHN", "rail", 1)
    assert style.colour("JPN") != style.colour("CHN") and style.colour("FRA").startswith("#")


def test_query_round_trip(features):
    view = View(partners=("JPN", "USA"), categories=("metro",), kinds=("project",), reported_from=dt.date(2023, 12, 1), search="metro")
    params = query.view_to_query(view, "hcmc-metro-line-1")
    back, selected, problems = query.view_from_query(params, features)
    assert (back, selected, problems) == (view, "hcmc-metro-line-1", [])
    assert query.view_to_query(View()) == {}
    assert query.view_from_query({"partners": "none"}, features)[0].partners == ()


@pytest.mark.parametrize(
    "params, problem",
    [
        ({"partners": "Narnia"}, "unknown partner"),
        ({"category": "spaceport"}, "unknown category"),
        ({"to": "soon"}, "not an ISO date"),
        ({"feature": "nope"}, "unknown feature"),
    ],
)
def test_bad_query_values_are_reported_not_fatal(features, params, problem):
    _, _, problems = query.view_from_query(params, features)
    assert any(problem in p for p in problems)


def test_map_page_needs_no_cdn(features, tmp_path):
    html = fmap.page_html()
    for cdn in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "netdna.bootstrapcdn.com"):
        assert cdn not in html
    assert '<script src="/app/static/vendor/leaflet/leaflet.js"></script>' in html and "window.map_vnmap" not in html and "var map_vnmap" in html
    published = compact.publish(features, folder=tmp_path)
    data = (tmp_path / f"{published.digest}.json").read_text()
    for feature_id in features["id"]:
        assert f'"{feature_id}"' in data  # every feature travels in the data file, once
