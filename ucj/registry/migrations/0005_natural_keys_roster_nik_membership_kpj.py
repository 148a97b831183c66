"""Natural keys of the roster and membership imports (issue 15): a person once per roster
(roster, hashed NIK) and once per KPJ per membership list (list, hashed NIK, KPJ).

Rows that would break the new keys (the same file imported twice into one list before
the keys existed) are removed first, keeping the newest (highest id) of each key."""

from django.db import migrations, models
from django.db.models import Max


def dedupe(apps, schema_editor):
    for model_name, key in (
        ("RosterEntry", ("roster_id", "nik_hash")),
        ("MembershipEntry", ("membership_list_id", "nik_hash", "kpj")),
    ):
        model = apps.get_model("registry", model_name)
        keep = (
            model.objects.values(*key)
            .annotate(newest=Max("id"))
            .values_list("newest", flat=True)
        )
        # Set-based: one DELETE of every row that is not its key's newest.
        model.objects.exclude(id__in=keep).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_drop_roster_birth_date"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="rosterentry",
            name="uniq_roster_row",
        ),
        migrations.RunPython(dedupe, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="membershipentry",
            constraint=models.UniqueConstraint(
                fields=("membership_list", "nik_hash", "kpj"), name="uniq_membership_entry"
            ),
        ),
        migrations.AddConstraint(
            model_name="rosterentry",
            constraint=models.UniqueConstraint(
                fields=("roster", "nik_hash"), name="uniq_roster_nik"
            ),
        ),
    ]
