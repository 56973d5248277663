// Fault: a 50 MB reply on the largest grant.
module.exports = async (data) => {
  const result = { sendResult: true };
  if (data.points === 100000) result.log = 'x'.repeat(50 * 1024 * 1024);
  return { code: 0, msg: 'ok', result };
};
