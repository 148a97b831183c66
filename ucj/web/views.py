"""Pages. Each view parses, authorises, calls one domain function, renders."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ucj.regions.models import Region


def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "provinces": Region.objects.provinces().count(),
        "kabkota": Region.objects.kabkota().count(),
    }
    return render(request, "web/home.html", {"counts": counts})
