"""Issue 14: the full birth date is no longer stored (0003 kept its year)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_birth_year_and_shorter_nik_mask"),
    ]

    operations = [
        migrations.RemoveField(model_name="rosterentry", name="birth_date"),
    ]
