from django.urls import path

from concord.indicators.views import benchmarks, figures, indicators

app_name = "indicators"

urlpatterns = [
    path("", indicators.indicator_list, name="list"),
    path("<slug:code>", indicators.indicator_detail, name="detail"),
    path("<slug:code>/benchmark", benchmarks.benchmark_page, name="benchmark"),
    path("<slug:code>/figures/new", figures.figure_new, name="figure_new"),
    path("<slug:code>/pending", figures.pending, name="pending"),
    path("<slug:code>/pending/<int:value_id>", figures.review, name="review"),
]
