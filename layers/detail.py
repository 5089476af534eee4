"""What a reader sees of a feature: popup, table row, detail panel and article reader.

Every piece of text from the catalog or an article is HTML-escaped here, in
one place, before it reaches a page.
"""

from __future__ import annotations

import html
from decimal import Decimal

import pandas as pd

from geo.precision import describe

EXCERPT = 220  # characters of a quote shown in a popup
_SCALES = [(Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")]


def esc(value) -> str:
    """HTML-escaped text of any value (None -> empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def money(amount, currency: str | None) -> str:
    """A readable amount: "42.3 billion JPY", "USD 298.4 million"; "amount not stated" for None.

    Examples
    --------
    >>> money(42300000000, "JPY"), money(298431066.71, "USD"), money(None, None)
    ('42.3 billion JPY', '298.4 million USD', 'amount not stated')
    """
    if amount is None or (isinstance(amount, float) and amount != amount):
        return "amount not stated"
    value = Decimal(str(amount))
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{(value / size).quantize(Decimal('0.1')).normalize():f} {word} {currency}"
    return f"{value.quantize(Decimal('1')):,} {currency}"


def dates(row) -> str:
    """ "2023-12-12 – 2023-12-13 (day)", or "" when the text gives no date."""
    start, end = row.get("date_start"), row.get("date_end")
    if not isinstance(start, str):
        return ""
    span = f"{start} – {end}" if isinstance(end, str) else start
    return f"{span} ({row.get('date_precision')})"


def funding_lines(funding: list[dict]) -> list[str]:
    """Plain-text lines, one per funding item, with its USD value and rate date."""
    lines = []
    for f in funding:
        line = f"{money(f['amount'], f['currency'])} — {f['instrument']}"
        if f.get("amount_usd") is not None and f.get("currency") != "USD":
            line += f" (≈ {money(f['amount_usd'], 'USD')}, ECB rate of {f['fx_date']})"
        elif f.get("fx_note"):
            line += f" ({f['fx_note']})"
        lines.append(line)
    return lines


def excerpt(quote: str, limit: int = EXCERPT) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


def tooltip_html(row) -> str:
    return esc(row["name"])


def popup_html(row) -> str:
    """The popup of a feature: name, partners, status, dates, funding, precision and each source."""
    parts = [f'<div class="vnmap-popup" data-feature-id="{esc(row["id"])}" style="max-width:340px;font:13px sans-serif">', f"<b>{esc(row['name'])}</b>"]
    facts = [("Partners", ", ".join(row["partner_names"]) or "none"), ("Status", row.get("status")), ("Date", dates(row))]
    for label, value in facts:
        if value:
            parts.append(f"<div><i>{esc(label)}:</i> {esc(value)}</div>")
    for line in funding_lines(row["funding"]):
        parts.append(f"<div><i>Funding:</i> {esc(line)}</div>")
    for fig in row.get("figures") or []:
        parts.append(f"<div><i>Figure:</i> {esc(fig['value'])} {esc(fig['label'])}</div>")
    parts.append(f"<div><i>Location:</i> precision {esc(row['precision'])} — {esc(describe(int(row['precision'])))} ({esc(row['location_reach'])})</div>")
    parts.append("<div><i>Sources:</i><ul style='margin:2px 0 0 16px;padding:0'>")
    for src in row["sources"]:
        parts.append(f"<li><span class='vnmap-source'>{esc(src['title'])}</span>: “{esc(excerpt(src['quote']))}”</li>")
    parts.append("</ul></div></div>")
    return "".join(parts)


def table(features) -> pd.DataFrame:
    """The sortable table of features in view (vectorised: it is rebuilt on every rerun)."""
    usd = features["funding"].map(
        lambda fs: sum(f["amount_usd"] for f in fs if f.get("amount_usd") is not None) if any(f.get("amount_usd") is not None for f in fs) else None
    )
    return pd.DataFrame(
        {
            "id": features["id"].to_numpy(),
            "name": features["name"].to_numpy(),
            "kind": features["kind"].to_numpy(),
            "category": features["category"].to_numpy(),
            "partners": features["partners"].map(", ".join).to_numpy(),
            "status": features["status"].fillna("").to_numpy(),
            "date": features["date_start"].where(features["date_start"].map(lambda v: isinstance(v, str)), "").to_numpy(),
            "funding (USD)": usd.to_numpy(),
            "precision": features["precision"].astype(int).to_numpy(),
            "sources": features["sources"].map(len).to_numpy(),
        }
    )


def funding_table(row) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "amount": f["amount"],
                "currency": f["currency"],
                "amount (USD)": f["amount_usd"],
                "USD per unit": f["fx_rate"],
                "rate date": f["fx_date"],
                "instrument": f["instrument"],
                "quote": f["quote"],
            }
            for f in row["funding"]
        ],
        columns=["amount", "currency", "amount (USD)", "USD per unit", "rate date", "instrument", "quote"],
    )


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
    out = []
    for key in keys:
        value = row.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        out.append({"property": key, "value": "" if value is None or (isinstance(value, float) and value != value) else str(value)})
    return pd.DataFrame(out)


def reader_html(text: str, spans: list[tuple[int, int]], mark_id: str = "q") -> str:
    """The article text, escaped, with the quoted spans highlighted (<mark>), paragraphs kept.

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
        pieces.append(esc(text[at:start]))
        pieces.append(f'<mark id="{mark_id}-{i}">{esc(text[start:end])}</mark>')
        at = end
    pieces.append(esc(text[at:]))
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
        parts.append(f"<div><i>Funding:</i> {esc(f['text'])} ({esc(f['instrument'])})</div>")
    for ev in e["evidence"]:
        parts.append(f"<div><i>Source:</i> “{esc(excerpt(ev['quote']))}”</div>")
    parts.append("</div>")
    return "".join(parts)
