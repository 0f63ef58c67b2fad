from eventplan.blueprints.admin import outbox  # noqa: F401 - registers its routes
from eventplan.blueprints.admin.views import bp

__all__ = ["bp"]
