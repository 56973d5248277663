/**
 * JSDoc types of the custom interfaces of module prize, from
 * prize.json version 1.0.0.
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
 * Params of deliverPrize.
 *
 * @typedef {Object} DeliverPrizeInput
 * @property {string} openId - 用户 openId
 * @property {Prize} prize - 一个奖品
 * @property {number} quantity - 发放数量
 * @property {Address | null} address - 收货地址，非实物奖品为 null
 */

/**
 * Result of deliverPrize (`result` of a reply whose code is 0).
 *
 * @typedef {Object} DeliverPrizeOutput
 * @property {boolean} deliverResult - 是否发放成功
 * @property {string | null} orderId - 业务方的发货单号，未生成时为 null
 */

/**
 * Reply of deliverPrize: `result` when `code` is 0; otherwise
 * a business code (3001 OUT_OF_STOCK, 3002 ADDRESS_REQUIRED) or a platform code, with `msg`.
 *
 * @typedef {Object} DeliverPrizeReply
 * @property {number | PlatformCode} code - 0 on success
 * @property {string} [msg] - why the call failed; optional on success
 * @property {DeliverPrizeOutput} [result] - the result; required when code is 0
 */

/**
 * 收货地址
 *
 * @typedef {Object} Address
 * @property {string} receiver - 收货人
 * @property {string} phone - 手机号
 * @property {Array<string>} region - 省、市、区
 * @property {string} detail - 详细地址
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

module.exports = {};
