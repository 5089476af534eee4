"""What a reader sees of a feature: popup, table row, detail panel and article reader.

Every piece of text from the catalog or an article is HTML-escaped here, in
one place, before it reaches a page.
"""

from __future__ import annotations

import html

import pandas as pd

from geo.precision import describe
from layers import amounts, markup
from seeds.flows import FLOWS

EXCERPT = 220  # characters of a quote shown in a popup
MARKUP = ("**",)  # the articles' stray bold marks, dropped for display only ("__" stays: it is often real text)


def esc(value) -> str:
    """HTML-escaped text of any value (None -> empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def plain(text: str | None) -> str:
    """A quote as shown: the articles' stray `**` markup dropped (stored quotes and offsets are unchanged).

    Examples
    --------
    >>> plain("Kishida** has decided to establish 42.3 billion yen for development** to assist")
    'Kishida has decided to establish 42.3 billion yen for development to assist'
    """
    text = text or ""
    for mark in MARKUP:
        text = text.replace(mark, "")
    return text


def source_label(src: dict) -> str:
    """A source named by its outlet and headline where the text gives them, else a clear fallback.

    Examples
    --------
    >>> source_label({"outlet": "JBpress", "headline": "Xi visits", "published": "2023-12-16", "date_basis": "stated"})
    'JBpress: “Xi visits”, 16 Dec 2023'
    >>> source_label({"published": "2023-12-16", "date_basis": "inferred"})
    'Article of 16 Dec 2023 (date inferred), outlet not stated'
    """
    on = amounts.day(src.get("published"))
    if src.get("date_basis") not in (None, "stated"):
        on += f" (date {src['date_basis']})"
    outlet, headline = src.get("outlet"), src.get("headline")
    if outlet and headline:
        return f"{outlet}: “{headline}”, {on}"
    if headline:
        return f"“{headline}”, {on}, outlet not stated"
    if outlet:
        return f"{outlet}, article of {on}, headline not stated"
    return f"Article of {on}, outlet not stated"


def dates(row) -> str:
    """The feature's date or range as people read it ("12–13 Dec 2023"), or "" when the text gives none."""
    start, end = row.get("date_start"), row.get("date_end")
    return amounts.period(start, end) if isinstance(start, str) else ""


def funding_lines(funding: list[dict]) -> list[str]:
    """Plain-text lines, one per funding item, each headed by its kind of money (kinds never added)."""
    return [f"{heading}: {line}" for heading, line in amounts.labelled_lines(funding)]


def status_history_lines(row) -> list[str]:
    """ "2023-12-16: grant aid in preparation (“preparing to provide grant aid”)", one per article, oldest first."""
    return [f"{s['reported']}: {s['value']} (“{s['text']}”)" for s in row.get("status_history") or []]


def excerpt(quote: str, limit: int = EXCERPT) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def tooltip_html(row) -> str:
    return esc(row["name"])


def popup_html(row) -> str:
    """The popup of a feature: name, partners, status, dates, funding, precision and each source."""
    parts = [f'<div class="vnmap-popup" data-feature-id="{esc(row["id"])}" style="max-width:340px;font:13px sans-serif">', f"<b>{esc(row['name'])}</b>"]
    facts = [("Partners", ", ".join(row["partner_names"]) or "none"), ("Status", row.get("status")), ("Date", dates(row))]
    for label, value in facts:
        if value:
            parts.append(f"<div><i>{esc(label)}:</i> {esc(value)}</div>")
    history = status_history_lines(row)
    if history:
        parts.append("<div><i>Status as reported:</i><ul class='vnmap-status-history' style='margin:2px 0 0 16px;padding:0'>")
        parts.extend(f"<li>{esc(line)}</li>" for line in history)
        parts.append("</ul></div>")
    for heading, line in amounts.labelled_lines(row["funding"]):
        parts.append(f"<div class='vnmap-money'><i>{esc(heading)}:</i> {esc(line)}</div>")
    for fig in row.get("figures") or []:
        parts.append(f"<div><i>Figure:</i> {esc(fig['value'])} {esc(fig['label'])}</div>")
    parts.append(f"<div><i>Location:</i> precision {esc(row['precision'])} — {esc(describe(int(row['precision'])))} ({esc(row['location_reach'])})</div>")
    if _text(row.get("note")):
        parts.append(f"<div class='vnmap-note'><i>Note:</i> {esc(row['note'])}</div>")
    parts.append("<div><i>Sources:</i><ul style='margin:2px 0 0 16px;padding:0'>")
    for src in row["sources"]:
        parts.append(f"<li><span class='vnmap-source'>{esc(source_label(src))}</span>: “{esc(excerpt(plain(src['quote'])))}”</li>")
    parts.append("</ul></div></div>")
    return "".join(parts)


USD_COLUMNS = {flow: f"{amounts.HEADINGS[flow].lower()} (USD)" for flow in FLOWS}


def table(features) -> pd.DataFrame:
    """The sortable table of features in view: one USD column per kind of money, never one sum of all."""
    columns = {
        "id": features["id"].to_numpy(),
        "name": features["name"].to_numpy(),
        "kind": features["kind"].to_numpy(),
        "category": features["category"].to_numpy(),
        "partners": features["partners"].map(", ".join).to_numpy(),
        "status": features["status"].fillna("").to_numpy(),
        "date": [amounts.period(s, e) if isinstance(s, str) else "" for s, e in zip(features["date_start"], features["date_end"], strict=True)],
        "start": features["date_start"].where(features["date_start"].map(lambda v: isinstance(v, str)), "").to_numpy(),
    }
    for flow, title in USD_COLUMNS.items():
        columns[title] = features["funding"].map(lambda fs, flow=flow: amounts.usd_total(fs, flow)).astype("float64").to_numpy()
    columns["precision"] = features["precision"].astype(int).to_numpy()
    columns["sources"] = features["sources"].map(len).to_numpy()
    return pd.DataFrame(columns)


def funding_table(row) -> pd.DataFrame:
    """The feature's money, one row per amount, its kind first."""
    return pd.DataFrame(
        [
            {
                "kind": amounts.heading(f),
                "stated": amounts.line(f),
                "amount": f["amount"],
                "currency": f["currency"],
                "amount (USD)": f["amount_usd"],
                "USD per unit": f["fx_rate"],
                "rate date": f["fx_date"],
                "instrument": f["instrument"],
                "quote": plain(f["quote"]),
            }
            for f in amounts.labelled_order(row["funding"])
        ],
        columns=["kind", "stated", "amount", "currency", "amount (USD)", "USD per unit", "rate date", "instrument", "quote"],
    )


def evidence_html(src: dict) -> str:
    """One source for the detail panel: the quote without markup, then its outlet and headline (or the fallback),
    escaped for HTML and for Markdown (the panel renders it with st.markdown).

    Examples
    --------
    >>> evidence_html({"quote": "Kishida** has <b>decided", "published": "2023-12-16", "date_basis": "stated"})
    '<blockquote class="vnmap-evidence">“Kishida has &lt;b&gt;decided”<br>— <i>Article of 16 Dec 2023&#44; outlet not stated</i></blockquote>'
    >>> "](" in evidence_html({"quote": "[x](https://evil.example)", "published": "2023-12-16", "date_basis": "stated"})
    False
    """
    return f'<blockquote class="vnmap-evidence">“{markup.html_md(plain(src["quote"]))}”<br>— <i>{markup.html_md(source_label(src))}</i></blockquote>'


def note_text(row) -> str:
    """The feature's caveat (context from outside the articles), or "" when it has none: shown in the panel, not only in a cell."""
    note = row.get("note")
    return note.strip() if _text(note) else ""


def properties_table(row) -> pd.DataFrame:
    """Every scalar property of the feature, as text."""
    keys = [
        "id",
        "name",
        "kind",
        "category",
        "partners",
        "status",
        "status_text",
        "status_history",
        "date_start",
        "date_end",
        "date_precision",
        "date_basis",
        "places",
        "precision",
        "precision_label",
        "location_reach",
        "geocoder",
        "gazetteer_id",
        "geonames_id",
        "placement",
        "note",
    ]
    out = [{"property": "date", "value": dates(row)}]  # the range as people read it, then its ISO parts
    for key in keys:
        value = "; ".join(status_history_lines(row)) if key == "status_history" else row.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        out.append({"property": key, "value": "" if value is None or (isinstance(value, float) and value != value) else str(value)})
    return pd.DataFrame(out)


def reader_html(text: str, spans: list[tuple[int, int]], mark_id: str = "q") -> str:
    """The article text, escaped, with the quoted spans highlighted (<mark>), paragraphs kept.

    Spans are offsets into the stored text; its stray `**` markup is dropped only when shown.

    Examples
    --------
    >>> reader_html("a <b> quote here", [(2, 5)])
    '<div class="vnmap-reader"><p>a <mark id="q-0">&lt;b&gt;</mark> quote here</p></div>'
    """
    pieces, at = [], 0
    for i, (start, end) in enumerate(sorted(spans)):
        if start < at:  # overlapping quotes: extend the previous highlight
            start = at
        if start >= end:
            continue
        pieces.append(esc(plain(text[at:start])))
        pieces.append(f'<mark id="{mark_id}-{i}">{esc(plain(text[start:end]))}</mark>')
        at = end
    pieces.append(esc(plain(text[at:])))
    body = "".join(pieces).strip("\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return f'<div class="vnmap-reader">{paragraphs}</div>'


def related(features, feature_id: str) -> dict[str, list[tuple[str, str]]]:
    """For each article of the feature: the other features citing it, as (id, name)."""
    row = features.set_index("id").loc[feature_id]
    out = {}
    for article in row["articles"]:
        others = features[(features["id"] != feature_id) & features["articles"].apply(lambda a, art=article: art in a)]
        out[article] = list(zip(others["id"], others["name"], strict=True))
    return out


def candidate_popup_html(candidate: dict) -> str:
    """The popup of an unreviewed candidate: its proposed fields and the sentence it comes from, escaped."""
    e = candidate["entry"]
    parts = [
        '<div class="vnmap-popup vnmap-unreviewed" style="max-width:340px;font:13px sans-serif">',
        f"<b>Unreviewed: {esc(e['name'])}</b>",
        f"<div><i>Kind:</i> {esc(e['kind'])} · {esc(e['category'])}</div>",
        f"<div><i>Partners:</i> {esc(', '.join(e['partners']) or 'none')}</div>",
    ]
    if e.get("status"):
        parts.append(f"<div><i>Status:</i> {esc(e['status']['value'])}</div>")
    if e.get("when"):
        parts.append(f"<div><i>Date:</i> {esc(e['when']['text'])}</div>")
    for f in e.get("funding", []):
        parts.append(f"<div class='vnmap-money'><i>{esc(amounts.heading(f))}:</i> {esc(f['text'])} ({esc(f['instrument'])})</div>")
    for ev in e["evidence"]:
        parts.append(f"<div><i>Source:</i> “{esc(excerpt(ev['quote']))}”</div>")
    parts.append("</div>")
    return "".join(parts)
