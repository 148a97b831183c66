"""Demo log-ins for each scoped role, so the demo shows what each one may see and do."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from ucj.accounts.models import Role, RoleAssignment
from ucj.regions.models import Region

# Same password as the `demo` (national analyst) log-in of `ucj demo`; demo data only.
DEMO_PASSWORD = "demo-ucj-2026"
DEMO_USERS = (
    ("demo_jambi", Role.PROVINCE, "15", "petugas provinsi Jambi / Jambi province officer"),
    ("demo_sarolangun", Role.KABKOTA, "15.03", "petugas Kab. Sarolangun / kab/kota officer"),
    ("demo_bpjs", Role.BRANCH, "15.03", "kantor cabang BPJS TK / BPJS TK branch"),
)


def load(stdout: Any) -> None:
    users = get_user_model().objects
    for username, role, code, label in DEMO_USERS:
        region = Region.objects.filter(code=code).first()
        if region is None:
            continue  # region master not loaded: nothing to scope to
        user, created = users.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        RoleAssignment.objects.get_or_create(user=user, role=role, region=region)
        stdout.write(f"akun: login {username} / {DEMO_PASSWORD} ({label})\n")
