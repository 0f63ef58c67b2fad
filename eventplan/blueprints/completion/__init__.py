from eventplan.blueprints.completion import review, tasks  # noqa: F401 - register their routes
from eventplan.blueprints.completion.views import bp

__all__ = ["bp"]
