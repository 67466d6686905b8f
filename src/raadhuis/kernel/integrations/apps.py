from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "raadhuis.kernel.integrations"
    label = "integrations"
    verbose_name = "Externe API's"
