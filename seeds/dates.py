"""Date expressions in article text, resolved against the article's date.

"December 12th and 13th", "the 16th", "in September", "last month", "on Tuesday",
"from August 18 to 20", "in October 2022", "In the first 7 months of 2024".
Each resolves to an ISO 8601 start (and end, for a range) at the precision
the text gives: day, month or year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from seeds import scan

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<{g}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"


def _m(g: str) -> str:
    return _MONTH.format(g=g)


def _d(g: str) -> str:
    return _DAY.format(g=g)


def _y(g: str) -> str:
    return _YEAR.format(g=g)


_RANGE_SEP = r"\s*(?:and|to|through|until|-|–|—)\s*"
# Order matters: the longest, most specific forms first.
_FORMS = [
    ("iso", rf"\b{_y('y')}-(?P<mn>[01]\d)-{_d('d')}\b"),
    ("first_months", rf"\bfirst (?P<n>\d{{1,2}}) months of {_y('y')}"),
    ("md_range", rf"\b{_m('m')}\s+{_d('d')}{_RANGE_SEP}{_d('d2')}\b(?:,?\s*{_y('y')})?"),
    ("dm_range", rf"\b{_d('d')}{_RANGE_SEP}{_d('d2')}\s+{_m('m')}(?:,?\s*{_y('y')})?"),
    ("mdy", rf"\b{_m('m')}\s+{_d('d')}\b(?:,?\s*{_y('y')})?"),
    ("dmy", rf"\b{_d('d')}\s+(?:of\s+)?{_m('m')}(?:,?\s*{_y('y')})?"),
    ("my", rf"\b{_m('m')},?\s+(?:of\s+)?{_y('y')}"),
    # "the 16th local time", not "the 13th Party Congress" nor "the 16th of December".
    ("the_day", rf"\bthe\s+{_d('d')}\b(?=\s+(?-i:[a-z])|\s*[,.;]|$)(?!\s+of\s)"),
    ("in_month", rf"\b(?:in|since|until|by|during|early|late|mid-)\s*{_m('m')}\b(?!,?\s+(?:of\s+)?(?:19|20)\d\d)"),
    ("year", rf"(?<![\d-]){_y('y')}(?![\d-])"),
    ("relative", r"\b(?P<rel>(?:last|this|next) (?:week|month|year)|yesterday|today|tomorrow)\b"),
    # "on Tuesday": news tells the days of its own week, so the latest such day not after the article's date.
    ("weekday", r"\bon (?P<wd>" + "|".join(WEEKDAYS) + r")\b"),
]
# Group names repeat across forms, so each form's groups are prefixed with its name.
_PATTERN = re.compile(
    "|".join(f"(?P<{name}>" + re.sub(r"\(\?P<(\w+)>", lambda g, n=name: f"(?P<{n}_{g[1]}>", body) + ")" for name, body in _FORMS),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression with its character offsets in the text."""

    text: str
    start: int
    end: int
    date_start: str
    date_end: str | None
    precision: str  # "day", "month" or "year"
    explicit: bool  # True when the text itself gives year, month and day at its precision


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return dt.date(year, month, day).isoformat()


def _month_back(ref: dt.date, month: int) -> int:
    """The year of the latest `month` not after the reference month."""
    return ref.year if month <= ref.month else ref.year - 1


def _resolve(kind: str, g: dict, ref: dt.date) -> tuple[str, str | None, str, bool]:
    get = lambda key: g.get(f"{kind}_{key}")  # noqa: E731
    month = MONTHS.get((get("m") or "").lower().rstrip("."))
    if kind == "iso":
        return _iso(int(get("y")), int(get("mn")), int(get("d"))), None, "day", True
    if kind == "first_months":
        year, n = int(get("y")), int(get("n"))
        return _iso(year, 1), _iso(year, n), "month", True
    if kind in ("md_range", "dm_range", "mdy", "dmy"):
        year = int(get("y")) if get("y") else _month_back(ref, month)
        start = _iso(year, month, int(get("d")))
        end = _iso(year, month, int(get("d2"))) if get("d2") else None
        return start, end, "day", bool(get("y"))
    if kind == "my":
        return _iso(int(get("y")), month), None, "month", True
    if kind == "the_day":
        day = int(get("d"))
        month_of = ref if day <= ref.day else ref.replace(day=1) - dt.timedelta(days=1)
        return _iso(month_of.year, month_of.month, day), None, "day", False
    if kind == "in_month":
        return _iso(_month_back(ref, month), month), None, "month", False
    if kind == "year":
        return _iso(int(get("y"))), None, "year", True
    if kind == "weekday":
        back = (ref.weekday() - WEEKDAYS[get("wd").lower()]) % 7
        return (ref - dt.timedelta(days=back)).isoformat(), None, "day", False
    rel = get("rel").lower()
    if rel in ("yesterday", "today", "tomorrow"):
        day = ref + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[rel])
        return day.isoformat(), None, "day", False
    step = {"last": -1, "this": 0, "next": 1}[rel.split()[0]]
    unit = rel.split()[1]
    if unit == "year":
        return _iso(ref.year + step), None, "year", False
    if unit == "month":
        first = ref.replace(day=1)
        y, m = divmod(first.year * 12 + first.month - 1 + step, 12)
        return _iso(y, m + 1), None, "month", False
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
    return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "day", False


# Every date form holds a month name, a year, an ordinal day, an ISO date or a relative word:
# long texts are searched only around these.
_ANCHOR_WORDS = scan.keyword_automaton(sorted(MONTHS) + sorted(WEEKDAYS) + ["yesterday", "today", "tomorrow", "week", "month", "months", "year"])
_ANCHOR_DIGITS = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}(?:st|nd|rd|th)\b")
_BEFORE, _AFTER = 16, 40  # a date form starts at most a word or two before its anchor and is shorter than this


def _windows(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    return scan.windows(text, scan.anchors(text, _ANCHOR_WORDS, _ANCHOR_DIGITS, folded), _BEFORE, _AFTER)


def find_dates(text: str, reference: dt.date, folded: str | None = None) -> list[DateMention]:
    """Every date expression in `text`, resolved against `reference` (the article's date).

    Examples
    --------
    >>> [(d.date_start, d.date_end) for d in find_dates("on December 12th and 13th", dt.date(2023, 12, 16))]
    [('2023-12-12', '2023-12-13')]
    >>> find_dates("Biden's visit to Hanoi in September", dt.date(2023, 12, 16))[0].date_start
    '2023-09'
    >>> [d.date_start for d in find_dates("The ministers met on Tuesday and signed on Saturday.", dt.date(2023, 12, 16))]
    ['2023-12-12', '2023-12-16']
    """
    found, seen = [], set()
    for w_start, w_end in _windows(text, folded) if len(text) > 4000 else [(0, len(text))]:
        for match in _PATTERN.finditer(text, w_start, w_end):
            if match.start() in seen:
                continue
            kind = match.lastgroup
            try:
                start, end, precision, explicit = _resolve(kind, match.groupdict(), reference)
            except ValueError:  # e.g. "February 30": not a date
                continue
            seen.add(match.start())
            found.append(DateMention(match.group(), match.start(), match.end(), start, end, precision, explicit))
    return found


def parse_date(text: str, reference: dt.date) -> DateMention:
    """The single date expression that `text` is; ValueError when there is none or several."""
    found = find_dates(text, reference)
    if len(found) != 1:
        raise ValueError(f"{text!r} holds {len(found)} date expressions; expected exactly one, e.g. 'December 12th and 13th'")
    return found[0]


def precision_of(iso: str) -> str:
    """ "day", "month" or "year" from the length of an ISO 8601 date string."""
    return {10: "day", 7: "month", 4: "year"}[len(iso)]


def last_day(iso: str) -> dt.date:
    """The last calendar day an ISO date of any precision covers ("2024-07" -> 2024-07-31)."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], parts[1] if len(parts) == 2 else 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def first_day(iso: str) -> dt.date:
    """The first calendar day an ISO date of any precision covers ("2024-07" -> 2024-07-01)."""
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return dt.date(*parts[:3])
