from eventplan.blueprints.auth.views import bp

__all__ = ["bp"]
