from django.urls import path

from concord.cooperation.views import persons, replies, requests, statistics

app_name = "cooperation"

urlpatterns = [
    path("", requests.request_list, name="request_list"),
    path("requests/new", requests.request_new, name="request_new"),
    path("requests/<int:request_id>", requests.request_detail, name="request"),
    path("requests/<int:request_id>/status", requests.request_status, name="request_status"),
    path("requests/<int:request_id>/steps", requests.step_new, name="step_new"),
    path("requests/<int:request_id>/reply", replies.reply_new, name="reply_new"),
    path("attachments/<int:attachment_id>", replies.attachment_download, name="attachment"),
    path("persons/new", persons.person_new, name="person_new"),
    path("persons/<int:person_id>", persons.person_detail, name="person"),
    path("persons/<int:person_id>/matches", persons.match_decide, name="match_decide"),
    path("statistics", statistics.statistics_page, name="statistics"),
]
