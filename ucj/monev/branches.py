"""BPJS TK branch offices (kantor cabang) that data requests are addressed to, with the
regions each serves. A table, not code: administrators enter the offices in the admin
(no list of offices and their areas is published in the sources of FACTS.md, so none
is invented here); the demo adds its one example office, marked '(contoh)'.

A data request names one office from this table; when the office lists the regions it
serves, a request for any other region is refused with the office's regions named.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, allowed_regions
from ucj.lib.bilingual import pair
from ucj.regions.models import Region


class BranchOffice(models.Model):
    name = models.CharField(_("nama kantor cabang"), max_length=200, unique=True)
    regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("wilayah yang dilayani")
    )
    active = models.BooleanField(_("aktif"), default=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kantor cabang BPJS TK")
        verbose_name_plural = _("kantor cabang BPJS TK")

    def __str__(self) -> str:
        return self.name


def offices_for(user: Any) -> QuerySet[BranchOffice]:
    """Active offices serving a region `user` may make data requests for, and those whose
    area an administrator has not entered yet (they may serve anyone)."""
    from ucj.monev.cycle_models import DataRequest

    mine = allowed_regions(user, CHANGE, DataRequest)
    return (
        BranchOffice.objects.filter(active=True)
        .filter(Q(regions__in=mine) | Q(regions__isnull=True))
        .distinct()
    )


def office_named(name: str) -> BranchOffice:
    """The active office of that name (case aside), or a bilingual ValidationError
    listing the known ones and where an administrator adds a missing one."""
    text = (name or "").strip()
    found = BranchOffice.objects.filter(active=True, name__iexact=text).first()
    if found is None:
        known = ", ".join(BranchOffice.objects.filter(active=True).values_list("name", flat=True))
        raise ValidationError(
            pair(
                _(
                    "Kantor cabang tidak dikenal: '%(name)s' (yang ada: %(known)s); administrator "
                    "menambahkannya di Admin › Kantor cabang BPJS TK"
                ),
                name=text or "-",
                known=known or "-",
            ).joined()
        )
    return found


def check_serves(office: BranchOffice, regions: Sequence[Region]) -> None:
    """An office that lists its regions takes requests for those regions only."""
    served = {r.pk: r.code for r in office.regions.all()}
    if not served:
        return  # the administrator has not entered its area yet: no check possible
    outside = [r.code for r in regions if r.pk not in served]
    if outside:
        raise ValidationError(
            pair(
                _("%(office)s tidak melayani wilayah %(codes)s (melayani: %(served)s)"),
                office=office.name,
                codes=", ".join(outside),
                served=", ".join(sorted(served.values())),
            ).joined()
        )
