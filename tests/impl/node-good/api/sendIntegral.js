const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

// 每位用户已发放的积分，真实业务中保存在数据库里。
const issued = new Map();

/**
 * 发积分：签到满足奖励规则时，签到模块调用这里给用户发放积分。
 * @param { object } data - 业务入参 { openId, day, points }
 * @returns { object } - { code, msg, result: { sendResult } }
 */
module.exports = async (data) => {
  console.log('参数：', data);
  const { openId, points } = data;
  issued.set(openId, (issued.get(openId) || 0) + points);
  return {
    code: 0,
    msg: 'suc',
    result: {
      sendResult: true,
    },
  };
};
