from __future__ import annotations

from django.urls import path

from . import views

app_name = "requirements"

urlpatterns = [
    path("projects/<int:pk>/requirements/", views.requirement_list, name="list"),
    path("projects/<int:pk>/requirements/new/", views.requirement_create, name="create"),
    path("projects/<int:pk>/requirements/derive/", views.requirements_derive, name="derive"),
    path("projects/<int:pk>/requirements/confirm/", views.requirements_confirm, name="confirm"),
    path("projects/<int:pk>/requirements/matrix/", views.traceability_matrix, name="matrix"),
    path("projects/<int:pk>/requirements/bulk/", views.requirements_bulk, name="bulk"),
    path("projects/<int:pk>/requirements/<int:rid>/", views.requirement_card, name="card"),
    path("projects/<int:pk>/requirements/<int:rid>/edit/", views.requirement_edit, name="edit"),
    path(
        "projects/<int:pk>/requirements/<int:rid>/dismiss/",
        views.requirement_dismiss,
        name="dismiss",
    ),
    path(
        "projects/<int:pk>/requirements/<int:rid>/restore/",
        views.requirement_restore,
        name="restore",
    ),
    path(
        "projects/<int:pk>/requirements/<int:rid>/clear-mark/",
        views.requirement_clear_mark,
        name="clear_mark",
    ),
    path("projects/<int:pk>/requirements/<int:rid>/move/", views.requirement_move, name="move"),
]
