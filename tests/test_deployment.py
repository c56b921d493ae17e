"""The deployment files (Dockerfile, docker-compose.yml, .env.example) agree with the code."""

import importlib
import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from celery import Celery

ROOT = Path(__file__).resolve().parent.parent

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["web", "worker", "beat"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
SETTINGS_SOURCE = (ROOT / "lms" / "settings.py").read_text()
ENV_EXAMPLE = (ROOT / ".env.example").read_text()
README = (ROOT / "README.md").read_text()

# Every `env.str("NAME"`, `env.db("NAME"`... in settings.py, also when the call spans lines.
SETTINGS_VARIABLES = sorted(set(re.findall(r'\benv\.\w+\(\s*"([A-Z][A-Z0-9_]*)"', SETTINGS_SOURCE)))
# Active and commented-out assignments alike: `NAME=value` or `# NAME=value`.
EXAMPLE_VARIABLES = sorted(
    set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE, flags=re.MULTILINE))
)
# Variables docker compose itself substitutes (`${NAME...}`), e.g. the PostgreSQL password.
COMPOSE_VARIABLES = set(
    re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (ROOT / "docker-compose.yml").read_text())
)

# WeasyPrint's runtime libraries: the same ones .ci/run installs for the test suite.
WEASYPRINT_PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]


def command_text(service):
    command = SERVICES[service]["command"]
    return command if isinstance(command, str) else " ".join(command)


def apt_packages(text):
    installs = re.findall(r"apt-get install ([^&]*)", text.replace("\\\n", " "))
    return {word for words in installs for word in words.split() if not word.startswith("-")}


def dockerfile_instruction(name):
    lines = re.findall(rf"^{name}\s+(.*)$", DOCKERFILE, flags=re.MULTILINE)
    assert len(lines) == 1, f"expected exactly one {name} in the Dockerfile"
    return lines[0]


def test_compose_defines_the_five_services():
    assert set(SERVICES) == {"web", "worker", "beat", "postgres", "redis"}


@pytest.mark.parametrize("service", ["web", "worker", "beat", "postgres", "redis"])
def test_every_service_has_a_healthcheck(service):
    healthcheck = SERVICES[service].get("healthcheck", {})
    assert healthcheck.get("test"), f"{service} has no healthcheck"
    assert not healthcheck.get("disable")


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_share_one_image_built_from_the_dockerfile(service):
    assert SERVICES[service]["build"] == "."
    assert SERVICES[service]["image"] == SERVICES["web"]["image"]
    assert SERVICES[service]["env_file"] == ".env"


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_use_the_compose_database_and_broker(service):
    environment = SERVICES[service]["environment"]
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://redis:6379/")


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_wait_for_healthy_dependencies(service):
    depends_on = SERVICES[service]["depends_on"]
    assert {"postgres", "redis"} <= set(depends_on)
    for dependency, condition in depends_on.items():
        assert condition == {"condition": "service_healthy"}
        assert SERVICES[dependency].get("healthcheck")


@pytest.mark.parametrize("command", ["compose", "dockerfile"])
def test_gunicorn_serves_the_wsgi_application_of_the_repo(command):
    if command == "compose":
        text = command_text("web")
    else:
        text = " ".join(json.loads(dockerfile_instruction("CMD")))
    match = re.search(r"gunicorn\s+([\w.]+):(\w+)", text)
    assert match, text
    module, attribute = match.groups()
    assert callable(getattr(importlib.import_module(module), attribute))
    assert "0.0.0.0:8000" in text


def test_web_migrates_before_starting_gunicorn():
    text = command_text("web")
    assert "manage.py migrate --noinput" in text
    assert text.index("migrate") < text.index("gunicorn")


@pytest.mark.parametrize(("service", "role"), [("worker", "worker"), ("beat", "beat")])
def test_celery_services_load_the_project_celery_app(service, role):
    arguments = shlex.split(command_text(service))
    assert arguments[:2] == ["celery", "-A"]
    assert arguments[3] == role
    package = importlib.import_module(arguments[2])
    app = getattr(package, "celery_app", None) or package.app
    assert isinstance(app, Celery)


def test_only_one_beat_runs():
    assert SERVICES["beat"].get("deploy", {}).get("replicas", 1) == 1


@pytest.mark.parametrize("service", ["web", "worker"])
def test_media_volume_is_shared_by_web_and_worker(service):
    media_root = SERVICES[service]["environment"]["MEDIA_ROOT"]
    assert f"media:{media_root}" in SERVICES[service]["volumes"]
    assert "media" in COMPOSE["volumes"]


@pytest.mark.parametrize("name", EXAMPLE_VARIABLES)
def test_env_example_lists_only_variables_that_are_read(name):
    assert f'"{name}"' in SETTINGS_SOURCE or name in COMPOSE_VARIABLES, f"{name} is never read"


@pytest.mark.parametrize("name", SETTINGS_VARIABLES)
def test_every_setting_variable_is_in_env_example_and_readme(name):
    assert name in EXAMPLE_VARIABLES, f"{name} missing from .env.example"
    assert f"`{name}`" in README, f"{name} missing from the README configuration table"


def test_env_example_is_production_oriented():
    assert re.search(r"^DEBUG=0$", ENV_EXAMPLE, flags=re.MULTILINE)
    assert re.search(r"^STATICFILES_MANIFEST=1$", ENV_EXAMPLE, flags=re.MULTILINE)


@pytest.mark.parametrize(
    "package", [*WEASYPRINT_PACKAGES, "fonts-dejavu-core", "fonts-noto-core", "gettext"]
)
def test_dockerfile_installs_pdf_runtime_fonts_and_gettext(package):
    assert package in apt_packages(DOCKERFILE)


def test_dockerfile_installs_the_hashed_production_lock():
    assert "pip install --require-hashes -r requirements/base.lock" in DOCKERFILE
    assert "dev.lock" not in DOCKERFILE


@pytest.mark.parametrize("package", ["gunicorn", "celery", "weasyprint", "psycopg"])
def test_base_lock_pins_what_the_containers_run(package):
    lock = (ROOT / "requirements" / "base.lock").read_text().lower()
    assert re.search(rf"^{package}(\[[\w,]+\])?==", lock, flags=re.MULTILINE)


def test_dockerfile_builds_static_files_and_translations():
    assert "STATICFILES_MANIFEST=1" in DOCKERFILE
    assert "manage.py collectstatic --noinput" in DOCKERFILE
    assert "manage.py compilemessages" in DOCKERFILE


def test_dockerfile_copies_every_project_app():
    settings = importlib.import_module("lms.settings")
    copied = {line.split()[0] for line in re.findall(r"^COPY\s+(.*)$", DOCKERFILE, re.MULTILINE)}
    local = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    local = {name for name in local if (ROOT / name / "__init__.py").exists()}
    assert local
    for needed in [*local, "manage.py", "templates", "static", "locale"]:
        assert needed in copied, f"the image lacks {needed}"


def test_dockerfile_runs_as_a_non_root_user():
    assert dockerfile_instruction("USER") not in {"root", "0"}


@pytest.mark.parametrize(("secret_key", "refused"), [(None, True), ("", True), ("k" * 50, False)])
def test_image_refuses_to_start_without_secret_key(secret_key, refused):
    environment = {"PATH": os.environ["PATH"]}
    if secret_key is not None:
        environment["SECRET_KEY"] = secret_key
    entrypoint = json.loads(dockerfile_instruction("ENTRYPOINT"))
    result = subprocess.run(
        [*entrypoint, "true"], env=environment, capture_output=True, text=True, check=False
    )
    assert (result.returncode != 0) == refused
    assert ("SECRET_KEY" in result.stderr) == refused
