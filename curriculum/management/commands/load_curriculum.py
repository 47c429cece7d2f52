from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curriculum.content_files import ContentError
from curriculum.services import CONTENT_DIR, curriculum_load


class Command(BaseCommand):
    help = (
        "Load the curriculum content files into the database (safe to run again). What was "
        "edited in the database since the last load (in the admin) is kept and listed, "
        "unless --overwrite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder", type=Path, default=CONTENT_DIR, help="Content folder to load."
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Take the files' version everywhere, discarding edits made in the database.",
        )

    def handle(self, *args, folder, overwrite, **options):
        try:
            report = curriculum_load(folder=folder, overwrite=overwrite)
        except ContentError as error:
            raise CommandError(f"Nothing was loaded. {error}") from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.kept:
            self.stderr.write(
                self.style.WARNING(
                    f"Kept the database's version of {len(report.kept)} "
                    f"row{'s' if len(report.kept) != 1 else ''} the files do not match:"
                )
            )
            for line in report.kept:
                self.stderr.write(f"  {line}")
            self.stderr.write(
                "To keep these edits, write them to the files with `manage.py dump_curriculum` "
                "and commit the files; to discard them, run `manage.py load_curriculum "
                "--overwrite`."
            )
        summary = "Curriculum loaded." if report.changed else "Curriculum already up to date."
        self.stdout.write(self.style.SUCCESS(summary))
