"""The app's settings (PRESSROOM_MAIL_*), with their defaults; documented in docs/install.md."""

from django.conf import settings

DEFAULTS = {
    "PRESSROOM_TASK_BACKEND": "default",  # TASKS alias of the background worker (generic)
    "PRESSROOM_MAIL_BATCH_SIZE": 200,  # deliveries one task claims and sends
    "PRESSROOM_MAIL_RATE_PER_SECOND": 0,  # per worker; 0 = as fast as the server takes them
    "PRESSROOM_MAIL_MAX_ATTEMPTS": 5,  # then the delivery is recorded as failed
    "PRESSROOM_MAIL_RETRY_SECONDS": 60,  # first retry; doubles with every attempt
    "PRESSROOM_MAIL_CLAIM_TIMEOUT": 900,  # a claimed batch older than this counts as abandoned
    "PRESSROOM_MAIL_LOG_DAYS": 90,  # the record of who got what is erased after this
    "PRESSROOM_MAIL_CONFIRM_DAYS": 7,  # confirmation links expire; unconfirmed entries erased
    "PRESSROOM_MAIL_CONSENT_VERSION": "2026-11",  # the consent text's version (stored per consent)
    "PRESSROOM_MAIL_STORE_IP_ADDRESS": False,  # store the client address with the consent
    "PRESSROOM_MAIL_FORM_MIN_SECONDS": 3,  # a form sent sooner counts as a bot
    "PRESSROOM_MAIL_RATE_LIMIT": 5,  # subscribe requests per address and per client ...
    "PRESSROOM_MAIL_RATE_WINDOW": 3600,  # ... within this many seconds
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
