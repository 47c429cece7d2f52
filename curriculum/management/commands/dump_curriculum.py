from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curriculum.content_files import ContentError
from curriculum.services import CONTENT_DIR, curriculum_dump


class Command(BaseCommand):
    help = (
        "Write the database's curriculum to the content files, so edits made in the admin can "
        "be reviewed (git diff) and committed. Unedited content leaves its file as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder", type=Path, default=CONTENT_DIR, help="Content folder to write."
        )

    def handle(self, *args, folder, **options):
        try:
            report = curriculum_dump(folder=folder)
        except ContentError as error:
            raise CommandError(f"Nothing was written: the files would not load. {error}") from None
        for label, names in (
            ("changed", report.written),
            ("created", report.created),
            ("deleted", report.deleted),
        ):
            for name in names:
                self.stdout.write(f"  {label}: {name}")
        if report.written or report.created or report.deleted:
            self.stdout.write(
                self.style.SUCCESS(f"Curriculum written to {folder}; review it with git diff.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("The files already hold the database's content."))
