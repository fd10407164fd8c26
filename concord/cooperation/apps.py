from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "concord.cooperation"
    verbose_name = _("Cooperation requests")

    def ready(self) -> None:
        from concord.cooperation import checks  # noqa: F401  (registers the keys check)
