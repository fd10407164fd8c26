"""The review screen, corrections of a provision, and publishing: permission, audit, visibility."""

import pytest
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError

from concord.ingestion.review import instrument_publish, provision_correct
from concord.ingestion.tests.uploading import ingested
from concord.registry.models import Instrument, Provision
from concord.registry.models.instruments import Publication
from concord.registry.tests.factories import InstrumentFactory, PartyFactory, ProvisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(secretariat, django_capture_on_commit_callbacks):
    return ingested(secretariat, django_capture_on_commit_callbacks)


@pytest.fixture
def instrument(upload) -> Instrument:
    return max(upload.instruments.all(), key=lambda i: i.provisions.count())


@pytest.fixture
def recommendation(upload) -> Provision:
    return Provision.objects.filter(
        instrument__in=upload.instruments.all(), kind="recommendation"
    ).first()


def review_url(instrument) -> str:
    return f"/ingestion/instruments/{instrument.pk}/review"


def edit_url(provision) -> str:
    return f"/ingestion/instruments/{provision.instrument_id}/provisions/{provision.pk}"


def test_the_review_shows_each_provision_beside_its_span_in_the_source(
    client_as, secretariat, upload, instrument
):
    response = client_as(secretariat).get(review_url(instrument))
    assert response.status_code == 200
    page = response.content.decode()
    provisions = list(instrument.provisions.all())
    for provision in provisions:
        assert f'<li id="p-{provision.pk}"' in page
        assert f'href="{edit_url(provision)}"' in page
        if provision.source_start is not None:
            assert f'<mark class="span" id="src-{provision.pk}">' in page
            assert f'href="#p-{provision.pk}"' in page
            assert f'href="#src-{provision.pk}"' in page
    assert upload.original_name in page
    assert f'action="/ingestion/instruments/{instrument.pk}/publish"' in page


def test_the_review_asks_for_a_secretariat_of_the_instrument(
    client_as, request, instrument, focal_point, body_secretariat
):
    url = review_url(instrument)
    anonymous = client_as(None).get(url)
    assert anonymous["Location"] == redirect_to_login(url)["Location"]
    assert client_as(focal_point).get(url).status_code == 403
    # The instrument has no body of that secretariat: one it may not know exists.
    assert client_as(body_secretariat).get(url).status_code == 404


def test_an_instrument_without_an_upload_is_reviewed_without_source(client_as, secretariat):
    instrument = InstrumentFactory(publication=Publication.PROPOSED)
    ProvisionFactory(instrument=instrument, ref="1", text="Decides to meet.")
    page = client_as(secretariat).get(review_url(instrument)).content.decode()
    assert "No uploaded source produced this instrument" in page
    assert "Decides to meet." in page


def test_a_correction_is_saved_with_its_author_and_source(client_as, secretariat, recommendation):
    response = client_as(secretariat).post(
        edit_url(recommendation),
        {
            "kind": "operative",
            "number": "1 bis",
            "verb": "Requests",
            "text": "Requests the Court to report.",
            "addressees": "the Court\nFrance",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#p-{recommendation.pk}")
    recommendation.refresh_from_db()
    assert (recommendation.kind, recommendation.number, recommendation.verb) == (
        "operative",
        "1 bis",
        "Requests",
    )
    assert recommendation.text == "Requests the Court to report."
    latest = recommendation.history.latest("history_date")
    assert (latest.history_user, latest.history_source) == (secretariat, "page")
    assert latest.prev_record is not None
    changed = {c.field for c in latest.diff_against(latest.prev_record).changes}
    assert changed == {"kind", "number", "verb", "text"}
    assert sorted(recommendation.addressees.values_list("label", flat=True)) == [
        "France",
        "the Court",
    ]


def test_an_addressee_names_the_party_of_that_name(secretariat, recommendation):
    france = PartyFactory(code="FRA", name="France")
    provision_correct(
        provision=recommendation,
        user=secretariat,
        kind=recommendation.kind,
        number=recommendation.number,
        verb=recommendation.verb,
        text=recommendation.text,
        addressees=["France"],
    )
    (addressee,) = recommendation.addressees.all()
    assert addressee.party == france
    assert addressee.history.get().history_user == secretariat


def test_a_section_keeps_its_words_as_a_heading(secretariat, recommendation):
    provision_correct(
        provision=recommendation,
        user=secretariat,
        kind="section",
        number="A.",
        verb="",
        text="Cooperation",
    )
    recommendation.refresh_from_db()
    assert (recommendation.heading, recommendation.text) == ("Cooperation", "")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "poem"}, "kind", "Select a valid choice"),
        ({"number": "1" * 33}, "number", "At most 32 characters (this has 33)."),
        ({"verb": "v" * 65}, "verb", "At most 64 characters (this has 65)."),
        ({"text": "   "}, "text", "A provision needs its words"),
        ({"kind": "section", "text": "x" * 501}, "text", "At most 500 characters"),
    ],
    ids=["kind", "number", "verb", "blank-text", "long-heading"],
)
def test_a_bad_correction_says_what_is_wrong_and_changes_nothing(
    client_as, secretariat, recommendation, data, field, message
):
    before = Provision.objects.filter(pk=recommendation.pk).values().get()
    history = recommendation.history.count()
    form = {"kind": "recommendation", "number": "1.", "verb": "", "text": "Some words."}
    response = client_as(secretariat).post(edit_url(recommendation), {**form, **data})
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page
    assert message in page
    assert Provision.objects.filter(pk=recommendation.pk).values().get() == before
    assert recommendation.history.count() == history


def test_only_a_secretariat_of_the_instrument_corrects_it(
    client_as, recommendation, focal_point, body_secretariat
):
    form = {"kind": "operative", "number": "9.", "verb": "", "text": "Changed."}
    assert client_as(focal_point).post(edit_url(recommendation), form).status_code == 403
    assert client_as(body_secretariat).post(edit_url(recommendation), form).status_code == 404
    with pytest.raises(PermissionDenied):
        provision_correct(provision=recommendation, user=body_secretariat, **form)
    recommendation.refresh_from_db()
    assert recommendation.text != "Changed."


def test_nothing_proposed_is_public_until_it_is_published(
    client, client_as, secretariat, instrument
):
    public = [f"/instruments/{instrument.pk}", f"/api/instruments/{instrument.pk}"]
    assert [client.get(url).status_code for url in public] == [404, 404]
    response = client_as(secretariat).post(f"/ingestion/instruments/{instrument.pk}/publish")
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.publication == Publication.PUBLISHED
    assert [client.get(url).status_code for url in public] == [200, 200]
    steps = [h.publication for h in instrument.history.order_by("history_id")]
    assert steps[-2:] == ["in_review", "published"]
    assert instrument.history.latest("history_id").history_user == secretariat


def test_publishing_asks_for_a_secretariat_of_the_instrument(
    client_as, instrument, focal_point, body_secretariat
):
    url = f"/ingestion/instruments/{instrument.pk}/publish"
    assert client_as(focal_point).post(url).status_code == 403
    assert client_as(body_secretariat).post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        instrument_publish(instrument=instrument, user=body_secretariat)
    instrument.refresh_from_db()
    assert instrument.publication == Publication.PROPOSED


def test_a_published_instrument_cannot_be_published_again(client_as, secretariat, instrument):
    instrument_publish(instrument=instrument, user=secretariat)
    with pytest.raises(ValidationError, match="already published"):
        instrument_publish(instrument=Instrument.objects.get(pk=instrument.pk), user=secretariat)
    client = client_as(secretariat)
    response = client.post(f"/ingestion/instruments/{instrument.pk}/publish", follow=True)
    assert "This instrument is already published." in response.content.decode()
