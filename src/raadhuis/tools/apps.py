from django.apps import AppConfig


class ToolsConfig(AppConfig):
    """Operator commands: serve, demo, load-demo, generate, createorganisation."""

    name = "raadhuis.tools"
    label = "raadhuis_tools"
    verbose_name = "Raadhuis hulpmiddelen"
