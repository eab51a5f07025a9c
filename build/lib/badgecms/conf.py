"""One accessor for the settings of the badgecms apps: the ``BADGECMS`` dict of Django's
settings, with each app's defaults (as DRF's ``api_settings`` reads ``REST_FRAMEWORK``).

Every key is listed in ``docs/settings.md``.
"""

from django.conf import settings

#: The name of the Django setting holding every badgecms setting.
SETTING_NAME = "BADGECMS"


class AppSettings:
    """Settings of one app: ``AppSettings(defaults).NAME`` is ``settings.BADGECMS["NAME"]``
    when set, else ``defaults["NAME"]``.

    Read on every access (``override_settings`` and pytest-django's ``settings`` fixture
    take effect at once). Raises :class:`AttributeError` for a name with no default, so a
    typo never reads as "unset".
    """

    def __init__(self, defaults):
        self._defaults = dict(defaults)

    def __getattr__(self, name):
        try:
            default = self._defaults[name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a badgecms setting") from None
        return getattr(settings, SETTING_NAME, {}).get(name, default)

    def __dir__(self):
        return sorted(self._defaults)
