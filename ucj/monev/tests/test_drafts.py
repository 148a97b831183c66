"""Draft regulations and their documents: only their region and the national level
(issue 14: /monev/regulasi/N/dokumen/ answered 200 to anyone)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from ucj.accounts.testing import region
from ucj.monev.records import Regulation, RegulationStatus

pytestmark = pytest.mark.django_db


def _regulation(status: str, settings, tmp_path) -> Regulation:
    settings.MEDIA_ROOT = str(tmp_path)
    reg = Regulation(
        region=region("15.03"), kind="perbup", number="9", year=2025, title=f"Rancangan {status}",
        status=status,
    )  # fmt: skip
    reg.document.save("rancangan.pdf", ContentFile(b"%PDF-1.4 rancangan"), save=False)
    reg.save()
    return reg


@pytest.mark.parametrize("status", [RegulationStatus.DRAFT, RegulationStatus.IN_PROCESS])
def test_draft_is_seen_by_its_region_and_national_only(client, personas, settings, tmp_path,
                                                       status) -> None:  # fmt: skip
    reg = _regulation(status, settings, tmp_path)
    url = reverse("monev:regulation_document", args=[reg.pk])
    listing = reverse("monev:regulations")
    assert client.get(url).status_code == 404  # anonymous
    assert reg.title not in client.get(listing).content.decode()
    for who, seen in [("outsider", False), ("branch", False), ("kabkota", True),
                      ("province", True), ("national", True), ("admin", True)]:  # fmt: skip
        client.force_login(getattr(personas, who))
        assert (client.get(url).status_code == 200) is seen, who
        assert (reg.title in client.get(listing).content.decode()) is seen, who
        visible = Regulation.objects.for_user(getattr(personas, who)).filter(pk=reg.pk)
        assert visible.exists() is seen, who


def test_enacted_regulation_stays_public(client, settings, tmp_path) -> None:
    reg = _regulation(RegulationStatus.ENACTED, settings, tmp_path)
    assert client.get(reverse("monev:regulation_document", args=[reg.pk])).status_code == 200
