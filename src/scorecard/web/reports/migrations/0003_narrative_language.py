"""A narrative per language: every section text names the language it is written in.

Rows saved before this migration were the one text of their section, which every
report showed: they become the text of their edition's first language (English for
an edition without languages), so the report in that language reads exactly as
before, and the other languages fall back to it until someone writes their text.
"""

from typing import Any

from django.db import migrations, models


def first_language_of_old_rows(apps: Any, schema_editor: Any) -> None:
    """Each existing row gets its edition's first language (one UPDATE per edition)."""
    edition_model = apps.get_model("editions", "Edition")
    version_model = apps.get_model("reports", "NarrativeVersion")
    with_rows = version_model.objects.filter(language="").values_list("edition_id", flat=True)
    for pk, languages in edition_model.objects.filter(pk__in=with_rows).values_list(
        "pk", "languages"
    ):
        first = languages[0] if isinstance(languages, list) and languages else "en"
        version_model.objects.filter(edition_id=pk, language="").update(language=str(first))


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0008_edition_texts"),
        ("reports", "0002_frozen_files"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="narrativeversion",
            name="narrative_latest",
        ),
        migrations.AddField(
            model_name="narrativeversion",
            name="language",
            field=models.CharField(blank=True, default="", max_length=10),
        ),
        migrations.RunPython(first_language_of_old_rows, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="narrativeversion",
            index=models.Index(
                fields=["edition", "key", "language", "-created"], name="narrative_latest"
            ),
        ),
    ]
