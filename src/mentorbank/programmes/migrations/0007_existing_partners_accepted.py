from django.db import migrations


def accept_existing_partners(apps, schema_editor):
    """Organisations already taking part (set directly before invitations existed) took part by
    the owner's choice: they become accepted partnerships, so nothing they see changes."""
    Programme = apps.get_model("programmes", "Programme")
    Partnership = apps.get_model("programmes", "Partnership")
    rows = Programme.participating_organisations.through.objects.all()
    Partnership.objects.bulk_create(
        [Partnership(programme_id=r.programme_id, organisation_id=r.organisation_id, state="accepted") for r in rows],
        ignore_conflicts=True,
    )


def forget_partnerships(apps, schema_editor):
    apps.get_model("programmes", "Partnership").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0006_partnership")]

    operations = [migrations.RunPython(accept_existing_partners, forget_partnerships)]
