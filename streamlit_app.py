"""The dashboard page (placeholder until the map lands): the sourced catalog as a table."""

import streamlit as st

import seeds

st.set_page_config(page_title="Vietnam between China, Japan and the US", layout="wide")
st.title("Vietnam between China, Japan and the United States")
st.caption("Every feature comes with the sentence of the article that states it.")

catalog = seeds.load_catalog()
st.dataframe(
    [
        {
            "id": e.id,
            "name": e.name,
            "kind": e.kind,
            "category": e.category,
            "partners": ", ".join(e.partners),
            "status": e.status.value if e.status else "",
            "date": e.when.start if e.when else "",
            "places": ", ".join(e.places),
        }
        for e in catalog
    ],
    hide_index=True,
)
