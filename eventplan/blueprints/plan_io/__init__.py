from eventplan.blueprints.plan_io import commands  # noqa: F401  (registers the CLI commands)
from eventplan.blueprints.plan_io.views import bp

__all__ = ["bp"]
