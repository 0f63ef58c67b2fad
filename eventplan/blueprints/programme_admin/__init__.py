from eventplan.blueprints.programme_admin import current
from eventplan.blueprints.programme_admin.views import bp

# The navigation's programme switcher reads the current programme from here.
bp.app_context_processor(current.context)

__all__ = ["bp"]
