from django.core.management.base import BaseCommand

from progress.privacy.export import SCHEMA_PATH
from progress.privacy.schema import schema_text


class Command(BaseCommand):
    help = "Write the export's JSON Schema (progress/privacy/export.schema.json) from the models."

    def handle(self, *args, **options):
        SCHEMA_PATH.write_text(schema_text())
        self.stdout.write(f"wrote {SCHEMA_PATH.name}")
