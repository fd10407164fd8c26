"""The pages of offline work and evidence, through the real HTTP stack, as each persona."""

# ruff: noqa: F811  (the fixtures imported from offline_fixtures are test arguments)

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from concord.reporting import services
from concord.reporting.evidence import evidence_add
from concord.reporting.models import Answer, Evidence, SubmissionStatus
from concord.reporting.tests.offline_fixtures import (
    HTML_BYTES,
    PDF_BYTES,
    draft,  # noqa: F401  (a fixture)
    saved,
    stored_files,
    uploaded,
    uploads,  # noqa: F401  (a fixture)
    workbook,
)


def submission_page(name: str, draft) -> str:
    return reverse(f"reporting:{name}", args=[draft.cycle_id, draft.party.code])


def filled(client, draft, answers: dict[str, str]) -> bytes:
    book = workbook(client.get(submission_page("submission_xlsx", draft)).content)
    sheet = book.worksheets[0]
    rows = {sheet[f"A{row}"].value: row for row in range(2, sheet.max_row + 1)}
    for key, answer in answers.items():
        sheet[f"F{rows[key]}"] = answer
    return saved(book)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("focal_point", 200), ("reviewer", 404), ("secretariat", 404), ("other_focal_point", 404)],
)
def test_the_workbook_page_is_the_partys_focal_points(persona, status, draft, client_as, request):
    response = client_as(request.getfixturevalue(persona)).get(
        submission_page("submission_xlsx", draft)
    )
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")


def test_an_anonymous_visitor_is_sent_to_sign_in(draft, client_as):
    for name in ("submission_xlsx", "submission_import", "evidence_add"):
        response = client_as(None).get(submission_page(name, draft))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_focal_point_imports_a_workbook_and_returns_to_the_answers(draft, client_as, focal_point):
    client = client_as(focal_point)
    form = client.get(submission_page("submission_import", draft))
    assert form.status_code == 200
    assert b'<label for="id_file">' in form.content
    data = filled(client, draft, {"1": "Fully implemented"})
    response = client.post(
        submission_page("submission_import", draft), {"file": uploaded("a.xlsx", data)}
    )
    assert response.status_code == 302
    assert response["Location"] == submission_page("submission_edit", draft)
    assert Answer.objects.get().value == "fully"


def test_a_bad_workbook_is_listed_cell_by_cell_and_nothing_changes(draft, client_as, focal_point):
    client = client_as(focal_point)
    data = filled(client, draft, {"1": "Done", "2": "Almost"})
    response = client.post(
        submission_page("submission_import", draft), {"file": uploaded("a.xlsx", data)}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "<caption>Cells to correct in the workbook</caption>" in page
    assert '<th scope="row">2</th><td>F</td>' in page
    assert '<th scope="row">3</th><td>F</td>' in page
    assert Answer.objects.get().value == "partially"


def test_a_stale_workbook_says_to_export_again(draft, client_as, focal_point):
    client = client_as(focal_point)
    data = filled(client, draft, {"1": "Fully implemented"})
    services.answers_save(
        submission=draft, answers={"2": "largely"}, expected_version=1, user=focal_point
    )
    response = client.post(
        submission_page("submission_import", draft), {"file": uploaded("a.xlsx", data)}
    )
    assert response.status_code == 409
    assert "Export the workbook again" in response.content.decode()
    assert Answer.objects.get(question__provision__ref="1").value == "partially"


def test_a_focal_point_attaches_a_file(draft, client_as, focal_point, uploads):
    client = client_as(focal_point)
    form = client.get(submission_page("evidence_add", draft) + "?question=2")
    assert form.status_code == 200
    assert b'<option value="2" selected>' in form.content
    response = client.post(
        submission_page("evidence_add", draft),
        {"question": "1", "title": "Law", "file": uploaded("loi.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    assert response["Location"] == submission_page("submission_edit", draft)
    assert Evidence.objects.get().content_type == "application/pdf"


def test_a_refused_file_is_explained_beside_the_field(draft, client_as, focal_point, uploads):
    response = client_as(focal_point).post(
        submission_page("evidence_add", draft),
        {"question": "1", "title": "Law", "file": uploaded("law.pdf", HTML_BYTES)},
    )
    assert response.status_code == 422
    assert 'id="id_file-error"' in response.content.decode()
    assert not Evidence.objects.exists()
    assert stored_files(uploads) == []


@pytest.fixture
def attached(draft, focal_point, uploads):
    return evidence_add(
        submission=draft,
        question="1",
        title="Loi",
        file=uploaded("Loi n° 12 «avoirs».pdf", PDF_BYTES),
        user=focal_point,
    )


def test_a_download_is_an_attachment_that_cannot_run(attached, client_as, focal_point):
    response = client_as(focal_point).get(
        reverse("reporting:evidence_download", args=[attached.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Loi%20n%C2%B0%2012%20%C2%ABavoirs%C2%BB.pdf" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("focal_point", 200),
        ("reviewer", 200),
        ("secretariat", 200),
        ("other_focal_point", 404),
        ("partner", 404),
        ("anonymous", 404),
    ],
)
def test_a_draft_evidence_is_downloaded_by_those_who_see_the_draft(
    persona, status, attached, client_as, request
):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    url = reverse("reporting:evidence_download", args=[attached.pk])
    assert client_as(person).get(url).status_code == status


def test_published_evidence_is_downloaded_by_anyone(attached, client_as, focal_point, secretariat):
    for target, who in [
        (SubmissionStatus.SUBMITTED, focal_point),
        (SubmissionStatus.ACCEPTED, secretariat),
        (SubmissionStatus.PUBLISHED, secretariat),
    ]:
        services.submission_transition(submission=attached.submission, target=target, user=who)
    url = reverse("reporting:evidence_download", args=[attached.pk])
    assert client_as(None).get(url).status_code == 200


def test_a_link_leads_to_its_address(draft, client_as, focal_point):
    link = evidence_add(
        submission=draft, question="1", title="JO", url="https://example.org/jo", user=focal_point
    )
    response = client_as(focal_point).get(reverse("reporting:evidence_download", args=[link.pk]))
    assert (response.status_code, response["Location"]) == (302, "https://example.org/jo")


def test_a_focal_point_deletes_evidence(attached, client_as, focal_point):
    client = client_as(focal_point)
    url = reverse("reporting:evidence_delete", args=[attached.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert Evidence.history.filter(history_type="-").get().history_user == focal_point


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "secretariat"])
def test_others_cannot_delete_evidence(persona, attached, client_as, request):
    url = reverse("reporting:evidence_delete", args=[attached.pk])
    assert client_as(request.getfixturevalue(persona)).post(url).status_code == 404
    assert Evidence.objects.exists()


def test_the_evidence_list_include_offers_deletion_only_when_editable(attached, rf):
    request = rf.get("/")
    editable = render_to_string(
        "reporting/offline/_evidence.html",
        {"evidence": [attached], "can_edit": True},
        request=request,
    )
    assert reverse("reporting:evidence_delete", args=[attached.pk]) in editable
    assert 'aria-label="Delete “Loi”"' in editable
    read_only = render_to_string(
        "reporting/offline/_evidence.html", {"evidence": [attached], "can_edit": False}
    )
    assert reverse("reporting:evidence_download", args=[attached.pk]) in read_only
    assert "evidence_delete" not in read_only and "/delete" not in read_only


def test_the_submission_page_lists_its_evidence_and_lets_its_focal_points_add_more(
    draft, client_as, focal_point, reviewer, other_focal_point
):
    evidence_add(
        submission=draft,
        question="1",
        title="Asset Recovery Act 2024",
        url="https://laws.example.org/asset-recovery",
        user=focal_point,
    )
    url = submission_page("submission", draft)
    own = client_as(focal_point).get(url).content.decode()
    assert "Asset Recovery Act 2024" in own
    assert submission_page("evidence_add", draft) in own
    seen_by_reviewer = client_as(reviewer).get(url).content.decode()
    assert "Asset Recovery Act 2024" in seen_by_reviewer
    assert submission_page("evidence_add", draft) not in seen_by_reviewer
    assert client_as(other_focal_point).get(url).status_code == 404
