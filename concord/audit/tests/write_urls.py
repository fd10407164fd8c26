"""Tiny write views for the tests of where a change comes from (no write API exists yet)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from concord.registry.models import Party


@csrf_exempt
def rename(request: HttpRequest, pk: int) -> HttpResponse:
    party = Party.objects.get(pk=pk)
    party.name = request.POST["name"]
    party.save()
    return HttpResponse(status=204)


urlpatterns = [
    path("api/test/parties/<int:pk>/rename", rename),
    path("test/parties/<int:pk>/rename", rename),
    path("", include("concord.urls")),
]
