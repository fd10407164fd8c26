from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "concord.audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from concord.audit.context import stamp_source

        pre_create_historical_record.connect(stamp_source, dispatch_uid="concord.audit.source")
