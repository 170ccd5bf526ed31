"""The site's URLconf: the app under the ``web`` namespace, the REST API under ``/api/`` (namespace ``api``)."""

from django.urls import include, path

from .api import errors
from .api.site import api

urlpatterns = [path("api/", errors.urls(api)), path("", include("jixiao.web.urls"))]
