"""Coded override reasons: the free-text reason becomes the internal note (never printed); the letter
prints the code's wording, copied onto the determination when it is decided."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0009_pend_workflow_rfi_letter"),
    ]

    operations = [
        migrations.RenameField(model_name="determination", old_name="override_reason", new_name="override_note"),
        migrations.AlterField(
            model_name="determination",
            name="override_note",
            field=models.TextField(blank=True, help_text="The reviewer's internal note; never printed in a letter"),
        ),
        migrations.AddField(
            model_name="determination",
            name="override_code",
            field=models.CharField(
                blank=True,
                help_text="The coded override reason (criteria.OverrideReason.code) of the version",
                max_length=60,
            ),
        ),
        migrations.AddField(
            model_name="determination",
            name="override_wording",
            field=models.TextField(
                blank=True, help_text="What the letter prints for the override: the code's letter wording when decided"
            ),
        ),
    ]
