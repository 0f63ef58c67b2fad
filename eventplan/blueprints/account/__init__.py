from eventplan.blueprints.account import notifications  # noqa: F401 - registers its routes
from eventplan.blueprints.account.views import bp

__all__ = ["bp"]
