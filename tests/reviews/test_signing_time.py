"""The signing time is one value everywhere: the Letter row and the letters tab, the verification page,
the PDF signature (CMS signingTime and the signature dictionary's /M) and the letter's own text.

Was: the letter row stored a time taken before rendering while pyHanko stamped its own clock after
it (the letters tab said 11:48:09, verification 11:48:12)."""

from __future__ import annotations

import re
from datetime import UTC
from io import BytesIO
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from reviews.letters.verify import verify_pdf
from reviews.models import Letter
from reviews.services.determinations import determination_submit
from tests.reviews.letters_support import pdf_text

FMT = "%Y-%m-%d %H:%M:%S"


def _pdf_m_date(pdf: bytes) -> str:
    """The signature dictionary's /M (D:YYYYMMDDHHmmSS...) as 'YYYY-MM-DD HH:MM:SS' UTC."""
    sig = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures[-1]
    raw = str(sig.sig_object["/M"])
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]00'?00'?)?", raw)
    assert m is not None and m.group(7) is not None, raw  # written in UTC
    y, mo, d, h, mi, s = m.groups()[:6]
    return f"{y}-{mo}-{d} {h}:{mi}:{s}"


def test_signing_time_is_one_value_in_the_row_tab_verification_and_pdf(
    client: Any,
    approve_case: Any,
    reviewer: Any,
    auditor: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case, rec = approve_case
    with django_capture_on_commit_callbacks(execute=True):
        det = determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    letter = Letter.objects.get(determination=det)
    pdf = bytes(letter.pdf)
    stored = letter.signed_at.astimezone(UTC).strftime(FMT)

    # The PDF signature: the CMS signingTime pyHanko validates, and /M.
    verified = verify_pdf(pdf)
    assert verified.ok, verified.problems
    assert verified.signed_at is not None
    assert verified.signed_at.astimezone(UTC).strftime(FMT) == stored
    assert verified.signed_at == letter.signed_at  # the same instant, not only the same printed second
    assert _pdf_m_date(pdf) == stored
    # The letter's text prints it.
    assert f"Signed (UTC): {stored} UTC" in pdf_text(pdf, tmp_path)

    # The letters tab.
    client.force_login(reviewer)
    tab = client.get(reverse("reviews:case_letters", kwargs={"public_id": case.public_id}), HTTP_HX_REQUEST="1")
    tab_times = re.findall(r'<td class="ur-signed-at">([^<]*)</td>', tab.content.decode())
    assert tab_times == [stored]
    client.logout()

    # The verification page.
    client.force_login(auditor)
    page = client.post(reverse("reviews:letter_verify"), {"pdf": SimpleUploadedFile("l.pdf", pdf, "application/pdf")})
    shown = re.findall(r'<dd class="col-sm-8" id="verify-signed-at">([^<]*)</dd>', page.content.decode())
    assert shown == [stored]
