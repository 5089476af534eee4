"""What readers see: popups, tooltips, reader, table, style and URL state; hostile text stays text."""

import datetime as dt
import gzip
import json
import os
import re

import pandas as pd
import pytest

import seeds
from layers import compact, detail, mapview, query, style
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
    assert "<i>Development finance:</i> ¥42.3 bn ≈ US$298 M at the ECB rate of 15 Dec 2023" in html
    assert "Japan" in html and "funding decided" in html and "precision 2" in html
    # the note (the caveat on the 42.3 bn) is in the popup, not only in the properties table
    assert "class='vnmap-note'" in html and "the Metro Line 1 loan is about 41.2 billion yen" in html
    # the quote without the article's stray markup; the stored quote keeps it, with exact offsets
    assert "It is understood that Kishida has decided to establish 42.3 billion yen for development to assist" in html and "**" not in html
    assert "Kishida** has decided" in row["sources"][1]["quote"]


def test_popup_labels_each_kind_and_never_sums_them(features):
    by_id = features.set_index("id", drop=False)
    trade, fdi = detail.popup_html(by_id.loc["cn-vn-trade-2024"]), detail.popup_html(by_id.loc["cn-fdi-vietnam-2024"])
    assert "<i>Economic indicator:</i> US$112.2 bn — trade turnover (imports and exports), Jan–Jul 2024" in trade
    assert "<i>Investment:</i> US$1.524 bn — foreign direct investment (FDI), Jan–Jul 2024" in fdi
    assert "Funding:" not in trade + fdi and "Development finance" not in trade + fdi


def test_sources_are_named_by_outlet_and_headline_or_a_clear_fallback(features):
    by_id = features.set_index("id", drop=False)
    untitled = detail.popup_html(by_id.loc["hcmc-metro-line-1"])
    assert "Article of 19 Dec 2023 (date inferred), outlet not stated" in untitled and "Untitled" not in untitled
    jbpress = next(s for s in by_id.loc["kunming-haiphong-railway", "sources"] if s["article"].startswith("002"))
    label = detail.source_label(jbpress)
    assert label.startswith("JBpress: “Xi Jinping visits Vietnam for the first time in six years") and label.endswith("shared destiny”?”, 16 Dec 2023")


def test_reader_drops_markup_but_keeps_offsets(features):
    src = features.set_index("id").loc["hcmc-metro-line-1", "sources"][1]
    text = seeds.load_articles()[src["article"]].text
    assert text[src["start"] : src["end"]] == src["quote"] and "**" in src["quote"]
    html = detail.reader_html(text, [(src["start"], src["end"])])
    assert "**" not in html and '<mark id="q-0">It is understood that Kishida has decided' in html


def test_reader_highlights_and_escapes():
    text = "First <b>line</b>.\nThe quote is here. After."
    html = detail.reader_html(text, [(text.index("The quote"), text.index(" After"))])
    assert html.count("<p>") == 2 and '<mark id="q-0">The quote is here.</mark>' in html and "&lt;b&gt;" in html


def test_related_features_share_an_article(features):
    related = detail.related(features, "hcmc-metro-line-1")
    ids = {i for i, _ in related["000_7af896c34d36777b"]}
    assert "chinh-kishida-talks-2023-12-16" in ids and "hcmc-metro-line-1" not in ids


def test_table_is_one_row_per_feature_with_one_usd_column_per_kind(features):
    table = detail.table(features)
    assert isinstance(table, pd.DataFrame) and len(table) == len(features)
    assert "funding (USD)" not in table.columns
    rows = table.set_index("id")
    assert rows.loc["cn-vn-trade-2024", "economic indicator (USD)"] == 112_200_000_000
    assert pd.isna(rows.loc["cn-vn-trade-2024", "development finance (USD)"]) and pd.isna(rows.loc["cn-vn-trade-2024", "investment (USD)"])
    assert rows.loc["cn-fdi-vietnam-2024", "investment (USD)"] == 1_524_000_000
    # summing a column, as anyone would, adds one kind only: Japan's ODA is not drowned by China's trade
    assert table["development finance (USD)"].sum() == pytest.approx(298_431_066.71)
    assert rows.loc["cn-vn-trade-2024", "date"] == "Jan–Jul 2024" and rows.loc["cn-vn-trade-2024", "start"] == "2024-01"


def test_funding_table_names_the_kind(features):
    table = detail.funding_table(features.set_index("id", drop=False).loc["cn-vn-trade-2024"])
    assert table.loc[0, "kind"] == "Economic indicator" and table.loc[0, "stated"].startswith("US$112.2 bn")


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
    """What the browser gets for the map: the component's loader and every script it loads, all from this server."""
    loader = mapview.loader_js()
    sent = loader + "".join(content.decode() for content in mapview.scripts().values())
    for cdn in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "netdna.bootstrapcdn.com"):
        assert cdn not in sent
    urls = json.loads(re.search(r"const SCRIPTS = (\[.*?\]);", loader).group(1))
    assert urls[0] == "/app/static/vendor/leaflet/leaflet.js" and all(u.startswith("/app/static/vendor/") for u in urls)
    map_script = fmap.page_script()
    assert "window.map_vnmap" not in map_script and "var map_vnmap" in map_script
    published = compact.publish(features, folder=tmp_path)
    data = gzip.decompress((tmp_path / f"{published.digest}.json.gz").read_bytes()).decode()
    assert published.url.endswith(f"/{published.digest}.json.gz") and published.size < published.raw == len(data.encode())
    for feature_id in features["id"]:
        assert f'"{feature_id}"' in data  # every feature travels in the data file, once


def test_old_map_data_versions_are_removed(features, tmp_path):
    """Each dataset version writes a file; only the KEEP most recently used stay (a version used again is kept)."""
    legacy = tmp_path / "0123456789abcdef.json"  # an unpacked file of an earlier release
    legacy.write_text("{}")
    os.utime(legacy, (1, 1))
    first = compact.publish(features.head(1), folder=tmp_path)
    later = [compact.publish(features.head(n), folder=tmp_path) for n in range(2, compact.KEEP + 3)]
    again = compact.publish(features.head(1), folder=tmp_path)  # the first version, used again: rewritten or touched
    kept = {p.name for p in tmp_path.iterdir()}
    assert kept == {f"{m.digest}.json.gz" for m in [*later[-(compact.KEEP - 1):], again]}
    assert again.digest == first.digest and not legacy.exists()


def test_detail_panel_pieces_show_the_note_and_named_sources(features):
    by_id = features.set_index("id", drop=False)
    assert "about 41.2 billion yen" in detail.note_text(by_id.loc["hcmc-metro-line-1"])
    assert detail.note_text(by_id.loc["chinh-kishida-talks-2023-12-16"]) == ""  # no note, no empty box
    html = detail.evidence_html(hostile_row(features)["sources"][0])
    assert "<script" not in html and "&lt;script&gt;" in html and "outlet not stated" in html
    assert "**" not in detail.evidence_html(by_id.loc["hcmc-metro-line-1", "sources"][1])


def test_candidate_popup_names_the_kind_of_money():
    entry = {"name": "US aid in Quang Tri", "kind": "project", "category": "aid", "partners": ["USA"],
             "funding": [{"text": "$5 million", "instrument": "aid"}, {"text": "$2 million", "instrument": "unspecified"}],
             "evidence": [{"quote": "The U.S. gave $5 million in aid to Quang Tri."}]}
    html = detail.candidate_popup_html({"entry": entry})
    assert "<i>Development finance:</i> $5 million (aid)" in html and "<i>Money (kind not stated):</i> $2 million" in html


def test_only_the_stray_bold_marks_are_dropped():
    assert detail.plain("a **bold** word and window.__xss and snake__case") == "a bold word and window.__xss and snake__case"


def test_properties_table_shows_the_date_as_a_range(features):
    table = detail.properties_table(features.set_index("id", drop=False).loc["xi-state-visit-vietnam-2023"])
    assert table.set_index("property").loc["date", "value"] == "12–13 Dec 2023"
