import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from concord.portal.dates import describe_partial_date, machine_date
from concord.portal.templatetags.portal import anchor, emphasize_verb
from concord.registry.dates import PartialDate
from concord.registry.tests import factories


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2012-09-25", "25 September 2012"),
        ("2001-11", "November 2001"),
        ("2003", "2003"),
        ("2002/2003", "between 2002 and 2003"),
        ("../2004-05-31", "by 31 May 2004"),
        ("../2004", "by 2004"),
        ("2001-12/..", "not before 1 December 2001"),
        ("2001-11-15/2004-05-31", "between 15 November 2001 and 31 May 2004"),
    ],
)
def test_partial_dates_are_said_with_their_precision(edtf, words):
    assert describe_partial_date(PartialDate.parse(edtf)) == words


def test_a_missing_date_is_said_as_nothing():
    assert describe_partial_date(None) == ""


def test_html_gets_a_machine_date_only_where_it_can_express_it():
    assert machine_date(PartialDate.parse("2001-11")) == "2001-11"
    assert machine_date(PartialDate.parse("2003")) == "2003"
    assert machine_date(PartialDate.parse("2002/2003")) == ""


def test_months_are_named_in_the_readers_language():
    with translation.override("fr"):
        assert describe_partial_date(PartialDate(dt.date(2001, 11, 1), None, "range")).startswith(
            "not before 1 novembre 2001"
        )


def test_partial_date_tag_renders_a_time_element():
    html = Template("{% load portal %}{% partial_date d %}").render(
        Context({"d": PartialDate.parse("2001-11")})
    )
    assert html == '<time datetime="2001-11">November 2001</time>'


def test_verb_is_emphasized_once_and_text_is_escaped():
    html = emphasize_verb("Urges <States> to act; Urges again", "Urges")
    assert html == '<em class="verb">Urges</em> &lt;States&gt; to act; Urges again'


def test_verb_absent_from_the_text_leaves_it_alone():
    assert emphasize_verb("Décide de", "Decides") == "Décide de"


def test_anchor_has_no_whitespace():
    assert anchor("III.1.4") == "p-III.1.4"
    assert anchor("Annex A 1") == "p-Annex_A_1"


@pytest.mark.django_db
def test_translated_text_falls_back_to_english_with_its_language_marked():
    party = factories.PartyFactory(name="Ukraine")
    template = Template('{% load portal %}{% text party "name" %}')
    with translation.override("fr"):
        assert template.render(Context({"party": party})) == '<span lang="en">Ukraine</span>'
    with translation.override("en"):
        assert template.render(Context({"party": party})) == "Ukraine"
