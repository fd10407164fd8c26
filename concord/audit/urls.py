from django.urls import path

from concord.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("export.csv", views.export_csv, name="export"),
    path("people/<str:username>", views.person_history, name="person"),
    path("<str:object_type>/<str:object_id>", views.object_history, name="object"),
]
