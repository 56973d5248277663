/** set_remind, completed: stores each user's setting. */
'use strict';

const reminders = new Map();

/**
 * @param {import('../_contractgen/types').SetRemindInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').SetRemindReply>}
 */
module.exports = async (data, context) => {
  reminders.set(data.openId, { enabled: data.enabled, remindTime: data.remindTime });
  return { code: 0, msg: 'ok', result: { setResult: true } };
};
