"""The site's URLconf: the app under the ``web`` namespace."""

from django.urls import include, path

urlpatterns = [path("", include("jixiao.web.urls"))]
