from django.urls import path

from concord.reporting.views import (
    calendar,
    cycles,
    dashboard,
    offline,
    plan_forms,
    plans,
    progress,
    reviews,
    submissions,
)

app_name = "reporting"

SUBMISSION = "cycles/<int:cycle_id>/parties/<str:party>"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("cycles", cycles.cycle_list, name="cycle_list"),
    path("cycles/<int:cycle_id>", cycles.cycle_detail, name="cycle"),
    path("cycles/<int:cycle_id>/status", cycles.cycle_status, name="cycle_status"),
    path(SUBMISSION, submissions.submission_detail, name="submission"),
    path(f"{SUBMISSION}/edit", submissions.submission_edit, name="submission_edit"),
    path(f"{SUBMISSION}/step/<str:action>", submissions.submission_step, name="submission_step"),
    path(f"{SUBMISSION}/review", reviews.review_add, name="review_add"),
    path(f"{SUBMISSION}/xlsx", offline.submission_xlsx, name="submission_xlsx"),
    path(f"{SUBMISSION}/xlsx/import", offline.submission_import, name="submission_import"),
    path(f"{SUBMISSION}/evidence", offline.evidence_add, name="evidence_add"),
    path("evidence/<int:evidence_id>", offline.evidence_download, name="evidence_download"),
    path("evidence/<int:evidence_id>/delete", offline.evidence_delete, name="evidence_delete"),
    path("recommendations", reviews.recommendation_list, name="recommendation_list"),
    path(
        "recommendations/<int:recommendation_id>",
        reviews.recommendation_detail,
        name="recommendation",
    ),
    path(
        "recommendations/<int:recommendation_id>/follow-up",
        reviews.follow_up,
        name="recommendation_follow_up",
    ),
    path("instruments/<int:instrument_id>/progress", progress.progress_matrix, name="progress"),
    path("parties/<str:code>/scorecard", progress.scorecard, name="scorecard"),
    path("parties/<str:code>/plan", plans.party_plan, name="party_plan"),
    path("parties/<str:code>/plan/actions/new", plan_forms.action_new, name="action_new"),
    path("plan-actions/<int:action_id>/edit", plan_forms.action_edit, name="action_edit"),
    path("plan-actions/<int:action_id>/publish", plan_forms.action_publish, name="action_publish"),
    path("reform-projects/<int:project_id>", plans.project_detail, name="project"),
    path("parties/<str:code>/reform-projects/new", plan_forms.project_new, name="project_new"),
    path("reform-projects/<int:project_id>/edit", plan_forms.project_edit, name="project_edit"),
    path(
        "reform-projects/<int:project_id>/publish",
        plan_forms.project_publish,
        name="project_publish",
    ),
    path(
        "reform-projects/<int:project_id>/review",
        plan_forms.project_review,
        name="project_review",
    ),
    path("calendar", calendar.calendar, name="calendar"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
