"""The pytest plugin: conformance as ordinary test items in a business's own run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def business(pytester: pytest.Pytester) -> pytest.Pytester:
    """A business repository: its contracts and a Python cloud function."""
    shutil.copytree(ROOT / "contracts", pytester.path / "contracts")
    shutil.copytree(ROOT / "tests/impl/python-good", pytester.path / "cloud")
    pytester.makepyfile(test_own="def test_own():\n    assert True\n")
    return pytester


def test_plugin_does_nothing_unless_enabled(business: pytest.Pytester) -> None:
    """Without an implementation folder, a run collects only its own tests."""
    result = business.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("contractgen: *")
    result.stdout.no_fnmatch_line("*contractgen::*")


def test_one_item_per_custom_interface_from_ini(business: pytest.Pytester) -> None:
    """Settings in the ini file make one passing item per custom interface."""
    business.makeini(
        "[pytest]\n"
        "contractgen_impl = cloud\n"
        "contractgen_module = sign-up\n"
        "contractgen_examples = 3\n"
        "contractgen_seed = 7\n"
    )

    result = business.runpytest("-p", "no:cacheprovider", "-v")

    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "contractgen: checking */cloud with seed 7",
            "*test_own.py::test_own PASSED*",
            "*contractgen::sign-up::send_prize PASSED*",
            "*contractgen::sign-up::sendIntegral PASSED*",
            "*contractgen::sign-up::set_remind PASSED*",
        ]
    )


def test_ini_paths_hold_from_a_subfolder(business: pytest.Pytester) -> None:
    """Run from a subfolder, the ini's folders and the contracts are still found."""
    business.makeini(
        "[pytest]\n"
        "contractgen_impl = cloud\n"
        "contractgen_module = sign-up\n"
        "contractgen_examples = 1\n"
        "contractgen_seed = 7\n"
    )
    (business.path / "cloud" / "tests").mkdir()
    business.chdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(business.path / "cloud" / "tests")
        result = business.runpytest("-p", "no:cacheprovider", str(business.path))

    result.assert_outcomes(passed=4)


def test_failing_interface_fails_its_item_with_the_report(
    business: pytest.Pytester,
) -> None:
    """Options on the command line work too; a broken interface fails its item."""
    handler = business.path / "cloud" / "api" / "sendIntegral.py"
    text = handler.read_text(encoding="utf-8")
    handler.write_text(text.replace('"sendResult": True', '"sendResult": "yes"'))

    result = business.runpytest(
        "-p",
        "no:cacheprovider",
        "--contractgen-impl",
        "cloud",
        "--contractgen-module",
        "sign-up",
        "--contractgen-examples",
        "3",
        "--contractgen-seed",
        "7",
        "-k",
        "sendIntegral or set_remind",
    )

    result.assert_outcomes(passed=1, failed=1, deselected=2)
    result.stdout.fnmatch_lines(
        [
            "collected 4 items / 2 deselected / 2 selected",
            "*contractgen: sign-up::sendIntegral*",
            "  sendIntegral  * cases: 0 passed, * failed",
            "FAIL sendIntegral: result does not match the output schema: 'yes' is not "
            "of type 'boolean'",
            "  in sign-up.json at /$defs/SendResult/properties/sendResult/type",
        ]
    )


def test_unknown_module_is_a_usage_error(business: pytest.Pytester) -> None:
    """A module that the contracts do not have stops the run before any test."""
    result = business.runpytest(
        "-p",
        "no:cacheprovider",
        "--contractgen-impl",
        "cloud",
        "--contractgen-module",
        "sign-upp",
    )

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*contractgen: no module 'sign-upp' in *"])
