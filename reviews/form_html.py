"""The review form's crispy layout rendered in Python: the same HTML as `{% crispy form %}` with the
bootstrap5 pack, at a fraction of the cost.

The review tab renders about 40 fields; crispy-forms renders each through 4-6 templates (the field
wrapper, its label, help text and errors, the widget's own template) and every layout object
through another, which was half the review tab's CPU time. This walks the form's own crispy
`Layout` (so the layout is written once, in `ClinicalReviewForm`) and writes the markup crispy's
bootstrap5 templates write: the same ids, names, labels, classes, help texts, errors and ARIA
attributes; the widgets' attributes and values still come from Django (`BoundField.build_widget_attrs`,
`Widget.get_context`, `ChoiceWidget.optgroups`). Only the layout objects and widgets the review
form uses are supported; anything else raises, so a layout change cannot silently render
differently. tests/reviews/test_review_form_html.py holds the output equal to crispy's.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import HTML, Column, Div, Field, Fieldset, Layout, Row
from django import forms
from django.template import Context, Template
from django.template.defaultfilters import unordered_list
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# Widget template -> how it is written (Django's own django/forms/widgets/*.html).
_INPUT_TEMPLATES = {
    "django/forms/widgets/text.html",
    "django/forms/widgets/number.html",
    "django/forms/widgets/date.html",
}
_TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def _e(value: Any) -> str:
    return str(conditional_escape(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{_e(str(value))}"')
    return "".join(out)


def render_layout(form: forms.Form, layout: Layout) -> SafeString:
    """`{% crispy form %}` for a helper with form_tag=False and disable_csrf=True."""
    out: list[str] = []
    if form.non_field_errors():
        out.append(
            '<div class="alert alert-block alert-danger"><ul class="m-0">'
            f"{unordered_list(form.non_field_errors(), autoescape=True)}</ul></div>"
        )
    _children(form, layout.fields, out)
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped as the templates escape it


def _children(form: forms.Form, items: list[Any], out: list[str]) -> None:
    for item in items:
        _node(form, item, out)


def _node(form: forms.Form, obj: Any, out: list[str]) -> None:
    kind = type(obj)
    if kind is str:
        _field(form, obj, "", out)
    elif kind is InlineRadios:
        if obj.attrs:
            raise NotImplementedError("InlineRadios with attributes")
        for name in obj.fields:
            _radios(form, name, obj.wrapper_class or "", out)
    elif kind is Field:
        if obj.attrs:
            raise NotImplementedError("Field with widget attributes")
        for name in obj.fields:
            _field(form, name, obj.wrapper_class or "", out)
    elif kind is Fieldset:
        _no_extra(obj)
        css = f' class="{obj.css_class}"' if obj.css_class else ""
        legend = f"<legend>{obj.legend}</legend>" if obj.legend else ""  # a template in crispy: written safe
        out.append(f"<fieldset{css}>{legend}")
        _children(form, obj.fields, out)
        out.append("</fieldset>")
    elif kind is Row:
        _no_extra(obj)
        out.append(f'<div class="row {obj.css_class or ""}">')
        _children(form, obj.fields, out)
        out.append("</div>")
    elif kind is Column:
        _no_extra(obj)
        css = obj.css_class or ""
        out.append(f'<div class="{css if "col" in css else f"col-md {css}"}">')
        _children(form, obj.fields, out)
        out.append("</div>")
    elif kind is Div:
        _no_extra(obj)
        out.append(f'<div class="{obj.css_class}">' if obj.css_class else "<div>")
        _children(form, obj.fields, out)
        out.append("</div>")
    elif kind is HTML:
        html = str(obj.html)
        out.append(Template(html).render(Context()) if "{" in html else html)
    else:
        raise NotImplementedError(f"layout object {kind.__name__}")


def _no_extra(obj: Any) -> None:
    if obj.css_id or obj.flat_attrs:
        raise NotImplementedError(f"{type(obj).__name__} with an id or attributes")


def _wrapper_open(bf: forms.BoundField, wrapper_class: str) -> str:
    css = "mb-3"
    if wrapper_class:
        css += f" {wrapper_class}"
    if extra := bf.css_classes():
        css += f" {extra}"
    return f'<div id="div_{bf.auto_id}" class="{css}">'


def _label_words(bf: forms.BoundField) -> str:
    star = '<span class="asteriskField">*</span>' if bf.field.required else ""
    return f"{_e(bf.label)}{star}"


def _help(bf: forms.BoundField) -> str:
    """bootstrap5/layout/help_text.html (the help text is written as is: `|safe`)."""
    if not bf.help_text:
        return ""
    ident = f'id="{bf.auto_id}_helptext" ' if bf.auto_id else ""
    return f'<div {ident}class="form-text">{bf.help_text}</div>'


def _errors(bf: forms.BoundField, tag: str) -> str:
    """bootstrap5/layout/field_errors.html (span) or field_errors_block.html (p)."""
    if not bf.errors:
        return ""
    items = "".join(
        f'<{tag} id="error_{i}_{bf.auto_id}"><strong>{_e(error)}</strong></{tag}>'
        for i, error in enumerate(bf.errors, 1)
    )
    return f'<div id="{bf.errors.field_id}_error" class="invalid-feedback">{items}</div>'  # type: ignore[attr-defined]


def _field(form: forms.Form, name: str, wrapper_class: str, out: list[str]) -> None:
    """bootstrap5/field.html for a text, number, date input or a textarea."""
    bf = form[name]
    widget = bf.field.widget
    if bf.is_hidden or widget.template_name not in (*_INPUT_TEMPLATES, _TEXTAREA_TEMPLATE):
        raise NotImplementedError(f"{name}: widget {type(widget).__name__}")
    out.append(_wrapper_open(bf, wrapper_class))
    if bf.label:
        css = "form-label" + (" requiredField" if bf.field.required else "")
        label_for = f'for="{bf.id_for_label}" ' if bf.id_for_label else ""
        out.append(f'<label {label_for}class="{css}">{_label_words(bf)}</label>')
    # crispy's {% crispy_field %}: the widget's class name, then form-control (is-invalid).
    base = dict(widget.attrs)
    classes = (base.get("class") or "").split()
    for css in (type(widget).__name__.lower(), "form-control", *(["is-invalid"] if bf.errors else [])):
        if css not in classes:
            classes.append(css)
    base["class"] = " ".join(classes)
    attrs = bf.build_widget_attrs({}, widget)
    if bf.auto_id and "id" not in base:
        attrs.setdefault("id", bf.auto_id)
    context = widget.get_context(bf.html_name, bf.value(), attrs)["widget"]
    final = {**base, **attrs}  # Widget.build_attrs(self.attrs, attrs), with crispy's class on self.attrs
    if widget.template_name == _TEXTAREA_TEMPLATE:
        value = _e(context["value"]) if context["value"] else ""
        out.append(f'<textarea name="{_e(context["name"])}"{_attrs(final)}>\n{value}</textarea>')
    else:
        value = "" if context["value"] is None else f' value="{_e(str(context["value"]))}"'
        out.append(f'<input type="{_e(context["type"])}" name="{_e(context["name"])}"{value}{_attrs(final)}>')
    out.append(_errors(bf, "span"))
    out.append(_help(bf))
    out.append("</div>")


def _radios(form: forms.Form, name: str, wrapper_class: str, out: list[str]) -> None:
    """bootstrap5/layout/radioselect_inline.html + radio_checkbox_select.html."""
    bf = form[name]
    widget = bf.field.widget
    if type(widget) is not forms.RadioSelect:
        raise NotImplementedError(f"{name}: widget {type(widget).__name__} as inline radios")
    out.append(_wrapper_open(bf, wrapper_class))
    if bf.label:
        described = f' aria-describedby="{bf.aria_describedby}"' if bf.aria_describedby else ""
        css = " fs-6 form-label" + (" requiredField" if bf.field.required else "")
        out.append(f'<fieldset{described}><legend for="{bf.id_for_label}"  class="{css}">{_label_words(bf)}</legend>')
    out.append("<div >")
    ident = widget.attrs.get("id") or bf.auto_id
    attrs = bf.build_widget_attrs({"id": ident} if ident else {})
    invalid = " is-invalid" if bf.errors else ""
    for group, options, _index in widget.optgroups(bf.html_name, widget.format_value(bf.value()), attrs):
        if group:
            out.append(f"<strong>{_e(group)}</strong>")
        for option in options:
            out.append(
                '<div class="form-check form-check-inline">'
                f'<input type="{option["type"]}" class="form-check-input{invalid}"  name="{_e(bf.html_name)}"'
                f' value="{_e(str(option["value"]))}" {_attrs(option["attrs"])}>'
                f'<label for="{_e(option["attrs"].get("id", ""))}" class="form-check-label">'
                f"{_e(str(option['label']))}</label></div>"
            )
    out.append("</div>")
    out.append(_errors(bf, "p"))
    out.append(_help(bf))
    if bf.label:
        out.append("</fieldset>")
    out.append("</div>")
