"""Spreadsheet-safe CSV cells (OWASP, "CSV Injection"): text a spreadsheet would run as a formula is made inert.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading apostrophe, which spreadsheets show as nothing and read as "this
is text". Numbers (int, float, and text that is just a number such as "-12.5")
are left alone, so numeric columns stay numeric. `writer` quotes every text cell (a carriage
return inside a name would otherwise end the row for a reader, as only the line terminator's
characters trigger quoting) and leaves numbers bare.
"""

from __future__ import annotations

import csv
import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def cell(value):
    """`value` made safe for a spreadsheet cell; anything but text is returned unchanged."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """A csv.writer whose rows are neutralised cell by cell."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([cell(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(buffer) -> SafeWriter:
    """A spreadsheet-safe CSV writer on `buffer`: text quoted and neutralised, numbers bare, "\\n" line ends."""
    return SafeWriter(csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC))
