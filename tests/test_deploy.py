"""The deployment files agree with gunicorn and with the application, without starting anything."""

from __future__ import annotations

import gc
import importlib.machinery
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from hemvist import config

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
GUNICORN_ENV = ("HOST", "PORT", "WEB_CONCURRENCY", "HEMVIST_LOG_LEVEL")


def load_gunicorn_conf(monkeypatch, **environment):
    """deploy/gunicorn.conf.py as a module, read under exactly this environment."""
    for name in GUNICORN_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    loader = importlib.machinery.SourceFileLoader("hemvist_gunicorn_conf", str(DEPLOY / "gunicorn.conf.py"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def settings_of(module) -> dict:
    # What gunicorn would take from the file: lowercase module-level names (hooks included).
    return {
        name: value
        for name, value in vars(module).items()
        if name.islower() and not name.startswith("_") and name != "annotations" and not isinstance(value, ModuleType)
    }


def test_binds_to_localhost_on_port(monkeypatch):
    assert load_gunicorn_conf(monkeypatch).bind == ["127.0.0.1:8000"]
    assert load_gunicorn_conf(monkeypatch, PORT="8123").bind == ["127.0.0.1:8123"]


def test_several_workers_and_an_override(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    assert conf.workers >= 2
    assert conf.worker_class == "sync" and conf.preload_app is False
    assert conf.timeout >= 10 and conf.graceful_timeout <= conf.timeout
    assert load_gunicorn_conf(monkeypatch, WEB_CONCURRENCY="3").workers == 3


def test_access_log_carries_the_request_id(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    assert conf.accesslog == "-" and conf.errorlog == "-"
    assert "%({x-request-id}o)s" in conf.access_log_format


def test_every_name_is_a_gunicorn_setting_with_a_valid_value(monkeypatch):
    # Gunicorn ignores an unknown name in a config file without a word, so a typo would go unnoticed.
    gunicorn_config = pytest.importorskip("gunicorn.config")
    conf = load_gunicorn_conf(monkeypatch, HEMVIST_LOG_LEVEL="WARNING")
    cfg = gunicorn_config.Config()
    for name, value in settings_of(conf).items():
        assert name in cfg.settings, f"{name} is not a gunicorn setting"
        cfg.set(name, value)  # runs gunicorn's validator
    assert cfg.loglevel == "warning"


def test_each_worker_freezes_the_loaded_application_out_of_garbage_collection(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    gc.unfreeze()
    try:
        conf.post_worker_init(worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_nginx_body_limit_matches_the_application():
    nginx = (DEPLOY / "nginx.conf").read_text("utf-8")
    size = re.search(r"client_max_body_size\s+(\d+)([km]?);", nginx)
    assert size, "nginx.conf sets no client_max_body_size"
    limit = int(size.group(1)) * {"": 1, "k": 1024, "m": 1024 * 1024}[size.group(2)]
    assert limit == config.DEFAULTS["MAX_CONTENT_LENGTH"]


def test_environment_example_names_every_setting():
    example = (DEPLOY / "hemvist.env.example").read_text("utf-8")
    missing = [name for name in config.DEFAULTS if f"HEMVIST_{name}=" not in example]
    assert missing == [], f"deploy/hemvist.env.example does not mention {missing}"
