"""The dashboard: partner layers on a map, sourced popups, an evidence reader, exports.

Layout and widgets only; every computation is a function in layers/.
"""

from __future__ import annotations

import dataclasses
import os

import streamlit as st

from layers import assets, charts_panel, compact, detail, export, filters, mapview, markup, query
from layers.features import PREBUILT_ENV, PlaceError, PrebuiltError, load_features
from layers.partners import layer_name
from seeds import CatalogError, load_articles

st.set_page_config(page_title="Vietnam between China, Japan and the US", page_icon="🗺️", layout="wide")


def map_page():
    """The Map page is the rest of this file."""


page = st.navigation(
    [
        st.Page(map_page, title="Map", icon=":material/map:", default=True),
        st.Page("pages/1_Add_article.py", title="Add article", icon=":material/post_add:", url_path="Add_article"),
        st.Page("pages/2_Methodology.py", title="Methodology", icon=":material/menu_book:", url_path="Methodology"),
    ]
)
page.run()
if page.title != "Map":  # another page has drawn itself
    st.stop()

TABLE_ROWS = 10_000  # rows sent to the browser's table; beyond that the downloads are the way
PICK_LIST = 5_000  # features in view up to which the detail panel offers a list to choose from


@st.cache_resource(show_spinner="Reading the articles and placing the features…")
def features_and_articles():
    assets.install_static()
    mapview.install()
    return load_features(prebuilt=os.environ.get(PREBUILT_ENV)), load_articles()


@st.cache_resource(show_spinner=False)
def map_data() -> compact.MapData:
    """Every feature's map data, written once per dataset version; the browser fetches (and may cache) it once."""
    feats, _ = features_and_articles()
    return compact.publish(feats, filters.layer_counts(feats))


@st.cache_resource(show_spinner=False)
def options() -> dict:
    """The sidebar's choices and counts: they depend on the features only, not on the view."""
    feats, _ = features_and_articles()
    return {"counts": filters.layer_counts(feats), "categories": sorted(feats["category"].unique()), "kinds": sorted(feats["kind"].unique())}


@st.cache_resource(show_spinner=False)
def full_table():
    """The table of every feature, made once; a view shows its rows."""
    feats, _ = features_and_articles()
    return detail.table(feats)


@st.cache_resource(show_spinner=False)
def id_positions() -> dict[str, int]:
    """Each feature's position by id: whether the chosen feature is still in view is asked of its row alone."""
    feats, _ = features_and_articles()
    return {feature_id: i for i, feature_id in enumerate(feats["id"])}


@st.cache_resource(max_entries=64, show_spinner=False)
def positions_in_view(view: filters.View) -> list[int] | None:
    """What the map is sent for the filters other than partners: the positions of the features they keep (None: all)."""
    others = dataclasses.replace(view, partners=None)
    if others == filters.View():
        return None
    feats, _ = features_and_articles()
    return feats.index.get_indexer(filters.select(feats, others).index).tolist()


def map_event():
    """The user acted on the map: a feature clicked (its detail opens) or partners toggled in the layer control (the sidebar follows)."""
    event = mapview.last_event(st.session_state.get("map"))
    if event.get("event") == "partners":
        shown = set(event.get("partners") or [])
        for code in options()["counts"]:
            st.session_state[f"partner_{code}"] = code in shown
        st.session_state.partners_seq = event.get("seq") if isinstance(event.get("seq"), int) else 0
    elif event.get("event") == "select" and event.get("id"):
        st.session_state.selected = event["id"]
    elif event.get("event") == "drawn":
        st.session_state.map_drawn = True


def export_of(view: filters.View, fmt: str):
    """The download's bytes, made only when the button is clicked (deferred: exports at scale take time)."""

    def make() -> bytes:
        feats, _ = features_and_articles()
        return export.download(filters.select(feats, view), view, fmt)[0]

    return make


try:
    features, articles = features_and_articles()
except (CatalogError, PlaceError, PrebuiltError) as exc:
    st.title("The data could not be loaded")
    st.error(markup.md(str(exc)))
    st.stop()

# --- the view: from the URL on first load, then from the widgets -------------------------
published = sorted(a.published for a in articles.values())
if "initialised" not in st.session_state:
    initial, selected, problems = query.view_from_query(st.query_params.to_dict(), features)
    for problem in problems:
        st.toast(f"Ignored in the link: {markup.md(problem, one_line=True)}", duration="long")
    partners_on = initial.partners if initial.partners is not None else list(options()["counts"])
    for code in options()["counts"]:
        st.session_state[f"partner_{code}"] = code in partners_on
    st.session_state.update(categories=list(initial.categories), kinds=list(initial.kinds), search=initial.search, selected=selected)
    st.session_state.reported = (max(initial.reported_from or published[0], published[0]), min(initial.reported_to or published[-1], published[-1]))
    st.session_state.initialised = True

# The view is read from the widgets' state before they are drawn: the sidebar follows the map in the script, and on a
# fresh page it waits for the map's first drawing, as the charts and the table do.
reported = st.session_state.reported
view = filters.View(
    partners=tuple(c for c in options()["counts"] if st.session_state[f"partner_{c}"]),
    categories=tuple(st.session_state.categories),
    kinds=tuple(st.session_state.kinds),
    reported_from=reported[0] if reported[0] > published[0] else None,
    reported_to=reported[1] if reported[1] < published[-1] else None,
    search=st.session_state.search.strip(),
)
final = charts_panel.chart_view(features, view)  # narrowed by a bar clicked or a period brushed in the charts
chosen_at = id_positions().get(st.session_state.selected)
if chosen_at is None or filters.select(features.iloc[[chosen_at]], final).empty:  # the chosen feature left the view
    st.session_state.selected = None

# --- the page: the map, then the figures and the rest (a toggle's rerun reaches the map before the charts are made) ---
st.title("Vietnam between China, Japan and the United States")
st.markdown(
    "Where China, Japan and the United States meet Vietnam: projects, visits, money and agreements from news articles, "
    "one colour per partner, one symbol per kind (legend on the map); dashed or faded means the place is approximate.  \n"
    f"Tick partners in the sidebar or the map's layer button; click a feature for the sentence that states it. "
    f"{len(articles)} articles, {len(features)} features; the figures below the map count the view."
)
with st.container():
    notice = st.container()  # always present, so the map below keeps its place in the page (and its view)
    pending = st.session_state.get("pending", {})  # this session's own candidates: sent with its map only, never in the shared data
    if pending:
        notice.info(f"{len(pending)} unreviewed candidates from an added article are on the map's “Unreviewed” layer; review them on the Add article page.")
    mapview.map_view(
        map_data().url,
        partners=list(final.partners),
        in_view=positions_in_view(final),
        focus=st.session_state.selected,
        unreviewed=compact.candidates_payload([item["candidate"] for item in pending.values()]),
        announce_drawn=not st.session_state.get("map_drawn"),
        partners_seq=st.session_state.get("partners_seq", 0),
        on_change=map_event,
    )
if not st.session_state.get("map_drawn"):
    # A fresh page: the sidebar's widgets, the figures, charts, details and table (and the browser code of each kind of
    # element) would load and draw in the browser's one thread while the map does (the widgets alone cost 0.8 s of "map
    # ready" on 2 busy cores, the figures and a button 0.2 s more). The map says when its features are on screen, or that
    # they could not be loaded (a rerun either way), and the rest of the page follows then, below the map, which never
    # moves down; the map's layer control toggles partners meanwhile.
    st.sidebar.caption("The partner and filter controls follow once the map is drawn.")
    st.caption("The figures, the charts, the feature details and the table of features follow once the map is drawn.")
    st.query_params.from_dict(query.view_to_query(final, st.session_state.selected))
    st.stop()

with st.sidebar:
    st.header("Partners")
    for code, count in options()["counts"].items():
        st.checkbox(f"{layer_name(code)} ({count})", key=f"partner_{code}")
    st.header("Filters")
    st.multiselect("Category", options()["categories"], key="categories")
    st.multiselect("Kind", options()["kinds"], key="kinds")
    st.slider("Reported between (article dates)", min_value=published[0], max_value=published[-1], key="reported", format="YYYY-MM-DD")
    st.text_input("Search names, places and quotes", key="search")

with st.container():  # one element whatever it holds (a chart selection adds a line)
    charts_panel.summary_section(features, final)

charts_panel.charts_section(features, view)  # each chart shows the sidebar's view without its own selection (cross-filtering)
view, in_view = final, charts_panel.view_features(features, final)

if len(in_view) <= PICK_LIST:
    names = dict(zip(in_view["id"], in_view["name"], strict=True))
    st.selectbox("Feature details", list(names), key="selected", format_func=names.__getitem__, index=None, placeholder="Click the map or choose a feature")
else:  # tens of thousands of options would cost every rerun; click the map or name the feature
    chosen = st.text_input("Feature details: click the map or type a feature id", value=st.session_state.selected or "")
    st.session_state.selected = chosen.strip() if (in_view["id"] == chosen.strip()).any() else st.session_state.selected

st.query_params.from_dict(query.view_to_query(view, st.session_state.selected))

if st.session_state.selected:
    row = features.set_index("id", drop=False).loc[st.session_state.selected]
    st.subheader(markup.md(row["name"], one_line=True))
    left, right = st.columns([2, 3])
    with left:
        st.dataframe(detail.properties_table(row), hide_index=True, width="stretch")
    with right:
        if detail.note_text(row):
            st.info(detail.note_text(row))
        if row["funding"]:
            st.markdown("**Money** (each kind apart: development finance, investment, economic indicators)")
            st.dataframe(detail.funding_table(row), hide_index=True, width="stretch")
        if row["figures"]:
            st.markdown("**Figures**")
            st.dataframe([{k: f[k] for k in ("value", "label", "quote")} for f in row["figures"]], hide_index=True)
        st.markdown("**Evidence**")
        for src in row["sources"]:
            st.markdown(detail.evidence_html(src), unsafe_allow_html=True)
    related = detail.related(features, row["id"])
    for article_id in row["articles"]:
        article = articles[article_id]
        spans = [(s["start"], s["end"]) for s in row["sources"] if s["article"] == article_id]
        with st.expander(markup.md(f"Read the article: {article.title} ({article.published})", one_line=True), expanded=False):
            st.markdown(f'<div style="max-height:420px;overflow-y:auto">{detail.reader_html(article.text, spans)}</div>', unsafe_allow_html=True)
            if related[article_id]:
                st.markdown("Other features from this article:")
                cols = st.columns(3)
                for i, (other_id, other_name) in enumerate(related[article_id]):
                    label = markup.md(other_name, one_line=True)
                    cols[i % 3].button(label, key=f"rel-{article_id}-{other_id}", on_click=st.session_state.__setitem__, args=("selected", other_id))

st.subheader("Features in view")
rows = full_table().iloc[features.index.get_indexer(in_view.index)]
if len(rows) > TABLE_ROWS:
    st.caption(f"The first {TABLE_ROWS:,} of {len(rows):,} features in view; the downloads hold them all.")
st.dataframe(rows.head(TABLE_ROWS), hide_index=True, width="stretch")

st.subheader("Download")
st.caption("Each download carries its codebook; the zip holds a flat CSV (one row per feature, money per kind) and a CSV of every amount.")
for col, (label, fmt, scope) in zip(st.columns(len(export.DOWNLOADS)), export.DOWNLOADS, strict=True):
    chosen = view if scope == "view" else filters.View()
    col.download_button(label, export_of(chosen, fmt), export.file_name(chosen, fmt), export.MEDIA_TYPES[fmt], key=f"dl-{fmt}-{scope}", on_click="ignore")
