"""设置提醒: 用户开启或关闭每日签到提醒时, 签到模块调用这里保存设置."""

# 用户的提醒设置, 真实业务中保存在数据库里.
settings = {}


def handler(data, context):
    settings[data["openId"]] = {
        "enabled": data["enabled"],
        "remindTime": data.get("remindTime", "08:00"),
    }
    return {"code": 0, "msg": "suc", "result": {"setResult": True}}
