from django.apps import AppConfig


class FacilitiesConfig(AppConfig):
    name = "facilities"
    label = "facilities"
    verbose_name = "Facilities"

    def ready(self):
        from facilities.loading import register_facility_kinds

        register_facility_kinds()
