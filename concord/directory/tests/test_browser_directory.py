"""Contacts and legislation in Chromium, with axe-core (WCAG 2.2 AA) on every page they show.

The public reads the entries (without contact details), searches the legislation and its gaps;
a focal point of France records a law implementing a provision from the gaps page, after a
mistake the form names, and the provision is no longer a gap.
"""

import datetime as dt
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from concord.conftest import make_persona, persona_scope
from concord.directory import contacts, legislation
from concord.directory.models import ContactKind, Legislation, LegislationKind
from concord.portal.tests.test_browser import (
    WIDTHS,
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.registry.models import ProvisionKind
from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting.tests.test_browser_reporting import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory():
    france, ukraine = persona_scope("party_a"), persona_scope("party_b")
    instrument = InstrumentFactory(
        body=persona_scope("body"), title="Action plan on asset recovery"
    )
    rows = [
        ("1", ProvisionKind.ARTICLE, "Criminalise the laundering of proceeds."),
        ("2", ProvisionKind.OPERATIVE, "Freeze assets without delay."),
        ("3", ProvisionKind.RECOMMENDED_ACTION, "Set up an asset recovery office."),
    ]
    for seq, (ref, kind, text) in enumerate(rows):
        ProvisionFactory(
            instrument=instrument, seq=seq, ref=ref, number=f"{ref}.", kind=kind, text=text
        )
    focal_point = make_persona("focal_point")
    other = make_persona("other_focal_point")
    contacts.contact_create(
        user=focal_point,
        party=france,
        content=contacts.ContactContent(
            kind=ContactKind.FOCAL_POINT,
            name="Jeanne Martin",
            organization="Ministry of Justice",
            languages=["fr", "en"],
            email="jeanne.martin@justice.example",
            phone="+33 1 00 00 00 00",
            instrument=instrument,
        ),
    )
    contacts.contact_create(
        user=other,
        party=ukraine,
        content=contacts.ContactContent(
            kind=ContactKind.CENTRAL_AUTHORITY,
            name="Oksana Shevchenko",
            organization="Office of the Prosecutor General",
        ),
    )
    law = legislation.legislation_create(
        user=focal_point,
        party=france,
        content=legislation.LegislationContent(
            title="Law on the confiscation of criminal assets",
            kind=LegislationKind.ACT,
            summary="Creates an agency that manages seized and confiscated property.",
            adopted_on=dt.date(2010, 7, 9),
            provisions=list(instrument.provisions.filter(ref="1")),
        ),
    )
    return {"instrument": instrument, "law": law}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_reads_contacts_legislation_and_gaps(
    browser,  # noqa: F811
    live_server,
    directory,
    width,
):
    base, instrument = live_server.url, directory["instrument"]
    page = open_page(browser, width)
    page.goto(f"{base}/directory/focal-points")
    expect(page.get_by_role("table").first).to_contain_text("Jeanne Martin")
    expect(page.locator("body")).not_to_contain_text("jeanne.martin@justice.example")
    expect(page.locator(".notice").get_by_role("link", name="sign in")).to_be_visible()
    check(page, "contact list")

    page.goto(f"{base}/directory/legislation")
    page.get_by_label("Words of the title or summary").fill("agency")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".result-count")).to_contain_text("1 law")
    check(page, "legislation search")
    page.get_by_role("link", name="Law on the confiscation of criminal assets").click()
    expect(page.locator("h1")).to_have_text("Law on the confiscation of criminal assets")
    check(page, "one law")

    page.goto(f"{base}/directory/legislation/gaps")
    check(page, "gaps, nothing chosen")
    page.get_by_label("Party", exact=True).select_option(label="France")
    page.get_by_label("Instrument", exact=True).select_option(label=instrument.title)
    page.get_by_role("button", name="Show the gaps").click()
    expect(page.locator(".result-count")).to_contain_text("2 provisions")
    check(page, "gaps of France")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_focal_point_records_a_law_and_the_gap_disappears(
    browser,  # noqa: F811
    live_server,
    directory,
    width,
):
    base, instrument = live_server.url, directory["instrument"]
    gaps = f"/directory/legislation/gaps?party=FRA&instrument={instrument.pk}"
    page = open_page(browser, width)
    sign_in(page, base, "focal-point", quote(gaps))
    expect(page.locator("ol.gaps")).to_contain_text("Freeze assets without delay.")
    check(page, "gaps, focal point")

    page.get_by_role("link", name="Record legislation implementing it (2.)").click()
    expect(page.locator("h1")).to_have_text("Record implementing legislation")
    expect(page.get_by_label("2. — Freeze assets without delay.")).to_be_checked()
    check(page, "new law form")
    page.get_by_label("Language of the text").fill("xx")
    page.get_by_role("button", name="Save the legislation").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(page.get_by_label("Title", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_language-error")).to_contain_text("ISO 639-1")
    check(page, "new law form with errors")

    page.get_by_label("Title", exact=True).fill("Decree on the freezing of assets")
    page.get_by_label("Kind", exact=True).select_option(label="Decree")
    page.get_by_label("Language of the text").fill("fr")
    page.get_by_role("button", name="Save the legislation").click()
    expect(page.locator("h1")).to_have_text("Decree on the freezing of assets")
    expect(page.locator(".messages")).to_contain_text("recorded")
    check(page, "the new law, focal point")
    law = Legislation.objects.get(title="Decree on the freezing of assets")
    assert law.history.get().history_user.username == "focal-point"

    page.goto(base + gaps)
    expect(page.locator(".result-count")).to_contain_text("1 provision with no")
    expect(page.locator("ol.gaps")).not_to_contain_text("Freeze assets without delay.")

    page.goto(f"{base}/directory/focal-points")
    expect(page.locator("body")).to_contain_text("jeanne.martin@justice.example")
    check(page, "contact list, signed in")
    page.get_by_role("link", name="Add an entry").click()
    check(page, "new entry form")
    page.get_by_label("Languages").fill("fr, zz")
    page.get_by_role("button", name="Save the entry").click()
    expect(page.locator("#id_languages-error")).to_contain_text("zz")
    check(page, "new entry form with errors")
    page.goto(f"{base}/directory/legislation/{law.pk}/edit")
    check(page, "edit law form")
    page.context.close()
