"""WSGI entry point: ``jixiao.web.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
application = get_wsgi_application()

from jixiao.web.dbroles import refuse_owner_connection  # noqa: E402  (needs the settings loaded above)

refuse_owner_connection()
