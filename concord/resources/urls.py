from django.urls import path

from concord.resources.views import contributions, funding, modalities, needs, pages, partnering

app_name = "resources"

urlpatterns = [
    path("", pages.overview, name="overview"),
    path("partners/new", partnering.partner_new, name="partner_new"),
    path("partners/<str:code>", pages.partner_page, name="partner"),
    path("partners/<str:code>/priorities/new", partnering.priority_new, name="priority_new"),
    path("rates", partnering.rate_list, name="rates"),
    path("rates/new", partnering.rate_new, name="rate_new"),
    path("modalities/new", modalities.modality_new, name="modality_new"),
    path("modalities/<slug:organization>/<slug:code>", pages.modality_page, name="modality"),
    path(
        "modalities/<slug:organization>/<slug:code>/edit",
        modalities.modality_edit,
        name="modality_edit",
    ),
    path("publishers", modalities.publisher_list, name="publishers"),
    path("publishers/new", modalities.publisher_new, name="publisher_new"),
    path("publishers/<slug:organization>/edit", modalities.publisher_edit, name="publisher_edit"),
    path("funding/<int:instrument_id>", funding.funding_page, name="funding"),
    path("needs", needs.need_list, name="needs"),
    path("needs/new", partnering.need_new, name="need_new"),
    path("needs/<int:need_id>", needs.need_page, name="need"),
    path("needs/<int:need_id>/edit", partnering.need_edit, name="need_edit"),
    path("contributions/new", contributions.contribution_new, name="contribution_new"),
    path(
        "contributions/<int:contribution_id>",
        contributions.contribution_detail,
        name="contribution",
    ),
    path(
        "contributions/<int:contribution_id>/status",
        contributions.contribution_status,
        name="contribution_status",
    ),
    path(
        "contributions/<int:contribution_id>/spending",
        contributions.contribution_spending,
        name="contribution_spending",
    ),
    path(
        "contributions/<int:contribution_id>/publication",
        contributions.contribution_publication,
        name="contribution_publication",
    ),
]
