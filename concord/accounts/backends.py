from typing import Any

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Check usernames and passwords, and grant nothing: permissions come from roles (rules).

    Django's own backend would also grant the permissions stored on users and groups, a second
    way to give access that no one would see in ``docs/permissions.md``.
    """

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()
