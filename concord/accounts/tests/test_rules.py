import datetime as dt

from django.utils import timezone

from concord.accounts.models import Role, RoleKind
from concord.accounts.selectors import parties_in_scope, roles_visible_to
from concord.conftest import make_person
from concord.registry.tests.factories import BodyFactory, InstrumentFactory, ProvisionFactory


def test_a_focal_point_is_in_scope_for_its_own_party_only(focal_point, party_a, party_b):
    assert list(parties_in_scope(focal_point)) == [party_a]
    assert list(parties_in_scope(focal_point, RoleKind.REVIEWER)) == []


def test_a_person_may_serve_several_parties(party_a, party_b):
    regional = make_person(
        "regional", (RoleKind.FOCAL_POINT, party_a), (RoleKind.FOCAL_POINT, party_b)
    )
    assert set(parties_in_scope(regional)) == {party_a, party_b}


def test_the_secretariat_has_every_party_in_scope(secretariat, party_a, party_b):
    assert set(parties_in_scope(secretariat)) >= {party_a, party_b}


def test_anonymous_has_nothing_in_scope(anonymous, party_a):
    assert not parties_in_scope(anonymous).exists()
    assert not roles_visible_to(anonymous).exists()


def test_a_person_sees_their_own_roles_and_the_secretariat_sees_all(
    secretariat, focal_point, partner
):
    assert list(roles_visible_to(focal_point)) == list(focal_point.roles.all())
    assert roles_visible_to(secretariat).count() == 3


def test_a_secretariat_of_an_instrument_changes_that_instrument_and_its_provisions_only(db):
    instrument = InstrumentFactory()
    other = InstrumentFactory()
    officer = make_person("officer")
    Role.objects.create(user=officer, kind=RoleKind.SECRETARIAT, instrument=instrument)
    assert officer.has_perm("registry.change_instrument", instrument)
    assert officer.has_perm("registry.change_provision", ProvisionFactory(instrument=instrument))
    assert not officer.has_perm("registry.change_instrument", other)
    assert not officer.has_perm("registry.change_party")


def test_a_secretariat_of_a_body_covers_its_organs(db):
    parent = BodyFactory(code="asp")
    bureau = BodyFactory(code="asp-bureau", parent=parent)
    officer = make_person("officer")
    Role.objects.create(user=officer, kind=RoleKind.SECRETARIAT, body=parent)
    assert officer.has_perm("registry.change_instrument", InstrumentFactory(body=bureau))
    assert officer.has_perm("accounts.use_admin")
    bureau_officer = make_person("bureau-officer")
    Role.objects.create(user=bureau_officer, kind=RoleKind.SECRETARIAT, body=bureau)
    assert not bureau_officer.has_perm("registry.change_instrument", InstrumentFactory(body=parent))


def test_an_ended_role_grants_nothing(secretariat):
    Role.objects.filter(user=secretariat).update(
        starts_on=timezone.localdate() - dt.timedelta(days=5), ends_on=timezone.localdate()
    )
    secretariat.refresh_from_db()
    fresh = type(secretariat).objects.get(pk=secretariat.pk)
    assert not fresh.has_perm("accounts.grant_role")


def test_django_permissions_on_a_user_grant_nothing(focal_point):
    from django.contrib.auth.models import Permission

    focal_point.user_permissions.add(Permission.objects.get(codename="change_instrument"))
    fresh = type(focal_point).objects.get(pk=focal_point.pk)
    assert not fresh.has_perm("registry.change_instrument")


def test_each_person_may_see_their_own_data_and_the_secretariat_anyones(
    secretariat, focal_point, other_focal_point
):
    assert focal_point.has_perm("accounts.view_person_data", focal_point)
    assert not focal_point.has_perm("accounts.view_person_data", other_focal_point)
    assert secretariat.has_perm("accounts.view_person_data", focal_point)


def test_a_body_secretariat_cannot_grant_a_role_wider_than_its_own(
    body_secretariat, scope_body, client_as
):

    newcomer = make_person("newcomer")
    client = client_as(body_secretariat)

    wider = client.post(
        "/api/roles",
        {"user": "newcomer", "kind": "secretariat"},
        content_type="application/json",
    )
    within = client.post(
        "/api/roles",
        {"user": "newcomer", "kind": "responsible_body", "body": scope_body.code},
        content_type="application/json",
    )

    assert wider.status_code == 403
    assert within.status_code == 201
    assert list(Role.objects.filter(user=newcomer).values_list("kind", flat=True)) == [
        "responsible_body"
    ]


def test_only_a_secretariat_of_everything_reads_the_audit_trail(
    body_secretariat, secretariat, client_as
):
    assert client_as(body_secretariat).get("/api/audit").status_code == 403
    assert client_as(secretariat).get("/api/audit").status_code == 200
