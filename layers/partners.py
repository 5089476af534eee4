"""Partner layers: one per foreign country, plus one for features with no foreign partner."""

from __future__ import annotations

from seeds import countries

NO_PARTNER = "NONE"
NO_PARTNER_NAME = "No foreign partner"


class UnknownPartner(ValueError):
    """A partner value that names no layer; the message lists the valid ones."""


def layer_name(code: str) -> str:
    """The readable name of a partner layer ("JPN" -> "Japan")."""
    return NO_PARTNER_NAME if code == NO_PARTNER else countries.display_name(code)


def layer_keys(partners: list[str]) -> list[str]:
    """The layers a feature with these partners belongs to: each partner's, or the no-partner layer."""
    return list(partners) or [NO_PARTNER]


def parse_partner(value: str, available: list[str]) -> str:
    """An ISO alpha-3 code from a code or country name ("Japan", "jpn", "JP"), checked against `available`.

    Examples
    --------
    >>> parse_partner("Japan", ["CHN", "JPN"]), parse_partner("chn", ["CHN", "JPN"])
    ('JPN', 'CHN')
    """
    valid = ", ".join(f"{c} ({layer_name(c)})" for c in available)
    if value.strip().upper() in (NO_PARTNER, "NO FOREIGN PARTNER") and NO_PARTNER in available:
        return NO_PARTNER
    try:
        code = countries.country(value).alpha_3
    except countries.UnknownCountry:
        raise UnknownPartner(f"unknown partner {value!r}; valid: {valid}") from None
    if code not in available:
        raise UnknownPartner(f"no layer for {value!r} ({code}); valid: {valid}")
    return code
