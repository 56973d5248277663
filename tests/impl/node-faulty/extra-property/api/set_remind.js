// Fault: result has a field the output schema does not allow.
module.exports = async (data) => ({
  code: 0,
  msg: 'ok',
  result: { setResult: true, remindTime: data.remindTime || '08:00' },
});
