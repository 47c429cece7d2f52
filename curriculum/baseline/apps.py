from django.apps import AppConfig


class BaselineConfig(AppConfig):
    name = "curriculum.baseline"
    label = "curriculum_baseline"
    verbose_name = "Curriculum load baseline"
