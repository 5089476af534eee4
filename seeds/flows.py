"""Three kinds of money that no total may add: development finance, investment, economic indicators.

The split follows the OECD DAC / IATI FlowType codelist
(https://iatistandard.org/en/iati-standard/203/codelists/flowtype/): official
flows (10 ODA, 21/22 other official flows) are **finance**; 36 "Private Foreign
Direct Investment" and 37 "Other private flows at market terms" are
**investment**; 40 "Non flow" (GNI, population...) covers what is not a
transfer at all, here trade turnover and shares: an **indicator**. AidData's
Global Chinese Development Finance dataset draws the same line: it records
official finance (ODA-like, OOF-like, vague official finance) and leaves
foreign direct investment and trade out.

Examples
--------
>>> classify("development assistance (ODA)"), classify("foreign direct investment (FDI)"), classify("trade turnover")
('finance', 'investment', 'indicator')
>>> classify("unspecified") is None
True
"""

from __future__ import annotations

import re
from typing import Literal

Flow = Literal["finance", "investment", "indicator"]
FLOWS: tuple[str, ...] = ("finance", "investment", "indicator")
LABELS = {"finance": "development finance", "investment": "investment", "indicator": "economic indicator"}
IATI_FLOW_TYPES = {"finance": "10, 21, 22 (ODA, other official flows)", "investment": "36, 37 (private FDI, private market)", "indicator": "40 (non flow)"}

# Words of an instrument that say its kind; the first kind that matches wins, so "investment loan" is finance.
_RULES: list[tuple[str, str]] = [
    ("finance", r"\bODA\b|development assistance|\bloans?\b|\bgrants?\b|\baid\b|\bcredit\b|energy support|concessional"),
    ("indicator", r"\bturnover\b|\btrade\b|\bexports?\b|\bimports?\b|\bshare\b|\bsurplus\b|\bdeficit\b"),
    ("investment", r"\bFDI\b|\binvest|\bcapital\b|\bequity\b|\bpledge"),
]


def classify(instrument: str | None) -> str | None:
    """The flow an instrument's words name, or None when they name none ("unspecified")."""
    for flow, pattern in _RULES:
        if instrument and re.search(pattern, instrument, re.IGNORECASE):
            return flow
    return None
