"""A one-month page reads only its window of months, never the whole history (issue 17):
the months behind rank change and projection come from a bounded, newest-first read."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ucj.indicators import data_months, services
from ucj.indicators.models import Participation
from ucj.indicators.tests.helpers import put
from ucj.web.tests import data

pytestmark = pytest.mark.django_db


def test_window_is_the_last_months_with_data_up_to_the_period():
    data.load(provinces=("15",))
    put("15.03", "2015-01", 10)  # ten years earlier, with a gap
    march, april, may = data.MONTHS
    assert data_months.periods_up_to(may, 2) == [april, may]
    assert data_months.periods_up_to(march, 12) == [dt.date(2015, 1, 1), march]
    assert data_months.periods_up_to(dt.date(2014, 1, 1), 12) == []


def test_a_one_month_object_does_not_scan_every_month():
    data.load(provinces=("15",))
    put("15.03", "2015-01", 10)
    table = Participation._meta.db_table.upper()
    with CaptureQueriesContext(connection) as queries:
        obj = services.coverage("15.03", data.MONTHS[-1])
    assert obj["active_participants"] is not None and obj["rank_change"] is not None
    read = [q["sql"].upper() for q in queries.captured_queries]
    read = [sql for sql in read if f'FROM "{table}"' in sql]
    assert read
    bounded = re.compile(r'"?PERIOD"?\)? (<=|<|=|IN|BETWEEN)')
    for sql in read:  # every read of participation is bounded by month
        assert bounded.search(sql), sql
