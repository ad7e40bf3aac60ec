"""Case tab: the medical record (upload PDFs, read page text, search, attach pages to findings)."""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.services import record_event
from relay.outbox import queued_note, unsent_in_request

from ..forms import FINDING_LABELS, DocumentUploadForm, EvidenceAttachForm, RecordSearchForm, format_evidence
from ..models import Case, ClinicalDocument, ClinicalReview, DocumentPage
from ..permissions import can_write_case, get_case_for_user
from ..services.documents import document_upload, read_documents, record_page_count, record_page_offsets
from ..services.page_images import PageRenderError, page_png, page_words
from ..services.reviews import clinical_review_attach_evidence
from ..services.suggestions import pending_on_page

MAX_RESULTS = 50
SNIPPET_CHARS = 90


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def render_tab(
    request: HttpRequest, case: Case, template: str, context: dict[str, Any], *, title: str, status: int = 200
) -> HttpResponse:
    """The tab's HTML fragment for htmx, or a full page (base.html + a link back to the case) otherwise."""
    ctx = {
        "case": case,
        "can_write": can_write_case(request.user, case),
        "tab_template": template,
        "tab_title": title,
        **context,
    }
    if is_htmx(request):
        return render(request, template, ctx, status=status)
    return render(request, "reviews/partials/tab_page.html", ctx, status=status)


def apply_errors(form: Any, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the named fields (others go to the top of the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def locate_record_page(
    documents: list[ClinicalDocument], offsets: dict[int, int], record_page: Any
) -> tuple[ClinicalDocument, int] | None:
    """(document, page number in it) for a record page number, or None when no document has it."""
    if not isinstance(record_page, int):
        return None
    for doc in documents:
        number = record_page - offsets.get(doc.pk, 0)
        if 1 <= number <= (doc.page_count or 0):
            return doc, number
    return None


def _record_context(case: Case, **extra: Any) -> dict[str, Any]:
    documents = list(case.documents.select_related("uploaded_by").order_by("uploaded_at", "id"))
    offsets = record_page_offsets(case)
    for doc in documents:
        doc.first_record_page = offsets.get(doc.pk, 0) + 1  # type: ignore[attr-defined]  # for the template
    review = ClinicalReview.objects.filter(case=case).first()
    evidence = []
    for e in (review.evidence if review else []) or []:
        if not isinstance(e, dict):
            continue
        where = locate_record_page(documents, offsets, e.get("page"))
        url = reverse("reviews:document_page", args=[case.public_id, where[0].public_id, where[1]]) if where else ""
        evidence.append({**e, "label": FINDING_LABELS.get(str(e.get("finding")), e.get("finding")), "url": url})
    pending = any(d.extraction_status == ClinicalDocument.ExtractionStatus.PENDING for d in documents)
    return {
        "documents": documents,
        "evidence": evidence,
        "extraction_pending": pending,
        "upload_form": extra.pop("upload_form", None) or DocumentUploadForm(),
        "search_form": RecordSearchForm(),
        **extra,
    }


@login_required
@require_GET
def case_record(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, audit_view=True)
    ctx = _record_context(case)
    if request.GET.get("part") == "docs" and is_htmx(request):
        return render(request, "reviews/partials/record_documents.html", {"case": case, **ctx})
    return render_tab(request, case, "reviews/tabs/record.html", ctx, title="Medical record")


@login_required
@require_POST
def document_upload_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, write=True)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            doc = document_upload(case=case, actor=request.user, uploaded_file=form.cleaned_data["file"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            note = f"Uploaded {doc.page_count} page(s); text extraction has started."
            if unsent_in_request():
                note = f"Uploaded {doc.page_count} page(s). " + queued_note("Text extraction")
            if not is_htmx(request):
                messages.success(request, note)
                return redirect("reviews:case_record", public_id=case.public_id)
            ctx = _record_context(case, notice=note)
            return render_tab(request, case, "reviews/tabs/record.html", ctx, title="Medical record")
    ctx = _record_context(case, upload_form=form)
    return render_tab(
        request, case, "reviews/tabs/record.html", ctx, title="Medical record", status=200 if is_htmx(request) else 400
    )


def _get_document(case: Case, doc_id: UUID) -> ClinicalDocument:
    doc = ClinicalDocument.objects.filter(case=case, public_id=doc_id).first()
    if doc is None:
        raise Http404("No such document")
    return doc


def highlight(text: str, query: str) -> SafeString:
    """`text` HTML-escaped with every case-insensitive match of `query` wrapped in <mark>."""
    if not query:
        return escape(text)
    parts = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    return mark_safe(  # noqa: S308 - every part is escaped here
        "".join(f"<mark>{escape(p)}</mark>" if i % 2 else str(escape(p)) for i, p in enumerate(parts))
    )


def highlight_quote(text: str, quote: str) -> SafeString:
    """`text` HTML-escaped with the quoted sentence marked (line breaks and spacing may differ)."""
    words = quote.split()
    if not words:
        return escape(text)
    rx = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    m = rx.search(text)
    if m is None:
        return escape(text)
    return mark_safe(  # noqa: S308 - every part is escaped here
        f'{escape(text[: m.start()])}<mark id="ur-quote" class="ur-quote">{escape(m.group(0))}</mark>{escape(text[m.end() :])}'
    )


def _norm_word(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def quote_word_span(words: list[str], quote: str) -> range:
    """Indices of the page words that spell the quoted sentence (OCR may split, merge or misread a
    few words): the densest run matching most of its words, or an empty range."""
    page = [_norm_word(w) for w in words]
    wanted = [n for n in (_norm_word(w) for w in quote.split()) if n]
    if not wanted or not page:
        return range(0)
    blocks = [b for b in SequenceMatcher(None, page, wanted, autojunk=False).get_matching_blocks() if b.size]
    if not blocks or sum(b.size for b in blocks) < max(1, (len(wanted) + 1) // 2):
        return range(0)
    start, end = blocks[0].a, blocks[-1].a + blocks[-1].size
    if end - start > 2 * len(wanted) + 2:  # scattered matches, not the sentence
        return range(0)
    return range(start, end)


def _words_layer(doc: ClinicalDocument, number: int, query: str, quote: str = "") -> list[dict[str, Any]]:
    """The page's words as positioned boxes (percent of the page) for the text layer; search hits
    marked, or the quoted sentence's words (a suggestion's evidence) drawn over the page image."""
    try:
        words = page_words(doc, number)
    except PageRenderError:
        return []
    terms = [t.casefold() for t in query.split() if len(t) >= 2] if not quote else []
    quoted = quote_word_span([w.text for w in words], quote) if quote else range(0)
    return [
        {
            "text": w.text,
            "left": round(w.left * 100, 3),
            "top": round(w.top * 100, 3),
            "width": round(w.width * 100, 3),
            "height": round(w.height * 100, 3),
            "size": round(w.size * 100 * 0.92, 3),
            "hit": (bool(terms) and any(t in w.text.casefold() for t in terms)) or i in quoted,
            "quote": i in quoted,
        }
        for i, w in enumerate(words)
    ]


def viewer_context(case: Case, doc: ClinicalDocument, number: int, q: str = "", hl: str = "") -> dict[str, Any]:
    page = DocumentPage.objects.filter(document=doc, number=number).first()
    if page is None:
        raise Http404("No such page")
    last = doc.page_count or number
    record_page = record_page_offsets(case).get(doc.pk, 0) + number
    documents = list(case.documents.filter(extraction_status=ClinicalDocument.ExtractionStatus.DONE))
    return {
        "document": doc,
        "documents": documents,
        "page": page,
        "page_html": highlight_quote(page.text, hl) if hl and not q else highlight(page.text, q),
        "words": _words_layer(doc, number, q, hl if hl and not q else ""),
        "q": q,
        "record_page": record_page,
        "record_pages": record_page_count(case),
        "prev_number": number - 1 if number > 1 else None,
        "next_number": number + 1 if number < last else None,
        "last_number": last,
        "attach_form": EvidenceAttachForm(initial={"page": record_page}),
        "finding_choices": list(FINDING_LABELS.items()),
    }


def first_page_viewer(case: Case, documents: list[ClinicalDocument] | None = None) -> dict[str, Any] | None:
    """The viewer on the record's first page (for the review workspace), or None without a record.

    `documents`: all the case's documents in upload order (`case_documents`), when the caller has them.
    """
    doc = next((d for d in read_documents(case, documents) if (d.page_count or 0) > 0), None)
    if doc is None:
        return None
    return viewer_context(case, doc, 1)


@login_required
@require_GET
def document_page(request: HttpRequest, public_id: UUID, doc_id: UUID, number: int) -> HttpResponse:
    case = get_case_for_user(request.user, public_id)
    doc = _get_document(case, doc_id)
    q = (request.GET.get("q") or "").strip()[:100]
    hl = (request.GET.get("hl") or "").strip()[:300]  # a suggestion's quoted sentence
    ctx = viewer_context(case, doc, number, q, hl)
    record_event(
        "case.viewed", actor=request.user, obj=case, summary={"view": "record_page", "page": ctx["record_page"]}
    )
    ctx["pending_here"] = pending_on_page(case, ctx["record_page"])
    if request.GET.get("part") == "viewer" and is_htmx(request):
        return render(
            request,
            "reviews/partials/record_viewer.html",
            {"case": case, **ctx, "can_write": can_write_case(request.user, case), "beside_form": True},
        )
    return render_tab(
        request, case, "reviews/partials/record_page.html", ctx, title=f"Record page {ctx['record_page']}"
    )


@login_required
@require_GET
def document_page_image(request: HttpRequest, public_id: UUID, doc_id: UUID, number: int) -> FileResponse:
    """The page as a PNG (pdftoppm, cached per page); access-checked and audited like any case view."""
    case = get_case_for_user(request.user, public_id)
    doc = _get_document(case, doc_id)
    try:
        path = page_png(doc, number)
    except PageRenderError as exc:
        raise Http404(str(exc)) from exc
    record_offset = record_page_offsets(case).get(doc.pk, 0)
    record_event(
        "case.viewed",
        actor=request.user,
        obj=case,
        summary={"view": "record_page_image", "page": record_offset + number},
    )
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=600"
    return response


def search_pages(case: Case, query: str) -> list[dict[str, Any]]:
    """Pages of the case's record containing `query`, with highlighted snippets."""
    offsets = record_page_offsets(case)
    pages = (
        DocumentPage.objects.filter(document__case=case)
        .filter(Q(text__icontains=query))
        .select_related("document")
        .order_by("document__uploaded_at", "document__id", "number")[:MAX_RESULTS]
    )
    results = []
    lowered = query.lower()
    for page in pages:
        text = page.text
        at = text.lower().find(lowered)
        if at < 0:  # icontains and str.lower can disagree on exotic case folding
            at = 0
        start, end = max(0, at - SNIPPET_CHARS), min(len(text), at + len(query) + SNIPPET_CHARS)
        snippet = ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
        results.append(
            {
                "page": page,
                "document": page.document,
                "record_page": offsets.get(page.document_id, 0) + page.number,
                "snippet": highlight(snippet, query),
            }
        )
    return results


@login_required
@require_http_methods(["GET", "POST"])
def record_search(request: HttpRequest, public_id: UUID) -> HttpResponse:
    if request.method == "POST":
        return _attach_evidence(request, public_id)
    case = get_case_for_user(request.user, public_id, audit_view=True)
    form = RecordSearchForm(request.GET or None)
    results: list[dict[str, Any]] = []
    if form.is_valid():
        results = search_pages(case, form.cleaned_data["q"])
    ctx = {
        "search_form": form,
        "results": results,
        "q": form.cleaned_data.get("q", "") if form.is_bound else "",
        "attach_form": EvidenceAttachForm(),
        "finding_choices": list(FINDING_LABELS.items()),
    }
    if request.GET.get("part") == "viewer" and is_htmx(request):
        return render(request, "reviews/partials/record_viewer_search.html", {"case": case, **ctx})
    return render_tab(request, case, "reviews/partials/record_search.html", ctx, title="Search the record")


def _attach_evidence(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, write=True)
    form = EvidenceAttachForm(request.POST)
    error = ""
    review = None
    if form.is_valid():
        try:
            review = clinical_review_attach_evidence(
                case=case, actor=request.user, finding=form.cleaned_data["finding"], page=form.cleaned_data["page"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(
            f"{form.fields[f].label if f in form.fields else f}: {' '.join(str(m) for m in e)}"
            for f, e in form.errors.items()
        )
    if is_htmx(request):
        ctx = {"form": form, "error": error, "label": FINDING_LABELS.get(form.cleaned_data.get("finding", ""), "")}
        response = render(request, "reviews/partials/attach_result.html", ctx, status=200)
        if review is not None:
            # The review form beside the viewer shows the new evidence list (static/js/app.js).
            response["HX-Trigger"] = json.dumps({"ur-evidence": {"text": format_evidence(review.evidence)}})
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            f"Page {form.cleaned_data['page']} attached to {FINDING_LABELS[form.cleaned_data['finding']]}.",
        )
    return redirect(reverse("reviews:case_record", kwargs={"public_id": case.public_id}))


urlpatterns = [
    path("cases/<uuid:public_id>/record/", case_record, name="case_record"),
    path("cases/<uuid:public_id>/record/upload/", document_upload_view, name="document_upload"),
    path("cases/<uuid:public_id>/record/search/", record_search, name="record_search"),
    path("cases/<uuid:public_id>/record/<uuid:doc_id>/pages/<int:number>/", document_page, name="document_page"),
    path(
        "cases/<uuid:public_id>/record/<uuid:doc_id>/pages/<int:number>.png",
        document_page_image,
        name="document_page_image",
    ),
]
