"""The site's form renderer: every `{{ form }}` gets the design system's fields (label,
hint, inline error inside the label so screen readers read it with the field) and an
error summary linking to each field. Set as FORM_RENDERER in settings."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
