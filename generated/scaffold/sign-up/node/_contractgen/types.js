/**
 * JSDoc types of the custom interfaces of module sign-up, from
 * sign-up.json version 1.0.0.
 *
 * Written by contractgen: `contractgen scaffold` rewrites this file when the
 * contract changes. A handler in api/ names a type as
 * import('../_contractgen/types').<Interface>Input, for instance.
 */
'use strict';

/**
 * A code the platform's dispatcher replies with.
 *
 * @typedef {"PERMISSION_DENIED" | "METHOD_NOT_FOUND" | "METHOD_NOT_FUNCTION" | "METHOD_EXEC_FAILURE" | "UNKNOWN_ERROR"} PlatformCode
 */

/**
 * Params of send_prize.
 *
 * @typedef {Object} SendPrizeInput
 * @property {OpenId} openId - 用户在小程序下的 openId
 * @property {number} day - 本次是连续签到第几天
 * @property {Prize} prize - 一个奖品
 */

/**
 * Result of send_prize (`result` of a reply whose code is 0).
 *
 * @typedef {SendResult} SendPrizeOutput
 */

/**
 * Reply of send_prize: `result` when `code` is 0; otherwise
 * a business code (2101 OUT_OF_STOCK) or a platform code, with `msg`.
 *
 * @typedef {Object} SendPrizeReply
 * @property {number | PlatformCode} code - 0 on success
 * @property {string} [msg] - why the call failed; optional on success
 * @property {SendPrizeOutput} [result] - the result; required when code is 0
 */

/**
 * Params of sendIntegral.
 *
 * @typedef {Object} SendIntegralInput
 * @property {OpenId} openId - 用户在小程序下的 openId
 * @property {number} day - 本次是连续签到第几天
 * @property {number} points - 发放的积分数
 */

/**
 * Result of sendIntegral (`result` of a reply whose code is 0).
 *
 * @typedef {SendResult} SendIntegralOutput
 */

/**
 * Reply of sendIntegral: `result` when `code` is 0; otherwise
 * a business code or a platform code, with `msg`.
 *
 * @typedef {Object} SendIntegralReply
 * @property {number | PlatformCode} code - 0 on success
 * @property {string} [msg] - why the call failed; optional on success
 * @property {SendIntegralOutput} [result] - the result; required when code is 0
 */

/**
 * Params of set_remind.
 *
 * @typedef {Object} SetRemindInput
 * @property {OpenId} openId - 用户在小程序下的 openId
 * @property {boolean} enabled - 是否开启提醒
 * @property {string} [remindTime] - 每天提醒的时间，HH:mm
 */

/**
 * Result of set_remind (`result` of a reply whose code is 0).
 *
 * @typedef {Object} SetRemindOutput
 * @property {boolean} setResult - 是否保存成功
 */

/**
 * Reply of set_remind: `result` when `code` is 0; otherwise
 * a business code or a platform code, with `msg`.
 *
 * @typedef {Object} SetRemindReply
 * @property {number | PlatformCode} code - 0 on success
 * @property {string} [msg] - why the call failed; optional on success
 * @property {SetRemindOutput} [result] - the result; required when code is 0
 */

/**
 * 用户在小程序下的 openId
 *
 * @typedef {string} OpenId
 */

/**
 * 一个奖品
 *
 * @typedef {Object} Prize
 * @property {PrizeId} id - 奖品 ID
 * @property {string} name - 奖品名称
 * @property {PrizeType} type - 奖品类型：coupon 优惠券，physical 实物，virtual 虚拟物品，points 积分
 * @property {string | null} imageUrl - 奖品图片地址，没有图片时为 null
 * @property {number | null} [points] - 积分类奖品的积分数，其他类型为 null
 * @property {PrizeStock} stock - 库存
 * @property {Array<string>} [tags] - 运营标签
 */

/**
 * 奖品 ID
 *
 * @typedef {string} PrizeId
 */

/**
 * 库存
 *
 * @typedef {Object} PrizeStock
 * @property {number} total - 总库存
 * @property {number} remaining - 剩余库存
 */

/**
 * 奖品类型：coupon 优惠券，physical 实物，virtual 虚拟物品，points 积分
 *
 * @typedef {"coupon" | "physical" | "virtual" | "points"} PrizeType
 */

/**
 * 发放结果
 *
 * @typedef {Object} SendResult
 * @property {boolean} sendResult - 是否发放成功
 */

module.exports = {};
