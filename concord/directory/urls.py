from django.urls import path

from concord.directory.views import contacts, index, legislation, meetings, practices

app_name = "directory"

urlpatterns = [
    path("", index.index, name="index"),
    path("focal-points", contacts.contact_list, name="contact_list"),
    path("focal-points/new", contacts.contact_new, name="contact_new"),
    path("focal-points/<int:contact_id>/edit", contacts.contact_edit, name="contact_edit"),
    path("legislation", legislation.legislation_list, name="legislation_list"),
    path("legislation/gaps", legislation.gaps, name="gaps"),
    path("legislation/new", legislation.legislation_new, name="legislation_new"),
    path("legislation/<int:legislation_id>", legislation.legislation_detail, name="legislation"),
    path(
        "legislation/<int:legislation_id>/edit",
        legislation.legislation_edit,
        name="legislation_edit",
    ),
    path("meetings", meetings.meeting_list, name="meeting_list"),
    path("meetings/new", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_id>", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/edit", meetings.meeting_edit, name="meeting_edit"),
    path("best-practices", practices.practice_list, name="practice_list"),
    path("best-practices/new", practices.practice_new, name="practice_new"),
    path("best-practices/<int:practice_id>", practices.practice_detail, name="practice"),
    path(
        "best-practices/<int:practice_id>/edit",
        practices.practice_edit,
        name="practice_edit",
    ),
]
