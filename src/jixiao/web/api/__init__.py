"""The REST API (``/api/``): django-ninja over the same permission checks and workflow services as the pages.

OpenAPI 3 at ``/api/openapi.json``, interactive docs at ``/api/docs`` (Swagger UI from the app's static files),
token authentication (:mod:`.auth`), one error shape (:mod:`.errors`), one pagination envelope (:mod:`.pages`).
"""
