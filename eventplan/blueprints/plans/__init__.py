from eventplan.blueprints.plans import staged  # noqa: F401 - registers its routes on bp
from eventplan.blueprints.plans.views import bp

__all__ = ["bp"]
