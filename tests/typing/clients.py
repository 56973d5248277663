"""Static types of the generated clients, checked by mypy --strict (test_typing.py).

Nothing here runs: the functions only have to type-check.
"""

from __future__ import annotations

from typing import assert_type

from points_center import GetBalanceOutput, PointsCenterClient
from prize import GetPrizeOutput, Prize, PrizeClient
from sign_up import (
    AsyncLocalTransport,
    AsyncSignUpClient,
    DoRemindInput,
    DoRemindOutput,
    InterfaceError,
    LocalTransport,
    SendPrizeOutput,
    SignUpClient,
)


def sync_client(transport: LocalTransport) -> None:
    client = SignUpClient(transport)
    by_keywords = client.do_remind(open_id="oAbc123", temid="T1", page="pages/a")
    by_model = client.do_remind(DoRemindInput(open_id="oAbc123", temid="T1", page="p"))

    assert_type(by_keywords, DoRemindOutput)
    assert_type(by_model, DoRemindOutput)
    assert_type(by_keywords.remind_result, bool)


def cross_module_model(prize: Prize, transport: LocalTransport) -> None:
    reply = SignUpClient(transport).send_prize(open_id="oAbc123", day=1, prize=prize)

    assert_type(reply, SendPrizeOutput)
    assert_type(PrizeClient(transport).get_prize(prize_id="p-1"), GetPrizeOutput)


def other_module(transport: LocalTransport) -> None:
    balance = PointsCenterClient(transport).get_balance(open_id="oAbc123")

    assert_type(balance, GetBalanceOutput)


async def async_client(transport: AsyncLocalTransport) -> None:
    client = AsyncSignUpClient(transport)
    reply = await client.do_remind(open_id="oAbc123", temid="T1", page="p")

    assert_type(reply, DoRemindOutput)


def errors(error: InterfaceError) -> None:
    assert_type(error.code, int | str)
    assert_type(error.msg, str)
    assert_type(error.interface, str)
