from django.apps import AppConfig


class NurseriesConfig(AppConfig):
    name = "services.nurseries"
    label = "nurseries"
