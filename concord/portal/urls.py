from django.urls import path

from concord.portal.views import bodies, home, instruments, opendata, parties, search

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("instruments", instruments.instrument_list, name="instrument_list"),
    path("instruments/<int:instrument_id>", instruments.instrument_detail, name="instrument"),
    path(
        "instruments/<int:instrument_id>/provisions/<path:ref>",
        instruments.provision_detail,
        name="provision",
    ),
    path("parties", parties.party_list, name="party_list"),
    path("parties/<str:code>", parties.party_detail, name="party"),
    path("groups", parties.group_list, name="group_list"),
    path("groups/<slug:slug>", parties.group_detail, name="group"),
    path("bodies", bodies.body_list, name="body_list"),
    path("bodies/<slug:code>", bodies.body_detail, name="body"),
    path("search", search.search, name="search"),
    path("data", opendata.data, name="data"),
    path("data/<slug:table>.<slug:fmt>", opendata.download, name="download"),
]
