"""Small Word documents (DOCX, Office Open XML) written with the standard library: the demo's
document templates are generated when the demo loads instead of being shipped as binaries.

A DOCX is a ZIP of XML parts; the minimal valid one has the content types, the package
relationships and the document itself. The text is Polish (`w:lang`), the first paragraph is
the title (bold, larger), and the title is also in the document's properties.
"""

import io
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

RELATIONSHIPS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>{title}</dc:title><dc:language>pl-PL</dc:language>
</cp:coreProperties>"""

WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text: str, *, title: bool = False) -> str:
    properties = '<w:lang w:val="pl-PL"/>'
    if title:
        properties = '<w:b/><w:sz w:val="32"/>' + properties
    return (
        f'<w:p><w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t>'
        "</w:r></w:p>"
    )


def docx_bytes(*, title: str, paragraphs: list[str]) -> bytes:
    """A Word document whose first paragraph is `title`, followed by `paragraphs`."""
    body = _paragraph(title, title=True) + "".join(_paragraph(text) for text in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{WORD}"><w:body>{body}</w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELATIONSHIPS)
        archive.writestr("docProps/core.xml", CORE.format(title=escape(title)))
        archive.writestr("word/document.xml", document)
    return out.getvalue()
