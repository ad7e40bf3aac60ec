from __future__ import annotations

import logging

from config.logging_filters import StripQueryString


def test_access_log_lines_lose_their_query_string():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /?q=Marsh&status=open HTTP/1.1", "200", "5"),
        None,
    )
    assert StripQueryString().filter(record) is True
    line = record.getMessage()
    assert "Marsh" not in line and line == '"GET /?… HTTP/1.1" 200 5'


def test_request_warning_message_loses_its_query_string():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: /cases/?q=M208811", (), None)
    StripQueryString().filter(record)
    assert "M208811" not in record.getMessage()
