const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

/**
 * 发奖品：签到满足奖励规则时，签到模块调用这里给用户发放奖品。
 * @param { object } data - 业务入参 { openId, day, prize }
 * @returns { object } - { code, msg, result: { sendResult } }
 */
module.exports = async (data) => {
  console.log('参数：', data);
  const { openId, prize } = data;
  if (prize.stock.remaining === 0) {
    // 库存为 0 时由发奖服务抛错，平台回复 METHOD_EXEC_FAILURE。
    throw new Error(`奖品 ${prize.id} 库存不足，无法发给 ${openId}`);
  }

  return {
    code: 0,
    msg: 'suc',
    result: {
      sendResult: true,
    },
  };
};
