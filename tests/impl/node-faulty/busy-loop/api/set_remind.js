// Fault: a synchronous loop that never ends blocks the whole worker.
module.exports = async (data) => {
  if (!data.enabled) {
    for (;;) {
      // spins forever
    }
  }

  return { code: 0, msg: 'ok', result: { setResult: true } };
};
