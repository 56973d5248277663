"""发奖品: 签到满足奖励规则时, 签到模块调用这里给用户发放奖品."""

import logging

logger = logging.getLogger(__name__)


class OutOfStock(Exception):
    """奖品库存不足."""


def handler(data, context):
    logger.info("参数：%s", data)
    prize = data["prize"]
    if prize["stock"]["remaining"] == 0:
        # 库存为 0 时由发奖服务抛错, 平台回复 METHOD_EXEC_FAILURE.
        raise OutOfStock(f"奖品 {prize['id']} 库存不足，无法发给 {data['openId']}")

    return {"code": 0, "msg": "suc", "result": {"sendResult": True}}
