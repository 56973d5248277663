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
    // 库存为 0 时回复接口约定的业务错误码 2101（OUT_OF_STOCK）。
    console.log(`奖品 ${prize.id} 库存不足，无法发给 ${openId}`);
    return { code: 2101, msg: '奖品库存不足' };
  }

  return {
    code: 0,
    msg: 'suc',
    result: {
      sendResult: true,
    },
  };
};
