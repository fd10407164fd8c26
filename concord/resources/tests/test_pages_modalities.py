"""The pages recording and changing funding modalities, IATI publishers and needs, over HTTP."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from concord.registry.models import ResultsLevel, ResultsNode
from concord.registry.tests import factories
from concord.resources.models import FundingModality, IatiPublisher, Need, NeedKind
from concord.resources.needs import need_data
from concord.resources.tests.iati_fixtures import publisher  # noqa: F401  (a fixture)
from concord.resources.tests.needs_fixtures import *  # noqa: F403  (its fixtures)
from concord.resources.views.pages import frameworks_open_to
from concord.resources.views.partner_forms import NeedForm

pytestmark = pytest.mark.django_db

NEW = "/resources/modalities/new"
FMM = "/resources/modalities/org/fmm"


def sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        resolve_url(settings.LOGIN_URL)
    )


@pytest.fixture
def french_need(party_a):
    return Need.objects.create(
        title="Legal drafting advice",
        country=party_a,
        kind=NeedKind.TECHNICAL,
        sdg_targets=["16.5"],
        published=True,
        illustrative=True,
    )


@pytest.fixture
def hidden_result(unpublished_instrument):
    return ResultsNode.objects.create(
        framework=unpublished_instrument,
        seq=0,
        code="X1",
        level=ResultsLevel.OUTCOME,
        title="Hidden result",
    )


def test_the_secretariat_records_a_modality_by_form(client_as, org_secretariat, modalities):
    client = client_as(org_secretariat)
    page = client.get(NEW).content.decode()
    assert '<option value="org">The Organization</option>' in page
    assert "Emergency (org)" in page and "Inputs window" not in page  # windows have no windows
    form = {"organization": "org", "code": "mdtf", "name": "Trust fund", "earmarking": "earmarked"}
    made = client.post(NEW, {**form, "aid_type": "B021", "parent": str(modalities["sfera"].pk)})
    assert made.status_code == 302 and made["Location"] == "/resources/modalities/org/mdtf"
    window = FundingModality.objects.get(code="mdtf")
    assert (window.parent, window.aid_type) == (modalities["sfera"], "B021")
    taken = client.post(NEW, form)
    assert taken.status_code == 422
    html = taken.content.decode()
    assert "has a modality with the code mdtf already" in html and 'aria-invalid="true"' in html
    blank = client.post(NEW, {**form, "code": "", "name": ""})
    assert blank.status_code == 422 and FundingModality.objects.count() == 4


def test_a_window_link_preselects_its_modality(client_as, org_secretariat, modalities):
    sfera = modalities["sfera"]
    page = client_as(org_secretariat).get(f"{NEW}?parent={sfera.pk}").content.decode()
    assert f'<option value="{sfera.pk}" selected>' in page
    assert '<option value="org" selected>' in page
    assert (
        f'href="{NEW}?parent={sfera.pk}"'
        in client_as(org_secretariat).get("/resources/modalities/org/sfera").content.decode()
    )


def test_the_modality_form_is_refused_to_others(
    client_as, body_secretariat, dutch_partner, organization
):
    assert sent_to_sign_in(client_as(None).get(NEW))
    assert client_as(dutch_partner).get(NEW).status_code == 403
    page = client_as(body_secretariat).get(NEW).content.decode()
    assert "The Organization" not in page
    form = {"organization": "org", "code": "x", "name": "X", "earmarking": "earmarked"}
    refused = client_as(body_secretariat).post(NEW, form)
    assert refused.status_code == 422 and not FundingModality.objects.exists()


def test_the_secretariat_changes_a_modality_by_form(client_as, org_secretariat, modalities):
    client = client_as(org_secretariat)
    assert f'href="{FMM}/edit"' in client.get(FMM).content.decode()
    page = client.get(f"{FMM}/edit").content.decode()
    assert 'value="Multipartner"' in page and "Change the funding modality" in page
    assert f'<option value="{modalities["fmm"].pk}"' not in page  # not a window of itself
    form = {"code": "fmm", "name": "Flexible mechanism", "earmarking": "lightly"}
    bad = client.post(f"{FMM}/edit", {**form, "aid_type": "nope"})
    assert bad.status_code == 422 and 'aria-invalid="true"' in bad.content.decode()
    moved = client.post(f"{FMM}/edit", {**form, "code": "fmm-2"})
    assert moved.status_code == 302 and moved["Location"] == "/resources/modalities/org/fmm-2"
    assert FundingModality.objects.get(pk=modalities["fmm"].pk).name == "Flexible mechanism"


def test_changing_a_modality_is_not_found_for_those_who_do_not_cover_it(
    client_as, body_secretariat, dutch_partner, modalities
):
    assert sent_to_sign_in(client_as(None).get(f"{FMM}/edit"))
    assert client_as(dutch_partner).get(f"{FMM}/edit").status_code == 403
    other = client_as(body_secretariat)
    assert f"{FMM}/edit" not in other.get(FMM).content.decode()
    assert other.get(f"{FMM}/edit").status_code == 404
    assert other.post(f"{FMM}/edit", {"name": "Taken"}).status_code == 404
    assert other.get("/resources/modalities/org/nothing/edit").status_code == 404
    assert client_as(None).get(FMM).status_code == 200


def test_the_overview_links_to_the_new_forms_for_those_allowed(client_as, org_secretariat):
    public = client_as(None).get("/resources/").content.decode()
    assert NEW not in public and 'href="/resources/publishers"' in public
    assert NEW in client_as(org_secretariat).get("/resources/").content.decode()


def test_the_publishers_list_is_public(client_as, publisher, org_secretariat, body_secretariat):  # noqa: F811
    html = client_as(None).get("/resources/publishers").content.decode()
    assert "XM-DAC-41301" in html and "40 Multilateral" in html and "The Organization" in html
    assert "/edit" not in html and "/resources/publishers/new" not in html
    assert "/resources/publishers/org/edit" not in (
        client_as(body_secretariat).get("/resources/publishers").content.decode()
    )
    own = client_as(org_secretariat).get("/resources/publishers").content.decode()
    assert "/resources/publishers/org/edit" in own and "/resources/publishers/new" in own


def test_the_secretariat_registers_its_organization_as_a_publisher(
    client_as, org_secretariat, organization, dutch_partner
):
    url = "/resources/publishers/new"
    assert sent_to_sign_in(client_as(None).get(url))
    assert client_as(dutch_partner).get(url).status_code == 403
    client = client_as(org_secretariat)
    assert '<option value="org">' in client.get(url).content.decode()
    bad = client.post(url, {"body": "org", "identifier": "41301", "organisation_type": "40"})
    assert bad.status_code == 422 and "registration agency" in bad.content.decode()
    made = client.post(
        url, {"body": "org", "identifier": "XM-DAC-41301", "organisation_type": "40"}
    )
    assert made.status_code == 302 and made["Location"] == "/resources/publishers"
    assert IatiPublisher.objects.get().body == organization
    assert '<option value="org">' not in client.get(url).content.decode()


def test_the_secretariat_changes_its_publisher_and_no_one_elses(
    client_as,
    org_secretariat,
    body_secretariat,
    publisher,  # noqa: F811
):
    url = "/resources/publishers/org/edit"
    client = client_as(org_secretariat)
    assert 'value="XM-DAC-41301"' in client.get(url).content.decode()
    bad = client.post(url, {"identifier": "XM-DAC-41301", "organisation_type": "99"})
    assert bad.status_code == 422
    done = client.post(url, {"identifier": "XM-DAC-41302", "organisation_type": "40"})
    assert done.status_code == 302
    assert IatiPublisher.objects.get().identifier == "XM-DAC-41302"
    assert client_as(body_secretariat).get(url).status_code == 404
    assert client.get("/resources/publishers/nothing/edit").status_code == 404


def test_a_focal_point_changes_a_need_of_their_country(
    client_as, focal_point, french_need, party_b
):
    url = f"/resources/needs/{french_need.pk}/edit"
    client = client_as(focal_point)
    assert f'href="{url}"' in client.get(f"/resources/needs/{french_need.pk}").content.decode()
    page = client.get(url).content.decode()
    assert 'value="Legal drafting advice"' in page and 'value="16.5"' in page
    assert "Change the need" in page and 'name="published"' not in page
    form = {"title": "Legal advice", "kind": "technical", "country": "FRA", "sdg_targets": "16.6"}
    bad = client.post(url, {**form, "amount": "-5", "currency": "USD"})
    assert bad.status_code == 422 and "above zero" in bad.content.decode()
    moved = client.post(url, {**form, "country": "UKR"})
    assert moved.status_code == 422 and "your own country" in moved.content.decode()
    done = client.post(url, form)
    assert done.status_code == 302 and done["Location"] == f"/resources/needs/{french_need.pk}"
    need = Need.objects.get(pk=french_need.pk)
    assert (need.title, need.sdg_targets) == ("Legal advice", ["16.6"])
    assert need.published and need.illustrative  # what the form does not ask stays
    assert need.history.first().history_user == focal_point


def test_changing_a_need_is_not_found_for_others(
    client_as, other_focal_point, partner, secretariat, french_need
):
    url = f"/resources/needs/{french_need.pk}/edit"
    assert sent_to_sign_in(client_as(None).get(url))
    for person in (other_focal_point, partner):
        assert client_as(person).get(url).status_code == 404
        assert client_as(person).post(url, {"title": "Taken"}).status_code == 404
        need_page = client_as(person).get(f"/resources/needs/{french_need.pk}")
        assert url not in need_page.content.decode()
    assert client_as(secretariat).get("/resources/needs/999999/edit").status_code == 404
    assert 'name="published"' in client_as(secretariat).get(url).content.decode()


def test_what_a_need_draws_from_its_project_is_shown_but_not_changed(
    client_as, secretariat, project, project_needs
):
    need = project_needs["financial"]
    url = f"/resources/needs/{need.pk}/edit"
    client = client_as(secretariat)
    page = client.get(url).content.decode()
    facts = page[page.index('<dl class="facts">') : page.index("</dl>")]
    for shown in ("France", "financial", "Training seminars", "250,000.00 USD", "2026"):
        assert shown in facts, shown
    assert f'href="/reporting/reform-projects/{project.pk}"' in page
    assert "changed on the project" in page and "disabled" not in page
    for name in ("country", "kind", "amount", "currency", "description", "starts_on", "ends_on"):
        assert f'name="{name}"' not in page, name
    assert 'name="title"' in page and 'name="sdg_targets"' in page
    form = {"title": "Seminars", "kind": "in_kind", "amount": "1", "currency": "EUR"}
    done = client.post(url, {**form, "country": "UKR", "published": "on"})
    assert done.status_code == 302
    need.refresh_from_db()
    assert need.title == "Seminars" and need.country == project.party
    assert (need.kind, need.amount, need.currency) == ("financial", 250000, "USD")
    assert need.description == "Training seminars"


def test_the_change_form_names_the_need_in_its_title(client_as, focal_point, french_need):
    page = client_as(focal_point).get(f"/resources/needs/{french_need.pk}/edit").content.decode()
    assert "<title>Change the need “Legal drafting advice”" in page


def test_changing_a_need_by_form_keeps_what_the_form_does_not_offer(
    focal_point, french_need, hidden_result, framework
):
    french_need.nodes.add(hidden_result)
    current = need_data(french_need)
    chosen = str(framework.nodes["A1"].pk)
    form = NeedForm(
        {"title": "Advice", "kind": "technical", "country": "FRA", "nodes": [chosen]},
        frameworks=frameworks_open_to(focal_point),
        may_publish=False,
    )
    assert form.is_valid(), form.errors
    assert {str(pk) for pk, _label in form.fields["nodes"].choices} == {
        str(node.pk) for node in framework.nodes.values()
    }
    data = form.need_data(current)
    assert set(data.nodes) == {hidden_result, framework.nodes["A1"]}
    assert (data.published, data.illustrative) == (True, True)


def test_the_need_form_keeps_the_results_it_does_not_offer(
    client_as, focal_point, french_need, hidden_result, framework
):
    """A focal point cannot open the secretariat's draft framework: its result is neither shown
    nor dropped."""
    french_need.nodes.add(hidden_result)
    url = f"/resources/needs/{french_need.pk}/edit"
    client = client_as(focal_point)
    page = client.get(url).content.decode()
    assert "Hidden result" not in page and "Result A1" in page
    chosen = str(framework.nodes["A1"].pk)
    form = {"title": "Advice", "kind": "technical", "country": "FRA", "nodes": [chosen]}
    done = client.post(url, form)
    assert done.status_code == 302, done.content.decode()
    assert set(Need.objects.get(pk=french_need.pk).nodes.all()) == {
        hidden_result,
        framework.nodes["A1"],
    }


def _organ_publishing(organization, n):
    organ = factories.BodyFactory(code=f"organ-{n}", name=f"Organ {n}", parent=organization)
    return IatiPublisher.objects.create(
        body=organ, identifier=f"XM-DAC-9{n}", organisation_type="40"
    )


def test_the_publishers_list_issues_a_constant_number_of_queries(
    client_as,
    org_secretariat,
    organization,
    publisher,  # noqa: F811
    django_assert_max_num_queries,
):
    client = client_as(org_secretariat)
    _organ_publishing(organization, 0)
    with django_assert_max_num_queries(12) as few:
        assert client.get("/resources/publishers").status_code == 200
    for n in range(1, 13):
        _organ_publishing(organization, n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/resources/publishers").content.decode()
    assert html.count("/edit") == 14
