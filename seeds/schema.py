"""The catalog and article schemas (pydantic v2), verified against the article texts.

Every sourced field names a short verbatim `text` ("42.3 billion yen",
"December 12th and 13th", "has decided") that must stand inside one of the
entry's evidence quotes, and every evidence quote must stand verbatim in its
article. Validation needs the articles, passed as the validation context
``{"articles": {id: Article}}``; `seeds.load_catalog` does that.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from seeds import countries, dates, flows, fx, money

Kind = Literal["project", "visit", "summit", "meeting", "agreement", "partnership", "place", "area", "economic_flow"]
Category = Literal["rail", "metro", "energy", "education", "diplomacy", "maritime", "trade", "investment", "port", "aid"]
Reach = Literal["site", "venue", "region", "country"]
GeometryHint = Literal["point", "line", "area"]
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


def _articles(info: ValidationInfo) -> dict:
    articles = (info.context or {}).get("articles")
    if articles is None:
        raise ValueError("validation needs the articles: use seeds.load_catalog()")
    return articles


MATCHED_PREFIX = 20  # a shorter matching start ("The Prime Minister ") says nothing about where a quote was taken from


def _where_it_differs(text: str, quote: str) -> str:
    """Where a near-verbatim quote stands in the article: its character offsets, and where it stops matching."""
    at = text.lower().find(quote.lower())
    if at >= 0:
        return f"; it differs only in case from the article's characters {at}–{at + len(quote)}"
    lo, hi = 0, len(quote)  # the longest prefix of the quote found in the text (a prefix found means every shorter one is)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if quote[:mid] in text else (lo, mid - 1)
    if lo < MATCHED_PREFIX:
        return ""
    at = text.find(quote[:lo])
    return f"; its first {lo} characters match the article's characters {at}–{at + lo}, then it differs: {quote[lo : lo + 20]!r}"


def _closest_sentence(text: str, quote: str) -> str:
    sentences = [s.strip() for s in re.split(r"(?<=[.!?”])\s+|\n+", text) if s.strip()]
    close = difflib.get_close_matches(quote, sentences, n=1, cutoff=0.3)
    return f"; the closest sentence is: {close[0][:160]!r}" if close else ""


class Evidence(Strict):
    """A verbatim quote of an article; `start`/`end` are computed character offsets."""

    article: str
    quote: str = Field(min_length=8)
    start: int | None = None
    end: int | None = None

    @model_validator(mode="after")
    def locate(self, info: ValidationInfo) -> Evidence:
        articles = _articles(info)
        if self.article not in articles:
            raise ValueError(f"unknown article {self.article!r}; known: {', '.join(sorted(articles))}")
        text = articles[self.article].text
        at = text.find(self.quote)
        if at < 0:
            raise ValueError(
                f"quote not found in article {self.article}: {self.quote[:80]!r}{_where_it_differs(text, self.quote)}{_closest_sentence(text, self.quote)}"
            )
        self.start, self.end = at, at + len(self.quote)
        return self


class Sourced(Strict):
    """A field stated by a short verbatim `text` inside one of its entry's evidence quotes.

    `article` picks the evidence when the text stands in several; the entry
    fills `source` with the evidence that holds it.
    """

    text: str = Field(min_length=1)
    article: str | None = None
    source: Evidence | None = None


class When(Sourced):
    """A date or a range, resolved from its `text` against its article's date.

    `start`/`end` may be written in the catalog for readers; they must then
    equal what the text resolves to.
    """

    start: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    end: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    precision: Literal["day", "month", "year"] | None = None
    basis: str | None = None

    @field_validator("start", "end", mode="before")
    @classmethod
    def iso_text(cls, value):
        # YAML reads 2023-12-16 as a date and 2008 as an int; both mean the ISO text.
        return value.isoformat() if isinstance(value, dt.date) else str(value) if isinstance(value, int) else value

    def resolve(self, article: Article) -> None:
        found = dates.find_dates(self.text, article.date)
        if len(found) != 1:
            raise ValueError(f"date text {self.text!r} holds {len(found)} date expressions; expected exactly one")
        mention = found[0]
        for name, written, resolved in (("start", self.start, mention.date_start), ("end", self.end, mention.date_end)):
            if written is not None and written != resolved:
                raise ValueError(f"{name} {written} is not what {self.text!r} states ({resolved}, read against {article.id} dated {article.date})")
        self.start, self.end, self.precision = mention.date_start, mention.date_end, mention.precision
        self.basis = "stated" if mention.explicit else f"resolved against the article date {article.date} ({article.date_basis_kind})"


# A status text ending in one of these ("taking place shortly after") describes another event than the entry's own.
_RELATIONAL_END = re.compile(r"\b(?:after|before|following|since|until|than|ahead of|prior to)\W*$", re.IGNORECASE)


class Status(Sourced):
    """The status as the text states it: `value` is the label, `text` the words that say it.

    The text must describe the entry's own event: one that ends in "after" or "before"
    says what came after or before it, which is another event's status.
    """

    value: str = Field(min_length=2)

    @field_validator("text")
    @classmethod
    def own_event(cls, value: str) -> str:
        if _RELATIONAL_END.search(value):
            raise ValueError(f"status text {value!r} ends in a relation to this event, so it describes another one; quote the words about this event")
        return value


class StatusStep(Status):
    """The status one article reports, dated by that article (`article` is required)."""

    article: str
    reported: dt.date | None = None


class Funding(Sourced):
    """Money (or support with no amount stated) for a feature, of one kind: its `flow`.

    `flow` is development finance (`finance`: ODA, loans, grants), `investment`
    (FDI, capital pledges) or an economic `indicator` (trade turnover, shares),
    after the IATI/OECD DAC flow types (see `seeds.flows`); kinds are never
    added together. When not written it is read from the instrument's words,
    and a written flow that contradicts them is refused. `terms` (finance only)
    are the quote's words for the conditions ("0.1% interest over 40 years").
    `text` holds the amount ("42.3 billion yen"), parsed by code; when it
    holds none, the amount is not stated and stays empty. `amount` and
    `currency`, if written, must equal what the text states.
    """

    flow: flows.Flow | None = None
    instrument: str = Field(min_length=2)
    terms: str | None = Field(default=None, min_length=3)
    amount: float | None = None
    currency: str | None = None
    when: When | None = None
    amount_usd: float | None = None
    fx_rate: float | None = None
    fx_date: dt.date | None = None
    fx_note: str | None = None

    @model_validator(mode="after")
    def kind_of_money(self) -> Funding:
        named = flows.classify(self.instrument)
        if self.flow is None and named is None:
            raise ValueError(f"flow not stated and instrument {self.instrument!r} does not name one: add flow: {', '.join(flows.FLOWS)}")
        if self.flow is not None and named is not None and named != self.flow:
            raise ValueError(f"flow {self.flow!r} contradicts instrument {self.instrument!r}, which is {named!r}")
        self.flow = self.flow or named
        if self.terms is not None and self.flow != "finance":
            raise ValueError(f"terms are stated only for development finance, not {self.flow!r}")
        return self

    @field_validator("currency")
    @classmethod
    def iso_currency(cls, value: str | None) -> str | None:
        if value is not None and not money.is_iso_currency(value):
            raise ValueError(f"unknown currency {value!r}: not an ISO 4217 code")
        return value

    def parse(self, fallback_date: dt.date) -> None:
        if self.terms is not None and self.source is not None and self.terms not in self.source.quote:
            raise ValueError(f"terms {self.terms!r} are not in the quote that states {self.text!r}")
        found = money.find_money(self.text)
        if len(found) > 1:
            raise ValueError(f"funding text {self.text!r} holds {len(found)} amounts; quote one")
        if not found:
            if self.amount is not None or self.currency is not None:
                raise ValueError(f"amount {self.amount} {self.currency} is not stated in {self.text!r}")
            return
        stated = found[0]
        if self.amount is not None and self.amount != stated.amount_number:
            raise ValueError(f"amount {self.amount} is not in the quote: {self.text!r} states {stated.amount_number}")
        if self.currency is not None and self.currency != stated.currency:
            raise ValueError(f"currency {self.currency} is not in the quote: {self.text!r} states {stated.currency}")
        self.amount, self.currency = stated.amount_number, stated.currency
        on = dates.last_day(self.when.end or self.when.start) if self.when else fallback_date
        usd = fx.to_usd(stated.amount, stated.currency, min(on, fallback_date))
        self.amount_usd, self.fx_rate, self.fx_date, self.fx_note = usd.amount_usd, usd.fx_rate, usd.fx_date, usd.note


class Figure(Sourced):
    """A stated count or quantity that is not money ("24 agreements")."""

    label: str
    value: int | None = None

    def parse(self) -> None:
        numbers = re.findall(r"\d+(?:,\d{3})*", self.text)
        if len(numbers) != 1:
            raise ValueError(f"figure text {self.text!r} must hold exactly one number")
        stated = int(numbers[0].replace(",", ""))
        if self.value is not None and self.value != stated:
            raise ValueError(f"value {self.value} is not in the quote: {self.text!r} states {stated}")
        self.value = stated


class Entry(Strict):
    """One map feature of the catalog."""

    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=3)
    kind: Kind
    category: Category
    partners: list[str] = Field(default_factory=list)
    status: Status | None = None
    when: When | None = None
    places: list[str] = Field(min_length=1)
    geometry_hint: GeometryHint = "point"
    reach: Reach
    funding: list[Funding] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)
    note: str | None = None
    status_history: list[StatusStep] = Field(default_factory=list)  # per article, oldest report first; the last is `status`
    site_source: str | None = Field(default=None, min_length=10)  # the public source of a site the article does not name
    undated: str | None = Field(default=None, min_length=10)  # why a date stated in the same passage does not carry to this entry
    precision: int | None = Field(default=None, ge=1, le=8)  # a coarser precision code than the gazetteer's, explained in `note`

    @field_validator("partners")
    @classmethod
    def iso_partners(cls, value: list[str]) -> list[str]:
        codes = []
        for code in value:
            record = countries.country(code) if len(code) == 3 and code.isupper() else None
            if record is None or record.alpha_3 != code:
                raise ValueError(f"partner {code!r} is not an ISO 3166-1 alpha-3 code")
            if code == countries.HOME:
                raise ValueError("VNM is implied in every feature; list only foreign partners")
            if code in codes:
                raise ValueError(f"partner {code} is listed twice")
            codes.append(code)
        return codes

    @model_validator(mode="after")
    def verify(self, info: ValidationInfo) -> Entry:
        articles = _articles(info)
        for code in self.partners:
            if not any(countries.mentions(e.quote, code) for e in self.evidence):
                raise ValueError(f"partner {code} is not named in any evidence quote (by {', '.join(countries.mention_words(code))})")
        if self.geometry_hint == "line" and len(self.places) < 2:
            raise ValueError("geometry_hint 'line' needs at least two places, in order")
        if self.precision is not None and not self.note:
            raise ValueError("precision: a precision set by hand needs a note saying why")
        if self.when and self.undated:
            raise ValueError("undated: the entry has a date; drop the reason it has none")
        for field, item in self.sourced_fields():
            try:
                item.source = self._holding(item)
                article = articles[item.source.article]
                if isinstance(item, When):
                    item.resolve(article)
                elif isinstance(item, Funding):
                    if item.when:
                        item.when.source = self._holding(item.when)
                        item.when.resolve(articles[item.when.source.article])
                    item.parse(article.date)
                elif isinstance(item, Figure):
                    item.parse()
                elif isinstance(item, StatusStep):
                    item.reported = article.published
            except ValueError as exc:
                raise ValueError(f"{field}: {exc}") from None
        self._check_history()
        return self

    def _check_history(self) -> None:
        steps = self.status_history
        if not steps:
            return
        if len({s.article for s in steps}) != len(steps):
            raise ValueError("status_history: one step per article")
        if [s.reported for s in steps] != sorted(s.reported for s in steps):
            raise ValueError("status_history: steps must run from the oldest article to the newest")
        last = steps[-1]
        if self.status is None or (self.status.value, self.status.text) != (last.value, last.text):
            raise ValueError(f"status: the current status must be the newest report of status_history ({last.value!r}, {last.text!r})")

    def sourced_fields(self):
        """(field path, item) for every field that must be stated by the evidence."""
        if self.status:
            yield "status", self.status
        if self.when:
            yield "when", self.when
        for i, item in enumerate(self.funding):
            yield f"funding[{i}]", item
        for i, item in enumerate(self.figures):
            yield f"figures[{i}]", item
        for i, item in enumerate(self.status_history):
            yield f"status_history[{i}]", item

    def _holding(self, item: Sourced) -> Evidence:
        for evidence in self.evidence:
            if (item.article in (None, evidence.article)) and item.text in evidence.quote:
                return evidence
        where = f" of article {item.article}" if item.article else ""
        raise ValueError(f"text {item.text!r} is not in any evidence quote{where}")


class Article(Strict):
    """A seed article's metadata; `text` is read from its file by the loader."""

    id: str
    headline: str | None = None
    outlet: str | None = None
    author: str | None = None
    given_title: str | None = None  # a title given by the person who added the article, when the text states none
    published: dt.date
    date_basis: str = Field(pattern=r"^(stated|inferred: .{10,}|given: .{3,})$")
    date_evidence: list[str] = Field(default_factory=list)
    text: str = Field(default="", repr=False)

    @property
    def date(self) -> dt.date:
        return self.published

    @property
    def title(self) -> str:
        """The headline, or for an untitled article its date and opening words."""
        if self.headline or self.given_title:
            return self.headline or self.given_title
        words = self.text.split()[:9]
        return f"Untitled, {self.published:%-d %B %Y}: “{' '.join(words)}…”"

    @property
    def date_basis_kind(self) -> str:
        return self.date_basis.split(":")[0]

    @model_validator(mode="after")
    def verify(self) -> Article:
        for field in ("headline", "outlet", "author"):
            value = getattr(self, field)
            if value is not None and value not in self.text:
                raise ValueError(f"{field} {value!r} is not stated in the article text")
        for quote in self.date_evidence:
            if quote not in self.text:
                raise ValueError(f"date_evidence {quote!r} is not in the article text")
        if self.date_basis == "stated" and self.published.isoformat() not in self.text:
            raise ValueError(f"date_basis is 'stated' but {self.published} is not in the article text")
        if self.date_basis.startswith("inferred") and not self.date_evidence:
            raise ValueError("an inferred date needs date_evidence: the article's words it is inferred from")
        return self


class Exclusion(Strict):
    """A place name the articles use that is deliberately not a map feature."""

    name: str
    reason: Literal["biography", "metonym", "vague region", "not a place"]
    evidence: Evidence
    note: str | None = None
