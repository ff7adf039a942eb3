"""Bad requests cost the server little and log little (issue 14, item 7): request size
limits enforced from the headers before any body is read, a 400 logged as one line, and
a strict reading of imported JSON (duplicate keys, dates no one meant)."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from config.logredact import OneLineClientErrors
from exports.models import ProjectImport
from exports.reading import Reader, parse_export

pytestmark = pytest.mark.django_db


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read

    def __iter__(self):
        raise AssertionError("the body was read")


def _post_declaring(client, url: str, length: int, content_type: str):
    return client.generic(
        "POST",
        url,
        data=b"",
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
    )


def test_an_oversized_upload_is_refused_before_it_is_received(consultant_client):
    url = reverse("exports:project_import")
    response = _post_declaring(
        consultant_client, url, 50 * 1024 * 1024, "multipart/form-data; boundary=xyz"
    )
    assert response.status_code == 413
    assert "An upload can be at most 5.2 MB" in response.content.decode()
    assert not ProjectImport.objects.exists()


def test_an_oversized_form_post_is_refused_before_it_is_read(consultant_client, project, settings):
    url = reverse("discovery:autosave", args=[project.pk])
    too_big = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    response = _post_declaring(consultant_client, url, too_big, "application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "A form can be at most 2.5 MB" in response.content.decode()


def test_requests_within_the_limits_pass(consultant_client, project):
    url = reverse("discovery:autosave", args=[project.pk])
    response = consultant_client.post(
        url, {"question": "context.team_size", "context.team_size": "4"}
    )
    assert response.status_code == 200


def test_a_400_is_logged_as_one_line(consultant_client, project, settings, caplog):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    url = reverse("discovery:autosave", args=[project.pk])
    with caplog.at_level(logging.ERROR, logger="django.security"):
        response = consultant_client.post(url, {f"f{i}": "x" for i in range(20)})
    assert response.status_code == 400
    record = next(r for r in caplog.records if r.name.startswith("django.security"))
    # Django logs it with its traceback; the app's log handler has made it one line.
    line = logging.Formatter().format(record)
    assert "\n" not in line
    assert line.startswith("400 Bad Request: POST ")
    assert "Traceback" not in line
    assert record.exc_info is None


def test_the_filter_drops_the_traceback():
    try:
        raise ValueError("too many fields")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "django.security.TooManyFieldsSent",
            logging.ERROR,
            __file__,
            1,
            "%s",
            ("x",),
            sys.exc_info(),
        )
    OneLineClientErrors().filter(record)
    assert record.exc_info is None
    assert logging.Formatter().format(record) == "400 Bad Request: -: x"


def test_the_log_handler_carries_the_filter():
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler))
    assert any(isinstance(f, OneLineClientErrors) for f in handler.filters)


def test_duplicate_keys_are_refused():
    raw = b'{"format": "support-blueprint/project", "version": 2, "version": 1}'
    with pytest.raises(ValidationError, match="the key 'version' appears twice in one object"):
        parse_export(raw)
    nested = json.dumps({"project": {}}).replace("{}", '{"name": "a", "name": "b"}').encode()
    with pytest.raises(ValidationError, match="'name' appears twice"):
        parse_export(nested)


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "1999-12-31T23:00:00+00:00"]
)
def test_dates_no_one_meant_are_refused(value):
    with pytest.raises(ValidationError, match="outside the dates an export can hold"):
        Reader({"created_at": value}, "project").when("created_at")


def test_a_plausible_date_passes():
    when = Reader({"created_at": "2026-11-30T10:00:00+00:00"}, "project").when("created_at")
    assert when.year == 2026
