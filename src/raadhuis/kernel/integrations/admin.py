"""The Django admin shows only zgw-consumers' Service (external APIs, superusers only).

NLX configuration and the certificate manager are left out: Raadhuis uses neither, and the
certificate manager needs private media storage (PRIVATE_MEDIA_ROOT) that is not configured.
This app is listed after zgw_consumers and simple_certmanager in INSTALLED_APPS, so their
admins are registered by the time this module runs."""

from django.contrib import admin
from simple_certmanager.models import Certificate, SigningRequest
from zgw_consumers.models import NLXConfig

for model in (NLXConfig, Certificate, SigningRequest):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
