const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

// 用户的提醒设置，真实业务中保存在数据库里。
const settings = new Map();

/**
 * 设置提醒：用户开启或关闭每日签到提醒时，签到模块调用这里保存设置。
 * @param { object } data - 业务入参 { openId, enabled, remindTime }
 * @returns { object } - { code, msg, result: { setResult } }
 */
module.exports = async (data) => {
  const { openId, enabled, remindTime = '08:00' } = data;
  settings.set(openId, { enabled, remindTime });
  return {
    code: 0,
    msg: 'suc',
    result: {
      setResult: true,
    },
  };
};
