"""The site's URLconf: the app under the ``web`` namespace, the REST API under ``/api/`` (namespace ``api``)."""

from django.urls import include, path

from .api.site import api

urlpatterns = [path("api/", api.urls), path("", include("jixiao.web.urls"))]
