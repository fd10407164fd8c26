from django.urls import path

from concord.indicators.views import benchmarks, compare, figures, imports, indicators

app_name = "indicators"

urlpatterns = [
    path("", indicators.indicator_list, name="list"),
    path("compare", compare.compare_page, name="compare"),
    path("import", imports.import_new, name="import_new"),
    path("import/<str:result_id>", imports.import_status, name="import_status"),
    path("<slug:code>", indicators.indicator_detail, name="detail"),
    path("<slug:code>/benchmark", benchmarks.benchmark_page, name="benchmark"),
    path("<slug:code>/figures/new", figures.figure_new, name="figure_new"),
    path("<slug:code>/pending", figures.pending, name="pending"),
    path("<slug:code>/pending/<int:value_id>", figures.review, name="review"),
]
