"""The image library's upload form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): a file that does
not fit on the media disk is a form error on ``file``, not a 500.
"""

import logging

from wagtail.images.forms import BaseImageForm

from badgecms.home.media_storage import DISK_FULL_MESSAGE, is_disk_full

logger = logging.getLogger(__name__)


class ImageForm(BaseImageForm):
    """Wagtail's image form, which stores an uploaded file while the form is validated.

    Wagtail's views (add, multiple upload, chooser upload, edit) write the file only in
    ``form.save()``, after ``is_valid()``, where a failed write can only be a 500. Here
    the file is written to the image's storage at the end of validation (what Django's
    ``FileField.pre_save`` would do on save, which then skips it); a full disk or quota
    (``ENOSPC``, ``EDQUOT``) becomes the error :data:`DISK_FULL_MESSAGE` on ``file`` and
    nothing is saved. Any other storage error propagates.
    """

    def _post_clean(self):
        super()._post_clean()
        file = self.instance.file
        if self.errors or "file" not in self.changed_data or not file or file._committed:
            return
        try:
            file.save(file.name, file.file, save=False)
        except OSError as error:
            if not is_disk_full(error):
                raise
            logger.warning("Image upload %r refused: %s", file.name, error)
            self.add_error("file", DISK_FULL_MESSAGE)
