"""Meeting titles and suggestions per language: a ``texts`` field on Meeting and Suggestion.

The plain fields (``title``, ``text``, ``note``) stay the edition's first language's
text, which every existing row already is (it was the one text every report showed),
so existing rows need no change: an empty ``texts`` means no other language has
written its own yet, and those reports fall back to the first language's text.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_narrative_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="texts",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="suggestion",
            name="texts",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
