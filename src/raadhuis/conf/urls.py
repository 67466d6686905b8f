from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Raadhuis beheer"
admin.site.site_title = "Raadhuis beheer"
admin.site.index_title = "Functioneel beheer"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("raadhuis.apis.urls")),
    path("api/shv/v1/", include("raadhuis.modules.shv.api.urls")),
    path("shv/", include("raadhuis.modules.shv.urls")),
    path("budget/", include("raadhuis.modules.budget.urls")),
    path("crm/", include("raadhuis.modules.crm.urls")),
    path("api/crm/v1/", include("raadhuis.modules.crm.api.urls")),
    path("", include("raadhuis.web.urls")),
]

urlpatterns.insert(0, path("i18n/", include("django.conf.urls.i18n")))
