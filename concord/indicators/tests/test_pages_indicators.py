"""The public pages: the list, an indicator with its targets and figures, and its benchmark."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Comparator, Indicator, Statistic, Target, Trend, Unit
from concord.indicators.periods import period_for
from concord.indicators.views.describe import describe_target, figure_text, places
from concord.registry.models import GroupMembership, Party
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("indicators:list")


def detail(indicator) -> str:
    return reverse("indicators:detail", kwargs={"code": indicator.code})


def bench(indicator) -> str:
    return reverse("indicators:benchmark", kwargs={"code": indicator.code})


@pytest.fixture
def focal_vnm(viet_nam):
    return make_person("focal-vnm", (RoleKind.FOCAL_POINT, viet_nam))


@pytest.fixture
def pending_2016(figures, viet_nam, focal_vnm):
    return value_put(
        user=focal_vnm,
        indicator=figures,
        period=period_for("2016"),
        party=viet_nam,
        figure=Figure("17.25"),
    )


# The list ------------------------------------------------------------------------------------


def test_the_list_gives_code_name_unit_direction_and_latest_public_period(
    client_as, figures, pending_2016
):
    html = client_as(None).get(LIST).content.decode()
    assert detail(figures) in html
    assert "start-business-days" in html and "lower is better" in html
    assert '<td data-label="Latest period">2015</td>' in html  # not the pending 2016
    assert "<caption>" in html and 'scope="col"' in html


def test_the_list_issues_a_constant_number_of_queries(
    client_as, figures, published_instrument, django_assert_max_num_queries
):
    for n in range(15):
        Indicator.objects.create(
            code=f"extra-{n}", name=f"Extra {n}", unit=Unit.COUNT, instrument=published_instrument
        )
    with django_assert_max_num_queries(4):
        assert client_as(None).get(LIST).status_code == 200


def test_an_unpublished_instrument_is_named_only_to_those_who_may_open_it(
    client_as, unpublished_instrument, published_instrument, secretariat
):
    hidden = Indicator.objects.create(
        code="hidden", name="Hidden measure", unit=Unit.COUNT, instrument=unpublished_instrument
    )
    Indicator.objects.create(
        code="shown", name="Shown measure", unit=Unit.COUNT, instrument=published_instrument
    )
    title = unpublished_instrument.title
    listing = client_as(None).get(LIST).content.decode()
    assert "Hidden measure" in listing and title not in listing
    assert published_instrument.title in listing
    assert title not in client_as(None).get(detail(hidden)).content.decode()
    assert title in client_as(secretariat).get(detail(hidden)).content.decode()
    assert title in client_as(secretariat).get(LIST).content.decode()


# One indicator -------------------------------------------------------------------------------


def test_an_unknown_indicator_is_404(client_as, db):
    assert client_as(None).get("/indicators/no-such-thing").status_code == 404


def test_the_public_sees_approved_figures_only_and_missing_ones_as_missing(
    client_as, figures, pending_2016
):
    html = client_as(None).get(detail(figures)).content.decode()
    assert '<th scope="col">2015</th>' in html
    assert '<th scope="col">2016</th>' not in html
    assert "17.25" not in html
    assert "52.5" in html  # Indonesia, 2014
    # Indonesia has no 2015 figure: a dash, and words for screen readers.
    assert '<span aria-hidden="true">—</span><span class="visually-hidden">no data</span>' in html
    assert "Figures not yet public" not in html


def test_the_focal_point_sees_its_pending_figure_marked(client_as, figures, pending_2016):
    html = client_as(pending_2016.entered_by).get(detail(figures)).content.decode()
    assert '<th scope="col">2016</th>' in html
    assert "17.25" in html and "(waiting for approval)" in html
    assert "Figures not yet public" in html


def test_a_flagged_figure_points_at_what_we_assumed(client_as, figures, viet_nam, secretariat):
    value_put(
        user=secretariat,
        indicator=figures,
        period=period_for("2015"),
        party=viet_nam,
        figure=Figure("20", flag="Printed as 20; the text says 21."),
    )
    html = client_as(None).get(detail(figures)).content.decode()
    assert 'href="#note-1"' in html and 'id="note-1"' in html
    assert "What we assumed" in html
    assert "Printed as 20; the text says 21." in html
    assert "It concerns this figure:" in html and "Viet Nam, 2015" in html


def test_targets_are_described_with_their_source(client_as, figures, viet_nam, asean_6):
    Target.objects.create(
        indicator=figures, party=viet_nam, comparator=Comparator.AT_MOST, value=6, source="Res. 19"
    )
    html = client_as(None).get(detail(figures)).content.decode()
    assert "For Viet Nam:" in html and "At most 6 days" in html
    assert "Source: Res. 19" in html


def test_the_page_links_the_csv_of_the_api(client_as, figures):
    html = client_as(None).get(detail(figures)).content.decode()
    assert 'href="/api/indicators/start-business-days/values?format=csv"' in html


def test_the_indicator_page_issues_a_constant_number_of_queries(
    client_as, figures, secretariat, django_assert_max_num_queries
):
    # 10 for the page and its table, 5 for the trend (periods, lines, names, figures, targets)
    # and 3 for the map (periods, breakdowns, figures), whatever the number of parties.
    with django_assert_max_num_queries(18):
        assert client_as(None).get(detail(figures)).status_code == 200
    for n in range(20):
        party = factories.PartyFactory(code=f"X{n:02}", name=f"Party {n}")
        value_put(
            user=secretariat,
            indicator=figures,
            period=period_for("2015"),
            party=party,
            figure=Figure(n, flag=f"Caution {n % 3}"),
        )
    with django_assert_max_num_queries(18):
        assert client_as(None).get(detail(figures)).status_code == 200


def test_only_the_latest_periods_are_shown_and_the_page_says_so(client_as, figures, secretariat):
    party = Party.objects.get(code="SGP")
    for year in range(1990, 2005):
        value_put(
            user=secretariat,
            indicator=figures,
            period=period_for(str(year)),
            party=party,
            figure=Figure(3),
        )
    html = client_as(None).get(detail(figures)).content.decode()
    table = html.split('id="figures"', 1)[1].split("</section>", 1)[0]
    assert "The table shows the latest 12 periods of 17" in table
    assert '<th scope="col">1990</th>' not in table and '<th scope="col">1995</th>' in table


# The benchmark -------------------------------------------------------------------------------


def test_the_benchmark_compares_a_group_in_the_latest_period_by_default(
    client_as, figures, asean_6
):
    response = client_as(None).get(bench(figures), {"group": "asean-6"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ASEAN-6 in 2015" in html
    assert "5 of 6" in html and "14.8" in html  # parties with a figure, the mean
    assert "<caption>" in html and '<th scope="col">Rank</th>' in html
    assert "/api/indicators/start-business-days/benchmark?period=2015&amp;group=asean-6" in html


def test_the_benchmark_shows_target_gap_and_whether_it_is_met(client_as, figures, viet_nam):
    Target.objects.create(indicator=figures, comparator=Comparator.AT_MOST, value=6)
    html = client_as(None).get(bench(figures), {"period": "2015"}).content.decode()
    row = html[html.index(">Viet Nam<") :].split("</tr>")[0]
    assert ">20.0<" in row and ">14<" in row and ">233.3<" in row and ">no<" in row
    singapore = html[html.index(">SGP<") :].split("</tr>")[0]
    assert ">-3.5<" in singapore and ">yes<" in singapore and ">1<" in singapore


def test_a_period_without_figures_is_refused_beside_its_field(client_as, figures):
    response = client_as(None).get(bench(figures), {"period": "1999"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_period-error"' in html and 'aria-invalid="true"' in html


def test_an_indicator_without_figures_says_there_is_nothing_to_compare(client_as, days):
    html = client_as(None).get(bench(days)).content.decode()
    assert "there is nothing to compare" in html


def test_the_benchmark_ignores_figures_not_yet_approved(client_as, figures, pending_2016):
    html = client_as(None).get(bench(figures), {"period": "2016"}).content.decode()
    assert "17.25" not in html


# Words and numbers ---------------------------------------------------------------------------


def test_figures_are_formatted_with_the_places_they_need():
    assert places(Decimal("73.000000")) == 0
    assert places(Decimal("-4.100000")) == 1
    assert figure_text(Decimal("2000000000.000000")) == "2,000,000,000"
    assert figure_text(Decimal("-4"), 1) == "-4.0"
    assert figure_text(None) == ""


def test_each_form_of_target_is_described(days, viet_nam, asean_6):
    fixed = Target(indicator=days, comparator=Comparator.AT_MOST, value=Decimal("6.000000"))
    assert describe_target(fixed) == "At most 6 days"
    relative = Target(
        indicator=days,
        comparator=Comparator.AT_MOST,
        group=asean_6,
        statistic=Statistic.MEDIAN,
        value=Decimal("50.3"),
        reference_period=period_for("2014"),
    )
    assert describe_target(relative) == (
        "At most the median of ASEAN-6 in 2014 (the source prints 50.3 days)"
    )
    trend = Target(
        indicator=days,
        trend=Trend.STABLE_OR_RISING,
        value=Decimal(2_000_000_000),
        deadline=dt.date(2013, 12, 31),
    )
    assert describe_target(trend) == (
        "Stable or rising, about 2,000,000,000 days, by Dec. 31, 2013"
    )


def test_a_group_member_without_a_figure_is_listed_as_missing(client_as, figures, asean_6):
    newcomer = factories.PartyFactory(code="TLS", name="Timor-Leste")
    GroupMembership.objects.create(group=asean_6, party=newcomer)
    html = client_as(None).get(bench(figures), {"group": "asean-6"}).content.decode()
    assert "Timor-Leste" in html and "5 of 7" in html
