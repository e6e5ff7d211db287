"""Editors get clear messages for content that would harm readers."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from announcements.blocks import GalleryImageBlock, QuoteBlock, RelatedLinkBlock
from announcements.models import PressReleasePage


def messages(error):
    return " ".join(str(message) for message in error.messages)


def test_a_release_without_lead_is_rejected(press_index, issuer):
    release = PressReleasePage(title="Ohne Vorspann", slug="x", dateline="München", issuer=issuer)
    with pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "lead" in error.value.message_dict


def test_a_lead_typed_with_markers_is_rejected(press_index, issuer):
    release = PressReleasePage(
        title="Mit Markern", slug="x", dateline="München", issuer=issuer, lead="+++ Text +++"
    )
    with pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "ohne „+++“" in " ".join(error.value.message_dict["lead"])


def test_a_syndicated_copy_needs_the_original_address(press_index, issuer):
    release = PressReleasePage(
        title="Kopie",
        slug="x",
        dateline="München",
        issuer=issuer,
        lead="Text.",
        is_syndicated_copy=True,
    )
    with pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "Originalmitteilung" in " ".join(error.value.message_dict["issuer_release_url"])


@pytest.mark.parametrize("code", ["english", "EN_us", "xx", "de_DE", "1a"])
def test_a_bad_language_code_on_a_quote_is_rejected(code):
    block = QuoteBlock()
    value = block.to_python({"text": "Hello", "speaker": "A. Person", "role": "", "language": code})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    message = messages(error.value.block_errors["language"])
    assert f"„{code}“ ist kein Sprachcode" in message


@pytest.mark.parametrize("code", ["en", "fr", "de-AT", "en-GB", ""])
def test_good_language_codes_are_accepted(code):
    block = QuoteBlock()
    block.clean(block.to_python({"text": "Hi", "speaker": "A", "role": "", "language": code}))


def gallery_image(**changes):
    value = {
        "image": None,
        "alt_text": "Die Ministerin am Rednerpult",
        "caption": "Rede",
        "credit": "StMT / Foto",
    }
    value.update(changes)
    return value


@pytest.mark.parametrize("alt_text", ["", "IMG_4711.jpg", "DSC01234", "foto.png"])
def test_gallery_images_need_a_real_alternative_text(db, alt_text):
    block = GalleryImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(gallery_image(alt_text=alt_text)))
    assert "alt_text" in error.value.block_errors


def test_alternative_text_that_is_a_file_name_gets_an_explanation(db):
    block = GalleryImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(gallery_image(alt_text="IMG_4711.jpg")))
    assert "Dateiname" in messages(error.value.block_errors["alt_text"])


@pytest.mark.parametrize(
    "text", ["https://www.example.org/programm", "www.example.org", "example.de"]
)
def test_a_bare_address_is_never_link_text(db, text):
    block = RelatedLinkBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": text, "page": None, "url": "https://example.org/"}))
    assert "Webadresse" in messages(error.value.block_errors["text"])


@pytest.mark.parametrize("url", ["", None])
def test_a_related_link_needs_a_target(db, url):
    block = RelatedLinkBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "Programm", "page": None, "url": url}))
    assert "nicht beides" in " ".join(error.value.non_block_errors)


def test_a_related_link_cannot_have_two_targets(home):
    block = RelatedLinkBlock()
    value = block.to_python({"text": "Programm", "page": home.pk, "url": "https://example.org/"})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
