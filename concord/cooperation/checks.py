"""The settings check: production must name its own cooperation keys."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from concord.cooperation.crypto import GENERATE_KEY, SETTING, fernet


def check_cooperation_keys(app_configs, **kwargs) -> list[CheckMessage]:
    """Refuse production without CONCORD_COOPERATION_KEYS, and any key that is not a Fernet key."""
    if not getattr(settings, SETTING, None):
        return [
            Error(
                _(
                    "%(setting)s is empty: production needs its own keys to encrypt cooperation "
                    "requests (development's fixed key is public)."
                )
                % {"setting": SETTING},
                hint=_(
                    "Make a key with %(command)s and set %(setting)s to it (comma-separated keys: "
                    "the first encrypts, all decrypt)."
                )
                % {"command": GENERATE_KEY, "setting": SETTING},
                id="concord.cooperation.E001",
            )
        ]
    try:
        fernet()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="concord.cooperation.E002")]
    return []


register(check_cooperation_keys, Tags.security, deploy=False)
