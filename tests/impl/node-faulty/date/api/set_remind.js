// Fault: a Date in the reply, which JSON turns into a string silently.
module.exports = async () => ({
  code: 0,
  msg: 'ok',
  result: { setResult: true, updatedAt: new Date(0) },
});
