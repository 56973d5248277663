/**
 * JSDoc types of the custom interfaces of module points-center, from
 * points-center.json version 1.0.0.
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
 * Params of onPointsChanged.
 *
 * @typedef {Object} OnPointsChangedInput
 * @property {OpenId} openId - 用户在小程序下的 openId
 * @property {PointsRecord} record - 一条积分明细
 */

/**
 * Result of onPointsChanged (`result` of a reply whose code is 0).
 *
 * @typedef {Object} OnPointsChangedOutput
 * @property {boolean} handled - 业务方是否已处理
 */

/**
 * Reply of onPointsChanged: `result` when `code` is 0; otherwise
 * a business code or a platform code, with `msg`.
 *
 * @typedef {Object} OnPointsChangedReply
 * @property {number | PlatformCode} code - 0 on success
 * @property {string} [msg] - why the call failed; optional on success
 * @property {OnPointsChangedOutput} [result] - the result; required when code is 0
 */

/**
 * 用户在小程序下的 openId
 *
 * @typedef {string} OpenId
 */

/**
 * 一条积分明细
 *
 * @typedef {Object} PointsRecord
 * @property {string} recordId - 明细 ID
 * @property {number} change - 变动值，正数为增加，负数为扣减
 * @property {number} balance - 变动后的余额
 * @property {Source} source - 积分变动的来源
 * @property {string | null} remark - 备注，没有时为 null
 * @property {number} createdAt - 变动时间，Unix 毫秒时间戳
 */

/**
 * 积分变动的来源
 *
 * @typedef {Object} Source
 * @property {"sign-up" | "prize" | "admin"} module - 来源模块：sign-up 签到打卡，prize 奖品兑换，admin 后台调整
 * @property {string} bizId - 来源模块内的业务单号，用于去重
 */

module.exports = {};
