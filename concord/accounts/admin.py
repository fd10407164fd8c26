"""Read-only admin screens for roles, tokens and invitations.

Roles are granted and ended on their own pages (``/accounts/roles``) and through the API, so that
each grant passes through ``role_grant``; the admin shows them and their history.
"""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from concord.accounts.models import ApiToken, Invitation, Role


@admin.register(Role)
class RoleAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["user", "kind", "party", "body", "instrument", "starts_on", "ends_on"]
    list_filter = ["kind", "ends_on"]
    list_select_related = ["user", "party", "body", "instrument"]
    search_fields = ["user__username", "party__code", "body__code", "note"]


@admin.register(ApiToken)
class ApiTokenAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "name", "prefix"]
    exclude = ["secret_hash"]


@admin.register(Invitation)
class InvitationAdmin(ObjectPermissionsModelAdmin):
    list_display = ["email", "kind", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["invited_by"]
    search_fields = ["email"]
    exclude = ["token_hash"]
