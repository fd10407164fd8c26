"""Uploads in the admin: read only, since every upload and its outcome go through the services."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from concord.ingestion.models import SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "status", "uploaded_by", "uploaded_at", "media_type", "size"]
    list_filter = ["status", "media_type"]
    search_fields = ["original_name", "sha256"]
    list_select_related = ["uploaded_by"]
    # The file is never served, so it is named rather than linked; the text is on the review.
    exclude = ["text", "file"]
    readonly_fields = ["stored_as"]

    @admin.display(description=_("stored as"))
    def stored_as(self, document: SourceDocument) -> str:
        return document.file.name

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
