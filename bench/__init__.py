"""Benchmarks: the dashboard's cost curve against plain folium, on synthetic corpora. Run ``python -m bench``."""
