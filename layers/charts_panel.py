"""The dashboard's summary figures and linked charts (Streamlit): a chart selection narrows the view.

Layout and widgets only. Clicking a funding bar keeps that partner's features of that category
stating money of the kind shown; brushing the timeline keeps the features dated in the period.
Both are filters of layers/filters.py (what `python -m layers export --partner --category
--flow --dated-from --dated-to` applies) and go to the URL with the other filters. Each chart
shows the view without its own selection (cross-filtering), so the other bars stay in reach.
"""

from __future__ import annotations

import dataclasses
import functools

import geopandas as gpd
import streamlit as st

from layers import analysis, charts, detail, filters, query
from layers.filters import View

FLOW = "chart_flow"  # the kind of money the funding chart and the summary show
BAR_STATE = "chart_bar"  # {"partner", "category", "flow"} of the selected bar, or None
PERIOD_STATE = "chart_period"  # (from, to) brushed on the timeline, or None
LINK_FLOWS = "chart_link_flows"  # money kinds a shared link asked for, until cleared
GENERATION = "chart_generation"  # part of the charts' keys: bumped to reset their selections


@st.cache_resource(max_entries=4, show_spinner=False)
def _tables(_features: gpd.GeoDataFrame, token: tuple):
    """The money items and timeline rows of every feature, made once per features frame."""
    distinct = {column: analysis.distinct_values(_features, column) for column in ("partners", "articles")}
    return analysis.money_items(_features), analysis.timeline_rows(_features), distinct


def _token(features: gpd.GeoDataFrame) -> tuple:
    """What the caches know a features frame by (the frame itself is not hashed: 100,000 rows)."""
    return (id(features), len(features))


def _initialise(features: gpd.GeoDataFrame) -> None:
    """First run of a session: the chart filters a shared link carries (the sidebar's are the app's)."""
    linked, _, _ = query.view_from_query(st.query_params.to_dict(), features)
    st.session_state[BAR_STATE] = None
    st.session_state[PERIOD_STATE] = (linked.dated_from, linked.dated_to) if linked.dated_from or linked.dated_to else None
    st.session_state[LINK_FLOWS] = linked.flows
    st.session_state[FLOW] = linked.flows[0] if len(linked.flows) == 1 else "finance"
    st.session_state[GENERATION] = 0


def _on_bar(key: str) -> None:
    points = st.session_state[key]["selection"].get(charts.BAR) or []
    st.session_state[BAR_STATE] = {"partner": points[0]["partner"], "category": points[0]["category"], "flow": st.session_state[FLOW]} if points else None
    st.session_state[LINK_FLOWS] = ()


def _on_period(key: str) -> None:
    st.session_state[PERIOD_STATE] = charts.period_of(st.session_state[key]["selection"].get(charts.PERIOD))


def _on_flow() -> None:
    st.session_state[BAR_STATE] = None
    st.session_state[LINK_FLOWS] = ()
    st.session_state[GENERATION] += 1


def clear() -> None:
    """Forget every chart selection (and reset the charts' own highlight)."""
    st.session_state[BAR_STATE] = st.session_state[PERIOD_STATE] = None
    st.session_state[LINK_FLOWS] = ()
    st.session_state[GENERATION] += 1


def selected_view(view: View) -> View:
    """The sidebar's view narrowed by this session's chart selections."""
    narrowed = analysis.narrow(view, st.session_state.get(BAR_STATE), st.session_state.get(PERIOD_STATE))
    links = st.session_state.get(LINK_FLOWS)
    return dataclasses.replace(narrowed, flows=links) if links and not narrowed.flows else narrowed


def _money(usd: float) -> str:
    """Short enough for a metric: "$298.4 m", "$112.2 bn"; the exact sum is in the metric's help."""
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if usd >= size:
            return f"${usd / size:,.1f} {word}"
    return f"${usd:,.0f}" if usd else "none stated"


@st.cache_resource(max_entries=8, show_spinner=False)
def _selected(_features: gpd.GeoDataFrame, token: tuple, view: View) -> gpd.GeoDataFrame:
    """The features of a view, selected once: the summary, the charts and the page's table all ask for the same ones."""
    return filters.select(_features, view)


def view_features(features: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """The features of `view` (cached: at 100,000 features a selection costs a tenth of a second)."""
    return _selected(features, _token(features), view)


def chart_view(features: gpd.GeoDataFrame, view: View) -> View:
    """The sidebar's view narrowed by this session's chart selections (a session's first run reads them from its link)."""
    if GENERATION not in st.session_state:
        _initialise(features)
    return selected_view(view)


@st.cache_resource(max_entries=64, show_spinner=False)
def _summary(_features: gpd.GeoDataFrame, token: tuple, final: View, flow: str) -> analysis.Summary:
    """The figures of a view and one kind of money, made once per view (a toggle back costs nothing)."""
    items, _, distinct = _tables(_features, token)
    final_features = view_features(_features, final)
    rows = {c: analysis.rows_of(t, _features, final_features) for c, t in distinct.items()}
    return analysis.summary(final_features, analysis.rows_of(items, _features, final_features), flow, rows)


def _flow() -> str:
    """The kind of money shown; a choice that came back empty (seen once on a loaded machine) is development finance again."""
    if st.session_state.get(FLOW) not in analysis.CHART_FLOWS:
        st.session_state[FLOW] = "finance"
    return st.session_state[FLOW]


def _amounts(n: int) -> str:
    return f"{n:,} amount" if n == 1 else f"{n:,} amounts"


def summary_section(features: gpd.GeoDataFrame, final: View) -> None:
    """The figures of the view after the charts' selections, and what those selections are (with a button to clear them)."""
    flow = _flow()
    s = _summary(features, _token(features), final, flow)
    cols = st.columns(4)
    cols[0].metric("Features", f"{s.features:,}")
    cols[1].metric("Partners", f"{s.partners:,}")
    cols[2].metric("Articles", f"{s.articles:,}")
    cols[3].metric(f"Stated {analysis.FLOW_NAMES[flow]}, USD", _money(s.usd), help=f"{analysis.FLOW_LABELS[flow]}: USD {s.usd:,.2f}")
    st.caption(
        f"{analysis.FLOW_LABELS[flow][0].upper()}{analysis.FLOW_LABELS[flow][1:]}: {_amounts(s.with_usd)} with a USD value summed; "
        f"not in the sum: {_amounts(s.no_usd)} in a currency the ECB publishes no rate for (VND, LAK, KHR…) "
        f"and {s.no_amount:,} stated with no amount. Kinds of money are never added together."
    )
    bar, period, links = st.session_state[BAR_STATE], st.session_state[PERIOD_STATE], st.session_state[LINK_FLOWS]
    if bar or period or links:
        parts = [f"{bar['partner']} · {bar['category']} · {analysis.FLOW_LABELS[bar['flow']]}"] if bar else []
        parts += [f"dated {period[0] or '…'} to {period[1] or '…'}"] if period else []
        parts += [f"money: {', '.join(links)} (from the link)"] if links and not bar else []
        left, right = st.columns([5, 1])
        left.info("Chart selection: " + "; ".join(detail.esc(p) for p in parts))
        right.button("Clear chart selections", on_click=clear, key="chart-clear")


@dataclasses.dataclass(frozen=True)
class Specs:
    """The charts of a view as Vega-Lite specs, and the count of money items of each kind in view."""

    counts: dict
    funding: dict | None  # None: no money of the kind shown in view
    unconverted: dict | None
    timeline: dict | None  # None: no dated feature in view


@st.cache_resource(max_entries=64, show_spinner=False)
def _specs(_features: gpd.GeoDataFrame, token: tuple, view: View, flow: str, bar: dict | None, period: tuple | None) -> Specs:
    """Aggregate and draw the charts of a view once: each chart shows the view without its own selection (cross-filtering).

    Specs are made without Altair's schema validation, which costs most of a rerun; the charts'
    tests validate them (tests/test_analysis.py).
    """
    items, timeline, _ = _tables(_features, token)
    in_view = view_features(_features, view)
    counts = analysis.flows_present(analysis.rows_of(items, _features, in_view))
    bar_features = view_features(_features, analysis.narrow(view, None, period))
    rows = analysis.funding_by_partner(analysis.rows_of(items, _features, bar_features), flow)
    funding = unconverted = None
    if not rows.empty:
        funding = charts.funding_chart(rows, flow).to_dict(validate=False)
        unconverted = charts.unconverted_chart(rows, flow).to_dict(validate=False)
    spans = analysis.rows_of(timeline, _features, view_features(_features, analysis.narrow(view, bar, None)))
    aggregated = len(spans) > analysis.TIMELINE_MARKS
    if aggregated:
        spans = analysis.timeline_by_month(spans)
    line = charts.timeline_chart(spans, aggregated, period if period and all(period) else None).to_dict(validate=False) if len(spans) else None
    return Specs(counts, funding, unconverted, line)


def charts_section(features: gpd.GeoDataFrame, view: View) -> None:
    """The funding and timeline charts of the sidebar's view; a click or a brush narrows the view (next rerun)."""
    flow, bar, period = _flow(), st.session_state[BAR_STATE], st.session_state[PERIOD_STATE]
    specs = _specs(features, _token(features), view, flow, bar, period)
    with st.expander("Funding and timeline", expanded=True):
        st.segmented_control(
            "Money shown (one kind at a time)",
            analysis.CHART_FLOWS,
            key=FLOW,
            format_func=lambda f: f"{analysis.FLOW_LABELS[f]} · {specs.counts[f]}",
            on_change=_on_flow,
            required=True,
        )
        generation = st.session_state[GENERATION]
        left, right = st.columns([3, 2])
        if specs.funding is None:
            left.caption(f"No {analysis.FLOW_LABELS[flow]} is stated for the features in view.")
        else:
            key = f"funding-chart-{generation}"
            left.vega_lite_chart(specs.funding, key=key, on_select=functools.partial(_on_bar, key), selection_mode=charts.BAR, width="stretch")
            key2 = f"unconverted-chart-{generation}"
            right.vega_lite_chart(specs.unconverted, key=key2, on_select=functools.partial(_on_bar, key2), selection_mode=charts.BAR, width="stretch")
        if specs.timeline is None:
            st.caption("No dated feature in view.")
        else:
            key = f"timeline-chart-{generation}"
            st.vega_lite_chart(specs.timeline, key=key, on_select=functools.partial(_on_period, key), selection_mode=charts.PERIOD, width="stretch")
