"""PDF: pdfminer.six opens it (encryption, structure, metadata); the text comes from poppler's pdftotext
where installed, else from pdfminer.six page by page; scans go to OCR."""
from __future__ import annotations

import logging
import re
from io import BytesIO, StringIO

from parsers.errors import ExtractionError
from parsers.documents import ocr, pdf_poppler, reasons
from parsers.documents.limits import Limits
from parsers.documents.result import text_result
from parsers.types import ExtractResult

KIND = "PDF"
INFO_KEYS = {"Title": "title", "Author": "author", "Subject": "subject", "Creator": "creator",
             "Producer": "producer", "CreationDate": "created", "ModDate": "modified"}
# PDF 2.0 "unencrypted wrapper" (Microsoft IRM): a cover page, the real document encrypted inside.
IRM_MARKER = b"/EncryptedPayload"
IRM_REASON = ("PDF is protected by Microsoft rights management (IRM) and cannot be opened here; "
              "ask the sender for an open copy.")
_CID = re.compile(r"\(cid:\d+\)")
_VISIBLE = re.compile(r"\w", re.UNICODE)


def extract(data: bytes, limits: Limits) -> ExtractResult:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)   # malformed files log by the thousand
    if IRM_MARKER in data:
        raise ExtractionError("encrypted", IRM_REASON)
    document = _open(data)
    metadata = _metadata(document)
    fast = _poppler_result(data, limits, metadata)
    if fast is not None:
        return fast
    page_texts, saw_images, bad_pages = _page_texts(document, limits)
    metadata.update(_page_cap_note(page_texts, limits))
    if bad_pages:
        metadata["unreadable_pages"] = ", ".join(str(number) for number in bad_pages)
    if page_texts and len(bad_pages) == len(page_texts):
        raise ExtractionError("corrupt", reasons.corrupt(KIND, "none of its pages can be read"))
    readable = _pages_result([_CID.sub("", text) for text in page_texts], limits, metadata)
    if readable is not None:
        return readable
    if not saw_images and not any(page_texts):
        return text_result("", limits, pages=len(page_texts), metadata=metadata)

    return ocr.ocr_pdf(data, limits, pages=len(page_texts), metadata=metadata,
                       undecodable=any(text.strip() for text in page_texts))


def _poppler_result(data: bytes, limits: Limits, metadata: dict) -> ExtractResult | None:
    """The text by pdftotext when it is installed, chosen and finds visible text; else None, and
    pdfminer.six reads the pages (it also notices scans for OCR and names unreadable pages)."""
    if limits.pdf_engine != "poppler":
        return None

    page_texts = pdf_poppler.page_texts(data, limits) or []
    return _pages_result(page_texts, limits, {**metadata, **_page_cap_note(page_texts, limits)})


def _page_cap_note(page_texts: list[str], limits: Limits) -> dict[str, str]:
    """The metadata entry saying the page cap stopped the reading, if it did."""
    if len(page_texts) >= limits.max_pdf_pages:
        return {"pages_read": f"first {limits.max_pdf_pages} pages only"}
    return {}


def _pages_result(page_texts: list[str], limits: Limits, metadata: dict) -> ExtractResult | None:
    """`ok` with the pages' text when any page shows a visible character, else None (whichever reader
    read them)."""
    if not any(_VISIBLE.search(text) for text in page_texts):
        return None
    return text_result("\n\f".join(page_texts), limits, first_page_text=page_texts[0],
                       pages=len(page_texts), metadata=metadata)


def _open(data: bytes):
    """A PDFDocument opened with the empty user password; map failures to statuses."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        return PDFDocument(PDFParser(BytesIO(data)), password="")
    except PDFPasswordIncorrect as err:
        raise ExtractionError("encrypted", reasons.PDF_PASSWORD) from err
    except PDFEncryptionError as err:
        raise ExtractionError("encrypted", "PDF is protected by a rights-management scheme that cannot be "
                                           "opened here; ask the sender for an open copy.") from err
    except Exception as err:   # pdfminer raises many unrelated types on malformed input
        raise ExtractionError("corrupt", reasons.corrupt(KIND, "its structure is broken")) from err


def _page_texts(document, limits: Limits) -> tuple[list[str], bool, list[int]]:
    """Each page's text (up to the page cap), whether any page draws an image, pages that failed."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class ImageAwareConverter(TextConverter):
        """TextConverter that also notes whether any page draws an image (a scan)."""

        saw_image = False

        def render_image(self, name, stream) -> None:
            self.saw_image = True

    output = StringIO()
    manager = PDFResourceManager(caching=True)
    device = ImageAwareConverter(manager, output, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    texts: list[str] = []
    bad: list[int] = []
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > limits.max_pdf_pages:
                break
            start = output.tell()
            try:
                interpreter.process_page(page)
            except (MemoryError, RecursionError):
                raise
            except Exception:          # one broken page must not lose the others
                bad.append(number)
            output.seek(start)
            texts.append(output.read().rstrip("\f"))
            output.seek(0, 2)
    except (MemoryError, RecursionError):
        raise
    except Exception as err:
        if not texts:
            raise ExtractionError("corrupt", reasons.corrupt(KIND, "its page tree is broken")) from err
    return texts, device.saw_image, bad


def _metadata(document) -> dict:
    """Document-information entries decoded to text (first info dictionary wins)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    found: dict[str, str] = {}
    for info in getattr(document, "info", []) or []:
        for key, name in INFO_KEYS.items():
            if name in found or key not in info:
                continue
            try:
                value = resolve1(info[key])
            except Exception:
                continue
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip():
                found[name] = value.strip().replace("\x00", "")
    return found
