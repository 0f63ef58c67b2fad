from eventplan.blueprints.completion.labels import globals_for_templates
from eventplan.blueprints.completion.views import bp
from eventplan.services.attachments import install_listeners

# Registered with the blueprint, not at import: files follow the transaction's outcome.
bp.record_once(lambda _state: install_listeners())
bp.app_context_processor(globals_for_templates)

__all__ = ["bp"]
