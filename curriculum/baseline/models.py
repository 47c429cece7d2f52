from django.db import models


class LoadedRow(models.Model):
    """One curriculum row as the content files had it at the last load.

    `key` names the row the way the files do (a slug, "topic/slug", "week 1 day 2"), so it
    survives a row being recreated; `values` holds the file's value for each field."""

    kind = models.CharField(max_length=32)
    key = models.CharField(max_length=255)
    values = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="loaded_row_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"
