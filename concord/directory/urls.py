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
    path("meetings/<int:meeting_id>", meetings.meeting_detail, name="meeting"),
    path("best-practices", practices.practice_list, name="practice_list"),
    path("best-practices/<int:practice_id>", practices.practice_detail, name="practice"),
]
