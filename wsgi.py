"""WSGI entry point: ``gunicorn wsgi:app`` or ``waitress-serve wsgi:app``."""

from eventplan import create_app
from eventplan.config import require_secret_key

app = create_app()
require_secret_key(app)  # a production server never runs on the public development key
