"""The JSON Schema of the export, derived from the models: `manage.py export_schema` writes
it to export.schema.json, the documented contract, and a test keeps the two equal, so a
column added to a model shows up in the schema's diff for review."""

import json

from django.db import models

from .export import PROFILE_FIELDS, SCHEMA_VERSION, SECTIONS, columns

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _type_of(field) -> dict:
    if isinstance(field, models.BooleanField):
        kind = {"type": "boolean"}
    elif isinstance(field, (models.AutoField, models.IntegerField, models.ForeignKey)):
        kind = {"type": "integer"}
    elif isinstance(field, models.DateTimeField):
        kind = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        kind = {"type": "string", "format": "date"}
    elif isinstance(field, models.JSONField):
        return {"description": "Any JSON value"}  # its shape is the model's business
    else:
        kind = {"type": "string"}
    if field.null:
        kind = {**kind, "type": [kind["type"], "null"]}
    if field.help_text:
        kind["description"] = str(field.help_text)
    return kind


def _row(model) -> dict:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    names = columns(model)
    return {
        "type": "object",
        "description": model._meta.verbose_name.capitalize(),
        "properties": {name: _type_of(fields[name]) for name in names},
        "required": names,
        "additionalProperties": False,
    }


def build_schema() -> dict:
    from django.contrib.auth import get_user_model

    user = get_user_model()
    profile = {name: _type_of(user._meta.get_field(name)) for name in PROFILE_FIELDS}
    sections = {s.key: {"type": "array", "items": _row(s.model)} for s in SECTIONS}
    return {
        "$schema": DRAFT,
        "title": "Interview Prep: everything of one user's",
        "description": (
            "What /settings/export.json downloads. Rows refer to each other by id "
            "(plan_items.plan_id is a plans.id); topic_id and dimension_id name curriculum "
            "rows, which are not personal data."
        ),
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "exported_at": {"type": "string", "format": "date-time"},
            "profile": {
                "type": "object",
                "properties": profile,
                "required": list(PROFILE_FIELDS),
                "additionalProperties": False,
            },
            **sections,
        },
        "required": ["schema_version", "exported_at", "profile", *sections],
        "additionalProperties": False,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
