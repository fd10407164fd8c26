"""The ``concord`` command: Django's management commands, and Concord's own, under one name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.settings")
    from django.core.management import execute_from_command_line

    from concord.audit.context import changes_from

    with changes_from("cli"):
        execute_from_command_line(["concord", *sys.argv[1:]])


if __name__ == "__main__":
    main()
