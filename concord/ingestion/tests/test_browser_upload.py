"""Upload -> task -> review -> correct -> publish, in Chromium, with axe-core on each screen."""

import pytest
from playwright.sync_api import expect

from concord.ingestion.models import SourceDocument, UploadStatus
from concord.ingestion.tests.conftest import seed_path
from concord.ingestion.tests.uploading import SEED, run_worker
from concord.portal.tests.test_browser import (
    axe_violations,
    browser,  # noqa: F401  (a fixture)
    describe,
    open_page,
    sign_in_as_secretariat,
)
from concord.registry.models import Instrument, Provision
from concord.registry.models.instruments import Publication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page, name: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{name}:\n{describe(violations)}"


@pytest.mark.parametrize("width", [1280, 360])
def test_a_secretariat_uploads_reviews_corrects_and_publishes(
    browser,  # noqa: F811
    live_server,
    settings,
    tmp_path,
    width,
):
    settings.UPLOADS_DIR = tmp_path / "uploads"
    page = open_page(browser, width)
    sign_in_as_secretariat(page, live_server.url)
    page.get_by_role("link", name="Uploads").click()
    expect(page.locator("h1")).to_have_text("Uploads")
    assert_accessible(page, f"upload page at {width} px")

    page.get_by_label("Document").set_input_files(str(seed_path(SEED)))
    page.get_by_role("button", name="Upload and ingest").click()
    expect(page.locator(".upload-status")).to_have_text("Queued")
    assert_accessible(page, f"queued upload at {width} px")

    run_worker()
    document = SourceDocument.objects.get()
    assert document.status == UploadStatus.DONE
    # The page refreshes itself while the upload is pending.
    expect(page.locator(".upload-status")).to_have_text("Done", timeout=15_000)

    recommendation = Provision.objects.filter(
        instrument__in=document.instruments.all(), kind="recommendation"
    ).first()
    instrument = recommendation.instrument
    page.locator(f'a[href="/ingestion/instruments/{instrument.pk}/review"]').click()
    expect(page.locator("h1")).to_contain_text("Review")
    assert_accessible(page, f"review screen at {width} px")
    if width == 360:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # From the provision to its span in the source, and back.
    page.locator(f"#p-{recommendation.pk}").get_by_role("link", name="Show in source").click()
    assert page.url.endswith(f"#src-{recommendation.pk}")
    expect(page.locator(f"#src-{recommendation.pk}")).to_be_in_viewport()
    page.locator(f"#src-{recommendation.pk} > a.span-ref").click()
    assert page.url.endswith(f"#p-{recommendation.pk}")
    expect(page.locator(f"#p-{recommendation.pk}")).to_be_in_viewport()

    page.locator(f"#p-{recommendation.pk}").get_by_role("link", name="Correct").first.click()
    expect(page.locator("h1")).to_contain_text(f"Correct provision {recommendation.ref}")
    assert_accessible(page, f"correction form at {width} px")
    page.get_by_label("Number as printed").fill("x" * 40)
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator("#id_number-error")).to_contain_text("At most 32 characters")
    page.get_by_label("Number as printed").fill("1 bis")
    page.get_by_label("Operative verb").fill("Recommends")
    page.get_by_role("button", name="Save the correction").click()
    corrected = f"Provision {recommendation.ref} is corrected"
    expect(page.locator(".messages")).to_contain_text(corrected)
    recommendation.refresh_from_db()
    assert (recommendation.number, recommendation.verb) == ("1 bis", "Recommends")

    public = page.context.new_page()
    assert public.goto(f"{live_server.url}/instruments/{instrument.pk}").status == 404
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("is published")
    assert Instrument.objects.get(pk=instrument.pk).publication == Publication.PUBLISHED
    assert public.goto(f"{live_server.url}/instruments/{instrument.pk}").status == 200
    page.context.close()
