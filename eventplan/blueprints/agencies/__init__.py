from eventplan.blueprints.agencies.views import bp

__all__ = ["bp"]
