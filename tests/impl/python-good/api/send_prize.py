"""发奖品: 签到满足奖励规则时, 签到模块调用这里给用户发放奖品."""

import logging

logger = logging.getLogger(__name__)

OUT_OF_STOCK = 2101


def handler(data, context):
    logger.info("参数：%s", data)
    prize = data["prize"]
    if prize["stock"]["remaining"] == 0:
        # 库存为 0 时回复接口约定的业务错误码 2101 (OUT_OF_STOCK).
        logger.info("奖品 %s 库存不足，无法发给 %s", prize["id"], data["openId"])
        return {"code": OUT_OF_STOCK, "msg": "奖品库存不足"}

    return {"code": 0, "msg": "suc", "result": {"sendResult": True}}
