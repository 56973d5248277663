"""
The runtime client base classes, driven through the in-process transports.

The clients below are written by hand the way the generator writes them: one
line per interface calling ``_call``, with hand-written pydantic models.
"""

import asyncio
import json
from pathlib import Path
from typing import Any, cast

import pytest
from pydantic import BaseModel, Field

from contractgen.runtime import (
    METHOD_EXEC_FAILURE,
    METHOD_NOT_FOUND,
    METHOD_NOT_FUNCTION,
    UNKNOWN_ERROR,
    AsyncBaseClient,
    AsyncLocalTransport,
    BaseClient,
    ContractSchemas,
    InterfaceError,
    LocalTransport,
    MalformedReply,
    ModelMismatch,
    ParamsViolation,
    ResultViolation,
    UnknownInterface,
)

SIGN_UP: dict[str, Any] = {
    "module": "sign-up",
    "version": "1.0.0",
    "title": "签到打卡",
    "$defs": {"OpenId": {"type": "string", "minLength": 1}},
    "interfaces": {
        "doRemind": {
            "kind": "standard",
            "callers": ["miniprogram", "server"],
            "description": "Remind a user to sign up.",
            "input": {
                "type": "object",
                "required": ["openId"],
                "properties": {
                    "openId": {"$ref": "#/$defs/OpenId"},
                    "page": {"type": "string"},
                    "temId": {"type": ["string", "integer"]},
                },
                "additionalProperties": False,
            },
            "output": {
                "type": "object",
                "required": ["reminded"],
                "properties": {
                    "reminded": {"type": "boolean"},
                    "prize": {"$ref": "prize.json#/$defs/Prize"},
                    "ratio": {"type": "number"},
                },
            },
            "errors": [{"code": 1001, "name": "NoBalance", "description": "余额不足"}],
            "examples": [],
        },
        "send_prize": {
            "kind": "custom",
            "callers": ["server"],
            "description": "Send a prize.",
            "input": {"type": "object"},
            "output": {"type": "object"},
            "errors": [],
            "examples": [],
        },
    },
}
PRIZE: dict[str, Any] = {
    "module": "prize",
    "version": "1.0.0",
    "title": "奖品",
    "$defs": {
        "Prize": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "not": {"const": ""}},
                "points": {"type": "integer", "minimum": 0},
            },
        }
    },
    "interfaces": {},
}
SCHEMAS = ContractSchemas.from_documents(
    {"sign-up.json": SIGN_UP, "prize.json": PRIZE}, "sign-up.json"
)


class DoRemindInput(BaseModel):
    open_id: str = Field(alias="openId")
    page: str | None = None
    # Narrower than the schema's ["string", "integer"] on purpose, to show that
    # a model disagreeing with the schema is reported as the model's fault.
    tem_id: str | None = Field(default=None, alias="temId")


class Prize(BaseModel):
    name: str
    points: int | None = None


class DoRemindOutput(BaseModel):
    reminded: bool
    prize: Prize | None = None
    # Narrower than the schema's "number" on purpose, as tem_id above.
    ratio: int | None = None


class SignUpClient(BaseClient):
    module = "sign-up"
    schemas = SCHEMAS

    def do_remind(
        self, params: DoRemindInput | None = None, /, **fields: Any
    ) -> DoRemindOutput:
        """Remind a user to sign up."""
        return self._call("doRemind", DoRemindInput, DoRemindOutput, params, fields)


class AsyncSignUpClient(AsyncBaseClient):
    module = "sign-up"
    schemas = SCHEMAS

    async def do_remind(
        self, params: DoRemindInput | None = None, /, **fields: Any
    ) -> DoRemindOutput:
        """Remind a user to sign up."""
        return await self._call(
            "doRemind", DoRemindInput, DoRemindOutput, params, fields
        )


class Recorder:
    """A doRemind handler that records its params and sends a fixed reply."""

    def __init__(self, reply: Any) -> None:
        self.reply = reply
        self.calls: list[Any] = []

    def __call__(self, data: Any, context: Any) -> Any:
        self.calls.append(data)
        return self.reply


REMINDED = {"code": 0, "msg": "suc", "result": {"reminded": True}}
BAD_CODE = (
    "'code' must be an integer or a platform code ('METHOD_EXEC_FAILURE',"
    " 'METHOD_NOT_FOUND', 'METHOD_NOT_FUNCTION', 'PERMISSION_DENIED',"
    " 'UNKNOWN_ERROR'), got "
)


def _client(reply: Any) -> tuple[SignUpClient, Recorder]:
    handler = Recorder(reply)
    return SignUpClient(LocalTransport({"doRemind": handler})), handler


def test_success_with_fields_by_attribute_name() -> None:
    """Keyword fields may use attribute names; params go out by alias and the
    result comes back as the output model."""
    client, handler = _client(
        {"code": 0, "result": {"reminded": True, "prize": {"name": "积分"}}}
    )

    output = client.do_remind(open_id="o-1", page="index")

    assert handler.calls == [{"openId": "o-1", "page": "index"}]
    assert output == DoRemindOutput(reminded=True, prize=Prize(name="积分"))


def test_success_with_fields_by_alias() -> None:
    """Keyword fields may use the schema's property names."""
    client, handler = _client(REMINDED)

    client.do_remind(openId="o-1", temId="t-1")

    assert handler.calls == [{"openId": "o-1", "temId": "t-1"}]


def test_success_with_a_params_model() -> None:
    """A params model is sent with only the fields that were set."""
    client, handler = _client(REMINDED)

    output = client.do_remind(DoRemindInput(openId="o-1"))

    assert handler.calls == [{"openId": "o-1"}]
    assert output == DoRemindOutput(reminded=True)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda client: client.do_remind(DoRemindInput(openId="o"), page="x"),
            "sign-up.doRemind takes params or keyword fields, not both",
        ),
        (
            lambda client: client.do_remind(open_id="o", pages="x"),
            "sign-up.doRemind got an unexpected field 'pages'",
        ),
        (
            lambda client: client.do_remind(open_id="o", openId="o"),
            "sign-up.doRemind got field 'openId' twice, by name and by alias",
        ),
        (
            lambda client: client.do_remind({"openId": "o"}),
            "sign-up.doRemind takes a DoRemindInput as params, not a dict",
        ),
    ],
    ids=["params and fields", "unknown field", "field twice", "dict as params"],
)
def test_misuse_is_a_type_error(call: Any, message: str) -> None:
    """Calling a method the wrong way raises TypeError and sends nothing."""
    client, handler = _client(REMINDED)

    with pytest.raises(TypeError) as raised:
        call(client)

    assert str(raised.value) == message
    assert handler.calls == []


def test_interface_error() -> None:
    """A non-zero code raises InterfaceError with the code, msg and interface."""
    client, _ = _client({"code": 1001, "msg": "余额不足"})

    with pytest.raises(InterfaceError) as raised:
        client.do_remind(open_id="o-1")

    error = raised.value
    assert (error.code, error.msg, error.interface, error.module) == (
        1001,
        "余额不足",
        "doRemind",
        "sign-up",
    )
    assert str(error) == "sign-up.doRemind failed with code 1001: 余额不足"


def test_platform_codes_from_the_local_transport() -> None:
    """The local transport replies with platform codes as the platform does."""

    def raises(data: Any, context: Any) -> Any:
        raise ValueError("boom")

    missing = SignUpClient(LocalTransport({}))
    not_callable = SignUpClient(LocalTransport({"doRemind": cast(Any, 42)}))
    failing = SignUpClient(LocalTransport({"doRemind": raises}))
    not_json = SignUpClient(
        LocalTransport({"doRemind": lambda data, context: {"code": 0, "result": {1j}}})
    )

    errors = []
    for client in (missing, not_callable, failing, not_json):
        with pytest.raises(InterfaceError) as raised:
            client.do_remind(open_id="o-1")

        errors.append((raised.value.code, raised.value.msg))

    assert errors == [
        (METHOD_NOT_FOUND, "no handler for interface 'doRemind' of module 'sign-up'"),
        (METHOD_NOT_FUNCTION, "the handler for 'doRemind' is not a function: 42"),
        (METHOD_EXEC_FAILURE, "the handler for 'doRemind' raised ValueError: boom"),
        (
            UNKNOWN_ERROR,
            "the reply for 'doRemind' cannot travel as JSON: Object of type set is"
            " not JSON serializable",
        ),
    ]


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        (None, "expected an envelope object {code, msg, result}, got None"),
        ("ok", "expected an envelope object {code, msg, result}, got 'ok'"),
        ([0], "expected an envelope object {code, msg, result}, got [0]"),
        ({}, "the envelope has no 'code' (its keys: none)"),
        (
            {"msg": "x", "result": {}},
            "the envelope has no 'code' (its keys: 'msg', 'result')",
        ),
        ({"code": "0", "result": {}}, BAD_CODE + "'0'"),
        ({"code": True, "msg": "x"}, BAD_CODE + "True"),
        ({"code": 0.0, "result": {}}, BAD_CODE + "0.0"),
        ({"code": 1001}, "the envelope has no 'msg' although 'code' is 1001"),
        ({"code": 1001, "msg": None}, "'msg' must be a string, got None"),
        (
            {"code": 0, "msg": "suc"},
            "the envelope has no 'result' although 'code' is 0",
        ),
    ],
    ids=[
        "null",
        "string",
        "array",
        "empty object",
        "no code",
        "string code",
        "boolean code",
        "float code",
        "no msg",
        "msg not a string",
        "no result",
    ],
)
def test_malformed_reply(reply: Any, problem: str) -> None:
    """A reply that is not a valid envelope raises MalformedReply saying why."""
    client, _ = _client(reply)

    with pytest.raises(MalformedReply) as raised:
        client.do_remind(open_id="o-1")

    assert raised.value.problem == problem
    assert str(raised.value) == f"sign-up.doRemind sent a malformed reply: {problem}"


def test_params_violation_is_raised_before_sending() -> None:
    """Params the model accepts but the input schema rejects are never sent."""
    client, handler = _client(REMINDED)

    with pytest.raises(ParamsViolation) as raised:
        client.do_remind(open_id="")

    assert handler.calls == []
    assert str(raised.value) == (
        "params of sign-up.doRemind violate its input schema:\n"
        "  /openId: '' should be non-empty"
        " (schema sign-up.json#/$defs/OpenId/minLength)"
    )
    assert [violation.instance_pointer for violation in raised.value.violations] == [
        "/openId"
    ]


def test_fields_rejected_by_model_and_schema() -> None:
    """Fields both the model and the schema reject are reported by the schema."""
    client, handler = _client(REMINDED)

    with pytest.raises(ParamsViolation) as raised:
        client.do_remind(open_id=5)

    assert handler.calls == []
    assert str(raised.value) == (
        "params of sign-up.doRemind violate its input schema:\n"
        "  /openId: 5 is not of type 'string'"
        " (schema sign-up.json#/$defs/OpenId/type)"
    )


def test_fields_rejected_by_model_only() -> None:
    """Fields the schema accepts but the model rejects are the model's fault."""
    client, handler = _client(REMINDED)

    with pytest.raises(ModelMismatch) as raised:
        client.do_remind(open_id="o-1", tem_id=7)

    assert handler.calls == []
    assert raised.value.part == "input"
    assert str(raised.value) == (
        "params of sign-up.doRemind pass its input schema but the model"
        " DoRemindInput rejects them:\n"
        "  /temId: Input should be a valid string"
    )


def test_result_violation() -> None:
    """A result that fails the output schema raises ResultViolation."""
    client, _ = _client({"code": 0, "result": {"reminded": "yes"}})

    with pytest.raises(ResultViolation) as raised:
        client.do_remind(open_id="o-1")

    assert str(raised.value) == (
        "result of sign-up.doRemind violates its output schema:\n"
        "  /reminded: 'yes' is not of type 'boolean' (schema"
        " sign-up.json#/interfaces/doRemind/output/properties/reminded/type)"
    )


def test_schema_only_constraint_in_a_referenced_contract() -> None:
    """A not/const constraint that pydantic ignores still rejects the result,
    with the location in the referenced contract."""
    client, _ = _client(
        {"code": 0, "result": {"reminded": True, "prize": {"name": "", "points": -1}}}
    )

    with pytest.raises(ResultViolation) as raised:
        client.do_remind(open_id="o-1")

    assert [str(violation) for violation in raised.value.violations] == [
        "/prize/points: -1 is less than the minimum of 0"
        " (schema prize.json#/$defs/Prize/properties/points/minimum)",
        "/prize/name: '' should not be valid under {'const': ''}"
        " (schema prize.json#/$defs/Prize/properties/name/not)",
    ]


def test_result_rejected_by_model_only() -> None:
    """A result the schema accepts but the model rejects raises ModelMismatch,
    not a raw pydantic error."""
    client, _ = _client({"code": 0, "result": {"reminded": True, "ratio": 0.5}})

    with pytest.raises(ModelMismatch) as raised:
        client.do_remind(open_id="o-1")

    assert raised.value.problems == [
        (
            "/ratio",
            "Input should be a valid integer, got a number with a fractional part",
        )
    ]
    assert str(raised.value).splitlines()[0] == (
        "result of sign-up.doRemind passes its output schema but the model"
        " DoRemindOutput rejects it:"
    )


def test_async_handler_from_the_sync_client() -> None:
    """The sync local transport runs an async handler to completion."""

    async def handler(data: Any, context: Any) -> Any:
        await asyncio.sleep(0)
        return {"code": 0, "result": {"reminded": data["openId"] == "o-1"}}

    client = SignUpClient(LocalTransport({"doRemind": handler}))

    assert client.do_remind(open_id="o-1") == DoRemindOutput(reminded=True)


def test_async_client() -> None:
    """The async client awaits the transport and checks the reply the same way."""

    async def handler(data: Any, context: Any) -> Any:
        return {"code": 0, "result": {"reminded": True}}

    def failing(data: Any, context: Any) -> Any:
        return {"code": 1001, "msg": "余额不足"}

    async def scenario() -> tuple[DoRemindOutput, str]:
        good = AsyncSignUpClient(AsyncLocalTransport({"doRemind": handler}))
        bad = AsyncSignUpClient(AsyncLocalTransport({"doRemind": failing}))
        output = await good.do_remind(open_id="o-1")
        with pytest.raises(InterfaceError) as raised:
            await bad.do_remind(open_id="o-1")

        return output, str(raised.value)

    assert asyncio.run(scenario()) == (
        DoRemindOutput(reminded=True),
        "sign-up.doRemind failed with code 1001: 余额不足",
    )


def test_handler_gets_the_transport_context() -> None:
    """The local transport passes its context to every handler."""

    def handler(data: Any, context: Any) -> Any:
        return {"code": 0, "result": {"reminded": context == {"source": "test"}}}

    client = SignUpClient(LocalTransport({"doRemind": handler}, {"source": "test"}))

    assert client.do_remind(open_id="o-1") == DoRemindOutput(reminded=True)


def test_schemas_interfaces() -> None:
    """ContractSchemas lists interfaces and tells custom ones apart."""
    assert SCHEMAS.interface_names() == ("doRemind", "send_prize")
    assert SCHEMAS.custom_interface_names() == ("send_prize",)
    assert (SCHEMAS.is_custom("doRemind"), SCHEMAS.is_custom("send_prize")) == (
        False,
        True,
    )


def test_unknown_interface() -> None:
    """Asking for an interface the contract lacks names the known ones."""
    with pytest.raises(UnknownInterface) as raised:
        SCHEMAS.validate_input("doRemnd", {})

    assert str(raised.value) == (
        "module 'sign-up' has no interface 'doRemnd'"
        " (its interfaces: 'doRemind', 'send_prize')"
    )


def test_module_file_must_be_among_the_documents() -> None:
    """Building schemas for a contract file that is not there is a ValueError."""
    with pytest.raises(ValueError) as raised:
        ContractSchemas.from_documents({"prize.json": PRIZE}, "sign-up.json")

    assert str(raised.value) == (
        "no contract 'sign-up.json' among the documents ('prize.json')"
    )


def test_from_file(tmp_path: Path) -> None:
    """from_file reads a _contracts.json mapping."""
    path = tmp_path / "_contracts.json"
    path.write_text(
        json.dumps({"sign-up.json": SIGN_UP, "prize.json": PRIZE}), encoding="utf-8"
    )

    schemas = ContractSchemas.from_file(path, "sign-up.json")

    assert [str(v) for v in schemas.validate_output("doRemind", {})] == [
        "(root): 'reminded' is a required property"
        " (schema sign-up.json#/interfaces/doRemind/output/required)"
    ]
