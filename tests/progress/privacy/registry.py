"""Which models refer to a user: walked from the app registry, so a new model counts in both
the export's and the deletion's tests without a change here."""

from django.apps import apps
from django.contrib.auth import get_user_model

User = get_user_model()


def paths_to_the_user() -> dict[type, str]:
    """Every model that refers to a user, at any depth, with the lookup that reaches the
    user's id from it (e.g. PlanItem: "plan__user_id"). From the registry: new models count."""
    paths: dict[type, list[str]] = {}
    grown = True
    while grown:
        grown = False
        for model in apps.get_models(include_auto_created=True):
            for field in model._meta.concrete_fields:
                if not field.is_relation or model is User:
                    continue
                target = field.related_model
                if target is User:
                    found = [f"{field.name}_id"]
                elif target in paths:
                    found = [f"{field.name}__{p}" for p in paths[target]]
                else:
                    continue
                known = paths.setdefault(model, [])
                for path in found:
                    if path not in known and path.count("__") < 4:
                        known.append(path)
                        grown = True
    return {model: ps for model, ps in paths.items()}
