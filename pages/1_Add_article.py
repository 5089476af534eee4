"""Add an article: paste or upload it, review the candidate features, accept them into the catalog.

Layout and widgets only; ingest, review and writing are layers/ and seeds/ functions.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
import yaml

import ingest
from ingest import review
from layers import detail
from seeds import CatalogError, load_articles

st.set_page_config(page_title="Add an article", page_icon="🗺️", layout="wide")
st.title("Add an article")
st.caption(
    f"Paste the text or upload a .txt/.md file (UTF-8, up to {ingest.MAX_BYTES // 1_000_000} MB). "
    "Candidates appear on the map's “Unreviewed” layer until you accept or reject them."
)

pending: dict = st.session_state.setdefault("pending", {})  # candidate id -> {"text", "result", "candidate"}

with st.form("article"):
    pasted = st.text_area("Article text", height=220)
    upload = st.file_uploader("…or upload a file", type=["txt", "md"])
    title = st.text_input("Title (when the text states none)")
    given_date = st.date_input("Publication date (leave empty to read it from the text)", value=None, min_value=dt.date(1990, 1, 1))
    submitted = st.form_submit_button("Geoparse")

if submitted:
    try:
        text = ingest.read_article(upload.getvalue(), upload.name) if upload is not None else ingest.read_article(pasted.encode("utf-8"), "pasted text")
    except ingest.ArticleError as exc:
        st.error(str(exc))
        st.stop()
    st.session_state.ingests = st.session_state.get("ingests", 0) + 1  # candidate ids stay unique within the session
    result = ingest.ingest(text, title=title or None, published=given_date, article_id=f"new{st.session_state.ingests}_article", known_articles=load_articles())
    st.session_state.current = {"text": text, "result": result}
    for c in result.candidates:
        pending[c["id"]] = {"text": text, "result": result, "candidate": c}

current = st.session_state.get("current")
if current:
    text, result = current["text"], current["result"]
    st.subheader(result.article["title"])
    st.caption(f"Dated {result.article['published']} ({result.article['date_basis']}); {len(text):,} characters.")
    tabs = st.tabs(["Places", "Money", "Dates", "Partners", "Text"])
    tabs[0].dataframe(pd.DataFrame([vars(p) for p in result.places]), hide_index=True, width="stretch")
    tabs[1].dataframe(pd.DataFrame([vars(m) for m in result.money]), hide_index=True, width="stretch")
    tabs[2].dataframe(pd.DataFrame([vars(d) for d in result.dates]), hide_index=True, width="stretch")
    tabs[3].dataframe(pd.DataFrame(result.partners), hide_index=True, width="stretch")
    tabs[4].markdown(detail.reader_html(text, [(p.start, p.end) for p in result.places]), unsafe_allow_html=True)

st.subheader(f"Candidates to review ({len(pending)})")
if not pending:
    st.info("No candidates waiting. Geoparse an article above.")
for cid, item in list(pending.items()):
    candidate = item["candidate"]
    entry = candidate["entry"]
    with st.expander(f"{entry['name']} — {entry['kind']}, {', '.join(entry['partners']) or 'no foreign partner'}", expanded=False):
        st.markdown(f"> {detail.esc(entry['evidence'][0]['quote'])}", unsafe_allow_html=True)
        if not candidate["valid"]:
            st.warning("Does not validate yet: " + "; ".join(candidate["problems"]))
        edited = st.text_area("Entry (YAML; edit before accepting)", yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), key=f"edit-{cid}", height=260)
        accept_col, reject_col = st.columns(2)
        if accept_col.button("Accept into the catalog", key=f"accept-{cid}"):
            try:
                new_entry = yaml.safe_load(edited)
                article_id, added = review.accept(item["text"], item["result"], [new_entry])
            except (CatalogError, yaml.YAMLError, TypeError, KeyError) as exc:
                st.error(f"Not accepted: {exc}")
            else:
                del pending[cid]
                st.cache_resource.clear()
                st.cache_data.clear()
                st.success(f"Added {', '.join(added)} (article {article_id}) to the catalog.")
                st.rerun()
        if reject_col.button("Reject", key=f"reject-{cid}"):
            del pending[cid]
            st.rerun()
