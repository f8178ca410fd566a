"""GoalAnswer.dont_know: which NULL areas were answered "Don't know".

Rows stored before it could not tell, so they start at 0: unanswered.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("responses", "0002_open_link_counter"),
    ]

    operations = [
        migrations.AddField(
            model_name="goalanswer",
            name="dont_know",
            field=models.PositiveSmallIntegerField(default=0),
        ),
    ]
