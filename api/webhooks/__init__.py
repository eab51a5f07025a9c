"""Signed publish webhooks (Standard Webhooks): endpoints, events, delivery by a
django-tasks worker with retries, and the delivery log. Architecture: ``docs/webhooks.md``."""
