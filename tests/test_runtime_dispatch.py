"""
The Python dispatcher of custom interfaces, driven by a table shared with Node.

``tests/dispatch_cases.json`` is a list of cases, each an object with:

- ``id``: a unique name for the case;
- ``event``: the event handed to ``main_handler(event, context)``, with the
  context ``{}``; it may be any JSON value, not only an object;
- ``expect_code``: the reply's ``code``, an integer or a platform code;
- ``expect_msg_contains``: a substring of the reply's ``msg``, chosen to be
  language-neutral (no quoting style, no exception class names);
- ``expect_result`` (optional): the reply's ``result``, compared for equality.

Every case runs against the module ``fixture`` of :data:`CONTRACT` below, with
reply validation on, and against an ``api/`` folder holding these handlers
(Node writes the same ones as ``api/<name>.js``):

- ``ok``: replies ``{code: 0, msg: "suc", result: {greeting: "hello " + name}}``;
  ``okAsync`` does the same from an async handler;
- ``businessError``: replies ``{code: 1001, msg: "余额不足"}``;
- ``raises`` / ``raisesAsync``: raise an error whose message is ``boom``;
- ``brokenImport``: the file itself raises ``cannot start`` when loaded;
- ``notFunction``: exports the number 42; ``noHandler``: exports no handler;
- ``returnsNone``, ``returnsString`` (``"done"``), ``returnsNumber`` (``7``),
  ``returnsArray`` (``[]``), ``returnsNoCode`` (``{result: {}}``),
  ``returnsBadCode`` (``{code: "OOPS", msg: "x"}``), ``returnsBoolCode``
  (``{code: true, msg: "x"}``), ``returnsNoMsg`` (``{code: 1001}``),
  ``returnsNoResult`` (``{code: 0, msg: "suc"}``);
- ``badResult``: replies ``{code: 0, result: {greeting: 42}}``;
- ``missingFile`` has no file; ``standardOne`` is a standard interface.

Invalid params get ``INVALID_PARAMS_CODE`` (-1), and their ``msg`` lists
violations as ``<instance pointer or (root)>: <message> (schema <location>)``.
"""

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from contractgen.runtime import (
    INVALID_PARAMS_CODE,
    METHOD_EXEC_FAILURE,
    PERMISSION_DENIED,
    UNKNOWN_ERROR,
    ContractSchemas,
    Dispatcher,
    allow_server_callers,
)

GREETING_INPUT = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "not": {"const": ""}},
        "count": {"type": "integer"},
    },
    "additionalProperties": False,
}
GREETING_OUTPUT = {
    "type": "object",
    "required": ["greeting"],
    "properties": {"greeting": {"type": "string"}},
}
ANY_OBJECT = {"type": "object"}
FIXTURE_NAMES = [
    "businessError",
    "badResult",
    "brokenImport",
    "missingFile",
    "noHandler",
    "notFunction",
    "raises",
    "raisesAsync",
    "returnsArray",
    "returnsBadCode",
    "returnsBoolCode",
    "returnsNoCode",
    "returnsNoMsg",
    "returnsNoResult",
    "returnsNone",
    "returnsNumber",
    "returnsString",
]


def _interface(kind: str, input: Any, output: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "callers": ["server"],
        "description": "fixture",
        "input": input,
        "output": output,
        "errors": [{"code": 1001, "name": "NoBalance", "description": "余额不足"}],
        "examples": [],
    }


CONTRACT: dict[str, Any] = {
    "module": "fixture",
    "version": "1.0.0",
    "title": "dispatcher fixture",
    "interfaces": {
        "ok": _interface("custom", GREETING_INPUT, GREETING_OUTPUT),
        "okAsync": _interface("custom", GREETING_INPUT, GREETING_OUTPUT),
        "standardOne": _interface("standard", ANY_OBJECT, ANY_OBJECT),
        **{
            name: _interface("custom", ANY_OBJECT, GREETING_OUTPUT)
            for name in FIXTURE_NAMES
        },
    },
}

HANDLERS = {
    "ok": (
        "def handler(data, context):\n"
        "    greeting = 'hello ' + data['name']\n"
        "    return {'code': 0, 'msg': 'suc', 'result': {'greeting': greeting}}\n"
    ),
    "okAsync": (
        "import asyncio\n"
        "async def handler(data, context):\n"
        "    await asyncio.sleep(0)\n"
        "    greeting = 'hello ' + data['name']\n"
        "    return {'code': 0, 'msg': 'suc', 'result': {'greeting': greeting}}\n"
    ),
    "businessError": (
        "def handler(data, context):\n    return {'code': 1001, 'msg': '余额不足'}\n"
    ),
    "raises": "def handler(data, context):\n    raise ValueError('boom')\n",
    "raisesAsync": "async def handler(data, context):\n    raise ValueError('boom')\n",
    "brokenImport": "raise RuntimeError('cannot start')\n",
    "notFunction": "handler = 42\n",
    "noHandler": "def other(data, context):\n    return {'code': 0, 'result': {}}\n",
}
# Handlers that only return a fixed reply, given as Python source.
FIXED_REPLIES = {
    "badResult": "{'code': 0, 'result': {'greeting': 42}}",
    "returnsArray": "[]",
    "returnsBadCode": "{'code': 'OOPS', 'msg': 'x'}",
    "returnsBoolCode": "{'code': True, 'msg': 'x'}",
    "returnsNoCode": "{'result': {}}",
    "returnsNoMsg": "{'code': 1001}",
    "returnsNoResult": "{'code': 0, 'msg': 'suc'}",
    "returnsNone": "None",
    "returnsNumber": "7",
    "returnsString": "'done'",
}
HANDLERS.update(
    {
        name: f"def handler(data, context):\n    return {reply}\n"
        for name, reply in FIXED_REPLIES.items()
    }
)

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).with_name("dispatch_cases.json")).read_text(encoding="utf-8")
)

# Files a hostile name would reach if it were turned into a path; each one
# records its import in a marker file next to it.
TRAPS = [
    "x.py",
    "api/__proto__.py",
    "api/constructor.py",
    "api/prototype.py",
    "api/toString.py",
    "api/hasOwnProperty.py",
    "api/__init__.py",
    "api/nope.py",
    "api/standardOne.py",
    "api/OK.py",
    "api/ok.py.py",
    "api/a/b.py",
]


def _schemas() -> ContractSchemas:
    return ContractSchemas.from_documents({"fixture.json": CONTRACT}, "fixture.json")


def _write_api(root: Path) -> Path:
    api = root / "api"
    api.mkdir()
    for name, source in HANDLERS.items():
        (api / f"{name}.py").write_text(source, encoding="utf-8")

    return api


def _write_traps(root: Path) -> None:
    for relative in TRAPS:
        trap = root / relative
        trap.parent.mkdir(parents=True, exist_ok=True)
        marker = trap.with_suffix(".imported")
        trap.write_text(
            "from pathlib import Path\n"
            f"Path({str(marker)!r}).write_text('imported')\n"
            "def handler(data, context):\n    return {'code': 0, 'result': {}}\n",
            encoding="utf-8",
        )


@pytest.fixture
def dispatcher(tmp_path: Path) -> Dispatcher:
    return Dispatcher(
        api_dir=_write_api(tmp_path), schemas=_schemas(), validate_replies=True
    )


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case_table(dispatcher: Dispatcher, case: dict[str, Any]) -> None:
    """Each shared case gets the expected code, a msg with the expected text and,
    where given, the expected result."""
    reply = dispatcher(case["event"], {})

    assert reply["code"] == case["expect_code"]
    assert case["expect_msg_contains"] in reply["msg"]
    if "expect_result" in case:
        assert reply["result"] == case["expect_result"]


EXACT_MESSAGES = {
    "name '../x'": (
        "'../x' is not a custom interface of module 'fixture' (its custom"
        " interfaces: 'badResult', 'brokenImport', 'businessError', 'missingFile',"
        " 'noHandler', 'notFunction', 'ok', 'okAsync', 'raises', 'raisesAsync',"
        " 'returnsArray', 'returnsBadCode', 'returnsBoolCode', 'returnsNoCode',"
        " 'returnsNoMsg', 'returnsNoResult', 'returnsNone', 'returnsNumber',"
        " 'returnsString')"
    ),
    "name is number": "'methodName' must be a string, got 42",
    "name is array": "'methodName' must be a string, got ['ok']",
    "name is null": "'methodName' must be a string, got None",
    "no methodName": "the event has no 'methodName'",
    "event is null": (
        "the event must be an object with 'methodName' and 'params', got None"
    ),
    "mini program caller": (
        "the caller is not allowed to call module 'fixture': custom interfaces"
        " serve server-side and timer callers only"
    ),
    "missing file": (
        "custom interface 'missingFile' is not implemented: there is no"
        " api/missingFile.py"
    ),
    "handler is not a function": (
        "handler in api/notFunction.py is not a function: it is 42"
    ),
    "no handler": "handler in api/noHandler.py is not a function: it is not defined",
    "handler raises": "handler in api/raises.py raised ValueError: boom",
    "async handler raises": "handler in api/raisesAsync.py raised ValueError: boom",
    "file fails to load": (
        "api/brokenImport.py failed to load: RuntimeError: cannot start"
    ),
    "returns nothing": (
        "handler in api/returnsNone.py sent a malformed reply: expected an envelope"
        " object {code, msg, result}, got None"
    ),
    "reply without code": (
        "handler in api/returnsNoCode.py sent a malformed reply: the envelope has"
        " no 'code' (its keys: 'result')"
    ),
    "reply with a made-up code": (
        "handler in api/returnsBadCode.py sent a malformed reply: 'code' must be an"
        " integer or a platform code ('METHOD_EXEC_FAILURE', 'METHOD_NOT_FOUND',"
        " 'METHOD_NOT_FUNCTION', 'PERMISSION_DENIED', 'UNKNOWN_ERROR'), got 'OOPS'"
    ),
    "error reply without msg": (
        "handler in api/returnsNoMsg.py sent a malformed reply: the envelope has no"
        " 'msg' although 'code' is 1001"
    ),
    "success reply without result": (
        "handler in api/returnsNoResult.py sent a malformed reply: the envelope has"
        " no 'result' although 'code' is 0"
    ),
    "result breaks the output schema": (
        "result of fixture.badResult violates its output schema: /greeting: 42 is"
        " not of type 'string' (schema"
        " fixture.json#/interfaces/badResult/output/properties/greeting/type)"
    ),
    "params break a schema-only constraint": (
        "params of fixture.ok violate its input schema: /name: '' should not be"
        " valid under {'const': ''} (schema"
        " fixture.json#/interfaces/ok/input/properties/name/not)"
    ),
    "params have an unknown field": (
        "params of fixture.ok violate its input schema: (root): Additional"
        " properties are not allowed ('extra' was unexpected) (schema"
        " fixture.json#/interfaces/ok/input/additionalProperties)"
    ),
}


@pytest.mark.parametrize("case_id", sorted(EXACT_MESSAGES))
def test_exact_messages(dispatcher: Dispatcher, case_id: str) -> None:
    """The Python dispatcher words its replies exactly so."""
    (case,) = [case for case in CASES if case["id"] == case_id]

    reply = dispatcher(case["event"], {})

    assert reply == {"code": case["expect_code"], "msg": EXACT_MESSAGES[case_id]}


def test_hostile_names_touch_no_file(tmp_path: Path) -> None:
    """A method name outside the contract's custom interfaces imports no file,
    however it is spelled."""
    _write_traps(tmp_path)
    dispatcher = Dispatcher(api_dir=tmp_path / "api", schemas=_schemas())
    hostile = [
        case["event"]
        for case in CASES
        if case["expect_code"] in ("METHOD_NOT_FOUND", PERMISSION_DENIED)
    ]

    replies = [dispatcher(event, {}) for event in hostile]

    assert {reply["code"] for reply in replies} == {
        "METHOD_NOT_FOUND",
        PERMISSION_DENIED,
    }
    assert sorted(path.name for path in tmp_path.rglob("*.imported")) == []


def test_traceback_goes_to_the_log_only(
    dispatcher: Dispatcher, caplog: pytest.LogCaptureFixture
) -> None:
    """A raising handler's traceback is logged, and the reply holds only the
    error's type and text."""
    with caplog.at_level(logging.ERROR, logger="contractgen.runtime.dispatch"):
        reply = dispatcher({"methodName": "raises", "params": {}}, {})

    assert reply == {
        "code": METHOD_EXEC_FAILURE,
        "msg": "handler in api/raises.py raised ValueError: boom",
    }
    assert [record.getMessage() for record in caplog.records] == [
        "handler in api/raises.py raised"
    ]
    assert "raise ValueError('boom')" in caplog.text


def test_async_handler_inside_a_running_loop(dispatcher: Dispatcher) -> None:
    """The synchronous main_handler runs an async handler even when called from
    code that already runs an event loop."""

    async def call_from_a_loop() -> dict[str, Any]:
        return dispatcher({"methodName": "okAsync", "params": {"name": "Bo"}}, {})

    reply = asyncio.run(call_from_a_loop())

    assert reply == {"code": 0, "msg": "suc", "result": {"greeting": "hello Bo"}}


def test_handler_gets_params_and_context(tmp_path: Path) -> None:
    """The handler receives the event's params and the platform's context."""
    api = _write_api(tmp_path)
    (api / "ok.py").write_text(
        "def handler(data, context):\n"
        "    greeting = data['name'] + ' ' + context['request_id']\n"
        "    return {'code': 0, 'result': {'greeting': greeting}}\n",
        encoding="utf-8",
    )
    dispatcher = Dispatcher(api_dir=api, schemas=_schemas())

    reply = dispatcher(
        {"methodName": "ok", "params": {"name": "Ada"}}, {"request_id": "r-1"}
    )

    assert reply == {"code": 0, "result": {"greeting": "Ada r-1"}}


def test_replies_unchecked_in_production(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With CONTRACTGEN_ENV=production a result is not checked against the output
    schema by default."""
    monkeypatch.setenv("CONTRACTGEN_ENV", "production")
    dispatcher = Dispatcher(api_dir=_write_api(tmp_path), schemas=_schemas())

    reply = dispatcher({"methodName": "badResult", "params": {}}, {})

    assert dispatcher.validate_replies is False
    assert reply == {"code": 0, "result": {"greeting": 42}}


def test_replies_checked_outside_production(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without CONTRACTGEN_ENV=production results are checked by default."""
    monkeypatch.setenv("CONTRACTGEN_ENV", "development")

    dispatcher = Dispatcher(api_dir=_write_api(tmp_path), schemas=_schemas())

    assert dispatcher.validate_replies is True


def test_custom_allow_predicate(dispatcher: Dispatcher, tmp_path: Path) -> None:
    """An injected allow predicate decides who may call, and one that raises
    gives UNKNOWN_ERROR."""

    def deny_all(event: Any, context: Any) -> bool:
        return False

    def broken(event: Any, context: Any) -> bool:
        raise KeyError("source")

    event = {"methodName": "ok", "params": {"name": "Ada"}}
    denying = Dispatcher(api_dir=dispatcher.api_dir, schemas=_schemas(), allow=deny_all)
    failing = Dispatcher(api_dir=dispatcher.api_dir, schemas=_schemas(), allow=broken)

    assert denying(event, {})["code"] == PERMISSION_DENIED
    assert failing(event, {}) == {
        "code": UNKNOWN_ERROR,
        "msg": "the caller check failed; the function's log has details",
    }


@pytest.mark.parametrize(
    ("event", "context", "allowed"),
    [
        ({"methodName": "ok"}, {}, True),
        ({"Type": "Timer", "TriggerName": "daily"}, {}, True),
        ({"userInfo": {"appId": "wx1"}}, {}, True),
        ({"userInfo": {"appId": "wx1", "openId": "o-1"}}, {}, False),
        ({}, {"OPENID": "o-1"}, False),
        ({}, {"WX_OPENID": "o-1"}, False),
        ({}, {"environment": '{"WX_OPENID": "o-1", "SCF_NAMESPACE": "x"}'}, False),
        ({}, {"environment": {"WX_OPENID": "o-1"}}, False),
        ({}, {"environment": '{"WX_OPENID": ""}'}, True),
        ({}, {"environment": "not json"}, True),
        ("not an object", None, True),
    ],
    ids=[
        "no caller info",
        "timer",
        "server with appId only",
        "mini program openId",
        "context OPENID",
        "context WX_OPENID",
        "environment string",
        "environment object",
        "empty openid",
        "environment not JSON",
        "odd event",
    ],
)
def test_allow_server_callers(event: Any, context: Any, allowed: bool) -> None:
    """The default check refuses callers that carry a mini program openid."""
    assert allow_server_callers(event, context) is allowed


def test_module_must_match_the_contract(tmp_path: Path) -> None:
    """Naming another module than the contract's is a configuration error."""
    with pytest.raises(ValueError) as raised:
        Dispatcher(api_dir=tmp_path, schemas=_schemas(), module="sign-up")

    assert str(raised.value) == (
        "module 'sign-up' does not match the contract's module 'fixture'"
    )


def test_invalid_params_code_is_used(dispatcher: Dispatcher) -> None:
    """Params failing the input schema get INVALID_PARAMS_CODE and reach no
    handler."""
    reply = dispatcher({"methodName": "raises", "params": []}, {})

    assert reply == {
        "code": INVALID_PARAMS_CODE,
        "msg": "params of fixture.raises violate its input schema: (root): [] is"
        " not of type 'object' (schema fixture.json#/interfaces/raises/input/type)",
    }
