"""The badge endpoints of the content API (``/api/v1/badges/``) and the badge JSON that
the page detail embeds."""
