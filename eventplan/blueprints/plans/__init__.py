from eventplan.blueprints.plans.views import bp

__all__ = ["bp"]
