"""``concord ingest``: JSON on stdout, progress on stderr; writes proposals unless --dry-run."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from concord.ingestion.management.commands.ingest import Command
from concord.ingestion.models import SourceDocument
from concord.ingestion.tests.conftest import seed_path, seed_source
from concord.registry.models import Instrument


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(Command(), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_json_prints_the_schema_for_one_file():
    out, err = run(str(seed_path("002")), "--dry-run", "--json")
    document = json.loads(out)
    assert set(document) >= {"source", "instruments", "mentions"}
    symbols = [m for m in document["mentions"] if m["type"] == "symbol"]
    assert {"type", "text", "span", "value"} <= set(symbols[0])
    assert any(m["text"] == "ICC-ASP/10/Res.2" for m in symbols)
    resolution = document["instruments"][1]
    assert set(resolution) >= {
        "title", "symbol", "kind", "adopted_on", "body", "provisions", "statements",
    }  # fmt: skip
    operative = resolution["provisions"][3]
    assert set(operative) >= {
        "ref", "number", "kind", "verb", "addressees", "text", "bracketed", "placeholder",
        "span", "children",
    }  # fmt: skip
    assert (operative["ref"], operative["verb"], operative["bracketed"]) == ("1", "Welcomes", False)
    assert err == ""
    assert '"ref": "1"' in out


def test_several_files_give_a_json_array_and_progress_on_stderr():
    files = [str(seed_path("000")), str(seed_path("004"))]
    out, err = run(*files, "--dry-run", "--json")
    documents = json.loads(out)
    assert [d["source"] for d in documents] == files
    assert "[1/2]" in err and "[2/2]" in err


def test_without_json_a_summary_is_printed():
    out, _ = run(str(seed_path("003")), "--dry-run")
    assert "work_plan" in out and "provisions" in out


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    run(str(seed_path("002")), "--dry-run")
    assert not Instrument.objects.exists()


@pytest.mark.django_db
def test_without_dry_run_the_proposals_are_saved_and_reported():
    out, err = run(str(seed_path("004")), "--json")
    document = json.loads(out)
    ids = [saved["id"] for saved in document["saved"]]
    assert len(ids) == 4
    # The journal names both decisions by symbol.
    assert {(link["source"], link["symbol"]) for link in document["links"]} == {
        (ids[0], "PC.DEC/1107/Corr.1"),
        (ids[0], "PC.DEC/1108"),
    }
    assert set(Instrument.objects.values_list("pk", flat=True)) == set(ids)
    assert "4 created, 0 unchanged, 0 revised" in err
    out, err = run(str(seed_path("004")))
    assert "0 created, 4 unchanged, 0 revised" in err
    assert Instrument.objects.count() == 4


def test_an_unreadable_file_is_named_and_the_command_fails(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="1 of 2 files"):
        out, err = StringIO(), StringIO()
        try:
            call_command(Command(), str(empty), str(seed_path("000")), "--dry-run", "--json",
                         stdout=out, stderr=err)  # fmt: skip
        finally:
            assert "empty.txt" in err.getvalue()
            assert len(json.loads(out.getvalue())) == 1


@pytest.mark.django_db
def test_an_ingested_file_is_kept_as_the_source_its_instruments_are_reviewed_beside(
    client_as, secretariat
):
    path = seed_path("002")
    run(str(path))
    document = SourceDocument.objects.get()
    assert (document.original_name, document.status, document.uploaded_by) == (
        path.name,
        "done",
        None,
    )
    assert document.text == seed_source("002").text
    assert document.path.read_bytes() == path.read_bytes()
    draft = Instrument.objects.get(title="Draft resolution on cooperation")
    assert set(document.instruments.all()) == set(Instrument.objects.all())
    page = client_as(secretariat).get(f"/ingestion/instruments/{draft.pk}/review").content.decode()
    assert page.count('<mark class="span"') == draft.provisions.count()
    listing = client_as(secretariat).get("/ingestion/uploads").content.decode()
    assert "the command line" in listing
    # Ingesting the same file again keeps no second copy.
    run(str(path))
    assert SourceDocument.objects.count() == 1
