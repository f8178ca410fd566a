"""Respondent.sector_other / gender_other: the text of an answer stored as "Other".

Rows stored before keep their sector and gender as they were and start with no text.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("responses", "0003_goal_answer_dont_know"),
    ]

    operations = [
        migrations.AddField(
            model_name="respondent",
            name="sector_other",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                max_length=200,
                verbose_name="sector (other, as written)",
            ),
        ),
        migrations.AddField(
            model_name="respondent",
            name="gender_other",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                max_length=200,
                verbose_name="gender (other, as written)",
            ),
        ),
    ]
