from django.db import migrations


def forwards(apps, schema_editor):
    from ucj.selection.defaults import ensure_defaults

    ensure_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("selection", "0001_eligibility_schemes_and_selections")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
