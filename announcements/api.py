"""Wagtail API v2 fields of a release: body as structured blocks, galleries with their state.

A withheld gallery says so and when it opens; its photos, captions and URLs are left out.
"""

from django.utils import timezone
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.rich_text import expand_db_html

from . import photo_lock, rules


def _local(moment):
    return timezone.localtime(rules.ensure_aware(moment)).isoformat() if moment else None


def gallery_data(value, request):
    data = {"heading": value["heading"], "release_at": _local(value.release_at)}
    if value.is_withheld:
        return {**data, "state": "withheld", "images": []}
    images = []
    for item in photo_lock.public_items(value["images"]):
        rendition = item["image"].get_rendition("max-800x600")
        images.append(
            {
                "url": request.build_absolute_uri(rendition.url),
                "original": request.build_absolute_uri(item["image"].file.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": item["alt_text"],
                "caption": item["caption"],
                "credit": item["credit"],
            }
        )
    return {**data, "state": "released", "images": images}


def block_data(block, request):
    value = block.value
    if block.block_type == "paragraph":
        return {"html": expand_db_html(value.source)}
    if block.block_type == "quote":
        return {key: value[key] for key in ("text", "speaker", "role", "language")}
    if block.block_type == "image_gallery":
        return gallery_data(value, request)
    if block.block_type == "related_link":
        href = value.href
        return {"text": value["text"], "url": request.build_absolute_uri(href) if href else None}
    return {}


class BodySerializer(serializers.Field):
    def to_representation(self, body):
        request = self.context["request"]
        return [
            {"type": block.block_type, "id": block.id, "value": block_data(block, request)}
            for block in body
        ]


class IssuerSerializer(serializers.Field):
    def to_representation(self, issuer):
        return {"name": issuer.name, "short_name": issuer.short_name, "website": issuer.website}


class TopicsSerializer(serializers.Field):
    def to_representation(self, topics):
        return [{"name": topic.name, "slug": topic.slug} for topic in topics.all()]


class CorrectionsSerializer(serializers.Field):
    def to_representation(self, corrections):
        return [{"date": _local(c.corrected_at), "note": c.note} for c in corrections.all()]


RELEASE_API_FIELDS = [
    APIField("release_date"),
    APIField("dateline"),
    APIField("issuer", serializer=IssuerSerializer()),
    APIField("topics", serializer=TopicsSerializer()),
    APIField("lead"),
    APIField("body", serializer=BodySerializer()),
    APIField("issuer_release_url"),
    APIField("corrections", serializer=CorrectionsSerializer()),
    APIField("withdrawn_at"),
    APIField("withdrawal_reason"),
]
