from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from api.api import api

admin.site.site_header = "Support Blueprint administration"
admin.site.site_title = "Support Blueprint"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("", include("discovery.urls")),
    path("", include("evidence.urls")),
    path("", include("requirements_app.urls")),
    path("", include("frameworks.urls")),
    path("", include("reviews.urls")),
    path("", include("exports.urls")),
    path("", include("deliverables.urls")),
    path("", include("api.urls")),
    path("api/v1/", api.urls),
]
