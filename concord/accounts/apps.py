from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "concord.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from concord.accounts import checks  # noqa: F401  (registers the settings check)


class ConcordAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with a site that asks the rules who may enter (not the staff flag)."""

    default = False
    default_site = "concord.accounts.adminsite.ConcordAdminSite"
