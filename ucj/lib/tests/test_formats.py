from decimal import Decimal

from ucj.lib import formats


def test_numbers_and_money_in_indonesian_style():
    assert formats.number(1234567) == "1.234.567"
    assert formats.number(43.5, 1) == "43,5"
    assert formats.percent(43.5, 1) == "43,5%"
    assert formats.percent(24.8612) == "24,86%"
    assert formats.rupiah(16800) == "Rp16.800"
    assert formats.rupiah_short(4_970_000_000) == "Rp4,97 miliar"
    assert formats.rupiah_short(Decimal("2500000")) == "Rp2,50 juta"
    assert formats.rupiah_short(950_000) == "Rp950.000"
    assert formats.number(None) == "–"
