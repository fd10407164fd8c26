from django.urls import path

from concord.ingestion.views import review, uploads

app_name = "ingestion"

urlpatterns = [
    path("uploads", uploads.upload_list, name="upload_list"),
    path("uploads/<int:document_id>", uploads.upload_detail, name="upload_detail"),
    path("instruments/<int:instrument_id>/review", review.review, name="review"),
    path(
        "instruments/<int:instrument_id>/provisions/<int:provision_id>",
        review.provision_edit,
        name="provision_edit",
    ),
    path("instruments/<int:instrument_id>/publish", review.publish, name="publish"),
]
