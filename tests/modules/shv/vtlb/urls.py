"""The project's URLs with the VTLB staff screens mounted at /shv/vtlb/ (namespace shv:vtlb),
for as long as raadhuis.modules.shv.urls does not include them itself."""

from django.urls import include, path

from raadhuis.conf import urls as conf_urls
from raadhuis.modules.shv import urls as shv_urls


def _shv_heeft_vtlb() -> bool:
    return any(getattr(p, "app_name", None) == "vtlb" for p in shv_urls.urlpatterns)


if _shv_heeft_vtlb():
    urlpatterns = list(conf_urls.urlpatterns)
else:
    shv_met_vtlb = [path("vtlb/", include("raadhuis.modules.shv.vtlb.urls")), *shv_urls.urlpatterns]
    urlpatterns = [path("shv/", include((shv_met_vtlb, "shv"))), *conf_urls.urlpatterns]
