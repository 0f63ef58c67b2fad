from eventplan.blueprints.plan_io.views import bp

__all__ = ["bp"]
