from eventplan.blueprints.reports import document  # noqa: F401 - registers its routes
from eventplan.blueprints.reports.views import bp
from eventplan.services.stats.cache import install_listeners

bp.record_once(lambda _state: install_listeners())

__all__ = ["bp"]
