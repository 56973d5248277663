"""发积分: 签到满足奖励规则时, 签到模块调用这里给用户发放积分."""

# 每位用户已发放的积分, 真实业务中保存在数据库里.
issued = {}


async def handler(data, context):
    print("参数：", data)
    open_id = data["openId"]
    issued[open_id] = issued.get(open_id, 0) + data["points"]
    return {"code": 0, "msg": "suc", "result": {"sendResult": True}}
