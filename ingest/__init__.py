"""The geoparser: new article text → place, money, date and partner mentions → candidate catalog entries
→ reviewed entries in seeds/. Reading (`reading`), sentences, place mentions (`mentions`), traps,
candidates, the pipeline (`geoparse.ingest`), review (accept), coverage of the seeds, and batch (Dask)."""

from ingest.geoparse import DateOut, IngestResult, MoneyOut, PlaceOut, article_date, ingest
from ingest.reading import MAX_BYTES, SUFFIXES, ArticleError, read_article, read_article_file

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "ArticleError",
    "DateOut",
    "IngestResult",
    "MoneyOut",
    "PlaceOut",
    "article_date",
    "ingest",
    "read_article",
    "read_article_file",
]
