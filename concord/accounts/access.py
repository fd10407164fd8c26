"""Who may open each page and call each API operation, as ``docs/permissions.md`` lists it.

Every URL pattern and every API operation must match one declaration here: the permission
matrix test walks the URLconf and the OpenAPI document, so a new page or operation without a
declaration fails it. The outcome a persona gets is then computed from the rules, never typed.
"""

import fnmatch
from dataclasses import dataclass
from typing import Any

ALLOWED = "allowed"
SIGN_IN = "sign-in"  # sent to the sign-in page
UNAUTHORIZED = "401"
FORBIDDEN = "403"
NOT_FOUND = "404"


@dataclass(frozen=True)
class Access:
    """What a page or operation requires.

    ``kind``: ``public``; ``sign-in-page`` (it always sends to the sign-in page); ``signed-in``
    (any person); ``permission`` (a person holding ``permission``); ``admin`` (the admin site,
    then the model permission its screen needs). ``refused`` is what a signed-in person without
    the permission gets: 403, or 404 where the object is one they may not know exists; with
    ``seen_with``, 403 only for those holding that permission (who may know it exists), else 404.
    """

    kind: str
    permission: str = ""
    refused: str = FORBIDDEN
    # What a person who may open it gets, when it is not the page itself (see view_on_site).
    granted: str = ALLOWED
    seen_with: str = ""

    def describe(self) -> str:
        if self.kind == "public":
            return "everyone"
        if self.kind == "sign-in-page":
            return "sends to sign-in (a step of signing in)"
        if self.kind == "signed-in":
            return "signed in"
        if self.kind == "admin":
            extra = f" + `{self.permission}`" if self.permission else ""
            note = (
                f" ({self.granted}: no model has a page to go to yet)"
                if self.granted != ALLOWED
                else ""
            )
            return f"`accounts.use_admin`{extra}{note}"
        if self.seen_with:
            return f"`{self.permission}` (else 403 with `{self.seen_with}`, 404 without)"
        suffix = " (else 404)" if self.refused == NOT_FOUND else ""
        return f"`{self.permission}`{suffix}"


VIEW_REQUEST = "cooperation.view_cooperationrequest"
PUBLIC = Access("public")
SIGNED_IN = Access("signed-in")


def needs(permission: str, *, refused: str = FORBIDDEN) -> Access:
    return Access("permission", permission, refused)


def needs_unseen(permission: str, *, seen_with: str) -> Access:
    """Require ``permission``; refuse with 404 those who may not even know the object exists."""
    return Access("permission", permission, NOT_FOUND, seen_with=seen_with)


# Pages, by "namespace:name" (first match wins).
PAGES: list[tuple[str, Access]] = [
    ("health", PUBLIC),
    ("set_language", PUBLIC),
    ("portal:*", PUBLIC),
    ("accounts:login", PUBLIC),
    # The code step after a right password; without one pending, it sends to sign in.
    ("accounts:login_code", Access("sign-in-page")),
    ("accounts:logout", PUBLIC),
    ("accounts:password_reset*", PUBLIC),
    ("accounts:privacy", PUBLIC),
    ("accounts:invitation_accept", PUBLIC),
    ("accounts:me", SIGNED_IN),
    ("accounts:me_data", SIGNED_IN),  # their own data: accounts.view_person_data on self
    ("accounts:token_*", SIGNED_IN),
    ("accounts:two_factor*", SIGNED_IN),
    ("accounts:role_list", needs("accounts.grant_role")),
    ("accounts:role_grant", needs("accounts.grant_role")),
    ("accounts:role_end", needs("accounts.end_role")),
    ("accounts:invitation_list", needs("accounts.invite")),
    ("accounts:person_list", needs("accounts.view_people")),
    ("accounts:person", needs("accounts.view_people")),
    ("accounts:person_deactivate", needs("accounts.manage_people")),
    ("accounts:person_activate", needs("accounts.manage_people")),
    ("audit:*", needs("accounts.view_audit")),
    # Uploads are the secretariat's shared inbox; a review also checks the instrument's scope.
    # Reporting: public pages check each record (404 for what the caller may not see).
    ("reporting:dashboard", SIGNED_IN),
    ("reporting:cycle_status", needs("reporting.change_reportingcycle")),
    # Its focal points answer every question; a body responsible for indicators it asks the
    # figures of, those figures only.
    ("reporting:submission_edit", needs("reporting.answer_submission", refused=NOT_FOUND)),
    ("reporting:submission_step", SIGNED_IN),
    ("reporting:review_add", needs("reporting.add_review", refused=NOT_FOUND)),
    ("reporting:submission_xlsx", needs("reporting.change_submission", refused=NOT_FOUND)),
    ("reporting:submission_import", needs("reporting.change_submission", refused=NOT_FOUND)),
    ("reporting:evidence_add", needs("reporting.change_submission", refused=NOT_FOUND)),
    ("reporting:evidence_delete", needs("reporting.change_submission", refused=NOT_FOUND)),
    (
        "reporting:recommendation_follow_up",
        needs("reporting.respond_recommendation", refused=NOT_FOUND),
    ),
    ("reporting:calendar", SIGNED_IN),
    # A party's plan: new records under a (public) party; the others may be unknown to the caller.
    ("reporting:action_new", needs("reporting.add_planaction")),
    ("reporting:action_edit", needs("reporting.change_planaction", refused=NOT_FOUND)),
    ("reporting:action_publish", needs("reporting.publish_planaction", refused=NOT_FOUND)),
    ("reporting:project_new", needs("reporting.add_reformproject")),
    ("reporting:project_edit", needs("reporting.change_reformproject", refused=NOT_FOUND)),
    ("reporting:project_publish", needs("reporting.publish_reformproject", refused=NOT_FOUND)),
    ("reporting:project_review", needs("reporting.review_reformproject", refused=NOT_FOUND)),
    # The feed's address carries a signed token: calendar programs cannot sign in.
    ("reporting:*", PUBLIC),
    # Cooperation requests: nobody outside learns one exists (404, as for an id that does not).
    ("cooperation:statistics", PUBLIC),
    ("cooperation:request_list", SIGNED_IN),
    ("cooperation:request_new", needs("cooperation.add_cooperationrequest")),
    ("cooperation:person_new", needs("cooperation.add_personconcerned")),
    ("cooperation:match_decide", needs("cooperation.add_matchdecision", refused=NOT_FOUND)),
    ("cooperation:reply_new", needs_unseen("cooperation.add_reply", seen_with=VIEW_REQUEST)),
    (
        "cooperation:step_new",
        needs_unseen("cooperation.add_noncooperationstep", seen_with=VIEW_REQUEST),
    ),
    ("cooperation:person*", needs("cooperation.view_personconcerned", refused=NOT_FOUND)),
    ("cooperation:*", needs(VIEW_REQUEST, refused=NOT_FOUND)),
    ("directory:contact_new", needs("directory.add_contact")),
    ("directory:contact_edit", needs("directory.change_contact")),
    ("directory:legislation_new", needs("directory.add_legislation")),
    ("directory:legislation_edit", needs("directory.change_legislation")),
    ("indicators:figure_new", needs("indicators.enter_value")),
    ("indicators:pending", needs("indicators.approve_value")),
    ("indicators:review", needs("indicators.approve_value")),
    ("indicators:import_*", needs("indicators.import_values")),
    ("indicators:*", PUBLIC),
    ("resources:contribution_new", needs("resources.add_contribution")),
    ("resources:partner_new", needs("resources.add_resourcepartner")),
    ("resources:priority_new", needs("resources.add_priority")),
    ("resources:rate_new", needs("resources.add_exchangerate")),
    ("resources:need_new", needs("resources.add_need")),
    ("resources:need_edit", needs("resources.change_need", refused=NOT_FOUND)),
    ("resources:modality_new", needs("resources.add_fundingmodality")),
    ("resources:modality_edit", needs("resources.change_fundingmodality")),
    ("resources:publisher_new", needs("resources.add_iatipublisher")),
    ("resources:publisher_edit", needs("resources.change_iatipublisher")),
    ("resources:contribution_*", needs("resources.publish_contribution", refused=NOT_FOUND)),
    ("resources:*", PUBLIC),
    ("directory:meeting_new", needs("directory.add_meeting")),
    ("directory:meeting_edit", needs("directory.change_meeting")),
    ("directory:practice_new", needs("directory.add_bestpractice")),
    ("directory:practice_edit", needs("directory.change_bestpractice")),
    ("directory:*", PUBLIC),
    ("ingestion:upload_*", needs("registry.add_instrument")),
    ("ingestion:*", needs("registry.change_instrument")),
    ("admin:login", Access("sign-in-page")),
    ("admin:logout", PUBLIC),
    # The admin's "view on site" link: no registry model declares its page (get_absolute_url).
    ("admin:view_on_site", Access("admin", granted=NOT_FOUND)),
    ("admin:*", Access("admin")),
]

# API operations, by "METHOD /api/path" (first match wins).
OPERATIONS: list[tuple[str, Access]] = [
    ("GET /api/me", SIGNED_IN),
    ("GET /api/roles", needs("accounts.view_role")),
    ("POST /api/roles", needs("accounts.grant_role")),
    ("DELETE /api/roles/*", needs("accounts.end_role", refused=NOT_FOUND)),
    ("* /api/audit*", needs("accounts.view_audit")),
    ("POST /api/cycles", needs("reporting.add_reportingcycle")),
    ("PUT /api/cycles/{cycle_id}/submissions/{party}", needs("reporting.answer_submission")),
    ("PUT /api/cycles/*/submissions/*", needs("reporting.change_submission")),
    ("POST /api/cycles/*/submissions/*/submit", needs("reporting.submit_submission")),
    ("POST /api/cycles/*/submissions/*/return", needs("reporting.review_submission")),
    ("POST /api/cycles/*/submissions/*/accept", needs("reporting.review_submission")),
    ("POST /api/cycles/*/submissions/*/publish", needs("reporting.publish_submission")),
    ("POST /api/cycles/*/submissions/*/reviews", needs("reporting.add_review")),
    ("POST /api/cycles/*/submissions/*/carry-forward", needs("reporting.change_submission")),
    ("PUT /api/cycles/*/submissions/*/xlsx", needs("reporting.change_submission")),
    ("GET /api/cycles/*/submissions/*/xlsx", needs("reporting.change_submission")),
    ("POST /api/cycles/*/submissions/*/evidence", needs("reporting.change_submission")),
    ("DELETE /api/evidence/*", needs("reporting.change_submission", refused=NOT_FOUND)),
    ("GET /api/cycles/*/late", needs("reporting.change_reportingcycle")),
    ("POST /api/recommendations", needs("reporting.add_recommendation")),
    ("PATCH /api/recommendations/*", needs("reporting.change_recommendation", refused=NOT_FOUND)),
    ("POST /api/recommendations/*/follow-ups", needs("reporting.respond_recommendation")),
    ("POST /api/recommendations/*/publish", needs("reporting.publish_recommendation")),
    ("POST /api/plan-actions", needs("reporting.add_planaction")),
    ("PUT /api/plan-actions/*", needs("reporting.change_planaction", refused=NOT_FOUND)),
    ("POST /api/plan-actions/*/publish", needs("reporting.publish_planaction")),
    ("POST /api/reform-projects", needs("reporting.add_reformproject")),
    ("PUT /api/reform-projects/*", needs("reporting.change_reformproject", refused=NOT_FOUND)),
    ("POST /api/reform-projects/*/publish", needs("reporting.publish_reformproject")),
    ("POST /api/reform-projects/*/reviews", needs("reporting.review_reformproject")),
    ("POST /api/directory/focal-points", needs("directory.add_contact")),
    ("PATCH /api/directory/focal-points/*", needs("directory.change_contact")),
    ("POST /api/directory/legislation", needs("directory.add_legislation")),
    ("PATCH /api/directory/legislation/*", needs("directory.change_legislation")),
    ("POST /api/directory/meetings", needs("directory.add_meeting")),
    ("PATCH /api/directory/meetings/*", needs("directory.change_meeting")),
    ("POST /api/directory/best-practices", needs("directory.add_bestpractice")),
    ("PATCH /api/directory/best-practices/*", needs("directory.change_bestpractice")),
    ("PUT /api/indicators/*/values/*/*", needs("indicators.enter_value")),
    ("POST /api/indicators/*/values/*/*/review", needs("indicators.approve_value")),
    ("POST /api/indicators/*/periods/*/lock", needs("indicators.lock_period")),
    ("POST /api/contributions", needs("resources.add_contribution")),
    ("POST /api/needs", needs("resources.add_need")),
    ("GET /api/cooperation/statistics", PUBLIC),
    ("GET /api/cooperation/requests", SIGNED_IN),
    ("POST /api/cooperation/requests", needs("cooperation.add_cooperationrequest")),
    ("GET /api/cooperation/persons", SIGNED_IN),
    ("POST /api/cooperation/persons", needs("cooperation.add_personconcerned")),
    (
        "POST /api/cooperation/persons/*/matches",
        needs_unseen("cooperation.add_matchdecision", seen_with="cooperation.view_personconcerned"),
    ),
    ("* /api/cooperation/persons/*", needs("cooperation.view_personconcerned", refused=NOT_FOUND)),
    (
        "GET /api/cooperation/requests/*/readings",
        needs_unseen("cooperation.view_reading", seen_with=VIEW_REQUEST),
    ),
    (
        "POST /api/cooperation/requests/*/steps",
        needs_unseen("cooperation.add_noncooperationstep", seen_with=VIEW_REQUEST),
    ),
    (
        "POST /api/cooperation/requests/*/replies",
        needs_unseen("cooperation.add_reply", seen_with=VIEW_REQUEST),
    ),
    (
        "POST /api/cooperation/replies/*/attachments",
        needs_unseen("cooperation.add_reply", seen_with=VIEW_REQUEST),
    ),
    ("* /api/cooperation/*", needs(VIEW_REQUEST, refused=NOT_FOUND)),
    ("GET /api/*", PUBLIC),
]

ADMIN_ACTIONS = {
    "changelist": "view",
    "change": "view",
    "history": "view",
    "simple_history": "view",
    "add": "add",
    "delete": "delete",
    "password_change": "change",
}


def page_access(name: str) -> Access | None:
    for pattern, access in PAGES:
        if fnmatch.fnmatchcase(name, pattern):
            if access.kind == "admin" and not access.permission:
                return Access("admin", admin_model_permission(name), granted=access.granted)
            return access
    return None


def operation_access(method: str, path: str) -> Access | None:
    key = f"{method.upper()} {path}"
    for pattern, access in OPERATIONS:
        if fnmatch.fnmatchcase(key, pattern):
            return access
    return None


def admin_model_permission(name: str) -> str:
    """Return the model permission an admin screen needs (``admin:registry_party_add`` ...)."""
    from django.contrib import admin

    short = name.removeprefix("admin:")
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if short.startswith(prefix):
            action = ADMIN_ACTIONS.get(short.removeprefix(prefix), "change")
            return f"{model._meta.app_label}.{action}_{model._meta.model_name}"
    return ""


def outcome(access: Access, user: Any, *, api: bool) -> str:
    """Return what ``user`` gets from a page or operation with this access."""
    if access.kind == "public":
        return ALLOWED
    if access.kind == "sign-in-page":
        return SIGN_IN
    if not user.is_authenticated:
        return UNAUTHORIZED if api else SIGN_IN
    if access.kind == "signed-in":
        return ALLOWED
    if access.kind == "admin":
        if not user.has_perm("accounts.use_admin"):
            return SIGN_IN
        if access.permission and not user.has_perm(access.permission):
            return FORBIDDEN
        return access.granted
    if user.has_perm(access.permission):
        return ALLOWED
    if access.seen_with and user.has_perm(access.seen_with):
        return FORBIDDEN
    return access.refused
