from __future__ import annotations

from django.urls import path

from . import views
from .pdf import views as pdf_views

app_name = "frameworks"

urlpatterns = [
    path("projects/<int:pk>/framework/", views.framework_detail, name="detail"),
    path("projects/<int:pk>/framework/generate/", views.framework_generate, name="generate"),
    path("projects/<int:pk>/framework/notes/<slug:section>/", views.section_note, name="note"),
    path("projects/<int:pk>/proposal/v<int:number>/pdf/", pdf_views.pdf_generate, name="pdf"),
    path(
        "projects/<int:pk>/proposal/v<int:number>/pdf/status/",
        pdf_views.pdf_status,
        name="pdf_status",
    ),
    path(
        "projects/<int:pk>/proposal/v<int:number>/pdf/download/",
        pdf_views.pdf_download,
        name="pdf_download",
    ),
    path(
        "r/<str:share_token>/v<int:number>/pdf/",
        pdf_views.client_pdf_generate,
        name="client_pdf",
    ),
    path(
        "r/<str:share_token>/v<int:number>/pdf/status/",
        pdf_views.client_pdf_status,
        name="client_pdf_status",
    ),
    path(
        "r/<str:share_token>/v<int:number>/pdf/download/",
        pdf_views.client_pdf_download,
        name="client_pdf_download",
    ),
]
