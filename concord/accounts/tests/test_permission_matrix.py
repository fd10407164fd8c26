"""Every page and every API operation, as every persona, answers as docs/permissions.md says.

The pages come from the URLconf and the operations from the OpenAPI document, so a new page or
operation is walked as soon as it exists (and fails until access.py declares it).
"""

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessFailureLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts import access, permdoc
from concord.accounts.models import Role, RoleKind
from concord.accounts.services import invitation_create, token_create
from concord.accounts.tests.matrix_cooperation import (
    CooperationRecords,
    cooperation_bodies,
    cooperation_records,
)
from concord.accounts.tests.matrix_indicators import (
    indicator_bodies,
    indicator_kwargs,
    indicator_path,
    indicator_records,
)
from concord.accounts.tests.matrix_resources import (
    ResourceRecords,
    resource_bodies,
    resource_kwargs,
    resource_path,
    resource_records,
)
from concord.accounts.twofactor import needs_second_factor
from concord.conftest import PERSONAS, make_persona, persona_scope
from concord.directory.models import (
    BestPractice,
    Contact,
    ContactKind,
    Legislation,
    LegislationKind,
    Meeting,
    MeetingKind,
)
from concord.indicators.models import Indicator
from concord.ingestion.models import SourceDocument
from concord.portal.tests.conftest import Registry, build_registry
from concord.registry.models import Provision
from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting.answers import AnswerType, Scale
from concord.reporting.calendar import feed_token
from concord.reporting.models import (
    Evidence,
    PlanAction,
    Question,
    Recommendation,
    ReformProject,
    ReportingCycle,
    Submission,
    SubmissionStatus,
)

DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"


@dataclass
class PartyRecords:
    """A party's published records under the reporting cycle's instrument, and its directory."""

    evidence: Evidence
    recommendation: Recommendation
    action: PlanAction
    project: ReformProject
    contact: Contact
    legislation: Legislation


@dataclass
class World:
    registry: Registry
    someone_role: Role
    token_id: int
    invitation_secret: str
    device: TOTPDevice
    upload: SourceDocument
    proposal: Provision
    cycle: ReportingCycle
    earlier_cycle: ReportingCycle
    # By party code: the records each persona's calls name (see OWN_PARTY).
    records: dict[str, PartyRecords]
    feed_token: str
    # A meeting of the scoped secretariat persona's body, and a best practice.
    meeting: Meeting
    practice: BestPractice
    cooperation: CooperationRecords
    indicator: Indicator
    resources: ResourceRecords


# The party whose records each persona's calls name: their own, where they have one, so that a
# refused call means the role is refused, not the object.
OWN_PARTY = {"other_focal_point": "UKR"}


def published_records(cycle: ReportingCycle, submission: Submission, author) -> PartyRecords:
    """Evidence on the party's submission, a recommendation, a planned action and a project."""
    party, instrument, now = submission.party, cycle.instrument, timezone.now()
    drafted = {"party": party, "instrument": instrument, "created_by": author, "published_at": now}
    return PartyRecords(
        evidence=Evidence.objects.create(
            submission=submission,
            question=cycle.questions.get(provision__ref="1"),
            title="Law on the freezing of assets",
            url="https://example.org/law",
            added_by=author,
        ),
        recommendation=Recommendation.objects.create(
            cycle=cycle, party=party, text="Staff the office.", issued_by=author, published_at=now
        ),
        action=PlanAction.objects.create(
            **drafted, title="Adopt the law", lead_institution="Ministry of Justice"
        ),
        project=ReformProject.objects.create(
            **drafted,
            title="Code of conduct",
            priority_area="Integrity",
            objectives="One code for every official.",
            responsible_agency="Civil Service Commission",
        ),
        contact=Contact.objects.create(
            party=party,
            kind=ContactKind.FOCAL_POINT,
            instrument=instrument,
            name="Head of the asset recovery office",
            organization="Ministry of Justice",
            email="office@example.org",
        ),
        legislation=Legislation.objects.create(
            party=party, title="Act on asset recovery", kind=LegislationKind.ACT
        ),
    )


@pytest.fixture
def world(db) -> World:
    registry = build_registry()
    someone = get_user_model().objects.create_user("someone", "someone@example.org", "pw")
    # Held within the scoped secretariat persona's body, so that it covers this role too.
    role = Role.objects.create(
        user=someone, kind=RoleKind.RESPONSIBLE_BODY, body=persona_scope("body")
    )
    token = token_create(user=someone, name="script").token
    inviter = get_user_model().objects.create_user("inviter")
    Role.objects.create(user=inviter, kind=RoleKind.SECRETARIAT)
    invitation = invitation_create(
        invited_by=inviter, email="new@example.org", kind=RoleKind.SECRETARIAT
    )
    device = TOTPDevice.objects.create(user=someone, name="default", confirmed=False)
    # One row of each table the admin lists, so that every screen finds its object.
    AuthGroup.objects.create(name="editors")
    AccessFailureLog.objects.create(username="someone", ip_address="127.0.0.1")
    # An upload, and a proposed instrument of the scoped secretariat persona's body to review.
    upload = SourceDocument.objects.create(
        original_name="decision.txt",
        file="aa/aa/decision.txt",
        media_type="text/plain",
        size=1,
        sha256="a" * 64,
        uploaded_by=inviter,
    )
    proposed = InstrumentFactory(publication="proposed", body=persona_scope("body"))
    proposal = ProvisionFactory(instrument=proposed, ref="1", text="Decides to meet.")
    # A reporting cycle on an instrument of that body, with published submissions from the two
    # parties: every persona sees them, and a step a role may take is refused only by the graph.
    # Each party also has published evidence, a recommendation, a planned action and a project.
    reported = InstrumentFactory(body=persona_scope("body"))
    provision = ProvisionFactory(instrument=reported, ref="1")
    cycle = ReportingCycle.objects.create(
        instrument=reported,
        name="Stocktaking",
        phase="stocktaking",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        opens_on=dt.date(2026, 1, 1),
        deadline=dt.date(2026, 3, 31),
    )
    cycle.provisions.add(provision)
    Question.objects.create(
        cycle=cycle,
        order=1,
        provision=provision,
        answer_type=AnswerType.STATUS,
        scale=Scale.IMPLEMENTATION,
    )
    # The cycle answers are carried forward from.
    earlier_cycle = ReportingCycle.objects.create(
        instrument=reported,
        name="Stocktaking 2024",
        phase="stocktaking",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
        opens_on=dt.date(2025, 1, 1),
        deadline=dt.date(2025, 3, 31),
    )
    records = {}
    for scope in ("party_a", "party_b"):
        party = persona_scope(scope)
        cycle.parties.add(party)
        submission = Submission.objects.create(
            cycle=cycle, party=party, status=SubmissionStatus.PUBLISHED, version=3
        )
        records[party.code] = published_records(cycle, submission, inviter)
    return World(
        registry,
        role,
        token.pk,
        invitation.secret,
        device,
        upload,
        proposal,
        cycle,
        earlier_cycle,
        records,
        feed_token(someone),
        Meeting.objects.create(
            body=persona_scope("body"),
            kind=MeetingKind.CONSULTATION,
            title="Consultation on cooperation",
            starts_on=dt.date(2026, 3, 29),
        ),
        BestPractice.objects.create(title="One desk for requests", description="A single desk."),
        cooperation_records(inviter),
        indicator_records(),
        resource_records(registry.instrument),
    )


def _admin_object_id(name: str) -> str:
    from django.contrib import admin

    short = name.removeprefix("admin:")
    for model in admin.site._registry:
        if short.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            first = model._default_manager.order_by("pk").first()
            return str(first.pk) if first else "1"
    return "1"


def page_url(
    name: str, route: str, world: World, party: str = "FRA", persona: str = "anonymous"
) -> str:
    r = world.registry
    kwargs: dict[str, Any] = {}
    args: list[Any] = []
    fills = {
        "instrument_id": r.instrument.pk,
        "ref": "III.5",
        "slug": r.group.slug,
        "table": "parties",
        "fmt": "csv",
        "secret": world.invitation_secret,
        "uidb64": "MQ",
        "token": "set-password",
        "role_id": world.someone_role.pk,
        "token_id": world.token_id,
        "app_label": "registry",
        "pk": world.device.pk,
        "username": "someone",
        "object_type": "registry.instrument",
    }
    params = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
    kwargs = {key: value for key, value in fills.items() if key in params}
    if "code" in params:
        kwargs["code"] = r.body.code if "bodies" in route else r.france.code
    if "object_id" in params:
        if name == "admin:view_on_site":
            kwargs["content_type_id"] = ContentType.objects.get_for_model(Role).pk
            kwargs["object_id"] = world.someone_role.pk
        elif name.startswith("audit:"):
            kwargs["object_id"] = str(r.instrument.pk)
        else:
            kwargs["object_id"] = _admin_object_id(name)
    if name.startswith("ingestion:"):
        kwargs.update(
            {
                "instrument_id": world.proposal.instrument_id,
                "provision_id": world.proposal.pk,
                "document_id": world.upload.pk,
            }
        )
        kwargs = {key: value for key, value in kwargs.items() if key in params}
    if name.startswith("reporting:"):
        own = world.records[party]
        reporting = {
            "instrument_id": world.cycle.instrument_id,
            "cycle_id": world.cycle.pk,
            "party": party,
            "code": party,
            "action": "submit",
            "recommendation_id": own.recommendation.pk,
            "evidence_id": own.evidence.pk,
            "action_id": own.action.pk,
            "project_id": own.project.pk,
            "token": world.feed_token,
        }
        kwargs.update({key: value for key, value in reporting.items() if key in params})
    if name.startswith("directory:"):
        own = world.records[party]
        directory = {
            "contact_id": own.contact.pk,
            "legislation_id": own.legislation.pk,
            "meeting_id": world.meeting.pk,
            "practice_id": world.practice.pk,
        }
        kwargs = {key: value for key, value in directory.items() if key in params}
    if name.startswith("indicators:"):
        kwargs = indicator_kwargs(world.indicator, persona, params)
    if name.startswith("cooperation:"):
        kwargs = {key: value for key, value in world.cooperation.ids().items() if key in params}
    if name.startswith("resources:"):
        kwargs = resource_kwargs(world.resources, params, r.instrument.pk, party)
    if name.endswith("_simple_history"):
        args = [world.someone_role.pk, world.someone_role.history.first().history_id]
    if "id" in params:
        kwargs["id"] = world.someone_role.user_id
    url = reverse(name, args=args or None, kwargs=kwargs or None)
    if name == "admin:autocomplete":
        url += "?app_label=registry&model_name=instrument&field_name=revision_of&term=a"
    return url


def request_bodies(world: World, party: str) -> dict[str, dict[str, Any]]:
    """A valid body for each write, keyed by operation, so that no schema refuses it first.

    The writes left out take no body, or an empty one (a lifecycle step's comment is optional).
    """
    instrument = world.cycle.instrument_id
    action = {"title": "Train investigators", "lead_institution": "Ministry of Justice"}
    project = {
        "title": "Whistle-blower hotline",
        "priority_area": "Integrity",
        "objectives": "Protect those who report.",
        "responsible_agency": "Anti-corruption agency",
    }
    return {
        "POST /api/cycles": {
            "instrument": instrument,
            "name": "Self-assessment",
            "phase": "self_assessment",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "opens_on": "2027-01-01",
            "deadline": "2027-03-31",
        },
        "PUT /api/cycles/{cycle_id}/submissions/{party}": {"version": 3, "answers": {}},
        "POST /api/cycles/{cycle_id}/submissions/{party}/carry-forward": {
            "from_cycle": world.earlier_cycle.pk
        },
        "POST /api/cycles/{cycle_id}/submissions/{party}/reviews": {"comment": "x"},
        "POST /api/recommendations": {"cycle": world.cycle.pk, "party": party, "text": "x"},
        "PATCH /api/recommendations/{recommendation_id}": {},
        "POST /api/recommendations/{recommendation_id}/follow-ups": {"status": "in_progress"},
        "POST /api/plan-actions": {**action, "party": party, "instrument": instrument},
        "PUT /api/plan-actions/{action_id}": action,
        "POST /api/reform-projects": {**project, "party": party, "instrument": instrument},
        "PUT /api/reform-projects/{project_id}": project,
        "POST /api/reform-projects/{project_id}/reviews": {
            "stage": "midterm",
            "assessment": "On track.",
            "reviewed_on": "2026-06-30",
        },
        "POST /api/directory/focal-points": {
            "party": party,
            "kind": "focal_point",
            "name": "Head of office",
            "organization": "Ministry of Justice",
            "instrument": instrument,
        },
        "POST /api/directory/legislation": {"party": party, "title": "Act", "kind": "act"},
        "POST /api/directory/meetings": {
            "body": world.meeting.body.code,
            "kind": "consultation",
            "title": "Consultation",
            "starts_on": "2026-03-30",
        },
        "POST /api/directory/best-practices": {"title": "One desk", "description": "A desk."},
        "POST /api/roles": {
            "user": "someone",
            "kind": "responsible_body",
            "body": permdoc.SCOPES["body"][0],
        },
        **cooperation_bodies(world.cooperation),
        **indicator_bodies(),
        **resource_bodies(world.resources, party),
    }


def multipart_bodies() -> dict[str, dict[str, Any]]:
    """The writes whose body is a form: evidence (a link), and a workbook (read after the check)."""
    return {
        "POST /api/cycles/{cycle_id}/submissions/{party}/evidence": {
            "question": "1",
            "title": "Decree on asset declarations",
            "url": "https://example.org/decree",
        },
        "PUT /api/cycles/{cycle_id}/submissions/{party}/xlsx": {
            "file": SimpleUploadedFile("answers.xlsx", b"not a workbook"),
        },
        "POST /api/cooperation/replies/{reply_id}/attachments": {
            "file": SimpleUploadedFile("statement.txt", b"Nothing found."),
        },
    }


def operation_call(client: Client, method: str, path: str, world: World, party: str = "FRA"):
    r = world.registry
    own = world.records[party]
    # The progress matrix is the reporting cycle's instrument's; the other routes, the registry's.
    instrument = world.cycle.instrument if path.endswith("/progress") else r.instrument
    filled = indicator_path(path) if path.startswith("/api/indicators") else path
    filled = resource_path(filled, world.resources, party)
    url = (
        filled.replace("{instrument_id}", str(instrument.pk))
        .replace("{ref}", "III.5")
        .replace("{code}", party if "parties" in path else r.body.code)
        .replace("{slug}", r.group.slug)
        .replace("{role_id}", str(world.someone_role.pk))
        .replace("{cycle_id}", str(world.cycle.pk))
        .replace("{party}", party)
        .replace("{recommendation_id}", str(own.recommendation.pk))
        .replace("{evidence_id}", str(own.evidence.pk))
        .replace("{action_id}", str(own.action.pk))
        .replace("{project_id}", str(own.project.pk))
        .replace("{contact_id}", str(own.contact.pk))
        .replace("{legislation_id}", str(own.legislation.pk))
        .replace("{meeting_id}", str(world.meeting.pk))
        .replace("{practice_id}", str(world.practice.pk))
    )
    for name, value in world.cooperation.ids().items():
        url = url.replace(f"{{{name}}}", str(value))
    key = f"{method} {path}"
    if method == "GET":
        queries = {
            "/search": {"q": "freeze"},
            "/legislation/gaps": {"party": party, "instrument": world.cycle.instrument_id},
        }
        query = next((q for end, q in queries.items() if path.endswith(end)), {})
        return client.get(url, query)
    multipart = multipart_bodies()
    if key in multipart:
        body = encode_multipart(BOUNDARY, multipart[key])
        return client.generic(method, url, body, content_type=MULTIPART_CONTENT)
    if method in ("POST", "PUT", "PATCH"):
        body = request_bodies(world, party).get(key, {})
        return client.generic(method, url, json.dumps(body), content_type="application/json")
    return client.generic(method, url)


def classify(response) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307) and response["Location"].startswith(
        (reverse("accounts:login"), reverse("admin:login"))
    ):
        return access.SIGN_IN
    if status in (401, 403, 404):
        return str(status)
    if status < 400 or status in (405, 410, 422):
        return access.ALLOWED
    return str(status)


def refused_by_schema(response) -> bool:
    """Whether a 422 came from the schema (a field missing or mistyped) before any rule ran.

    The services' refusals are all ``value_error``s; anything else means the test sent a body
    the operation does not take, and so never reached its permission check.
    """
    if response.status_code != 422:
        return False
    return any(error["type"] != "value_error" for error in response.json()["detail"])


def client_for(persona: str) -> Client:
    """Sign the persona in; one whose roles require 2FA as after giving their code."""
    client = Client()
    user = make_persona(persona)
    if user is not None:
        client.force_login(user, backend="concord.accounts.backends.PasswordBackend")
        if needs_second_factor(user):
            device = TOTPDevice.objects.create(user=user, name="matrix", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_answers_each_persona_as_documented(persona, world):
    documented = permdoc.parse(DOC.read_text(encoding="utf-8"), "Pages")
    client = client_for(persona)
    wrong = []
    walked = 0
    for name, route in permdoc.url_names():
        assert name in documented, f"{name} ({route}) is not in docs/permissions.md"
        assert access.page_access(name), f"{name} has no access declared in access.py"
        url = page_url(name, route, world, OWN_PARTY.get(persona, "FRA"), persona)
        got = classify(client.get(url))
        walked += 1
        if got != documented[name][persona]:
            wrong.append(f"{name} {url}: got {got}, documented {documented[name][persona]}")
    assert walked > 50
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_api_operation_answers_each_persona_as_documented(persona, world):
    documented = permdoc.parse(DOC.read_text(encoding="utf-8"), "API")
    client = client_for(persona)
    wrong = []
    for method, path in permdoc.api_operations():
        key = f"{method} {path}"
        assert key in documented, f"{key} is not in docs/permissions.md"
        response = operation_call(client, method, path, world, OWN_PARTY.get(persona, "FRA"))
        if refused_by_schema(response):
            wrong.append(f"{key}: the schema refused the test's body: {response.json()}")
            continue
        got = classify(response)
        if got != documented[key][persona]:
            wrong.append(f"{key}: got {got}, documented {documented[key][persona]}")
    assert not wrong, "\n".join(wrong)


def test_the_committed_permissions_document_is_what_the_rules_say():
    assert DOC.read_text(encoding="utf-8") == permdoc.render(), (
        "docs/permissions.md is out of date: run `concord permissions doc`"
    )


def test_a_token_answers_the_api_exactly_as_its_person(world):
    focal = make_persona("focal_point")
    secret = token_create(user=focal, name="matrix").secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/me").json()["username"] == "focal-point"
    assert client.get("/api/roles").status_code == 403
    assert client.delete(f"/api/roles/{world.someone_role.pk}").status_code == 404


def test_a_role_not_yet_started_grants_nothing(world):
    late = get_user_model().objects.create_user("late")
    Role.objects.create(
        user=late,
        kind=RoleKind.SECRETARIAT,
        starts_on=timezone.localdate() + dt.timedelta(days=1),
    )
    client = Client()
    client.force_login(late, backend="concord.accounts.backends.PasswordBackend")
    assert client.get("/accounts/roles").status_code == 403
