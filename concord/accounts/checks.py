from django.conf import settings
from django.core.checks import Error, register


@register()
def check_second_factor_roles(app_configs, **kwargs) -> list[Error]:
    """Refuse a CONCORD_2FA_REQUIRED_ROLES that names a kind of role that does not exist."""
    from concord.accounts.models import RoleKind

    unknown = sorted(set(settings.CONCORD_2FA_REQUIRED_ROLES) - set(RoleKind.values))
    if not unknown:
        return []
    return [
        Error(
            f"CONCORD_2FA_REQUIRED_ROLES names unknown roles: {', '.join(unknown)}.",
            hint=f"Use some of: {', '.join(RoleKind.values)}.",
            id="concord.E201",
        )
    ]
