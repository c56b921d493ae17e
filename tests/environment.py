"""Loaded with `-p` (pyproject's addopts), before pytest-django reads the settings.

The suite runs with DEBUG=0, which refuses a short or published SECRET_KEY: unless the environment
brings one, this run gets a throw-away random key (the Celery workers the tests start inherit it).
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
