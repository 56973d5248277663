// Fault: past day 20 the result comes from an old service that answers 'yes'.
module.exports = async (data) => ({
  code: 0,
  msg: 'ok',
  result: { sendResult: data.day > 20 ? 'yes' : true },
});
