"""Add an article: paste or upload it, review the candidate features, accept them into the catalog.

Layout and widgets only; ingest, review and writing are ingest/ and seeds/ functions. Every
string from the article or the reviewer reaches a Markdown widget through layers.markup.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
import yaml

import ingest
import seeds
from ingest import review
from layers import detail, markup
from seeds import CatalogError, load_articles, yamlio

st.set_page_config(page_title="Add an article", page_icon="🗺️", layout="wide")
st.title("Add an article")
st.caption(
    f"Paste the text or upload a .txt/.md file (UTF-8, up to {ingest.MAX_BYTES // 1_000_000} MB). "
    "Candidates appear on the map's “Unreviewed” layer until you accept or reject them."
)

pending: dict = st.session_state.setdefault("pending", {})  # candidate id -> {"text", "result", "candidate"}
for kind, message in st.session_state.pop("flash", []):  # what the last click did, kept across the rerun
    getattr(st, kind)(message)

with st.form("article"):
    pasted = st.text_area("Article text", height=220)
    upload = st.file_uploader("…or upload a file", type=["txt", "md"])
    title = st.text_input("Title (when the text states none)")
    given_date = st.date_input("Publication date (leave empty to read it from the text)", value=None, min_value=dt.date(1990, 1, 1))
    submitted = st.form_submit_button("Geoparse")


def gaps(entry: dict, article: dict) -> list[tuple[str, str]]:
    """(field, what keeping it as it is means) for each thing a reviewer must decide before accepting."""
    out = []
    if not entry.get("partners"):
        out.append(("partners", "Keep it with no foreign partner (it goes on the “No foreign partner” layer)"))
    if not entry.get("when"):
        out.append(("when", f"Keep it with no date of its own (only the article's date, {article.get('published')}, says when it was reported)"))
    if not entry.get("places"):
        out.append(("places", "Keep it with no place (it cannot be drawn on the map)"))
    return out


def flash(kind: str, message: str) -> None:
    st.session_state.setdefault("flash", []).append((kind, message))


if submitted:
    try:
        text = ingest.read_article(upload.getvalue(), upload.name) if upload is not None else ingest.read_article(pasted.encode("utf-8"), "pasted text")
    except ingest.ArticleError as exc:
        st.error(markup.md(str(exc)))
        st.stop()
    st.session_state.ingests = st.session_state.get("ingests", 0) + 1  # candidate ids stay unique within the session
    try:
        new_id = f"new{st.session_state.ingests}_article"
        result = ingest.ingest(text, title=title or None, published=given_date, article_id=new_id, known_articles=load_articles())
    except CatalogError as exc:
        st.error(markup.md(f"The seeds could not be read: {exc}"))
        st.stop()
    except Exception as exc:  # noqa: BLE001 - a geoparser bug is reported as a message, never a traceback
        st.error(markup.md(f"The geoparser failed on this text ({type(exc).__name__}: {exc}); nothing was stored."))
        st.stop()
    st.session_state.current = {"text": text, "result": result}
    if result.article["published"] is None:
        st.session_state.current["undated"] = True
    else:
        for c in result.candidates:
            pending[c["id"]] = {"text": text, "result": result, "candidate": c}

current = st.session_state.get("current")
if current:
    text, result = current["text"], current["result"]
    st.subheader(markup.md(result.article["title"], one_line=True))
    if current.get("undated"):
        st.warning(
            "When was this article published? The text states no full date, and no date was given. "
            "Enter the publication date above and press Geoparse again: no candidate is offered until the article has a date."
        )
    else:
        st.caption(markup.md(f"Dated {result.article['published']} ({result.article['date_basis']}); {len(text):,} characters."))
    tabs = st.tabs(["Places", "Money", "Dates", "Partners", "Text"])
    tabs[0].dataframe(pd.DataFrame([vars(p) for p in result.places]), hide_index=True, width="stretch")
    tabs[1].dataframe(pd.DataFrame([vars(m) for m in result.money]), hide_index=True, width="stretch")
    tabs[2].dataframe(pd.DataFrame([vars(d) for d in result.dates]), hide_index=True, width="stretch")
    tabs[3].dataframe(pd.DataFrame(result.partners), hide_index=True, width="stretch")
    tabs[4].markdown(detail.reader_html(text, [(p.start, p.end) for p in result.places]), unsafe_allow_html=True)

receipt = st.session_state.get("last_receipt")
if receipt is not None:
    if st.button("Undo the last accept", key="undo", help="Puts articles.yaml, catalog.yaml and the article file back as they were before it"):
        try:
            review.undo(receipt)
        except CatalogError as exc:
            flash("error", markup.md(f"Not undone: {exc}"))
        else:
            flash("success", markup.md("Undone: " + "; ".join(receipt.describe(seeds.CATALOG_FILE.parent)) + " — all removed again."))
            st.cache_resource.clear()
            st.cache_data.clear()
        del st.session_state["last_receipt"]
        st.rerun()

st.subheader(f"Candidates to review ({len(pending)})")
if not pending:
    st.info("No candidates waiting. Geoparse an article above.")
for cid, item in list(pending.items()):
    candidate = item["candidate"]
    entry = candidate["entry"]
    label = f"{entry['name']} — {entry['kind']}, {', '.join(entry['partners']) or 'no foreign partner'}"
    with st.expander(markup.md(label, one_line=True), expanded=st.session_state.get("confirming") == cid):
        for evidence in entry["evidence"]:  # the event's sentence, then any other it rests on (the sentence naming its partner)
            st.markdown(f"> {markup.html_md(evidence['quote'])}", unsafe_allow_html=True)
        if not candidate["valid"]:
            st.warning(markup.md("Does not validate yet: " + "; ".join(candidate["problems"])))
        edited = st.text_area("Entry (YAML; edit before accepting)", yamlio.dump(entry), key=f"edit-{cid}", height=260)
        try:
            parsed = yamlio.load(edited)
        except yaml.YAMLError:
            parsed = None  # reported when Accept is pressed
        open_gaps = gaps(parsed if isinstance(parsed, dict) else entry, item["result"].article)
        kept = [st.checkbox(markup.md(what), key=f"keep-{field}-{cid}") for field, what in open_gaps]
        accept_col, reject_col = st.columns(2)
        missing = [field for (field, _), ok in zip(open_gaps, kept, strict=True) if not ok]
        hint = "Decide each missing field first" if missing else None
        if accept_col.button("Accept into the catalog…", key=f"accept-{cid}", disabled=bool(missing), help=hint):
            st.session_state.confirming = cid
        if reject_col.button("Reject", key=f"reject-{cid}"):
            del pending[cid]
            st.rerun()
        if st.session_state.get("confirming") == cid:
            folder = seeds.CATALOG_FILE.parent
            st.info(
                markup.md(
                    f"Accepting writes, all together or not at all: the article's text to {folder.name}/<new id>.txt and its details to "
                    f"{folder.name}/{seeds.ARTICLES_FILE.name} (unless it is stored already), and this entry to {folder.name}/{seeds.CATALOG_FILE.name}. "
                    "The previous files are kept as .bak, and you can undo it here."
                )
            )
            yes, no = st.columns(2)
            if no.button("Cancel", key=f"cancel-{cid}"):
                del st.session_state["confirming"]
                st.rerun()
            if yes.button("Yes, write it", key=f"confirm-{cid}", type="primary"):
                del st.session_state["confirming"]
                try:
                    new_entry = yamlio.load(edited)
                    receipt = review.accept_receipt(item["text"], item["result"], [new_entry])
                except yaml.YAMLError as exc:
                    st.error(markup.md(f"Not accepted, nothing was stored: the entry is not valid YAML ({exc})"))
                except CatalogError as exc:
                    st.error(markup.md(f"Not accepted, nothing was stored: {exc}"))
                except Exception as exc:  # noqa: BLE001 - shown as a message; the transaction wrote nothing
                    st.error(markup.md(f"Not accepted, nothing was stored ({type(exc).__name__}: {exc})"))
                else:
                    del pending[cid]
                    st.cache_resource.clear()
                    st.cache_data.clear()
                    st.session_state.last_receipt = receipt
                    flash("success", markup.md("Accepted. Written: " + "; ".join(receipt.describe(folder)) + "."))
                    st.rerun()
