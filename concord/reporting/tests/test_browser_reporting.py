"""The reporting workflow in Chromium, with axe-core (WCAG 2.2 AA) on every page it passes.

A focal point fills and submits, a reviewer returns it, the focal point fixes and resubmits,
the secretariat accepts and publishes, the public reads it; and two editors of one submission.
"""

import pytest
from playwright.sync_api import Page, expect

from concord.conftest import make_persona, persona_scope
from concord.portal.tests.test_browser import (
    axe_violations,
    browser,  # noqa: F401  (a fixture)
    describe,
    open_page,
)
from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting.answers import AnswerType
from concord.reporting.models import Submission, SubmissionStatus
from concord.reporting.tests.pages_fixtures import open_today, question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    party_a, party_b = persona_scope("party_a"), persona_scope("party_b")
    body = persona_scope("body")
    instrument = InstrumentFactory(body=body, title="Action plan on asset recovery")
    ProvisionFactory(instrument=instrument, seq=1, ref="1", text="Adopts laws.")
    ProvisionFactory(instrument=instrument, seq=2, ref="2", text="Freezes assets.")
    persons = {name: make_persona(name) for name in ("secretariat", "focal_point", "reviewer")}
    persons["cycle"] = open_today(instrument, persons["secretariat"], [party_a, party_b])
    return persons


def sign_in(page: Page, base_url: str, username: str, next_path: str = "/reporting/") -> None:
    page.goto(f"{base_url}/accounts/login?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_count(1)


def check(page: Page, name: str) -> None:
    """One h1, no axe-core violation, and no sideways scrolling on a small screen."""
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, f"{name}:\n{describe(violations)}"
    width = page.viewport_size["width"]
    if width <= 360:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name} scrolls sideways at {width} px ({scroll} px wide)"


def status_of(cycle) -> str:
    return Submission.objects.get(cycle=cycle, party__code="FRA").status


def test_a_submission_goes_from_focal_point_to_the_public(browser, live_server, people):  # noqa: F811
    base, cycle = live_server.url, people["cycle"]
    staff = question(cycle, AnswerType.NUMBER)
    strategy = question(cycle, AnswerType.YES_NO)
    first = cycle.questions.get(provision__ref="1")
    submission_path = f"/reporting/cycles/{cycle.pk}/parties/FRA"

    # The focal point fills and submits, after a mistake the page names.
    focal = open_page(browser, 1280)
    sign_in(focal, base, "focal-point")
    expect(focal.locator("h1")).to_have_text("Your reporting work")
    check(focal, "focal point's dashboard")
    focal.get_by_role("link", name="Not started — France, Self-assessment").click()
    check(focal, "submission not started")
    focal.get_by_role("link", name="Edit the answers").click()
    check(focal, "answers form")
    focal.locator(f"#question-{first.pk}").get_by_label("Status").select_option("partially")
    focal.locator(f"#question-{strategy.pk}").get_by_label("Note").fill("Drafted, not adopted")
    focal.get_by_role("button", name="Save the answers").click()
    expect(focal.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(focal.locator(f"#id_note_{strategy.pk}-error")).to_contain_text("A note needs an answer")
    check(focal, "answers form with errors")
    focal.locator(f"#question-{strategy.pk}").get_by_label("No", exact=True).check()
    focal.locator(f"#question-{staff.pk}").get_by_label("Number (people)").fill("12")
    focal.get_by_role("button", name="Save the answers").click()
    expect(focal.get_by_role("status")).to_contain_text("Your answers are saved.")
    expect(focal.locator(f"#answer-{first.pk}")).to_contain_text("Partially implemented")
    check(focal, "draft submission")
    focal.get_by_role("button", name="Submit").click()
    expect(focal.get_by_role("status")).to_contain_text("Submitted.")
    assert status_of(cycle) == SubmissionStatus.SUBMITTED

    # The reviewer returns it with a reason.
    reviewer = open_page(browser, 1280)
    sign_in(reviewer, base, "reviewer")
    check(reviewer, "reviewer's dashboard")
    reviewer.get_by_role("link", name="Self-assessment — France").click()
    reviewer.get_by_label("Why it is returned").fill("Which laws?")
    reviewer.get_by_role("button", name="Return for revision").click()
    expect(reviewer.get_by_role("status")).to_contain_text("Returned to the party for revision.")
    assert status_of(cycle) == SubmissionStatus.RETURNED
    reviewer.context.close()

    # The focal point finds it returned, fixes it and resubmits.
    focal.goto(base + "/reporting/")
    expect(focal.locator("#drafts ~ .table-wrap").first).to_contain_text("Returned for revision")
    focal.goto(base + submission_path + "/edit")
    focal.locator(f"#question-{first.pk}").get_by_label("Status").select_option("largely")
    focal.get_by_role("button", name="Save the answers").click()
    focal.get_by_role("button", name="Submit").click()
    expect(focal.get_by_role("status")).to_contain_text("Submitted.")
    focal.context.close()

    # The secretariat follows the cycle, accepts and publishes.
    secretariat = open_page(browser, 1280)
    sign_in(secretariat, base, "secretariat")
    check(secretariat, "secretariat's dashboard")
    secretariat.get_by_role("link", name="Self-assessment — status of every submission").click()
    expect(secretariat.locator("h1")).to_have_text("Status of Self-assessment")
    check(secretariat, "status of every submission")
    secretariat.get_by_role("link", name="France").click()
    secretariat.get_by_role("button", name="Accept").click()
    expect(secretariat.get_by_role("status")).to_contain_text("Accepted.")
    secretariat.get_by_role("button", name="Publish").click()
    expect(secretariat.get_by_role("status")).to_contain_text("Published")
    check(secretariat, "published submission, signed in")
    secretariat.context.close()

    # The public reads it.
    public = open_page(browser, 1280)
    public.goto(f"{base}/reporting/cycles/{cycle.pk}")
    check(public, "cycle page, signed out")
    public.get_by_role("link", name="Published: the submission of France").click()
    expect(public.locator(f"#answer-{first.pk}")).to_contain_text("Largely implemented")
    expect(public.locator(f"#answer-{staff.pk}")).to_contain_text("12 people")
    expect(public.get_by_role("button", name="Publish")).to_have_count(0)
    check(public, "published submission, signed out")
    public.context.close()


def test_two_editors_of_one_submission_never_overwrite_each_other(browser, live_server, people):  # noqa: F811
    base, cycle = live_server.url, people["cycle"]
    text = question(cycle, AnswerType.TEXT)
    edit_path = f"/reporting/cycles/{cycle.pk}/parties/FRA/edit"
    one, two = open_page(browser, 1280), open_page(browser, 1280)
    for page in (one, two):
        sign_in(page, base, "focal-point", edit_path)
        expect(page.locator("h1")).to_contain_text("Answers of France")
    one.locator(f"#question-{text.pk}").get_by_label("Answer").fill("Courts are slow.")
    one.get_by_role("button", name="Save the answers").click()
    expect(one.get_by_role("status")).to_contain_text("Your answers are saved.")

    two.locator(f"#question-{text.pk}").get_by_label("Answer").fill("No obstacle.")
    two.get_by_role("button", name="Save the answers").click()
    expect(two.get_by_role("alert")).to_contain_text(
        "Someone saved this submission since you opened it"
    )
    expect(two.locator(f"#question-{text.pk}").get_by_label("Answer")).to_have_value(
        "Courts are slow."
    )
    check(two, "answers form after a stale save")
    submission = Submission.objects.get(cycle=cycle, party__code="FRA")
    assert submission.answers.get().value == "Courts are slow."
    assert submission.version == 1
    one.context.close()
    two.context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_reporting_pages_pass_axe_and_fit_the_screen(browser, live_server, people, width):  # noqa: F811
    cycle = people["cycle"]
    base = live_server.url
    page = open_page(browser, width)
    for path in ("/reporting/cycles", f"/reporting/cycles/{cycle.pk}"):
        page.goto(base + path)
        check(page, f"{path} at {width} px, signed out")
    sign_in(page, base, "secretariat")
    for path in (
        "/reporting/",
        f"/reporting/cycles/{cycle.pk}/status",
        f"/reporting/cycles/{cycle.pk}/parties/FRA",
    ):
        page.goto(base + path)
        check(page, f"{path} at {width} px, as the secretariat")
    page.context.close()
    page = open_page(browser, width)
    sign_in(page, base, "focal-point")
    for path in ("/reporting/", f"/reporting/cycles/{cycle.pk}/parties/FRA/edit"):
        page.goto(base + path)
        check(page, f"{path} at {width} px, as the focal point")
    page.context.close()
