"""Request limits against the real production server (issue 14, item 7): the Dockerfile's
gunicorn command answers an oversized upload or form with 413 from its headers while the
client has sent none of the body (a server that waited for it would never answer), refuses
an overlong request line and too many headers before Django sees them, and logs each
refusal as one line, never a traceback."""

from __future__ import annotations

import socket
import time

import pytest

from tests.test_access_log import gunicorn, static_root  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def _exchange(port: int, head: str, timeout: float = 20) -> tuple[int, str]:
    """Send a request head (and no body), then read what the server says and when."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head.encode("latin-1"))
        chunks = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            data = b"".join(chunks)
            # Enough once the head and the body it declares have arrived.
            if b"\r\n\r\n" in data:
                head_part, _, body = data.partition(b"\r\n\r\n")
                length = next(
                    (
                        int(line.split(b":", 1)[1])
                        for line in head_part.split(b"\r\n")
                        if line.lower().startswith(b"content-length:")
                    ),
                    None,
                )
                if length is not None and len(body) >= length:
                    break
    text = b"".join(chunks).decode("utf-8", "replace")
    assert text.startswith("HTTP/1."), f"no answer while the body was held back: {text!r}"
    return int(text.split(" ", 2)[1]), text


def _post_head(path: str, content_type: str, length: int) -> str:
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
    )


def test_an_oversized_upload_is_answered_before_its_body_is_sent(gunicorn):  # noqa: F811
    port, log = gunicorn
    head = _post_head("/projects/import/", "multipart/form-data; boundary=xyz", 50 * 1024 * 1024)
    status, text = _exchange(port, head)
    assert status == 413, text
    assert "An upload can be at most 5.2 MB" in text


def test_an_oversized_form_is_answered_before_its_body_is_sent(gunicorn):  # noqa: F811
    port, log = gunicorn
    head = _post_head("/accounts/login/", "application/x-www-form-urlencoded", 3 * 1024 * 1024)
    status, text = _exchange(port, head)
    assert status == 413, text
    assert "A form can be at most 2.5 MB" in text
    # One line in the server's log for the refusal, and no traceback.
    deadline = time.monotonic() + 5
    while "413 Request Entity Too Large" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    lines = [line for line in log.read_text().splitlines() if "413 Request Entity" in line]
    assert len(lines) == 1, log.read_text()
    assert "Traceback" not in log.read_text()


def test_the_request_head_limits_hold_before_django(gunicorn):  # noqa: F811
    port, log = gunicorn
    long_line = f"GET /accounts/login/?q={'a' * 9000} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    status, text = _exchange(port, long_line)
    assert status in (400, 414), text
    assert "Request Line is too large" in text
    many = "".join(f"X-Filler-{n}: {n}\r\n" for n in range(120))
    status, text = _exchange(
        port, f"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n{many}\r\n"
    )
    assert status == 431, text
    assert "limit request headers fields" in text
    # Within the limits, the same request is served.
    some = "".join(f"X-Filler-{n}: {n}\r\n" for n in range(90))
    status, text = _exchange(
        port, f"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n{some}Connection: close\r\n\r\n"
    )
    assert status == 200, text[:300]
    # Refused by gunicorn itself: Django never saw these requests, so nothing was logged
    # as a server error.
    assert "Traceback" not in log.read_text()
