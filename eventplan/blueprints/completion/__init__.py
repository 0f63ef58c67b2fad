from eventplan.blueprints.completion.labels import globals_for_templates
from eventplan.blueprints.completion.views import bp
from eventplan.services.attachments import install_listeners


def _setup(state) -> None:
    # Registered with the blueprint, not at import: files follow the transaction's outcome.
    install_listeners()
    # Jinja globals (not a context processor) so that imported macros see them too.
    state.app.jinja_env.globals.update(globals_for_templates())


bp.record_once(_setup)

__all__ = ["bp"]
