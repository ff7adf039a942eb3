from __future__ import annotations

from django.urls import path

from . import views

app_name = "deliverables"

urlpatterns = [
    # The consultant's side.
    path("projects/<int:pk>/framework/", views.framework_detail, name="framework"),
    path("projects/<int:pk>/framework/client-logo/", views.client_logo, name="client_logo"),
    path("projects/<int:pk>/proposal/v<int:number>/", views.version_detail, name="version"),
    path("projects/<int:pk>/proposal/v<int:number>/pdf/", views.pdf_generate, name="pdf"),
    path(
        "projects/<int:pk>/proposal/v<int:number>/pdf/status/",
        views.pdf_status,
        name="pdf_status",
    ),
    path(
        "projects/<int:pk>/proposal/v<int:number>/pdf/download/",
        views.pdf_download,
        name="pdf_download",
    ),
    # The client's side, through the review link.
    path("r/<str:share_token>/v<int:number>/", views.client_version, name="client_version"),
    path("r/<str:share_token>/v<int:number>/pdf/", views.client_pdf_generate, name="client_pdf"),
    path(
        "r/<str:share_token>/v<int:number>/pdf/status/",
        views.client_pdf_status,
        name="client_pdf_status",
    ),
    path(
        "r/<str:share_token>/v<int:number>/pdf/download/",
        views.client_pdf_download,
        name="client_pdf_download",
    ),
    path("brand/<str:color>.css", views.brand_css, name="brand_css"),
]
