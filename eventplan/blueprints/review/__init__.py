from eventplan.blueprints.review import links, nav
from eventplan.blueprints.review.views import bp

# The navigation badges ("My tasks", "Reports to review") and report links come from here.
bp.app_context_processor(nav.context)
bp.app_context_processor(links.context)

__all__ = ["bp"]
