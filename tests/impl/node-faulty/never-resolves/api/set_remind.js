// Fault: the promise never settles, as when a callback is never called.
module.exports = () => new Promise(() => {});
