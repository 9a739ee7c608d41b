"""/open311/v2/… (GeoReport v2). Each resource ends in .xml or .json."""

from django.urls import path, re_path

from . import views

app_name = "open311"

FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"

urlpatterns = [
    path("", views.discovery, {"fmt": "xml"}, name="root"),
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.services, name="services"),
    re_path(
        r"^services/(?P<service_code>[^/]+?)" + FMT,
        views.service_definition,
        name="service_definition",
    ),
    re_path(r"^requests" + FMT, views.requests, name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[^/]+?)" + FMT,
        views.request_detail,
        name="request",
    ),
]
