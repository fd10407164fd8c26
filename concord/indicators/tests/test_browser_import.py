"""The import page in Chromium, with axe-core (WCAG 2.2 AA) on each screen it shows.

The secretariat finds the page from the list of indicators, forgets the file, imports one with
errors (the report lists them by row and column, nothing is written), loads its valid rows,
then sends a large file to the worker and watches its status page turn to the report.
"""

import pytest
from playwright.sync_api import expect

from concord.conftest import make_persona
from concord.indicators.models import Value
from concord.indicators.tests.test_pages_import import BAD, large_csv
from concord.indicators.views.imports import IN_REQUEST_CELLS
from concord.ingestion.tests.uploading import run_worker
from concord.portal.tests.test_browser import (
    WIDTHS,
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.reporting.tests.test_browser_reporting import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_secretariat_imports_a_file_with_errors_then_a_large_one(
    browser,  # noqa: F811
    live_server,
    settings,
    tmp_path,
    days,
    viet_nam,
    width,
):
    settings.UPLOADS_DIR = tmp_path / "uploads"
    make_persona("secretariat")
    page = open_page(browser, width)
    sign_in(page, live_server.url, "secretariat", "/indicators/")
    page.get_by_role("link", name="Import figures").click()
    expect(page.locator("h1")).to_have_text("Import figures")
    check(page, f"import page at {width} px")

    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#id_file-error")).to_have_text("Choose a CSV or XLSX file to import.")
    check(page, f"import form with an error at {width} px")

    bad = tmp_path / "figures.csv"
    bad.write_text(BAD)
    page.get_by_label("File of figures").set_input_files(str(bad))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported.")
    errors = page.get_by_role("table", name="Errors, by row and column")
    expect(errors.locator("tbody tr")).to_have_count(2)
    expect(errors.locator("tbody tr").first).to_contain_text(
        "No party, group or body is known as Atlantis."
    )
    check(page, f"import report with errors at {width} px")
    assert not Value.objects.exists()

    page.get_by_label("File of figures").set_input_files(str(bad))
    page.get_by_label("Load the valid rows and skip the rows with errors").check()
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".import-report")).to_contain_text("The valid rows are imported.")
    check(page, f"import report of the valid rows at {width} px")
    assert Value.objects.count() == 2

    rows = IN_REQUEST_CELLS // 4 + 10
    large = tmp_path / "monthly.csv"
    large.write_text(large_csv(rows))
    page.get_by_label("File of figures").set_input_files(str(large))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("h1")).to_have_text("Import of monthly.csv")
    expect(page.locator(".import-state")).to_have_text("Waiting")
    check(page, f"waiting import at {width} px")

    run_worker()
    # The page refreshes itself until the report is there.
    expect(page.locator(".import-state")).to_have_text("Done", timeout=15_000)
    expect(page.locator(".import-report")).to_contain_text("The file is imported.")
    check(page, f"finished import at {width} px")
    assert Value.objects.count() == 2 + rows
    page.context.close()
