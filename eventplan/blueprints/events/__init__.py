from eventplan.blueprints.events import key, lifecycle  # noqa: F401 - registers its routes
from eventplan.blueprints.events.views import bp

__all__ = ["bp"]
