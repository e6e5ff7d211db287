"""The photo lock on object storage: a real S3-compatible server (moto's server) on 127.0.0.1,
django-storages' S3 backend for the public media bucket and a private locked bucket."""

import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
import time_machine

from .conftest import berlin, gallery_block
from .helpers import free_port

WRITTEN = berlin(2027, 3, 1, 9, 0)
RELEASE = berlin(2027, 3, 1, 18, 0)
CREDENTIALS = {"access_key": "test", "secret_key": "test", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "the S3 server did not start"
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def buckets(settings, s3_server):
    """Public media and locked photos in two buckets of their own."""
    names = {"public": f"media-{uuid.uuid4().hex[:8]}", "locked": f"locked-{uuid.uuid4().hex[:8]}"}
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    for name in names.values():
        client.create_bucket(Bucket=name)

    def s3(bucket, **options):
        options = {"endpoint_url": s3_server, "bucket_name": bucket, **CREDENTIALS, **options}
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}

    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3(names["public"], querystring_auth=False, default_acl="public-read"),
        "pressroom_locked": s3(names["locked"], default_acl="private"),
    }

    def keys(which):
        listing = client.list_objects_v2(Bucket=names[which])
        return {item["Key"] for item in listing.get("Contents", [])}

    keys.locked_url = lambda name: f"{s3_server}/{names['locked']}/{name}"
    return keys


def http_status(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_withheld_photo_waits_in_the_private_bucket(client, buckets, make_release, photo_factory):
    photo = photo_factory("S3-Foto", 11)
    name = photo.file.name
    assert name in buckets("public")
    with time_machine.travel(WRITTEN, tick=False):
        release = make_release(body=[gallery_block(photo, release_at=RELEASE)], slug="s3")
    assert name not in buckets("public") and name in buckets("locked")
    assert http_status(photo.file.url) == 404
    assert http_status(buckets.locked_url(name)) == 403  # private: no anonymous read

    with time_machine.travel(RELEASE + dt.timedelta(seconds=1), tick=False):
        html = client.get(release.url).content.decode()
    assert name in buckets("public") and name not in buckets("locked")
    assert photo.file.url in html
    assert http_status(photo.file.url) == 200
    rendition = photo.renditions.get(filter_spec="max-800x600")
    assert rendition.file.name in buckets("public") and http_status(rendition.url) == 200
