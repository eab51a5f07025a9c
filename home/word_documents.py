"""Word documents (``.docx``, Office Open XML, ECMA-376) for the landing page importer.

Customers often receive the landing page template as a Word file. It is converted to
HTML by mammoth (which maps Word's paragraph styles to semantic HTML: "Heading 3" becomes
``<h3>``, bold runs ``<strong>``, hyperlinks ``<a href>``) and the HTML to Markdown by
markdownify, so the result goes through the very same Markdown parser as a ``.md``
upload: one import path, one set of rules.
"""

import io
import zipfile

import mammoth
from markdownify import markdownify


class WordDocumentError(Exception):
    """The bytes are not a readable ``.docx`` file; ``str(error)`` is one sentence."""


def docx_to_markdown(raw):
    """Return the Markdown (CommonMark) text of the ``.docx`` file held in bytes ``raw``.

    Headings become ATX headings (``### Q: …``), bold becomes ``**…**``, links keep
    their target whatever its scheme (the importer refuses bad schemes by line), and
    images are dropped (the importer cannot store them). Raises
    :class:`WordDocumentError` when ``raw`` is not a Word document.
    """
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(raw), convert_image=mammoth.images.img_element(lambda image: {})
        )
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise WordDocumentError(
            "this is not a Word document (.docx) that can be read; save it again as .docx "
            "or upload the Markdown version."
        ) from error
    return markdownify(
        result.value,
        heading_style="ATX",
        bullets="-",
        strip=["img"],
        escape_misc=False,
    ).strip()
