from eventplan.blueprints.feeds.views import bp
from eventplan.services.feed_cache import install_listeners

# Registered with the blueprint, not at import: the counter that lets polls answer 304.
bp.record_once(lambda _state: install_listeners())

__all__ = ["bp"]
