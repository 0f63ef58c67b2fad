from eventplan.blueprints.main.views import bp

__all__ = ["bp"]
