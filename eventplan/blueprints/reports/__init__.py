from eventplan.blueprints.reports.views import bp

__all__ = ["bp"]
