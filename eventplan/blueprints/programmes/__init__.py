from eventplan.blueprints.programmes.views import bp

__all__ = ["bp"]
