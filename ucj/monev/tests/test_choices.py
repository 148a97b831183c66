"""Organiser, mode and agenda items accept only their choices, with a clean error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ucj.monev import services
from ucj.monev.models import MonevSession
from ucj.monev.services import SessionInput

pytestmark = pytest.mark.django_db
SESSION = {"date": "2024-10-02", "title": "Monev", "regions": ["15.03"], "held": False}


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"organiser": "siapa saja", "mode": "online"}, "organiser"),
        ({"organiser": "pemprov", "mode": "telepati"}, "mode"),
        ({"organiser": "pemprov", "mode": "online", "agenda_notes": {"x": "y"}}, "agenda_notes"),
    ],
)
def test_api_refuses_values_outside_the_choices(client, personas, extra, field):
    client.force_login(personas.province)
    response = client.post(
        "/api/v1/monev/sessions", {**SESSION, **extra}, content_type="application/json"
    )
    assert response.status_code == 422
    assert field in response.content.decode()
    assert not MonevSession.objects.exists()


def test_service_refuses_them_in_both_languages(personas):
    data = SessionInput(
        date=dt.date(2024, 10, 2),
        title="Monev",
        organiser="siapa saja",
        mode="online",
        region_codes=["15.03"],
        held=False,
    )
    with pytest.raises(ValidationError) as exc:
        services.record_session(personas.province, data)
    text = " ".join(exc.value.messages)
    assert "penyelenggara tidak dikenal" in text and "organiser: unknown value" in text
    assert not MonevSession.objects.exists()
