"""The project's URLs, with this app's routes added to the `shv` namespace for as long as
raadhuis.modules.shv.urls does not include them yet (handoff to the lead)."""

from django.urls import include, path
from django.urls.exceptions import NoReverseMatch

from raadhuis.conf import urls as project
from raadhuis.modules.shv import urls as shv
from raadhuis.modules.shv.koppelingen import urls as koppelingen


def _al_opgenomen() -> bool:
    from django.urls import reverse

    try:
        reverse("shv:signaal_wachtrij", urlconf=project)
    except NoReverseMatch:
        return False
    return True


def _met_koppelingen(pattern):  # noqa: ANN001, ANN202
    if getattr(pattern, "namespace", None) != "shv":
        return pattern
    return path(
        "shv/",
        include((list(shv.urlpatterns) + list(koppelingen.urlpatterns), "shv"), namespace="shv"),
    )


urlpatterns = (
    list(project.urlpatterns)
    if _al_opgenomen()
    else [_met_koppelingen(p) for p in project.urlpatterns]
)
