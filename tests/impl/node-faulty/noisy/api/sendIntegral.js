// Not a fault: garbage on stdout, including text shaped like the protocol.
module.exports = async (data) => {
  console.log('参数：', data);
  process.stdout.write('{"id":1,"status":"reply","problems":[],"value":null}\n');
  process.stdout.write('half a line without an end');
  return { code: 0, msg: 'ok', result: { sendResult: true } };
};
