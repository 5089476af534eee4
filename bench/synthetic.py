"""Synthetic features with the seed catalog's shape: partners, funding, two ~200-character quotes, real places."""

from __future__ import annotations

import random

import geopandas as gpd
from shapely.geometry import LineString, Point

from geo.gazetteer import default_gazetteer
from layers import detail
from layers.features import COLUMNS

PARTNERS = ["CHN", "JPN", "USA", "KOR", "IND", "LAO", "KHM"]
NAMES = {"CHN": "China", "JPN": "Japan", "USA": "United States", "KOR": "South Korea", "IND": "India", "LAO": "Laos", "KHM": "Cambodia"}
KINDS = [
    ("project", "rail"),
    ("project", "metro"),
    ("project", "energy"),
    ("project", "port"),
    ("visit", "diplomacy"),
    ("summit", "diplomacy"),
    ("agreement", "diplomacy"),
    ("economic_flow", "trade"),
    ("economic_flow", "investment"),
]
WORDS = (
    "the two sides agreed to deepen cooperation on infrastructure energy and trade while officials said the railway "
    "would be financed by a loan and the port would open next year according to the ministry statement"
).split()


def _quote(rng: random.Random, place: str) -> str:
    words = [rng.choice(WORDS) for _ in range(30)]
    words.insert(rng.randrange(len(words)), place)
    return (" ".join(words).capitalize() + ".")[:200]


def features(n: int, seed: int = 7) -> gpd.GeoDataFrame:
    """`n` synthetic features (EPSG:4326) with the columns of layers.features.COLUMNS; 5% are lines."""
    rng = random.Random(seed)
    gaz = default_gazetteer()
    asia = [p for p in gaz.places.values() if p.gazetteer == "geonames" and p.country in {"VN", "CN", "JP", "KR", "IN", "LA", "KH", "TH"}]
    rows = []
    for i in range(n):
        place = rng.choice(asia)
        kind, category = rng.choice(KINDS)
        partners = sorted(rng.sample(PARTNERS, rng.choice([1, 1, 1, 2])))
        precision = rng.choice([1, 2, 2, 2, 5, 6])
        x, y = place.point.x + rng.uniform(-0.05, 0.05), place.point.y + rng.uniform(-0.05, 0.05)
        if rng.random() < 0.05:
            other = rng.choice(asia).point
            geometry, precision = LineString([(x, y), (other.x, other.y)]), 5
        else:
            geometry = Point(round(x, 6), round(y, 6))
        funding = []
        if rng.random() < 0.6:
            amount = rng.choice([1, 3, 12, 42.3, 150]) * 10 ** rng.choice([6, 9])
            currency = rng.choice(["USD", "JPY", "CNY"])
            rate = {"USD": 1.0, "JPY": 0.0068, "CNY": 0.14}[currency]
            funding = [
                {
                    "amount": amount,
                    "currency": currency,
                    "amount_usd": round(amount * rate, 2),
                    "fx_rate": rate,
                    "fx_date": "2024-07-31",
                    "fx_note": None,
                    "flow": "finance",
                    "instrument": "loan",
                    "text": f"{amount} {currency}",
                    "date_start": None,
                    "date_end": None,
                    "article": f"syn{i % 500:03d}",
                    "quote": _quote(rng, place.name),
                }
            ]
        sources = [
            {
                "article": f"syn{(i + k) % 500:03d}",
                "title": f"Synthetic article {(i + k) % 500}",
                "published": f"2024-0{1 + k}-15",
                "quote": _quote(rng, place.name),
                "start": 0,
                "end": 200,
            }
            for k in range(2)
        ]
        rows.append(
            {
                "id": f"syn-{i:06d}",
                "name": f"{category.title()} {kind} in {place.name}",
                "kind": kind,
                "category": category,
                "partners": partners,
                "partner_names": [NAMES[p] for p in partners],
                "layers": partners,
                "status": "announced",
                "status_text": "announced",
                "status_history": [],
                "funding_summary": "; ".join(detail.funding_lines(funding)),
                "date_start": "2024-03",
                "date_end": None,
                "date_precision": "month",
                "date_basis": "stated",
                "date_text": "March 2024",
                "funding": funding,
                "figures": [],
                "sources": sources,
                "articles": sorted({s["article"] for s in sources}),
                "reported_first": "2024-01-15",
                "reported_last": "2024-02-15",
                "places": [place.name],
                "precision": precision,
                "precision_label": detail.describe(precision),
                "geocoder": "gazetteer",
                "gazetteer_id": [place.key],
                "geonames_id": [place.geonames_id],
                "location_reach": "site",
                "placement": None,
                "note": None,
                "geometry": geometry,
            }
        )
    return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry="geometry", crs="EPSG:4326")
