"""Edition.strict_profile: refuse sector and gender answers that match no choice.

Off for existing editions: such answers are stored as "Other", as the questionnaire offers.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0005_invitation_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="strict_profile",
            field=models.BooleanField(
                db_default=False,
                default=False,
                verbose_name=(
                    "refuse sector and gender answers that match no choice "
                    "(instead of storing “Other”)"
                ),
            ),
        ),
    ]
