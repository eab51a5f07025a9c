"""The database record of the content generation, used when the content cache is
process-local (see :mod:`badgecms.home.caching.generation`)."""

from django.db import models


class ContentGeneration(models.Model):
    """The one row (``id`` 1) holding the current content generation's ``token`` (32 hex
    digits), rewritten in the transaction of every change to public content."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return self.token
