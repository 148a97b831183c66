"""Issue 14: no NIK may be rebuilt from stored clear fields. Roster rows kept the masked NIK
(digits 1–6 and 13–16) beside the full birth date and sex, which are digits 7–12. This
keeps the birth YEAR only (valid NIKs), and rewrites every masked NIK to the new mask
(digits 1–4 and 15–16), set-based, on SQLite and PostgreSQL alike."""

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Concat, ExtractYear, Length, Substr

HIDDEN = "*" * 10


def forwards(apps, schema_editor):
    entry = apps.get_model("registry", "RosterEntry")
    member = apps.get_model("registry", "MembershipEntry")
    entry.objects.filter(nik_valid=True, birth_date__isnull=False).update(
        birth_year=ExtractYear("birth_date")
    )
    for model in (entry, member):
        model.objects.annotate(n=Length("nik_masked")).filter(n=16).update(
            nik_masked=Concat(
                Substr("nik_masked", 1, 4),
                Value(HIDDEN),
                Substr("nik_masked", 15, 2),
                output_field=models.CharField(),
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_entries_payer_region_batch"),
    ]

    operations = [
        migrations.AddField(
            model_name="rosterentry",
            name="birth_year",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="tahun lahir"
            ),
        ),
        # Not reversible: the hidden digits are gone, which is the point. The birth_date
        # column goes in the next migration: PostgreSQL refuses to ALTER a table with
        # pending trigger events in the transaction that updated it.
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
