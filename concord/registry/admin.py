"""The secretariat's editing screens for the registry.

Every screen asks the rules (``concord.accounts.rules``) with the object at hand, so that a
secretariat of one body changes only the instruments of that body and its organs; and every
list is filtered in its query to what the person's secretariat roles cover
(``concord.accounts.selectors.in_secretariat_scope``), so that it neither shows nor counts the
rest. Parties, groups and bodies are shared by every instrument: every secretariat sees them.
"""

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, URLField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules.contrib.admin import ObjectPermissionsModelAdmin

from concord.accounts.selectors import in_secretariat_scope
from concord.registry import models
from concord.registry.services import instrument_transition


class ScopedAdmin(ObjectPermissionsModelAdmin):
    """A registry screen whose lists, counts, searches and pages hold only what is in scope."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return in_secretariat_scope(super().get_queryset(request), request.user)


class CitationInline(GenericTabularInline):
    model = models.Citation
    extra = 0
    fields = ["document", "locator", "line_start", "line_end"]


class PartyAliasInline(admin.TabularInline):
    model = models.PartyAlias
    extra = 0
    fields = ["name", "normalized"]


class MembershipInline(admin.TabularInline):
    model = models.GroupMembership
    extra = 0
    autocomplete_fields = ["party"]
    fields = ["party", "since_earliest", "since_latest", "since_precision", "until_precision"]


@admin.register(models.Party)
class PartyAdmin(ScopedAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind", "memberships__group"]
    search_fields = ["code", "name", "official_name", "aliases__name"]
    inlines = [PartyAliasInline, CitationInline]


@admin.register(models.Group)
class GroupAdmin(ScopedAdmin):
    list_display = ["slug", "name"]
    search_fields = ["slug", "name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, CitationInline]


@admin.register(models.Body)
class BodyAdmin(ScopedAdmin):
    list_display = ["code", "name", "acronym", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["code", "name", "acronym"]
    autocomplete_fields = ["parent", "party"]


class RelationInline(admin.TabularInline):
    model = models.InstrumentRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


class ParticipationInline(admin.TabularInline):
    model = models.Participation
    extra = 0
    autocomplete_fields = ["party"]
    fields = ["party", "role", "start_earliest", "start_latest", "start_precision", "note"]


def _transition_action(lifecycle: str, target: str, label):
    def action(modeladmin, request, queryset):
        moved = 0
        for instrument in queryset:
            try:
                instrument_transition(
                    instrument=instrument, lifecycle=lifecycle, target=target, user=request.user
                )
                moved += 1
            except ValidationError as exc:
                modeladmin.message_user(
                    request, f"{instrument}: {' '.join(exc.messages)}", messages.ERROR
                )
        if moved:
            modeladmin.message_user(
                request,
                ngettext("%d instrument moved.", "%d instruments moved.", moved) % moved,
                messages.SUCCESS,
            )

    action.__name__ = f"{lifecycle}_{target}"
    return admin.action(description=label, permissions=["change"])(action)


@admin.register(models.Instrument)
class InstrumentAdmin(ScopedAdmin):
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "symbol",
        "kind",
        "body",
        "adopted_earliest",
        "legal_status",
        "publication",
    ]
    list_filter = ["publication", "legal_status", "kind", "body"]
    list_select_related = ["body"]
    search_fields = ["title", "short_title", "symbol"]
    autocomplete_fields = ["body", "revision_of"]
    date_hierarchy = "adopted_earliest"
    readonly_fields = ["legal_status", "publication"]
    inlines = [RelationInline, ParticipationInline, CitationInline]
    actions = [
        _transition_action("publication", "in_review", _("Send to review")),
        _transition_action("publication", "published", _("Publish")),
        _transition_action("publication", "proposed", _("Return to proposed")),
        _transition_action("legal_status", "adopted", _("Mark adopted")),
        _transition_action("legal_status", "in_force", _("Mark in force")),
        _transition_action("legal_status", "superseded", _("Mark superseded")),
    ]


class AddresseeInline(admin.TabularInline):
    model = models.ProvisionAddressee
    extra = 0
    autocomplete_fields = ["party", "group", "body"]


@admin.register(models.Provision)
class ProvisionAdmin(ScopedAdmin):
    list_display = ["ref", "number", "kind", "verb", "instrument"]
    list_filter = ["kind", "is_bracketed", "has_placeholder"]
    list_select_related = ["instrument"]
    search_fields = ["ref", "text", "instrument__symbol"]
    autocomplete_fields = ["instrument", "parent"]
    show_full_result_count = False
    inlines = [AddresseeInline, CitationInline]


@admin.register(models.Participation)
class ParticipationAdmin(ScopedAdmin):
    list_display = [
        "party",
        "instrument",
        "role",
        "start_earliest",
        "start_precision",
        "end_earliest",
    ]
    list_filter = ["role", "start_precision"]
    list_select_related = ["party", "instrument"]
    search_fields = ["party__name", "party__code", "instrument__title", "instrument__symbol"]
    autocomplete_fields = ["party", "instrument"]
    inlines = [CitationInline]


@admin.register(models.Statement)
class StatementAdmin(ScopedAdmin):
    list_display = ["party", "kind", "self_described_kind", "label", "instrument"]
    list_filter = ["kind"]
    list_select_related = ["party", "instrument"]
    search_fields = ["party__name", "text", "instrument__symbol"]
    autocomplete_fields = ["party", "instrument", "provisions"]
    inlines = [CitationInline]


@admin.register(models.Citation)
class CitationAdmin(ScopedAdmin):
    list_display = ["document", "locator", "line_start", "line_end", "content_type", "object_id"]
    list_filter = ["document", "content_type"]
    search_fields = ["document", "locator"]


@admin.register(models.ResultsNode)
class ResultsNodeAdmin(ScopedAdmin):
    list_display = ["code", "level", "title", "framework"]
    list_filter = ["level"]
    list_select_related = ["framework"]
    search_fields = ["code", "title", "framework__title"]
    autocomplete_fields = ["framework", "parent"]
