from django.http import HttpResponse


def werkvoorraad(request):
    return HttpResponse("TODO")


def login_view(request):
    return HttpResponse("TODO")
