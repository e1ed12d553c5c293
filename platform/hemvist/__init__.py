"""Hemvist: a shared service where municipalities find homes for newcomers."""

from hemvist.app import create_app

__all__ = ["create_app"]
