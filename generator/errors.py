"""One exception type per failure kind; the CLI maps each to an exit code and one clear line."""

from __future__ import annotations


class ClickstackError(Exception):
    """Base class: a failure the user can act on. ``exit_code`` is what the CLI returns."""

    exit_code = 1


class ManifestError(ClickstackError):
    """The manifest (or the env name) is invalid. Nothing was written."""

    exit_code = 2


class UsageError(ClickstackError):
    """A CLI argument is invalid."""

    exit_code = 2


class ToolchainError(ClickstackError):
    """terraform, the provider mirror or checkov is missing or unusable."""

    exit_code = 3


class TerraformError(ClickstackError):
    """A terraform command failed; its output was already shown."""

    exit_code = 4


class GateError(ClickstackError):
    """A policy gate failed: no applicable plan was left behind."""

    exit_code = 5


class ApplyRefused(ClickstackError):
    """``apply`` refused the plan file (missing, stale, offline or not gated)."""

    exit_code = 6


class LocalAwsError(ClickstackError):
    """The local AWS (``make up``) is not running, or could not start or stop."""

    exit_code = 9
