# The funding kind moves to `fund_source`; `source` becomes the provenance text that
# every imported figure carries (the intake writer fills it).

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="fundingsource", name="funding_no_dana_desa"),
        migrations.RenameField(
            model_name="fundingsource", old_name="source", new_name="fund_source"
        ),
        migrations.AddField(
            model_name="fundingsource",
            name="source",
            field=models.CharField(blank=True, max_length=300, verbose_name="sumber data"),
        ),
    ]
