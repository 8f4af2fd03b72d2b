from django.db import migrations, models


def encrypt_secrets(apps, schema_editor):
    from mentorbank.core.crypto import encrypt

    SingleSignOn = apps.get_model("organisations", "SingleSignOn")
    for config in SingleSignOn.objects.exclude(client_secret=""):
        config.client_secret_ciphertext = encrypt(config.client_secret)
        config.save(update_fields=["client_secret_ciphertext"])


def decrypt_secrets(apps, schema_editor):
    from mentorbank.core.crypto import decrypt

    SingleSignOn = apps.get_model("organisations", "SingleSignOn")
    for config in SingleSignOn.objects.exclude(client_secret_ciphertext=""):
        config.client_secret = decrypt(config.client_secret_ciphertext)[:500]
        config.save(update_fields=["client_secret"])


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_singlesignon")]

    operations = [
        migrations.AddField(
            model_name="singlesignon", name="client_secret_ciphertext", field=models.TextField(blank=True)
        ),
        migrations.RunPython(encrypt_secrets, decrypt_secrets),
        migrations.RemoveField(model_name="singlesignon", name="client_secret"),
    ]
