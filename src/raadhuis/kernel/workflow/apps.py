from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "raadhuis.kernel.workflow"
    verbose_name = _("Taken")

    def ready(self) -> None:
        # The kernel's own automatic actions; other apps register theirs in their ready().
        from raadhuis.kernel.workflow.acties_standaard import standaard_acties_registreren

        standaard_acties_registreren()
