"""The admin form of the landing page: Wagtail's page form with the intro edited through
:class:`~badgecms.home.editors.rich_text_input.RichTextInput` (a refused link or input
that is not the editor's JSON becomes a field error, never a silent strip or a 500)."""

from wagtail.admin.forms import WagtailAdminPageForm


class LandingPageForm(WagtailAdminPageForm):
    """``base_form_class`` of :class:`~badgecms.home.models.BadgeLandingPage`."""

    def __init__(self, *args, **kwargs):
        # Imported on use: Wagtail's rich text admin modules need the app registry,
        # which is not ready when models load.
        from badgecms.home.editors.rich_text_input import RichTextInput

        super().__init__(*args, **kwargs)
        intro = self.fields.get("intro")
        if intro is not None:
            intro.widget = RichTextInput(features=intro.widget.features)
