from eventplan.blueprints.feeds.views import bp

__all__ = ["bp"]
