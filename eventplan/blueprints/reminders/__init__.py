from eventplan.blueprints.reminders.views import bp

__all__ = ["bp"]
