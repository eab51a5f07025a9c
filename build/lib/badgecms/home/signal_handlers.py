"""Signal handlers of ``home``.

``loaddata`` saves rows with ``raw=True`` and skips form and model validation, so the
URL rule of certification links is enforced here too (the database check constraint is
the last line of defence; this gives the clear message).
"""

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.dispatch import receiver

from badgecms.home.models import CertificationLink
from badgecms.home.validators import validate_http_url


@receiver(pre_save, sender=CertificationLink)
def validate_certification_link_url(sender, instance, raw=False, **kwargs):
    """Refuse to save a certification link whose URL is not http(s), on every save path.

    Raises :class:`~django.core.exceptions.ValidationError` naming the ``url`` field.
    """
    try:
        validate_http_url(instance.url)
    except ValidationError as error:
        raise ValidationError({"url": error.messages}) from error
