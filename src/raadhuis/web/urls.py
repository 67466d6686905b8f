from django.urls import path

from raadhuis.web import views

app_name = "web"

urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("login/", views.login_view, name="login"),
]
