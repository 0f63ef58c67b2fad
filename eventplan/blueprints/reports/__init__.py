from eventplan.blueprints.reports import document  # noqa: F401 - registers its routes
from eventplan.blueprints.reports.views import bp

__all__ = ["bp"]
