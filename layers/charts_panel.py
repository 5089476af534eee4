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


def _tables_of(features: gpd.GeoDataFrame):
    return _tables(features, (id(features), len(features)))


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


def charts_section(features: gpd.GeoDataFrame, view: View, in_view: gpd.GeoDataFrame, charts_area=None) -> tuple[View, gpd.GeoDataFrame]:
    """Draw the summary figures here and the charts in `charts_area` (default: here, below the figures);
    return the view and its features after the charts' selections."""
    if GENERATION not in st.session_state:
        _initialise(features)
    items, timeline, distinct = _tables_of(features)
    bar, period = st.session_state[BAR_STATE], st.session_state[PERIOD_STATE]
    selected = {view: in_view}  # each distinct view is selected once per run (costly at 100k features)

    def features_of(v: View) -> gpd.GeoDataFrame:
        if v not in selected:
            selected[v] = filters.select(features, v)
        return selected[v]

    final = selected_view(view)
    final_features = features_of(final)
    final_items = analysis.rows_of(items, features, final_features)

    flow = st.session_state[FLOW]
    s = analysis.summary(final_features, final_items, flow, {c: analysis.rows_of(t, features, final_features) for c, t in distinct.items()})
    cols = st.columns(4)
    cols[0].metric("Features", f"{s.features:,}")
    cols[1].metric("Partners", f"{s.partners:,}")
    cols[2].metric("Articles", f"{s.articles:,}")
    cols[3].metric(f"Stated {analysis.FLOW_NAMES[flow]}, USD", _money(s.usd), help=f"{analysis.FLOW_LABELS[flow]}: USD {s.usd:,.2f}")
    st.caption(
        f"{analysis.FLOW_LABELS[flow][0].upper()}{analysis.FLOW_LABELS[flow][1:]}: {s.with_usd:,} amounts with a USD value summed; "
        f"not in the sum: {s.no_usd:,} amounts in a currency the ECB publishes no rate for (VND, LAK, KHR…) "
        f"and {s.no_amount:,} stated with no amount. Kinds of money are never added together."
    )
    if bar or period or st.session_state[LINK_FLOWS]:
        parts = [f"{bar['partner']} · {bar['category']} · {analysis.FLOW_LABELS[bar['flow']]}"] if bar else []
        parts += [f"dated {period[0] or '…'} to {period[1] or '…'}"] if period else []
        parts += [f"money: {', '.join(st.session_state[LINK_FLOWS])} (from the link)"] if st.session_state[LINK_FLOWS] and not bar else []
        left, right = st.columns([5, 1])
        left.info("Chart selection: " + "; ".join(detail.esc(p) for p in parts))
        right.button("Clear chart selections", on_click=clear, key="chart-clear")

    with charts_area if charts_area is not None else st.container(), st.expander("Funding and timeline", expanded=True):
        counts = analysis.flows_present(analysis.rows_of(items, features, in_view))
        st.segmented_control(
            "Money shown (one kind at a time)",
            analysis.CHART_FLOWS,
            key=FLOW,
            format_func=lambda f: f"{analysis.FLOW_LABELS[f]} · {counts[f]}",
            on_change=_on_flow,
            required=True,
        )
        generation = st.session_state[GENERATION]
        bar_features = features_of(analysis.narrow(view, None, period))
        rows = analysis.funding_by_partner(analysis.rows_of(items, features, bar_features), flow)
        left, right = st.columns([3, 2])
        if rows.empty:
            left.caption(f"No {analysis.FLOW_LABELS[flow]} is stated for the features in view.")
        else:
            key = f"funding-chart-{generation}"
            select = functools.partial(_on_bar, key)
            left.altair_chart(charts.funding_chart(rows, flow), key=key, on_select=select, selection_mode=charts.BAR, width="stretch")
            key2 = f"unconverted-chart-{generation}"
            select = functools.partial(_on_bar, key2)
            right.altair_chart(charts.unconverted_chart(rows, flow), key=key2, on_select=select, selection_mode=charts.BAR, width="stretch")
        spans = analysis.rows_of(timeline, features, features_of(analysis.narrow(view, bar, None)))
        aggregated = len(spans) > analysis.TIMELINE_MARKS
        if aggregated:
            spans = analysis.timeline_by_month(spans)
        if len(spans):
            key = f"timeline-chart-{generation}"
            select = functools.partial(_on_period, key)
            chart = charts.timeline_chart(spans, aggregated, period if period and all(period) else None)
            st.altair_chart(chart, key=key, on_select=select, selection_mode=charts.PERIOD, width="stretch")
        else:
            st.caption("No dated feature in view.")
    return final, final_features
