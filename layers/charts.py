"""Altair (Vega-Lite) charts of the aggregated rows of layers/analysis.py: funding by partner, timeline.

Each chart carries a named selection that the dashboard turns into a filter: `bar` (a partner
and a category) on the funding charts, `period` (an interval of dates) on the timeline.
Partners are coloured as on the map. Vega-Lite ships inside Streamlit: nothing is fetched.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from layers.analysis import FLOW_NAMES, TOOLTIP_FEATURES
from layers.style import colour

BAR = "bar"
PERIOD = "period"
USD_AXIS = "replace(replace(format(datum.value, '$.3~s'), 'G', ' bn'), 'M', ' m')"  # SI "G" reads as billion


def _partner_colours(rows: pd.DataFrame) -> alt.Scale:
    names = rows[["partner", "partner_name"]].drop_duplicates().sort_values("partner_name")
    return alt.Scale(domain=list(names["partner_name"]), range=[colour(p) for p in names["partner"]])


def _feature_tooltips() -> list[alt.Tooltip]:
    return [alt.Tooltip(f"feature_{n}:N", title="" if n > 1 else "features") for n in range(1, TOOLTIP_FEATURES + 1)] + [alt.Tooltip("more:N", title="")]


def funding_chart(rows: pd.DataFrame, flow: str) -> alt.Chart:
    """Stated USD of one kind of money: a bar per category and partner, coloured by partner; click selects a bar."""
    select = alt.selection_point(name=BAR, fields=["partner", "category"], toggle=False, on="click", clear="dblclick")
    data = rows[rows["with_usd"] > 0]
    return (
        alt.Chart(data, title=alt.TitleParams(f"{FLOW_NAMES[flow].capitalize()}: stated USD", subtitle="at the ECB rate of each amount's date"))
        .mark_bar()
        .encode(
            y=alt.Y("category:N", title=None),
            yOffset=alt.YOffset("partner_name:N"),
            x=alt.X("usd:Q", title="USD", axis=alt.Axis(labelExpr=USD_AXIS, tickCount=4)),
            color=alt.Color("partner_name:N", title="Partner", scale=_partner_colours(rows), legend=alt.Legend(orient="bottom")),
            opacity=alt.condition(select, alt.value(1.0), alt.value(0.3)),
            tooltip=[
                alt.Tooltip("partner_name:N", title="partner"),
                alt.Tooltip("category:N"),
                alt.Tooltip("usd:Q", title="USD", format=",.0f"),
                alt.Tooltip("with_usd:Q", title="amounts in USD"),
                *_feature_tooltips(),
            ],
        )
        .add_params(select)
        .properties(height=alt.Step(14))
    )


def unconverted_chart(rows: pd.DataFrame, flow: str) -> alt.Chart:
    """The same kind of money without a USD value, counted: amounts the ECB cannot convert and support with no amount stated."""
    select = alt.selection_point(name=BAR, fields=["partner", "category"], toggle=False, on="click", clear="dblclick")
    data = rows[(rows["no_usd"] + rows["no_amount"]) > 0].assign(unconverted=lambda r: r["no_usd"] + r["no_amount"])
    return (
        alt.Chart(data, title=alt.TitleParams("Without a USD value", subtitle="counted, not summed"))
        .mark_bar()
        .encode(
            y=alt.Y("category:N", title=None),
            yOffset=alt.YOffset("partner_name:N"),
            x=alt.X("unconverted:Q", title="items", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("partner_name:N", title="Partner", scale=_partner_colours(rows), legend=None),
            opacity=alt.condition(select, alt.value(1.0), alt.value(0.3)),
            tooltip=[
                alt.Tooltip("partner_name:N", title="partner"),
                alt.Tooltip("category:N"),
                alt.Tooltip("no_usd:Q", title="amount, no ECB rate"),
                alt.Tooltip("no_amount:Q", title="no amount stated"),
                *_feature_tooltips(),
            ],
        )
        .add_params(select)
        .properties(height=alt.Step(14))
    )


def _iso(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as "YYYY-MM-DD" strings: Vega parses those as UTC days, whatever the browser's time zone."""
    return frame.assign(start=frame["start"].dt.strftime("%Y-%m-%d"), end=frame["end"].dt.strftime("%Y-%m-%d"))


def timeline_chart(rows: pd.DataFrame, aggregated: bool, period: tuple[dt.date, dt.date] | None = None) -> alt.LayerChart:
    """Dated features on a time axis, one row per partner; a day is a dot, a month or a year a span. Drag to brush a period.

    `aggregated` rows (layers.analysis.timeline_by_month) are counts per partner and span.
    """
    value = {"x": [alt.DateTime(year=d.year, month=d.month, date=d.day, utc=True) for d in period]} if period else alt.Undefined
    brush = alt.selection_interval(name=PERIOD, encodings=["x"], value=value)
    base = alt.Chart(_iso(rows), title="Dated features (drag to choose a period; double-click to clear)").encode(
        x=alt.X("start:T", title=None, scale=alt.Scale(type="utc"), axis=alt.Axis(format="%b %Y")),
        y=alt.Y("partner_name:N", title=None),
        color=alt.Color("partner_name:N", scale=_partner_colours(rows), legend=None),
    )
    if aggregated:
        tooltip = [alt.Tooltip("partner_name:N", title="partner"), alt.Tooltip("features:Q"), alt.Tooltip("first:N", title="e.g.")]
        spans = base.mark_bar(opacity=0.6, height=14).encode(x2="end:T", tooltip=tooltip).add_params(brush)
        return alt.layer(spans).properties(height=alt.Step(26))
    tooltip = [
        alt.Tooltip("name:N", title="feature"),
        alt.Tooltip("partner_name:N", title="partner"),
        alt.Tooltip("date_text:N", title="the article says"),
        alt.Tooltip("precision:N", title="precision"),
        alt.Tooltip("quote:N", title="quote"),
    ]
    spans = base.mark_bar(opacity=0.45, height=14).encode(x2="end:T", tooltip=tooltip).transform_filter(alt.datum.precision != "day").add_params(brush)
    days = base.mark_point(filled=True, size=60, opacity=0.9).encode(tooltip=tooltip).transform_filter(alt.datum.precision == "day")
    return alt.layer(spans, days).properties(height=alt.Step(26))


def period_of(selection: dict) -> tuple[dt.date, dt.date] | None:
    """The brushed period of a timeline selection ({"start": [ms, ms]} or ISO strings), as UTC dates."""
    values = (selection or {}).get("start")
    if not values or len(values) != 2:
        return None
    days = []
    for v in values:
        if isinstance(v, (int, float)):
            days.append(dt.datetime.fromtimestamp(v / 1000, tz=dt.UTC).date())
        else:
            days.append(dt.date.fromisoformat(str(v)[:10]))
    return min(days), max(days)
