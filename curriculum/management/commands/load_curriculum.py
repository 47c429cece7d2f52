from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curriculum.content_files import ContentError
from curriculum.services import CONTENT_DIR, curriculum_load


class Command(BaseCommand):
    help = "Load the curriculum content files into the database (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder", type=Path, default=CONTENT_DIR, help="Content folder to load."
        )

    def handle(self, *args, folder, **options):
        try:
            report = curriculum_load(folder=folder)
        except ContentError as error:
            raise CommandError(f"Nothing was loaded. {error}") from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        summary = "Curriculum loaded." if report.changed else "Curriculum already up to date."
        self.stdout.write(self.style.SUCCESS(summary))
