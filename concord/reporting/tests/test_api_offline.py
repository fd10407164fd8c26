"""The XLSX workbook and evidence through the HTTP API, as each persona."""

# ruff: noqa: F811  (the fixtures imported from offline_fixtures are test arguments)

import pytest
from django.test.client import encode_multipart

from concord.reporting import services
from concord.reporting.evidence import evidence_add
from concord.reporting.models import Answer, Evidence, SubmissionStatus
from concord.reporting.tests.offline_fixtures import (
    HTML_BYTES,
    PDF_BYTES,
    draft,  # noqa: F401  (a fixture)
    questionnaire,  # noqa: F401  (a fixture)
    saved,
    stored_files,
    uploaded,
    uploads,  # noqa: F401  (a fixture)
    workbook,
)

BOUNDARY = "ConcordBoundary"


@pytest.fixture
def url(cycle) -> str:
    return f"/api/cycles/{cycle.pk}/submissions/FRA"


def put_workbook(client, url: str, data: bytes):
    body = encode_multipart(BOUNDARY, {"file": uploaded("answers.xlsx", data)})
    return client.put(f"{url}/xlsx", body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


def fill(data: bytes, answers: dict[str, str]) -> bytes:
    book = workbook(data)
    sheet = book.worksheets[0]
    rows = {sheet[f"A{row}"].value: row for row in range(2, sheet.max_row + 1)}
    for key, answer in answers.items():
        sheet[f"F{rows[key]}"] = answer
    return saved(book)


def test_a_focal_point_exports_fills_and_imports_the_workbook(draft, url, client_as, focal_point):
    client = client_as(focal_point)
    exported = client.get(f"{url}/xlsx")
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    assert exported["Content-Disposition"].startswith("attachment; filename=")
    data = fill(exported.content, {"1": "Largely implemented", "2": "Not started"})
    response = put_workbook(client, url, data)
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    answers = response.json()["answers"]
    assert (answers["1"]["value"], answers["2"]["value"]) == ("largely", "not_started")
    history = Answer.objects.get(question__provision__ref="2").history.get()
    assert (history.history_user, history.history_source) == (focal_point, "api")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("other_focal_point", 404),
        ("partner", 404),
        ("reviewer", 403),
        ("secretariat", 403),
        ("body_secretariat", 403),
    ],
)
def test_only_the_partys_focal_points_get_the_workbook(
    persona, status, draft, url, client_as, request
):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    assert client_as(person).get(f"{url}/xlsx").status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 401), ("other_focal_point", 404), ("reviewer", 403), ("secretariat", 403)],
)
def test_only_the_partys_focal_points_import(
    persona, status, draft, url, client_as, focal_point, request
):
    data = fill(client_as(focal_point).get(f"{url}/xlsx").content, {"1": "fully"})
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    assert put_workbook(client_as(person), url, data).status_code == status
    assert Answer.objects.get().value == "partially"


def test_each_bad_cell_is_a_422_naming_its_row_and_column(
    draft, url, client_as, focal_point, questionnaire
):
    client = client_as(focal_point)
    data = fill(
        client.get(f"{url}/xlsx").content,
        {"1": "done", questionnaire["staff"]: "many", questionnaire["adopted"]: "soon"},
    )
    response = put_workbook(client, url, data)
    assert response.status_code == 422
    details = response.json()["detail"]
    assert [d["loc"] for d in details] == [
        ["body", "file", 2, "F"],
        ["body", "file", 4, "F"],
        ["body", "file", 6, "F"],
    ]
    assert details[1]["msg"] == "Expected a number."
    assert client.get(url).json()["version"] == 1
    assert Answer.objects.get().value == "partially"


def test_a_stale_workbook_gets_409(draft, url, client_as, focal_point):
    client = client_as(focal_point)
    data = fill(client.get(f"{url}/xlsx").content, {"1": "fully"})
    services.answers_save(
        submission=draft, answers={"2": "largely"}, expected_version=1, user=focal_point
    )
    response = put_workbook(client, url, data)
    assert response.status_code == 409
    assert response.json()["version"] == 2
    assert Answer.objects.get(question__provision__ref="1").value == "partially"


def test_another_partys_workbook_is_a_422_at_the_file(
    draft, url, client_as, focal_point, other_focal_point, cycle
):
    ukraine = f"/api/cycles/{cycle.pk}/submissions/UKR"
    data = client_as(focal_point).get(f"{url}/xlsx").content
    response = put_workbook(client_as(other_focal_point), ukraine, data)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]


def test_an_import_without_a_file_is_a_422(draft, url, client_as, focal_point):
    response = client_as(focal_point).put(
        f"{url}/xlsx", {"version": 1, "answers": {}}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]


# Evidence ---------------------------------------------------------------------------------


def attach(client, submission_url: str, **fields):
    return client.post(f"{submission_url}/evidence", fields)


def test_a_focal_point_attaches_a_file_and_a_link(draft, url, client_as, focal_point, uploads):
    client = client_as(focal_point)
    response = attach(client, url, question="1", title="Law", file=uploaded("loi.pdf", PDF_BYTES))
    assert response.status_code == 201, response.json()
    added = response.json()
    assert (added["content_type"], added["filename"], added["size"]) == (
        "application/pdf",
        "loi.pdf",
        len(PDF_BYTES),
    )
    assert added["download"] == f"/reporting/evidence/{added['id']}"
    link = attach(client, url, question="2", title="Decree", url="https://example.org/decree")
    assert link.status_code == 201
    assert link.json()["url"] == "https://example.org/decree"
    listed = client.get(f"{url}/evidence").json()
    assert [item["title"] for item in listed["items"]] == ["Law", "Decree"]
    assert Evidence.objects.get(title="Law").history.get().history_source == "api"


def test_an_html_file_named_pdf_is_a_422_and_nothing_is_kept(
    draft, url, client_as, focal_point, uploads
):
    response = attach(
        client_as(focal_point),
        url,
        question="1",
        title="Law",
        file=uploaded("law.pdf", HTML_BYTES),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]
    assert not Evidence.objects.exists()
    assert stored_files(uploads) == []


def test_an_oversized_file_is_a_422(draft, url, client_as, focal_point, uploads, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = attach(
        client_as(focal_point),
        url,
        question="1",
        title="Law",
        file=uploaded("law.pdf", PDF_BYTES + b" " * 200),
    )
    assert response.status_code == 422
    assert "largest file accepted" in response.json()["detail"][0]["msg"]
    assert stored_files(uploads) == []


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 401), ("other_focal_point", 404), ("reviewer", 403), ("secretariat", 403)],
)
def test_only_the_partys_focal_points_attach(persona, status, draft, url, client_as, request):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = attach(client_as(person), url, question="1", title="x", url="https://a.example/")
    assert response.status_code == status
    assert not Evidence.objects.exists()


@pytest.fixture
def attached(draft, focal_point, uploads):
    return evidence_add(
        submission=draft,
        question="1",
        title="Law",
        file=uploaded("law.pdf", PDF_BYTES),
        user=focal_point,
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 404),
        ("other_focal_point", 404),
        ("partner", 404),
        ("focal_point", 200),
        ("reviewer", 200),
        ("secretariat", 200),
    ],
)
def test_the_evidence_list_is_seen_as_the_submission(
    persona, status, attached, url, client_as, request
):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = client_as(person).get(f"{url}/evidence")
    assert response.status_code == status
    if status == 200:
        assert [item["id"] for item in response.json()["items"]] == [attached.pk]


def test_published_evidence_is_public(attached, url, client_as, focal_point, secretariat):
    for target, who in [
        (SubmissionStatus.SUBMITTED, focal_point),
        (SubmissionStatus.ACCEPTED, secretariat),
        (SubmissionStatus.PUBLISHED, secretariat),
    ]:
        services.submission_transition(submission=attached.submission, target=target, user=who)
    assert client_as(None).get(f"{url}/evidence").json()["count"] == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("other_focal_point", 404),
        ("reviewer", 404),
        ("secretariat", 404),
    ],
)
def test_only_the_partys_focal_points_delete(persona, status, attached, client_as, request):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    assert client_as(person).delete(f"/api/evidence/{attached.pk}").status_code == status
    assert Evidence.objects.filter(pk=attached.pk).exists()


def test_a_focal_point_deletes_evidence_and_its_file_goes(
    attached, client_as, focal_point, uploads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(focal_point).delete(f"/api/evidence/{attached.pk}")
    assert response.status_code == 204
    assert not Evidence.objects.exists()
    assert stored_files(uploads) == []


def test_evidence_of_a_submitted_submission_cannot_be_deleted(attached, client_as, focal_point):
    services.submission_transition(
        submission=attached.submission, target=SubmissionStatus.SUBMITTED, user=focal_point
    )
    response = client_as(focal_point).delete(f"/api/evidence/{attached.pk}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "status"]


def test_the_operations_are_documented(client_as):
    schema = client_as(None).get("/api/openapi.json").json()
    put = schema["paths"]["/api/cycles/{cycle_id}/submissions/{party}/xlsx"]["put"]
    assert "multipart/form-data" in put["requestBody"]["content"]
    assert '"file", <row>' in put["description"]
    post = schema["paths"]["/api/cycles/{cycle_id}/submissions/{party}/evidence"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]


@pytest.mark.parametrize(
    ("persona", "status"), [("focal_point", 422), ("secretariat", 403), ("reviewer", 403)]
)
def test_a_json_body_is_refused_by_role_first_then_as_bad_input(
    persona, status, draft, url, client_as, request
):
    client = client_as(request.getfixturevalue(persona))
    body = {"question": "1", "title": "Law", "url": "https://example.org/law"}
    assert client.post(f"{url}/evidence", body, content_type="application/json").status_code == (
        status
    )
    assert not Evidence.objects.exists()
