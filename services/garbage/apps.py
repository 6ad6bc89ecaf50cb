from django.apps import AppConfig


class GarbageConfig(AppConfig):
    name = "services.garbage"
    label = "garbage"
