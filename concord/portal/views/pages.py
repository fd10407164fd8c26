"""What every page view shares."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PAGE_SIZE = 25


def page(request: HttpRequest, template: str, context: dict, *, section: str = "") -> HttpResponse:
    return render(request, template, {**context, "section": section})


def paginate(request: HttpRequest, queryset: QuerySet, size: int = PAGE_SIZE) -> Page:
    """Return the page asked for in ?page=, the first or last one when it is out of range."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))
