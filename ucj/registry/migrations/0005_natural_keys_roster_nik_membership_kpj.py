"""Natural keys of the roster and membership imports (issue 15): a roster entry is its
list + hashed NIK (+ the NIK's occurrence in the list, so a repeated person stays for
the reconciliation to report), a membership entry its list + hashed NIK + KPJ.

Existing rows: a repeated NIK in a roster gets occurrences 1, 2… by id; membership
rows that would break the new key are removed, keeping the newest (highest id)."""

from django.db import migrations, models
from django.db.models import Count, Max


def number_repeats(apps, schema_editor):
    entry = apps.get_model("registry", "RosterEntry")
    repeated = (
        entry.objects.values("roster_id", "nik_hash").annotate(n=Count("id")).filter(n__gt=1)
    )
    changed = []
    for group in repeated.iterator():  # only repeated NIKs, rare: not the whole table
        rows = entry.objects.filter(
            roster_id=group["roster_id"], nik_hash=group["nik_hash"]
        ).order_by("id")
        for i, row in enumerate(rows, start=1):
            row.occurrence = i
            changed.append(row)
    entry.objects.bulk_update(changed, ["occurrence"], batch_size=1000)


def dedupe_membership(apps, schema_editor):
    entry = apps.get_model("registry", "MembershipEntry")
    newest = (
        entry.objects.values("membership_list_id", "nik_hash", "kpj")
        .annotate(newest=Max("id"))
        .values("newest")
    )
    entry.objects.exclude(id__in=newest).delete()  # one DELETE of every older twin


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_drop_roster_birth_date"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="rosterentry",
            name="uniq_roster_row",
        ),
        migrations.AddField(
            model_name="rosterentry",
            name="occurrence",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="kemunculan"),
        ),
        migrations.RunPython(number_repeats, migrations.RunPython.noop),
        migrations.RunPython(dedupe_membership, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="membershipentry",
            constraint=models.UniqueConstraint(
                fields=("membership_list", "nik_hash", "kpj"), name="uniq_membership_entry"
            ),
        ),
        migrations.AddConstraint(
            model_name="rosterentry",
            constraint=models.UniqueConstraint(
                fields=("roster", "nik_hash", "occurrence"), name="uniq_roster_nik"
            ),
        ),
    ]
