from eventplan.blueprints.programmes import manage  # noqa: F401 - registers its routes
from eventplan.blueprints.programmes.views import bp

__all__ = ["bp"]
