"""Feature blueprints: thin views over services."""
